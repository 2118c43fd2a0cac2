/**
 * Writing edited targets back. A write is a splice: each edit of a target becomes an edit of the
 * file at the place its text is written, so everything else keeps its bytes. `checkedWrite` is the
 * safety net of --fix: it refuses a write whose result does not read back as exactly the fixed
 * targets, with the markup and everything outside the edits as it was.
 */
import { inputError, type MtlintError } from "../core/errors.js";
import type { Edit, Segment, Span } from "../core/types.js";
import { applyEdits } from "../core/edits.js";
import type { FileEdit, Format, ParsedFile } from "./format.js";

/** The text with file edits (disjoint) applied. */
export function spliceText(text: string, edits: readonly FileEdit[]): string {
  return applyEdits(text, edits.map((e) => ({ ...e, expected: "" })));
}

const isHigh = (c: string | undefined) => c !== undefined && c >= "\ud800" && c <= "\udbff";

/**
 * Edits that turn `old` into `next`: the stretch between their common prefix and suffix, split
 * around the masked ranges of `old` found unchanged inside it, so that markup is never re-escaped.
 */
export function editsBetween(old: string, masked: readonly Span[], next: string): Edit[] {
  let prefix = 0;
  while (prefix < old.length && prefix < next.length && old[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < next.length - prefix && old[old.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  if (isHigh(old[prefix - 1])) prefix--; // never cut a surrogate pair
  if (isHigh(old[old.length - suffix - 1]) && suffix > 0) suffix--;
  const edits: Edit[] = [];
  let oldAt = prefix;
  let nextAt = prefix;
  const nextEnd = next.length - suffix;
  for (const m of masked) {
    if (m.start < oldAt || m.end > old.length - suffix) continue;
    const piece = old.slice(m.start, m.end);
    const found = next.indexOf(piece, nextAt);
    if (found === -1 || found + piece.length > nextEnd) continue;
    edits.push({ start: oldAt, end: m.start, text: next.slice(nextAt, found), expected: old.slice(oldAt, m.start) });
    oldAt = m.end;
    nextAt = found + piece.length;
  }
  edits.push({ start: oldAt, end: old.length - suffix, text: next.slice(nextAt, nextEnd), expected: old.slice(oldAt, old.length - suffix) });
  return edits.filter((e) => e.start !== e.end || e.text !== "");
}

/**
 * Which segments a map of edits (by segment id) touches, in file order: the indexes, found through
 * an index of ids built on first use, so that placing one finding's fix does not walk the whole file.
 */
export function editedSegments(segments: readonly Segment[]): (edits: ReadonlyMap<string, readonly Edit[]>) => number[] {
  let byId: Map<string, number[]> | undefined;
  return (edits) => {
    if (!byId) {
      byId = new Map();
      segments.forEach((s, i) => {
        const list = byId!.get(s.id);
        if (list) list.push(i);
        else byId!.set(s.id, [i]);
      });
    }
    const indexes: number[] = [];
    for (const [id, list] of edits) if (list.length) indexes.push(...(byId.get(id) ?? []));
    return indexes.sort((a, b) => a - b);
  };
}

/** `ParsedFile.write` for every format: new targets as edits, spliced. */
export function writeTargets(text: string, parsed: Pick<ParsedFile, "document" | "fileEdits">, targets: ReadonlyMap<string, string>): string {
  const edits = new Map<string, Edit[]>();
  for (const s of parsed.document.segments) {
    const target = targets.get(s.id);
    if (target !== undefined && target !== s.target) edits.set(s.id, editsBetween(s.target, s.masked ?? [], target));
  }
  return spliceText(text, parsed.fileEdits(edits));
}

/**
 * The file with these target edits, parsed again; or, when the result would be anything but the
 * fixed targets with all else as it was, the problem that refuses the write (the file is then left
 * unchanged). Checked: every file edit lies inside the text of a segment it fixes, and the bytes
 * outside the file edits are the old ones; read back, the file has the same errors and segments,
 * each target is its old one with its edits applied, sources are unchanged, and markup is where
 * it was, moved only by the edits (new markup only inside inserted text that was escaped, as "&amp;").
 */
export function checkedWrite(format: Format, parsed: ParsedFile, text: string, path: string, edits: ReadonlyMap<string, readonly Edit[]>): { text: string; parsed: ParsedFile } | MtlintError {
  const segments = parsed.document.segments;
  const refuse = (why: string, segmentIndex?: number) =>
    inputError(`fixes not written: ${why}; file left unchanged`, { file: path, ...(segmentIndex !== undefined && parsed.position(segmentIndex, 0)) });
  const edited = segments.flatMap((s, i) => (edits.get(s.id)?.length ? [i] : []));
  const fileEdits = [...parsed.fileEdits(edits)].sort((a, b) => a.start - b.start);
  // Segments are in file order: one walk pairs each file edit with the edited segment it must lie in.
  let previousEnd = 0;
  let k = 0;
  for (const e of fileEdits) {
    while (k < edited.length && parsed.range(edited[k]!).end < e.end) k++;
    const range = k < edited.length ? parsed.range(edited[k]!) : undefined;
    if (!range || e.start < range.start || e.start < previousEnd) return refuse(`an edit at offset ${e.start} falls outside the text it fixes`);
    previousEnd = e.end;
  }
  const next = spliceText(text, fileEdits);
  if (!keepsBytesOutside(text, next, fileEdits)) return refuse("the written file would differ outside the edits");
  const after = format.parse(next, path);
  if (after.errors.length !== parsed.errors.length) return refuse(`the fixed file would not read back (${after.errors[0]?.message ?? "an error less"})`);
  const reread = after.document.segments;
  if (reread.length !== segments.length) return refuse(`the fixed file would read back as ${reread.length} segments instead of ${segments.length}`);
  for (let i = 0; i < segments.length; i++) {
    const [before, now] = [segments[i]!, reread[i]!];
    const own = (edits.get(before.id) ?? []).map((e) => ({ ...e, text: parsed.asWritten(i, e.text), escaped: parsed.asWritten(i, e.text) !== e.text }));
    if (now.id !== before.id || now.source !== before.source || now.rawSource !== before.rawSource) return refuse(`segment "${before.id}" would read back as another unit`, i);
    if (now.target !== applyEdits(before.target, own)) return refuse(`segment "${before.id}" would read back as other text than its fix`, i);
    if (!markupKept(before, now, own)) return refuse(`a fix would change the markup of segment "${before.id}"`, i);
  }
  return { text: next, parsed: after };
}

function keepsBytesOutside(text: string, next: string, fileEdits: readonly FileEdit[]): boolean {
  let at = 0;
  let nextAt = 0;
  for (const e of fileEdits) {
    if (!next.startsWith(text.slice(at, e.start), nextAt)) return false;
    nextAt += e.start - at + e.text.length;
    at = e.end;
  }
  return next.length - nextAt === text.length - at && next.endsWith(text.slice(at));
}

/**
 * Masked positions of the old target, moved by the edits, are masked in the new one; new masked
 * positions lie only in inserted text that writing escaped. Blanks do not count: a Markdown marker
 * that takes in the space a fix left next to it changes nothing a reader sees.
 */
function markupKept(before: Segment, now: Segment, edits: readonly (Edit & { escaped: boolean })[]): boolean {
  const expected = new Uint8Array(now.target.length); // 1: must be masked, 2: may be masked (escaped inserted text)
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const moved = (offset: number) => sorted.reduce((d, e) => (e.end <= offset ? d + e.text.length - (e.end - e.start) : d), offset);
  for (const m of before.masked ?? []) expected.fill(1, moved(m.start), moved(m.end));
  let delta = 0;
  for (const e of sorted) {
    expected.fill(e.escaped ? 2 : 0, e.start + delta, e.start + delta + e.text.length);
    delta += e.text.length - (e.end - e.start);
  }
  const masked = new Uint8Array(now.target.length);
  for (const m of now.masked ?? []) masked.fill(1, m.start, m.end);
  return expected.every((want, i) => want === 2 || masked[i] === (want === 1 ? 1 : 0) || /\s/.test(now.target[i]!));
}
