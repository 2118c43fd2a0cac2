/**
 * `npm run bench:scale`: the cost of the Redis queue. Starts redis-server on a free loopback port and
 * one `mtlint worker`, then checks the same files with `check --jobs 1` and with `check --queue`
 * (after a warm-up run, so the worker has compiled its rules): one worker checks one job at a time,
 * as `--jobs 1` does, so the difference per job is what the queue adds (enqueue, hand-over, result
 * back through Redis). Runs it for many small files and for a few 1 MB files; also reports the
 * worker's start-up (spawn to ready for jobs), and a thread worker's (spawn to the findings of its
 * first file: imports, rule compilation and first check; median of `--rounds`). `--small=N` (default 60), `--large=N` (default 6),
 * `--rounds=N` (default 3): the medians of N alternating runs are compared.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ConfigResolver } from "#src/config/config.js";
import { runTask, type WorkerMessage, type WorkerReply } from "#src/cli/pool.js";
import { WORKER_URL } from "#src/cli/early-workers.js";
import { pack, unpack } from "#src/cli/queue-codec.js";
import { median } from "./median.js";

const BIN = fileURLToPath(new URL("../../bin/mtlint.js", import.meta.url));
const argument = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const rounds = argument("rounds", 3);
const SENTENCES = [
  "The council met 8 thousand residents, – said the mayor of the northern city.",
  "The museum opened on Monday, and many people came to see the new exhibition hall.",
  "Prices rose by 2,5 percent this year, according to the statistics office.",
  "Visitors can see the the clockwork mechanism and listen to its sound every hour.",
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", () => reject(new Error(`exited before it was ready:\n${output}`)));
  });
}

function timed(cwd: string, args: string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  return { ms: performance.now() - start, stdout: run.stdout };
}

/** A pool's thread worker: ms from its spawn to the reply for its first file. */
async function threadStartUp(file: string): Promise<{ ms: number; findings: number }> {
  const spawned = performance.now();
  const worker = new Worker(WORKER_URL, { stdout: true });
  try {
    worker.postMessage({ setup: {} } satisfies WorkerMessage);
    worker.postMessage({ file: { path: file, settings: {} } } satisfies WorkerMessage);
    const reply = await new Promise<WorkerReply>((resolve, reject) => worker.once("message", resolve).once("error", reject));
    return { ms: performance.now() - spawned, findings: "file" in reply ? (reply.file.result?.findings.length ?? 0) : 0 };
  } finally {
    await worker.terminate();
  }
}

function corpus(root: string, name: string, files: number, bytes: number): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (let i = 0; i < files; i++) {
    let text = "";
    for (let k = 0; text.length < bytes; k++) text += `${SENTENCES[(i + k) % SENTENCES.length]}${k % 5 === 4 ? "\n\n" : " "}`;
    writeFileSync(join(dir, `f${String(i).padStart(4, "0")}.txt`), text);
  }
  return name;
}

const root = mkdtempSync(join(tmpdir(), "mtlint-scale-"));
const children: ChildProcess[] = [];
try {
  const port = await freePort();
  const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(redis);
  await waitFor(redis, /Ready to accept connections/);
  const url = `redis://127.0.0.1:${port}/0`;
  const spawned = performance.now();
  const worker = spawn(process.execPath, [BIN, "worker", "--queue", url], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.push(worker);
  await waitFor(worker, /waiting for jobs/);
  console.log(`worker start-up (spawn to ready for jobs): ${Math.round(performance.now() - spawned)} ms`);
  const first = join(root, corpus(root, "first", 1, 2048), "f0000.txt");
  const starts: { ms: number; findings: number }[] = [];
  for (let round = 0; round < rounds; round++) starts.push(await threadStartUp(first));
  console.log(`thread worker start-up (spawn to the ${starts[0]!.findings} findings of a 2 KB file): ${Math.round(median(starts.map((s) => s.ms)))} ms (median of ${rounds})`);
  for (const [name, files, bytes] of [["small", argument("small", 60), 2048], ["large", argument("large", 6), 1024 * 1024]] as const) {
    if (!files) continue;
    const dir = corpus(root, name, files, bytes);
    timed(root, ["check", "--format", "json", "--queue", url, dir]); // warm-up: the worker compiles its rules
    // Runs alternate, and the medians are compared: on two busy cores one pair of runs differs by more than the queue adds.
    const locals: number[] = [];
    const queueds: number[] = [];
    let same = true;
    for (let round = 0; round < rounds; round++) {
      const local = timed(root, ["check", "--format", "json", "--jobs", "1", dir]);
      const queued = timed(root, ["check", "--format", "json", "--queue", url, dir]);
      locals.push(local.ms);
      queueds.push(queued.ms);
      same &&= local.stdout === queued.stdout;
    }
    const [local, queued] = [median(locals), median(queueds)];
    console.log(`${files} files of ${bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`}: --jobs 1 ${Math.round(local)} ms, --queue (1 worker) ${Math.round(queued)} ms (medians of ${rounds}); queue overhead ${((queued - local) / files).toFixed(1)} ms per job (${same ? "identical reports" : "REPORTS DIFFER"})`);
  }
  // What the queue adds in proportion to a job, without the noise of whole runs: packing the reply of a
  // 1 MB job (its findings) on the worker and unpacking it on the coordinator.
  const large = join(root, "large", "f0000.txt");
  if (argument("large", 6)) {
    const reply = runTask({ file: { path: large, settings: {} } }, new ConfigResolver());
    const packs: number[] = [];
    const unpacks: number[] = [];
    let size = 0;
    for (let round = 0; round < 5; round++) {
      let start = performance.now();
      const packed = pack(reply);
      packs.push(performance.now() - start);
      size = packed.length;
      start = performance.now();
      unpack(packed);
      unpacks.push(performance.now() - start);
    }
    const findings = "file" in reply && "result" in reply.file ? reply.file.result?.findings.length : undefined;
    console.log(`reply of one 1 MB job (${findings} findings): packed ${Math.round(median(packs))} ms, unpacked ${Math.round(median(unpacks))} ms (medians of 5), ${(size / 1024).toFixed(0)} KB through Redis`);
  }
} finally {
  for (const child of children) child.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
}
