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

  /** As reported to users: the JSON pointer, if any, leads the message. */
  toProblem(): ProblemReport {
    const { file, line, column, pointer } = this.location;
    const message = pointer !== undefined ? `${pointer || "/"}: ${this.message}` : this.message;
    return { kind: this.kind, message, ...(file !== undefined && { file }), ...(line !== undefined && { line }), ...(column !== undefined && { column }) };
  }

  /** "file:line:col: message" or "file: /pointer: message". */
  format(): string {
    return formatProblem(this.toProblem());
  }
}

export function formatProblem(p: ProblemReport): string {
  let where = p.file ?? "";
  if (p.file && p.line !== undefined) where += `:${p.line}` + (p.column !== undefined ? `:${p.column}` : "");
  return where ? `${where}: ${p.message}` : p.message;
}

export const usageError = (message: string, location?: ErrorLocation) => new MtlintError("usage", message, location);
export const configError = (message: string, location?: ErrorLocation) => new MtlintError("config", message, location);
export const inputError = (message: string, location?: ErrorLocation) => new MtlintError("input", message, location);

/** Escapes one JSON-pointer token (RFC 6901). */
export const pointerToken = (token: string | number) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");
