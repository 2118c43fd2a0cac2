/**
 * Segmentation shared by every rule: word tokens and sentences with UTF-16 offsets.
 * Both are linear-time scans; Intl.Segmenter is used only for scripts without spaces
 * (it is quadratic on long strings, so it only ever sees a sentence, or a piece of a long one).
 */
import type { Span } from "../core/types.js";

export interface Token extends Span {
  text: string;
}

/**
 * Word tokens are what the regular expression
 *   [\p{L}\p{M}\p{N}]+(?:(?:['’\-.]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{M}\p{N}]+)*
 * matches: letters/digits joined by apostrophes, hyphens, inner dots ("U.S", "3.5") or
 * digit-group commas ("8,000"). `wordTokens` is a hand-written scan equal to it (test/text.test.ts
 * checks this), three times as fast: the class of each character comes from a table.
 */
const SPACELESS_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

// A character's class bits: a word character (letter or mark, or number), of a script without
// spaces, computed (a table entry of 0 is not), two UTF-16 units long.
const LETTER = 1, NUMBER = 2, WORD_CHAR = LETTER | NUMBER, SPACELESS = 4, KNOWN = 8, ASTRAL = 16;

function classBits(codePoint: number): number {
  const c = String.fromCodePoint(codePoint);
  return KNOWN | (/[\p{L}\p{M}]/u.test(c) ? LETTER : /\p{N}/u.test(c) ? NUMBER : 0) | (SPACELESS_SCRIPT.test(c) ? SPACELESS : 0);
}
/** Class bits by UTF-16 unit (0: not computed yet), and by code point beyond the BMP. */
const bmpClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();

/** Class bits of the code point at text[i]. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return bmpClass[c] || (bmpClass[c] = classBits(c));
  const d = text.charCodeAt(i + 1);
  if (d < 0xdc00 || d > 0xdfff) return bmpClass[c] || (bmpClass[c] = classBits(c)); // a lone surrogate
  const codePoint = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  let bits = astralClass.get(codePoint);
  if (bits === undefined) astralClass.set(codePoint, (bits = classBits(codePoint) | ASTRAL));
  return bits;
}

/** Word tokens of the text, or undefined as soon as it holds a character of a script without spaces. */
function wordTokens(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let bits = classAt(text, i);
    if (bits & SPACELESS) return undefined;
    if (!(bits & WORD_CHAR)) {
      i += bits & ASTRAL ? 2 : 1;
      continue;
    }
    const start = i;
    for (;;) {
      // A run of word characters; `bits` is the class of its first one.
      let last: number;
      do {
        if (bits & SPACELESS) return undefined;
        last = bits;
        i += bits & ASTRAL ? 2 : 1;
      } while (i < n && (bits = classAt(text, i)) & WORD_CHAR);
      // A joiner continues the word when a word character follows it (a comma only between numbers).
      if (i + 1 >= n) break;
      const c = text.charCodeAt(i);
      const comma = c === 44 && (last & NUMBER) !== 0;
      if (!(comma || c === 39 || c === 0x2019 || c === 45 || c === 46)) break;
      bits = classAt(text, i + 1);
      if (!(bits & (comma ? NUMBER : WORD_CHAR))) break;
      i++;
    }
    tokens.push({ start, end: i, text: text.slice(start, i) });
  }
  return tokens;
}

const segmenters = new Map<string, Intl.Segmenter>();
function wordSegmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) segmenters.set(lang, (s = new Intl.Segmenter(lang, { granularity: "word" })));
  return s;
}

/** Intl.Segmenter's time grows with the square of the text's length: longer sentences are segmented in pieces. */
const SEGMENTER_PIECE = 500;

