/** Corpus summary: files, words, findings by category and severity, corpus score and score bands. */
import type { FileResult, ProblemReport, Summary } from "../core/results.js";
import { scoreFindings, type Scoring } from "../engine/score.js";

export const SCORE_BANDS: { label: string; min: number }[] = [
  { label: "100", min: 100 },
  { label: "95–99.99", min: 95 },
  { label: "90–94.99", min: 90 },
  { label: "80–89.99", min: 80 },
  { label: "<80", min: -Infinity },
];

export function summarize(files: readonly FileResult[], errors: readonly ProblemReport[], scoring: Scoring): Summary {
  const findings = files.flatMap((f) => f.findings);
  const words = files.reduce((n, f) => n + f.words, 0);
  const byCategory: Summary["byCategory"] = {};
  const bySeverity: Summary["bySeverity"] = { minor: 0, major: 0, critical: 0 };
  for (const f of findings) {
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
    bySeverity[f.severity]++;
  }
  const scoreDistribution = Object.fromEntries(SCORE_BANDS.map((b) => [b.label, 0]));
  for (const file of files) scoreDistribution[SCORE_BANDS.find((b) => file.score >= b.min)!.label]!++;
  const corpus = scoreFindings(findings, words, scoring);
  return {
    files: files.length,
    filesPassed: files.filter((f) => f.passed).length,
    filesFailed: files.filter((f) => !f.passed).length,
    words,
    findings: findings.length,
    score: Math.floor(corpus.score * 100) / 100,
    minScore: scoring.minScore,
    failOn: scoring.failOn,
    byCategory,
    bySeverity,
    scoreDistribution,
    errors: errors.length,
  };
}
