/**
 * JSON Lines: one finding per line, with the JSON report's field names plus `path`. Findings only,
 * no summary line, so that every line of the stream has the same shape.
 */
import type { LocatedFinding, RunResult } from "../core/results.js";
import type { RuleSpec } from "../core/rule.js";
import { findingJson } from "./json.js";

export function formatJsonl(result: RunResult, _rules: RuleSpec[] = []): string {
  return result.files.flatMap((file) => file.findings.map((f) => jsonlLine(file.path, f))).join("");
}

/** One finding as one line; also used to write findings of streamed files as they come. */
export function jsonlLine(path: string, f: LocatedFinding): string {
  // JSON.stringify never emits a raw line break (it escapes \n and \r), so each record is one line.
  return `${JSON.stringify({ path, ...findingJson(f) })}\n`;
}
