/** The stable JSON report: { files: [...], errors: [...], summary: {...} }. Documented in the README. */
import type { RunResult } from "../core/results.js";

export function formatJson(result: RunResult): string {
  return JSON.stringify(
    {
      files: result.files.map(({ path, words, score, passed, findings, fixes }) => ({
        path,
        words,
        score,
        passed,
        findings: findings.map((f) => ({
          ruleId: f.ruleId,
          category: f.category,
          severity: f.severity,
          confidence: f.confidence,
          message: f.message,
          segmentId: f.segmentId,
          line: f.line,
          column: f.column,
          start: f.start,
          end: f.end,
          text: f.text,
          ...(f.fix ? { fix: { title: f.fix.title, applicability: f.fix.applicability, edits: f.fix.edits.map(({ start, end, text }) => ({ start, end, text })) } } : {}),
          ...(f.suggestions ? { suggestions: f.suggestions.map((s) => ({ title: s.title, applicability: s.applicability, edits: s.edits.map(({ start, end, text }) => ({ start, end, text })) })) } : {}),
        })),
        ...(fixes ? { fixes } : {}),
      })),
      errors: result.errors,
      summary: result.summary,
    },
    null,
    2,
  );
}
