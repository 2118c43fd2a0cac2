/**
 * `capitalization`: casing that machine translation gets wrong in English.
 *
 * - `check: "stray-capital"`: an ordinary word capitalized in mid-sentence ("in General", "it is
 *   Usually", "to Express"). Which words are ordinary comes from the lowercase lexicon
 *   (models/lowercase-en.txt, counted over the Brown corpus by training/derive-lowercase-lexicon.ts):
 *   words that edited English almost never capitalizes in mid-sentence. Words of names the
 *   document writes out ("Federal Security Service" … "the Service") are left alone.
 * - `check: "name"`: a name of a body, event or organization written partly in lowercase ("the
 *   foreign Ministry", "the state Duma", "Minister of health", the party “Our land”), found from
 *   known names (`names`, `properNouns`), from the same name capitalized elsewhere in the document,
 *   and from the structure of such names (`heads`, `modifiers`, `fields`, `quotedHeads`).
 *
 * Both checks and the lexicon's derivation look at words through `SegmentCasing`, so that the
 * lexicon's counts are counts of exactly the positions the rule flags. It keeps a few bytes per
 * word in typed arrays: the kind runs over every word of every English document.
 */
import { readFileSync } from "node:fs";
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { dictionaryFor } from "../analysis/dictionary.js";
import type { Token } from "../analysis/text.js";
import type { Report, RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import type { Applicability, Span } from "../core/types.js";
import { configError } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";

export const LOWER = 0, CAPITALIZED = 1, UPPER = 2, OTHER = 3;
export type Shape = typeof LOWER | typeof CAPITALIZED | typeof UPPER | typeof OTHER;

export interface CasedSentence extends Span {
  /** Index of its first word, and one past its last. */
  first: number;
  last: number;
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

/** Sentence-final marks, and the line break that ends a heading or list item: a word after them opens. */
const FULL_STOP = 1, LINE_BREAK = 2;
/** FULL_STOP and/or LINE_BREAK bits for the marks in text[from, to). */
function breaksBetween(text: string, from: number, to: number): number {
  let found = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 0x2026) found |= FULL_STOP;
    else if (c === 10) found |= LINE_BREAK;
  }
  return found;
}
const SPACE = 32, NO_BREAK_SPACE = 0xa0, COMMA = 44, LATIN_END = 0x24f;

const SIGNATURES = 1 << 16;
/** A word's first two letters (ASCII ones in lowercase) and length, hashed to 16 bits: sets of words are tested on it before a lookup. */
function signature(word: string): number {
  return ((word.charCodeAt(0) | 0x20) * 977 + (word.charCodeAt(1) | 0x20) * 31 + word.length) & (SIGNATURES - 1);
}
/** Word flags above the shape's two bits: only spaces separate it from the previous word of its sentence; only a comma and spaces; inside a quoted title. */
const JOINED = 4, AFTER_COMMA = 8, QUOTED_TITLE = 16, AFTER_MARKUP = 32, SHAPE_BITS = 3;

/** JOINED, AFTER_COMMA or 0 (anything else) for the text between two words. */
function gapBetween(text: string, from: number, to: number): number {
  let i = from;
  const comma = text.charCodeAt(i) === COMMA;
  if (comma) i++;
  if (i >= to) return 0;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== NO_BREAK_SPACE) return 0;
  }
  return comma ? AFTER_COMMA : JOINED;
}

function shapeOf(word: string): Shape {
  const c = word.charCodeAt(0);
  if (c >= 97 && c <= 122) return LOWER;
  const first = word.charAt(0);
  const lower = first.toLowerCase();
  if (c > 127 && lower === first.toUpperCase()) return OTHER; // a letter without case
  if (c <= 127 && !(c >= 65 && c <= 90)) return OTHER; // a digit
  if (first === lower) return LOWER;
  const second = word.charCodeAt(1);
  if (second >= 97 && second <= 122) return CAPITALIZED;
  // All capitals (two letters or more) is an acronym; letters without case and marks count as neither.
  let letters = 1;
  for (let i = 1; i < word.length; i++) {
    const ch = word.charAt(i);
    const l = ch.toLowerCase();
    if (ch === l && l !== ch.toUpperCase()) return CAPITALIZED;
    if (l !== ch) letters++;
  }
  return letters > 1 ? UPPER : CAPITALIZED;
}

/**
 * The words (tokens) of one segment with what casing rules need to know about them. Out of range,
 * a word is in no sentence and has shape OTHER, so that neighbours can be asked about freely.
 */
export class SegmentCasing {
  readonly length: number;
  readonly sentences: CasedSentence[] = [];
  /** Per word: its shape and flags. */
  private readonly bits: Uint8Array;
  private lowers?: (string | undefined)[];
  /** Per sentence: -1 not computed yet, else whether it is in title case. */
  private readonly titleCases: Int8Array;
  private quotesMarked = false;

  /** Start and end of word i at 2i and 2i + 1: the segment's tokens are not kept. */
  private readonly spans: Int32Array;
  private readonly signatures: Uint16Array;

