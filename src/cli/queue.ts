/**
 * Runs spread over machines on a Redis job queue (BullMQ): the coordinator (`check --queue`)
 * turns each file, and each batch of a streamed file, into a job; `worker --queue` processes
 * take them. Tasks and replies are the ones the thread pool exchanges, serialized as the threads
 * do (structured clone, then deflated: queue-codec.ts), so a queued run reports exactly what a local one does. Delivery is
 * at least once: a job whose worker dies is taken again by another once its lock expires, and
 * results are keyed by job id, so a second completion of one job is ignored.
 */
import { randomUUID } from "node:crypto";
import { Queue, QueueEvents, Worker } from "bullmq";
import { Redis } from "ioredis";
import { MtlintError, usageError } from "../core/errors.js";
import type { ConfigResolver } from "../config/config.js";
import type { TaskPool, WorkerReply, WorkerTask } from "./pool.js";
import { pack, unpack } from "./queue-codec.js";

export const QUEUE_NAME = "mtlint";
/** Attempts per job: a poison input (one that fails or kills every worker that takes it) fails its job after this many. */
export const JOB_ATTEMPTS = 3;
/** How long a worker's hold on a job lasts without renewal; a job held longer by a dead worker goes to another. */
export const DEFAULT_LOCK_MS = 30_000;

/** What travels in a job: the task, and what a worker needs to check it as the coordinator would. */
export interface JobData {
  /** The task, packed (see queue-codec.ts). */
  task: string;
  /** The coordinator's folder: paths and config files are found from it. */
  cwd: string;
  config?: string;
  rules?: Record<string, string>;
  /** The fingerprint of the coordinator's resolved config for this path (rules, settings, mtlint's version). */
  fingerprint: string;
}

