/**
 * `mtlint merge`: partial JSON reports (of partitions checked elsewhere, e.g. by GNU parallel or
 * Spark's pipe) combined into one report with the corpus's summary and score. Checks across files
 * are not redone: they need the units, which a report does not hold.
 */
import { readFileSync } from "node:fs";
import { MtlintError } from "../core/errors.js";
import type { FileResult, ProblemReport, RunResult } from "../core/results.js";
import type { Scoring } from "../engine/score.js";
import { summarize } from "../engine/run.js";

export function mergeReports(paths: string[], scoring: Scoring): RunResult {
  const files: FileResult[] = [];
  const errors: ProblemReport[] = [];
  let minScore: number | undefined;
  for (const path of paths) {
    let report: Partial<RunResult>;
    try {
      report = JSON.parse(readFileSync(path, "utf8")) as Partial<RunResult>;
    } catch (e) {
      errors.push(new MtlintError("input", `not a JSON report of mtlint check --format json (${(e as Error).message})`, { file: path }).toProblem());
      continue;
    }
    if (!Array.isArray(report.files) || !Array.isArray(report.errors) || !report.summary) {
      errors.push(new MtlintError("input", "not a JSON report of mtlint check --format json (expected files, errors and summary)", { file: path }).toProblem());
      continue;
    }
    files.push(...report.files);
    errors.push(...report.errors);
    minScore ??= report.summary.minScore;
  }
  return { files, errors, summary: summarize(files, errors, { ...scoring, ...(minScore !== undefined && { minScore }) }) };
}
