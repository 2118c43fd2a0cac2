/**
 * A worker thread of the pool: told the run's config by its first message (it may have been
 * started before the run had read its arguments, see early-workers.ts), it resolves configs and
 * compiles rules once, then checks the files and batches it is sent.
 */
import { parentPort } from "node:worker_threads";
import { ConfigResolver } from "../config/config.js";
import { runTask, type WorkerMessage } from "./pool.js";
import { TableCache } from "./table-cache.js";

let resolver: ConfigResolver | undefined;

parentPort!.on("message", (message: WorkerMessage) => {
  if ("setup" in message) {
    const { config, rules } = message.setup;
    resolver = new ConfigResolver(config, rules ? { rules } : {}, new TableCache());
  } else {
    parentPort!.postMessage(runTask(message, resolver!));
  }
});
