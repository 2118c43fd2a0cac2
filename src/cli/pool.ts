/**
 * Checking in parallel: a pool of threads, each with its own compiled rules, that checks whole
 * files and batches of lines of streamed files. The main thread is one of them — it has loaded
 * everything already — and worker threads are the others. Outcomes come back in input order, so
 * a run on several threads reports exactly what one on a single thread does.
 */
import type { Worker } from "node:worker_threads";
import type { ConfigResolver } from "../config/config.js";
import type { Severity } from "../core/types.js";
import { checkBatch, checkFile, writeFixes, type BatchJob, type BatchOutcome, type FileJob, type FileOutcome } from "./check-file.js";
import { newWorker, takeEarlyWorker, WORKER_URL } from "./early-workers.js";

/** What a thread is asked to do, and what it answers. */
export type WorkerTask = { file: FileJob } | { batch: BatchJob };
export type WorkerReply = { file: FileOutcome } | { batch: BatchOutcome };
/** A worker's first message is the run's config (--config, --rule), then come tasks. */
export type WorkerMessage = { setup: { config?: string; rules?: Record<string, "off" | Severity> } } | WorkerTask;

export function runTask(task: WorkerTask, resolver: ConfigResolver, readStdin?: () => Buffer): WorkerReply {
  return "file" in task ? { file: checkFile(task.file, resolver, readStdin) } : { batch: checkBatch(task.batch, resolver.forPath(task.batch.path)) };
}

/** What runs tasks for a run: the thread pool, or a queue of remote workers (`remote`: even a single file goes to it). */
export type TaskPool = Pick<WorkerPool, "size" | "run" | "close"> & { remote?: boolean };

type Pending = { task: WorkerTask; resolve: (reply: WorkerReply) => void; reject: (e: unknown) => void };

/**
 * Tasks sent to a worker before it has answered the previous one: its next task is already
 * waiting in its queue when it finishes, even while this thread is busy with a task of its own.
 */
const QUEUED_PER_WORKER = 2;

export class WorkerPool {
  private readonly waiting: Pending[] = [];
  /** Each worker with the tasks it has been sent and not yet answered, oldest first (it answers in order). */
  private readonly workers = new Map<Worker, Pending[]>();
  private mainBusy = false;

  /**
   * `size` threads: this one (checking with `main.resolver`) and size − 1 workers. Without
   * `main`, all `size` are workers (tests).
   */
  constructor(
    readonly size: number,
    private readonly config: string | undefined,
    private readonly rules: Record<string, "off" | Severity> | undefined,
    private readonly main?: { resolver: ConfigResolver; readStdin: () => Buffer },
    /** The worker script (tests run the built one). */
    private readonly workerUrl = WORKER_URL,
  ) {}

  run(task: WorkerTask): Promise<WorkerReply> {
    // Workers start on the first task: a run with nothing to share out never pays their start-up.
    if (!this.workers.size) for (let i = this.main ? 1 : 0; i < this.size; i++) this.startWorker();
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers.keys()].map((w) => w.terminate()));
  }

  private startWorker(): void {
    const worker = (this.workerUrl === WORKER_URL && takeEarlyWorker()) || newWorker(this.workerUrl);
    worker.postMessage({ setup: { config: this.config, rules: this.rules } } satisfies WorkerMessage);
    const sent: Pending[] = [];
    this.workers.set(worker, sent);
    worker.on("message", (reply: WorkerReply) => {
      sent.shift()!.resolve(reply);
      this.dispatch();
    });
    worker.on("error", (e) => {
      for (const p of sent.splice(0)) p.reject(e);
    });
  }

  private dispatch(): void {
    while (this.waiting.length) {
      const free = [...this.workers].find(([, sent]) => sent.length < QUEUED_PER_WORKER);
      if (free) {
        const pending = this.waiting.shift()!;
        free[1].push(pending);
        free[0].postMessage(pending.task);
      } else if (this.main && !this.mainBusy) {
        this.runHere(this.main, this.waiting.shift()!);
      } else {
        return;
      }
    }
  }

  /** Workers get tasks first; this thread takes one when they all have their queue full. */
  private runHere(main: NonNullable<typeof this.main>, { task, resolve, reject }: Pending): void {
    this.mainBusy = true;
    setImmediate(() => {
      try {
        resolve(runTask(task, main.resolver, main.readStdin));
      } catch (e) {
        reject(e);
      }
      this.mainBusy = false;
      this.dispatch();
    });
  }
}

export interface PoolOptions {
  /** Without a pool, files are checked one after another in this thread. */
  pool?: TaskPool;
  readStdin: () => Buffer;
  onDone?: (index: number, outcome: FileOutcome) => void;
}

/** Checks the files, and writes their fixes as each is done. */
export async function checkFiles(jobs: FileJob[], resolver: ConfigResolver, options: PoolOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(jobs.length);
  const { pool } = options;
  if (!pool || (jobs.length <= 1 && !pool.remote)) {
    jobs.forEach((job, i) => {
      outcomes[i] = writeFixes(job.path, checkFile(job, resolver, options.readStdin));
      options.onDone?.(i, outcomes[i]!);
    });
    return outcomes;
  }
  await Promise.all(
    jobs.map(async (job, i) => {
      const reply = (await pool.run({ file: job })) as { file: FileOutcome };
      outcomes[i] = writeFixes(job.path, reply.file);
      options.onDone?.(i, outcomes[i]!);
    }),
  );
  return outcomes;
}
