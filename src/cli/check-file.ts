/** Checking one file from disk (or stdin): read, decode, check, write fixes atomically. Runs in the main thread or a worker. */
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { createTwoFilesPatch } from "diff";
import { MtlintError } from "../core/errors.js";
import type { FileResult, ProblemReport } from "../core/results.js";
import type { Applicability, Severity } from "../core/types.js";
import type { ConfigResolver, ResolvedConfig } from "../config/config.js";
import { checkText, type CheckOptions } from "../engine/check.js";
import type { CorpusDocument } from "../engine/corpus.js";
import type { Scoring } from "../engine/score.js";
import { decode, encodeChecked } from "../formats/encoding.js";
import { formatByName, formatFor } from "../formats/index.js";
import { ResultCache } from "./cache.js";
import { STDIN } from "./files.js";

/** Everything about a run that shapes one file's result; plain data, so that it can go to a worker. */
export interface FileSettings {
  config?: string;
  lang?: string;
  sourceLang?: string;
  fix?: Applicability;
  dryRun?: boolean;
  minScore?: number;
  failOn?: Severity;
  stdinFormat?: string;
  /** Compute a cache key (and skip the work when it equals `cachedKey`). */
  cache?: boolean;
  /** Keep the units of corpus rules (runs of several files, or streamed ones). */
  corpus?: boolean;
}

export interface FileJob {
  path: string;
  settings: FileSettings;
  cachedKey?: string;
}

export interface FileOutcome {
  result?: FileResult;
  errors: ProblemReport[];
  /** With --dry-run: the unified diff of the fixes. */
  diff?: string;
  /** With a cache: the key of this file's bytes and settings; `unchanged` when it equals the cached key. */
  cacheKey?: string;
  unchanged?: boolean;
  /** With `corpus`: the units of corpus rules, per document (the file, or a streamed file's batches). */
  corpus?: CorpusDocument[];
}

export function checkFile(job: FileJob, resolver: ConfigResolver, readStdin: () => Buffer = () => readFileSync(0)): FileOutcome {
  const { path, settings } = job;
  const display = path === STDIN ? "<stdin>" : path;
  try {
    const config = resolver.forPath(path === STDIN ? "." : path);
    const bytes = path === STDIN ? readStdin() : readFileOrFail(path);
    const cacheKey = settings.cache && !settings.fix ? ResultCache.key(bytes, [config.fingerprint, settings]) : undefined;
    if (cacheKey && cacheKey === job.cachedKey) return { errors: [], cacheKey, unchanged: true };
    const decoded = decode(bytes, display);
    const { text } = decoded;
    const format = path === STDIN ? formatByName(settings.stdinFormat ?? "text")! : formatFor(path);
    const outcome = checkText(text, display, format, checkOptions(config, settings));
    let diff: string | undefined;
    if (outcome.fixedText !== undefined) {
      if (settings.dryRun) diff = createTwoFilesPatch(display, display, text, outcome.fixedText);
      else if (outcome.errors.length) outcome.errors.push(new MtlintError("input", "fixes not written: parts of this file could not be read", { file: display }));
      else writeAtomically(path, encodeChecked(outcome.fixedText, decoded, display));
    }
    return {
      result: outcome.result,
      errors: outcome.errors.map((e) => e.toProblem()),
      ...(diff !== undefined && { diff }),
      ...(cacheKey && { cacheKey }),
      ...(outcome.corpus && { corpus: [outcome.corpus] }),
    };
  } catch (e) {
    if (!(e instanceof MtlintError)) throw e;
    return { errors: [e.toProblem()] };
  }
}

/** What the engine needs to check a file (or a batch of a streamed one) under this config and these settings. */
export function checkOptions(config: ResolvedConfig, settings: FileSettings): CheckOptions {
  return {
    ruleSet: config.ruleSet,
    scoring: withOverrides(config.scoring, settings),
    language: config.language,
    forceLanguage: settings.lang,
    sourceLanguage: settings.sourceLang ?? config.sourceLanguage,
    fix: settings.fix,
    corpus: settings.corpus,
  };
}

/** Command-line thresholds win over the config's. */
export function withOverrides(scoring: Scoring, settings: Pick<FileSettings, "minScore" | "failOn">): Scoring {
  return { ...scoring, ...(settings.minScore !== undefined && { minScore: settings.minScore }), ...(settings.failOn && { failOn: settings.failOn }) };
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
  const temp = join(dirname(path), `.${basename(path)}.mtlint-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
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
