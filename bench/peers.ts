/**
 * `npm run bench:peers`: mtlint against other prose checkers, on this machine, in one run.
 *
 * Tools, each run as a user runs it, one child process per run, start-up included:
 *   mtlint      `node bin/mtlint.js check --format json --min-score 0 DIR` (default English pack)
 *   textlint    its CLI on DIR with 3 rules: write-good, alex, terminology
 *   proselint   `proselint --json DIR` (Debian python3-proselint), its memo cache emptied each run
 *   harper.js   LocalLinter in one Node process over every file (build/bench/peer-driver.js)
 *   write-good  write-good's API in one Node process over every file (build/bench/peer-driver.js)
 * Corpora, written to a temporary folder as .txt files:
 *   brown         the 500 Brown files (≈ 1M words); the fast tools (mtlint, write-good), and every
 *                 tool with --full (the slow peers then take ~10 min per run each)
 *   brown-sample  a fixed, genre-stratified sample of Brown files (≥ --sample-words); every tool;
 *                 not with --full
 *   mt            MT-like variants of other Brown files (≥ --mt-words, see mt-like.ts); every tool
 * Speed is words/s over the median wall time of the runs (words counted the same way for every
 * tool: whitespace-separated tokens with a letter or digit); memory is GNU time's peak RSS (%M)
 * of the child; the ratio is mtlint's words/s over the peer's on the same corpus.
 *
 * Peers are installed into a cache folder, never into this project: npm packages with
 * `npm install --prefix ~/.cache/mtlint-bench-peers`, proselint with apt-get when missing and
 * running as root. A peer that cannot be installed or fails is reported as unavailable.
 * Results: a table on stdout and bench-results/peers.json.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, homedir, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { brownFileNames, readBrownFile } from "../training/brown.js";
import { mtLike } from "./mt-like.js";
import { median } from "./median.js";

const HELP = `usage: npm run bench:peers -- [options]
  --runs N           runs per tool and corpus, median reported (default 3)
  --sample-words N   words in the Brown sample every tool runs on (default 100000)
  --mt-words N       words in the MT-like corpus (default 100000)
  --full             every tool on the full Brown corpus (≈ 1M words) instead of the sample
  --peers LIST       comma-separated subset of: mtlint,textlint,proselint,harper.js,write-good
  --peers-dir DIR    peer install cache (default ~/.cache/mtlint-bench-peers, or $MTLINT_BENCH_PEERS_DIR)
  --no-install       use only peers already installed
  --timeout-min N    give up on one run after N minutes (default 20)
  --out FILE         JSON result file (default bench-results/peers.json)`;

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "sample-words": { type: "string", default: "100000" },
    "mt-words": { type: "string", default: "100000" },
    full: { type: "boolean", default: false },
    peers: { type: "string" },
    "peers-dir": { type: "string", default: process.env["MTLINT_BENCH_PEERS_DIR"] ?? join(homedir(), ".cache", "mtlint-bench-peers") },
    "no-install": { type: "boolean", default: false },
    "timeout-min": { type: "string", default: "20" },
    out: { type: "string", default: join(repoRoot, "bench-results", "peers.json") },
    help: { type: "boolean", default: false },
  },
});
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}
function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench:peers: --${name} must be a positive integer, got "${value}"\n${HELP}`);
    process.exit(2);
  }
  return n;
}
const RUNS = positive("runs", opts.runs);
const SAMPLE_WORDS = positive("sample-words", opts["sample-words"]);
const MT_WORDS = positive("mt-words", opts["mt-words"]);
const TIMEOUT_MS = positive("timeout-min", opts["timeout-min"]) * 60_000;
const PEERS_DIR = resolve(opts["peers-dir"]);
const INSTALL = !opts["no-install"];
const FULL = opts.full;
const MT_SEED = 20240501;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const countWords = (text: string) => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
const tail = (s: string, n = 400) => s.trim().slice(-n).replace(/\s+/g, " ");
const log = (s: string) => console.log(s);

// ---------------------------------------------------------------- corpora

interface Corpus {
  id: "brown" | "brown-sample" | "mt";
  description: string;
  dir: string;
  files: string[];
  words: number;
}

/** Indexes 0..n-1 ordered residue class by residue class (offset, offset+stride, …, then offset+1, …). */
function interleaved(n: number, stride: number, offset: number): number[] {
  const order: number[] = [];
  for (let r = 0; r < stride; r++) for (let i = (offset + r) % stride; i < n; i += stride) order.push(i);
  return order;
}

