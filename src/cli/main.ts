/**
 * The mtlint command line. Exit codes: 0 every file passed; 1 a file failed (score below the
 * threshold or a critical finding); 2 a usage, config or input error (other files are still checked).
 */
import { readFileSync } from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { MtlintError, escapeControls, formatProblem, usageError } from "../core/errors.js";
import { closestRuleId, ConfigResolver, resolveConfig } from "../config/config.js";
import { FORMATS } from "../formats/index.js";
import { REPORTER_NAMES, REPORTERS, type ReporterName } from "../report/index.js";
import { jsonlLine } from "../report/jsonl.js";
import type { LocatedFinding } from "../core/results.js";
import type { Severity } from "../core/types.js";
import { matchesRuleId } from "../core/rule.js";
import { assertBaselineOrMissing, DEFAULT_BASELINE, writeBaseline } from "./baseline.js";
import { DEFAULT_CACHE } from "./cache.js";
import { runCheck } from "./check.js";
import { explainRule } from "./explain.js";
import { initConfig } from "./init.js";
import { progressBar } from "./progress.js";
import { ReportFile } from "./report-file.js";
import { segmentReader } from "./report-text.js";
import { STDIN } from "./files.js";
import { formatRuleList } from "./rules-command.js";
import { atLeast, printConfig } from "./print.js";
import { testRuleFiles } from "./test-rules.js";

export const EXIT = { ok: 0, failed: 1, error: 2 } as const;

/** A repeated option replaces the value before it (yargs would collect both in an array). */
const lastOf = <T>(value: T | T[]): T => (Array.isArray(value) ? value[value.length - 1]! : value);
/**
 * Numbers are read here rather than by yargs, whose parser takes a `1` after an earlier value
 * for a counter's increment: `--jobs 3 --jobs 1` gave 4. Not a number (or nothing): NaN, refused later.
 */
const numberOf = (value: string | string[]): number => {
  const text = String(lastOf(value)).trim();
  return text === "" ? NaN : Number(text);
};
/** A repeatable option's values. Not a yargs array, which would take the paths after it as more values. */
const allOf = (value: string | string[]): string[] => [value].flat();
/** Options whose value is optional: given without "=VALUE" they take no value, so they never swallow the path after them. */
const OPTIONAL_VALUE = new Set(["--write-baseline", "--writeBaseline", "--quiet", "-q"]);

function normalizeArgs(argv: string[]): string[] {
  const end = argv.indexOf("--");
  return argv.map((a, i) => {
    // yargs drops a bare "-", so stdin travels under a name no file has.
    if (a === "-") return STDIN;
    if (!OPTIONAL_VALUE.has(a) || (end !== -1 && i > end)) return a;
    return a === "-q" ? "--quiet=" : `${a}=`;
  });
}

const SEVERITY_ORDER: Severity[] = ["minor", "major", "critical"];

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
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames(["en"], { type: "language" }).of(primary);
  } catch {
    name = undefined;
  }
  if (!name || name === primary) throw usageError(`--lang ${lang}: not a language code (expected one such as de, fr, pt-BR)`);
  if (![...known].some((id) => id.startsWith(`${primary}/`))) warn(`--lang ${lang}: mtlint has no rule pack for ${name}; only the language-independent rules (common/*) check it`);
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
}

