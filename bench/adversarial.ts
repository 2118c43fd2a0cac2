/**
 * `node build/bench/adversarial.js [--small=10000] [--large=100000] [--timeout=60] [--lang=en,de] [--all]`:
 * every built-in rule (mtlint:all) of every language pack on the adversarial inputs
 * (bench/adversarial-inputs.ts), monolingual and bilingual, at two sizes, with the shared
 * analysis and lint()'s own work as rows of their own. Prints the rows whose time grows fastest
 * (ratio large / small over 15, every row with --all): best of 3 runs at the small size, of up
 * to 3 at the large one. Each language and mode runs in a child process, so that a rule that
 * hangs (no progress for --timeout seconds) or runs out of memory is reported as stopped
 * instead of stopping the run. Then a table by rule kind: each kind's row of the highest ratio.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RawFinding } from "#src/core/rule.js";
import { ADVERSARIAL_INPUTS, adversarialDocument, analysed, builtinRulesFor, timeEngine, timeRule } from "./adversarial-inputs.js";
import { resolveConfig } from "#src/config/config.js";

const LANGUAGES = ["en", "de", "fr", "es", "ru", "zh", "ja"];
const ANALYSIS = "(analysis: sentences, tokens, tags)";
const ENGINE = "(lint: masking, filtering, sorting findings)";
const LIMIT = 15;
/** Times below this are taken as this, so that noise on tiny times makes no ratio. */
const FLOOR_MS = 1;
const option = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ratio = (small: number, large: number) => large / Math.max(small, FLOOR_MS);

if (process.argv[2] === "--child") {
  // --child LANG MODE SMALL LARGE FIRST_INPUT SKIPPED: prints "start\tinput\trow\tsize" before each
  // measurement and "time\tinput\trow\tsize\tms" after it.
  const [, , , language, mode, small, large, first, skipped] = process.argv;
  const skip = new Set(JSON.parse(skipped!) as string[]);
  const rules = builtinRulesFor(language!);
  const sizes = [Number(small), Number(large)];
  for (const input of ADVERSARIAL_INPUTS.slice(Number(first))) {
    const measure = (row: string, size: number, runs: number, once: () => number) => {
      if (skip.has(`${input.name}\t${row}`)) return NaN;
      process.stdout.write(`start\t${input.name}\t${row}\t${size}\n`);
      let best = Infinity;
      for (let i = 0; i < runs; i++) {
        // Garbage of earlier measurements is collected first, not in this one.
        (globalThis as { gc?: () => void }).gc?.();
        best = Math.min(best, once());
      }
      process.stdout.write(`time\t${input.name}\t${row}\t${size}\t${best.toFixed(2)}\n`);
      return best;
    };
    /** Best of 3 at the small size; at the large, again (up to 3 times) while the ratio is over the limit. */
    const measureBoth = (row: string, once: (size: number) => number) => {
      const smallMs = measure(row, sizes[0]!, 3, () => once(sizes[0]!));
      if (Number.isNaN(smallMs)) return;
      for (let i = 0, best = Infinity; i < 3 && !(ratio(smallMs, best) < LIMIT); i++) best = Math.min(best, measure(row, sizes[1]!, 1, () => once(sizes[1]!)));
    };
    if (skip.has(`${input.name}\t${ANALYSIS}`)) continue; // the rules would wait for it
    const documents = sizes.map((size) => adversarialDocument(input, size, language!, mode === "bilingual"));
    measureBoth(ANALYSIS, (size) => analysed(documents[sizes.indexOf(size)]!, language!).ms);
    const analyses = sizes.map((_, k) => analysed(documents[k]!, language!).analyses);
    const findings = sizes.map(() => new Map<string, [number, RawFinding][]>());
    for (const rule of rules) {
      measureBoth(rule.spec.id, (size) => {
        const k = sizes.indexOf(size);
        const { ms, findings: found } = timeRule(rule, documents[k]!, analyses[k]!);
        findings[k]!.set(rule.spec.id, found);
        return ms;
      });
    }
    measureBoth(ENGINE, (size) => timeEngine(rules, findings[sizes.indexOf(size)]!, documents[sizes.indexOf(size)]!));
  }
} else {
  const sizes = [Number(option("small", "10000")), Number(option("large", "100000"))] as const;
  const timeout = Number(option("timeout", "60")) * 1000;
  const languages = option("lang", LANGUAGES.join(",")).split(",");
  const rows: { language: string; mode: string; input: string; row: string; small: number; large: number }[] = [];
  for (const language of languages) {
    for (const mode of ["monolingual", "bilingual"]) {
      for (const [key, [small, large]] of await measureAll(language, mode, sizes, timeout)) {
        const [input, row] = key.split("\t") as [string, string];
        rows.push({ language, mode, input, row, small, large });
      }
      process.stderr.write(`${language} ${mode} done\n`);
    }
  }
  const rowRatio = (r: (typeof rows)[number]) => (Number.isNaN(r.large) ? Infinity : ratio(r.small, r.large));
  const shown = process.argv.includes("--all") ? rows : rows.filter((r) => !(rowRatio(r) < LIMIT));
  const ms = (t: number) => (Number.isNaN(t) ? `> ${timeout / 1000} s (stopped)` : t.toFixed(1));
  console.log(`| rule | language, mode | input | ${sizes[0] / 1000} KB (ms) | ${sizes[1] / 1000} KB (ms) | ratio |`);
  console.log("|---|---|---|---:|---:|---:|");
  for (const r of shown.sort((a, b) => rowRatio(b) - rowRatio(a) || a.row.localeCompare(b.row))) {
    console.log(`| ${r.row} | ${r.language}, ${r.mode} | ${r.input} | ${ms(r.small)} | ${ms(r.large)} | ${Number.isFinite(rowRatio(r)) ? rowRatio(r).toFixed(1) : "∞"} |`);
  }
  const kindOf = new Map(resolveConfig({ extends: "mtlint:all" }).ruleSet.rules.map((r) => [r.rule.spec.id, r.rule.spec.kind]));
  const worstByKind = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const kind = kindOf.get(r.row) ?? r.row;
    const worst = worstByKind.get(kind);
    if (!worst || rowRatio(r) > rowRatio(worst)) worstByKind.set(kind, r);
  }
  console.log(`\n| rule kind | worst row (rule, language, mode, input) | ${sizes[0] / 1000} KB (ms) | ${sizes[1] / 1000} KB (ms) | ratio |`);
  console.log("|---|---|---:|---:|---:|");
  for (const [kind, r] of [...worstByKind].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`| ${kind} | ${r.row}, ${r.language} ${r.mode}, ${r.input} | ${ms(r.small)} | ${ms(r.large)} | ${Number.isFinite(rowRatio(r)) ? rowRatio(r).toFixed(1) : "∞"} |`);
  }
  const finite = rows.filter((r) => Number.isFinite(rowRatio(r)));
  const worst = finite.reduce((a, b) => (rowRatio(b) > rowRatio(a) ? b : a));
  console.log(`\n${rows.length} rows (rule or stage × input × language × mode); ${rows.length - finite.length} stopped; worst finite ratio ${rowRatio(worst).toFixed(1)} (${worst.row}, ${worst.input}, ${worst.language} ${worst.mode})`);
}