function writeCorpora(root: string): Corpus[] {
  const brown = brownFileNames().map((name) => readBrownFile(name));
  const words = brown.map((f) => countWords(f.text));
  const total = words.reduce((a, b) => a + b, 0);
  const make = (id: Corpus["id"], description: string): Corpus => {
    const dir = join(root, id);
    mkdirSync(dir);
    return { id, description, dir, files: [], words: 0 };
  };
  const add = (corpus: Corpus, name: string, text: string) => {
    writeFileSync(join(corpus.dir, `${name}.txt`), text);
    corpus.files.push(name);
    corpus.words += countWords(text);
  };

  const full = make("brown", `all ${brown.length} Brown corpus files`);
  brown.forEach((f) => add(full, f.name, f.text));
  const corpora = [full];

  // Every stride-th file first, so that the sample spans all 15 genres (ca01, ca11, …, cr09).
  const stride = Math.max(1, Math.floor(total / SAMPLE_WORDS));
  const sampleFiles: string[] = [];
  if (!FULL) {
    const sample = make("brown-sample", "");
    for (const i of interleaved(brown.length, stride, 0)) {
      if (sample.words >= SAMPLE_WORDS) break;
      add(sample, brown[i]!.name, brown[i]!.text);
    }
    sample.description = `fixed sample of ${sample.files.length} Brown files, 1 in ${stride} (${sample.files.slice(0, 3).join(", ")}, …), ≥ ${fmt(SAMPLE_WORDS)} words`;
    sampleFiles.push(...sample.files);
    corpora.push(sample);
  }

  // Brown files of another residue class (with the defaults, none of the sample's) turned into MT-like text.
  const mtStride = Math.max(2, Math.floor(total / MT_WORDS));
  const mt = make("mt", "");
  for (const i of interleaved(brown.length, mtStride, Math.floor(mtStride / 2))) {
    if (mt.words >= MT_WORDS) break;
    add(mt, `mt-${brown[i]!.name}`, mtLike(brown[i]!.text, MT_SEED + i));
  }
  const other = !FULL && mt.files.every((f) => !sampleFiles.includes(f.slice(3))) ? "other " : "";
  mt.description = `MT-like variants (seed ${MT_SEED}) of ${mt.files.length} ${other}Brown files, ≥ ${fmt(MT_WORDS)} words`;
  corpora.push(mt);
  return corpora;
}

// ---------------------------------------------------------------- peers

interface Invocation {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that mean "ran fine" (linters exit 1 when they find something). */
  okExit: number[];
}

interface Tool {
  name: string;
  version: string;
  setup: string;
  /** Fast tools also run over the full Brown corpus. */
  fast: boolean;
  invocation(dir: string, scratch: string): Invocation;
  /** Findings (and files when the output tells) from stdout. */
  parse(stdout: string): { findings: number; files?: number };
  /** Identifies the code measured (mtlint's dist/, rules/ and models/ may be rebuilt while the benchmark runs). */
  build?(): string;
}

interface Unavailable {
  name: string;
  reason: string;
}

const PEER_NAMES = ["mtlint", "textlint", "proselint", "harper.js", "write-good"] as const;
const NPM_PACKAGES: Record<string, string[]> = {
  textlint: ["textlint@15", "textlint-rule-write-good@2", "textlint-rule-alex@5", "textlint-rule-terminology@5"],
  "harper.js": ["harper.js@2"],
  "write-good": ["write-good@1"],
};
const TEXTLINT_RULES = { "write-good": true, alex: true, terminology: true };

const pkgName = (spec: string) => spec.replace(/(.)@.*$/, "$1");
const readJson = <T>(file: string): T | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined);
function installedVersion(pkg: string): string | undefined {
  return readJson<{ version: string }>(join(PEERS_DIR, "node_modules", pkg, "package.json"))?.version;
}
/** Installed at the top level of the cache by request (not only as another peer's dependency). */
function isInstalled(pkg: string): boolean {
  const deps = readJson<{ dependencies?: Record<string, string> }>(join(PEERS_DIR, "package.json"))?.dependencies ?? {};
  return pkg in deps && installedVersion(pkg) !== undefined;
}

