/**
 * `mtlint check`: its options, read by yargs into one typed object (`CheckArguments`), checked,
 * turned into the run's options, and the report written.
 */
import type { Argv } from "yargs";
import { escapeControls, formatProblem, usageError } from "../core/errors.js";
import { closestRuleId, ConfigResolver } from "../config/config.js";
import { FORMATS } from "../formats/index.js";
import { REPORTER_NAMES, REPORTERS, type ReporterName } from "../report/index.js";
import { jsonlLine, segmentLines } from "../report/jsonl.js";
import type { LocatedFinding, SegmentScore } from "../core/results.js";
import { SEVERITIES, type Severity } from "../core/types.js";
import { matchesRuleId } from "../core/rule.js";
import { languageName } from "../core/language.js";
import { allOf, EXIT, lastOf, numberOf, type Io } from "./args.js";
import { assertBaselineOrMissing, DEFAULT_BASELINE, writeBaseline } from "./baseline.js";
import { DEFAULT_CACHE } from "./cache.js";
import { runCheck, type CheckCommandOptions } from "./check.js";
import { progressBar } from "./progress.js";
import { ReportFile } from "./report-file.js";
import { segmentReader } from "./report-text.js";
import { atLeast, printConfig } from "./print.js";

/** The options of `mtlint check`, for yargs' `command` builder. */
export const checkCommandOptions = (y: Argv) =>
  y
    .positional("paths", { type: "string", array: true, default: ["."], describe: "Files, folders (recursive), globs; - reads stdin" })
    .option("format", { alias: "f", choices: REPORTER_NAMES, default: "stylish" as ReporterName, coerce: lastOf<ReporterName>, describe: "Output format" })
    .option("output-file", { alias: "o", type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Write the report to this file instead of stdout" })
    .option("config", { alias: "c", type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Config file (default: nearest .mtlintrc.json above each file)" })
    .option("lang", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Target language, overriding config and file" })
    .option("source-lang", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Source language (enables source-aware rules)" })
    .option("fix", { type: "boolean", default: false, describe: "Apply safe fixes to the files" })
    .option("fix-unsafe", { type: "boolean", default: false, describe: "Also apply suggested rewrites (implies --fix)" })
    .option("dry-run", { type: "boolean", default: false, describe: "With --fix: print a unified diff, write nothing" })
    .option("min-score", { type: "string", requiresArg: true, coerce: numberOf, describe: "Pass threshold for file scores (default 95, or config scoring.minScore)" })
    .option("fail-on", { choices: ["minor", "major", "critical"] as const, coerce: lastOf<Severity>, describe: "Fail a file with any finding of this severity or worse (default critical)" })
    .option("max-findings", { type: "string", requiresArg: true, coerce: numberOf, describe: "Fail the run when it reports more findings than this" })
    .option("baseline", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Report only findings that are not in this baseline file" })
    .option("write-baseline", { type: "string", coerce: lastOf<string>, describe: `--write-baseline[=FILE]: write all current findings to a baseline file (default ${DEFAULT_BASELINE})` })
    .option("since", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Only files changed since this git ref (committed, staged, unstaged or new)" })
    .option("cache", { type: "boolean", default: false, describe: "Reuse results of files unchanged since the last run" })
    .option("cache-location", { type: "string", requiresArg: true, default: DEFAULT_CACHE, coerce: lastOf<string>, describe: "Cache file" })
    .option("stdin-format", { choices: FORMATS.map((f) => f.name), coerce: lastOf<string>, describe: "Format of text read from stdin (default: by --stdin-filename's extension, else text)" })
    .option("queue", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Redis URL (redis://HOST:PORT/DB): share the files out to `mtlint worker` processes through this queue" })
    .option("jobs", { alias: "j", type: "string", requiresArg: true, coerce: numberOf, describe: "Worker threads (default: the number of cores; 1 checks in this thread)" })
    .option("quiet", { alias: "q", type: "string", coerce: lastOf<string>, describe: "--quiet[=SEVERITY]: only findings of this severity or worse (default major), only files with them; no summary or progress bar" })
    .option("rule", { type: "string", requiresArg: true, default: [] as string[], coerce: allOf, describe: "ID=SEVERITY or ID=off (repeatable): a rule's setting over the config's; ID may be a prefix ending in /*" })
    .option("print-config", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Print the config that applies to this file (JSON) and check nothing" })
    .option("stdin-filename", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "The name stdin is checked under: its config, format, language and the name in reports" })
    .option("per-segment", { type: "boolean", default: false, describe: "With --format jsonl: one line per segment (its words, score and findings), every segment, in order" })
    .option("color", { type: "boolean", describe: "Colours in the stylish report (--no-color: none; default: as the terminal allows)" });

/** Everything `mtlint check` was given, as yargs reads it. */
export type CheckArguments = Awaited<ReturnType<typeof checkCommandOptions>["argv"]>;

/** --rule ID=SEVERITY|off, repeated: the rule settings they give, ids checked against the rules the config knows. */
function commandLineRules(values: string[], known: ReadonlySet<string>): Record<string, "off" | Severity> | undefined {
  if (!values.length) return undefined;
  const rules: Record<string, "off" | Severity> = {};
  for (const value of values) {
    const m = /^([^=\s]+)=(off|minor|major|critical)$/u.exec(value.trim());
    if (!m) throw usageError(`--rule ${value}: expected ID=SEVERITY, a rule id or a prefix ending in /*, and off, minor, major or critical`);
    const [, id, setting] = m;
    if (![...known].some((k) => matchesRuleId(k, id!))) {
      const hint = closestRuleId(id!, known);
      throw usageError(`--rule ${value}: unknown rule id "${id}"${hint ? ` (did you mean "${hint}"?)` : ""}`);
    }
    rules[id!] = setting as "off" | Severity;
  }
  return rules;
}

/** A --lang that is no language is an error; one without a rule pack gets the language-independent rules, and a warning says so. */
function checkLanguage(lang: string | undefined, known: ReadonlySet<string>, warn: (text: string) => void): void {
  if (lang === undefined) return;
  const primary = lang.split(/[-_]/u)[0]!.toLowerCase();
  const name = languageName(lang);
  if (!name) throw usageError(`--lang ${lang}: not a language code (expected one such as de, fr, pt-BR)`);
  if (![...known].some((id) => id.startsWith(`${primary}/`))) warn(`--lang ${lang}: mtlint has no rule pack for ${name}; only the language-independent rules (common/*) check it`);
}

/** The arguments' values checked together; a usage error names the first that is wrong. */
function validate(args: CheckArguments, quiet: Severity | undefined): void {
  if (quiet !== undefined && !SEVERITIES.includes(quiet)) throw usageError(`--quiet=${args.quiet}: expected minor, major or critical`);
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) throw usageError("--jobs must be a whole number, 1 or more");
  if (args.dryRun && !args.fix && !args.fixUnsafe) throw usageError("--dry-run goes with --fix or --fix-unsafe");
  if (args.perSegment && args.format !== "jsonl") throw usageError("--per-segment goes with --format jsonl");
  if (args.minScore !== undefined && !(args.minScore >= 0 && args.minScore <= 100)) throw usageError("--min-score must be a number from 0 to 100");
  if (args.maxFindings !== undefined && !(Number.isInteger(args.maxFindings) && args.maxFindings >= 0)) throw usageError("--max-findings must be a whole number, 0 or more");
}

/** What the run is asked to do, from the arguments; `hooks` are where its progress, streamed findings and diffs go. */
function runOptionsOf(args: CheckArguments, rules: Record<string, "off" | Severity> | undefined, baselineOut: string | undefined, hooks: Pick<CheckCommandOptions, "readStdin" | "readStdinChunk" | "writeDiff" | "onProgress" | "onFindings">): CheckCommandOptions {
  return {
    paths: args.paths,
    config: args.config,
    lang: args.lang,
    sourceLang: args.sourceLang,
    fix: args.fixUnsafe ? "unsafe" : args.fix ? "safe" : undefined,
    dryRun: args.dryRun,
    minScore: args.minScore,
    failOn: args.failOn,
    // Writing a baseline reports every finding, so no baseline is read.
    baseline: baselineOut ? undefined : args.baseline,
    since: args.since,
    cache: args.cache ? args.cacheLocation : undefined,
    stdinFormat: args.stdinFormat,
    stdinFilename: args.stdinFilename,
    rules,
    jobs: args.jobs,
    queue: args.queue,
    perSegment: args.perSegment,
    writes: [
      ...(args.outputFile !== undefined ? [{ option: "--output-file", path: args.outputFile }] : []),
      ...(baselineOut ? [{ option: "--write-baseline", path: baselineOut }] : []),
      ...(args.cache ? [{ option: "--cache-location", path: args.cacheLocation }] : []),
    ],
    ...hooks,
  };
}

/** Runs `mtlint check`; its exit code (usage, config and input errors are thrown). */
export async function checkCommand(args: CheckArguments, io: Io): Promise<number> {
  const quiet = args.quiet === undefined ? undefined : ((args.quiet || "major") as Severity);
  validate(args, quiet);
  const known = new ConfigResolver(args.config).forPath(args.printConfig ?? args.stdinFilename ?? ".").ruleSet.known ?? new Set<string>();
  const rules = commandLineRules(args.rule, known);
  if (args.printConfig !== undefined) {
    io.stdout(printConfig(new ConfigResolver(args.config, rules ? { rules } : {}).forPath(args.printConfig), args.printConfig));
    return EXIT.ok;
  }
  checkLanguage(args.lang, known, (text) => io.stderr(`mtlint: warning: ${text}`));
  const baselineOut = args.writeBaseline === undefined ? undefined : args.writeBaseline || DEFAULT_BASELINE;
  if (baselineOut) assertBaselineOrMissing(baselineOut);
  // JSON Lines output of streamed large files goes out as it comes; the rest follows at the end.
  const output = args.outputFile === undefined ? undefined : new ReportFile(args.outputFile);
  const progress = progressBar(quiet === undefined);
  let reported = false;
  try {
    const writeStreamed = (path: string, findings: LocatedFinding[], segments?: SegmentScore[]) => {
      const lines = (segments ? segmentLines(path, segments, findings) : findings.map((f) => jsonlLine(path, f))).join("");
      if (!lines) return;
      if (output) output.write(lines);
      else io.stdout(lines);
    };
    // Kept for the HTML report, which shows the text that was checked.
    let stdinBytes: Buffer | undefined;
    const result = await runCheck(
      runOptionsOf(args, rules, baselineOut, {
        readStdin: () => (stdinBytes ??= io.readStdin()),
        // The HTML report shows the text it checked, so it reads stdin whole.
        ...(args.format !== "html" && io.readStdinChunk && { readStdinChunk: io.readStdinChunk }),
        // A diff beside a machine-readable report goes to stderr, so that stdout stays one document.
        writeDiff: args.format === "stylish" ? io.stdout : io.stderr,
        onProgress: (done, total, words) => progress?.update(done, total, words),
        onFindings: args.format === "jsonl" ? writeStreamed : undefined,
      }),
    );
    progress?.stop();
    for (const warning of result.warnings) io.stderr(`mtlint: warning: ${escapeControls(warning)}`);
    for (const problem of result.errors) io.stderr(`mtlint: ${formatProblem(problem)}`);
    reported = true;
    if (baselineOut) {
      const count = writeBaseline(baselineOut, result.files);
      io.stderr(`mtlint: wrote ${count} finding${count === 1 ? "" : "s"} to the baseline ${escapeControls(baselineOut)}`);
      return result.errors.length ? EXIT.error : EXIT.ok;
    }
    if (!(args.dryRun && args.format === "stylish")) {
      const shown = quiet === undefined ? result : atLeast(result, quiet);
      const report = REPORTERS[args.format](shown, result.rules, {
        quiet: quiet !== undefined,
        ...(args.color !== undefined && { color: args.color }),
        ...(args.format === "html" && { segments: segmentReader(args, () => stdinBytes) }),
      });
      if (output) output.write(report.endsWith("\n") || !report ? report : `${report}\n`);
      else io.stdout(report);
    }
    const tooMany = args.maxFindings !== undefined && result.summary.findings > args.maxFindings;
    if (tooMany) io.stderr(`mtlint: ${result.summary.findings} findings, more than --max-findings ${args.maxFindings}`);
    return result.errors.length ? EXIT.error : result.summary.filesFailed || tooMany ? EXIT.failed : EXIT.ok;
  } catch (e) {
    reported = false;
    throw e;
  } finally {
    progress?.stop();
    output?.close(reported);
  }
}
