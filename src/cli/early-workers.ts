/**
 * Worker threads started by bin/mtlint.js before the CLI's own imports: a worker spends ~0.3 s
 * loading its modules, and it does so while the main thread loads its own and reads the config,
 * on a core that would be idle then; the pool takes these workers instead of starting its own.
 * Started only for a `check` that looks like it will share out work (--jobs above 1, and a folder
 * or files of PARALLEL_MIN_BYTES among its arguments); a guess that proves wrong costs a worker
 * ended unused (endEarlyWorkers). Imports nothing of mtlint's, so as to start at once.
 */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/** Below this much text, starting worker threads costs more than it saves. */
export const PARALLEL_MIN_BYTES = 512 * 1024;

export const WORKER_URL = new URL("./worker.js", import.meta.url);

/** Started and not yet taken by a pool; unref'd until taken, so that they never hold the process open. */
const early = new Set<Worker>();

export function newWorker(url: URL = WORKER_URL): Worker {
  // stdout: true keeps workers off the process's stdout, which the report alone writes (see stdio.ts).
  return new Worker(url, { stdout: true });
}

/** `url`: the worker script (tests start one of their own). */
export function startWorkersEarly(argv: string[], url = WORKER_URL): void {
  if (argv[0] !== "check" || argv.some((a) => a === "-" || /^--(?:queue|help|version)(?:=|$)/.test(a))) return;
  const jobs = jobsOf(argv) ?? availableParallelism();
  if (!(jobs > 1 && mayShareOut(argv))) return;
  for (let i = 1; i < jobs; i++) {
    const worker = newWorker(url);
    worker.unref();
    // One that fails before it is taken is dropped; the pool starts a worker of its own, which reports the failure.
    worker.on("error", () => {});
    worker.once("exit", () => early.delete(worker));
    early.add(worker);
  }
}

/** A worker started early, if one is left; the caller owns it from then on. */
export function takeEarlyWorker(): Worker | undefined {
  const [worker] = early;
  if (!worker) return undefined;
  early.delete(worker);
  worker.ref();
  return worker;
}

/** Ends the workers no pool took (the run stayed in one thread, or needed fewer). */
export function endEarlyWorkers(): void {
  for (const worker of early) void worker.terminate();
  early.clear();
}

/** The last --jobs/-j value (a repeated option's last value wins), if any. */
function jobsOf(argv: string[]): number | undefined {
  let jobs: number | undefined;
  argv.forEach((a, i) => {
    const m = /^(?:--jobs|-j)(?:=(.*))?$/.exec(a);
    if (m) jobs = Number(m[1] ?? argv[i + 1]);
  });
  return jobs;
}

/** Whether the arguments name a folder, or files of PARALLEL_MIN_BYTES or more (option values that are no paths are not found, and count for nothing). */
function mayShareOut(argv: string[]): boolean {
  let bytes = 0;
  for (const a of argv.slice(1)) {
    if (a.startsWith("-")) continue;
    try {
      const stat = statSync(a);
      if (stat.isDirectory()) return true;
      if (stat.isFile()) bytes += stat.size;
    } catch {
      // not a path (a glob, an option's value): the CLI will say what it is
    }
  }
  return bytes >= PARALLEL_MIN_BYTES;
}
