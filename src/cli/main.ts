/**
 * The mtlint command line. Exit codes: 0 every file passed; 1 a file failed (score below the
 * threshold or a critical finding); 2 a usage, config or input error (other files are still checked).
 */
import { readFileSync } from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { MtlintError, escapeControls, formatProblem, usageError } from "../core/errors.js";
import { ConfigResolver, resolveConfig } from "../config/config.js";
import { REPORTER_NAMES, REPORTERS, type ReporterName } from "../report/index.js";
import { EXIT, lastOf, numberOf, type Io } from "./args.js";
import { checkCommand, checkCommandOptions } from "./check-command.js";
import { explainRule } from "./explain.js";
import { initConfig } from "./init.js";
import { STDIN } from "./files.js";
import { readStdinChunk, writeStdout } from "./stdio.js";
import { formatRuleList } from "./rules-command.js";
import { testRuleFiles } from "./test-rules.js";

export { EXIT, type Io } from "./args.js";

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

const processIo: Io = {
  stdout: (t) => void (t && writeStdout(t.endsWith("\n") ? t : `${t}\n`)),
  stderr: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  readStdin: () => readFileSync(0),
  readStdinChunk,
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
    .command("check [paths..]", "Check translated text: files, folders, globs, or - for stdin", checkCommandOptions, async (args) => {
      try {
        exitCode = await checkCommand(args, io);
      } catch (e) {
        fail(e);
      }
    })
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
      "merge <reports..>",
      "Combine JSON reports of partial runs (check --format json) into one report with the corpus summary and score",
      (y) =>
        y
          .positional("reports", { type: "string", array: true, demandOption: true, describe: "JSON reports of mtlint check --format json" })
          .option("format", { alias: "f", choices: REPORTER_NAMES.filter((name) => name !== "html"), default: "stylish" as ReporterName, coerce: lastOf<ReporterName>, describe: "Output format" })
          .option("config", { alias: "c", type: "string", requiresArg: true, coerce: lastOf<string>, describe: "Config whose scoring weights score the corpus (default: nearest .mtlintrc.json)" }),
      async (args) => {
        try {
          const { mergeReports } = await import("./merge.js");
          const config = new ConfigResolver(args.config).forPath(".");
          const result = mergeReports(args.reports, config.scoring);
          for (const problem of result.errors) io.stderr(`mtlint: ${formatProblem(problem)}`);
          io.stdout(REPORTERS[args.format](result, config.ruleSet.rules.map((r) => r.rule.spec), {}));
          exitCode = result.errors.length ? EXIT.error : result.summary.filesFailed ? EXIT.failed : EXIT.ok;
        } catch (e) {
          fail(e);
        }
      },
    )
    .command(
      "worker",
      "Take jobs of `check --queue` runs from a Redis queue and check them, until stopped (SIGINT/SIGTERM)",
      (y) =>
        y
          .option("queue", { type: "string", requiresArg: true, demandOption: true, coerce: lastOf<string>, describe: "Redis URL (redis://HOST:PORT/DB), as given to check --queue" })
          .option("lock-timeout", { type: "string", requiresArg: true, coerce: numberOf, describe: "Milliseconds after which a job held by a worker that stopped answering goes to another (default 30000)" }),
      async (args) => {
        try {
          if (args.lockTimeout !== undefined && !(Number.isInteger(args.lockTimeout) && args.lockTimeout >= 1000)) throw usageError("--lock-timeout must be a whole number of milliseconds, 1000 or more");
          // Loaded only here: the other commands do not pay for the Redis client.
          const { runWorker } = await import("./queue.js");
          await runWorker({ url: args.queue, lockMs: args.lockTimeout, log: (text) => io.stderr(`mtlint worker: ${escapeControls(text)}`) });
        } catch (e) {
          fail(e);
        }
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
    .demandCommand(1, "Name a command: check, merge, rules, explain, test-rules, init, lsp or worker")
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
