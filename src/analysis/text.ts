/**
 * Segmentation shared by every rule: word tokens and sentences with UTF-16 offsets.
 * Both are linear-time scans; Intl.Segmenter is used only for scripts without spaces
 * (it is quadratic on long strings, so it only ever sees one sentence at a time).
 */
import type { Span } from "../core/types.js";

export interface Token extends Span {
  text: string;
}

/** Letters/digits joined by apostrophes, hyphens, inner dots ("U.S", "3.5") or digit-group commas ("8,000"). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’\-.]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;
const SPACELESS_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const segmenters = new Map<string, Intl.Segmenter>();
function wordSegmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) segmenters.set(lang, (s = new Intl.Segmenter(lang, { granularity: "word" })));
  return s;
}

export function tokenize(text: string, lang = "en", sentences?: Span[]): Token[] {
  if (!SPACELESS_SCRIPT.test(text)) {
    const tokens: Token[] = [];
    for (const m of text.matchAll(WORD)) tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    return tokens;
  }
  const tokens: Token[] = [];
  const segmenter = wordSegmenter(lang);
  for (const s of sentences ?? splitSentences(text)) {
    for (const w of segmenter.segment(text.slice(s.start, s.end))) {
      if (w.isWordLike) tokens.push({ start: s.start + w.index, end: s.start + w.index + w.segment.length, text: w.segment });
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

const SENTENCE_END = /[.!?…。！？]+["'”’»)\]]*(?=\s|$)|[。！？]+["'”’»」』）)]*/gu;

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