/** Installs missing npm packages of one peer into the cache folder; returns an error text or undefined. */
function npmInstall(specs: string[]): string | undefined {
  const missing = specs.filter((s) => !isInstalled(pkgName(s)));
  if (!missing.length) return undefined;
  if (!INSTALL) return `not installed in ${PEERS_DIR} (--no-install): ${missing.join(" ")}`;
  mkdirSync(PEERS_DIR, { recursive: true });
  const manifest = join(PEERS_DIR, "package.json");
  if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: "mtlint-bench-peers", private: true }, null, 2) + "\n");
  log(`installing ${missing.join(" ")} into ${PEERS_DIR} …`);
  const npm = spawnSync("npm", ["install", "--prefix", PEERS_DIR, "--no-audit", "--no-fund", ...missing], {
    cwd: PEERS_DIR,
    encoding: "utf8",
    timeout: 10 * 60_000,
  });
  if (npm.error) return `npm install failed: ${npm.error.message}`;
  if (npm.status !== 0) return `npm install exited with ${npm.status}: ${tail(npm.stderr)}`;
  const still = specs.filter((s) => !isInstalled(pkgName(s)));
  return still.length ? `npm install did not install ${still.join(" ")}` : undefined;
}

/** A hash of the contents of what the mtlint CLI runs: dist/, rules/, models/. */
function mtlintBuild(): string {
  const hash = createHash("sha1");
  for (const top of ["dist", "rules", "models"]) {
    const dir = join(repoRoot, top);
    if (!existsSync(dir)) continue;
    for (const rel of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
      if (rel.endsWith(".map")) continue;
      const path = join(dir, rel);
      if (statSync(path).isFile()) hash.update(`${top}/${rel}\0`).update(readFileSync(path));
    }
  }
  return hash.digest("hex").slice(0, 12);
}

const driver = fileURLToPath(new URL("./peer-driver.js", import.meta.url));
const nodeTool = (name: "harper.js" | "write-good", setup: string, fast: boolean): Tool => ({
  name,
  version: installedVersion(name)!,
  setup,
  fast,
  invocation: (dir) => ({ command: process.execPath, args: [driver, name, PEERS_DIR, dir], cwd: PEERS_DIR, okExit: [0] }),
  parse: (stdout) => JSON.parse(stdout) as { findings: number; files: number },
});

function prepare(name: (typeof PEER_NAMES)[number]): Tool | Unavailable {
  switch (name) {
    case "mtlint": {
      const bin = join(repoRoot, "bin", "mtlint.js");
      const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
      return {
        name,
        version,
        build: mtlintBuild,
        setup: "CLI: check --format json --min-score 0 DIR (default config, English pack)",
        fast: true,
        invocation: (dir) => ({ command: process.execPath, args: [bin, "check", "--format", "json", "--min-score", "0", dir], cwd: dirname(dir), okExit: [0, 1] }),
        parse: (stdout) => {
          const report = JSON.parse(stdout) as { summary: { files: number; findings: number } };
          return { findings: report.summary.findings, files: report.summary.files };
        },
      };
    }
    case "textlint": {
      const error = npmInstall(NPM_PACKAGES["textlint"]!);
      if (error) return { name, reason: error };
      const config = join(PEERS_DIR, ".textlintrc.json");
      writeFileSync(config, JSON.stringify({ rules: TEXTLINT_RULES }, null, 2) + "\n");
      const rules = Object.keys(TEXTLINT_RULES).map((r) => `${r} ${installedVersion(`textlint-rule-${r}`)}`);
      return {
        name,
        version: installedVersion("textlint")!,
        setup: `CLI: --format json DIR; rules ${rules.join(", ")}`,
        fast: false,
        invocation: (dir) => ({
          command: process.execPath,
          args: [join(PEERS_DIR, "node_modules", "textlint", "bin", "textlint.js"), "--config", config, "--format", "json", dir],
          cwd: PEERS_DIR,
          okExit: [0, 1],
        }),
        parse: (stdout) => {
          const results = JSON.parse(stdout) as { messages: unknown[] }[];
          return { findings: results.reduce((n, r) => n + r.messages.length, 0), files: results.length };
        },
      };
    }
    case "proselint": {
      let probe = spawnSync("proselint", ["--version"], { encoding: "utf8" });
      if (probe.error && INSTALL && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
        log("installing python3-proselint with apt-get …");
        const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
        const apt = (args: string[]) => spawnSync("apt-get", args, { encoding: "utf8", env, timeout: 10 * 60_000 });
        if (apt(["install", "-y", "-q", "python3-proselint"]).status !== 0) {
          apt(["update", "-q"]);
          const second = apt(["install", "-y", "-q", "python3-proselint"]);
          if (second.status !== 0) return { name, reason: `apt-get install python3-proselint failed: ${tail(second.stderr)}` };
        }
        probe = spawnSync("proselint", ["--version"], { encoding: "utf8" });
      }
      if (probe.error || probe.status !== 0) {
        return { name, reason: probe.error ? `proselint not found (${probe.error.message}); as root it is installed with apt-get` : tail(probe.stderr) };
      }
      return {
        name,
        version: probe.stdout.trim(),
        setup: "CLI: --json DIR; all default checks; memo cache emptied before each run",
        fast: false,
        // proselint memoizes every check's result by text in $XDG_CACHE_HOME/proselint: a second
        // run over the same files would only read its cache. Each run gets an empty one.
        invocation: (dir, scratch) => ({ command: "proselint", args: ["--json", dir], cwd: dirname(dir), env: { ...process.env, XDG_CACHE_HOME: scratch }, okExit: [0, 1] }),
        parse: (stdout) => {
          let findings = 0;
          let files = 0;
          for (const line of stdout.split("\n")) {
            if (!line.startsWith("{")) continue;
            findings += (JSON.parse(line) as { data: { errors: unknown[] } }).data.errors.length;
            files++;
          }
          return { findings, files };
        },
      };
    }
    case "harper.js":
    case "write-good": {
      const error = npmInstall(NPM_PACKAGES[name]!);
      if (error) return { name, reason: error };
      return name === "harper.js"
        ? nodeTool(name, "API: LocalLinter (WebAssembly binary), default rules, American English, language plaintext, one lint() per file", false)
        : nodeTool(name, "API: writeGood(text) with default checks, one call per file", true);
    }
  }
}

