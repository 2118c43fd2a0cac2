/** Checking one file from disk (or stdin): read, decode, check, fix. Runs in the main thread or a worker; fixes are written by writeFixes. */
import { readFileSync } from "node:fs";
import { MtlintError, SkippedPartsError, type SkippedKind } from "../core/errors.js";
import { lazyPackage } from "../core/lazy-package.js";
import type { FileResult, LocatedFinding, ProblemReport, SegmentScore } from "../core/results.js";
import type { Applicability, Severity } from "../core/types.js";
import type { ConfigResolver, ResolvedConfig } from "../config/config.js";
import { portablePath } from "../config/paths.js";
import { checkText, type CheckTextOptions } from "../engine/check.js";
import type { CorpusDocument } from "../engine/corpus.js";
import type { Scoring } from "../engine/score.js";
import { decode, encodeChecked } from "../formats/encoding.js";
import type { Format } from "../formats/format.js";
import { formatByName, formatFor } from "../formats/index.js";
import { collectWhenOverBudget } from "./heap.js";
import { ResultCache } from "./cache.js";
import { STDIN } from "./files.js";
import { errorCode, fixError, readWithIdentity, replaceFile, type FileIdentity } from "./safe-write.js";

const diffPackage = lazyPackage<typeof import("diff")>("diff");

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
  /** The name stdin is checked under: for its config, format, language and in reports. */
  stdinFilename?: string;
  /** Rule settings from the command line (--rule), over every config's own. */
  rules?: Record<string, "off" | Severity>;
  /** Compute a cache key (and skip the work when it equals `cachedKey`). */
  cache?: boolean;
  /** Keep the units of corpus rules (runs of several files, or streamed ones). */
  corpus?: boolean;
  /** Score every segment too (--per-segment). */
  perSegment?: boolean;
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
  /** With --fix: the fixed file, for writeFixes (in the main thread), and the file as it was read. */
  fixed?: { bytes: Uint8Array; original: FileIdentity };
}

export function checkFile(job: FileJob, resolver: ConfigResolver, readStdin: () => Buffer = () => readFileSync(0)): FileOutcome {
  const { path, settings } = job;
  const display = path === STDIN ? (settings.stdinFilename ?? "<stdin>") : path;
  try {
    const config = resolver.forPath(path === STDIN ? (settings.stdinFilename ?? ".") : path);
    const writing = settings.fix && !settings.dryRun;
    const { bytes, identity } = path === STDIN ? { bytes: readStdin(), identity: undefined } : readFileOrFail(path, writing);
    const cacheKey = settings.cache && !settings.fix ? ResultCache.key(bytes, [config.fingerprint, settings]) : undefined;
    if (cacheKey && cacheKey === job.cachedKey) return { errors: [], cacheKey, unchanged: true };
    const decoded = decode(bytes, display);
    const { text } = decoded;
    const format = fileFormat(path, settings);
    const outcome = checkText(text, display, format, checkOptions(config, settings, display));
    let diff: string | undefined;
    let fixed: FileOutcome["fixed"];
    if (outcome.fixedText !== undefined) {
      if (settings.dryRun) diff = diffPackage().createTwoFilesPatch(display, display, text, outcome.fixedText);
      else if (outcome.errors.length) outcome.errors.push(fixError(display)("parts of this file could not be read"));
      else fixed = { bytes: encodeChecked(outcome.fixedText, decoded, display), original: identity! };
    }
    return {
      result: outcome.result,
      errors: outcome.errors.map((e) => e.toProblem()),
      ...(diff !== undefined && { diff }),
      ...(cacheKey && { cacheKey }),
      ...(outcome.corpus && { corpus: [outcome.corpus] }),
      ...(fixed && { fixed }),
    };
  } catch (e) {
    if (!(e instanceof MtlintError)) throw e;
    return { errors: [e.toProblem()] };
  }
}

