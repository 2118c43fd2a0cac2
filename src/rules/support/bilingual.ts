/** Shared by the bilingual rule kinds, which compare a segment's source with its target. */
import type { SegmentAnalysis } from "../../analysis/analysis.js";
import type { Span } from "../../core/types.js";
import { URL_OR_MAIL } from "../../engine/fixes.js";

/** Inline markup and entities as they appear in XLIFF/HTML text: tags, `&amp;`, `&#160;`. */
export const MARKUP = /<\/?[A-Za-z][^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w*);/gu;
/** printf, {name}, {{name}} and ICU argument placeholders. */
export const PLACEHOLDERS =
  /%(?:\d+\$)?[-+#0]*(?:[1-9]\d*)?(?:\.\d+)?(?:ll|l|h)?[sdifuxXeEgGc@](?!\p{L})|\{\{\s*[\w.]+\s*\}\}|\{\s*[\w.]+\s*,\s*(?:plural|select|selectordinal)\s*,|\{\s*[\w.]+\s*(?:,[^{}]*)?\}/gu;

/** The text with every match of the patterns replaced by spaces, so offsets stay the same. */
export function blank(text: string, ...patterns: RegExp[]): string {
  let out = text;
  for (const p of patterns) out = out.replace(p, (m) => " ".repeat(m.length));
  return out;
}

/** The text with the spans (in order, not overlapping) replaced by spaces. */
export function blankSpans(text: string, spans: readonly Span[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of spans) {
    parts.push(text.slice(at, start), " ".repeat(end - start));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** A match of an opening pattern, and where the first closing string after it ends. */
export interface ClosedSpan extends Span {
  open: RegExpExecArray;
}

/**
 * Each match of `opener` (a global pattern whose matches hold no "<" but the first character)
 * with the first `closerOf(match)` after it: what /opener[\s\S]*?closer/g matches. Where each
 * closer was last found is remembered, so that the text after openers that are never closed is
 * not searched again from each of them (quadratic, as the lazy pattern does).
 */
export function closedSpans(text: string, opener: RegExp, closerOf: (open: RegExpExecArray) => string): ClosedSpan[] {
  const spans: ClosedSpan[] = [];
  const next = new Map<string, number>();
  opener.lastIndex = 0;
  for (let open = opener.exec(text); open; open = opener.exec(text)) {
    const closer = closerOf(open);
    const from = open.index + open[0].length;
    let at = next.get(closer);
    if (at === undefined || (at !== -1 && at < from)) next.set(closer, (at = text.indexOf(closer, from)));
    if (at === -1) continue;
    spans.push({ open, start: open.index, end: at + closer.length });
    opener.lastIndex = at + closer.length;
  }
  return spans;
}

/** Prose only: markup, placeholders, URLs and e-mail addresses blanked out. */
export const proseOf = (text: string) => blank(text, MARKUP, URL_OR_MAIL, PLACEHOLDERS);

/** The target without its leading and trailing space, for findings about the segment as a whole. */
export function wholeTarget(analysis: SegmentAnalysis): Span {
  const text = analysis.segment.target;
  const start = text.length - text.trimStart().length;
  return { start, end: Math.max(start, text.trimEnd().length) };
}

/**
 * A source that is a message key, not text ("bnpl_payment_terms_url", "LVL_5", gettext's
 * "translator-credits"): its target is not a translation of it, so nothing is compared.
 */
export const isKeySource = (source: string) => /^\s*(?:translator[-_]credits|[A-Za-z][\w.-]*_[\w.-]*)\s*$/u.test(source);

/** The segment's source, when it has a non-blank one that is text (not a message key). */
export function sourceOf(analysis: SegmentAnalysis): string | undefined {
  const source = analysis.segment.source;
  return source !== undefined && source.trim() !== "" && !isKeySource(source) ? source : undefined;
}

const SCRIPTS: [name: string, test: RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Han", /\p{Script=Han}/u],
  ["Kana", /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ["Hangul", /\p{Script=Hangul}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Devanagari", /\p{Script=Devanagari}/u],
  ["Thai", /\p{Script=Thai}/u],
];

/** The script most of the text's letters are in (kana counts Japanese text as "Kana" even among Han). */
export function dominantScript(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const [ch] of text.matchAll(/\p{L}/gu)) {
    const script = SCRIPTS.find(([, test]) => test.test(ch))?.[0];
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if ((counts.get("Kana") ?? 0) > 0 && (counts.get("Kana") ?? 0) + (counts.get("Han") ?? 0) >= (counts.get("Latin") ?? 0)) return "Kana";
  let best: [string, number] | undefined;
  for (const c of counts) if (!best || c[1] > best[1]) best = c;
  return best?.[0];
}

/** The language a source in this script most likely is, for language-pair defaults. */
export const LANGUAGE_OF_SCRIPT: Record<string, string> = { Cyrillic: "ru", Han: "zh", Kana: "ja", Hangul: "ko", Arabic: "ar", Greek: "el", Hebrew: "he", Devanagari: "hi", Thai: "th" };

export const primary = (tag: string | undefined) => tag?.split(/[-_]/)[0]!.toLowerCase();

/** Source language of a segment: declared, else guessed from its script (Latin gives undefined). */
export function sourceLanguageOf(analysis: SegmentAnalysis, source: string, documentSource?: string): string | undefined {
  return primary(analysis.segment.srcLang ?? documentSource) ?? LANGUAGE_OF_SCRIPT[dominantScript(source) ?? ""];
}

/** A multiset of keys. */
export function countKeys(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** "a", "a and b", "a, b and c", each in quotes. */
export const listed = (items: string[]) =>
  items.length <= 1 ? items.map((i) => `“${i}”`).join("") : `${items.slice(0, -1).map((i) => `“${i}”`).join(", ")} and “${items.at(-1)}”`;
