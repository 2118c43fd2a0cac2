/** The `check` command's work: read each file, check it with its config, write fixes atomically, collect results. */
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { MtlintError, usageError } from "../core/errors.js";
import type { FileResult, LocatedFinding, ProblemReport, RunResult } from "../core/results.js";
import type { RuleSpec } from "../core/rule.js";
import type { Applicability, Severity } from "../core/types.js";
import { ConfigResolver, type ResolvedConfig } from "../config/config.js";
import { checkText } from "../engine/check.js";
import { DEFAULT_SCORING, type Scoring } from "../engine/score.js";
import { decode, encode } from "../formats/encoding.js";
import { formatByName, formatFor } from "../formats/index.js";
import { summarize } from "../report/summary.js";
import { readBaseline } from "./baseline.js";
import { ResultCache } from "./cache.js";
import { changedSince } from "./since.js";
import { expandPaths, STDIN } from "./files.js";

export interface CheckCommandOptions {
  paths: string[];
  config?: string;
  lang?: string;
  sourceLang?: string;
  fix?: Applicability;
  dryRun?: boolean;
  minScore?: number;
  failOn?: Severity;
  /** Format for stdin ("text", "markdown", "jsonl"). */
  stdinFormat?: string;
  readStdin: () => Buffer;
  /** Where --dry-run diffs go. */
  writeDiff: (patch: string) => void;
  /** Report only findings not in this baseline file. */
  baseline?: string;
  /** Only files changed since this git ref. */
  since?: string;
  /** Reuse results of unchanged files from this cache file. */
  cache?: string;
}

/** The run's results, and the rules that were active in it (for reports that describe them). */
export function runCheck(options: CheckCommandOptions): RunResult & { rules: RuleSpec[] } {
  const expanded = expandPaths(options.paths);
  const changed = options.since === undefined ? undefined : changedSince(options.since, options.paths.filter((p) => p !== STDIN));
  const files = changed ? expanded.files.filter((f) => f === STDIN || changed.has(resolve(f))) : expanded.files;
  const pathErrors = expanded.errors;
  const cache = options.cache === undefined ? undefined : new ResultCache(options.cache);
  const errors: ProblemReport[] = pathErrors.map((e) => e.toProblem());
  if (options.fix && files.includes(STDIN) && !options.dryRun) {
    throw usageError("--fix cannot write back to stdin; use --fix --dry-run to see the diff");
  }
  const resolver = new ConfigResolver(options.config);
  const keep = options.baseline === undefined ? undefined : readBaseline(options.baseline);
  const results: FileResult[] = [];
  const rules = new Map<string, RuleSpec>();
  let scoring: Scoring | undefined;
  for (const path of files) {
    try {
      const config = resolver.forPath(path === STDIN ? "." : path);
      scoring ??= config.scoring;
      for (const { rule } of config.ruleSet.rules) rules.set(rule.spec.id, rule.spec);
      const result = checkFile(path, options, config, keep, cache);
      results.push(result.result);
      errors.push(...result.errors);
    } catch (e) {
      if (!(e instanceof MtlintError)) throw e;
      errors.push(e.toProblem());
    }
  }
  cache?.save();
  const summaryScoring = withOverrides(scoring ?? DEFAULT_SCORING, options);
  return { files: results, errors, summary: summarize(results, errors, summaryScoring), rules: [...rules.values()] };
}

function checkFile(path: string, options: CheckCommandOptions, config: ResolvedConfig, keep?: (f: LocatedFinding) => boolean, cache?: ResultCache) {
  const display = path === STDIN ? "<stdin>" : path;
  const bytes = path === STDIN ? options.readStdin() : readFileOrFail(path);
  // Everything besides the bytes that shapes the result; a baseline consumes entries, so it disables the cache.
  const cacheable = cache && path !== STDIN && !options.fix && keep === undefined;
  const key = cacheable ? ResultCache.key(bytes, [config.fingerprint, options.lang, options.sourceLang, options.minScore, options.failOn, options.stdinFormat]) : "";
  const cached = cacheable ? cache.get(resolve(path), key) : undefined;
  if (cached) return cached;
  const { text, encoding } = decode(bytes, display);
  const format = path === STDIN ? (formatByName(options.stdinFormat ?? "text") ?? formatFor(display)) : formatFor(path);
  const outcome = checkText(text, display, format, {
    ruleSet: config.ruleSet,
    scoring: withOverrides(config.scoring, options),
    language: config.language,
    forceLanguage: options.lang,
    sourceLanguage: options.sourceLang ?? config.sourceLanguage,
    fix: options.fix,
    keep,
  });
  if (outcome.fixedText !== undefined) {
    if (options.dryRun) options.writeDiff(createTwoFilesPatch(display, display, text, outcome.fixedText));
    else if (outcome.errors.length) outcome.errors.push(new MtlintError("input", "fixes not written: parts of this file could not be read", { file: display }));
    else writeAtomically(path, encode(outcome.fixedText, encoding));
  }
  const checked = { result: outcome.result, errors: outcome.errors.map((e) => e.toProblem()) };
  if (cacheable) cache.set(resolve(path), key, checked.result, checked.errors);
  return checked;
}

/** Command-line thresholds win over the config's. */
function withOverrides(scoring: Scoring, options: CheckCommandOptions): Scoring {
  return { ...scoring, ...(options.minScore !== undefined && { minScore: options.minScore }), ...(options.failOn && { failOn: options.failOn }) };
}

function readFileOrFail(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MtlintError("input", code === "EISDIR" ? "is a directory" : `cannot read file (${code ?? (e as Error).message})`, { file: path });
  }
}

/** Temp file in the same folder, then rename: a crash never leaves a half-written file. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.mtlint-${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes);
    chmodSync(temp, statSync(path).mode);
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never created
    }
    throw new MtlintError("input", `cannot write fixes (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); file left unchanged`, { file: path });
  }
}