/** How a file is read: by its extension; stdin by --stdin-format, else by --stdin-filename's extension, else as text. */
export function fileFormat(path: string, settings: Pick<FileSettings, "stdinFormat" | "stdinFilename">): Format {
  if (path !== STDIN) return formatFor(path);
  return settings.stdinFormat ? formatByName(settings.stdinFormat)! : settings.stdinFilename ? formatFor(settings.stdinFilename) : formatByName("text")!;
}

/** What the engine needs to check a file (or a batch of a streamed one) under this config and these settings. */
export function checkOptions(config: ResolvedConfig, settings: FileSettings, path: string): CheckTextOptions {
  return {
    fingerprintPath: portablePath(path),
    ruleSet: config.ruleSet,
    scoring: withOverrides(config.scoring, settings),
    language: config.language,
    forceLanguage: settings.lang,
    sourceLanguage: settings.sourceLang ?? config.sourceLanguage,
    fix: settings.fix,
    corpus: settings.corpus,
    segments: settings.perSegment,
  };
}

/** Command-line thresholds win over the config's. */
export function withOverrides(scoring: Scoring, settings: Pick<FileSettings, "minScore" | "failOn">): Scoring {
  return { ...scoring, ...(settings.minScore !== undefined && { minScore: settings.minScore }), ...(settings.failOn && { failOn: settings.failOn }) };
}

/** Writes a checked file's fixes, if any (in the main thread, which handles signals); a refusal becomes one of its errors. */
export function writeFixes(path: string, outcome: FileOutcome): FileOutcome {
  if (!outcome.fixed) return outcome;
  const { fixed, ...written } = outcome;
  try {
    replaceFile(path, fixed.bytes, fixError(path), fixed.original);
    return written;
  } catch (e) {
    if (!(e instanceof MtlintError)) throw e;
    return { ...written, errors: [...written.errors, e.toProblem()] };
  }
}

/** The file's bytes; with `identify`, also what a fix must find unchanged before it replaces the file. */
function readFileOrFail(path: string, identify: boolean | undefined): { bytes: Buffer; identity?: FileIdentity } {
  try {
    return identify ? readWithIdentity(path) : { bytes: readFileSync(path) };
  } catch (e) {
    const code = errorCode(e);
    throw new MtlintError("input", code === "EISDIR" ? "is a directory" : `cannot read file (${code})`, { file: path });
  }
}

/** One batch of lines of a streamed file; plain data, so that it can go to a worker. */
export interface BatchJob {
  path: string;
  /** The name of the file's format (see src/formats/index.ts). */
  format: string;
  text: string;
  settings: FileSettings;
}

/** Lines and errors numbered within the batch. */
export interface BatchOutcome {
  findings: LocatedFinding[];
  errors: ProblemReport[];
  /** Skipped parts (rows, lines), apart from `errors`: their counts add up over the file's batches. */
  skipped: (ProblemReport & { skipped: SkippedKind })[];
  words: number;
  fixedText?: string;
  corpus?: CorpusDocument;
  segments?: SegmentScore[];
}

export function checkBatch({ path, format, text, settings }: BatchJob, config: ResolvedConfig): BatchOutcome {
  const outcome = checkText(text, path, formatByName(format)!, checkOptions(config, settings, path));
  collectWhenOverBudget();
  return {
    findings: outcome.result.findings,
    errors: outcome.errors.filter((e) => !(e instanceof SkippedPartsError)).map((e) => e.toProblem()),
    skipped: outcome.errors.flatMap((e) => (e instanceof SkippedPartsError ? [{ ...e.toProblem(), skipped: e.skipped }] : [])),
    words: outcome.result.words,
    ...(outcome.fixedText !== undefined && { fixedText: outcome.fixedText }),
    ...(outcome.corpus && { corpus: outcome.corpus }),
    ...(outcome.result.segments && { segments: outcome.result.segments }),
  };
}
