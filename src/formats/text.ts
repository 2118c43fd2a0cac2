/** Plain text: one segment per paragraph (blank-line separated), offsets kept back into the file. */
import type { Segment, Span } from "../core/types.js";
import { splitParagraphs } from "../analysis/text.js";
import type { Format, ParsedFile } from "./format.js";
import { LineIndex } from "./lines.js";
import { writeTargets } from "./write.js";

export interface Block extends Span {
  /** Ranges relative to the block's start that are not prose. */
  masked?: Span[];
  /** Rule ids (or "*") switched off for this block by a suppression comment. */
  suppressed?: string[];
}

/** A file whose segments are literal substrings of it: positions and writes are plain offset arithmetic. */
export function parsedFromBlocks(text: string, path: string, blocks: Block[]): ParsedFile {
  const lines = new LineIndex(text);
  const segments: Segment[] = blocks.map((b, i) => {
    const { line, column } = lines.position(b.start);
    const segment: Segment = { id: String(i + 1), target: text.slice(b.start, b.end), origin: { file: path, line, column } };
    if (b.masked?.length) segment.masked = b.masked;
    if (b.suppressed?.length) segment.suppressed = b.suppressed;
    return segment;
  });
  const parsed: ParsedFile = {
    document: { path, segments },
    errors: [],
    position: (segmentIndex, offset) => lines.position(blocks[segmentIndex]!.start + offset),
    range: (segmentIndex) => ({ start: blocks[segmentIndex]!.start, end: blocks[segmentIndex]!.end }),
    fileEdits: (edits) =>
      blocks.flatMap((b, i) => (edits.get(segments[i]!.id) ?? []).map((e) => ({ start: b.start + e.start, end: b.start + e.end, text: e.text }))),
    asWritten: (_, inserted) => inserted,
    write: (targets) => writeTargets(text, parsed, targets),
  };
  return parsed;
}

/** Longer paragraphs are cut into pieces (at a sentence end or space when there is one) to bound per-segment work. */
const MAX_BLOCK = 64 * 1024;

/**
 * Where a piece of at most `max` units of `text` from `start` ends: after its last full stop before
 * a space or its last line break, else after its last space, else after `max` units (one more
 * rather than split a surrogate pair).
 */
export function pieceEnd(text: string, start: number, max: number): number {
  const window = text.slice(start, start + max);
  const cut = Math.max(window.lastIndexOf(". "), window.lastIndexOf("\n")) + 1 || window.lastIndexOf(" ") + 1;
  if (cut) return start + cut;
  return start + max + ((window.charCodeAt(max - 1) & 0xfc00) === 0xd800 ? 1 : 0);
}

function boundedBlocks(text: string, spans: Span[]): Block[] {
  return spans.flatMap((span) => {
    const pieces: Block[] = [];
    let start = span.start;
    while (span.end - start > MAX_BLOCK) {
      const end = pieceEnd(text, start, MAX_BLOCK);
      pieces.push({ start, end });
      start = end;
    }
    pieces.push({ start, end: span.end });
    return pieces;
  });
}

export const textFormat: Format = {
  name: "text",
  extensions: [".txt", ".text"],
  parse: (text, path) => parsedFromBlocks(text, path, boundedBlocks(text, splitParagraphs(text))),
};
