/** `pattern`: a regular expression, a message, and optionally a replacement with $1..$9. */
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { compileMatcher, expandMessage, expandTemplate, highestGroup, type Matcher } from "../engine/matcher.js";
import { configError, pointerToken } from "../core/errors.js";
import type { Span } from "../core/types.js";
import { makeFix } from "../engine/fixes.js";

interface PatternSpec extends RuleSpec {
  pattern: string;
  ignoreCase?: boolean;
  replace?: string;
  /** Matches lying inside a match of one of these are not flagged. */
  exceptions?: string[];
}

export const patternKind: RuleKind = {
  name: "pattern",
  fixes: (spec) => (spec.replace === undefined ? "none" : (spec.applicability ?? "safe")),
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as PatternSpec;
    const at = (field: string) => ({ trusted: env.trusted, ignoreCase: spec.ignoreCase, file: env.file, pointer: `${env.pointer}/${field}` });
    const matcher = compileMatcher(spec.pattern, at("pattern"));
    const exceptions: Matcher[] = (spec.exceptions ?? []).map((p, i) => compileMatcher(p, at(`exceptions/${pointerToken(i)}`)));
    // A $N past the pattern's groups would be left empty in every message (“”) or fix.
    for (const field of ["message", "replace"] as const) {
      const template = spec[field];
      const highest = template === undefined ? 0 : highestGroup(template);
      if (highest > matcher.groupCount) throw configError(`"$${highest}" names a group the pattern does not have (it has ${matcher.groupCount})`, { file: env.file, pointer: `${env.pointer}/${field}` });
    }
    return {
      spec,
      checkSegment(analysis, index, report) {
        const text = analysis.text;
        let excepted: Covering | undefined;
        for (const m of matcher.matchAll(text)) {
          excepted ??= new Covering(exceptions.flatMap((e) => [...e.matchAll(text)]));
          if (excepted.covers(m)) continue;
          report(index, {
            start: m.start,
            end: m.end,
            message: expandMessage(spec.message, m.groups),
            fix:
              spec.replace === undefined
                ? undefined
                : makeFix(text, m, expandTemplate(spec.replace, m.groups), spec.applicability ?? "safe"),
          });
        }
      },
    };
  },
};

/**
 * Spans (exception matches, which may overlap) sorted by start, with the furthest end so far:
 * whether one covers a match is a binary search, not a scan of all of them per match.
 */
class Covering {
  private readonly starts: number[];
  private readonly furthestEnd: number[];

  constructor(spans: Span[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    let end = -1;
    this.furthestEnd = sorted.map((s) => (end = Math.max(end, s.end)));
  }

  /** Whether a span starts at or before `span` and ends at or after it. */
  covers(span: Span): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= span.start) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.furthestEnd[lo - 1]! >= span.end;
  }
}
