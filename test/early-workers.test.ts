/** Workers that bin/mtlint.js starts before the CLI's imports: for which runs, and what becomes of them. */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { endEarlyWorkers, PARALLEL_MIN_BYTES, startWorkersEarly, takeEarlyWorker } from "../src/cli/early-workers.js";
import { tempTree } from "./cli-helpers.js";

const echo = pathToFileURL(join(tempTree({ "echo.mjs": 'import { parentPort } from "node:worker_threads";\nparentPort.on("message", (m) => parentPort.postMessage(m));\n' }), "echo.mjs"));
const dir = tempTree({ "big.txt": "x".repeat(PARALLEL_MIN_BYTES), "small.txt": "x" });

/** How many workers these arguments start. */
function started(argv: string[]): number {
  startWorkersEarly(argv, echo);
  const taken = [];
  for (let w = takeEarlyWorker(); w; w = takeEarlyWorker()) taken.push(w);
  for (const w of taken) void w.terminate();
  return taken.length;
}

test("a check with --jobs above 1 on a folder, or on files of 512 KB or more, starts jobs − 1 workers; other runs none", () => {
  expect(started(["check", "--jobs", "3", dir])).toBe(2);
  expect(started(["check", "-j=2", "--format", "json", join(dir, "big.txt")])).toBe(1);
  expect(started(["check", "--jobs", "3", "--jobs", "1", dir])).toBe(0);
  expect(started(["check", "--jobs", "2", join(dir, "small.txt"), "no-such-file"])).toBe(0);
  expect(started(["check", "--jobs", "2", "--queue", "redis://127.0.0.1:6379/0", dir])).toBe(0);
  expect(started(["check", "--jobs", "2", "-", dir])).toBe(0);
  expect(started(["rules", "--jobs", "2", dir])).toBe(0);
});

test("a worker taken is the caller's and answers; those not taken are ended", async () => {
  startWorkersEarly(["check", "--jobs", "3", dir], echo);
  const worker = takeEarlyWorker()!;
  const reply = new Promise((resolve) => worker.once("message", resolve));
  worker.postMessage("ping");
  expect(await reply).toBe("ping");
  endEarlyWorkers();
  expect(takeEarlyWorker()).toBeUndefined();
  await worker.terminate();
});
