/** Building fixes, applying them without overlaps, and refusing fixes that would change protected content. */
import type { Applicability, Edit, Fix, Span } from "../core/types.js";

/** “text”, or ‹text› when the text holds curly quotes itself, so that the title stays readable. */
const quoted = (text: string) => (/[“”]/.test(text) ? `‹${text}›` : `“${text}”`);

export function makeFix(text: string, span: Span, replacement: string, applicability: Applicability, title?: string): Fix {
  const expected = text.slice(span.start, span.end);
  return {
    title: title ?? (replacement ? `Replace ${quoted(expected)} with ${quoted(replacement)}` : `Delete ${quoted(expected)}`),
    edits: [{ start: span.start, end: span.end, text: replacement, expected }],
    applicability,
  };
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end || (a.start === b.start && (a.start === a.end || b.start === b.end));

export interface FixOutcome<T> {
  text: string;
  applied: T[];
  /** Overlapping, stale, or refused because they would change protected content. */
  skipped: { item: T; reason: "overlap" | "stale" | "protected" }[];
}

/**
 * Applies fixes to one text. Items are taken in order; the first of two overlapping fixes wins.
 * An edit whose `expected` text is not what the text holds is stale, and its fix is skipped.
 */
export function applyFixes<T>(text: string, items: readonly T[], fixOf: (item: T) => Fix): FixOutcome<T> {
  const accepted: Edit[] = [];
  const outcome: FixOutcome<T> = { text, applied: [], skipped: [] };
  for (const item of items) {
    const { edits } = fixOf(item);
    if (edits.some((e) => text.slice(e.start, e.end) !== e.expected)) {
      outcome.skipped.push({ item, reason: "stale" });
    } else if (edits.some((e) => overlapsAny(accepted, e))) {
      outcome.skipped.push({ item, reason: "overlap" });
    } else if (!keepsProtectedContent(text, edits)) {
      outcome.skipped.push({ item, reason: "protected" });
    } else {
      for (const e of edits) accepted.splice(insertionPoint(accepted, e.start), 0, e);
      outcome.applied.push(item);
    }
  }
  outcome.text = applyEdits(text, accepted);
  return outcome;
}

/** Index of the first edit in `sorted` (by start) whose start is >= `start`. */
function insertionPoint(sorted: readonly Edit[], start: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Accepted edits never overlap, so only the neighbours of the insertion point can overlap `edit`. */
function overlapsAny(sorted: readonly Edit[], edit: Edit): boolean {
  const i = insertionPoint(sorted, edit.start);
  return [sorted[i - 1], sorted[i]].some((a) => a !== undefined && overlaps(a, edit));
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const NUMBER =
  /(\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)(?:\s*[-–—]\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?))?(?:\s+(thousand|million|billion|trillion)\b)?/giu;
/** The local part of an address starts where its run of characters does: tried inside the run, it would rescan it (quadratic on a long word without "@"). */
export const URL_OR_MAIL = /\b(?:https?:\/\/|www\.)[^\s<>"”]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
const PLACEHOLDER = /%(?:\d+\$)?[sdif@]|\{\{?[\w.]+\}?\}|<\/?[a-zA-Z][^<>]*>/gu;

/** Numeric value of "8,000", "2,5" (decimal comma), "25 000", "3.5", "1.500.000". */
export function numericValue(raw: string): number {
  // "1.500.000,5": dots group thousands, a comma marks decimals (German, Russian).
  if (/^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/u.test(raw)) return Number(raw.replace(/\./gu, "").replace(",", "."));
  if (/^\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?:\.\d+)?$/u.test(raw)) return Number(raw.replace(/[, \u00a0\u202f]/gu, ""));
  return Number(raw.replace(",", "."));
}

/** A number in text: "8,000", "2,5", "25 000", "8 thousand", or a range "40-50 thousand" (two raw parts). */
export interface NumberMatch {
  start: number;
  end: number;
  /** The digits of each end of a range, as written ("8,000", "2,5"). */
  parts: string[];
  /** Where each part starts in the text. */
  partStarts: number[];
  /** The English scale word's multiplier, 1 without one. */
  scale: number;
  /** The parts' values, scale applied. */
  values: number[];
}

/** Every number in the text, read as protectedContent() reads them. */
export function readNumbers(text: string): NumberMatch[] {
  const found: NumberMatch[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const scale = m[3] ? SCALES[m[3].toLowerCase()]! : 1;
    const parts = m[2] ? [m[1]!, m[2]] : [m[1]!];
    const partStarts = [m.index, ...(m[2] ? [m.index + m[0].lastIndexOf(m[2], m[0].length - (m[3] ? m[3].length : 0))] : [])];
    found.push({ start: m.index, end: m.index + m[0].length, parts, partStarts, scale, values: parts.map((p) => numericValue(p) * scale) });
  }
  return found;
}

/**
 * Numbers, URLs, e-mails, placeholders and tags. A number counts by its digits, so that fixes
 * may change how digits are grouped or which mark is decimal ("12,000" → "12.000" in German,
 * "2,5" → "2.5" in English) without the guard having to know the locale; with a scale word its
 * digits are those of the value ("8 thousand" → "8000"), both ends of a range counted.
 */
export function protectedContent(text: string): string[] {
  const items: string[] = [];
  for (const n of readNumbers(text)) n.parts.forEach((part, i) => items.push(`#${n.scale === 1 ? part.replace(/\D/gu, "") : String(n.values[i])}`));
  for (const m of text.matchAll(URL_OR_MAIL)) items.push(`@${m[0]}`);
  for (const m of text.matchAll(PLACEHOLDER)) items.push(`%${m[0]}`);
  return items.sort();
}

/** Compares protected content around the edits only, so that checking a fix costs O(edit), not O(text). */
export function keepsProtectedContent(text: string, edits: readonly Edit[]): boolean {
  let start = Math.max(0, Math.min(...edits.map((e) => e.start)) - 40);
  let end = Math.min(text.length, Math.max(...edits.map((e) => e.end)) + 40);
  // Widen to word boundaries so no number is cut in half (bounded: text may have no spaces at all).
  for (let i = 0; i < 100 && start > 0 && !/\s/.test(text[start - 1]!); i++) start--;
  for (let i = 0; i < 100 && end < text.length && !/\s/.test(text[end]!); i++) end++;
  const local = edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  const before = text.slice(start, end);
  const a = protectedContent(before);
  const b = protectedContent(applyEdits(before, local));
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
