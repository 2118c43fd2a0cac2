/**
 * `article`: a singular noun with no determiner where English needs one (English only; the
 * countability table comes from the tagged Brown corpus, see src/analysis/countability.ts).
 *
 * - `frame: "count"`: a count noun — one that Brown almost never has bare (`maxBareShare` of at
 *   least `minHeads` noun phrases) — heading a noun phrase right after a verb or preposition, with
 *   only adjectives, adverbs, “and” and noun modifiers before it: “visited [[city]]”, “is
 *   [[unfriendly and rather hostile act]]”.
 * - `frame: "before-of"`: a noun that Brown almost never has bare before “of”, in the same place,
 *   followed by “of”: “for [[adoption]] of the law”, “in [[foreign policy]] of Russia”.
 *
 * Never flagged: a noun phrase after a word listed in `exceptAfter` (“as president”, “per day”),
 * a fixed phrase — a word and noun Brown has bare together at least twice (“by car”, “at home”),
 * or one listed in `fixedPhrases` — nouns in `exceptNouns` (institutions British English uses
 * bare: “in hospital”), noun phrases holding a word of `exceptWithin` (“said last year”, “little
 * difference”), a possessive or an ordinal, capitalized words, nouns followed by another noun or a
 * number, nouns in coordination or ranges (“between city and suburb”, “from house to house”),
 * “of” after a word of `exceptBeforeOf` (“a kind of car”), instructions that open with the verb
 * (“Cut hole in base”), and sentences that do not end like sentences (headlines).
 */
import { englishCountability, type NounCounts } from "../analysis/countability.js";
import type { PosTag } from "../analysis/pos.js";
import type { Token } from "../analysis/text.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { configError } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage, expandTemplate } from "../engine/matcher.js";
import { segmentWords, wordId } from "./tokens.js";

interface ArticleSpec extends RuleSpec {
  frame: "count" | "before-of";
  /** Nouns seen fewer times than this as a head in Brown are not judged. */
  minHeads: number;
  /** The largest share of bare noun phrases (overall, or before “of”) a noun may have to be judged. */
  maxBareShare: number;
  exceptAfter?: string[];
  exceptNouns?: string[];
  /** "word noun" pairs that stand bare (“on foot”), added to those found in Brown. */
  fixedPhrases?: string[];
  /** Words that make a determiner unnecessary wherever they stand in the noun phrase (“said last year”, “little difference”). */
  exceptWithin?: string[];
  /** Nouns after which “of” takes a bare noun (“a kind of car”). */
  exceptBeforeOf?: string[];
  /** Adverbs that may stand before an adjective of the noun phrase (“rather hostile”). */
  degreeAdverbs?: string[];
  /** Rewrite of the noun phrase ($1); only for frames where the article is certain. */
  suggestion?: string;
}

const lower = (list: string[] | undefined) => new Set((list ?? []).map((w) => w.toLowerCase()));

