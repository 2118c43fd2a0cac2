/** The CLI's cache of compiled rule tables: what it keeps, what it refuses to read back, and that a run's report does not depend on it. */
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
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

  test("writing a table keeps that table of the two most recently used other builds, and removes older ones and tables unused for a month", () => {
    const dir = tempTree({
      "k-000000000000000a.table": "used an hour ago",
      "k-000000000000000b.table": "used a day ago",
      "k-000000000000000c.table": "used a week ago",
      "other-000000000000000a.table": "another table, used a week ago",
      "other-000000000000000b.table": "another table, unused for two months",
    });
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);
    const used = { "k-000000000000000a": 1 / 24, "k-000000000000000b": 1, "k-000000000000000c": 7, "other-000000000000000a": 7, "other-000000000000000b": 60 };
    for (const [name, days] of Object.entries(used)) utimesSync(join(dir, `${name}.table`), daysAgo(days), daysAgo(days));
    new TableCache(dir, true).set("k", bytes);
    expect(readdirSync(dir).sort()).toEqual([
      "k-000000000000000a.table",
      "k-000000000000000b.table",
      expect.stringMatching(/^k-[0-9a-f]{16}\.table$/),
      "other-000000000000000a.table",
    ]);
  });

  test("reading a table marks it used, so that pruning keeps it", () => {
    const dir = join(tempTree({}), "tables");
    new TableCache(dir, true).set("k", bytes);
    const [file] = readdirSync(dir);
    const monthsAgo = new Date(Date.now() - 60 * 24 * 3600 * 1000);
    utimesSync(join(dir, file!), monthsAgo, monthsAgo);
    new TableCache(dir, false).get("k");
    expect(Math.abs(statSync(join(dir, file!)).mtimeMs - monthsAgo.getTime())).toBeLessThan(2000);
    expect(new TableCache(dir, true).get("k")).toEqual(bytes);
    expect(Date.now() - statSync(join(dir, file!)).mtimeMs).toBeLessThan(24 * 3600 * 1000);
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
