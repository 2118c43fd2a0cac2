/**
 * JSON Lines: one finding per line, with the JSON report's field names plus `path`. Findings only,
 * no summary line, so that every line of the stream has the same shape.
 */
import type { RunResult } from "../core/results.js";
import type { RuleSpec } from "../core/rule.js";
import { findingJson } from "./json.js";

export function formatJsonl(result: RunResult, _rules: RuleSpec[] = []): string {
  // JSON.stringify never emits a raw line break (it escapes \n and \r), so each record is one line.
  return result.files.flatMap((file) => file.findings.map((f) => `${JSON.stringify({ path: file.path, ...findingJson(f) })}\n`)).join("");
}
