/** The CLI's cache of compiled rule tables: what it keeps, what it refuses to read back, and that a run's report does not depend on it. */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultTableCacheDir, TableCache } from "../src/cli/table-cache.js";
import { MT_TEXT, runBuiltCli, tempTree } from "./cli-helpers.js";

const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);

describe("table cache", () => {
  test("keeps a table under its key, and reads back only bytes whose hash holds", () => {
    const dir = join(tempTree({}), "tables");
    const cache = new TableCache(dir, true);
    expect(cache.get("k")).toBeUndefined();
    cache.set("k", bytes);
    expect(cache.get("k")).toEqual(bytes);
    const [file] = readdirSync(dir);
    const stored = readFileSync(join(dir, file!));
    stored[stored.length - 1]! ^= 1;
    writeFileSync(join(dir, file!), stored);
    expect(cache.get("k")).toBeUndefined();
    writeFileSync(join(dir, file!), stored.subarray(0, 10));
    expect(cache.get("k")).toBeUndefined();
    cache.set("k", bytes);
    expect(cache.get("k")).toEqual(bytes);
  });

  test("a table of another build is removed when the table is written again", () => {
    const dir = tempTree({ "k-0000000000000000.table": "old", "other-0000000000000000.table": "kept" });
    new TableCache(dir, true).set("k", bytes);
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/^k-[0-9a-f]{16}\.table$/), "other-0000000000000000.table"]);
    expect(readdirSync(dir)).not.toContain("k-0000000000000000.table");
  });

  test("a thread that does not write, no folder, or a folder that cannot be made costs a compile, never an error", () => {
    const root = tempTree({ "a-file": "x" });
    new TableCache(join(root, "reader"), false).set("k", bytes);
    expect(readdirSync(root)).toEqual(["a-file"]);
    const blocked = new TableCache(join(root, "a-file", "tables"), true);
    expect(() => blocked.set("k", bytes)).not.toThrow();
    expect(blocked.get("k")).toBeUndefined();
    expect(new TableCache(undefined, true).get("k")).toBeUndefined();
  });

  test("lives in $MTLINT_CACHE_DIR (empty: none), else under $XDG_CACHE_HOME or ~/.cache", () => {
    expect(defaultTableCacheDir({ MTLINT_CACHE_DIR: "/t/c" })).toBe("/t/c");
    expect(defaultTableCacheDir({ MTLINT_CACHE_DIR: "" })).toBeUndefined();
    expect(defaultTableCacheDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/mtlint");
    expect(defaultTableCacheDir({})).toMatch(/\.cache\/mtlint$/);
  });

  test("a run reports the same with no cache, a cache it fills, the filled cache, and a damaged one, on one thread and two", () => {
    const root = tempTree({ "a.txt": MT_TEXT, "b.txt": "We will carry out the talks in the nearest time.\n" });
    const tables = join(root, "tables");
    const run = (dir: string, jobs: string) => runBuiltCli(root, ["check", "--format", "json", "--jobs", jobs, "a.txt", "b.txt"], { env: { MTLINT_CACHE_DIR: dir } });
    const expected = run("", "1");
    expect(expected.stdout).toContain("en/style/russian-calque");
    expect(run(tables, "1")).toEqual(expected);
    const files = readdirSync(tables).map((f) => join(tables, f));
    expect(files.length).toBeGreaterThan(0);
    expect(run(tables, "2")).toEqual(expected);
    const largest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const size = statSync(largest).size;
    writeFileSync(largest, readFileSync(largest).subarray(0, size / 2));
    expect(run(tables, "2")).toEqual(expected);
    expect(run(tables, "1")).toEqual(expected);
    expect(statSync(largest).size).toBe(size);
  });
});
