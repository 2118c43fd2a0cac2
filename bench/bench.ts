/**
 * `npm run bench`: speed and memory on ≥ 1M words of edited English (the Brown corpus).
 * 1. The engine in this process: parse, lint and score every Brown file with the recommended
 *    rules; median of 3 runs; peak resident memory.
 * 2. The whole CLI as a user runs it (`mtlint check --format json` on a folder of the 500 files,
 *    then of three copies of them), start-up included, with one thread and with two; median of 3
 *    runs each, and the speed-up.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveConfig } from "#src/config/config.js";
import { checkText } from "#src/engine/check.js";
import { DEFAULT_SCORING } from "#src/engine/score.js";
import { textFormat } from "#src/formats/text.js";
import { brownFileNames, readBrownFile } from "../training/brown.js";
import { median } from "./median.js";

const RUNS = 3;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

const files = brownFileNames().map((name) => readBrownFile(name));
const { ruleSet } = resolveConfig({ extends: "mtlint:recommended" });
console.log(`corpus: ${files.length} Brown files, ${ruleSet.rules.length} recommended rules`);

let words = 0;
let findings = 0;
const engineSeconds: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  words = findings = 0;
  for (const file of files) {
    const { result } = checkText(file.text, file.name, textFormat, { ruleSet, scoring: DEFAULT_SCORING, language: "en" });
    words += result.words;
    findings += result.findings.length;
  }
  engineSeconds.push((performance.now() - started) / 1000);
}
const engine = median(engineSeconds);
console.log(`engine (1 thread): ${fmt(words)} words in ${engine.toFixed(2)} s = ${fmt(words / engine)} words/s; ${findings} findings; peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);

// The CLI on the corpus, and on three copies of it: each thread warms up (JIT, regular expressions)
// once, which weighs on a one-million-word run and fades on larger ones.
const bin = fileURLToPath(new URL("../../bin/mtlint.js", import.meta.url));
// GNU time reports the child's peak memory, which Node cannot read for a child process.
const time = existsSync("/usr/bin/time") ? ["/usr/bin/time", "-f", "%M"] : [];
for (const copies of [1, 3]) {
  const dir = mkdtempSync(join(tmpdir(), "mtlint-bench-"));
  try {
    for (let copy = 0; copy < copies; copy++) for (const file of files) writeFileSync(join(dir, `${file.name}-${copy}.txt`), file.text);
    const corpusWords = words * copies;
    const cliSeconds = new Map<number, number>();
    for (const jobs of [1, 2]) {
      const seconds: number[] = [];
      const peaksKb: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const [command, ...args] = [...time, process.execPath, bin, "check", "--format", "json", "--min-score", "0", "--jobs", String(jobs), dir];
        const child = spawnSync(command!, args, { maxBuffer: 1 << 30 });
        seconds.push((performance.now() - started) / 1000);
        if (child.status !== 0) throw new Error(`mtlint exited with ${child.status}: ${child.stderr.toString().slice(0, 500)}`);
        if (time.length) peaksKb.push(Number(child.stderr.toString().trim().split("\n").at(-1)));
      }
      const cli = median(seconds);
      cliSeconds.set(jobs, cli);
      const peak = peaksKb.length ? `; peak RSS ${fmt(median(peaksKb) / 1024)} MB` : "";
      console.log(`cli --jobs ${jobs} (start-up included): ${fmt(corpusWords)} words in ${cli.toFixed(2)} s = ${fmt(corpusWords / cli)} words/s${peak}`);
    }
    console.log(`speed-up from 1 to 2 threads on ${fmt(corpusWords)} words: ${(cliSeconds.get(1)! / cliSeconds.get(2)!).toFixed(2)}×`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
