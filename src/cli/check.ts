/** The `check` command's work: expand paths, check every file (in parallel when it pays), apply the baseline, summarize. */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { MtlintError, usageError } from "../core/errors.js";
import type { LocatedFinding, ProblemReport, RunResult, SegmentScore } from "../core/results.js";
import type { RuleSpec } from "../core/rule.js";
import { ConfigResolver } from "../config/config.js";
import { RULE_KINDS } from "../rules/index.js";
import { finishRun, type CheckedFile } from "../engine/run.js";
import { DEFAULT_SCORING } from "../engine/score.js";
import { readBaseline } from "./baseline.js";
import { ResultCache } from "./cache.js";
import { fileFormat, withOverrides, type FileJob, type FileOutcome, type FileSettings } from "./check-file.js";
import { expandPaths, readIgnoreFile, realPathOf, STDIN } from "./files.js";
import { endEarlyWorkers, PARALLEL_MIN_BYTES } from "./early-workers.js";
import { checkFiles, WorkerPool, type TaskPool } from "./pool.js";
import { changedSince } from "./since.js";
import { removeStaleTemporaries } from "./safe-write.js";
import { TableCache } from "./table-cache.js";
import { isStreamable, STREAM_MIN_BYTES, streamFile, streamsFormat, type StreamedStdin } from "./stream.js";

export interface CheckCommandOptions extends Omit<FileSettings, "cache"> {
  paths: string[];
  readStdin: () => Buffer;
  /**
   * Reads the next bytes of stdin into `into` (0 at its end). Given, stdin longer than the size at
   * which files are streamed is streamed too (JSONL, text, CSV/TSV), so that a pipe of any length is
   * checked in flat memory; without it, stdin is read whole.
   */
  readStdinChunk?: (into: Buffer) => number;
  /** Where --dry-run diffs go. */
  writeDiff: (patch: string) => void;
  /** Report only findings not in this baseline file. */
  baseline?: string;
  /** Only files changed since this git ref. */
  since?: string;
  /** Reuse results of unchanged files from this cache file. */
  cache?: string;
  /** Worker threads (default: the number of cores). */
  jobs?: number;
  /** A Redis URL: files and batches go to `mtlint worker` processes through this queue instead of threads. */
  queue?: string;
  /** Called as each file is done (for a progress bar). */
  onProgress?: (done: number, total: number, words: number) => void;
  /** Receives findings of streamed large files as they come, instead of keeping them (--format jsonl). */
  onFindings?: (path: string, findings: LocatedFinding[], segments?: SegmentScore[]) => void;
  /** Files this run writes (report, baseline, cache), with the option that names each: none may be a checked file. */
  writes?: { option: string; path: string }[];
}

