/**
 * MQM-style scoring. penalty = Σ weight(severity) × category weight over findings;
 * score = 100 × (1 − penalty / words), floored at 0. A document passes when its score is at or
 * above the threshold and it has no finding at or above the `failOn` severity (critical by default).
 */
import { findingsBySegment, type FileResult, type LocatedFinding, type SegmentScore } from "../core/results.js";
import type { Finding, Severity } from "../core/types.js";

export interface Scoring {
  weights: Record<Severity, number>;
  /** Multipliers by category, looked up by full name then top level ("fluency/punctuation", then "fluency"). */
  categoryWeights: Record<string, number>;
  minScore: number;
  /** A finding of this severity or worse fails the document whatever its score. */
  failOn: Severity;
}

export const DEFAULT_SCORING: Scoring = {
  weights: { minor: 1, major: 5, critical: 25 },
  categoryWeights: {},
  minScore: 95,
  failOn: "critical",
};

export const SEVERITY_RANK: Record<Severity, number> = { minor: 0, major: 1, critical: 2 };

export function penaltyOf(finding: Finding, scoring: Scoring): number {
  const { categoryWeights } = scoring;
  if (!Object.keys(categoryWeights).length) return scoring.weights[finding.severity];
  const categoryWeight = categoryWeights[finding.category] ?? categoryWeights[finding.category.split("/")[0]!] ?? 1;
  return scoring.weights[finding.severity] * categoryWeight;
}

export function scoreOf(penalty: number, words: number): number {
  if (words === 0) return penalty > 0 ? 0 : 100;
  return Math.max(0, 100 * (1 - penalty / words));
}

export interface ScoreCard {
  words: number;
  penalty: number;
  score: number;
  passed: boolean;
}

/** Scores as reported: two decimals, rounded down, so that a score just under the threshold never shows as the threshold. */
export const reportedScore = (score: number) => Math.floor(score * 100) / 100;

/** A file passes when its score reaches the threshold and none of its severities is at or above fail-on. */
export const passes = (score: number, severities: Iterable<Severity>, scoring: Scoring) => score >= scoring.minScore && ![...severities].some((s) => SEVERITY_RANK[s] >= SEVERITY_RANK[scoring.failOn]);

export function scoreFindings(findings: readonly Finding[], words: number, scoring: Scoring): ScoreCard {
  const penalty = findings.reduce((sum, f) => sum + penaltyOf(f, scoring), 0);
  const score = scoreOf(penalty, words);
  return { words, penalty, score, passed: passes(score, findings.map((f) => f.severity), scoring) };
}

/** A file's result with these findings instead of its own, scored again (its segments too). */
export function rescored(result: FileResult, findings: LocatedFinding[], scoring: Scoring): FileResult {
  const card = scoreFindings(findings, result.words, scoring);
  return { ...result, findings, score: reportedScore(card.score), passed: card.passed, ...(result.segments && { segments: segmentScores(result.segments, findings, scoring) }) };
}

/** Each segment scored on its own findings (given in segment order, as lint() sorts them) and words. */
export function segmentScores(segments: readonly Pick<SegmentScore, "segmentId" | "line" | "words">[], findings: readonly Finding[], scoring: Scoring): SegmentScore[] {
  const bySegment = findingsBySegment(findings);
  return segments.map(({ segmentId, line, words }) => {
    const card = scoreFindings(bySegment.get(segmentId) ?? [], words, scoring);
    return { segmentId, line, words, score: reportedScore(card.score), passed: card.passed };
  });
}
