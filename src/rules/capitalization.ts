/**
 * `capitalization`: casing that machine translation gets wrong in English.
 *
 * - `check: "stray-capital"`: an ordinary word capitalized in mid-sentence ("in General", "it is
 *   Usually", "to Express"). Which words are ordinary comes from the lowercase lexicon
 *   (models/lowercase-en.txt, counted over the Brown corpus by src/bench/derive-lowercase-lexicon.ts):
 *   words that edited English almost never capitalizes in mid-sentence. Words of names the
 *   document writes out ("Federal Security Service" … "the Service") are left alone.
 *
 * Both the rule and the lexicon's derivation look at words through `segmentCasing`, so that the
 * lexicon's counts are counts of exactly the positions the rule flags.
 */
import { readFileSync } from "node:fs";
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CoarseTag, PosTag } from "../analysis/pos.js";
import type { Token } from "../analysis/text.js";
import type { CompiledRule, Report, RuleKind, RuleSpec } from "../core/rule.js";
import type { Applicability, Span } from "../core/types.js";
import { configError } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { expandTemplate } from "../engine/matcher.js";

export const LOWER = 0, CAPITALIZED = 1, UPPER = 2, OTHER = 3;
export type Shape = typeof LOWER | typeof CAPITALIZED | typeof UPPER | typeof OTHER;

export interface CasedWord extends Span {
  text: string;
  lower: string;
  shape: Shape;
  /**
   * Where a capital says nothing: a sentence's first word, or after any punctuation or a line break
   * (a quotation may start after a comma: "it is written, You shall…").
   */
  opening: boolean;
  /** Only spaces separate it from the previous word of its sentence (then it is not opening). */
  joined: boolean;
  sentence: number;
  /** Inside a short quotation that starts with a capital: a title of a work or a name (“After Football with …”). */
  quotedTitle: boolean;
  /** Only a comma and spaces separate it from the previous word. */
  afterComma: boolean;
  /** Coarse part of speech, when the segment was tagged. */
  tag?: CoarseTag;
}

export interface CasedSentence extends Span {
  /** Index of its first word in `words`, and one past its last. */
  first: number;
  last: number;
  /** Most content words capitalized: a headline or title in title case. */
  titleCase: boolean;
  /** No sentence-final punctuation: a heading, caption or list item. */
  heading: boolean;
}

/** Words that start a sentence without being part of a name ("The", "In"). */
const FUNCTION_WORDS = new Set(
  ("a an the and or but nor of for in on at to by with from into onto about as than over under after before between against " +
    "without within through during per via this that these those it its he she they we i you his her their our my your who whom " +
    "which what whose when where why how there here is are was were be been being has have had do does did not no so if all some " +
    "any each every both either neither such then also yet still even only just now")
    .split(" "),
);

/** Lowercase words that join the words of a name ("Ministry of Foreign Affairs", "Bank for International Settlements"). */
const CONNECTORS = new Set("of for and on the de du des la le del der von van da di al el y".split(" "));

