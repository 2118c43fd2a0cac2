/** The stable JSON report: { files: [...], errors: [...], summary: {...} }. Documented in the README. */
import type { LocatedFinding, RunResult } from "../core/results.js";
import type { Fix } from "../core/types.js";

const fixJson = (fix: Fix) => ({ title: fix.title, applicability: fix.applicability, edits: fix.edits.map(({ start, end, text }) => ({ start, end, text })) });

/** One finding as the JSON report (and the JSONL reporter) print it. */
export function findingJson(f: LocatedFinding) {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    confidence: f.confidence,
    message: f.message,
    segmentId: f.segmentId,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    start: f.start,
    end: f.end,
    text: f.text,
    fingerprint: f.fingerprint,
    ...(f.fix ? { fix: fixJson(f.fix) } : {}),
    ...(f.suggestions ? { suggestions: f.suggestions.map(fixJson) } : {}),
  };
}

export function formatJson(result: RunResult): string {
  return JSON.stringify(
    {
      files: result.files.map(({ path, words, score, passed, findings, fixes, skipped }) => ({
        path,
        words,
        score,
        passed,
        findings: findings.map(findingJson),
        ...(fixes ? { fixes } : {}),
        ...(skipped ? { skipped } : {}),
      })),
      errors: result.errors,
      summary: result.summary,
    },
    null,
    2,
  );
}
