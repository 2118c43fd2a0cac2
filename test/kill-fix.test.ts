/**
 * `mtlint check --fix` killed with SIGKILL at random moments, on multi-MB files of every format
 * that takes fixes (JSONL, text, CSV and TSV of 4 MB and more are fixed by streaming): the file is
 * always the original or the fully fixed version, and no temporary file is left once the next
 * run has run. (`node build/bench/kill-fix.js` runs many more kills.)
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURE_FORMATS, fixture, fixtureFolder, killTrial } from "../bench/kill-fix-harness.js";
import { STREAM_MIN_BYTES } from "../src/cli/stream.js";
import { runCli } from "./cli-helpers.js";

const STREAMED = new Set(["txt", "jsonl", "csv", "tsv"]);
const { dir, noRules } = fixtureFolder();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the fixed version of each fixture is what --fix writes", async () => {
  for (const format of FIXTURE_FORMATS) {
    const file = join(dir, `sample.${format.extension}`);
    const bytes = fixture(format, 3000);
    writeFileSync(file, bytes.original);
    const run = await runCli(["check", "--fix", file]);
    expect([format.extension, run.stderr, readFileSync(file).equals(bytes.fixed)]).toEqual([format.extension, "", true]);
  }
});

test.each(FIXTURE_FORMATS.map((f) => [f.extension, f] as const))("%s: killed at a random moment, the file is the original or fully fixed", async (extension, format) => {
  const streamed = STREAMED.has(extension);
  const bytes = fixture(format, streamed ? STREAM_MIN_BYTES + 64 * 1024 : 1.5 * 1024 * 1024);
  // A streamed fix is killed while its temporary copy is being written; the others anywhere in the run.
  const trial = streamed ? { delayMs: Math.random() * 300, afterTemporary: true } : { delayMs: 200 + Math.random() * 1500 };
  const nextRun = (file: string) => runCli(["check", "--config", noRules, "--format", "jsonl", "--jobs", "1", file]);
  // A folder per format: what is left is this run's.
  mkdirSync(join(dir, extension));
  const outcome = await killTrial(join(dir, extension, `big.${extension}`), bytes, { ...trial, nextRun });
  expect(outcome.state).not.toBe("corrupted");
  expect(outcome.leftAfterNextRun).toBe(0);
  if (streamed && !outcome.finished) expect([outcome.state, outcome.leftByKill]).toEqual(["original", 1]);
}, 180_000);
