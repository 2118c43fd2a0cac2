/**
 * Inline markup inside the strings of formats that have none of their own (PO, CSV/TSV, JSONL) and
 * inside Markdown and XML text: character and entity references, HTML tags with their attributes,
 * comments, markup written escaped ("&lt;a href=…&gt;", "&amp;amp;"), and the whole of code
 * elements. Masked, so that no rule matches inside it and no fix edits it.
 */
import type { Span } from "../core/types.js";

const NAME = String.raw`(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[a-zA-Z][a-zA-Z\d]{1,31})`;
// Bounded repeats keep a scan linear in text full of unclosed "<a" or "&lt;a".
const ATTRIBUTES = String.raw`(?:\s(?:[^<>"']|"[^"<>]{0,1000}"|'[^'<>]{0,1000}'){0,1000})?`;
const ESCAPED_ATTRIBUTES = String.raw`(?:\s(?:(?!&gt;)[^<>]){0,1000})?`;
const CODE = "code|kbd|samp|var|pre|script|style";

const MARKUP = new RegExp(
  [
    String.raw`<(${CODE})\b${ATTRIBUTES}>[\s\S]{0,4000}?</\1\s*>`, // a code element, content and all
    String.raw`&lt;(${CODE})\b${ESCAPED_ATTRIBUTES}&gt;[\s\S]{0,4000}?&lt;/\2\s*&gt;`, // the same, escaped
    String.raw`<!--[\s\S]{0,4000}?-->`,
    String.raw`</?[a-zA-Z][\w:.-]*${ATTRIBUTES}/?>`, // a tag
    String.raw`&lt;/?[a-zA-Z][\w:.-]*${ESCAPED_ATTRIBUTES}/?&gt;`, // a tag written escaped
    `&amp;${NAME};`, // a reference written escaped
    `&${NAME};`,
  ].join("|"),
  "g",
);

export function inlineMarkup(text: string): Span[] {
  if (!text.includes("<") && !text.includes("&")) return [];
  return [...text.matchAll(MARKUP)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Sorted spans with the overlapping ones merged; spans that only touch stay apart (a lone reference is shown as its character). */
export function unionOfSpans(...lists: Span[][]): Span[] {
  const sorted = lists.flat().filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}