export function tokenize(text: string, lang = "en", sentences?: Span[]): Token[] {
  const words = wordTokens(text);
  if (words) return words;
  const tokens: Token[] = [];
  const segmenter = wordSegmenter(lang);
  for (const s of sentences ?? splitSentences(text)) {
    for (let start = s.start; start < s.end; ) {
      let end = Math.min(s.end, start + SEGMENTER_PIECE);
      if ((text.charCodeAt(end - 1) & 0xfc00) === 0xd800 && end < s.end) end++;
      const segments = [...segmenter.segment(text.slice(start, end))];
      // A piece's last segment may be a word cut in two: the next piece starts with it.
      const cut = end < s.end && segments.length > 1 ? segments.pop() : undefined;
      for (const w of segments) {
        if (w.isWordLike) tokens.push({ start: start + w.index, end: start + w.index + w.segment.length, text: w.segment });
      }
      start = cut ? start + cut.index : end;
    }
  }
  return tokens;
}

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  ("mr mrs ms dr prof st jr sr gen col lt sgt capt gov sen rep rev hon vs etc e.g i.e cf al approx dept est fig inc ltd co corp " +
    "no nos vol pp jan feb mar apr jun jul aug sep sept oct nov dec mt ft univ assn bros " +
    "z.b bzw usw ggf vgl ca nr str dr mme mlle cie etc. и т.д т.п г гг им ул")
    .split(" "),
);

/** The first alternative starts only where a run of marks does: tried inside a long run ("....x"), it would rescan the run. */
const SENTENCE_END = /(?<![.!?…。！？])[.!?…。！？]+["'”’»)\]]*(?=\s|$)|[。！？]+["'”’»」』）)]*/gu;

/**
 * Sentence spans: a boundary after . ! ? … (plus closing quotes/brackets) followed by space,
 * unless the full stop ends a known abbreviation or a single initial, or the next word is lowercase.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (!endsSentence(text, m, end)) continue;
    pushTrimmed(text, start, end, spans);
    start = end;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function endsSentence(text: string, mark: RegExpMatchArray, after: number): boolean {
  if (/^[。！？]/u.test(mark[0])) return true;
  const next = /\S/u.exec(text.slice(after, after + 20));
  if (next && /\p{Ll}/u.test(next[0])) return false; // “Really?” she asked.
  if (mark[0] !== ".") return true;
  const dot = mark.index!;
  let wordStart = dot;
  while (wordStart > 0 && dot - wordStart < 30 && /[\p{L}.]/u.test(text[wordStart - 1]!)) wordStart--;
  const word = text.slice(wordStart, dot);
  if (/^\p{Lu}$/u.test(word)) return false; // an initial: "J. Smith"
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  return !/^(\p{L}\.)+\p{L}$/u.test(word); // "U.S.", "e.g."
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]) {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) spans.push({ start, end });
}

/** Paragraph spans: text separated by blank lines. */
export function splitParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/\n[ \t\r]*\n\s*/g)) {
    pushTrimmed(text, start, m.index, spans);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

/**
 * Where the run of characters matching `char` (a pattern for one character) that ends `text`
 * starts: a backward scan. /[…]+$/ would instead be tried at every position of a long run that
 * does not end the text, each time to the run's end (quadratic).
 */
export function trailingRunStart(text: string, char: RegExp): number {
  let start = text.length;
  while (start > 0) {
    const pair = start > 1 && (text.charCodeAt(start - 1) & 0xfc00) === 0xdc00 && (text.charCodeAt(start - 2) & 0xfc00) === 0xd800;
    const width = pair ? 2 : 1;
    if (!char.test(text.slice(start - width, start))) break;
    start -= width;
  }
  return start;
}

/** The text without its trailing run of characters matching `char` (see trailingRunStart). */
export const withoutTrailing = (text: string, char: RegExp) => text.slice(0, trailingRunStart(text, char));

/** Runs of letters and digits: words as the boundaries (?<![\p{L}\p{N}]) and (?![\p{L}\p{N}]) see them. */
export const LETTER_DIGIT_RUN = /[\p{L}\p{N}]+/gu;
/** The run of letters and digits a text starts with. */
export const LEADING_RUN = /^[\p{L}\p{N}]+/u;

/** Case folded closely enough to what a pattern's i flag treats as equal, for finding candidates (the pattern then decides). */
export const caseFolded = (text: string) => text.toLowerCase().toUpperCase().toLowerCase();

/** Levenshtein distance, counted up to `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    if (Math.min(...row) >= limit) return limit;
    previous = row;
  }
  return Math.min(previous[b.length]!, limit);
}