// ---------------------------------------------------------------- measuring

interface Run {
  seconds: number;
  /** User + system CPU seconds of the child (and the children it waited for). */
  cpuSeconds: number | null;
  peakMb: number | null;
  findings: number;
  files?: number;
  build?: string;
}

const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Runs one child under GNU time; its own process group, killed whole on time-out. */
function runOnce(inv: Invocation, scratch: string, parse: Tool["parse"]): Promise<Run> {
  const stdoutFile = join(scratch, "stdout");
  const peakFile = join(scratch, "peak");
  const out = openSync(stdoutFile, "w");
  const [command, ...args] = GNU_TIME ? [GNU_TIME, "-f", "%M %U %S", "-o", peakFile, inv.command, ...inv.args] : [inv.command, ...inv.args];
  const started = performance.now();
  const child = spawn(command!, args, { cwd: inv.cwd, env: inv.env ?? process.env, stdio: ["ignore", out, "pipe"], detached: true });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-20_000)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, TIMEOUT_MS);
  return new Promise((resolvePromise, reject) => {
    child.on("error", (e) => {
      clearTimeout(timer);
      closeSync(out);
      reject(e);
    });
    child.on("close", (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      closeSync(out);
      if (timedOut) return reject(new Error(`timed out after ${TIMEOUT_MS / 60_000} min`));
      if (signal || !inv.okExit.includes(code ?? -1)) return reject(new Error(`exited with ${signal ?? code}: ${tail(stderr)}`));
      let peakMb: number | null = null;
      let cpuSeconds: number | null = null;
      if (GNU_TIME) {
        // The last line is "%M %U %S" (a line "Command exited with non-zero status 1" may come first).
        const [kb, user, sys] = readFileSync(peakFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
        if (Number.isFinite(kb)) peakMb = kb! / 1024;
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user! + sys!;
      }
      try {
        resolvePromise({ seconds, cpuSeconds, peakMb, ...parse(readFileSync(stdoutFile, "utf8")) });
      } catch (e) {
        reject(new Error(`unreadable output: ${(e as Error).message}; stderr: ${tail(stderr)}`));
      }
    });
  });
}