/** The word before the noun phrase: a finite verb or infinitive, “be” or “have” (“is mistake”), or a preposition; not a modal, and not a participle, often an adjective (“the existing order”). */
const opensFrame = (tag: PosTag) => ((tag.coarse === "VERB" || tag.coarse === "AUX") && tag.fine !== "VBG" && tag.fine !== "VBN" && tag.fine !== "MD") || (tag.coarse === "ADP" && tag.fine === "IN");
/** What may not follow a head noun: another noun or an -ing form (then this one is a modifier: “tree growing”) or a number (“room 5”). */
const continuesNounPhrase = (tag: PosTag) => tag.coarse === "NOUN" || tag.coarse === "PROPN" || tag.coarse === "NUM" || tag.fine === "VBG";
/** Finite verbs: a sentence with none is a heading or a caption, which drop articles (“Adjustment of fiscal year.”). */
const FINITE = new Set(["VBD", "VBZ", "VBP", "MD"]);
/** Sentences that end like sentences; headlines and titles drop articles. */
const SENTENCE_END = /[.!?…]["”’»)]*\s*$/u;
/** Possessives and ordinals determine a noun phrase themselves (“today's letter”, “17th century”). */
const DETERMINING_WORD = /['’]s$|^\d+(?:st|nd|rd|th)$|^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+teenth|\w+tieth|hundredth|thousandth)$/iu;
/** Words that determine the noun phrase they open. */
const DETERMINERS = new Set("a an the this that these those my your his her its our their no every each any some another either neither whose which what".split(" "));
/** Words that may open a frame: prepositions, forms of “be” and “have”, and past forms in -ed. */
const MAY_OPEN = /^(?:in|on|at|for|with|from|to|into|onto|about|against|under|over|by|through|during|after|before|without|within|between|among|across|along|around|near|behind|beyond|toward|towards|upon|via|despite|of|is|was|are|were|be|been|being|has|have|had|\p{L}+ed)$/u;
/** Endings of nouns that name an activity or a quality. */
const ABSTRACT_HEAD = /(?:tion|sion|ment|ance|ence|ity|ness|ing|ism|age|ure)$/u;
/** A comma or conjunction after the noun: when a bare noun or adjective follows, nouns in coordination drop the article (“between city and suburb”, “with beginning, middle and end”). */
const COORDINATION = /^\s*(?:,|and\b|or\b|nor\b|&|\/|versus\b|vs\.)/u;

export const articleKind: RuleKind = {
  name: "article",
  fixes: (spec) => (spec.suggestion === undefined ? "none" : "unsafe"),
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as ArticleSpec;
    if (spec.frame !== "count" && spec.frame !== "before-of") throw configError('frame must be "count" or "before-of"', { file: env.file, pointer: `${env.pointer}/frame` });
    const exceptAfter = lower(spec.exceptAfter);
    const exceptNouns = lower(spec.exceptNouns);
    const fixedPhrases = lower(spec.fixedPhrases);
    const exceptWithin = lower(spec.exceptWithin);
    const exceptBeforeOf = lower(spec.exceptBeforeOf);
    const degreeAdverbs = lower(spec.degreeAdverbs);
    const beforeOf = spec.frame === "before-of";
    // The nouns the frame judges, found on first use.
    let judgedNouns: Map<string, NounCounts> | undefined;
    // …and by their ids in the word index the token rules share, so that each token costs a lookup by number.
    let judgedIds: Map<number, NounCounts> | undefined;
    const judged = () => {
      judgedNouns ??= new Map(
        [...englishCountability()].filter(([noun, c]) => {
          const [heads, bare] = beforeOf ? [c.beforeOf, c.bareBeforeOf] : [c.heads, c.bare];
          return !exceptNouns.has(noun) && heads >= spec.minHeads && bare <= spec.maxBareShare * heads;
        }),
      );
      judgedIds ??= new Map([...judgedNouns].map(([noun, c]) => [wordId(noun), c]));
      return judgedNouns;
    };
    return {
      spec,
      checkSegment(analysis, index, report) {
        const { text, tokens } = analysis;
        // Cheap test first, before tagging is paid for: a judged noun (before "of" in that frame)
        const nouns = judged();
        const words = segmentWords(analysis);
        const ids = words.ids;
        // with no determiner among the two words before it and a word that may open the frame a few words back.
        const lowerBefore = (i: number, k: number) => (i >= k ? (words.lower[i - k] ?? "") : "");
        // A word right before the noun that opens no frame, or a fixed phrase, rules it out too.
        const candidate = (t: Token, i: number) => {
          if (i === 0 || ids[i]! < 0 || !judgedIds!.has(ids[i]!) || words.lower[i] !== t.text || (tokens[i + 1]?.text === "of") !== beforeOf) return false;
          const [one, two] = [lowerBefore(i, 1), lowerBefore(i, 2)];
          if (DETERMINERS.has(one) || DETERMINERS.has(two) || exceptAfter.has(one) || exceptWithin.has(one) || DETERMINING_WORD.test(one)) return false;
          if (one === "of" && exceptBeforeOf.has(two)) return false;
          if (MAY_OPEN.test(one)) return !nouns.get(t.text)!.fixedAfter.has(one) && !fixedPhrases.has(`${one} ${t.text}`);
          // Further back, past words that may be adjectives, to a frame opener before any determiner.
          for (let k = 2; k <= 6 && k <= i; k++) {
            const w = lowerBefore(i, k);
            if (MAY_OPEN.test(w)) return true;
            if (DETERMINERS.has(w) || !/^\p{Ll}/u.test(tokens[i - k]!.text)) return false;
          }
          return false;
        };
        if (!tokens.some(candidate)) return;
        const tags = analysis.tags;
        if (!tags) return;
        const lowerAt = (i: number) => tokens[i]!.text.toLowerCase();
        const sentenceOf = (i: number) => analysis.sentences.find((s) => tokens[i]!.start >= s.start && tokens[i]!.end <= s.end);
        // Punctuation (other than spaces) between token i-1 and token i.
        const breakBefore = (i: number) => i === 0 || /\S/u.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start));
        // Adjectives, noun modifiers, participles in -ing, degree adverbs before them, and "and" between adjectives.
        const isModifier = (k: number) => {
          const tag = tags[k]!;
          if (tag.coarse === "ADJ" || tag.fine === "NN" || tag.fine === "VBG") return true;
          const next = tags[k + 1]!;
          if (tag.fine === "RB") return degreeAdverbs.has(lowerAt(k)) && next.coarse === "ADJ";
          return tag.coarse === "CCONJ" && (next.coarse === "ADJ" || degreeAdverbs.has(lowerAt(k + 1))) && k > 0 && tags[k - 1]!.coarse === "ADJ";
        };
        // After the conjunction or comma that follows token i, another bare noun phrase: a noun, an adjective or a proper noun, not a clause.
        const coordinatesNoun = (i: number) => {
          const k = /^(?:and|or|nor|versus|vs)$/iu.test(tokens[i + 1]?.text ?? "") ? i + 2 : i + 1;
          const tag = tags[k];
          return tag !== undefined && (tag.coarse === "NOUN" || tag.coarse === "ADJ" || tag.coarse === "PROPN");
        };
        // An adjective and a noun after it: the noun is a modifier of that longer phrase (“guest medical exhibits”).
        const modifiesLaterNoun = (k: number) => tags[k]!.coarse === "ADJ" && k + 1 < tokens.length && !breakBefore(k + 1) && tags[k + 1]!.coarse === "NOUN";
        for (let i = 1; i < tokens.length; i++) {
          const noun = tokens[i]!.text;
          const counts = nouns.get(noun);
          if (!counts || tags[i]!.fine !== "NN") continue;
          const after = text.slice(tokens[i]!.end, tokens[i]!.end + 12);
          const next = i + 1 < tokens.length && !breakBefore(i + 1) ? i + 1 : undefined;
          if (beforeOf) {
            if (next === undefined || tokens[next]!.text !== "of") continue;
          } else if ((next !== undefined && (continuesNounPhrase(tags[next]!) || tokens[next]!.text === "of" || modifiesLaterNoun(next))) || /^[-‐]/u.test(after) || (COORDINATION.test(after) && coordinatesNoun(i))) continue;
          let first = i;
          while (first > 0 && !breakBefore(first) && isModifier(first - 1)) first--;
          const before = first - 1;
          if (before < 0 || breakBefore(first) || !opensFrame(tags[before]!)) continue;
          const word = lowerAt(before);
          // A past form after a determiner is a participle modifying the noun (“the early Studebaker covered wagon”).
          if (tags[before]!.fine === "VBD" && [1, 2, 3].some((k) => before - k >= 0 && DETERMINERS.has(lowerAt(before - k)) && tags.slice(before - k + 1, before).every((t) => t.coarse === "ADJ" || t.coarse === "PROPN"))) continue;
          // A capital right after the noun with no punctuation: a heading run into the text that follows it (“Seats on square Along this avenue”); a bracket: a label (“statement (A)”).
          if (next !== undefined && /^\p{Lu}/u.test(tokens[next]!.text)) continue;
          if (/^\s*\(/u.test(after)) continue;
          // “to” with a noun that a finite verb follows at once is an infinitive the tagger read as a noun (“for the Attorney General to act was eliminated”).
          if (word === "to" && next !== undefined && FINITE.has(tags[next]!.fine)) continue;
          const sentence = sentenceOf(i);
          // Headlines and titles drop articles; so do instructions that open with the verb (“Cut hole in base”).
          if (!sentence || !SENTENCE_END.test(text.slice(sentence.start, sentence.end)) || !/\p{L}/u.test(text.slice(sentence.start, tokens[before]!.start))) continue;
          if (!tokens.some((t, k) => t.start >= sentence.start && t.end <= sentence.end && FINITE.has(tags[k]!.fine))) continue;
          // An -ing form right after the preposition is a gerund with its object (“for taking stock of”).
          if (exceptAfter.has(word) || tags[first]!.coarse === "CCONJ" || (first < i && tags[first]!.fine === "VBG")) continue;
          // A compound whose head names an activity is usually a mass noun (“waste collection”, “tax payment”).
          if (!beforeOf && first < i && tags[i - 1]!.fine === "NN" && ABSTRACT_HEAD.test(noun)) continue;
          let determined = false;
          for (let k = first; k < i; k++) if (exceptWithin.has(lowerAt(k)) || DETERMINING_WORD.test(tokens[k]!.text) || /^\p{Lu}/u.test(tokens[k]!.text)) determined = true;
          if (determined) continue;
          if (word === "of" && before > 0 && exceptBeforeOf.has(lowerAt(before - 1))) continue;
          if (first === i && (counts.fixedAfter.has(word) || fixedPhrases.has(`${word} ${noun}`))) continue;
          // Repeated nouns and ranges: “step by step”, “from house to house”, “from city to suburbs”.
          const clause = text.slice(sentence.start, sentence.end);
          if (/^(?:to|by|after|upon|for)$/.test(word) && before > 0 && lowerAt(before - 1) === noun) continue;
          if (/^\s+(?:to|by|after|upon|for)\s/u.test(after) && lowerAt(i + 2) === noun) continue;
          if (word === "from" && /\bto\b/u.test(clause.slice(tokens[i]!.end - sentence.start))) continue;
          if (word === "to" && /\bfrom\b/u.test(clause.slice(0, tokens[before]!.start - sentence.start))) continue;
          if (word === "between") continue;
          const span = { start: tokens[first]!.start, end: tokens[i]!.end };
          const phrase = text.slice(span.start, span.end);
          const rewrite = spec.suggestion === undefined ? undefined : expandTemplate(spec.suggestion, [phrase, phrase]);
          report(index, {
            ...span,
            message: expandMessage(spec.message, [phrase, noun]),
            ...(rewrite !== undefined && { suggestions: [makeFix(text, span, rewrite, "unsafe")] }),
          });
        }
      },
    };
  },
};
