/**
 * `truncation` (bilingual, document): a translation cut short — much shorter than its source
 * for what the document's other translations need, and ending where no text ends (on an article,
 * a preposition or a conjunction, a Japanese particle, a comma), where the source does not.
 *
 * Lengths are counted by character class, so that scripts compare (a Han character says about
 * what three Latin letters do, a kana what one and a half do), with markup, placeholders and URLs
 * left out. The expected ratio of target to source length is the median of the document's own
 * segments (at least `minCalibration` of them; else the languages' densities), so that it fits
 * the language pair and the kind of text. A segment is reported when its ratio is under
 * `shortRatio` × expected and its end dangles, or under `veryShortRatio` × expected whatever its
 * end; sources of fewer than `minSourceLength` weighted characters, and code, are not measured.
 */
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { dictionaryFor, hasDictionary } from "../analysis/dictionary.js";
import { trailingRunStart } from "../analysis/text.js";
import { expandMessage } from "../engine/matcher.js";
import { imbalance } from "./bracket-parity.js";
import { primary, proseOf, sourceLanguageOf, sourceOf, wholeTarget } from "./support/bilingual.js";

interface TruncationSpec extends RuleSpec {
  /** Words no text ends with, per language: articles, prepositions, conjunctions, particles. */
  danglingWords: Record<string, string[]>;
  shortRatio?: number;
  veryShortRatio?: number;
  minSourceLength?: number;
  /** Words a source needs for a target under `veryShortRatio` to be reported however it ends (default 6). */
  minVeryShortWords?: number;
  minCalibration?: number;
  /** Where the source has no final mark, a target that ends on a dangling word is cut only under this share of the expected length (default 0.8). */
  fragmentRatio?: number;
}

/** Characters a language needs for what English says in 1, by weighted length (for documents too small to calibrate). */
export const DENSITY: Record<string, number> = { en: 1, de: 1.25, fr: 1.2, es: 1.2, it: 1.15, pt: 1.15, nl: 1.15, ru: 1.1, pl: 1.1, zh: 0.85, ja: 1.3, ko: 0.9 };

/** Length by character class: letters and digits 1, a Han character 3, kana 1.5, a Hangul syllable 2. */
export function weightedLength(text: string): number {
  let n = 0;
  for (const ch of proseOf(text)) {
    if (/\p{Script=Han}/u.test(ch)) n += 3;
    else if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) n += 1.5;
    else if (/\p{Script=Hangul}/u.test(ch)) n += 2;
    else if (/[\p{L}\p{N}]/u.test(ch)) n += 1;
  }
  return n;
}

/** Code, not prose: paths, calls, assignments, identifiers, SQL. */
export const CODE = /(?<![\w.-])[\w.-]+\/[\w.-]+\/|\b\w+\([^)]*\)|[=;{}$]|\b[a-z]+_[a-z_]+\b|\b(?:SELECT|FROM|WHERE|INSERT|UPDATE)\b/u;

