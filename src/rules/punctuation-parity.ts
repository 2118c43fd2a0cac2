/**
 * `punctuation-parity` (bilingual): the target's final punctuation against the source's, by
 * class, so that each language writes its own marks ("." ↔ "。" ↔ "।", "?" ↔ "？" ↔ "؟", Greek ";"
 * for "?"): a question whose translation is not a question (or the reverse), an exclamation lost,
 * a final mark changed to another class (". ↔ !", ": ↔ ."), and a final full stop, colon or
 * semicolon lost (the one safe fix: the source ends with a full stop, the target with a word). A
 * semicolon ending a list item is a full stop in the comparison (languages end list items either
 * way); a full stop turned into a colon (the translation introduces what follows) is not compared,
 * nor an exclamation toned down to a full stop (interface style in German, Japanese, Spanish), nor a
 * colon written as a Japanese sentence ending in "。" (Japanese announces a list with a sentence); an
 * English target in title case (a heading, an element's name) has no full stop to lose.
 *
 * A lost full stop counts only after a sentence: a source of at least `minWords` words that
 * starts with a capital (or in a script without case) and whose last word is not an
 * abbreviation — "(см.", "et al." end units cut inside a sentence, and a heading's or a
 * fragment's full stop is often dropped on purpose. Japanese and Korean may ask without a
 * question mark; Thai, Lao and Khmer end sentences without one.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { trailingRunStart, withoutTrailing } from "../analysis/text.js";
import { expandMessage } from "../engine/matcher.js";
import { primary, proseOf, sourceOf, wholeTarget } from "./support/bilingual.js";

interface PunctuationParitySpec extends RuleSpec {
  /** Words a source sentence needs before its lost full stop is reported (default 4). */
  minWords?: number;
  /** Abbreviations of any language (without their full stop) that end units cut inside a sentence. */
  abbreviations?: string[];
}

type MarkClass = "stop" | "question" | "exclamation" | "colon" | "ellipsis" | "comma";

const CLASS_OF: Record<string, MarkClass> = {
  ".": "stop", "。": "stop", "．": "stop", "।": "stop", "۔": "stop", "։": "stop", "။": "stop",
  "?": "question", "？": "question", "؟": "question", "\u037e": "question",
  "!": "exclamation", "！": "exclamation",
  ":": "colon", "：": "colon",
  // A semicolon ends list items where other languages end them with a full stop: the same class.
  ";": "stop", "；": "stop", "؛": "stop",
  "…": "ellipsis",
  ",": "comma", "，": "comma", "、": "comma", "،": "comma",
};
const NAMES: Record<MarkClass, string> = {
  stop: "a full stop", question: "a question mark", exclamation: "an exclamation mark", colon: "a colon",
  ellipsis: "an ellipsis", comma: "a comma",
};

