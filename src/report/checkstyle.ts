/**
 * Checkstyle XML, read by Jenkins, reviewdog and most CI dashboards. Severity: minor → warning,
 * major and critical → error. Problems that stopped part of the run (unreadable files, bad config)
 * are errors with source "mtlint/<kind>" under the file they concern.
 */
import type { RunResult } from "../core/results.js";
import type { RuleSpec } from "../core/rule.js";
import { LEVEL, xmlAttr } from "./common.js";

export function formatCheckstyle(result: RunResult, _rules: RuleSpec[] = []): string {
  const files = new Map<string, string[]>();
  const entry = (name: string) => files.get(name) ?? files.set(name, []).get(name)!;
  const error = (line: number | undefined, column: number | undefined, severity: string, message: string, source: string) =>
    `    <error${line === undefined ? "" : ` line="${line}"`}${column === undefined ? "" : ` column="${column}"`} severity="${severity}" message="${xmlAttr(message)}" source="${xmlAttr(source)}"/>`;
  for (const file of result.files) {
    // Every checked file is listed, so a clean file is visibly clean rather than missing.
    const errors = entry(file.path);
    for (const f of file.findings) errors.push(error(f.line, f.column, LEVEL[f.severity], f.message, f.ruleId));
  }
  for (const p of result.errors) entry(p.file ?? "mtlint").push(error(p.line, p.column, "error", p.message, `mtlint/${p.kind}`));
  const body = [...files].map(([name, errors]) => [`  <file name="${xmlAttr(name)}">`, ...errors, "  </file>"].join("\n"));
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">', ...body, "</checkstyle>", ""].join("\n");
}