/** The run's results, the rules that were active in it (for reports that describe them), and warnings that do not change the outcome. */
export async function runCheck(options: CheckCommandOptions): Promise<RunResult & { rules: RuleSpec[]; warnings: string[] }> {
  const expanded = expandPaths(options.paths, readIgnoreFile());
  const changed = options.since === undefined ? undefined : changedSince(options.since, options.paths.filter((p) => p !== STDIN));
  const files = changed ? expanded.files.filter((f) => f === STDIN || changed.has(resolve(f))) : expanded.files;
  if (options.fix && files.includes(STDIN) && !options.dryRun) {
    throw usageError("--fix cannot write back to stdin; use --fix --dry-run to see the diff");
  }
  const onDisk = files.filter((f) => f !== STDIN);
  const checked = new Set(onDisk.map(realPathOf));
  for (const { option, path } of options.writes ?? []) {
    if (checked.has(realPathOf(path))) throw usageError(`${option} ${path} is one of the files to check; it would be overwritten (choose another file)`);
  }
  if (options.queue !== undefined && options.fix) throw usageError("--fix cannot be used with --queue: fixes are written where a file is read, and a worker's job may run twice (run --fix without --queue)");
  if (options.queue !== undefined && files.includes(STDIN)) throw usageError("--queue cannot check stdin: workers cannot read it (check it without --queue)");
  removeStaleTemporaries(onDisk);
  const errors: ProblemReport[] = expanded.errors.map((e) => e.toProblem());
  const resolver = new ConfigResolver(options.config, options.rules ? { rules: options.rules } : {}, new TableCache());
  const keep = options.baseline === undefined ? undefined : readBaseline(options.baseline);
  const cache = options.cache === undefined ? undefined : new ResultCache(options.cache);
  const warnings = cache?.damaged ? [`${cache.path}: ${cache.damaged} damaged cache ${cache.damaged === 1 ? "entry" : "entries"} ignored; ${cache.damaged === 1 ? "its file is" : "their files are"} checked again`] : [];
  const { paths: _paths, readStdin: _readStdin, readStdinChunk: _readStdinChunk, writeDiff: _writeDiff, baseline: _baseline, since: _since, cache: _cache, jobs: _jobs, queue: _queue, onProgress: _onProgress, onFindings, writes: _writes, ...settings } = options;

  const stdin = files.includes(STDIN) ? openStdin(options) : undefined;
  const readStdin = stdin && "whole" in stdin ? () => stdin.whole : options.readStdin;
  let done = 0;
  let words = 0;
  const progress = (outcome: FileOutcome) => {
    words += outcome.result?.words ?? 0;
    options.onProgress?.(++done, files.length, words);
  };
  const threads = options.jobs ?? availableParallelism();
  const pool: TaskPool | undefined =
    options.queue !== undefined
      ? // Loaded only for queued runs: the others do not pay for the Redis client.
        await (await import("./queue.js")).QueuePool.open(options.queue, { cwd: process.cwd(), config: options.config, rules: options.rules }, resolver)
      : threads > 1 && totalBytes(files) + (stdin && "stream" in stdin ? STREAM_MIN_BYTES : 0) >= PARALLEL_MIN_BYTES
        ? new WorkerPool(threads, options.config, options.rules, { resolver, readStdin })
        : undefined;
  // Workers started before the arguments were read that this run has no use for (all, without a thread pool).
  if (!(pool instanceof WorkerPool)) endEarlyWorkers();
  const streamed = new Map<number, FileOutcome>();
  // Units for the checks across files, with several files. Not from streamed files: holding their
  // units (~0.5 KB a sentence pair) would break the flat memory that streaming is for.
  const corpus = files.length > 1;
  let pooled: number[] = [];
  let poolOutcomes: FileOutcome[];
  try {
    // Very large JSONL, text and CSV/TSV files are streamed one after another, their batches spread over the pool.
    for (const [i, path] of files.entries()) {
      const streamedStdin = path === STDIN && stdin && "stream" in stdin ? stdin.stream : undefined;
      if (!streamedStdin && (path === STDIN || options.dryRun || !isStreamable(path))) continue;
      let outcome: FileOutcome;
      try {
        outcome = streamedStdin
          ? await streamFile(options.stdinFilename ?? "<stdin>", settings, resolver.forPath(options.stdinFilename ?? "."), onFindings, pool, keep, streamedStdin)
          : await streamFile(path, settings, resolver.forPath(path), onFindings, pool, keep);
      } catch (e) {
        if (!(e instanceof MtlintError)) throw e;
        outcome = { errors: [e.toProblem()] };
      }
      streamed.set(i, outcome);
      progress(outcome);
    }
    pooled = files.map((_, i) => i).filter((i) => !streamed.has(i));
    const jobs: FileJob[] = pooled.map((i) => ({ path: files[i]!, settings: { ...settings, cache: cache !== undefined, corpus }, cachedKey: cache?.keyOf(resolve(files[i]!)) }));
    poolOutcomes = await checkFiles(jobs, resolver, { pool, readStdin, onDone: (_, outcome) => progress(outcome) });
  } finally {
    await pool?.close();
    endEarlyWorkers();
  }
  const outcomes: FileOutcome[] = files.map((_, i) => streamed.get(i)!);
  pooled.forEach((i, k) => (outcomes[i] = poolOutcomes[k]!));

  const settledOutcomes = outcomes.map((outcome, i) => {
    const settled = settle(files[i]!, outcome, cache);
    errors.push(...settled.errors);
    if (outcome.diff) options.writeDiff(outcome.diff);
    return settled;
  });
  const finished: CheckedFile[] = [];
  const rules = new Map<string, RuleSpec>();
  settledOutcomes.forEach((settled, i) => {
    const path = files[i]!;
    if (!settled.result) {
      finished.push({ path, scoring: DEFAULT_SCORING }); // not checked: its errors are in the run's
      return;
    }
    // The file's config is cached by the resolver; asking again costs nothing.
    const config = resolver.forPath(path === STDIN ? (options.stdinFilename ?? ".") : path);
    for (const { rule } of config.ruleSet.rules) rules.set(rule.spec.id, rule.spec);
    warnings.push(...(settled.result.warnings ?? []));
    // A streamed file applied the baseline as its findings came.
    finished.push({ path, result: settled.result, corpus: settled.corpus, scoring: withOverrides(config.scoring, options), baselineApplied: streamed.has(i) });
  });
  try {
    cache?.save();
  } catch (e) {
    if (!(e instanceof MtlintError)) throw e;
    errors.push(e.toProblem()); // the report still goes out
  }
  const scoring = finished.find((f) => f.result)?.scoring ?? withOverrides(DEFAULT_SCORING, options);
  const run = finishRun(finished, errors, { kindOf: (kind) => RULE_KINDS.get(kind), keep, scoring });
  return { ...run, rules: [...rules.values()], warnings };
}

/** The outcome with a cache hit replaced by the cached result, and the cache updated. */
function settle(path: string, outcome: FileOutcome, cache: ResultCache | undefined): Pick<FileOutcome, "result" | "errors" | "corpus"> {
  if (!cache || !outcome.cacheKey) return outcome;
  if (outcome.unchanged) return cache.get(resolve(path), outcome.cacheKey)!;
  cache.set(resolve(path), outcome.cacheKey, outcome.result!, outcome.errors, outcome.corpus);
  return outcome;
}

/**
 * Stdin read up to the size at which files are streamed: all of it when it ends there, else the
 * bytes read and the way to read the rest, to be streamed. Read whole when it cannot be streamed
 * (a fix or diff, a format read whole, or no way to read it in parts).
 */
function openStdin(options: CheckCommandOptions): { whole: Buffer } | { stream: StreamedStdin } | undefined {
  const read = options.readStdinChunk;
  const format = fileFormat(STDIN, options);
  if (!read || options.fix || options.dryRun || !streamsFormat(format)) return undefined;
  const chunks: Buffer[] = [];
  let length = 0;
  for (;;) {
    const chunk = Buffer.alloc(1024 * 1024);
    const n = read(chunk);
    if (n === 0) return { whole: Buffer.concat(chunks, length) };
    chunks.push(chunk.subarray(0, n));
    length += n;
    if (length >= STREAM_MIN_BYTES) return { stream: { prefix: Buffer.concat(chunks, length), read, format } };
  }
}

function totalBytes(files: string[]): number {
  let total = 0;
  for (const f of files) {
    try {
      if (f !== STDIN) total += statSync(f).size;
    } catch (e) {
      if (!(e instanceof Error)) throw e; // unreadable files are reported when they are checked
    }
  }
  return total;
}

