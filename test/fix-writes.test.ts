/** How --fix writes files: symlinks, hard links, permissions, owners, concurrent edits, temporary files and signals. */
import { spawn } from "node:child_process";
import { chmodSync, chownSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigResolver } from "../src/config/config.js";
import { checkFile, writeFixes } from "../src/cli/check-file.js";
import { replaceFile, fixError, readWithIdentity } from "../src/cli/safe-write.js";
import { streamFile } from "../src/cli/stream.js";
import { MT_TEXT, runCli, tempTree } from "./cli-helpers.js";

const BIN = fileURLToPath(new URL("../bin/mtlint.js", import.meta.url));
const FIXED = "The ministry said that 8,000 people came, the director noted.\n\nISIS (ISIS) is defined here. Later the ISIS was named again.\n";
/** Streamed fixes yield between batches, so Jest's timer runs: a guard for a busy machine, not a speed goal. */
const STREAMED_MS = 120_000;
const isRoot = process.getuid?.() === 0;
const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));
const jsonl = (lines: number) => Array.from({ length: lines }, (_, i) => JSON.stringify({ id: `s${i}`, target: `Some ${i} thousand people came, – he said.` })).join("\n") + "\n";

describe("what --fix writes to", () => {
  test("a symlink stays a symlink and its target is fixed", async () => {
    const dir = tempTree({ "real/a.txt": MT_TEXT });
    const link = join(dir, "link.txt");
    symlinkSync(join(dir, "real/a.txt"), link);
    const run = await runCli(["check", "--fix", link]);
    expect(run.stderr).toBe("");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real/a.txt"), "utf8")).toBe(FIXED);
    expect([...temporaries(dir), ...temporaries(join(dir, "real"))]).toEqual([]);
  });

  test("a file with hard links is refused, and both names keep the original", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    linkSync(join(dir, "a.txt"), join(dir, "b.txt"));
    const run = await runCli(["check", "--fix", join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("fixes not written: it has 2 hard links");
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(MT_TEXT);
    expect(statSync(join(dir, "a.txt")).ino).toBe(statSync(join(dir, "b.txt")).ino);
  });

  test("a read-only file is not rewritten, even by root", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    chmodSync(join(dir, "a.txt"), 0o444);
    const run = await runCli(["check", "--fix", join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("fixes not written: it is read-only; file left unchanged");
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(MT_TEXT);
    expect(temporaries(dir)).toEqual([]);
  });

  test("the mode, owner and group are kept", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const file = join(dir, "a.txt");
    chmodSync(file, 0o640);
    // Only root can give a file to another owner; otherwise the file keeps this user's.
    const owner = isRoot ? { uid: 4321, gid: 4322 } : { uid: statSync(file).uid, gid: statSync(file).gid };
    chownSync(file, owner.uid, owner.gid);
    await runCli(["check", "--fix", file]);
    expect(readFileSync(file, "utf8")).toBe(FIXED);
    expect(statSync(file)).toMatchObject({ mode: 0o100640, ...owner });
  });

  test("a file whose owner the fixing user cannot keep is refused", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const file = join(dir, "a.txt");
    chmodSync(dir, 0o777);
    chmodSync(file, 0o666);
    // As root: the file belongs to one user and is fixed by another. As any other user, a file of root's stands in.
    if (isRoot) chownSync(file, 4321, 4321);
    const run = await runBin(["check", "--fix", file], isRoot ? { uid: 4322, gid: 4322 } : {});
    if (isRoot || statSync(file).uid !== process.getuid?.()) {
      expect(run.stderr).toContain("fixes not written: its owner and group cannot be kept (EPERM)");
      expect(readFileSync(file, "utf8")).toBe(MT_TEXT);
    }
    expect(temporaries(dir)).toEqual([]);
  });
});

describe("a file that changes while it is being fixed is left as the other writer left it", () => {
  test("whole files: same size and time, other content", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const file = join(dir, "a.txt");
    const resolver = new ConfigResolver();
    const outcome = checkFile({ path: file, settings: { fix: "safe" } }, resolver);
    const { mtime } = statSync(file);
    const edited = MT_TEXT.replace("director", "directrix");
    writeFileSync(file, edited);
    utimesSync(file, mtime, mtime);
    const written = writeFixes(file, outcome);
    expect(written.errors.map((e) => e.message)).toEqual(["fixes not written: the file changed while it was being checked; file left unchanged"]);
    expect(readFileSync(file, "utf8")).toBe(edited);
    expect(temporaries(dir)).toEqual([]);
  });

  test("streamed files: an edit made while the batches are checked", async () => {
    const text = jsonl(5000);
    const dir = tempTree({ "a.jsonl": text });
    const file = join(dir, "a.jsonl");
    let edited = false;
    const outcome = await streamFile(file, { fix: "safe" }, new ConfigResolver().forPath(file), () => {
      if (!edited) writeFileSync(file, text.replace("Some 0 thousand", "Some 0 hundred"));
      edited = true;
    });
    expect(outcome.errors.map((e) => e.message)).toContain("fixes not written: the file changed while it was being checked; file left unchanged");
    expect(readFileSync(file, "utf8")).toBe(text.replace("Some 0 thousand", "Some 0 hundred"));
    expect(temporaries(dir)).toEqual([]);
  }, STREAMED_MS);

  test("a baseline or cache replaced by the same writer needs no original", () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const file = join(dir, "a.txt");
    const { identity } = readWithIdentity(file);
    writeFileSync(file, MT_TEXT.toUpperCase());
    expect(() => replaceFile(file, "new", fixError(file), identity)).toThrow("the file changed while it was being checked");
    replaceFile(join(dir, "new.json"), "{}\n", fixError("new.json"));
    expect(readFileSync(join(dir, "new.json"), "utf8")).toBe("{}\n");
  });
});