const processIo: Io = {
  stdout: (t) => void (t && process.stdout.write(t.endsWith("\n") ? t : `${t}\n`)),
  stderr: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  readStdin: () => readFileSync(0),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const fail = (e: unknown) => {
    if (!(e instanceof MtlintError)) throw e;
    io.stderr(`mtlint: ${e.format()}`);
    exitCode = EXIT.error;
  };
  const parser = yargs(normalizeArgs(argv))
    .scriptName("mtlint")
    .usage("$0 <command> [options]")
    .command(
      "check [paths..]",
      "Check translated text: files, folders, globs, or - for stdin",
      (y) =>
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
          .option("jobs", { alias: "j", type: "string", requiresArg: true, coerce: numberOf, describe: "Worker threads (default: the number of cores; 1 checks in this thread)" })
          .option("quiet", { alias: "q", type: "string", coerce: lastOf<string>, describe: "--quiet[=SEVERITY]: only findings of this severity or worse (default major), only files with them; no summary or progress bar" })
          .option("rule", { type: "string", requiresArg: true, default: [] as string[], coerce: allOf, describe: "ID=SEVERITY or ID=off (repeatable): a rule's setting over the config's; ID may be a prefix ending in /*" })
          .option("print-config", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Print the config that applies to this file (JSON) and check nothing" })
          .option("stdin-filename", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "The name stdin is checked under: its config, format, language and the name in reports" })
          .option("color", { type: "boolean", describe: "Colours in the stylish report (--no-color: none; default: as the terminal allows)" }),
      async (args) => {
        const quiet = args.quiet === undefined ? undefined : ((args.quiet || "major") as Severity);
        const progress = progressBar(quiet === undefined);
        let output: ReportFile | undefined;
        let reported = false;
        try {
          if (quiet !== undefined && !SEVERITY_ORDER.includes(quiet)) throw usageError(`--quiet=${args.quiet}: expected minor, major or critical`);
          const known = new ConfigResolver(args.config).forPath(args.printConfig ?? args.stdinFilename ?? ".").ruleSet.known ?? new Set<string>();
          const rules = commandLineRules(args.rule, known);
          if (args.printConfig !== undefined) {
            io.stdout(printConfig(new ConfigResolver(args.config, rules ? { rules } : {}).forPath(args.printConfig), args.printConfig));
            return;
          }
          checkLanguage(args.lang, known, (text) => io.stderr(`mtlint: warning: ${text}`));
          if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) throw usageError("--jobs must be a whole number, 1 or more");
          if (args.dryRun && !args.fix && !args.fixUnsafe) throw usageError("--dry-run goes with --fix or --fix-unsafe");
          if (args.minScore !== undefined && !(args.minScore >= 0 && args.minScore <= 100)) throw usageError("--min-score must be a number from 0 to 100");
          if (args.maxFindings !== undefined && !(Number.isInteger(args.maxFindings) && args.maxFindings >= 0)) throw usageError("--max-findings must be a whole number, 0 or more");
          const baselineOut = args.writeBaseline === undefined ? undefined : args.writeBaseline || DEFAULT_BASELINE;
          if (baselineOut) assertBaselineOrMissing(baselineOut);
          // JSON Lines output of streamed large files goes out as it comes; the rest follows at the end.
          output = args.outputFile === undefined ? undefined : new ReportFile(args.outputFile);
          const writeStreamed = (path: string, findings: LocatedFinding[]) => {
            const lines = findings.map((f) => jsonlLine(path, f)).join("");
            if (!lines) return;
            if (output) output.write(lines);
            else io.stdout(lines);
          };
          // Kept for the HTML report, which shows the text that was checked.
          let stdinBytes: Buffer | undefined;
          const readStdin = () => (stdinBytes ??= io.readStdin());
          const result = await runCheck({
            paths: args.paths,
            config: args.config,
            lang: args.lang,
            sourceLang: args.sourceLang,
            fix: args.fixUnsafe ? "unsafe" : args.fix ? "safe" : undefined,
            dryRun: args.dryRun,
            minScore: args.minScore,
            failOn: args.failOn,
            baseline: baselineOut ? undefined : args.baseline,
            since: args.since,
            cache: args.cache ? args.cacheLocation : undefined,
            stdinFormat: args.stdinFormat,
            stdinFilename: args.stdinFilename,
            rules,
            readStdin,
            // A diff beside a machine-readable report goes to stderr, so that stdout stays one document.
            writeDiff: args.format === "stylish" ? io.stdout : io.stderr,
            jobs: args.jobs,
            onProgress: (done, total, words) => progress?.update(done, total, words),
            onFindings: args.format === "jsonl" ? writeStreamed : undefined,
            writes: [
              ...(args.outputFile !== undefined ? [{ option: "--output-file", path: args.outputFile }] : []),
              ...(baselineOut ? [{ option: "--write-baseline", path: baselineOut }] : []),
              ...(args.cache ? [{ option: "--cache-location", path: args.cacheLocation }] : []),
            ],
          });
          progress?.stop();
          for (const warning of result.warnings) io.stderr(`mtlint: warning: ${escapeControls(warning)}`);
          for (const problem of result.errors) io.stderr(`mtlint: ${formatProblem(problem)}`);
          if (baselineOut) {
            const count = writeBaseline(baselineOut, result.files);
            io.stderr(`mtlint: wrote ${count} finding${count === 1 ? "" : "s"} to the baseline ${escapeControls(baselineOut)}`);
            exitCode = result.errors.length ? EXIT.error : EXIT.ok;
            reported = true;
            return;
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
          exitCode = result.errors.length ? EXIT.error : result.summary.filesFailed || tooMany ? EXIT.failed : EXIT.ok;
          reported = true;
        } catch (e) {
          progress?.stop();
          fail(e);
        } finally {
          output?.close(reported);
        }
      },
    )
    .command(
      "explain <rule-id>",
      "Describe a rule: what it finds, its category, fix and examples",
      (y) =>
        y
          .positional("rule-id", { type: "string", demandOption: true })
          .option("config", { alias: "c", type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Config file whose own rules are explained too (default: nearest .mtlintrc.json)" }),
      (args) => {
        try {
          // Every built-in rule, on or off, and the config's own (its rule files and plugins).
          const specs = new Map(resolveConfig({ extends: "mtlint:all" }).ruleSet.rules.map((r) => [r.rule.spec.id, r.rule.spec]));
          for (const { rule } of new ConfigResolver(args.config).forPath(".").ruleSet.rules) if (!specs.has(rule.spec.id)) specs.set(rule.spec.id, rule.spec);
          io.stdout(explainRule(args.ruleId, [...specs.values()]));
        } catch (e) {
          fail(e);
        }
      },
    )
    .command(
      "test-rules <files..>",
      "Run the examples of your own rule files (each invalid example must give one finding at its [[marker]], each valid one none)",
      (y) => y.positional("files", { type: "string", array: true, demandOption: true }),
      (args) => {
        try {
          const { text, failed } = testRuleFiles(args.files);
          io.stdout(text);
          exitCode = failed ? EXIT.failed : EXIT.ok;
        } catch (e) {
          fail(e);
        }
      },
    )
    .command(
      "init [dir]",
      "Write a starter .mtlintrc.json, guessing the language from the files",
      (y) => y.positional("dir", { type: "string", default: "." }).option("force", { type: "boolean", default: false, describe: "Overwrite an existing config" }),
      (args) => {
        try {
          const { path, config } = initConfig(args.dir, args.force);
          io.stdout(`Wrote ${path} (language: ${String(config.language)}${config.sourceLanguage ? `, source: ${String(config.sourceLanguage)}` : ""})`);
        } catch (e) {
          fail(e);
        }
      },
    )
    .command(
      "lsp",
      "Start the language server (LSP over stdio) for editors",
      (y) => y.option("stdio", { type: "boolean", describe: "Talk over stdin/stdout (the only transport; accepted because editors pass it)" }),
      async () => {
        // Loaded only here: the other commands do not pay for the LSP libraries.
        const { startLanguageServer } = await import("../lsp/server.js");
        startLanguageServer(); // runs until the editor sends "exit" or closes its input
      },
    )
    .command(
      "rules",
      "List the rules of the active config",
      (y) =>
        y
          .option("config", { alias: "c", type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Config file (default: nearest .mtlintrc.json)" })
          .option("lang", { type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Only rules for this target language" })
          .option("all", { type: "boolean", default: false, describe: "Also rules that are off in the config" })
          .option("format", { choices: ["table", "json"] as const, default: "table" as const, coerce: lastOf<"table" | "json"> }),
      (args) => {
        try {
          const config = args.all ? resolveConfig({ extends: "mtlint:all" }) : new ConfigResolver(args.config).forPath(".");
          io.stdout(formatRuleList(config.ruleSet, args.lang, args.format === "json"));
        } catch (e) {
          fail(e);
        }
      },
    )
    .demandCommand(1, "Name a command: check, rules, explain, test-rules, init or lsp")
    .strict()
    .help()
    .version()
    // yargs renders the help after every command; wrapping it is most of that cost, so only when asked for.
    .wrap(argv.some((a) => a === "--help" || a === "-h") ? Math.min(110, process.stdout.columns || 100) : null)
    .fail((message, error) => {
      // Throwing stops yargs before any command handler runs. Its own errors (YError) are usage errors too.
      throw error && error.name !== "YError" ? error : usageError(`${message} (run mtlint --help for usage)`);
    })
    .exitProcess(false);
  try {
    await parser.parseAsync();
  } catch (e) {
    fail(e);
  }
  return exitCode;
}

export async function run(): Promise<void> {
  process.exitCode = await main(hideBin(process.argv));
}
