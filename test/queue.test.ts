/**
 * Runs over a Redis queue (the built CLI, a real redis-server on a free loopback port, worker
 * processes): the report equals a local --jobs 1 run byte for byte, even when a worker is killed
 * with SIGKILL in the middle of the run.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { runBuiltCli, runCli, tempTree } from "./cli-helpers.js";

const BIN = fileURLToPath(new URL("../bin/mtlint.js", import.meta.url));
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A child process, and a promise for the moment its output (stdout or stderr) first matches `ready`. */
function startProcess(command: string, args: string[], cwd: string, ready: RegExp): { child: ChildProcess; ready: Promise<void>; output: () => string } {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let output = "";
  const readyPromise = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${command} ${args.join(" ")} exited (${code}) before it was ready:\n${output}`)));
  });
  readyPromise.catch(() => undefined);
  return { child, ready: readyPromise, output: () => output };
}

test("--fix and --queue are refused together, with the reason", async () => {
  const dir = tempTree({ "a.txt": "Some 8 thousand people came.\n" });
  const run = await runCli(["check", "--fix", "--queue", "redis://127.0.0.1:1/0", `${dir}/a.txt`]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("--fix cannot be used with --queue");
});

/** A redis-server of the test's own on a free loopback port, started in `dir`: its URL. */
async function startRedis(dir: string): Promise<string> {
  const which = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  if (which.status !== 0) throw new Error("redis-server is not installed: this test needs Debian's redis-server package (.ci/run installs it: apt-get install -y redis-server)");
  const port = await freePort();
  const redis = startProcess("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], dir, /Ready to accept connections/);
  await redis.ready;
  return `redis://127.0.0.1:${port}/0`;
}

test("a queued run with three workers, one killed mid-run, reports exactly what --jobs 1 does", async () => {
  const files: Record<string, string> = {};
  const clean = "The council met the residents of the old town and thanked them for coming to the hall. ".repeat(30);
  for (let i = 0; i < 14; i++) {
    // Findings in every file, and names written two ways across files (for the checks across files).
    const own = i % 2 ? "The IG was named again by the ministry." : "ISIS (ISIS) was named by the ministry.";
    files[`f${String(i).padStart(2, "0")}.txt`] = `${clean}\n\nThen ${i + 2} thousand residents came, – said the mayor. ${own}\n\n${clean.repeat(1 + (i % 3))}\n`;
  }
  const dir = tempTree(files);
  const url = await startRedis(dir);
  const workers = [0, 1, 2].map(() => startProcess(process.execPath, [BIN, "worker", "--queue", url, "--lock-timeout", "2000"], dir, /waiting for jobs/));
  await Promise.all(workers.map((w) => w.ready));

  const coordinator = startProcess(process.execPath, [BIN, "check", "--format", "json", "--queue", url, "."], dir, /"summary"/);
  let stdout = "";
  coordinator.child.stdout!.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
  const exited = new Promise<number>((resolve) => coordinator.child.once("exit", (code) => resolve(code ?? -1)));
  // The first worker to finish a job is killed while it holds its next one.
  let killedOne = false;
  await new Promise<void>((resolve) => {
    for (const w of workers)
      w.child.stderr!.on("data", () => {
        if (killedOne || !/done in/.test(w.output())) return;
        killedOne = w.child.kill("SIGKILL");
        resolve();
      });
  });
  const code = await exited;
  const killed = workers.filter((w) => w.child.signalCode === "SIGKILL");
  expect(killed).toHaveLength(1);

  const local = runBuiltCli(dir, ["check", "--format", "json", "--jobs", "1", "."]);
  expect(JSON.parse(local.stdout).summary.findings).toBeGreaterThan(14);
  expect(JSON.parse(local.stdout).files).toHaveLength(14);
  expect(stdout).toBe(local.stdout);
  expect(code).toBe(local.code);
}, 120_000);

test("a worker started in another folder checks the coordinator's files, and a run whose first job is done at once ends", async () => {
  const dir = tempTree({ "a.txt": "Then 8 thousand residents came, – said the mayor.\n", "other/.keep": "" });
  const url = await startRedis(dir);
  const worker = startProcess(process.execPath, [BIN, "worker", "--queue", url], `${dir}/other`, /waiting for jobs/);
  await worker.ready;
  const local = runBuiltCli(dir, ["check", "--format", "json", "--jobs", "1", "a.txt"]);
  expect(JSON.parse(local.stdout).summary.findings).toBeGreaterThan(0);
  // An idle worker finishes a one-file run's job within milliseconds: before the coordinator's first
  // read of the queue's events reached Redis, one run in three or four waited for it forever.
  for (let round = 0; round < 8; round++) {
    const queued = spawnSync(process.execPath, [BIN, "check", "--format", "json", "--queue", url, "a.txt"], { cwd: dir, encoding: "utf8", timeout: 30_000 });
    expect(queued.stderr).toBe(local.stderr);
    expect(queued.stdout).toBe(local.stdout);
    expect(queued.status).toBe(local.code);
  }
}, 120_000);