describe("temporary files", () => {
  test("are created exclusively under unguessable names: a symlink planted at the old name is not followed", async () => {
    const dir = tempTree({ "a.jsonl": jsonl(3000), "victim.txt": "precious\n", "a.txt": MT_TEXT });
    const victim = join(dir, "victim.txt");
    // The names older versions used for a streamed fix and for the cache.
    symlinkSync(victim, join(dir, `.a.jsonl.mtlint-${process.pid}.tmp`));
    symlinkSync(victim, join(dir, `.cache.${process.pid}.tmp`));
    const file = join(dir, "a.jsonl");
    let seen: string[] = [];
    await streamFile(file, { fix: "safe" }, new ConfigResolver().forPath(file), () => {
      seen = seen.length ? seen : temporaries(dir).filter((f) => !lstatSync(join(dir, f)).isSymbolicLink());
    });
    expect(seen).toEqual([expect.stringMatching(/^\.a\.jsonl\.mtlint-\d+-[0-9a-f]{16}\.tmp$/)]);
    expect(JSON.parse(readFileSync(file, "utf8").split("\n")[3]!).target).toBe("Some 3,000 people came, he said.");
    await runCli(["check", "--cache", "--cache-location", join(dir, ".cache"), join(dir, "a.txt")]);
    expect(JSON.parse(readFileSync(join(dir, ".cache"), "utf8"))).toMatchObject({ version: expect.any(Number), entries: expect.any(Object) });
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
  }, STREAMED_MS);

  test("are private (0600) while they are written, and take the file's mode only at the end", async () => {
    const dir = tempTree({ "a.jsonl": jsonl(3000) });
    const file = join(dir, "a.jsonl");
    chmodSync(file, 0o664);
    const modes = new Set<number>();
    await streamFile(file, { fix: "safe" }, new ConfigResolver().forPath(file), () => {
      for (const f of temporaries(dir)) modes.add(statSync(join(dir, f)).mode & 0o777);
    });
    expect([...modes]).toEqual([0o600]);
    expect(statSync(file).mode & 0o777).toBe(0o664);
  }, STREAMED_MS);

  test("are removed when the run fails half-way", async () => {
    const dir = tempTree({ "a.jsonl": jsonl(5000) });
    const file = join(dir, "a.jsonl");
    const failing = streamFile(file, { fix: "safe" }, new ConfigResolver().forPath(file), () => {
      throw new Error("disk on fire");
    });
    await expect(failing).rejects.toThrow("disk on fire");
    expect(temporaries(dir)).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe(jsonl(5000));
  }, STREAMED_MS);

  test("left by a process that is gone are removed by the next run; those of a live process are kept", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT, "other.txt": "x" });
    const gone = await deadPid();
    const stale = [`.a.txt.mtlint-${gone}.tmp`, `.a.txt.mtlint-${gone}-0123456789abcdef.tmp`, `.a.txt.mtlint-${gone}-k2j4h5.tmp`];
    const kept = [`.a.txt.mtlint-1-0123456789abcdef.tmp`, `.other.txt.mtlint-${gone}-0123456789abcdef.tmp`, `a.txt.${gone}.tmp`];
    for (const name of [...stale, ...kept]) writeFileSync(join(dir, name), "partial copy");
    await runCli(["check", join(dir, "a.txt")]);
    expect(temporaries(dir).sort()).toEqual([...kept].sort());
  });
});

describe("signals", () => {
  // Large enough to be streamed (4 MB), so that the fix takes a while.
  const big = jsonl(75_000);

  test.each(["SIGINT", "SIGTERM"] as const)("%s during a streamed --fix leaves the original and no temporary file", async (signal) => {
    const dir = tempTree({ "big.jsonl": big });
    const file = join(dir, "big.jsonl");
    const child = spawn(process.execPath, [BIN, "check", "--fix", "--jobs", "1", "--format", "json", file], { stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, s) => resolve(s)));
    while (!temporaries(dir).length) await new Promise((r) => setTimeout(r, 20));
    child.kill(signal);
    expect(await exited).toBe(signal);
    expect(temporaries(dir)).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe(big);
  }, STREAMED_MS);
});

function runBin(args: string[], as: { uid?: number; gid?: number }): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { ...as, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

/** The pid of a process that has ended. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    child.on("exit", () => resolve(child.pid!));
  });
}
