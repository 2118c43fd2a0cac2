/** `repetition`: the same word twice in a row ("the the"), separated only by spaces. */
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { makeFix } from "../engine/fixes.js";
import { expandTemplate } from "../engine/matcher.js";

interface RepetitionSpec extends RuleSpec {
  /** Words that are correctly doubled ("had had", "that that"), compared in lower case. */
  exceptions?: string[];
}

export const repetitionKind: RuleKind = {
  name: "repetition",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as RepetitionSpec;
    const exceptions = new Set((spec.exceptions ?? []).map((w) => w.toLowerCase()));
    return {
      spec,
      checkSegment(analysis, index, report) {
        const { tokens, text } = analysis;
        for (let i = 1; i < tokens.length; i++) {
          const first = tokens[i - 1]!;
          const second = tokens[i]!;
          if (first.text.length !== second.text.length) continue; // most pairs: no lower-casing needed
          const word = first.text.toLowerCase();
          if (word !== second.text.toLowerCase() || exceptions.has(word)) continue;
          if (!/^[ \t\u00a0]*(?:\r?\n)?[ \t\u00a0]*$/u.test(text.slice(first.end, second.start))) continue;
          // "Sing Sing", "Walla Walla": a capitalised repeat is a name, not a slip.
          if (/^\p{Lu}/u.test(second.text)) continue;
          // Initials and single letters ("J. J.", "a a" in lists) are not prose repetition.
          if ([...word].length < 2 || !/\p{L}/u.test(word)) continue;
          report(index, {
            start: first.start,
            end: second.end,
            message: expandTemplate(spec.message, [text.slice(first.start, second.end), first.text]),
            fix: makeFix(text, { start: first.end, end: second.end }, "", spec.applicability ?? "safe", `Delete the second “${second.text}”`),
          });
        }
      },
    };
  },
};
