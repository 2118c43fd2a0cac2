/**
 * `punctuation-parity` (bilingual): the target's punctuation against the source's — a question
 * whose translation is not a question (or the reverse), an exclamation lost or added, a final
 * full stop missing (the one safe fix: the source ends with one, the target with a letter or
 * digit), and parentheses or quotation marks in the source with none in the target.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { trailingRunStart, withoutTrailing } from "../analysis/text.js";
import { expandTemplate } from "../engine/matcher.js";
import { primary, proseOf, sourceOf, wholeTarget } from "./bilingual.js";

const CLOSER = /[\s"'”’»)\]）」』】〉》*_]/u;
const QUESTION = /[?？]/u;
const EXCLAMATION = /[!！]/u;
const FULL_STOP = /[.。．]$/u;
const QUOTES = /["“”«»„「」『』]/gu;
const PARENS = /[(（]/gu;

/** Targets in these languages may ask a question without a question mark (Japanese …か。). */
const QUESTION_WITHOUT_MARK = new Set(["ja", "ko"]);

/** The text without closing quotes and brackets at its end. */
const ending = (text: string) => withoutTrailing(text, CLOSER);
/** A character of the word that ends the target (which starts with a letter or digit). */
const IN_LAST_WORD = /[\p{L}\p{N}\p{M}'’-]/u;

export const punctuationParityKind: RuleKind = {
  name: "punctuation-parity",
  fixes: () => "safe",
  compile(spec: RuleSpec): CompiledRule {
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const rawSource = sourceOf(analysis);
        if (!rawSource) return;
        const source = proseOf(rawSource).trim();
        const target = proseOf(analysis.text);
        const trimmedEnd = target.trimEnd().length;
        const srcEnd = ending(source);
        const tgtEnd = ending(target.slice(0, trimmedEnd));
        if (!srcEnd || !tgtEnd || !/[\p{L}\p{N}]/u.test(tgtEnd)) return;
        const whole = { ...wholeTarget(analysis), spansMarkup: true };
        const say = (detail: string) => expandTemplate(spec.message, [detail]);
        const language = primary(analysis.language) ?? "";
        const srcLast = srcEnd.at(-1)!;
        const tgtLast = tgtEnd.at(-1)!;
        if (QUESTION.test(srcLast) && !QUESTION.test(target) && !QUESTION_WITHOUT_MARK.has(language)) {
          report(index, { ...whole, message: say("the source is a question, the target is not") });
          return;
        }
        if (QUESTION.test(tgtLast) && !QUESTION.test(source) && !/[かか吗嗎呢吧][。.]?$/u.test(srcEnd)) {
          report(index, { ...whole, message: say("the target is a question, the source is not") });
          return;
        }
        if (EXCLAMATION.test(srcLast) && !EXCLAMATION.test(target)) {
          report(index, { ...whole, message: say("the source ends with an exclamation mark, the target has none") });
          return;
        }
        if (FULL_STOP.test(srcEnd) && /[\p{L}\p{N}]/u.test(tgtLast) && tgtEnd.length === target.slice(0, trimmedEnd).length && /\p{L}{2}[.。．]$/u.test(srcEnd)) {
          // The last word of the target is flagged; the fix adds the full stop after it.
          const wordPart = trailingRunStart(tgtEnd, IN_LAST_WORD);
          const lastWord = wordPart + tgtEnd.slice(wordPart).search(/[\p{L}\p{N}]/u);
          const stop = ["zh", "ja"].includes(language) ? "。" : ".";
          report(index, {
            start: lastWord,
            end: tgtEnd.length,
            message: say("the source ends with a full stop, the target does not"),
            fix: { title: `Add “${stop}” at the end`, applicability: "safe", edits: [{ start: tgtEnd.length, end: tgtEnd.length, text: stop, expected: "" }] },
          });
          return;
        }
        const pairs = (text: string, re: RegExp) => (text.match(re) ?? []).length;
        if (pairs(source, PARENS) >= 1 && /[)）]/u.test(source) && pairs(target, PARENS) === 0 && !/[)）]/u.test(target)) {
          report(index, { ...whole, message: say("the source has a parenthesis, the target none") });
          return;
        }
        if (pairs(source, QUOTES) >= 2 && pairs(target, QUOTES) === 0 && !/(?<!\p{L})'|'(?!\p{L})|‘|’(?!\p{L})/u.test(target)) {
          report(index, { ...whole, message: say("the source has quotation marks, the target none") });
        }
      },
    };
  },
};
