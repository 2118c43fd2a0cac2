/**
 * `format-consistency`: one document writing the same kind of thing two ways — dates as
 * "15 October 2006" and "October 15, 2006", straight and curly quotation marks. Each class is a
 * pattern; when a document uses more than one, the occurrences outside the clear majority class
 * are flagged. A tie says nothing about which is intended, so it is not flagged. With
 * `keptFromSource`, marks a translation writes as its source does (straight quotation marks around
 * the source's "shadow" or "client_id") are the source's style, not the document's: not counted.
 * A `preferred` class, the language's own style, is never flagged.
 */
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { pointerToken } from "../core/errors.js";
import { keptFromSource } from "../engine/lint.js";
import { compileMatcher, expandMessage } from "../engine/matcher.js";

interface FormatClass {
  name: string;
  pattern: string;
  /** The language's own style (Spanish « »): never flagged as the minority, where the document would be unified to it. */
  preferred?: boolean;
}

interface FormatConsistencySpec extends RuleSpec {
  classes: FormatClass[];
}

export const formatConsistencyKind: RuleKind = {
  name: "format-consistency",
  fixes: () => "none",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as FormatConsistencySpec;
    const classes = spec.classes.map((c, i) => ({
      name: c.name,
      matcher: compileMatcher(c.pattern, { trusted: env.trusted, file: env.file, pointer: `${env.pointer}/classes/${pointerToken(i)}/pattern` }),
    }));
    return {
      spec,
      checkDocument(_document, analyses, report) {
        const kept = spec.keptFromSource;
        const found = classes.map((c) =>
          analyses.flatMap((a, segment) =>
            [...c.matcher.matchAll(a.text)].flatMap((m) => (kept && keptFromSource(kept, m.groups[0]!, a.segment) ? [] : [{ segment, start: m.start, end: m.end, text: m.groups[0]! }])),
          ),
        );
        const counts = found.map((f) => f.length);
        const used = counts.filter((n) => n > 0).length;
        const top = Math.max(...counts);
        if (used < 2 || counts.filter((n) => n === top).length > 1) return;
        const majority = counts.indexOf(top);
        found.forEach((occurrences, i) => {
          if (i === majority || spec.classes[i]!.preferred) return;
          for (const o of occurrences) {
            report(o.segment, { start: o.start, end: o.end, message: expandMessage(spec.message, [o.text, classes[i]!.name, classes[majority]!.name, String(top)]) });
          }
        });
      },
    };
  },
};
