/**
 * The programmatic API: strings in, findings out; no file system needed unless you ask
 * loadConfig() to read a config file.
 *
 *   import { check, fix, loadConfig } from "mtlint";
 *   const { findings, score } = await check("Some 8 thousand people came.", { language: "en" });
 */
import { ConfigResolver, readConfigFile, resolveConfig, type ResolvedConfig, type UserConfig } from "./config/config.js";
import { portablePath } from "./config/paths.js";
import type { LocatedFinding, ProblemReport } from "./core/results.js";
import type { Applicability } from "./core/types.js";
import { checkText, type CheckOutcome } from "./engine/check.js";
import type { Format } from "./formats/format.js";
import { FORMATS, formatByName } from "./formats/index.js";
import { usageError } from "./core/errors.js";
import { parsedFromBlocks } from "./formats/text.js";

export type { Category, Document, Edit, Finding, Fix, Segment, Severity, Span, Applicability } from "./core/types.js";
export type { FileResult, LocatedFinding, ProblemReport, RunResult, Summary } from "./core/results.js";
export type { RuleSpec, RuleExample } from "./core/rule.js";
export type { ResolvedConfig, UserConfig } from "./config/config.js";
export { MtlintError } from "./core/errors.js";

export interface CheckOptions {
  /** Target language (default: the config's, else "en"). */
  language?: string;
  sourceLanguage?: string;
  /** The source text: the whole text is then checked as one bilingual segment. */
  source?: string;
  /** A config object as in .mtlintrc.json, or one from loadConfig(). Default: mtlint:recommended. */
  config?: UserConfig | ResolvedConfig;
  /** How to read the text: "text" (default), "markdown", "jsonl", "xliff", "tmx", "po", "csv", "tsv". */
  format?: string;
  /** Name used in findings and errors. */
  path?: string;
}

export interface CheckResult {
  findings: LocatedFinding[];
  score: number;
  /** False when any part of the input could not be read (see `errors`). */
  passed: boolean;
  words: number;
  /** Parts of the input that could not be read (malformed XML, a JSONL line that is not JSON…), each with its line. */
  errors: ProblemReport[];
}

export interface FixOptions extends CheckOptions {
  /** Also apply suggested rewrites (unsafe fixes). */
  unsafe?: boolean;
}

export interface FixResult {
  /** The text with fixes applied; the text as it was when parts of it could not be read (see `errors`). */
  text: string;
  /** The findings whose fixes were applied. */
  applied: number;
  /** What is still found in the fixed text. */
  remaining: LocatedFinding[];
  /** Parts of the input that could not be read; nothing is fixed then, as the CLI writes nothing. */
  errors: ProblemReport[];
}

export async function check(text: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { result, errors } = run(text, options);
  const problems = errors.map((e) => e.toProblem());
  return { findings: result.findings, score: result.score, passed: result.passed && !problems.length, words: result.words, errors: problems };
}

export async function fix(text: string, options: FixOptions = {}): Promise<FixResult> {
  const { result, fixedText, errors } = run(text, options, options.unsafe ? "unsafe" : "safe");
  if (errors.length) {
    const unfixed = await check(text, options);
    return { text, applied: 0, remaining: unfixed.findings, errors: unfixed.errors };
  }
  return { text: fixedText ?? text, applied: result.fixes?.applied ?? 0, remaining: result.findings, errors: [] };
}

/**
 * A resolved config: from a config object, from a .mtlintrc.json file, or found by walking up
 * from a folder or file path. Throws MtlintError for an invalid config.
 */
export function loadConfig(from: string | UserConfig = process.cwd()): ResolvedConfig {
  if (typeof from !== "string") return resolveConfig(from);
  if (from.endsWith(".json")) return resolveConfig(readConfigFile(from), from);
  return new ConfigResolver().forPath(from);
}

function run(text: string, options: CheckOptions, fixLevel?: Applicability): CheckOutcome {
  const config = isResolved(options.config) ? options.config : resolveConfig(options.config ?? {});
  const path = options.path ?? "<text>";
  const format: Format | undefined = options.source === undefined ? formatByName(options.format ?? "text") : wholeTextWithSource(options.source);
  if (!format) throw usageError(`unknown format "${options.format}"; expected one of ${FORMATS.map((f) => f.name).join(", ")}`);
  const outcome = checkText(text, path, format, {
    ruleSet: config.ruleSet,
    scoring: config.scoring,
    language: config.language,
    forceLanguage: options.language,
    sourceLanguage: options.sourceLanguage ?? config.sourceLanguage,
    fix: fixLevel,
    fingerprintPath: portablePath(path),
  });
  return outcome;
}

const isResolved = (c: CheckOptions["config"]): c is ResolvedConfig => c !== undefined && "ruleSet" in c;

/** The whole text as one segment, with its source beside it. */
function wholeTextWithSource(source: string): Format {
  return {
    name: "bilingual-string",
    extensions: [],
    parse(text, path) {
      const parsed = parsedFromBlocks(text, path, text.length ? [{ start: 0, end: text.length }] : []);
      for (const segment of parsed.document.segments) segment.source = source;
      return parsed;
    },
  };
}

