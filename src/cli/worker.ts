/** A worker thread of the pool: resolves configs and compiles rules once, then checks the files and batches it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "../config/config.js";
import { runTask, type WorkerTask } from "./pool.js";
import { TableCache } from "./table-cache.js";

const { config, rules } = workerData as { config?: string; rules?: Record<string, "off" | "minor" | "major" | "critical"> };
const resolver = new ConfigResolver(config, rules ? { rules } : {}, new TableCache());

parentPort!.on("message", (task: WorkerTask) => parentPort!.postMessage(runTask(task, resolver)));