export function redisConnection(url: string): Redis {
  if (!/^rediss?:\/\//u.test(url)) throw usageError(`--queue ${url}: expected a Redis URL, redis://HOST:PORT/DB`);
  // BullMQ's workers block on Redis; ioredis must not give up on their commands.
  const connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  // ioredis reconnects by itself; without a listener each failed attempt would print a stack trace.
  connection.on("error", () => undefined);
  return connection;
}

/** The pool of a queued run: `run` enqueues a task and resolves with the reply of whichever worker takes it. */
export class QueuePool implements TaskPool {
  readonly remote = true;
  private readonly runId = randomUUID();
  private sequence = 0;
  private readonly pending = new Map<string, { resolve: (reply: WorkerReply) => void; reject: (e: unknown) => void; task: WorkerTask }>();

  private constructor(
    /** How many tasks to keep in flight for a streamed file: enough for several workers. */
    readonly size: number,
    private readonly url: string,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly connections: Redis[],
    private readonly context: Omit<JobData, "task" | "fingerprint">,
    private readonly resolver: ConfigResolver,
  ) {
    events.on("completed", ({ jobId, returnvalue }) => this.settle(jobId, (p) => p.resolve(unpack<WorkerReply>(String(returnvalue)))));
    events.on("failed", ({ jobId, failedReason }) => this.settle(jobId, (p) => this.failed(p, failedReason)));
  }

  static async open(url: string, context: Omit<JobData, "task" | "fingerprint">, resolver: ConfigResolver): Promise<QueuePool> {
    const connection = redisConnection(url);
    try {
      await connection.connect();
    } catch (e) {
      connection.disconnect();
      throw usageError(`--queue ${url}: cannot connect to Redis (${(e as Error).message})`);
    }
    const listening = connection.duplicate();
    const queue = new Queue(QUEUE_NAME, { connection });
    // Events are read from the last one there is now. QueueEvents would read from "$", which Redis
    // takes when its first read arrives, some time after it is ready: a first job done before that
    // was never heard of, and the run waited for it forever.
    const [last] = (await connection.xrevrange(queue.keys.events!, "+", "-", "COUNT", 1)) as [string, string[]][];
    const events = new QueueEvents(QUEUE_NAME, { connection: listening, lastEventId: last?.[0] ?? "0-0" });
    await events.waitUntilReady();
    return new QueuePool(8, url, queue, events, [connection, listening], context, resolver);
  }

  async run(task: WorkerTask): Promise<WorkerReply> {
    const path = "file" in task ? task.file.path : task.batch.path;
    const jobId = `${this.runId}.${this.sequence++}`;
    const data: JobData = { ...this.context, task: pack(task), fingerprint: this.resolver.forPath(path).fingerprint };
    const reply = new Promise<WorkerReply>((resolve, reject) => this.pending.set(jobId, { resolve, reject, task }));
    await this.queue.add("check", data, { jobId, attempts: JOB_ATTEMPTS, removeOnComplete: true, removeOnFail: true });
    return reply;
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
    // BullMQ leaves connections it was given open.
    for (const c of this.connections) c.disconnect();
  }

  /** A job's first outcome is its result; a later one (a retried job that completed twice) is ignored. */
  private settle(jobId: string, outcome: (p: NonNullable<ReturnType<typeof this.pending.get>>) => void): void {
    const p = this.pending.get(jobId);
    if (!p) return;
    this.pending.delete(jobId);
    outcome(p);
  }

  /** A failed file is reported as an error of that file; a failed batch fails its streamed file, which is reported the same way. */
  private failed(p: NonNullable<ReturnType<typeof this.pending.get>>, reason: string): void {
    const path = "file" in p.task ? p.task.file.path : p.task.batch.path;
    const error = new MtlintError("input", `not checked: its job on the queue ${this.url} failed after at most ${JOB_ATTEMPTS} attempts (${reason})`, { file: path });
    if ("file" in p.task) p.resolve({ file: { errors: [error.toProblem()] } });
    else p.reject(error);
  }
}

export interface WorkerOptions {
  url: string;
  lockMs?: number;
  log: (text: string) => void;
}

/** A worker process: takes jobs one at a time until it is stopped (SIGINT/SIGTERM), letting the job in hand finish. */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const connection = redisConnection(options.url);
  try {
    await connection.connect();
  } catch (e) {
    connection.disconnect();
    throw usageError(`--queue ${options.url}: cannot connect to Redis (${(e as Error).message})`);
  }
  const lockDuration = options.lockMs ?? DEFAULT_LOCK_MS;
  const worker = new Worker(QUEUE_NAME, new URL("./queue-processor.js", import.meta.url), {
    connection,
    concurrency: 1,
    useWorkerThreads: true,
    lockDuration,
    stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
    maxStalledCount: JOB_ATTEMPTS - 1,
  });
  const started = new Map<string, number>();
  worker.on("active", (job: { id?: string; data: JobData }) => {
    started.set(job.id!, performance.now());
    // Paths and config files are the coordinator's, relative to its folder. The job's thread cannot
    // change folder (no thread but the main one can), so the worker does it here, before it hands the
    // job over: BullMQ says "active" first, and one job is in hand at a time.
    try {
      if (process.cwd() !== job.data.cwd) process.chdir(job.data.cwd);
    } catch {
      // The job's thread sees the other folder and says why it cannot check the job.
    }
  });
  const elapsed = (id: string) => {
    const ms = Math.round(performance.now() - (started.get(id) ?? 0));
    started.delete(id);
    return ms;
  };
  worker.on("completed", (job) => options.log(`job ${job.id} done in ${elapsed(job.id!)} ms`));
  worker.on("failed", (job, e) => options.log(`job ${job?.id ?? "?"} failed${job ? ` after ${elapsed(job.id!)} ms` : ""}: ${e.message}`));
  // Lost locks and dropped connections are reported, not thrown: the queue recovers from them.
  worker.on("error", (e) => options.log(`error: ${e.message}`));
  await worker.waitUntilReady();
  options.log(`waiting for jobs on ${options.url}`);
  await new Promise<void>((resolve) => {
    const stop = () =>
      void worker.close().then(() => {
        connection.disconnect();
        resolve();
      });
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
