/**
 * What the bilingual readers (XLIFF, TMX, PO, CSV/TSV) share: each finds, for every segment, the
 * stretch of the file that holds its target and a way to encode a new target for that stretch.
 * Positions map target offsets to file offsets; writing splices re-encoded targets into the
 * original text, so an unchanged target keeps its bytes and everything around it is never touched.
 */
import { inputError, type MtlintError } from "../core/errors.js";
import type { Document, Segment, Span } from "../core/types.js";
import type { ParsedFile } from "./format.js";
import { LineIndex } from "./lines.js";

export interface Field {
  id: string;
  target: string;
  source?: string;
  rawSource?: string;
  srcLang?: string;
  tgtLang?: string;
  masked?: Span[];
  /** Rule ids (or "*") switched off for this segment by a note or comment in the file. */
  suppressed?: string[];
  /** Where the target is written in the file (for CSV: the field with its quotes). */
  raw: Span;
  /**
   * For targets decoded from the file (escapes, doubled quotes): from target offset `at` on, the
   * target is copied from file offset `file` on, up to the next run; an escape is a run of its own.
   * Absent when the target is the file text at `raw.start`.
   */
  runs?: Run[];
  /** The file text that replaces `raw` for a new target. */
  encode(target: string): string;
}

export interface Run {
  at: number;
  file: number;
}

export interface Languages {
  language?: string;
  sourceLanguage?: string;
}

/** Fields must be in file order and must not overlap. */
export function parsedFromFields(text: string, path: string, fields: Field[], errors: MtlintError[], languages: Languages = {}, skipped = 0): ParsedFile {
  const lines = new LineIndex(text);
  const fileOffset = (f: Field, offset: number) => (f.runs ? runOffset(f.runs, offset) : f.raw.start + offset);
  const segments = fields.map((f): Segment => {
    const segment: Segment = { id: f.id, target: f.target, origin: { file: path, ...lines.position(fileOffset(f, 0)) } };
    if (f.source !== undefined) segment.source = f.source;
    if (f.rawSource !== undefined) segment.rawSource = f.rawSource;
    if (f.srcLang) segment.srcLang = f.srcLang;
    if (f.tgtLang) segment.tgtLang = f.tgtLang;
    if (f.masked?.length) segment.masked = f.masked;
    if (f.suppressed?.length) segment.suppressed = f.suppressed;
    return segment;
  });
  const document: Document = { path, segments };
  if (languages.language) document.language = languages.language;
  if (languages.sourceLanguage) document.sourceLanguage = languages.sourceLanguage;
  return {
    document,
    errors,
    ...(skipped > 0 && { skipped }),
    position: (segmentIndex, offset) => lines.position(fileOffset(fields[segmentIndex]!, offset)),
    write(targets) {
      const parts: string[] = [];
      let at = 0;
      for (const f of fields) {
        const target = targets.get(f.id);
        // Unchanged targets are not re-encoded: their escapes and quoting stay as they were.
        if (target === undefined || target === f.target) continue;
        parts.push(text.slice(at, f.raw.start), f.encode(target));
        at = f.raw.end;
      }
      parts.push(text.slice(at));
      return parts.join("");
    },
  };
}

/** The file offset of a target offset: in the last run starting at or before it. */
export function runOffset(runs: Run[], offset: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid]!.at <= offset) lo = mid;
    else hi = mid - 1;
  }
  return runs[lo]!.file + offset - runs[lo]!.at;
}

/**
 * Untranslated units are normal in a partly translated file: they are counted, not reported. A file
 * where no unit has a target is an error, at the first unit, saying what was expected there.
 */
export class UntranslatedUnits {
  count = 0;
  private first?: { expected: string; line: number; column: number };

  add(expected: string, where: { line: number; column: number }): void {
    this.count++;
    this.first ??= { expected, ...where };
  }

  /** The error for a file with nothing translated, if that is this file. */
  errorIfNothingTranslated(path: string, translated: number): MtlintError[] {
    if (translated > 0 || !this.first) return [];
    const { expected, line, column } = this.first;
    return [inputError(`nothing to check: no unit has a translation (expected ${expected})`, { file: path, line, column })];
  }
}

/** Segment ids must be unique (fixes are keyed by them): a repeated id gets its line appended. */
export function uniqueIds(): (id: string, line: number) => string {
  const seen = new Set<string>();
  return (id, line) => {
    const unique = seen.has(id) ? `${id}@line-${line}` : id;
    seen.add(unique);
    return unique;
  };
}

/** `mtlint-disable rule-id …` (no ids: every rule) in a translator's note or comment. */
export function suppressionsIn(note: string): string[] | undefined {
  const m = /\bmtlint-disable\b([^\n]*)/.exec(note);
  if (!m) return undefined;
  const ids = m[1]!.split(/[\s,]+/).filter((id) => /^[\w*][\w/*-]*$/.test(id));
  return ids.length ? ids : ["*"];
}