  /**
   * Sentences are cut here, more simply than by splitSentences (whose work the kind need not pay
   * for): after . ! ? … or a line break between two words. An abbreviation ("Mr.") ends one too,
   * which only makes the next word opening, as it is anyway after a full stop.
   */
  constructor(
    readonly text: string,
    tokens: readonly Token[],
    /** Inline codes and tags (masked in `text`): a word right after one may open a span of its own (the label in “press <b>Save</b>”). */
    markup: readonly Span[] = [],
  ) {
    const n = (this.length = tokens.length);
    const bits = (this.bits = new Uint8Array(n));
    const spans = (this.spans = new Int32Array(2 * n));
    const signatures = (this.signatures = new Uint16Array(n));
    let first = 0;
    let nextMarkup = 0;
    // A sentence ended by a line break, not by a full stop, is a heading or list item.
    const close = (last: number, breaks: number) =>
      this.sentences.push({ start: tokens[first]!.start, end: tokens[last - 1]!.end, first, last, heading: !(breaks & FULL_STOP) });
    for (let t = 0; t < n; t++) {
      const token = tokens[t]!;
      spans[2 * t] = token.start;
      spans[2 * t + 1] = token.end;
      let gap = 0;
      if (t > 0) {
        while (nextMarkup < markup.length && markup[nextMarkup]!.end <= tokens[t - 1]!.end) nextMarkup++;
        gap = gapBetween(text, tokens[t - 1]!.end, token.start);
        if (nextMarkup < markup.length && markup[nextMarkup]!.start < token.start) gap |= AFTER_MARKUP;
        const breaks = gap === JOINED ? 0 : breaksBetween(text, tokens[t - 1]!.end, token.start);
        if (breaks) {
          close(t, breaks);
          first = t;
          gap = 0;
        }
      }
      bits[t] = shapeOf(token.text) | gap;
      signatures[t] = signature(token.text);
    }
    if (n > 0) close(n, breaksBetween(text, tokens[n - 1]!.end, text.length));
    this.titleCases = new Int8Array(this.sentences.length).fill(-1);
  }

  shape(i: number): Shape {
    return i >= 0 && i < this.length ? ((this.bits[i]! & SHAPE_BITS) as Shape) : OTHER;
  }
  /** The word's text; "" out of range. */
  word(i: number): string {
    return i >= 0 && i < this.length ? this.text.slice(this.spans[2 * i], this.spans[2 * i + 1]) : "";
  }
  start(i: number): number {
    return this.spans[2 * i]!;
  }
  end(i: number): number {
    return this.spans[2 * i + 1]!;
  }
  /** The word's signature (see `signature`), computed with its shape. */
  signature(i: number): number {
    return this.signatures[i]!;
  }
  /** The word in lowercase (a lowercase word as it is: a capital inside it does not matter here); "" out of range. */
  lower(i: number): string {
    if (i < 0 || i >= this.length) return "";
    if ((this.bits[i]! & SHAPE_BITS) === LOWER) return this.word(i);
    return ((this.lowers ??= [])[i] ??= this.word(i).toLowerCase());
  }
  sentence(i: number): number {
    if (i < 0 || i >= this.length) return -1;
    // Binary search: the sentences are in order and asked about only where a rule looks closer.
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sentences[mid]!;
      if (i < s.first) hi = mid - 1;
      else if (i >= s.last) lo = mid + 1;
      else return mid;
    }
    return -1;
  }
  /** Only spaces separate it from the previous word of its sentence. */
  joined(i: number): boolean {
    return i > 0 && i < this.length && (this.bits[i]! & JOINED) !== 0;
  }
  /**
   * Where a capital says nothing: a sentence's first word, or after any punctuation or a line break
   * (a quotation may start after a comma: "it is written, You shall…").
   */
  opening(i: number): boolean {
    return !this.joined(i);
  }
  /** An inline code or tag comes between it and the previous word. */
  afterMarkup(i: number): boolean {
    return i > 0 && i < this.length && (this.bits[i]! & AFTER_MARKUP) !== 0;
  }
  /** Only a comma and spaces separate it from the previous word. */
  afterComma(i: number): boolean {
    return i > 0 && i < this.length && (this.bits[i]! & AFTER_COMMA) !== 0;
  }
  /** Inside a short quotation that starts with a capital: a title of a work or a name (“After Football with …”). */
  quotedTitle(i: number): boolean {
    if (!this.quotesMarked) {
      this.quotesMarked = true;
      for (const s of this.sentences) this.markQuotedTitles(s, s.first, s.last);
    }
    return (this.bits[i]! & QUOTED_TITLE) !== 0;
  }
  /** Most content words of sentence s are capitalized: a headline or title in title case. */
  titleCase(s: number): boolean {
    if (this.titleCases[s] === -1) this.titleCases[s] = this.isTitleCase(this.sentences[s]!.first, this.sentences[s]!.last) ? 1 : 0;
    return this.titleCases[s] === 1;
  }
  /** Words i and j (j = i ± 1) are neighbours with only spaces between. */
  adjacent(i: number, j: number): boolean {
    return this.joined(Math.max(i, j));
  }

  /** A capitalized word or an acronym that is not merely a sentence's first word. */
  isNameWord(i: number): boolean {
    const shape = this.shape(i);
    return (shape === CAPITALIZED || shape === UPPER) && !(this.opening(i) && FUNCTION_WORDS.has(this.lower(i)));
  }

  /** A capitalized word (or acronym) whose capital means something: not a sentence's first word. */
  capitalizedHere(i: number): boolean {
    const shape = this.shape(i);
    return (shape === CAPITALIZED || shape === UPPER) && this.joined(i);
  }

  /** Word i is joined to a neighbouring name word, directly or through connectors ("Secretary of State"). */
  touchesName(i: number): boolean {
    // "the" joins only after another connector ("Secretary of the Treasury"), not alone ("Later the Studio").
    for (let j = i - 1; this.joined(j + 1); j--) {
      if (this.isNameWord(j)) return true;
      const word = this.lower(j);
      if (!CONNECTORS.has(word) || (word === "the" && !CONNECTORS.has(this.lower(j - 1))) || j === i - 3) break;
    }
    for (let j = i + 1; this.joined(j); j++) {
      if (this.isNameWord(j)) return true;
      const word = this.lower(j);
      if (!CONNECTORS.has(word) || (word === "the" && j === i + 1) || j === i + 3) break;
    }
    return false;
  }

  private isTitleCase(first: number, last: number): boolean {
    // A title starts with a capital; a sentence that starts in lowercase is garbled prose, not a title.
    if (first < last && this.shape(first) === LOWER) return false;
    let capitalized = 0;
    let content = 0;
    for (let i = first; i < last; i++) {
      const shape = this.shape(i);
      if (this.opening(i) || shape === UPPER || shape === OTHER || FUNCTION_WORDS.has(this.lower(i))) continue;
      content++;
      if (shape === CAPITALIZED) capitalized++;
    }
    // A clear majority: "Later the Studio closed." has one capital in two content words, "he Usually waits in the Studio" two in four.
    return content >= 3 ? capitalized * 2 > content : content === 2 && capitalized === 2;
  }

  private markQuotedTitles(span: Span, first: number, last: number): void {
    const text = this.text;
    let open = -1;
    for (let at = span.start; at < span.end; at++) {
      const c = text.charCodeAt(at);
      if (c !== STRAIGHT_QUOTE && c !== OPENING_CURLY && c !== CLOSING_CURLY && c !== OPENING_GUILLEMET && c !== CLOSING_GUILLEMET && c !== LOW_QUOTE) continue;
      if (!(c === CLOSING_CURLY || c === CLOSING_GUILLEMET || (c === STRAIGHT_QUOTE && open >= 0))) {
        open = at;
        continue;
      }
      if (open < 0) continue;
      let w = first;
      while (w < last && this.start(w) < open) w++;
      let end = w;
      while (end < last && this.end(end) <= at) end++;
      if (end > w && end - w <= TITLE_WORDS && this.shape(w) === CAPITALIZED) for (let k = w; k < end; k++) this.bits[k]! |= QUOTED_TITLE;
      open = -1;
    }
  }
}

