/**
 * Finishing a run: the per-file results of a check, the findings of the checks across files merged
 * into their files, the baseline applied, every file scored again where its findings changed, and
 * the run's summary (corpus score, pass/fail counts). Everything downstream (reporters, baseline
 * writer, exit code) reads the result made here.
 */
import type { RuleKind } from "./rule-kind.js";
import type { FileResult, LocatedFinding, ProblemReport, RunResult, Summary } from "../core/results.js";
import { acrossFiles, type CorpusDocument } from "./corpus.js";
import { penaltyOf, reportedScore, rescored, scoreOf, type Scoring } from "./score.js";

/** One checked file as the run finishes it. */
export interface CheckedFile {
  path: string;
  /** Absent when the file could not be checked (its errors are in the run's). */
  result?: FileResult;
  /** The units the checks across files compare, per document of the file (none for streamed files). */
  corpus?: CorpusDocument[];
  /** The file's scoring (its config's, with the command line's overrides). */
  scoring: Scoring;
  /** Set when the baseline was applied as the file's findings came (streamed files). */
  baselineApplied?: boolean;
}

export interface FinishOptions {
  /** The rule kind of a name, for the checks across files. */
  kindOf: (name: string) => RuleKind | undefined;
  /** Keeps the findings that are not in the baseline. */
  keep?: (finding: LocatedFinding) => boolean;
  /** Scores the run as a whole. */
  scoring: Scoring;
}

export function finishRun(files: readonly CheckedFile[], errors: ProblemReport[], options: FinishOptions): RunResult {
  // Checks across files see every file's units, cached or not, before the baseline is applied.
  const acrossFileFindings = acrossFiles(files.map((f) => ({ label: f.result?.path ?? "", documents: f.corpus ?? [] })), options.kindOf);
  const results: FileResult[] = [];
  files.forEach((file, i) => {
    if (!file.result) return;
    const merged = withFindings(file.result.findings, acrossFileFindings[i]!);
    const kept = options.keep && !file.baselineApplied ? merged.filter(options.keep) : merged;
    // Scored once more, on what is left, only where the findings changed.
    results.push(kept === file.result.findings ? file.result : rescored(file.result, kept, file.scoring));
  });
  return { files: results, errors, summary: summarize(results, errors, options.scoring) };
}

/**
 * The findings with more (from checks across files) merged in by position; one at exactly the
 * span of a finding the file has already is dropped, as lint() does. The same array when none is added.
 */
function withFindings(own: LocatedFinding[], more: LocatedFinding[]): LocatedFinding[] {
  if (!more.length) return own;
  const spanOf = (f: LocatedFinding) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
  const taken = new Set(own.map(spanOf));
  const before = (a: LocatedFinding, b: LocatedFinding) => a.line < b.line || (a.line === b.line && a.column < b.column);
  const findings: LocatedFinding[] = [];
  let k = 0;
  for (const f of more.filter((m) => !taken.has(spanOf(m)))) {
    while (k < own.length && !before(f, own[k]!)) findings.push(own[k++]!);
    findings.push(f);
  }
  findings.push(...own.slice(k));
  return findings;
}

/** Corpus summary: files, words, findings by category and severity, corpus score and score bands. */
const SCORE_BANDS: { label: string; min: number }[] = [
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
