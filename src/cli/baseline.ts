/**
 * Baselines: the findings a team has accepted, stored by fingerprint (with a count, since the
 * same text can be flagged twice), so that only new findings are reported and fail the run.
 */
import { readFileSync } from "node:fs";
import { configError, usageError } from "../core/errors.js";
import type { FileResult, LocatedFinding } from "../core/results.js";
import { parseJson } from "../config/schema.js";
import { errorCode, replaceFile } from "./safe-write.js";

export const DEFAULT_BASELINE = ".mtlint-baseline.json";

interface BaselineFile {
  version: 1;
  findings: Record<string, number>;
}

const EXPECTED = 'expected a baseline written by --write-baseline: { "version": 1, "findings": { fingerprint: count } }';

export function writeBaseline(path: string, files: readonly FileResult[]): number {
  const findings: Record<string, number> = {};
  for (const f of files.flatMap((file) => file.findings)) findings[f.fingerprint] = (findings[f.fingerprint] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(findings).sort(([a], [b]) => a.localeCompare(b)));
  const text = `${JSON.stringify({ version: 1, findings: sorted } satisfies BaselineFile, null, 2)}\n`;
  replaceFile(path, text, (reason) => usageError(`--write-baseline: cannot write the baseline: ${reason}`, { file: path }));
  return Object.values(findings).reduce((a, b) => a + b, 0);
}

/** --write-baseline replaces only a baseline: a path naming anything else (a translation, say) is refused before the run. */
export function assertBaselineOrMissing(path: string): void {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (errorCode(e) === "ENOENT") return;
    throw usageError(`--write-baseline: cannot replace this file (${errorCode(e)})`, { file: path });
  }
  let data: unknown;
  try {
    data = parseJson(text, path);
  } catch {
    data = undefined;
  }
  if (!asBaseline(data)) throw usageError("--write-baseline: this file exists and is not a baseline; not overwritten (name a new file or a baseline)", { file: path });
}

/** A predicate that passes findings not in the baseline; each baseline entry absorbs as many findings as its count. */
export function readBaseline(path: string): (finding: LocatedFinding) => boolean {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw configError(`cannot read baseline (${errorCode(e)})`, { file: path });
  }
  const data = asBaseline(parseJson(text, path));
  if (!data) throw configError(EXPECTED, { file: path });
  const remaining = new Map(Object.entries(data.findings));
  return (finding) => {
    const left = remaining.get(finding.fingerprint) ?? 0;
    if (left <= 0) return true;
    remaining.set(finding.fingerprint, left - 1);
    return false;
  };
}

/** The data as a baseline, or undefined when it is not one (every count a whole number of 1 or more). */
function asBaseline(data: unknown): BaselineFile | undefined {
  const { version, findings } = (data ?? {}) as Partial<BaselineFile>;
  if (version !== 1 || typeof findings !== "object" || findings === null || Array.isArray(findings)) return undefined;
  return Object.values(findings).every((n) => Number.isInteger(n) && n >= 1) ? { version, findings } : undefined;
}
