/**
 * The mtlint command line. Exit codes: 0 every file passed; 1 a file failed (score below the
 * threshold or a critical finding); 2 a usage, config or input error (other files are still checked).
 */
import { readFileSync } from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { MtlintError, formatProblem, usageError } from "../core/errors.js";
import { ConfigResolver, resolveConfig } from "../config/config.js";
import { formatJson } from "../report/json.js";
import { formatStylish } from "../report/stylish.js";
import { runCheck } from "./check.js";
import { STDIN } from "./files.js";
import { formatRuleList } from "./rules-command.js";

export const EXIT = { ok: 0, failed: 1, error: 2 } as const;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
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
  // yargs drops a bare "-", so stdin travels under a name no file has.
  const parser = yargs(argv.map((a) => (a === "-" ? STDIN : a)))
    .scriptName("mtlint")
    .usage("$0 <command> [options]")
    .command(
      "check [paths..]",
      "Check translated text: files, folders, globs, or - for stdin",
      (y) =>
        y
          .positional("paths", { type: "string", array: true, default: ["."], describe: "Files, folders (recursive), globs; - reads stdin" })
          .option("format", { alias: "f", choices: ["stylish", "json"] as const, default: "stylish" as const, describe: "Output format" })
          .option("config", { alias: "c", type: "string", describe: "Config file (default: nearest .mtlintrc.json above each file)" })
          .option("lang", { type: "string", describe: "Target language, overriding config and file" })
          .option("source-lang", { type: "string", describe: "Source language (enables source-aware rules)" })
          .option("fix", { type: "boolean", default: false, describe: "Apply safe fixes to the files" })
          .option("fix-unsafe", { type: "boolean", default: false, describe: "Also apply suggested rewrites (implies --fix)" })
          .option("dry-run", { type: "boolean", default: false, describe: "With --fix: print a unified diff, write nothing" })
          .option("min-score", { type: "number", describe: "Pass threshold for file scores (default 95, or config scoring.minScore)" })
          .option("stdin-format", { choices: ["text", "markdown", "jsonl"] as const, default: "text" as const, describe: "Format of text read from stdin" })
          .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Only files with findings; no summary" }),
      (args) => {
        try {
          if (args.dryRun && !args.fix && !args.fixUnsafe) throw usageError("--dry-run goes with --fix or --fix-unsafe");
          if (args.minScore !== undefined && !(args.minScore >= 0 && args.minScore <= 100)) throw usageError("--min-score must be a number from 0 to 100");
          const result = runCheck({
            paths: args.paths,
            config: args.config,
            lang: args.lang,
            sourceLang: args.sourceLang,
            fix: args.fixUnsafe ? "unsafe" : args.fix ? "safe" : undefined,
            dryRun: args.dryRun,
            minScore: args.minScore,
            stdinFormat: args.stdinFormat,
            readStdin: io.readStdin,
            writeDiff: io.stdout,
          });
          for (const problem of result.errors) io.stderr(`mtlint: ${formatProblem(problem)}`);
          if (!(args.dryRun && args.format === "stylish")) {
            io.stdout(args.format === "json" ? formatJson(result) : formatStylish(result, { quiet: args.quiet }));
          }
          exitCode = result.errors.length ? EXIT.error : result.summary.filesFailed ? EXIT.failed : EXIT.ok;
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
          .option("config", { alias: "c", type: "string", describe: "Config file (default: nearest .mtlintrc.json)" })
          .option("lang", { type: "string", describe: "Only rules for this target language" })
          .option("all", { type: "boolean", default: false, describe: "Also rules that are off in the config" })
          .option("format", { choices: ["table", "json"] as const, default: "table" as const }),
      (args) => {
        try {
          const config = args.all ? resolveConfig({ extends: "mtlint:all" }) : new ConfigResolver(args.config).forPath(".");
          io.stdout(formatRuleList(config.ruleSet, args.lang, args.format === "json"));
        } catch (e) {
          fail(e);
        }
      },
    )
    .demandCommand(1, "Name a command: check or rules")
    .strict()
    .help()
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      // Throwing stops yargs before any command handler runs.
      throw error ?? usageError(`${message}\nRun mtlint --help for usage.`);
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
