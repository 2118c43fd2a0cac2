/** Plain text: one segment per paragraph (blank-line separated), offsets kept back into the file. */
import type { Segment, Span } from "../core/types.js";
import { splitParagraphs } from "../analysis/text.js";
import type { Format, ParsedFile } from "./format.js";
import { LineIndex } from "./lines.js";
import { editedSegments, writeTargets } from "./write.js";

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
  const edited = editedSegments(segments);
  const parsed: ParsedFile = {
    document: { path, segments },
    errors: [],
    position: (segmentIndex, offset) => lines.position(blocks[segmentIndex]!.start + offset),
    filePosition: (offset) => lines.position(offset),
    range: (segmentIndex) => ({ start: blocks[segmentIndex]!.start, end: blocks[segmentIndex]!.end }),
    fileEdits: (edits) => edited(edits).flatMap((i) => edits.get(segments[i]!.id)!.map((e) => ({ start: blocks[i]!.start + e.start, end: blocks[i]!.start + e.end, text: e.text }))),
    asWritten: (_, inserted) => inserted,
    write: (targets) => writeTargets(text, parsed, targets),
  };
  return parsed;
}

/** Longer paragraphs are cut into pieces (at a sentence end or space when there is one) to bound per-segment work. */
const MAX_BLOCK = 64 * 1024;
/**
 * Sentence ends (". " or a line break) per piece of a long paragraph. Pieces are cut by this count
 * rather than by length, so that a fixed paragraph (a few units shorter or longer) reads back as
 * the same pieces; only a piece that would pass MAX_BLOCK first is cut by length (pieceEnd).
 */
const SENTENCES_PER_PIECE = 256;

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

/**
 * The first sentence end (just after ". " or a line break) past an offset, for offsets that do not
 * go back past a sentence end already found: each search resumes where the last stopped.
 */
function sentenceEnds(text: string): (from: number) => number {
  let stop = -Infinity;
  let newline = -Infinity;
  return (from) => {
    if (stop + 2 <= from) stop = text.indexOf(". ", from - 1) === -1 ? Infinity : text.indexOf(". ", from - 1);
    if (newline + 1 <= from) newline = text.indexOf("\n", from) === -1 ? Infinity : text.indexOf("\n", from);
    return Math.min(stop + 2, newline + 1);
  };
}

function boundedBlocks(text: string, spans: Span[]): Block[] {
  const nextEnd = sentenceEnds(text);
  return spans.flatMap((span) => {
    if (span.end - span.start <= MAX_BLOCK) return [span];
    const pieces: Block[] = [];
    let start = span.start;
    for (;;) {
      let cut = start;
      let counted = 0;
      for (let next = nextEnd(cut); counted < SENTENCES_PER_PIECE && next < span.end && next - start <= MAX_BLOCK; next = nextEnd(cut)) {
        cut = next;
        counted++;
      }
      if (counted < SENTENCES_PER_PIECE && span.end - start <= MAX_BLOCK) break;
      const end = counted === SENTENCES_PER_PIECE ? cut : pieceEnd(text, start, MAX_BLOCK);
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
