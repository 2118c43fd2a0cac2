/**
 * JSON Lines: one segment per line, { "id", "source"?, "target", "srcLang"?, "tgtLang"? }.
 * A line that is not a valid record is reported with its position and skipped; the rest is read.
 * Writing re-serialises only the lines whose target changed.
 */
import { inputError, type MtlintError } from "../core/errors.js";
import type { Segment } from "../core/types.js";
import type { Format, ParsedFile } from "./format.js";

interface Record {
  id?: unknown;
  source?: unknown;
  target?: unknown;
  srcLang?: unknown;
  tgtLang?: unknown;
}

interface Line {
  text: string;
  /** "\r" when the line ended in CRLF. */
  eol: string;
  record?: Record;
  /** Column (1-based) where the target string's content starts. */
  targetColumn?: number;
  /** Length of the target's first `offset` units as escaped in JSON, once a position on the line is asked for. */
  escaped?: (offset: number) => number;
}

/** Units between the checkpoints of `escapedLengths`. */
const CHECKPOINT = 256;

/**
 * Escaped JSON length of `text.slice(0, offset)`, from the length at the checkpoint before the
 * offset: each position costs O(CHECKPOINT), not O(offset), however many findings a long line has.
 * A checkpoint never splits a surrogate pair, which JSON would escape as two lone halves.
 */
function escapedLengths(text: string): (offset: number) => number {
  const escapedLength = (from: number, to: number) => JSON.stringify(text.slice(from, to)).length - 2;
  const isHigh = (i: number) => (text.charCodeAt(i) & 0xfc00) === 0xd800;
  const isLow = (i: number) => (text.charCodeAt(i) & 0xfc00) === 0xdc00;
  // starts[k] is k × CHECKPOINT, or one more where that would split a pair.
  const starts = [0];
  const lengths = [0];
  for (let k = 1; k * CHECKPOINT < text.length; k++) {
    const start = k * CHECKPOINT + (isHigh(k * CHECKPOINT - 1) && isLow(k * CHECKPOINT) ? 1 : 0);
    lengths.push(lengths[k - 1]! + escapedLength(starts[k - 1]!, start));
    starts.push(start);
  }
  return (offset) => {
    let k = Math.min(Math.floor(offset / CHECKPOINT), starts.length - 1);
    if (starts[k]! > offset) k--;
    return lengths[k]! + escapedLength(starts[k]!, offset);
  };
}

export const jsonlFormat: Format = {
  name: "jsonl",
  extensions: [".jsonl", ".ndjson"],
  parse(text, path): ParsedFile {
    const errors: MtlintError[] = [];
    const segments: Segment[] = [];
    const lines: Line[] = text.split("\n").map((raw) => (raw.endsWith("\r") ? { text: raw.slice(0, -1), eol: "\r" } : { text: raw, eol: "" }));
    const segmentLines: number[] = [];
    const ids = new Set<string>();
    lines.forEach((line, i) => {
      if (!line.text.trim()) return;
      const lineNo = i + 1;
      let record: Record;
      try {
        record = JSON.parse(line.text) as Record;
      } catch (e) {
        const at = /at position (\d+)/.exec((e as Error).message);
        errors.push(inputError(`not valid JSON (${(e as Error).message.replace(/ in JSON at position \d+.*$/, "")}); line skipped`, { file: path, line: lineNo, column: at ? Number(at[1]) + 1 : undefined }));
        return;
      }
      if (typeof record !== "object" || record === null || Array.isArray(record) || typeof record.target !== "string") {
        errors.push(inputError(`expected an object with a string "target"; line skipped`, { file: path, line: lineNo, column: 1 }));
        return;
      }
      const optional = (v: unknown) => (typeof v === "string" ? v : undefined);
      const valueStart = /"target"\s*:\s*"/.exec(line.text);
      line.record = record;
      line.targetColumn = valueStart ? valueStart.index + valueStart[0].length + 1 : 1;
      let id = typeof record.id === "string" || typeof record.id === "number" ? String(record.id) : `line-${lineNo}`;
      if (ids.has(id)) id = `${id}@line-${lineNo}`; // ids must be unique: fixes are keyed by them
      ids.add(id);
      const segment: Segment = {
        id,
        target: record.target,
        origin: { file: path, line: lineNo, column: line.targetColumn },
      };
      const source = optional(record.source);
      const srcLang = optional(record.srcLang);
      const tgtLang = optional(record.tgtLang);
      if (source !== undefined) segment.source = source;
      if (srcLang) segment.srcLang = srcLang;
      if (tgtLang) segment.tgtLang = tgtLang;
      segments.push(segment);
      segmentLines.push(i);
    });
    return {
      document: { path, segments },
      errors,
      position(segmentIndex, offset) {
        const line = lines[segmentLines[segmentIndex]!]!;
        // Columns count the escaped JSON text up to the offset.
        line.escaped ??= escapedLengths(line.record!.target as string);
        return { line: segmentLines[segmentIndex]! + 1, column: line.targetColumn! + line.escaped(offset) };
      },
      write(targets) {
        const out = lines.map((line) => line.text + line.eol);
        segments.forEach((segment, k) => {
          const replacement = targets.get(segment.id);
          const i = segmentLines[k]!;
          if (replacement === undefined || replacement === segment.target) return;
          out[i] = JSON.stringify({ ...lines[i]!.record, target: replacement }) + lines[i]!.eol;
        });
        return out.join("\n");
      },
    };
  },
};
