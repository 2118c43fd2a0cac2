/** `pattern`: a regular expression, a message, and optionally a replacement with $1..$9. */
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { compileMatcher, expandTemplate, type Matcher } from "../engine/matcher.js";
import { pointerToken } from "../core/errors.js";
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
    return {
      spec,
      checkSegment(analysis, index, report) {
        const text = analysis.text;
        let excepted: { start: number; end: number }[] | undefined;
        for (const m of matcher.matchAll(text)) {
          excepted ??= exceptions.flatMap((e) => [...e.matchAll(text)]);
          if (excepted.some((e) => e.start <= m.start && m.end <= e.end)) continue;
          report(index, {
            start: m.start,
            end: m.end,
            message: expandTemplate(spec.message, m.groups),
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