/** Closing quotes, brackets and emphasis after the final mark (one character of them). */
const CLOSER = /[\s"'”’»›)\]）」』】〉》*_]/u;
/** Line-break escapes written as text at the end ("。\\n"): what comes before them is the text's end. */
function withoutTrailingEscapes(text: string): string {
  // Scanned backwards: /(?:\\[nrt])+\s*$/ would be tried again from every escape of a long run.
  let end = text.length;
  while (end > 0 && /\s/u.test(text[end - 1]!)) end--;
  let start = end;
  while (start >= 2 && text[start - 2] === "\\" && "nrt".includes(text[start - 1]!)) start -= 2;
  return start < end ? text.slice(0, start) : text;
}

const QUESTION = /[?？؟\u037e]/u;
const EXCLAMATION = /[!！]/u;

/** Targets in these languages may ask a question without a question mark (Japanese …か。). */
const QUESTION_WITHOUT_MARK = new Set(["ja", "ko"]);
/** Languages that end sentences without a full stop. */
const NO_FULL_STOP = new Set(["th", "lo", "km"]);

/** Short words that stay lowercase in an English title ("the", "of", "and", "with"). */
const TITLE_SHORT_WORD = /^[\p{Ll}]{1,4}$/u;
/** English in title case, as headings and names of interface elements are: three words or more, every longer word capitalized. */
function isEnglishTitle(text: string): boolean {
  const words = text.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  const long = words.filter((w) => !TITLE_SHORT_WORD.test(w));
  return words.length >= 3 && long.length >= 2 && long.every((w) => /^\p{Lu}/u.test(w));
}

/** The text without closing quotes and brackets at its end. */
const ending = (text: string) => withoutTrailing(text, CLOSER);
/** A character of the word that ends the target (which starts with a letter or digit). */
const IN_LAST_WORD = /[\p{L}\p{N}\p{M}'’-]/u;

/** The class of the text's final mark ("..." is an ellipsis), or undefined when it ends with a word. */
function finalClass(text: string, language: string): MarkClass | undefined {
  if (/(?:\.\.\.|…)$/u.test(text)) return "ellipsis";
  const last = text.at(-1) ?? "";
  if (last === ";" && language === "el") return "question";
  return CLASS_OF[last];
}

export const punctuationParityKind: RuleKind = {
  name: "punctuation-parity",
  fixes: () => "safe",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as PunctuationParitySpec;
    const minWords = spec.minWords ?? 4;
    const abbreviations = new Set((spec.abbreviations ?? []).map((a) => a.toLowerCase()));
    /** A source that ends a sentence: enough words, a capital first (in scripts with case), no abbreviation last. */
    const endsSentence = (source: string) => {
      const words = source.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu) ?? [];
      if (words.length < minWords) return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(source) && source.length >= 8;
      const first = words[0]![0]!;
      if (first !== first.toUpperCase() && first.toUpperCase() !== first.toLowerCase()) return false;
      // A single letter before the full stop is an initial or an abbreviation cut in two units ("т.").
      const last = /(?<![\p{L}.])([\p{L}][\p{L}.]*)\.$/u.exec(source)?.[1];
      return !(last && (abbreviations.has(last.toLowerCase()) || [...last].length === 1));
    };
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const rawSource = sourceOf(analysis);
        if (!rawSource) return;
        const source = proseOf(rawSource).trim();
        const target = withoutTrailingEscapes(proseOf(analysis.text));
        const trimmedEnd = target.trimEnd().length;
        const srcEnd = ending(source);
        const tgtEnd = ending(target.slice(0, trimmedEnd));
        if (!srcEnd || !tgtEnd || !/[\p{L}\p{N}]/u.test(tgtEnd)) return;
        const whole = { ...wholeTarget(analysis), spansMarkup: true };
        const say = (detail: string) => expandMessage(spec.message, [detail]);
        const language = primary(analysis.language) ?? "";
        const srcClass = finalClass(srcEnd, primary(analysis.segment.srcLang) ?? "");
        const tgtClass = finalClass(tgtEnd, language);
        if (srcClass === tgtClass) return;
        if (srcClass === "question") {
          if (!QUESTION.test(target) && !QUESTION_WITHOUT_MARK.has(language)) report(index, { ...whole, message: say("the source is a question, the target is not") });
          return;
        }
        if (tgtClass === "question") {
          // "How often should we e-mail you about:" may well be asked.
          if (srcClass && srcClass !== "colon" && !QUESTION.test(source)) report(index, { ...whole, message: say("the target is a question, the source is not") });
          return;
        }
        if (srcClass === "exclamation") {
          // A full stop for it tones the exclamation down, as German, Japanese and Spanish interface style asks.
          if (!EXCLAMATION.test(target) && tgtClass !== "ellipsis" && tgtClass !== "stop") report(index, { ...whole, message: say("the source ends with an exclamation mark, the target has none") });
          return;
        }
        // A target that ends with a word lost the source's final mark.
        if (tgtClass === undefined) {
          if (srcClass === "colon") {
            report(index, { ...whole, message: say(`the source ends with ${NAMES[srcClass]}, the target does not`) });
            return;
          }
          if (srcClass !== "stop" || NO_FULL_STOP.has(language) || tgtEnd.length !== target.slice(0, trimmedEnd).length || !endsSentence(srcEnd)) return;
          // An English title takes no full stop.
          if (language === "en" && isEnglishTitle(tgtEnd)) return;
          // The last word of the target is flagged; the fix adds the full stop after it.
          // (Found by a backward scan: /[\p{L}\p{N}][…]*$/ would rescan a long run of word characters from each of them.)
          const wordPart = trailingRunStart(tgtEnd, IN_LAST_WORD);
          const firstLetter = tgtEnd.slice(wordPart).search(/[\p{L}\p{N}]/u);
          if (firstLetter < 0) return;
          const stop = ["zh", "ja"].includes(language) ? "。" : ".";
          report(index, {
            start: wordPart + firstLetter,
            end: tgtEnd.length,
            message: say("the source ends with a full stop, the target does not"),
            fix: { title: `Add “${stop}” at the end`, applicability: "safe", edits: [{ start: tgtEnd.length, end: tgtEnd.length, text: stop, expected: "" }] },
          });
          return;
        }
        // Both end with a mark, of different classes: a mark changed. An ellipsis may stand for either; a
        // target that stops at a comma where a sentence ends is cut short, one that the source ends so is a fragment.
        if (srcClass === undefined || srcClass === "comma" || [srcClass, tgtClass].includes("ellipsis")) return;
        // A statement turned into the introduction of what follows is a translator's choice; the reverse loses what the colon announced.
        if (srcClass === "stop" && tgtClass === "colon") return;
        // Japanese announces what follows with a sentence ("以下のことができなくなります。" for "will no longer be able to:").
        if (srcClass === "colon" && tgtClass === "stop" && language === "ja" && tgtEnd.endsWith("。")) return;
        if (tgtClass === "comma" && srcClass === "stop" && !endsSentence(srcEnd)) return;
        report(index, { ...whole, message: say(`the source ends with ${NAMES[srcClass]}, the target with ${NAMES[tgtClass]}`) });
      },
    };
  },
};
