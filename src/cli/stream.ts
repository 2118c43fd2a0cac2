/**
 * Large JSONL files, checked in batches of lines so that memory stays flat however large the
 * file: each batch is parsed, checked (and fixed into a temporary file) on its own — in the worker
 * pool when there is one, a few batches at a time — and its findings are handed to `onFindings`
 * in file order as they come (or kept); only counts and the score accumulate.
 * Document rules (consistency across segments) see one batch at a time.
 */
import { closeSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { MtlintError } from "../core/errors.js";
import type { FileResult, LocatedFinding, ProblemReport, StreamedCounts } from "../core/results.js";
import type { Severity } from "../core/types.js";
import type { ResolvedConfig } from "../config/config.js";
import { checkText } from "../engine/check.js";
import type { CorpusDocument } from "../engine/corpus.js";
import { penaltyOf, scoreOf, SEVERITY_RANK } from "../engine/score.js";
import { jsonlFormat } from "../formats/jsonl.js";
import { collectWhenOverBudget } from "./heap.js";
import { checkOptions, withOverrides, type FileOutcome, type FileSettings } from "./check-file.js";
import type { WorkerPool } from "./pool.js";

/** Files this large are streamed rather than read whole. */
export const STREAM_MIN_BYTES = 32 * 1024 * 1024;
const BATCH_LINES = 2000;
const READ_BYTES = 1024 * 1024;
/** Batches in flight per worker: enough to keep every worker busy, few enough to keep memory flat. */
const IN_FLIGHT_PER_WORKER = 2;

export function isStreamable(path: string): boolean {
  try {
    return /\.(jsonl|ndjson)$/i.test(path) && statSync(path).size >= STREAM_MIN_BYTES;
  } catch {
    return false; // reported when it is read
  }
}

/** One batch of lines of a streamed file; plain data, so that it can go to a worker. */
export interface BatchJob {
  path: string;
  text: string;
  settings: FileSettings;
}

/** Lines and errors numbered within the batch. */
export interface BatchOutcome {
  findings: LocatedFinding[];
  errors: ProblemReport[];
  words: number;
  fixedText?: string;
  corpus?: CorpusDocument;
}

export function checkBatch({ path, text, settings }: BatchJob, config: ResolvedConfig): BatchOutcome {
  const outcome = checkText(text, path, jsonlFormat, checkOptions(config, settings));
  collectWhenOverBudget();
  return {
    findings: outcome.result.findings,
    errors: outcome.errors.map((e) => e.toProblem()),
    words: outcome.result.words,
    ...(outcome.fixedText !== undefined && { fixedText: outcome.fixedText }),
    ...(outcome.corpus && { corpus: outcome.corpus }),
  };
}

export async function streamJsonl(
  path: string,
  settings: FileSettings,
  config: ResolvedConfig,
  onFindings?: (path: string, findings: LocatedFinding[]) => void,
  pool?: WorkerPool,
  /** A baseline: findings it holds are dropped before they are counted or handed on. */
  keep?: (finding: LocatedFinding) => boolean,
): Promise<FileOutcome> {
  const scoring = withOverrides(config.scoring, settings);
  const errors: ProblemReport[] = [];
  const kept: LocatedFinding[] = [];
  // Each batch is a document of its own for the corpus rules (as for the document rules).
  const corpus: CorpusDocument[] = [];
  const counts: StreamedCounts = { findings: 0, byCategory: {}, bySeverity: { minor: 0, major: 0, critical: 0 }, penalty: 0 };
  let words = 0;
  const fixing = settings.fix && !settings.dryRun;
  const temp = fixing ? join(dirname(path), `.${basename(path)}.mtlint-${process.pid}.tmp`) : undefined;
  const out = temp ? openSync(temp, "w") : undefined;
  const input = openSync(path, "r");
  const size = statSync(path).size;
  const lastByte = Buffer.alloc(1);
  readSync(input, lastByte, 0, 1, size - 1);
  const endsWithNewline = lastByte[0] === 0x0a;
  let firstLine = 1;
  /** Batches sent and not yet taken in, oldest first: taken strictly in order. */
  const inFlight: { lines: number; text: string; last: boolean; outcome: Promise<BatchOutcome> }[] = [];
  const takeOldest = async () => {
    const batch = inFlight.shift()!;
    const outcome = await batch.outcome;
    const shift = firstLine - 1;
    for (const p of outcome.errors) errors.push({ ...p, ...(p.line !== undefined && { line: p.line + shift }) });
    const shifted = outcome.findings.map((f) => ({ ...f, line: f.line + shift, endLine: f.endLine + shift }));
    const findings = keep ? shifted.filter(keep) : shifted;
    words += outcome.words;
    if (outcome.corpus) {
      for (const u of outcome.corpus.flatMap((part) => part.units)) {
        u.line += shift;
        u.endLine += shift;
      }
      corpus.push(outcome.corpus);
    }
    for (const f of findings) {
      counts.findings++;
      counts.byCategory[f.category] = (counts.byCategory[f.category] ?? 0) + 1;
      counts.bySeverity[f.severity]++;
      counts.penalty += penaltyOf(f, scoring);
    }
    if (onFindings) onFindings(path, findings);
    else kept.push(...findings);
    if (out !== undefined) writeSync(out, `${outcome.fixedText ?? batch.text}${batch.last && !endsWithNewline ? "" : "\n"}`);
    firstLine += batch.lines;
  };
  const send = async (lines: string[], last: boolean) => {
    const job: BatchJob = { path, text: lines.join("\n"), settings };
    const outcome = pool ? pool.run({ batch: job }).then((reply) => (reply as { batch: BatchOutcome }).batch) : Promise.resolve(checkBatch(job, config));
    inFlight.push({ lines: lines.length, text: job.text, last, outcome });
    while (inFlight.length > (pool ? pool.size * IN_FLIGHT_PER_WORKER : 0)) await takeOldest();
  };
  try {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const buffer = Buffer.alloc(READ_BYTES);
    let carry = "";
    let pending: string[] = [];
    for (;;) {
      const read = readSync(input, buffer, 0, READ_BYTES, null);
      const chunk = carry + decoder.decode(buffer.subarray(0, read), { stream: read > 0 });
      const lines = chunk.split("\n");
      carry = read > 0 ? lines.pop()! : "";
      if (read === 0 && carry === "" && lines.at(-1) === "") lines.pop();
      for (const line of lines) {
        pending.push(line);
        if (pending.length >= BATCH_LINES) {
          await send(pending, false);
          pending = [];
        }
      }
      if (read === 0) break;
    }
    if (pending.length) await send(pending, true);
    while (inFlight.length) await takeOldest();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    errors.push({ kind: "input", file: path, message: "invalid UTF-8; expected UTF-8 text" });
    while (inFlight.length) await takeOldest(); // the lines before the bad bytes are still reported
  } finally {
    closeSync(input);
    if (out !== undefined) closeSync(out);
  }
  if (temp) finishFix(path, temp, errors);
  const score = scoreOf(counts.penalty, words);
  const failing = (Object.keys(counts.bySeverity) as Severity[]).some((s) => counts.bySeverity[s] > 0 && SEVERITY_RANK[s] >= SEVERITY_RANK[scoring.failOn]);
  const result: FileResult = {
    path,
    words,
    score: Math.floor(score * 100) / 100,
    passed: score >= scoring.minScore && !failing,
    findings: kept,
    ...(onFindings && { streamed: counts }),
  };
  return { result, errors, ...(settings.corpus && { corpus }) };
}

/** The fixed copy replaces the file only when every line was read. */
function finishFix(path: string, temp: string, errors: ProblemReport[]): void {
  if (errors.length) {
    unlinkSync(temp);
    errors.push(new MtlintError("input", "fixes not written: parts of this file could not be read", { file: path }).toProblem());
    return;
  }
  chmodSync(temp, statSync(path).mode);
  renameSync(temp, path);
}
