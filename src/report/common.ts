/** Helpers shared by the machine-readable reporters: severity levels, paths, XML escaping. */
import { relative, resolve, sep } from "node:path";
import type { FileResult, Summary } from "../core/results.js";
import type { Severity } from "../core/types.js";

/**
 * One mapping for SARIF levels, GitHub commands and checkstyle severities: a minor finding is
 * worth a look, a major or critical one is a real error (critical also fails the file).
 */
export const LEVEL: Record<Severity, "warning" | "error"> = { minor: "warning", major: "error", critical: "error" };

/** Why a file failed: its score is below the threshold, or it has a finding at or above the `failOn` severity. */
export function failureReason(file: FileResult, { minScore, failOn }: Summary): string {
  if (file.score < minScore) return `score ${file.score} below ${minScore}`;
  return `${failOn === "critical" ? "a critical" : `a ${failOn} or worse`} finding (score ${file.score})`;
}

/** The path relative to `cwd` with forward slashes, as CI systems and SARIF viewers expect (absolute only on another drive). */
export const portablePath = (path: string, cwd = process.cwd()): string => relative(cwd, resolve(cwd, path)).split(sep).join("/");

// Not allowed anywhere in an XML 1.0 document, not even as character references: C0 controls other
// than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

/** Element text: markup characters escaped, invalid characters removed; line breaks stay as they are. */
export const xmlText = (s: string): string => s.replace(INVALID_XML, "").replace(/[&<>]/g, (c) => XML_ESCAPES[c]!);

/** Attribute values: also quotes, and tab/CR/LF as references, which parsers would otherwise turn into spaces. */
export const xmlAttr = (s: string): string => s.replace(INVALID_XML, "").replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c]!);