/**
 * Times of every row on every input ("input\trow" → [small, large] ms; NaN: stopped), from child
 * processes; a row that makes no progress for `timeout` ms is stopped and skipped in the next child.
 */
async function measureAll(language: string, mode: string, sizes: readonly [number, number], timeout: number): Promise<Map<string, [number, number]>> {
  const times = new Map<string, [number, number]>();
  const stopped: string[] = [];
  let first = 0;
  for (;;) {
    const stuck = await runChild(language, mode, sizes, first, stopped, timeout, (key, size, ms) => {
      const pair = times.get(key) ?? [NaN, NaN];
      const k = size === sizes[0] ? 0 : 1;
      pair[k] = Number.isNaN(pair[k]) ? ms : Math.min(pair[k], ms);
      times.set(key, pair);
    });
    if (stuck === undefined) return times;
    process.stderr.write(`${language} ${mode}: stopped in ${stuck}\n`);
    const key = stuck.split("\t").slice(0, 2).join("\t");
    stopped.push(key);
    if (!times.has(key)) times.set(key, [NaN, NaN]);
    first = ADVERSARIAL_INPUTS.findIndex((i) => i.name === key.split("\t")[0]);
  }
}

/** Runs one child from input `first`; resolves with the "input\trow\tsize" it was stopped in, or undefined when it finished. */
function runChild(language: string, mode: string, sizes: readonly [number, number], first: number, skipped: string[], timeout: number, onTime: (key: string, size: number, ms: number) => void): Promise<string | undefined> {
  const script = fileURLToPath(import.meta.url);
  const args = ["--max-old-space-size=2048", "--expose-gc", script, "--child", language, mode, String(sizes[0]), String(sizes[1]), String(first), JSON.stringify(skipped)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => {
    let current: string | undefined;
    let buffered = "";
    let watchdog = setTimeout(stop, timeout);
    function stop() {
      child.kill("SIGKILL");
      resolve(current ?? "?\t?\t?");
    }
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        const [event, input, row, size, ms] = line.split("\t");
        if (event === "start") current = `${input}\t${row}\t${size}`;
        else onTime(`${input}\t${row}`, Number(size), Number(ms));
      }
      clearTimeout(watchdog);
      watchdog = setTimeout(stop, timeout);
    });
    child.on("exit", (code) => {
      clearTimeout(watchdog);
      if (code === 0) resolve(undefined);
      else if (code !== null) resolve(current ?? "?\t?\t?");
    });
  });
}
