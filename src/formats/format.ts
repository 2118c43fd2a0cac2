/** What every input format provides: segments out of a file, and the file back with edited targets. */
import type { MtlintError } from "../core/errors.js";
import type { Document, Edit, Span } from "../core/types.js";

/** A change to a file's text: [start, end) of the old text replaced by `text`. */
export interface FileEdit extends Span {
  text: string;
}

export interface ParsedFile {
  document: Document;
  /** Problems in part of the file (a bad JSONL line); the rest was read. */
  errors: MtlintError[];
  /** Units left untranslated (no target, or an empty one): not segments, not errors. */
  skipped?: number;
  /** 1-based line and column in the file of an offset into a segment's target. */
  position(segmentIndex: number, offset: number): { line: number; column: number };
  /** 1-based line and column of an offset into the file's text (where `fileEdits` put their edits). */
  filePosition(offset: number): { line: number; column: number };
  /** Where a segment's target is written in the file (for CSV: the field with its quotes). */
  range(segmentIndex: number): Span;
  /**
   * The file edits that write these target edits (by segment id, in offsets of the target), the
   * inserted text escaped as the file needs: every edit lands inside its segment's range.
   */
  fileEdits(edits: ReadonlyMap<string, readonly Edit[]>): FileEdit[];
  /** How text inserted into a segment's target reads there once written (XML targets are raw: "&" reads "&amp;"). */
  asWritten(segmentIndex: number, text: string): string;
  /** The file's text with new targets (by segment id); everything else byte for byte as it was. */
  write(targets: ReadonlyMap<string, string>): string;
}

export interface Format {
  name: string;
  extensions: string[];
  parse(text: string, path: string): ParsedFile;
}
