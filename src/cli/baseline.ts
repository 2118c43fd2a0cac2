/**
 * Baselines: the findings a team has accepted, stored by fingerprint (with a count, since the
 * same text can be flagged twice), so that only new findings are reported and fail the run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { configError } from "../core/errors.js";
import type { FileResult, LocatedFinding } from "../core/results.js";
import { parseJson } from "../config/schema.js";

export const DEFAULT_BASELINE = ".mtlint-baseline.json";

interface BaselineFile {
  version: 1;
  findings: Record<string, number>;
}

export function writeBaseline(path: string, files: readonly FileResult[]): number {
  const findings: Record<string, number> = {};
  for (const f of files.flatMap((file) => file.findings)) findings[f.fingerprint] = (findings[f.fingerprint] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(findings).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path, `${JSON.stringify({ version: 1, findings: sorted } satisfies BaselineFile, null, 2)}\n`);
  return Object.values(findings).reduce((a, b) => a + b, 0);
}

/** A predicate that passes findings not in the baseline; each baseline entry absorbs as many findings as its count. */
export function readBaseline(path: string): (finding: LocatedFinding) => boolean {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw configError(`cannot read baseline (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path });
  }
  const data = parseJson(text, path) as Partial<BaselineFile>;
  if (data?.version !== 1 || typeof data.findings !== "object" || data.findings === null) {
    throw configError('expected a baseline written by --write-baseline: { "version": 1, "findings": { fingerprint: count } }', { file: path });
  }
  const remaining = new Map(Object.entries(data.findings));
  return (finding) => {
    const left = remaining.get(finding.fingerprint) ?? 0;
    if (left <= 0) return true;
    remaining.set(finding.fingerprint, left - 1);
    return false;
  };
}
