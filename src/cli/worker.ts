/** A worker thread of the pool: resolves configs and compiles rules once, then checks the files and batches it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "../config/config.js";
import { checkFile } from "./check-file.js";
import type { WorkerReply, WorkerTask } from "./pool.js";
import { checkBatch } from "./stream.js";

const resolver = new ConfigResolver((workerData as { config?: string }).config);

parentPort!.on("message", (task: WorkerTask) => {
  const reply: WorkerReply = "file" in task ? { file: checkFile(task.file, resolver) } : { batch: checkBatch(task.batch, resolver.forPath(task.batch.path)) };
  parentPort!.postMessage(reply);
});
