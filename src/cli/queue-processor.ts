/**
 * What a `mtlint worker` does with one job, in a thread of its own (a BullMQ sandboxed processor):
 * checking blocks its thread for as long as a file takes, and the worker's main thread must keep
 * renewing its hold on the job meanwhile, or the job would be taken again by another worker.
 */
import { UnrecoverableError, type SandboxedJob } from "bullmq";
import { MtlintError } from "../core/errors.js";
import { ConfigResolver } from "../config/config.js";
import type { Severity } from "../core/types.js";
import { runTask, type WorkerTask } from "./pool.js";
import type { JobData } from "./queue.js";
import { pack, unpack } from "./queue-codec.js";
import { TableCache } from "./table-cache.js";

/** Configs resolved and rules compiled once per coordinator setting (folder, config file, --rule). */
const resolvers = new Map<string, ConfigResolver>();

export default function checkJob(job: SandboxedJob<JobData>): string {
  const { cwd, config, rules, fingerprint } = job.data;
  // Paths and config files are the coordinator's, relative to its folder, which the worker's main thread has moved to (see runWorker).
  if (process.cwd() !== cwd) throw new Error(`the coordinator's folder ${cwd} is not on this machine (or cannot be entered)`);
  const key = JSON.stringify([cwd, config, rules]);
  let resolver = resolvers.get(key);
  if (!resolver) resolvers.set(key, (resolver = new ConfigResolver(config, rules ? { rules: rules as Record<string, "off" | Severity> } : {}, new TableCache())));
  const task = unpack<WorkerTask>(job.data.task);
  const path = "file" in task ? task.file.path : task.batch.path;
  let own: string;
  try {
    own = resolver.forPath(path).fingerprint;
  } catch (e) {
    if (!(e instanceof MtlintError)) throw e;
    throw new UnrecoverableError(`this worker cannot read the config: ${e.format()}`);
  }
  // Retrying would not help: every attempt on this worker would check with other rules than the coordinator's.
  if (own !== fingerprint) throw new UnrecoverableError("this worker's rules or config differ from the coordinator's (another mtlint version, or other config or rule files)");
  return pack(runTask(task, resolver));
}
