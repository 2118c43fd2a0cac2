/** Building fixes, choosing those of one pass over a document, applying them without overlaps, and refusing fixes that would change protected content. */
import { applyEdits } from "../core/edits.js";
import type { Applicability, Document, Edit, Finding, Fix, Span } from "../core/types.js";

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
 * An edit whose `expected` text is not what the text holds is stale, and its fix is skipped. A fix
 * with an edit that touches a masked range (markup, code, a reference) or cuts a character in two is
 * refused, as is one that changes protected content.
 */
export function applyFixes<T>(text: string, items: readonly T[], fixOf: (item: T) => Fix, masked: readonly Span[] = []): FixOutcome<T> {
  const accepted: Edit[] = [];
  const outcome: FixOutcome<T> = { text, applied: [], skipped: [] };
  for (const item of items) {
    const { edits } = fixOf(item);
    if (edits.some((e) => text.slice(e.start, e.end) !== e.expected)) {
      outcome.skipped.push({ item, reason: "stale" });
    } else if (edits.some((e) => overlapsAny(accepted, e))) {
      outcome.skipped.push({ item, reason: "overlap" });
    } else if (edits.some((e) => touchesMask(masked, e) || cutsCharacter(text, e.start) || cutsCharacter(text, e.end)) || !keepsProtectedContent(text, edits)) {
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

/** Whether an edit changes or inserts into a masked range (inserting right at its edge is outside it). */
function touchesMask(masked: readonly Span[], edit: Edit): boolean {
  return masked.some((m) => (edit.start === edit.end ? m.start < edit.start && edit.start < m.end : m.start < edit.end && edit.start < m.end));
}

/** Whether an offset falls between the two halves of a surrogate pair. */
function cutsCharacter(text: string, at: number): boolean {
  return /[\ud800-\udbff]/.test(text[at - 1] ?? "") && /[\udc00-\udfff]/.test(text[at] ?? "");
}

/** English scale words, also as MT leaves them: plural ("5 millions") and abbreviated from Russian ("45 mln", "12 thous."). */
const SCALES: Record<string, number> = { thousand: 1e3, thous: 1e3, ths: 1e3, tys: 1e3, million: 1e6, mln: 1e6, billion: 1e9, bln: 1e9, mlrd: 1e9, trillion: 1e12, trln: 1e12 };
const scaleOf = (word: string) => SCALES[word.toLowerCase().replace(/s$|\.$/u, "")]!;
const NUMBER =
  /(\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)(?:\s*[-–—]\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?))?(?:\s+((?:thousand|million|billion|trillion)s?(?![\p{L}\p{N}])|(?:thous|ths|tys)\.|(?:mln|bln|mlrd|trln)(?![\p{L}\p{N}])\.?))?/giu;
/**
 * URLs and e-mail addresses as written in text: a URL ends before the punctuation that closes the
 * sentence or the bracket around it ("(e.g. http://a.example/x.html)."), keeps brackets it opens
 * itself ("/wiki/Mercury_(planet)"), and never runs into full-width or CJK text ("…/page.html）。").
 * The closing punctuation is looked at up to 16 marks ahead (a longer run stays in the URL but its
 * last 16), and the local part of an address starts where its run of characters does: both would
 * otherwise rescan a long run at each of its characters.
 */
export const URL_OR_MAIL =
  /\b(?:https?:\/\/|www\.)(?:\([^\s<>"”()\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]*\)|[^\s<>"”()\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])+?(?=[.,;:!?'’]{0,16}(?:[\s<>"”)\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]|\((?![^\s<>"”()]*\))|$))|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
const PLACEHOLDER = /%(?:\d+\$)?[sdif@]|\{\{?[\w.]+\}?\}|<\/?[a-zA-Z][^<>]*>/gu;
/** Character and entity references, and tags written escaped ("&lt;a href=…&gt;"), as in HTML strings of PO, JSON or XML. */
const REFERENCE_OR_ESCAPED_TAG = /&lt;\/?[a-zA-Z](?:(?!&gt;)[^<>])*&gt;|&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[a-zA-Z][a-zA-Z\d]{1,31});/gu;

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
    const scale = m[3] ? scaleOf(m[3]) : 1;
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
  for (const m of text.matchAll(REFERENCE_OR_ESCAPED_TAG)) items.push(`&${m[0]}`);
  return items.sort();
}

/** Compares protected content around the edits only, so that checking a fix costs O(edit), not O(text). */
export function keepsProtectedContent(text: string, edits: readonly Edit[]): boolean {
  let start = Math.max(0, Math.min(...edits.map((e) => e.start)) - 40);
  let end = Math.min(text.length, Math.max(...edits.map((e) => e.end)) + 40);
  // Widen to word boundaries so no number is cut in half (bounded: text may have no spaces at all).
  for (let i = 0; i < 100 && start > 0 && !/\s/.test(text[start - 1]!); i++) start--;
  for (let i = 0; i < 100 && end < text.length && !/\s/.test(text[end]!); i++) end++;
  // Tags may hold spaces: a window that starts or ends inside one would not see it change.
  start = tagAround(text, start)?.start ?? start;
  end = tagAround(text, end)?.end ?? end;
  const local = edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  const before = text.slice(start, end);
  const a = protectedContent(before);
  const b = protectedContent(applyEdits(before, local));
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** How far a tag (or an escaped one) that `at` falls inside may reach: bounded, like the window. */
const TAG_REACH = 2000;

/** The tag, plain ("<a x>") or escaped ("&lt;a x&gt;"), with `at` strictly inside it, if any. */
function tagAround(text: string, at: number): Span | undefined {
  const before = text.slice(Math.max(0, at - TAG_REACH), at);
  const open = Math.max(before.lastIndexOf("<"), before.lastIndexOf("&lt;"));
  if (open === -1 || Math.max(before.lastIndexOf(">"), before.lastIndexOf("&gt;")) > open) return undefined;
  const after = text.slice(at, at + TAG_REACH);
  const close = [after.indexOf(">"), after.indexOf("&gt;")].filter((i) => i !== -1).sort((a, b) => a - b)[0];
  if (close === undefined || [after.indexOf("<"), after.indexOf("&lt;")].some((i) => i !== -1 && i < close)) return undefined;
  return { start: at - before.length + open, end: at + close + (after.startsWith("&gt;", close) ? 4 : 1) };
}

export { applyEdits };

/** The fix to apply for a finding at the allowed level: its own fix, else (unsafe only) its first suggestion; never one that changes nothing. */
export function chosenFix(finding: Finding, allowed: Applicability): Fix | undefined {
  const ok = (f: Fix | undefined) => f && (f.applicability === "safe" || allowed === "unsafe") && f.edits.some((e) => e.text !== e.expected) ? f : undefined;
  return ok(finding.fix) ?? (allowed === "unsafe" ? finding.suggestions?.[0] : undefined);
}

export interface FixPass {
  /** The edits to make, by segment id, in offsets of the segment's target. */
  edits: Map<string, Edit[]>;
  /** Findings whose fix is applied. */
  applied: Finding[];
  /** Fixes refused because they would have changed a number, URL, placeholder, tag or other markup. */
  refused: Finding[];
}

/** The fixes of these findings (in order: the first of two overlapping fixes wins, the other waits for the next pass). */
export function fixPass(document: Document, findings: readonly Finding[], allowed: Applicability): FixPass {
  const bySegment = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!chosenFix(f, allowed)) continue;
    const list = bySegment.get(f.segmentId);
    if (list) list.push(f);
    else bySegment.set(f.segmentId, [f]);
  }
  const pass: FixPass = { edits: new Map(), applied: [], refused: [] };
  for (const segment of document.segments) {
    const candidates = bySegment.get(segment.id);
    if (!candidates) continue;
    const outcome = applyFixes(segment.target, candidates, (f) => chosenFix(f, allowed)!, segment.masked);
    for (const { item, reason } of outcome.skipped) if (reason === "protected") pass.refused.push(item);
    if (!outcome.applied.length) continue;
    pass.applied.push(...outcome.applied);
    pass.edits.set(segment.id, outcome.applied.flatMap((f) => chosenFix(f, allowed)!.edits));
  }
  return pass;
}
