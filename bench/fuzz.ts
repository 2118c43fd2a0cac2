/**
 * `npm run bench:fuzz [-- --runs N --seed S]`: the fuzz properties of test/fuzz.test.ts over many
 * inputs (default 2,000 per format, fixed seed), counted: inputs tried, crashes (a thrown error
 * other than an input error), hangs (one input taking over 2 s to parse, fix and fix again), data
 * lost (a write-back or a fix that changed bytes it should not have) and fixes that a second run
 * changed again. Prints a table and the first failures in full.
 */
import fc from "fast-check";
import { resolveConfig } from "#src/config/config.js";
import { checkEncoding, checkInput, encodingInput, FUZZ_TARGETS } from "./fuzz-properties.js";

const argument = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const runs = argument("runs", 2000);
const seed = argument("seed", 13);
const HANG_MS = 2000;

interface Row {
  name: string;
  tried: number;
  crashes: number;
  hangs: number;
  dataLost: number;
  notIdempotent: number;
  slowestMs: number;
}

const { ruleSet } = resolveConfig({});
// Load the tagger, dictionaries and segmenters first, so that the first input is not taken for a hang.
for (let variant = 0; variant < 10; variant++) checkInput(FUZZ_TARGETS[0]!, "Warm up, the the IG \"here\"!", { ruleSet, variant });
const failures: string[] = [];
const rows: Row[] = [];
const tally = (name: string, inputs: unknown[], check: (input: unknown) => { kind: string; detail: string } | undefined): void => {
  const row: Row = { name, tried: 0, crashes: 0, hangs: 0, dataLost: 0, notIdempotent: 0, slowestMs: 0 };
  for (const input of inputs) {
    const started = performance.now();
    const problem = check(input);
    const ms = performance.now() - started;
    row.tried++;
    row.slowestMs = Math.max(row.slowestMs, ms);
    if (ms > HANG_MS) row.hangs++;
    if (problem?.kind === "crash") row.crashes++;
    if (problem?.kind === "data lost") row.dataLost++;
    if (problem?.kind === "not idempotent") row.notIdempotent++;
    if (problem && failures.length < 5) failures.push(`${name}: ${problem.kind}: ${problem.detail}\n  input: ${JSON.stringify(input)}`);
  }
  rows.push(row);
  console.error(`${name}: ${row.tried} inputs`);
};

FUZZ_TARGETS.forEach((fuzz, i) => {
  const inputs = fc.sample(fc.tuple(fuzz.input, fc.nat()), { numRuns: runs, seed: seed + i });
  tally(fuzz.name, inputs, (input) => {
    const [text, variant] = input as [string, number];
    return checkInput(fuzz, text, { ruleSet, variant });
  });
});
tally("encodings", fc.sample(encodingInput, { numRuns: runs, seed: seed + 100 }), (input) => checkEncoding(input as Parameters<typeof checkEncoding>[0]));

const total = rows.reduce((t, r) => ({ ...t, tried: t.tried + r.tried, crashes: t.crashes + r.crashes, hangs: t.hangs + r.hangs, dataLost: t.dataLost + r.dataLost, notIdempotent: t.notIdempotent + r.notIdempotent, slowestMs: Math.max(t.slowestMs, r.slowestMs) }), { name: "total", tried: 0, crashes: 0, hangs: 0, dataLost: 0, notIdempotent: 0, slowestMs: 0 });
console.log(`seed ${seed}, ${runs} runs per target; a hang is an input over ${HANG_MS} ms\n`);
console.log("| test | inputs tried | crashes | hangs | data lost | fix twice ≠ once | slowest input |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const r of [...rows, total]) console.log(`| ${r.name} | ${r.tried.toLocaleString("en-US")} | ${r.crashes} | ${r.hangs} | ${r.dataLost} | ${r.notIdempotent} | ${Math.round(r.slowestMs)} ms |`);
if (failures.length) console.log(`\nfirst failures:\n${failures.join("\n")}`);
