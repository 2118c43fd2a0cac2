/**
 * `foreign-word`: a source word left in English, written in Latin letters — a transliterated
 * Russian word ("on udalenke"), a Swedish or German one — and a name that kept its source case
 * ending ("went to Cherchesovu" where the document names Cherchesov).
 *  - Words: lower-case words the English dictionary does not know (nor in a British spelling, nor
 *    capitalised as a name anywhere in the document) are judged by a character model of English
 *    against other languages (src/analysis/foreign-words.ts); those it takes for another language
 *    are reported. Capitalised words are names, not judged.
 *  - Case endings: a capitalised word the dictionary does not know that is another name of the
 *    document with one of the spec's case endings in place of its own ending (`caseEndings`: pairs
 *    of the name's ending and the inflected one, "a" → "y" for Moskva → Moskvy). A word that a
 *    source in another script writes in Latin letters is a name as its owner spells it (the product
 *    "Loginom" beside "Login"), not one the translation inflected.
 */
import { dictionaryFor, type HunspellDictionary } from "../analysis/dictionary.js";
import { foreignWordModel, type ForeignVerdict, type ForeignWordModel } from "../analysis/foreign-words.js";
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { SegmentMemo, nameOffsets, namesOf, type SegmentNames } from "../analysis/names.js";
import { WordTable } from "../analysis/word-table.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { makeFix } from "../engine/fixes.js";
import { escapeRegExp, expandMessage } from "../engine/matcher.js";
import { touchesCode } from "./spelling.js";

interface ForeignWordSpec extends RuleSpec {
  /** Language of the dictionary whose words are never judged (default: the rule's language). */
  dictionary?: string;
  /** Shortest word judged, in letters (default 5). */
  minLetters?: number;
  /** Names of the model's languages in messages ($1), e.g. { "ru": "transliterated Russian" }. */
  languages: Record<string, string>;
  /** Pairs [ending of the name, ending that replaces it]: ["", "u"] finds "Cherchesovu" beside "Cherchesov". */
  caseEndings: [string, string][];
  /** $0 the inflected word, $1 the name, $2 the ending. */
  caseEndingMessage: string;
}

/** British spellings the American dictionary does not know: each replacement tried on its own. */
const BRITISH_TO_AMERICAN: [RegExp, string][] = [
  [/our/g, "or"],
  [/tre(s|d)?$/, "ter$1"],
  [/is(e|es|ed|ing|ation|ations|er|ers)$/, "iz$1"],
  [/ys(e|es|ed|ing)$/, "yz$1"],
  [/ll(ed|ing|er|ers|ent)$/, "l$1"],
  [/ogue(s)?$/, "og$1"],
  [/ence(s)?$/, "ense$1"],
  [/ae/g, "e"],
  [/oe/g, "e"],
];


