/** A worker thread of the pool: resolves configs and compiles rules once, then checks the files it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "../config/config.js";
import { checkFile, type FileJob } from "./check-file.js";

const resolver = new ConfigResolver((workerData as { config?: string }).config);

parentPort!.on("message", ({ index, job }: { index: number; job: FileJob }) => {
  parentPort!.postMessage({ index, outcome: checkFile(job, resolver) });
});
