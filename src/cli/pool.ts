/**
 * Checking files in parallel: a pool of worker threads, each with its own compiled rules.
 * Outcomes come back in input order, so a run with workers reports exactly what one without does.
 */
import { Worker } from "node:worker_threads";
import type { ConfigResolver } from "../config/config.js";
import { checkFile, type FileJob, type FileOutcome } from "./check-file.js";

export interface PoolOptions {
  jobs: number;
  /** For workers, which resolve their own configs. */
  config?: string;
  readStdin: () => Buffer;
  onDone?: (index: number, outcome: FileOutcome) => void;
}

export async function checkFiles(jobs: FileJob[], resolver: ConfigResolver, options: PoolOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(jobs.length);
  const threads = Math.min(options.jobs, jobs.length);
  if (threads <= 1) {
    jobs.forEach((job, i) => {
      outcomes[i] = checkFile(job, resolver, options.readStdin);
      options.onDone?.(i, outcomes[i]!);
    });
    return outcomes;
  }
  let next = 0;
  const workerUrl = new URL("./worker.js", import.meta.url);
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(workerUrl, { workerData: { config: options.config } });
      return new Promise<void>((resolve, reject) => {
        const send = () => {
          if (next >= jobs.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const index = next++;
          worker.postMessage({ index, job: jobs[index] });
        };
        worker.on("message", ({ index, outcome }: { index: number; outcome: FileOutcome }) => {
          outcomes[index] = outcome;
          options.onDone?.(index, outcome);
          send();
        });
        worker.on("error", reject);
        send();
      });
    }),
  );
  return outcomes;
}