const SPACES = /^[ \u00a0]+$/u;
const COMMA = /^,[ \u00a0]+$/u;
const SENTENCE_FINAL = /[.!?…]["'”’»)\]]*$/u;

function shapeOf(word: string): Shape {
  const first = word.charAt(0);
  if (first.toLowerCase() === first.toUpperCase()) return OTHER; // a digit or a letter without case
  if (first === first.toLowerCase()) return LOWER;
  const letters = word.replace(/[^\p{L}]/gu, "");
  return letters.length > 1 && letters === letters.toUpperCase() ? UPPER : CAPITALIZED;
}

/** The words of one segment with what casing rules need to know about them. */
export class SegmentCasing {
  readonly words: CasedWord[] = [];
  readonly sentences: CasedSentence[] = [];

  constructor(text: string, tokens: readonly Token[], sentences: readonly Span[], tags?: readonly PosTag[]) {
    let t = 0;
    for (const span of sentences) {
      while (t < tokens.length && tokens[t]!.start < span.start) t++;
      const first = this.words.length;
      let previous: Token | undefined;
      for (; t < tokens.length && tokens[t]!.end <= span.end; t++) {
        const token = tokens[t]!;
        const gap = previous === undefined ? "" : text.slice(previous.end, token.start);
        const joined = previous !== undefined && SPACES.test(gap);
        this.words.push({
          start: token.start,
          end: token.end,
          text: token.text,
          lower: token.text.toLowerCase(),
          shape: shapeOf(token.text),
          opening: !joined,
          joined,
          sentence: this.sentences.length,
          quotedTitle: false,
          afterComma: COMMA.test(gap),
          tag: tags?.[t]?.coarse,
        });
        previous = token;
      }
      const last = this.words.length;
      markQuotedTitles(text, span, this.words, first, last);
      this.sentences.push({ ...span, first, last, titleCase: isTitleCase(this.words, first, last), heading: !SENTENCE_FINAL.test(text.slice(span.start, span.end)) });
    }
  }

  /** A capitalized word or an acronym that is not merely a sentence's first word. */
  isNameWord(i: number): boolean {
    const w = this.words[i];
    return w !== undefined && (w.shape === CAPITALIZED || w.shape === UPPER) && !(w.opening && FUNCTION_WORDS.has(w.lower));
  }

  /** Word i is joined to a neighbouring name word, directly or through connectors ("Secretary of State"). */
  touchesName(i: number): boolean {
    const words = this.words;
    const sentence = words[i]!.sentence;
    const near = (j: number) => words[j]?.sentence === sentence;
    // Leftwards: word i must be joined to its left neighbour, each connector to its own.
    for (let j = i - 1; near(j) && words[j + 1]!.joined; j--) {
      if (this.isNameWord(j)) return true;
      if (!CONNECTORS.has(words[j]!.lower) || j === i - 3) break;
    }
    for (let j = i + 1; near(j) && words[j]!.joined; j++) {
      if (this.isNameWord(j)) return true;
      if (!CONNECTORS.has(words[j]!.lower) || j === i + 3) break;
    }
    return false;
  }
}

const QUOTE = /["“”«»„]/gu;
/** Words in a quotation of at most this many words, opening with a capital, are taken for a title. */
const TITLE_WORDS = 8;

function markQuotedTitles(text: string, span: Span, words: CasedWord[], first: number, last: number): void {
  let open = -1;
  for (const m of text.slice(span.start, span.end).matchAll(QUOTE)) {
    const at = span.start + m.index;
    const closes = m[0] === "”" || m[0] === "»" || (m[0] === '"' && open >= 0);
    if (!closes) {
      open = at;
      continue;
    }
    if (open < 0) continue;
    let w = first;
    while (w < last && words[w]!.start < open) w++;
    let end = w;
    while (end < last && words[end]!.end <= at) end++;
    if (end > w && end - w <= TITLE_WORDS && words[w]!.shape === CAPITALIZED) for (let k = w; k < end; k++) words[k]!.quotedTitle = true;
    open = -1;
  }
}

function isTitleCase(words: readonly CasedWord[], first: number, last: number): boolean {
  // A title starts with a capital; a sentence that starts in lowercase is garbled prose, not a title.
  if (words[first]?.shape === LOWER) return false;
  let capitalized = 0;
  let content = 0;
  for (let i = first; i < last; i++) {
    const w = words[i]!;
    if (w.opening || w.shape === UPPER || w.shape === OTHER || FUNCTION_WORDS.has(w.lower)) continue;
    content++;
    if (w.shape === CAPITALIZED) capitalized++;
  }
  return content >= 2 && capitalized * 2 >= content;
}

/** The casing view of a segment, computed once and shared by every rule of this kind. */
const casings = new WeakMap<SegmentAnalysis, SegmentCasing>();
export function casingOf(analysis: SegmentAnalysis): SegmentCasing {
  let casing = casings.get(analysis);
  if (!casing) casings.set(analysis, (casing = new SegmentCasing(analysis.text, analysis.tokens, analysis.sentences, analysis.tags)));
  return casing;
}

// ---------------------------------------------------------------------------------------------
// The lowercase lexicon

/**
 * `always`: never capitalized in mid-sentence ("usually", "express"), so lowercasing it is safe;
 * `unless-name`: lowercase unless part of a name ("General" in "in General", not in "General Motors");
 * `common`: an ordinary word whose capital varies ("the Court ruled"): never a stray capital, but
 * a capital on it marks a name (unlike the capital of "European" or "Moscow").
 */
export type LexiconClass = "always" | "unless-name" | "common";
export const LEXICON_URL = new URL("../../models/lowercase-en.txt", import.meta.url);
let lexicon: ReadonlyMap<string, LexiconClass> | undefined;

export function parseLexicon(text: string): Map<string, LexiconClass> {
  const words = new Map<string, LexiconClass>();
  for (const line of text.split("\n")) {
    const [word, cls] = line.split("\t");
    if (!word || word.startsWith("#")) continue;
    words.set(word, cls === "a" ? "always" : cls === "n" ? "unless-name" : "common");
  }
  return words;
}

/** The lexicon, read on first use. */
export function lowercaseLexicon(): ReadonlyMap<string, LexiconClass> {
  return (lexicon ??= parseLexicon(readFileSync(LEXICON_URL, "utf8")));
}

/**
 * Whether a capitalized word in mid-sentence is out of place, by position alone: not opening a
 * sentence or quotation, not in a title-case line, a heading or a short quoted title, and not
 * beside another name word ("Cape May", "Dead Men Tell Tales"). The lexicon's derivation counts
 * these positions.
 */
export function isStrayPosition(casing: SegmentCasing, i: number, cls?: LexiconClass): boolean {
  const w = casing.words[i]!;
  if (w.shape !== CAPITALIZED || w.opening || w.quotedTitle) return false;
  const sentence = casing.sentences[w.sentence]!;
  if (sentence.titleCase || sentence.heading) return false;
  // “the Top 10”, “Fallout 2”: a number after it makes a name; after a number that opens a clause (“2:32 Was…”) it opens too.
  const words = casing.words;
  if ((words[i + 1]?.joined && words[i + 1]!.shape === OTHER) || (w.joined && words[i - 1]!.shape === OTHER && words[i - 1]!.opening)) return false;
  // In a list of names (“browsers such as Brave, DuckDuckGo”) an ordinary word is a name too.
  const listed = (j: number) => words[j]?.sentence === w.sentence && casing.isNameWord(j) && !lowercaseLexicon().has(words[j]!.lower);
  if ((words[i + 1]?.afterComma && listed(i + 1)) || (w.afterComma && listed(i - 1))) return false;
  // An adverb in -ly is part of no name; beside one it still is a slip ("it is Usually Peskov who…").
  return cls === "always" && w.lower.endsWith("ly") ? !touchesOrdinaryCapital(casing, i) : !casing.touchesName(i);
}

/** Beside a capitalized word that is itself an ordinary word: a title ("Truly Madly Deeply"), not a slip. */
function touchesOrdinaryCapital(casing: SegmentCasing, i: number): boolean {
  const words = casing.words;
  const ordinary = (j: number) => words[j]?.sentence === words[i]!.sentence && words[j]!.shape === CAPITALIZED && !words[j]!.opening && lowercaseLexicon().has(words[j]!.lower);
  return (words[i]!.joined && ordinary(i - 1)) || (words[i + 1]?.joined === true && ordinary(i + 1));
}

// ---------------------------------------------------------------------------------------------
// Names with a lowercase word

/** A stretch of words of one segment to recase, and why. */
interface Recasing extends Span {
  /** The words' text as it should be (the gaps between them are kept). */
  text: string;
  /** Why: the source of the right casing, for the message. */
  reason: string;
  applicability: Applicability;
  alternative?: string;
}

/** The text from word `first` to word `last` with each word's text replaced by `recase(word, index)`. */
function recased(text: string, casing: SegmentCasing, first: number, last: number, recase: (w: CasedWord, i: number) => string): string {
  const words = casing.words;
  let out = "";
  for (let i = first; i <= last; i++) out += (i > first ? text.slice(words[i - 1]!.end, words[i]!.start) : "") + recase(words[i]!, i);
  return out;
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
/** Capitalize a content word; connectors ("of", "the") stay lowercase inside a name. */
const nameCase = (w: CasedWord, i: number, first: number) => (w.shape === LOWER && (i === first || !CONNECTORS.has(w.lower)) ? capitalize(w.text) : w.text);

/** A name known to be written so: its words and which of them are capitalized. */
interface KnownName {
  words: string[];
  lower: string[];
  /** Its words that are names in any context (“Duma”): written in lowercase, the whole is still this name. */
  proper: boolean[];
}

interface NameLists {
  heads: Set<string>;
  titles: Set<string>;
  modifiers: Set<string>;
  fieldHeads: Set<string>;
  fields: Set<string>;
  quotedHeads: Set<string>;
  known: Map<string, KnownName[]>;
  documentNames: boolean;
}

function nameLists(spec: CapitalizationSpec): NameLists {
  const set = (words?: string[]) => new Set((words ?? []).map((w) => w.toLowerCase()));
  const properNouns = set(spec.properNouns);
  const known = new Map<string, KnownName[]>();
  for (const name of [...(spec.names ?? []), ...(spec.properNouns ?? [])]) {
    const words = name.split(/\s+/);
    const lower = words.map((w) => w.toLowerCase());
    const entry = { words, lower, proper: lower.map((w) => properNouns.has(w)) };
    known.set(lower[0]!, [...(known.get(lower[0]!) ?? []), entry].sort((a, b) => b.words.length - a.words.length));
  }
  return {
    heads: set([...(spec.heads ?? []), ...(spec.titles ?? [])]),
    titles: set(spec.titles),
    modifiers: set(spec.modifiers),
    fieldHeads: set(spec.fieldHeads),
    fields: set(spec.fields),
    quotedHeads: set(spec.quotedHeads),
    known,
    documentNames: spec.documentNames ?? false,
  };
}

/** A capitalized word whose capital means something: not a sentence's first word. */
const capitalizedHere = (w: CasedWord | undefined) => w !== undefined && (w.shape === CAPITALIZED || w.shape === UPPER) && !w.opening;
/** A capital that marks a name: on an ordinary word ("Council", "Federal"), not on "European" or "Moscow", which always take one. */
const isNameCapital = (lists: NameLists, w: CasedWord) =>
  w.shape === CAPITALIZED && !w.opening && (lowercaseLexicon().has(w.lower) || lists.heads.has(w.lower) || lists.modifiers.has(w.lower));
/** A capitalized word that is a name or a proper adjective by itself (“Donetsk”, “Ukrainian”), even opening a quotation. */
const isProperWord = (w: CasedWord | undefined) => w !== undefined && w.shape === CAPITALIZED && !FUNCTION_WORDS.has(w.lower) && !lowercaseLexicon().has(w.lower);
const isContentWord = (w: CasedWord) => w.shape === LOWER && !FUNCTION_WORDS.has(w.lower) && !CONNECTORS.has(w.lower);

/** Known names written with a lowercase word ("the state Duma"), or all in lowercase when distinctive ("the state duma"). */
function knownNameRecasings(lists: NameLists, text: string, casing: SegmentCasing, found: Recasing[]): void {
  const words = casing.words;
  for (let i = 0; i < words.length; i++) {
    const candidates = lists.known.get(words[i]!.lower);
    if (!candidates) continue;
    for (const name of candidates) {
      const last = i + name.words.length - 1;
      if (!sameWords(casing, i, name.lower) || inHandle(text, words[i]!.start, words[last]!.end)) continue;
      const wrong = name.words.map((word, k) => words[i + k]!.shape === LOWER && word !== name.lower[k]);
      const capitalized = name.words.map((_, k) => isNameCapital(lists, words[i + k]!));
      if (wrong.includes(true) && (wrong.some((x, k) => x && name.proper[k]) || markedAsName(wrong, capitalized, name.lower))) {
        // The stretch starts at the first word to change (“UN security Council” → “security Council”).
        const first = i + wrong.indexOf(true);
        const fixed = recased(text, casing, first, last, (w, j) => (w.shape === LOWER ? name.words[j - i]! : w.text));
        found.push({ start: words[first]!.start, end: words[last]!.end, text: fixed, reason: "the usual spelling of this name", applicability: "safe" });
      }
      break;
    }
  }
}

/**
 * Whether the capitals of a name written with a lowercase word show it is meant as the name: a
 * lowercase word before a capitalized one (“the state Duma”, “foreign Ministry”), or a capital in
 * a name of three words or more (“Federal penitentiary service”). A capitalized first word alone
 * (“the Democratic party”, “Federal court”) is a style of its own in edited English.
 */
function markedAsName(wrong: readonly boolean[], capitalized: readonly boolean[], lower: readonly string[]): boolean {
  const firstWrong = wrong.indexOf(true);
  if (firstWrong < 0) return false;
  if (capitalized.lastIndexOf(true) > firstWrong) return true;
  return capitalized.includes(true) && lower.filter((w) => !CONNECTORS.has(w)).length >= 3;
}

/** Part of a hashtag, handle, path or address (“#putin”, “@kremlin_ru”, “news / russian”): not prose. */
const inHandle = (text: string, start: number, end: number) =>
  /(?:[#@_.]|[/\\]\s*)$/u.test(text.slice(Math.max(0, start - 3), start)) || /^(?:[@_]|\s*[/\\])/u.test(text.slice(end, end + 3));

/** Words first.. of the casing are `lower` (same sentence, only spaces between). */
function sameWords(casing: SegmentCasing, first: number, lower: readonly string[]): boolean {
  const words = casing.words;
  for (let k = 0; k < lower.length; k++) {
    const w = words[first + k];
    if (!w || w.lower !== lower[k] || (k > 0 && !w.joined)) return false;
  }
  return true;
}

/**
 * The structure of names of bodies: a head noun (“Ministry”, “Council”, “Cup”) capitalized with
 * a lowercase modifier before it (“the foreign Ministry”), a capitalized modifier with the rest
 * in lowercase (“the Federal penitentiary service”), a lowercase field after “Ministry of”
 * (“Ministry of health”), or a quoted name with a lowercase word after a noun such as “party”.
 */
function structuralRecasings(lists: NameLists, text: string, casing: SegmentCasing, found: Recasing[]): void {
  const words = casing.words;
  const joinedTo = (i: number, j: number) => words[j]?.sentence === words[i]!.sentence && (j > i ? words[j]!.joined : words[i]!.joined);
  const push = (first: number, last: number, reason: string) => {
    const title = lists.titles.has(words[last]!.lower);
    found.push({
      start: words[first]!.start,
      end: words[last]!.end,
      text: recased(text, casing, first, last, (w, j) => nameCase(w, j, first)),
      reason,
      applicability: "unsafe",
      alternative: title ? recased(text, casing, first, last, (w) => w.text.toLowerCase()) : undefined,
    });
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // “the foreign Ministry”, “UN security Council”: lowercase modifiers before a capitalized head.
    if (w.shape === LOWER && lists.modifiers.has(w.lower) && !(words[i - 1]?.shape === LOWER && lists.modifiers.has(words[i - 1]!.lower) && joinedTo(i, i - 1))) {
      let j = i;
      while (joinedTo(j, j + 1) && words[j + 1]!.shape === LOWER && lists.modifiers.has(words[j + 1]!.lower) && j < i + 2) j++;
      const head = firstHead(lists, casing, j + 1);
      if (head >= 0 && joinedTo(j, j + 1)) push(i, head, "the name's other words are capitalized");
    }
    // “Ukrainian cultural Fund”, “Donetsk national Republic”: one lowercase adjective or noun between a
    // proper name or adjective and a capitalized head.
    if (isProperWord(words[i - 1]) && joinedTo(i - 1, i) && isContentWord(w) && (w.tag === "ADJ" || w.tag === "NOUN") && !lists.titles.has(words[i + 1]?.lower ?? "")) {
      const head = words[i + 1];
      if (head && joinedTo(i, i + 1) && head.shape === CAPITALIZED && lists.heads.has(head.lower)) push(i, i + 1, "the name's other words are capitalized");
    }
    // “the Federal penitentiary service”: a capitalized modifier, the rest of the name lowercase (three
    // words at least: “the Federal court” is a style of its own).
    if (capitalizedHere(w) && w.shape === CAPITALIZED && lists.modifiers.has(w.lower) && lowercaseLexicon().has(w.lower) && !capitalizedHere(words[i - 1])) {
      let j = i + 1;
      while (j < i + 3 && joinedTo(j - 1, j) && isContentWord(words[j]!) && !lists.heads.has(words[j]!.lower)) j++;
      const head = words[j];
      if (head && j > i + 1 && joinedTo(j - 1, j) && head.shape === LOWER && lists.heads.has(head.lower) && !lists.titles.has(head.lower) && !capitalizedHere(words[j + 1]) && words[i - 1]?.lower !== "a" && words[i - 1]?.lower !== "an") {
        push(i, j, "its first word is capitalized as in a name");
      }
    }
    // “Ministry of health”, “Department of foreign Affairs”: lowercase words in a name's “of” phrase.
    if (capitalizedHere(w) && lists.heads.has(w.lower) && words[i + 1]?.lower === "of" && joinedTo(i, i + 1)) {
      let j = i + 2;
      if (words[j]?.lower === "the" && joinedTo(j - 1, j)) j++;
      const first = j;
      while (j < first + 4 && joinedTo(j - 1, j) && (isContentWord(words[j]!) || (words[j]!.lower === "and" && j > first))) j++;
      const last = words[j - 1]!.lower === "and" ? j - 2 : j - 1;
      const sandwiched = joinedTo(j - 1, j) && capitalizedHere(words[j]) && lists.heads.has(words[j]!.lower);
      const fields = last >= first && lists.fieldHeads.has(w.lower) && words.slice(first, last + 1).every((x) => x.lower === "and" || lists.fields.has(x.lower));
      if (sandwiched) push(first, j, "the name's other words are capitalized");
      else if (fields) push(i, last, "the name's other words are capitalized");
    }
    // party “Our land”: a quoted name with a lowercase word.
    if (lists.quotedHeads.has(w.lower)) {
      const quoted = quotedName(text, casing, i);
      if (quoted) push(quoted[0], quoted[1], "every main word of a name takes a capital");
    }
  }
}

/** The first head word of the run of capitalized words starting at i (joined, with connectors), or -1. */
function firstHead(lists: NameLists, casing: SegmentCasing, i: number): number {
  const words = casing.words;
  for (let j = i; j < i + 4 && capitalizedHere(words[j]) && (j === i || words[j]!.joined); j++) {
    if (words[j]!.shape === CAPITALIZED && lists.heads.has(words[j]!.lower)) return j;
  }
  return -1;
}

const OPENING_QUOTE = /^[ \u00a0]+["“«„‘]$/u;
const CLOSING_QUOTE = /^["”»“’]/u;

/** After word i, a quoted name of up to four words whose first word is capitalized and a later one is not: its first and last word. */
function quotedName(text: string, casing: SegmentCasing, i: number): [number, number] | undefined {
  const words = casing.words;
  const first = i + 1;
  const start = words[first];
  if (!start || start.sentence !== words[i]!.sentence || !OPENING_QUOTE.test(text.slice(words[i]!.end, start.start)) || start.shape !== CAPITALIZED) return undefined;
  for (let j = first; j < first + 4 && words[j]?.sentence === start.sentence; j++) {
    if (j > first && !words[j]!.joined) return undefined;
    if (CLOSING_QUOTE.test(text.slice(words[j]!.end, words[j]!.end + 1))) {
      const lowercase = words.slice(first + 1, j + 1).some(isContentWord);
      return lowercase ? [first, j] : undefined;
    }
  }
  return undefined;
}

/** Names the document writes with capitals, by their words: where each capitalized word of a name occurs. */
interface DocumentNames {
  byWord: Map<string, { casing: SegmentCasing; index: number }[]>;
}

function documentNames(casings: readonly SegmentCasing[]): DocumentNames {
  const byWord = new Map<string, { casing: SegmentCasing; index: number }[]>();
  for (const casing of casings) {
    const words = casing.words;
    for (let i = 0; i < words.length; i++) {
      const sentence = casing.sentences[words[i]!.sentence]!;
      if (!capitalizedHere(words[i]) || words[i]!.shape !== CAPITALIZED || !casing.touchesName(i)) continue;
      // Not from headlines; a sentence full of names still has a lowercase verb.
      if (sentence.heading || (sentence.titleCase && !words.slice(sentence.first, sentence.last).some(isContentWord))) continue;
      byWord.set(words[i]!.lower, [...(byWord.get(words[i]!.lower) ?? []), { casing, index: i }]);
    }
  }
  return { byWord };
}

/** “state Duma” where the document writes “State Duma” elsewhere. */
function documentRecasings(lists: NameLists, names: DocumentNames, text: string, casing: SegmentCasing, found: Recasing[]): void {
  const words = casing.words;
  for (let i = 0; i < words.length; i++) {
    if (!isContentWord(words[i]!)) continue;
    for (const at of names.byWord.get(words[i]!.lower) ?? []) {
      const other = at.casing.words;
      // Grow the window over words equal in both places, each joined to the next.
      let a = 0;
      while (words[i - a - 1] && other[at.index - a - 1] && words[i - a]!.joined && other[at.index - a]!.joined && words[i - a - 1]!.lower === other[at.index - a - 1]!.lower) a++;
      let b = 0;
      while (words[i + b + 1]?.joined && other[at.index + b + 1]?.joined && words[i + b + 1]!.lower === other[at.index + b + 1]!.lower) b++;
      // The window must be part of the name there, and hold a word capitalized here too.
      let first = i - a;
      let last = i + b;
      const inName = (k: number) => capitalizedHere(other[at.index + k - i]) || (CONNECTORS.has(other[at.index + k - i]!.lower) && k > first && k < last);
      while (first < i && !inName(first)) first++;
      while (last > i && !inName(last)) last--;
      if (last === first) continue;
      const wrong = words.slice(first, last + 1).map((w, k) => w.shape === LOWER && capitalizedHere(other[at.index + first + k - i]));
      const capitalized = words.slice(first, last + 1).map((w) => isNameCapital(lists, w));
      // A lowercase word right before a capital of the name ("state Duma"; not "chairman of the Commission",
      // "Fund purchase"), and the name must look like one: a lowercase modifier, or a head capitalized here.
      const window = words.slice(first, last + 1);
      const marked = window.some((w, k) => wrong[k] && capitalized[k + 1] && !lists.titles.has(w.lower));
      const looksLikeName = window.some((w, k) => (wrong[k] && lists.modifiers.has(w.lower)) || (capitalized[k] && lists.heads.has(w.lower)));
      if (!marked || !looksLikeName) continue;
      const fixed = recased(text, casing, first, last, (w, k) => (w.shape === LOWER && capitalizedHere(other[at.index + k - i]) ? other[at.index + k - i]!.text : w.text));
      found.push({ start: words[first]!.start, end: words[last]!.end, text: fixed, reason: "as this document writes it elsewhere", applicability: "safe" });
      break;
    }
  }
}

/** One finding per stretch: a certain recasing wins over a guessed one, a longer over a shorter. */
function chosen(found: Recasing[]): Recasing[] {
  const rank = (r: Recasing) => (r.applicability === "safe" ? 0 : 1);
  const order = [...found].sort((x, y) => rank(x) - rank(y) || y.end - y.start - (x.end - x.start) || x.start - y.start);
  const kept: Recasing[] = [];
  for (const r of order) if (!kept.some((k) => k.start < r.end && r.start < k.end)) kept.push(r);
  return kept.sort((x, y) => x.start - y.start);
}

// ---------------------------------------------------------------------------------------------
// The rule kind

interface CapitalizationSpec extends RuleSpec {
  check: "stray-capital" | "name";
  /** stray-capital: capitalized words never flagged, names that are ordinary words too ("Telegram"). */
  exceptions?: string[];
  /** name: head nouns of names of bodies, events and organizations ("Ministry", "Cup"). */
  heads?: string[];
  /** name: heads that are titles of persons ("Minister"): lowercase in all is an alternative. */
  titles?: string[];
  /** name: lowercase words that belong to such names ("foreign", "security"). */
  modifiers?: string[];
  /** name: heads after which a field of government is part of the name ("Ministry", "Minister"). */
  fieldHeads?: string[];
  /** name: fields of government after those heads ("Ministry of health", "Minister of justice"). */
  fields?: string[];
  /** name: nouns that a quoted name follows ("party", "movement"). */
  quotedHeads?: string[];
  /** name: names as they are written ("State Duma"): a lowercase word in one is fixed. */
  names?: string[];
  /** name: words that are names in any context ("Duma", "June"): fixed even when the whole name is lowercase. */
  properNouns?: string[];
  /** name: also names the document writes with capitals elsewhere. */
  documentNames?: boolean;
}

/** Words of the names a document writes out: "Service" after "Federal Security Service" is a name. */
function nameWords(casings: readonly SegmentCasing[]): Set<string> {
  const words = new Set<string>();
  for (const casing of casings) {
    for (let i = 0; i < casing.words.length; i++) {
      if (casing.isNameWord(i) && casing.touchesName(i)) words.add(casing.words[i]!.lower);
    }
  }
  return words;
}

/**
 * The lexicon's class of word i as a possible stray capital: of the word after the previous one
 * when the lexicon knows the pair ("in general", "to express"), else of the word.
 */
function strayClass(casing: SegmentCasing, i: number): LexiconClass | undefined {
  const w = casing.words[i]!;
  const own = lowercaseLexicon().get(w.lower);
  if (own === "always") return own;
  const previous = casing.words[i - 1];
  const pair = previous?.shape === LOWER && w.joined ? lowercaseLexicon().get(`${previous.lower} ${w.lower}`) : undefined;
  if (own === "unless-name") return pair === "always" ? pair : own;
  return pair === "common" ? undefined : pair;
}

type DocumentCheck = (analyses: SegmentAnalysis[], casings: SegmentCasing[], report: Report) => void;

/** Capitalized in mid-sentence for reverence (“He”, “His”): such a document capitalizes nouns so too (“the Truth”, “the Word”). */
const DEITY_PRONOUNS = new Set(["he", "him", "his", "himself", "thee", "thou", "thy", "thine"]);

function capitalizesForReverence(casings: readonly SegmentCasing[]): boolean {
  let count = 0;
  for (const casing of casings) for (const w of casing.words) if (w.shape === CAPITALIZED && !w.opening && DEITY_PRONOUNS.has(w.lower) && ++count >= 2) return true;
  return false;
}

function strayCapitalCheck(spec: CapitalizationSpec): DocumentCheck {
  const exceptions = new Set((spec.exceptions ?? []).map((n) => n.toLowerCase()));
  return (analyses, casings, report) => {
    if (capitalizesForReverence(casings)) return;
    let named: Set<string> | undefined;
    const found: { index: number; w: CasedWord; cls: LexiconClass }[] = [];
    casings.forEach((casing, index) => {
      casing.words.forEach((w, i) => {
        if (w.shape !== CAPITALIZED || w.text.length < 2) return;
        const cls = strayClass(casing, i);
        if (!cls || exceptions.has(w.lower) || !isStrayPosition(casing, i, cls)) return;
        if (cls === "unless-name" && (named ??= nameWords(casings)).has(w.lower)) return;
        found.push({ index, w, cls });
      });
    });
    const names = namesByUse(casings, found.map((f) => f.w));
    for (const { index, w, cls } of found) {
      if (names.has(w.lower)) continue;
      report(index, {
        start: w.start,
        end: w.end,
        message: expandTemplate(spec.message, [w.text, w.lower]),
        fix: makeFix(analyses[index]!.text, w, w.lower, cls === "always" ? "safe" : "unsafe"),
      });
    }
  };
}

/**
 * Words the document uses as names: capitalized twice or more where a stray capital would be, never
 * in lowercase, and not words the lexicon has as lowercase always (a character “Hero”, a club).
 */
function namesByUse(casings: readonly SegmentCasing[], strays: readonly CasedWord[]): Set<string> {
  const counts = new Map<string, number>();
  for (const w of strays) if (lowercaseLexicon().get(w.lower) === "unless-name") counts.set(w.lower, (counts.get(w.lower) ?? 0) + 1);
  const names = new Set([...counts].filter(([, n]) => n >= 2).map(([word]) => word));
  if (names.size) for (const casing of casings) for (const w of casing.words) if (w.shape === LOWER) names.delete(w.lower);
  return names;
}

function nameCheck(spec: CapitalizationSpec): DocumentCheck {
  const lists = nameLists(spec);
  return (analyses, casings, report) => {
    const names = lists.documentNames ? documentNames(casings) : undefined;
    casings.forEach((casing, index) => {
      const text = analyses[index]!.text;
      const found: Recasing[] = [];
      knownNameRecasings(lists, text, casing, found);
      if (names) documentRecasings(lists, names, text, casing, found);
      structuralRecasings(lists, text, casing, found);
      for (const r of chosen(found)) {
        const flagged = text.slice(r.start, r.end);
        if (r.text === flagged) continue;
        report(index, {
          start: r.start,
          end: r.end,
          message: expandTemplate(spec.message, [flagged, r.text, r.reason]),
          fix: makeFix(text, r, r.text, r.applicability),
          suggestions: r.alternative ? [makeFix(text, r, r.alternative, "unsafe")] : undefined,
        });
      }
    });
  };
}

export const capitalizationKind: RuleKind = {
  name: "capitalization",
  fixes: () => "varies",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as CapitalizationSpec;
    const check = spec.check === "stray-capital" ? strayCapitalCheck(spec) : spec.check === "name" ? nameCheck(spec) : undefined;
    if (!check) throw configError(`unknown check "${String(spec.check)}" (expected "stray-capital" or "name")`, { file: env.file, pointer: `${env.pointer}/check` });
    return {
      spec,
      checkSegment(analysis) {
        casingOf(analysis);
      },
      checkDocument(_document, analyses, report) {
        check(analyses, analyses.map(casingOf), report);
      },
    };
  },
};
