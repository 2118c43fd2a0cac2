/** Errors the user can act on. They are printed as one line, never with a stack trace. */
import type { ProblemReport } from "./results.js";

export type ErrorKind = "usage" | "config" | "input";

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** JSON pointer into a config or rule file, e.g. "/rules/en~1comma-dash". */
  pointer?: string;
}

export class MtlintError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly location: ErrorLocation = {},
  ) {
    super(message);
    this.name = "MtlintError";
  }

  /** As reported to users: the JSON pointer, if any, leads the message; control characters are escaped. */
  toProblem(): ProblemReport {
    const { file, line, column, pointer } = this.location;
    const message = escapeControls(pointer !== undefined ? `${pointer || "/"}: ${this.message}` : this.message);
    return { kind: this.kind, message, ...(file !== undefined && { file: escapeControls(file) }), ...(line !== undefined && { line }), ...(column !== undefined && { column }) };
  }

  /** "file:line:col: message" or "file: /pointer: message". */
  format(): string {
    return formatProblem(this.toProblem());
  }
}

export function formatProblem(p: ProblemReport): string {
  let where = p.file ?? "";
  if (p.file && p.line !== undefined) where += `:${p.line}` + (p.column !== undefined ? `:${p.column}` : "");
  return escapeControls(where ? `${where}: ${p.message}` : p.message);
}

/**
 * Control characters (C0 with line breaks and ESC, DEL, C1, bidirectional overrides) written
 * as \x1b or \u202e: text from a bad input line can then neither drive the terminal (colours,
 * titles, OSC links) nor split a one-line message or reorder it.
 */
export const escapeControls = (text: string): string =>
  text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });

/** Parts of one kind skipped in a file (see SkippedParts in formats/bilingual.ts): what is needed to add up the counts of a file read in batches. */
export interface SkippedKind {
  /** What a part is called, one and several ("row", "rows"). */
  unit: string;
  units: string;
  /** What groups the parts; `problem` is the first one's. */
  kind: string;
  problem: string;
  count: number;
}

export const skippedMessage = ({ unit, units, problem, count }: SkippedKind) =>
  count === 1 ? `${unit} skipped: ${problem}` : `${count} ${units} skipped: ${problem} (the first here)`;

/** The input error for skipped parts of one kind, at the first of them. */
export class SkippedPartsError extends MtlintError {
  constructor(
    readonly skipped: SkippedKind,
    location: ErrorLocation,
  ) {
    super("input", skippedMessage(skipped), location);
  }
}

export const usageError = (message: string, location?: ErrorLocation) => new MtlintError("usage", message, location);
export const configError = (message: string, location?: ErrorLocation) => new MtlintError("config", message, location);
export const inputError = (message: string, location?: ErrorLocation) => new MtlintError("input", message, location);

/** Escapes one JSON-pointer token (RFC 6901). */
export const pointerToken = (token: string | number) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");