const wordsIn = (text: string) => (proseOf(text).match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** The last word is cut: the beginning of a longer word of the language's dictionary (where mtlint has one), not a word itself. */
function endsInPartWord(text: string, language: string): boolean {
  if (!hasDictionary(language)) return false;
  const last = /(?<![\p{L}\p{M}'’-])\p{L}[\p{L}\p{M}]{2,}$/u.exec(proseOf(text).trimEnd())?.[0];
  if (!last || /^\p{Lu}/u.test(last)) return false;
  const dictionary = dictionaryFor(language);
  // The prefix search first: it is quick on any word, while a compound split of a long word is not.
  return dictionary.beginsWord(last) && !dictionary.isKnown(last) && !dictionary.isLooseCompound(last);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export const truncationKind: RuleKind = {
  name: "truncation",
  fixes: () => "none",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as TruncationSpec;
    const shortRatio = spec.shortRatio ?? 0.85;
    const veryShortRatio = spec.veryShortRatio ?? 0.35;
    const minSourceLength = spec.minSourceLength ?? 12;
    const minVeryShortWords = spec.minVeryShortWords ?? 6;
    const minCalibration = spec.minCalibration ?? 20;
    const fragmentRatio = spec.fragmentRatio ?? 0.8;
    const dangling = new Map(Object.entries(spec.danglingWords).map(([language, words]) => [language, new Set(words.map((w) => w.toLowerCase()))]));
    /** The text ends where no text ends: a dangling word, an opening bracket or a hyphen. */
    const dangles = (text: string, language: string) => {
      const end = proseOf(text).trimEnd();
      if (/[(（\[«„-]$/u.test(end)) return true;
      const words = dangling.get(language);
      if (!words) return false;
      if (language === "ja" || language === "zh") return [...words].some((w) => end.endsWith(w));
      // (By a backward scan: /[\p{L}'’]+$/ would rescan a long word inside the text from each of its letters.)
      const lastStart = trailingRunStart(end, /[\p{L}'’]/u);
      const last = lastStart < end.length ? end.slice(lastStart).toLowerCase() : undefined;
      return last !== undefined && words.has(last.replace(/^.*['’]/u, "")) && !/['’]$/u.test(last);
    };
    return {
      spec,
      checkDocument(document, analyses, report) {
        const measured = analyses.flatMap((analysis, index) => {
          const source = sourceOf(analysis);
          const target = analysis.segment.target;
          if (!source || CODE.test(source) || CODE.test(proseOf(analysis.text))) return [];
          const sourceLength = weightedLength(source);
          const targetLength = weightedLength(analysis.text);
          if (sourceLength < minSourceLength || targetLength === 0 || source.trim() === target.trim()) return [];
          return [{ analysis, index, source, ratio: targetLength / sourceLength }];
        });
        if (!measured.length) return;
        const from = sourceLanguageOf(analyses[0]!, measured[0]!.source, document.sourceLanguage) ?? "en";
        const to = primary(analyses[0]!.language) ?? "en";
        const expected = measured.length >= minCalibration ? median(measured.map((m) => m.ratio)) : (DENSITY[to] ?? 1) / (DENSITY[from] ?? 1);
        for (const { analysis, index, source, ratio } of measured) {
          const relative = ratio / expected;
          if (relative >= shortRatio) continue;
          const language = primary(analysis.language) ?? "";
          const sourceLanguage = sourceLanguageOf(analysis, source, document.sourceLanguage) ?? "en";
          // A source that continues a sentence (lower case first) or breaks off itself is a fragment: its translation may
          // end anywhere, unless the fragment ends the sentence (a full stop).
          const continues = /^[\s\p{P}]*\p{Ll}/u.test(proseOf(source));
          // So is one whose bracket stays open ("… objects (see" split at the abbreviation): the sentence goes on in the next unit.
          const unclosed = imbalance(proseOf(source)).some((n) => n > 0);
          // (Not even at a third of its length: words move between the fragments of one sentence, "hat den" for "has the".)
          if (unclosed || dangles(source, sourceLanguage) || (continues && !/[.!?。！？]\s*$/u.test(proseOf(source)))) continue;
          const danglingEnd = dangles(analysis.text, language);
          const cut = danglingEnd || endsInPartWord(analysis.text, language);
          // A source without final punctuation has a value or a link joined after it ("please see account"): a target of
          // nearly its length that ends on an article or a particle (not inside a word) stops where the source does.
          if (danglingEnd && relative >= fragmentRatio && !/[.!?。！？:：;；…]["'”’»)）]*\s*$/u.test(proseOf(source).trimEnd())) continue;
          if (!cut && (continues || relative >= veryShortRatio || wordsIn(source) < minVeryShortWords)) continue;
          const detail = `${Math.round(relative * 100)} % of the length the document's translations give such a source${cut ? ", and it breaks off" : ""}`;
          report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandMessage(spec.message, [detail]) });
        }
      },
    };
  },
};
