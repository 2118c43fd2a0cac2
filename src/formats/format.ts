/** What every input format provides: segments out of a file, and the file back with new targets. */
import type { MtlintError } from "../core/errors.js";
import type { Document } from "../core/types.js";

export interface ParsedFile {
  document: Document;
  /** Problems in part of the file (a bad JSONL line); the rest was read. */
  errors: MtlintError[];
  /** Units left untranslated (no target, or an empty one): not segments, not errors. */
  skipped?: number;
  /** 1-based line and column in the file of an offset into a segment's target. */
  position(segmentIndex: number, offset: number): { line: number; column: number };
  /** The file's text with new targets (by segment id); everything else byte for byte as it was. */
  write(targets: ReadonlyMap<string, string>): string;
}

export interface Format {
  name: string;
  extensions: string[];
  parse(text: string, path: string): ParsedFile;
}
