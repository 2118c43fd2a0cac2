/**
 * Killing `mtlint check --fix` at random moments, for the test (a few kills) and the bench (many):
 * after each kill the file must be the original or the fully fixed version, and the next run must
 * leave no temporary file. Fixture files of every format that takes fixes, with a known fixed
 * version: one pattern rule (", – " → ", ") is the only rule, so that a multi-MB fix is quick.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/mtlint.js", import.meta.url));

/** Targets before and after the fix. */
const TARGETS: [string, string][] = [
  ["The ministry counted the votes, – the director noted.", "The ministry counted the votes, the director noted."],
  ["The museum opened on Monday and closed at noon.", "The museum opened on Monday and closed at noon."],
  ["About forty visitors were counted, – she said on Friday.", "About forty visitors were counted, she said on Friday."],
  ["The council met on Tuesday.", "The council met on Tuesday."],
];
const SOURCE = "Совет собрался во вторник.";

interface FixtureFormat {
  extension: string;
  head?: string;
  unit: (i: number, target: string) => string;
  tail?: string;
}

export const FIXTURE_FORMATS: readonly FixtureFormat[] = [
  { extension: "txt", unit: (i, t) => `${t} Paragraph ${i}.\n\n` },
  { extension: "md", unit: (i, t) => `${i % 10 === 0 ? `## Part ${i}\n\n` : ""}${t} Item ${i}.\n\n` },
  { extension: "jsonl", unit: (i, t) => `${JSON.stringify({ id: `s${i}`, source: SOURCE, target: t })}\n` },
  { extension: "csv", head: "id,source,target\n", unit: (i, t) => `s${i},"${SOURCE}","${t}"\n` },
  { extension: "tsv", head: "id\tsource\ttarget\n", unit: (i, t) => `s${i}\t${SOURCE}\t${t}\n` },
  { extension: "po", head: 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n', unit: (i, t) => `msgid "${SOURCE} ${i}"\nmsgstr "${t}"\n\n` },
  {
    extension: "xlf",
    head: '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="ru" target-language="en" datatype="plaintext" original="k"><body>\n',
    unit: (i, t) => `<trans-unit id="u${i}"><source>${SOURCE}</source><target>${t}</target></trans-unit>\n`,
    tail: "</body></file></xliff>\n",
  },
  {
    extension: "tmx",
    head: '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="k" creationtoolversion="1" o-tmf="k"/><body>\n',
    unit: (_i, t) => `<tu><tuv xml:lang="ru"><seg>${SOURCE}</seg></tuv><tuv xml:lang="en"><seg>${t}</seg></tuv></tu>\n`,
    tail: "</body></tmx>\n",
  },
];

/** A file of at least `bytes` in this format, and the same file with every fix applied. */
export function fixture(format: FixtureFormat, bytes: number): { original: Buffer; fixed: Buffer } {
  const original: string[] = [format.head ?? ""];
  const fixed: string[] = [format.head ?? ""];
  for (let i = 0, size = 0; size < bytes; i++) {
    const [before, after] = TARGETS[i % TARGETS.length]!;
    original.push(format.unit(i, before));
    fixed.push(format.unit(i, after));
    size += original.at(-1)!.length;
  }
  original.push(format.tail ?? "");
  fixed.push(format.tail ?? "");
  return { original: Buffer.from(original.join("")), fixed: Buffer.from(fixed.join("")) };
}

/** The only rule of the fixture folders' config. */
const RULES = {
  language: "*",
  rules: [
    {
      id: "kill/comma-dash",
      kind: "pattern",
      category: "fluency/punctuation",
      severity: "minor",
      message: "A comma and a dash.",
      pattern: ", – ",
      replace: ", ",
      applicability: "safe",
      examples: [{ text: "one[[, – ]]two", fixed: "one, two" }],
    },
  ],
};

/** A folder with the config (one rule) and a config without rules, for the cheap run after a kill. */
export function fixtureFolder(): { dir: string; noRules: string } {
  const dir = mkdtempSync(join(tmpdir(), "mtlint-kill-"));
  writeFileSync(join(dir, "rules.json"), JSON.stringify(RULES));
  writeFileSync(join(dir, ".mtlintrc.json"), JSON.stringify({ extends: [], ruleFiles: ["rules.json"] }));
  writeFileSync(join(dir, "no-rules.json"), JSON.stringify({ extends: [] }));
  return { dir, noRules: join(dir, "no-rules.json") };
}

export const temporaryFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

export interface KillOutcome {
  /** The process had ended before the kill. */
  finished: boolean;
  /** Temporary files right after the kill (before the next run). */
  leftByKill: number;
  state: "original" | "fixed" | "corrupted";
  /** Temporary files after the next run. */
  leftAfterNextRun: number;
}

/**
 * Copies `original` to `file`, starts `mtlint check --fix` on it and kills it with SIGKILL after
 * `delayMs` (or, with `afterTemporary`, that long after its temporary file appears); then lets
 * `nextRun` run mtlint once more on the file, and says what is left.
 */
export async function killTrial(
  file: string,
  bytes: { original: Buffer; fixed: Buffer },
  options: { delayMs: number; afterTemporary?: boolean; jobs?: number; nextRun: (file: string) => Promise<unknown> },
): Promise<KillOutcome> {
  writeFileSync(file, bytes.original);
  const dir = dirname(file);
  const child = spawn(process.execPath, [BIN, "check", "--fix", "--format", "jsonl", "--jobs", String(options.jobs ?? 1), file], { stdio: "ignore", cwd: dir });
  let finished = false;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", () => {
      finished = true;
      resolve();
    }),
  );
  if (options.afterTemporary) while (!finished && !temporaryFiles(dir).length) await sleep(5);
  await Promise.race([sleep(options.delayMs), exited]);
  const killed = !finished;
  if (killed) child.kill("SIGKILL");
  await exited;
  const leftByKill = temporaryFiles(dir).length;
  const now = readFileSync(file);
  const state = now.equals(bytes.original) ? "original" : now.equals(bytes.fixed) ? "fixed" : "corrupted";
  await options.nextRun(file);
  return { finished: !killed, leftByKill, state, leftAfterNextRun: temporaryFiles(dir).length };
}

/** The next run as another process: a check without rules (`noRules`), which still tidies up after the killed one. */
export const checkWithoutRules = (noRules: string) => async (file: string) =>
  spawnSync(process.execPath, [BIN, "check", "--config", noRules, "--format", "jsonl", file], { stdio: "ignore", cwd: dirname(file) });

/** How long one full fix of `file` takes, in milliseconds (the file is fixed afterwards). */
export function timeFullFix(file: string, original: Buffer, jobs = 1): number {
  writeFileSync(file, original);
  const started = performance.now();
  spawnSync(process.execPath, [BIN, "check", "--fix", "--format", "jsonl", "--jobs", String(jobs), file], { stdio: "ignore", cwd: dirname(file) });
  return performance.now() - started;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