export const foreignWordKind: RuleKind = {
  name: "foreign-word",
  fixes: () => "unsafe",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as ForeignWordSpec;
    const language = spec.dictionary ?? spec.language ?? "en";
    const minLetters = spec.minLetters ?? 5;
    // Verdicts by word: running text repeats its words.
    const verdicts = new WordTable<ForeignVerdict | null>();
    const judge = (word: string) => verdictOf(word, dictionaryFor(language), foreignWordModel());
    /** Lower-case words of the segment that the model takes for foreign. */
    const foreignWords = (analysis: SegmentAnalysis): Foreign[] => {
      const foreign: Foreign[] = [];
      const model = foreignWordModel();
      for (const token of analysis.tokens) {
        const { text } = token;
        // Lower-case Latin letters only: one character test skips capitals, digits and other scripts.
        const c = text.charCodeAt(0);
        if (text.length < minLetters || c < 97 || (c > 122 && c < 223) || c > 0x24f || !model.mayBeForeign(text)) continue;
        const verdict = verdicts.get(text, judge);
        if (verdict && !nearCode(analysis.text, token.start, token.end)) foreign.push({ start: token.start, end: token.end, text, verdict });
      }
      return foreign;
    };
    // One test tells the names that end in none of the case endings.
    const anyEnding = new RegExp(`(?:${[...new Set(spec.caseEndings.map(([, inflected]) => escapeRegExp(inflected)))].join("|")})$`, "u");
    // Per segment, while its tokens are at hand (lint() drops them before document rules run): its
    // lower-case words the model takes for foreign, and (namesOf) its names.
    const gathered = new SegmentMemo<{ names: SegmentNames; foreign: Foreign[] }>();
    const gather = (analysis: SegmentAnalysis) => ({ names: namesOf(analysis), foreign: foreignWords(analysis) });
    return {
      spec,
      checkSegment(analysis, index) {
        gathered.set(index, analysis, gather(analysis));
      },
      checkDocument(_document, analyses, report) {
        const found = analyses.map((a, i) => gathered.get(i, a, gather));
        const names = new Set<string>();
        for (const f of found) for (const name of f.names.names) names.add(name);
        found.forEach(({ foreign }, segment) => {
          for (const f of foreign) {
            if (names.has(f.text.charAt(0).toUpperCase() + f.text.slice(1))) continue;
            report(segment, { start: f.start, end: f.end, message: expandMessage(spec.message, [f.text, spec.languages[f.verdict.language] ?? f.verdict.language]) });
          }
        });
        if (!names.size) return;
        const spelledBySource = latinWordsOfOtherScriptSources(analyses);
        for (const inflected of caseEndingForms(names, spec.caseEndings, anyEnding, dictionaryFor(language))) {
          if (spelledBySource.has(inflected.word)) continue;
          analyses.forEach((a, segment) => {
            for (const start of nameOffsets(a.text, inflected.word)) {
              const span = { start, end: start + inflected.word.length };
              report(segment, {
                ...span,
                message: expandMessage(spec.caseEndingMessage, [inflected.word, inflected.name, inflected.ending]),
                fix: makeFix(a.text, span, inflected.name, "unsafe"),
              });
            }
          });
        }
      },
    };
  },
};

interface Foreign {
  start: number;
  end: number;
  text: string;
  verdict: ForeignVerdict;
}

/** The word is part of a URL, a handle or an identifier, even one spaced out by a tokenizer ("vk.com / name _ surname"). */
const nearCode = (text: string, start: number, end: number) =>
  touchesCode(text, start, end) || /[@/\\_#]\s?$/u.test(text.slice(Math.max(0, start - 2), start)) || /^\s?[@/\\_#]/u.test(text.slice(end, end + 2));


/** The model's verdict on a word it should judge and takes for foreign; null otherwise. */
function verdictOf(word: string, dictionary: HunspellDictionary, model: ForeignWordModel): ForeignVerdict | null {
  if (!/^\p{Ll}+$/u.test(word) || dictionary.isKnown(word) || dictionary.isKnown(word.charAt(0).toUpperCase() + word.slice(1))) return null;
  // English writes some borrowed words with or without their accents ("protégé").
  const unaccented = word.normalize("NFD").replace(/\p{M}/gu, "");
  if (unaccented !== word && dictionary.isKnown(unaccented)) return null;
  if (BRITISH_TO_AMERICAN.some(([from, to]) => from.test(word) && dictionary.isKnown(word.replace(from, to)))) return null;
  const verdict = model.judge(word);
  return model.isForeign(verdict) ? verdict : null;
}

/** Words in Latin letters of the sources written in another script (a name kept as its owner spells it). */
function latinWordsOfOtherScriptSources(analyses: readonly SegmentAnalysis[]): Set<string> {
  const words = new Set<string>();
  for (const { segment } of analyses) {
    if (!segment.source || !/(?!\p{Script=Latin})\p{L}/u.test(segment.source)) continue;
    for (const word of segment.source.match(/\p{Script=Latin}+/gu) ?? []) words.add(word);
  }
  return words;
}

/** Capitalised words of the document that are another of its names with a case ending, and that name. */
function caseEndingForms(names: Set<string>, endings: [string, string][], anyEnding: RegExp, dictionary: HunspellDictionary): { word: string; name: string; ending: string }[] {
  const found: { word: string; name: string; ending: string }[] = [];
  for (const word of names) {
    if (!anyEnding.test(word)) continue;
    for (const [own, inflected] of endings) {
      if (!word.endsWith(inflected) || word.length - inflected.length + own.length < 4) continue;
      const name = word.slice(0, word.length - inflected.length) + own;
      if (name !== word && names.has(name) && !dictionary.isKnown(word)) {
        found.push({ word, name, ending: inflected });
        break;
      }
    }
  }
  return found;
}
