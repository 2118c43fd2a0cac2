/**
 * Checking in parallel: a pool of worker threads, each with its own compiled rules, that checks
 * whole files and batches of lines of streamed files. Outcomes come back in input order, so a run
 * with workers reports exactly what one without does.
 */
import { Worker } from "node:worker_threads";
import type { ConfigResolver } from "../config/config.js";
import { checkFile, type FileJob, type FileOutcome } from "./check-file.js";
import type { BatchJob, BatchOutcome } from "./stream.js";

/** What a worker is asked to do, and what it answers. */
export type WorkerTask = { file: FileJob } | { batch: BatchJob };
export type WorkerReply = { file: FileOutcome } | { batch: BatchOutcome };

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: { task: WorkerTask; resolve: (reply: WorkerReply) => void; reject: (e: unknown) => void }[] = [];
  private readonly workers: Worker[] = [];

  constructor(
    readonly size: number,
    private readonly config: string | undefined,
    /** The worker script (tests run the built one). */
    private readonly workerUrl = new URL("./worker.js", import.meta.url),
  ) {}

  run(task: WorkerTask): Promise<WorkerReply> {
    // Workers start on the first task: a run with nothing to share out never pays their start-up.
    if (!this.workers.length) {
      this.workers.push(...Array.from({ length: this.size }, () => new Worker(this.workerUrl, { workerData: { config: this.config } })));
      this.idle.push(...this.workers);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length && this.waiting.length) {
      const worker = this.idle.pop()!;
      const { task, resolve, reject } = this.waiting.shift()!;
      const done = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        this.idle.push(worker);
        this.dispatch();
      };
      const onMessage = (reply: WorkerReply) => {
        done();
        resolve(reply);
      };
      const onError = (e: unknown) => {
        done();
        reject(e);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage(task);
    }
  }
}

export interface PoolOptions {
  /** Without a pool, files are checked one after another in this thread. */
  pool?: WorkerPool;
  readStdin: () => Buffer;
  onDone?: (index: number, outcome: FileOutcome) => void;
}

export async function checkFiles(jobs: FileJob[], resolver: ConfigResolver, options: PoolOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(jobs.length);
  const { pool } = options;
  if (!pool || jobs.length <= 1) {
    jobs.forEach((job, i) => {
      outcomes[i] = checkFile(job, resolver, options.readStdin);
      options.onDone?.(i, outcomes[i]!);
    });
    return outcomes;
  }
  await Promise.all(
    jobs.map(async (job, i) => {
      const reply = (await pool.run({ file: job })) as { file: FileOutcome };
      outcomes[i] = reply.file;
      options.onDone?.(i, reply.file);
    }),
  );
  return outcomes;
}
