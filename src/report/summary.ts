/** Corpus summary: files, words, findings by category and severity, corpus score and score bands. */
import type { FileResult, ProblemReport, Summary } from "../core/results.js";
import { penaltyOf, reportedScore, scoreOf, type Scoring } from "../engine/score.js";

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
  const skipped = files.reduce((n, f) => n + (f.skipped ?? 0), 0);
  const byCategory: Summary["byCategory"] = {};
  const bySeverity: Summary["bySeverity"] = { minor: 0, major: 0, critical: 0 };
  for (const f of findings) {
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
    bySeverity[f.severity]++;
  }
  // Files whose findings were streamed out contribute their counts.
  let streamedFindings = 0;
  let streamedPenalty = 0;
  for (const { streamed } of files) {
    if (!streamed) continue;
    streamedFindings += streamed.findings;
    streamedPenalty += streamed.penalty;
    for (const [c, n] of Object.entries(streamed.byCategory) as [keyof Summary["byCategory"], number][]) byCategory[c] = (byCategory[c] ?? 0) + n;
    for (const [s, n] of Object.entries(streamed.bySeverity) as [keyof Summary["bySeverity"], number][]) bySeverity[s] += n;
  }
  const scoreDistribution = Object.fromEntries(SCORE_BANDS.map((b) => [b.label, 0]));
  for (const file of files) scoreDistribution[SCORE_BANDS.find((b) => file.score >= b.min)!.label]!++;
  const penalty = findings.reduce((sum, f) => sum + penaltyOf(f, scoring), streamedPenalty);
  return {
    files: files.length,
    filesPassed: files.filter((f) => f.passed).length,
    filesFailed: files.filter((f) => !f.passed).length,
    words,
    findings: findings.length + streamedFindings,
    score: reportedScore(scoreOf(penalty, words)),
    minScore: scoring.minScore,
    failOn: scoring.failOn,
    byCategory,
    bySeverity,
    scoreDistribution,
    errors: errors.length,
    ...(skipped > 0 && { skipped }),
  };
}