const STRAIGHT_QUOTE = 0x22, OPENING_CURLY = 0x201c, CLOSING_CURLY = 0x201d, OPENING_GUILLEMET = 0xab, CLOSING_GUILLEMET = 0xbb, LOW_QUOTE = 0x201e;
/** Words in a quotation of at most this many words, opening with a capital, are taken for a title. */
const TITLE_WORDS = 8;

/** The casing view of a segment, computed once and shared by every rule of this kind. */
const casings = new WeakMap<SegmentAnalysis, SegmentCasing>();
export function casingOf(analysis: SegmentAnalysis): SegmentCasing {
  let casing = casings.get(analysis);
  if (!casing) casings.set(analysis, (casing = new SegmentCasing(analysis.text, analysis.tokens, analysis.segment.masked)));
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

let pairEnds: ReadonlySet<string> | undefined;
/** The second words of the lexicon's pairs: only for these is a pair looked up. */
function lexiconPairEnds(): ReadonlySet<string> {
  return (pairEnds ??= new Set([...lowercaseLexicon().keys()].filter((k) => k.includes(" ")).map((k) => k.slice(k.indexOf(" ") + 1))));
}

let lexiconSignatures: Uint8Array | undefined;
/** Whether word i may be in the lexicon, alone or as a pair's second word (most names are rejected without a lookup). */
function mayBeInLexicon(casing: SegmentCasing, i: number): boolean {
  if (!lexiconSignatures) {
    lexiconSignatures = new Uint8Array(SIGNATURES / 8);
    for (const word of [...lowercaseLexicon().keys(), ...lexiconPairEnds()]) if (!word.includes(" ")) lexiconSignatures[signature(word) >> 3]! |= 1 << (signature(word) & 7);
  }
  const sig = casing.signature(i);
  return (lexiconSignatures[sig >> 3]! & (1 << (sig & 7))) !== 0;
}

/** Word i is an ordinary word the lexicon has (of any class). */
const inLexicon = (casing: SegmentCasing, i: number) => mayBeInLexicon(casing, i) && lowercaseLexicon().has(casing.lower(i));

/**
 * Whether a capitalized word in mid-sentence is out of place, by position alone: not opening a
 * sentence or quotation, not in a title-case line, a heading or a short quoted title, and not
 * beside another name word ("Cape May", "Dead Men Tell Tales"). The lexicon's derivation counts
 * these positions.
 */
export function isStrayPosition(casing: SegmentCasing, i: number, cls?: LexiconClass): boolean {
  if (casing.shape(i) !== CAPITALIZED || casing.opening(i) || casing.quotedTitle(i)) return false;
  if (casing.sentences[casing.sentence(i)]!.heading || casing.titleCase(casing.sentence(i))) return false;
  // “the Top 10”, “Fallout 2”: a number after it makes a name; after a number that opens a clause (“2:32 Was…”) it opens too.
  if ((casing.joined(i + 1) && casing.shape(i + 1) === OTHER) || (casing.shape(i - 1) === OTHER && casing.opening(i - 1))) return false;
  // After a word in another script (an untranslated “Источник”) a new sentence is likely to start.
  if (casing.text.charCodeAt(casing.start(i - 1)) > LATIN_END) return false;
  // In a list of names (“browsers such as Brave, DuckDuckGo”) an ordinary word is a name too.
  const listed = (j: number) => casing.sentence(j) === casing.sentence(i) && casing.isNameWord(j) && !inLexicon(casing, j);
  if ((casing.afterComma(i + 1) && listed(i + 1)) || (casing.afterComma(i) && listed(i - 1))) return false;
  return partOfNoName(casing, i, cls) ? !touchesOrdinaryCapital(casing, i) : !casing.touchesName(i);
}

/** An adverb in -ly the lexicon has as lowercase always is part of no name; beside one it still is a slip ("it is Usually Peskov who…"). */
function partOfNoName(casing: SegmentCasing, i: number, cls: LexiconClass | undefined): boolean {
  return cls === "always" && casing.lower(i).endsWith("ly");
}

/**
 * Beside a capitalized word that is never a name either: a title ("Truly Madly Deeply"), not a slip.
 * A word also seen in names ("Stone", "Sand") may be a surname, as in "it is Usually Peskov who…".
 */
function touchesOrdinaryCapital(casing: SegmentCasing, i: number): boolean {
  const ordinary = (j: number) => casing.shape(j) === CAPITALIZED && casing.joined(j) && mayBeInLexicon(casing, j) && lowercaseLexicon().get(casing.lower(j)) === "always";
  return (casing.joined(i) && ordinary(i - 1)) || (casing.joined(i + 1) && ordinary(i + 1));
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

/** The text from word `first` to word `last` with each word's text replaced by `recase(index)`. */
function recased(casing: SegmentCasing, first: number, last: number, recase: (i: number) => string): string {
  let out = "";
  for (let i = first; i <= last; i++) out += (i > first ? casing.text.slice(casing.end(i - 1), casing.start(i)) : "") + recase(i);
  return out;
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** A name known to be written so: its words and which of them are capitalized. */
interface KnownName {
  words: string[];
  lower: string[];
  /** Its words that are names in any context (“Duma”): written in lowercase, the whole is still this name. */
  proper: boolean[];
}


const isFunctionWord = (word: string) => FUNCTION_WORDS.has(word) || CONNECTORS.has(word);

/** What a word can be in a name, as bits: one lookup per word tells all. */
const HEAD = 1, TITLE = 2, MODIFIER = 4, FIELD_HEAD = 8, FIELD = 16, QUOTED_HEAD = 32, KNOWN_START = 64;

interface NameLists {
  roles: Map<string, number>;
  /** Which words may have a role, by a signature of their first letters and length: most words are rejected without a lookup. */
  mayHaveRole: Uint8Array;
  known: Map<string, KnownName[]>;
  documentNames: boolean;
  /** Heads, modifiers or quoted heads are given: look for names by their structure. */
  structural: boolean;
  lowercaseHeads: ReadonlySet<string>;
  styleCapitals: ReadonlySet<string>;
}

function nameLists(spec: CapitalizationSpec): NameLists {
  const roles = new Map<string, number>();
  const add = (words: readonly string[] | undefined, role: number) => {
    for (const w of words ?? []) roles.set(w.toLowerCase(), (roles.get(w.toLowerCase()) ?? 0) | role);
  };
  add(spec.heads, HEAD);
  add(spec.titles, HEAD | TITLE);
  add(spec.modifiers, MODIFIER);
  add(spec.fieldHeads, FIELD_HEAD);
  add(spec.fields, FIELD);
  add(spec.quotedHeads, QUOTED_HEAD);
  const properNouns = new Set((spec.properNouns ?? []).map((w) => w.toLowerCase()));
  const known = new Map<string, KnownName[]>();
  for (const name of [...(spec.names ?? []), ...(spec.properNouns ?? [])]) {
    const words = name.split(/\s+/);
    const lower = words.map((w) => w.toLowerCase());
    const entries = known.get(lower[0]!) ?? [];
    entries.push({ words, lower, proper: lower.map((w) => properNouns.has(w)) });
    known.set(lower[0]!, entries.sort((a, b) => b.words.length - a.words.length));
    add([lower[0]!], KNOWN_START);
  }
  const structural = [spec.heads, spec.titles, spec.modifiers, spec.quotedHeads].some((list) => list?.length);
  const mayHaveRole = new Uint8Array(SIGNATURES / 8);
  for (const word of roles.keys()) mayHaveRole[signature(word) >> 3]! |= 1 << (signature(word) & 7);
  const lowered = (words: readonly string[] | undefined) => new Set((words ?? []).map((w) => w.toLowerCase()));
  return { roles, mayHaveRole, known, documentNames: spec.documentNames ?? false, structural, lowercaseHeads: lowered(spec.lowercaseHeads), styleCapitals: lowered(spec.styleCapitals) };
}

/** A name check's view of one segment: its casing and what each word can be in a name. */
class NameView {
  constructor(
    readonly casing: SegmentCasing,
    private readonly lists: NameLists,
  ) {}

  role(i: number): number {
    if (i < 0 || i >= this.casing.length) return 0;
    const sig = this.casing.signature(i);
    return this.lists.mayHaveRole[sig >> 3]! & (1 << (sig & 7)) ? (this.lists.roles.get(this.casing.lower(i)) ?? 0) : 0;
  }
  is(i: number, role: number): boolean {
    return (this.role(i) & role) !== 0;
  }
  isContentWord(i: number): boolean {
    return this.casing.shape(i) === LOWER && !isFunctionWord(this.casing.word(i));
  }
  /** A capital that marks a name: on an ordinary word ("Council", "Federal"), not on "European" or "Moscow", which always take one. */
  isNameCapital(i: number): boolean {
    return this.casing.shape(i) === CAPITALIZED && this.casing.joined(i) && (inLexicon(this.casing, i) || this.is(i, HEAD | MODIFIER));
  }
  /** A capitalized word that is a name or a proper adjective by itself (“Donetsk”, “Ukrainian”), even opening a quotation. */
  isProperWord(i: number): boolean {
    return this.casing.shape(i) === CAPITALIZED && !FUNCTION_WORDS.has(this.casing.lower(i)) && !inLexicon(this.casing, i);
  }
  /** A lowercase modifier right before word i ("state security Committee" continues "state"). */
  followsModifier(i: number): boolean {
    return this.casing.joined(i) && this.casing.shape(i - 1) === LOWER && this.is(i - 1, MODIFIER);
  }
}

/** A known name at word i written with a lowercase word ("the state Duma"), or all in lowercase when distinctive ("the state duma"). */
function knownNameAt(lists: NameLists, view: NameView, i: number, found: Recasing[]): void {
  const { casing } = view;
  for (const name of lists.known.get(casing.lower(i))!) {
    if (!sameWords(casing, i, name.lower)) continue;
    const wrong = name.words.map((word, k) => casing.shape(i + k) === LOWER && word !== name.lower[k]);
    const last = i + name.words.length - 1;
    if (!wrong.includes(true) || inHandle(casing.text, casing.start(i), casing.end(last))) return;
    const capitalized = name.words.map((_, k) => view.isNameCapital(i + k));
    const certain = wrong.some((x, k) => x && name.proper[k]) || markedAsName(wrong, capitalized, name.lower);
    if (certain || capitalizedAsTheName(lists, view, i, name, wrong)) {
      // The stretch starts at the first word to change (“UN security Council” → “security Council”).
      // (Past an ordinary first word that only this name explains: “the Public chamber” is one finding, not a stray “Public”.)
      const first = certain ? i + wrong.indexOf(true) : i;
      const fixed = recased(casing, first, last, (j) => (casing.shape(j) === LOWER ? name.words[j - i]! : casing.word(j)));
      found.push({ start: casing.start(first), end: casing.end(last), text: fixed, reason: "the usual spelling of this name", applicability: certain ? "safe" : "unsafe" });
    }
    return;
  }
}

/**
 * An ordinary word: one the lowercase lexicon has, or, for words too rare in Brown to be there
 * (“Investigative”), one the English dictionary has in lowercase (it has “Moscow” and “European”
 * only with their capital).
 */
const ordinaryWord = (casing: SegmentCasing, i: number) => inLexicon(casing, i) || dictionaryFor("en").isKnown(casing.lower(i));

/**
 * “the Supreme court”, “the Accounts chamber”: a known name of two words after “the” whose first
 * word is an ordinary one capitalized (so meant as this name) and whose head is lowercase. A proper
 * adjective first (“the European commission”) is a house style, and so are the heads and first
 * words that `lowercaseHeads` (“the Democratic party”) and `styleCapitals` (“the Federal treasury”) list.
 */
function capitalizedAsTheName(lists: NameLists, view: NameView, i: number, name: KnownName, wrong: readonly boolean[]): boolean {
  const { casing } = view;
  if (name.words.length !== 2 || !wrong[1] || !casing.joined(i) || casing.lower(i - 1) !== "the") return false;
  if (casing.shape(i) !== CAPITALIZED || !ordinaryWord(casing, i) || lists.styleCapitals.has(name.lower[0]!)) return false;
  return !lists.lowercaseHeads.has(name.lower[1]!) && !casing.capitalizedHere(i + 2);
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
  if (first + lower.length > casing.length) return false;
  for (let k = 0; k < lower.length; k++) {
    if (casing.lower(first + k) !== lower[k] || (k > 0 && !casing.joined(first + k))) return false;
  }
  return true;
}

/**
 * Names of bodies by their structure, at word i (`role` its role, `nextRole` the next word's): a
 * head noun (“Ministry”, “Council”, “Cup”) capitalized with a lowercase modifier before it (“the
 * foreign Ministry”), a capitalized modifier with the rest in lowercase (“the Federal penitentiary
 * service”), a lowercase field after “Ministry of” (“Ministry of health”), or a quoted name with a
 * lowercase word after a noun such as “party”.
 */
function structureAt(view: NameView, i: number, role: number, nextRole: number, found: Recasing[]): void {
  const { casing } = view;
  const push = (first: number, last: number, reason: string) => found.push(guessedRecasing(view, first, last, reason));
  if (casing.shape(i) === LOWER) {
    // “the foreign Ministry”, “UN security Council”: lowercase modifiers before a capitalized head.
    if (role & MODIFIER && !view.followsModifier(i)) {
      let j = i;
      while (j < i + 2 && casing.shape(j + 1) === LOWER && casing.joined(j + 1) && view.is(j + 1, MODIFIER)) j++;
      const head = casing.joined(j + 1) ? firstHead(view, j + 1) : -1;
      if (head >= 0) push(i, head, "the name's other words are capitalized");
    }
    // “Ukrainian cultural Fund”, “Donetsk national Republic”: one lowercase adjective between a proper
    // name or adjective and a capitalized head.
    if (nextRole & HEAD && !(nextRole & TITLE) && casing.shape(i + 1) === CAPITALIZED && casing.joined(i + 1) && casing.joined(i)) {
      if (ADJECTIVE_ENDING.test(casing.word(i)) && !isFunctionWord(casing.word(i)) && view.isProperWord(i - 1)) push(i, i + 1, "the name's other words are capitalized");
    }
  } else if (casing.shape(i) === CAPITALIZED && casing.joined(i)) {
    // “the Federal penitentiary service”: a capitalized modifier, the rest of the name lowercase (three
    // words at least: “the Federal court” is a style of its own).
    if (role & MODIFIER && inLexicon(casing, i) && !casing.capitalizedHere(i - 1) && casing.lower(i - 1) !== "a" && casing.lower(i - 1) !== "an") {
      let j = i + 1;
      while (j < i + 3 && casing.joined(j) && view.isContentWord(j) && !view.is(j, HEAD)) j++;
      const head = j > i + 1 && casing.joined(j) && casing.shape(j) === LOWER && view.is(j, HEAD) && !view.is(j, TITLE);
      if (head && !casing.capitalizedHere(j + 1)) push(i, j, "its first word is capitalized as in a name");
    }
    // “Ministry of health”, “Department of foreign Affairs”: lowercase words in a name's “of” phrase.
    if (role & HEAD && casing.lower(i + 1) === "of" && casing.joined(i + 1)) ofPhrase(view, i, role, push);
  }
  // party “Our land”: a quoted name with a lowercase word.
  if (role & QUOTED_HEAD) {
    const quoted = quotedName(view, i);
    if (quoted) push(quoted[0], quoted[1], "every main word of a name takes a capital");
  }
}

/** Words first..last as a name: content words capitalized, connectors ("of", "the") lowercase inside; a guess, so a suggestion. */
function guessedRecasing(view: NameView, first: number, last: number, reason: string): Recasing {
  const { casing } = view;
  const text = recased(casing, first, last, (j) => (casing.shape(j) === LOWER && (j === first || !CONNECTORS.has(casing.word(j))) ? capitalize(casing.word(j)) : casing.word(j)));
  // A title (“press Secretary”) may also be meant in lowercase.
  const alternative = view.is(last, TITLE) ? recased(casing, first, last, (j) => casing.word(j).toLowerCase()) : undefined;
  return { start: casing.start(first), end: casing.end(last), text, reason, applicability: "unsafe", alternative };
}

function ofPhrase(view: NameView, i: number, role: number, push: (first: number, last: number, reason: string) => void): void {
  const { casing } = view;
  let j = i + 2;
  if (casing.lower(j) === "the" && casing.joined(j)) j++;
  const first = j;
  while (j < first + 4 && casing.joined(j) && (view.isContentWord(j) || (casing.lower(j) === "and" && j > first))) j++;
  const last = casing.lower(j - 1) === "and" ? j - 2 : j - 1;
  if (last < first) return;
  if (casing.capitalizedHere(j) && view.is(j, HEAD)) push(first, j, "the name's other words are capitalized");
  else if (role & FIELD_HEAD) {
    for (let k = first; k <= last; k++) if (casing.lower(k) !== "and" && !view.is(k, FIELD)) return;
    push(i, last, "the name's other words are capitalized");
  }
}

/** The first head word of the run of capitalized words starting at i (joined, with connectors), or -1. */
function firstHead(view: NameView, i: number): number {
  const { casing } = view;
  for (let j = i; j < i + 4 && casing.capitalizedHere(j); j++) {
    if (casing.shape(j) === CAPITALIZED && view.is(j, HEAD)) return j;
  }
  return -1;
}

/** Endings of the adjectives that name bodies (“national”, “economic”, “penitentiary”, “legislative”, “Siberian”). */
const ADJECTIVE_ENDING = /(?:al|ic|an|ive|ary|ory|ous|ern)$/u;
const OPENING_QUOTE = /^[ \u00a0]+["“«„‘]$/u;
const CLOSING_QUOTE = /^["”»“’]/u;

/** After word i, a quoted name of up to four words whose first word is capitalized and a later one is not: its first and last word. */
function quotedName(view: NameView, i: number): [number, number] | undefined {
  const { casing } = view;
  const first = i + 1;
  if (casing.sentence(first) !== casing.sentence(i) || casing.shape(first) !== CAPITALIZED || !OPENING_QUOTE.test(casing.text.slice(casing.end(i), casing.start(first)))) return undefined;
  for (let j = first; j < first + 4 && casing.sentence(j) === casing.sentence(first); j++) {
    if (j > first && !casing.joined(j)) return undefined;
    if (CLOSING_QUOTE.test(casing.text.charAt(casing.end(j)))) {
      for (let k = first + 1; k <= j; k++) if (view.isContentWord(k)) return [first, j];
      return undefined;
    }
  }
  return undefined;
}

/** Where each capitalized word of a name the document writes out occurs. */
type DocumentNames = Map<string, { casing: SegmentCasing; index: number }[]>;

/** The capitalized words of names the document writes out, of those in `wanted`. */
function documentNames(views: readonly NameView[], wanted: ReadonlySet<string>): DocumentNames {
  const byWord: DocumentNames = new Map();
  for (const view of views) {
    const { casing } = view;
    for (let i = 0; i < casing.length; i++) {
      if (casing.shape(i) !== CAPITALIZED || !casing.joined(i) || !wanted.has(casing.lower(i)) || !casing.touchesName(i)) continue;
      // Not from headlines; a sentence full of names still has a lowercase verb.
      const sentence = casing.sentences[casing.sentence(i)]!;
      if (sentence.heading || (casing.titleCase(casing.sentence(i)) && !hasContentWord(view, sentence))) continue;
      const at = byWord.get(casing.lower(i));
      if (at) at.push({ casing, index: i });
      else byWord.set(casing.lower(i), [{ casing, index: i }]);
    }
  }
  return byWord;
}

function hasContentWord(view: NameView, sentence: CasedSentence): boolean {
  for (let i = sentence.first; i < sentence.last; i++) if (view.isContentWord(i)) return true;
  return false;
}

/**
 * “state Duma” where the document writes “State Duma” elsewhere, at a lowercase word i right before
 * a capital of the name (not “chairman of the Commission” or “Fund purchase”, see nameCheck), when
 * the name looks like one (a lowercase modifier, or a head capitalized here).
 */
function documentRecasingAt(names: DocumentNames, view: NameView, i: number, found: Recasing[]): void {
  const { casing } = view;
  for (const { casing: other, index } of names.get(casing.lower(i)) ?? []) {
    const at = (k: number) => index + k - i; // word k here is word at(k) there
    if (casing.lower(i + 1) !== other.lower(at(i + 1)) || !other.joined(at(i + 1))) continue;
    // Grow the window over words equal in both places, joined to the next, and part of the name there.
    let first = i;
    while (casing.joined(first) && other.joined(at(first)) && casing.lower(first - 1) === other.lower(at(first - 1)) && other.capitalizedHere(at(first - 1))) first--;
    let last = i + 1;
    while (casing.joined(last + 1) && other.joined(at(last + 1)) && casing.lower(last + 1) === other.lower(at(last + 1)) && other.capitalizedHere(at(last + 1))) last++;
    let looksLikeName = false;
    for (let k = first; k <= last; k++) {
      if ((casing.shape(k) === LOWER && view.is(k, MODIFIER)) || (view.isNameCapital(k) && view.is(k, HEAD))) looksLikeName = true;
    }
    if (!looksLikeName) continue;
    const fixed = recased(casing, first, last, (k) => (casing.shape(k) === LOWER ? other.word(at(k)) : casing.word(k)));
    found.push({ start: casing.start(first), end: casing.end(last), text: fixed, reason: "as this document writes it elsewhere", applicability: "safe" });
    break;
  }
}

/** One finding per stretch: a certain recasing wins over a guessed one, a longer over a shorter. */
function chosen(found: Recasing[]): Recasing[] {
  if (found.length < 2) return found;
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
  /** name: heads that edited English may write in lowercase after a capitalized first word (“the Democratic party”). */
  lowercaseHeads?: string[];
  /** name: first words that a house style capitalizes before any lowercase noun (“the Federal government”). */
  styleCapitals?: string[];
  /** name: also names the document writes with capitals elsewhere. */
  documentNames?: boolean;
}

/** Words of the names a document writes out: "Service" after "Federal Security Service" is a name. */
function nameWords(casings: readonly SegmentCasing[]): Set<string> {
  const words = new Set<string>();
  for (const casing of casings) {
    for (let i = 0; i < casing.length; i++) if (casing.isNameWord(i) && casing.touchesName(i) && !partOfNoName(casing, i, strayClass(casing, i))) words.add(casing.lower(i));
  }
  return words;
}

/**
 * The lexicon's class of word i as a possible stray capital: of the word after the previous one
 * when the lexicon knows the pair ("in general", "to express"), else of the word.
 */
function strayClass(casing: SegmentCasing, i: number): LexiconClass | undefined {
  if (!mayBeInLexicon(casing, i)) return undefined;
  const lower = casing.lower(i);
  const own = lowercaseLexicon().get(lower);
  if (own === "always") return own;
  const paired = casing.shape(i - 1) === LOWER && casing.joined(i) && lexiconPairEnds().has(lower);
  const pair = paired ? lowercaseLexicon().get(`${casing.lower(i - 1)} ${lower}`) : undefined;
  if (own === "unless-name") return pair === "always" ? pair : own;
  return pair === "common" ? undefined : pair;
}

type DocumentCheck = (analyses: SegmentAnalysis[], casings: SegmentCasing[], report: Report) => void;

/** Capitalized in mid-sentence for reverence (“He”, “His”): such a document capitalizes nouns so too (“the Truth”, “the Word”). */
const DEITY_PRONOUNS = new Set(["He", "Him", "His", "Himself", "Thee", "Thou", "Thy", "Thine"]);

/** At least two such capitals, and one per 1,000 words: a file of unrelated segments is not one reverent text. */
function capitalizesForReverence(casings: readonly SegmentCasing[]): boolean {
  let count = 0;
  let words = 0;
  for (const casing of casings) {
    words += casing.length;
    for (let i = 0; i < casing.length; i++) {
      if (casing.shape(i) !== CAPITALIZED || !casing.joined(i) || !"HT".includes(casing.text.charAt(casing.start(i)))) continue;
      if (DEITY_PRONOUNS.has(casing.word(i))) count++;
    }
  }
  return count >= 2 && count * 1000 >= words;
}

interface Stray {
  casing: SegmentCasing;
  segment: number;
  index: number;
  cls: LexiconClass;
}

function strayCapitalCheck(spec: CapitalizationSpec): DocumentCheck {
  const exceptions = new Set((spec.exceptions ?? []).map((n) => n.toLowerCase()));
  return (_analyses, casings, report) => {
    if (capitalizesForReverence(casings)) return;
    let named: Set<string> | undefined;
    const found: Stray[] = [];
    casings.forEach((casing, segment) => {
      for (let i = 0; i < casing.length; i++) {
        if (casing.shape(i) !== CAPITALIZED || !casing.joined(i) || casing.end(i) - casing.start(i) < 2) continue;
        const cls = strayClass(casing, i);
        if (!cls || exceptions.has(casing.lower(i)) || !isStrayPosition(casing, i, cls)) continue;
        if ((named ??= nameWords(casings)).has(casing.lower(i))) continue;
        found.push({ casing, segment, index: i, cls });
      }
    });
    const names = found.length > 1 ? namesByUse(casings, found) : new Set<string>();
    for (const { casing, segment, index, cls } of found) {
      const lower = casing.lower(index);
      // Right after an inline tag it opens a label (“the <b>Go back</b> button”): it counts only as the document's use of the word.
      if (names.has(lower) || casing.afterMarkup(index)) continue;
      const span = { start: casing.start(index), end: casing.end(index) };
      report(segment, {
        ...span,
        message: expandMessage(spec.message, [casing.word(index), lower]),
        fix: makeFix(casing.text, span, lower, cls === "always" ? "safe" : "unsafe"),
      });
    }
  };
}

/**
 * Words the document uses as names: capitalized twice or more where a stray capital would be, never
 * in lowercase, and not words the lexicon has as lowercase always (a character “Hero”, a club).
 */
function namesByUse(casings: readonly SegmentCasing[], strays: readonly Stray[]): Set<string> {
  const counts = new Map<string, number>();
  for (const { casing, index } of strays) {
    const lower = casing.lower(index);
    if (lowercaseLexicon().get(lower) === "unless-name") counts.set(lower, (counts.get(lower) ?? 0) + 1);
  }
  const names = new Set([...counts].filter(([, n]) => n >= 2).map(([word]) => word));
  if (names.size) for (const casing of casings) for (let i = 0; i < casing.length; i++) if (casing.shape(i) === LOWER) names.delete(casing.word(i));
  return names;
}

function nameCheck(spec: CapitalizationSpec): DocumentCheck {
  const lists = nameLists(spec);
  return (_analyses, casings, report) => {
    const views = casings.map((casing) => new NameView(casing, lists));
    const found: Recasing[][] = [];
    // Where the document's own names may decide: a lowercase word right before a capital that marks a name.
    const lowercaseBeforeName: [number, number][] = [];
    views.forEach((view, segment) => {
      const { casing } = view;
      const here: Recasing[] = (found[segment] = []);
      let nextRole = view.role(0);
      for (let i = 0; i < casing.length; i++) {
        const role = nextRole;
        nextRole = view.role(i + 1);
        if (role & KNOWN_START) knownNameAt(lists, view, i, here);
        if (lists.structural && (role || nextRole & HEAD)) structureAt(view, i, role, nextRole, here);
        if (lists.documentNames && casing.shape(i) === LOWER && casing.shape(i + 1) === CAPITALIZED && !(role & TITLE) && view.isNameCapital(i + 1) && view.isContentWord(i)) {
          lowercaseBeforeName.push([segment, i]);
        }
      }
    });
    if (lowercaseBeforeName.length) {
      const names = documentNames(views, new Set(lowercaseBeforeName.map(([segment, i]) => casings[segment]!.lower(i))));
      for (const [segment, i] of lowercaseBeforeName) documentRecasingAt(names, views[segment]!, i, found[segment]!);
    }
    views.forEach(({ casing }, segment) => {
      for (const r of chosen(found[segment]!)) {
        const flagged = casing.text.slice(r.start, r.end);
        if (r.text === flagged) continue;
        report(segment, {
          start: r.start,
          end: r.end,
          message: expandMessage(spec.message, [flagged, r.text, r.reason]),
          fix: makeFix(casing.text, r, r.text, r.applicability),
          suggestions: r.alternative ? [makeFix(casing.text, r, r.alternative, "unsafe")] : undefined,
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