interface Row {
  corpus: Corpus["id"];
  tool: string;
  files: number;
  words: number;
  runs: Run[];
  medianSeconds?: number;
  medianCpuSeconds?: number | null;
  wordsPerSecond?: number;
  peakMb?: number | null;
  findings?: number;
  findingsPer10kWords?: number;
  mtlintSpeedRatio?: number;
  /** The same ratio from CPU time (steadier than wall time on a busy machine). */
  mtlintCpuRatio?: number;
  error?: string;
}

async function measure(tool: Tool, corpus: Corpus, scratchRoot: string): Promise<Row> {
  const row: Row = { corpus: corpus.id, tool: tool.name, files: corpus.files.length, words: corpus.words, runs: [] };
  for (let i = 0; i < RUNS; i++) {
    const scratch = mkdtempSync(join(scratchRoot, "run-"));
    try {
      const build = tool.build?.();
      const run = await runOnce(tool.invocation(corpus.dir, scratch), scratch, tool.parse);
      if (build) run.build = build;
      row.runs.push(run);
      const cpu = run.cpuSeconds === null ? "" : ` (CPU ${run.cpuSeconds.toFixed(2)} s)`;
      const peak = run.peakMb === null ? "" : `, peak ${fmt(run.peakMb)} MB`;
      log(`  ${corpus.id.padEnd(12)} ${tool.name.padEnd(10)} run ${i + 1}/${RUNS}: ${run.seconds.toFixed(2)} s${cpu}${peak}, ${fmt(run.findings)} findings`);
      if (run.files !== undefined && run.files !== corpus.files.length) log(`    note: ${tool.name} reported ${run.files} files, the corpus has ${corpus.files.length}`);
    } catch (e) {
      row.error = (e as Error).message;
      log(`  ${corpus.id.padEnd(12)} ${tool.name.padEnd(10)} run ${i + 1}/${RUNS}: FAILED ${row.error}`);
      return row;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  row.medianSeconds = median(row.runs.map((r) => r.seconds));
  row.wordsPerSecond = corpus.words / row.medianSeconds;
  const cpu = row.runs.map((r) => r.cpuSeconds).filter((c): c is number => c !== null);
  row.medianCpuSeconds = cpu.length ? median(cpu) : null;
  const peaks = row.runs.map((r) => r.peakMb).filter((p): p is number => p !== null);
  row.peakMb = peaks.length ? median(peaks) : null;
  row.findings = row.runs.at(-1)!.findings;
  if (row.runs.some((r) => r.findings !== row.findings)) log(`    note: ${tool.name} findings differ between runs: ${row.runs.map((r) => r.findings).join(", ")}`);
  row.findingsPer10kWords = (row.findings / corpus.words) * 10_000;
  return row;
}

// ---------------------------------------------------------------- main

const started = performance.now();
const selected = opts.peers ? opts.peers.split(",").map((s) => s.trim()) : [...PEER_NAMES];
for (const s of selected) {
  if (!(PEER_NAMES as readonly string[]).includes(s)) {
    console.error(`bench:peers: unknown peer "${s}" (known: ${PEER_NAMES.join(", ")})`);
    process.exit(2);
  }
}
if (!selected.includes("mtlint")) selected.unshift("mtlint"); // ratios are against mtlint
if (!existsSync(join(repoRoot, "dist", "index.js"))) throw new Error("run `npm run build` first (npm run bench:peers does)");

const loadAtStart = loadavg()[0]!;
log(`peer cache: ${PEERS_DIR}`);
const tools: Tool[] = [];
const unavailable: Unavailable[] = [];
for (const name of selected as (typeof PEER_NAMES)[number][]) {
  const t = prepare(name);
  if ("reason" in t) {
    unavailable.push(t);
    log(`${name}: UNAVAILABLE — ${t.reason}`);
  } else {
    tools.push(t);
    log(`${t.name} ${t.version}: ${t.setup}`);
  }
}
if (!GNU_TIME) log("note: /usr/bin/time not found; peak memory is not measured");

const root = mkdtempSync(join(tmpdir(), "mtlint-peers-"));
const rows: Row[] = [];
let corpora: Corpus[] = [];
try {
  corpora = writeCorpora(root);
  for (const c of corpora) log(`corpus ${c.id}: ${c.files.length} files, ${fmt(c.words)} words — ${c.description}`);
  const scratchRoot = join(root, "scratch");
  mkdirSync(scratchRoot);
  for (const corpus of corpora) {
    for (const tool of tools) {
      if (corpus.id === "brown" && !tool.fast && !FULL) continue;
      rows.push(await measure(tool, corpus, scratchRoot));
    }
    const mt = rows.find((r) => r.corpus === corpus.id && r.tool === "mtlint");
    for (const r of rows) {
      if (r.corpus !== corpus.id || !mt?.wordsPerSecond || !r.wordsPerSecond) continue;
      r.mtlintSpeedRatio = mt.wordsPerSecond / r.wordsPerSecond;
      if (mt.medianCpuSeconds && r.medianCpuSeconds) r.mtlintCpuRatio = r.medianCpuSeconds / mt.medianCpuSeconds;
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
const totalSeconds = (performance.now() - started) / 1000;
const loadAtEnd = loadavg()[0]!;

// ---------------------------------------------------------------- report

const header = ["corpus", "tool", "files", "words", "median s", "CPU s", "words/s", "peak MB", "findings", "/10k words", "mtlint ×", "× CPU"];
const table = rows.map((r) =>
  r.error
    ? [r.corpus, r.tool, String(r.files), fmt(r.words), "failed", "", "", "", "", "", "", ""]
    : [
        r.corpus,
        r.tool,
        String(r.files),
        fmt(r.words),
        r.medianSeconds!.toFixed(2),
        r.medianCpuSeconds == null ? "n/a" : r.medianCpuSeconds.toFixed(2),
        fmt(r.wordsPerSecond!),
        r.peakMb == null ? "n/a" : fmt(r.peakMb),
        fmt(r.findings!),
        r.findingsPer10kWords!.toFixed(1),
        r.tool === "mtlint" ? "—" : `${r.mtlintSpeedRatio!.toFixed(1)}×`,
        r.tool === "mtlint" || r.mtlintCpuRatio === undefined ? "—" : `${r.mtlintCpuRatio.toFixed(1)}×`,
      ],
);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => "| " + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ") + " |";
log("");
log(line(header));
log("|" + widths.map((w, i) => (i < 2 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|");
for (const row of table) log(line(row));
log("");
log(`${RUNS} runs each, median wall time of the whole process (start-up included) on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}.`);
log(`CPU s: user + system time of the same runs (median); above the wall time, the tool used more than one core. Machine load (1-min average): ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at the end${Math.max(loadAtStart, loadAtEnd) > cpus().length / 2 ? " — other processes were competing for the cores, so wall times are noisy" : ""}.`);
if (!FULL) log(`Slow peers (textlint, proselint, harper.js) run only on brown-sample (${corpora.find((c) => c.id === "brown-sample")?.description ?? ""}) and mt, not on the full Brown corpus (--full runs them there).`);
log(`"mtlint ×": mtlint's words/s divided by the tool's on the same corpus (above 1: mtlint is faster); "× CPU": the same from CPU time. Findings are not comparable across tools: each looks for different things.`);
for (const t of tools) log(`  ${t.name} ${t.version}: ${t.setup}`);
for (const u of unavailable) log(`  ${u.name}: unavailable — ${u.reason}`);
for (const r of rows) if (r.error) log(`  ${r.tool} on ${r.corpus} failed: ${r.error}`);
const builds = [...new Set(rows.flatMap((r) => (r.tool === "mtlint" ? r.runs.map((run) => run.build) : [])))];
if (builds.length > 1) log(`WARNING: mtlint's dist/, rules/ or models/ changed during the benchmark (${builds.length} builds: ${builds.join(", ")}); its rows do not all measure the same code — rerun on a quiet tree.`);
log(`total ${(totalSeconds / 60).toFixed(1)} min`);

mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(
  opts.out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cores: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
      options: { runs: RUNS, full: FULL, sampleWords: SAMPLE_WORDS, mtWords: MT_WORDS, mtSeed: MT_SEED, peersDir: PEERS_DIR },
      wordCount: "whitespace-separated tokens containing a letter or digit",
      totalSeconds,
      mtlintBuilds: builds,
      loadAverage: { start: loadAtStart, end: loadAtEnd },
      corpora: corpora.map(({ id, description, files, words }) => ({ id, description, words, files })),
      tools: tools.map(({ name, version, setup, fast }) => ({ name, version, setup, fullBrown: fast || FULL })),
      unavailable,
      results: rows,
    },
    null,
    2,
  ) + "\n",
);
log(`results written to ${opts.out}`);
