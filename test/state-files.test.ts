/** The cache and the baseline are checked as they are read: damage never crashes a run nor drops a file. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { MT_TEXT, runCli, tempTree } from "./cli-helpers.js";

interface CacheFile {
  version: number;
  entries: Record<string, { key: string; result: Record<string, unknown> | null; errors: unknown[] }>;
}

/** A cache written by a first run over two files, then changed by `damage`. */
async function damagedCache(damage: (cache: CacheFile) => void) {
  const dir = tempTree({ "a.txt": MT_TEXT, "b.txt": MT_TEXT.replace("8 thousand", "9 thousand") });
  const cacheFile = join(dir, "cache.json");
  const args = ["check", "--format", "json", "--cache", "--cache-location", cacheFile, dir];
  const first = await runCli(args);
  const cache = JSON.parse(readFileSync(cacheFile, "utf8")) as CacheFile;
  damage(cache);
  writeFileSync(cacheFile, JSON.stringify(cache));
  return { first, second: await runCli(args) };
}

const entries = (cache: CacheFile) => Object.values(cache.entries);

describe("a damaged cache entry is ignored with one warning, and its file is checked", () => {
  test.each([
    ["a null result", (c: CacheFile) => (entries(c)[0]!.result = null)],
    ["a finding of an unknown severity", (c: CacheFile) => ((entries(c)[0]!.result!.findings as { severity: string }[])[0]!.severity = "catastrophic")],
    ["a finding without its position", (c: CacheFile) => delete (entries(c)[0]!.result!.findings as { line?: number }[])[0]!.line],
    ["errors that are not a list, and a score that is text", (c: CacheFile) => ((entries(c)[0]!.errors = {} as unknown[]), (entries(c)[1]!.result!.score = "99"))],
  ])("%s", async (_what, damage) => {
    const { first, second } = await damagedCache(damage);
    expect(second.code).toBe(first.code);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect(second.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^mtlint: warning: .*cache\.json: \d damaged cache entr(y|ies) ignored; (its file is|their files are) checked again$/)]);
  });
});

test("a file that is not a cache is neither used nor overwritten; an empty one is", async () => {
  const dir = tempTree({ "a.txt": MT_TEXT, "notes.md": "# My notes\n\nNot a cache.\n", "empty": "" });
  const run = await runCli(["check", "--cache", "--cache-location", join(dir, "notes.md"), join(dir, "a.txt")]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("notes.md: --cache-location: this file exists and is not an mtlint cache; not overwritten");
  expect(readFileSync(join(dir, "notes.md"), "utf8")).toBe("# My notes\n\nNot a cache.\n");
  expect((await runCli(["check", "--cache", "--cache-location", join(dir, "empty"), join(dir, "a.txt")])).code).toBe(1);
  expect(JSON.parse(readFileSync(join(dir, "empty"), "utf8"))).toMatchObject({ version: expect.any(Number), entries: expect.any(Object) });
});

test("--cache-location naming a folder keeps the cache in it, and leaves no temporary file", async () => {
  const dir = tempTree({ "a.txt": MT_TEXT, "cache/keep": "" });
  const folder = join(dir, "cache");
  for (let i = 0; i < 2; i++) expect((await runCli(["check", "--cache", "--cache-location", folder, join(dir, "a.txt")])).code).toBe(1);
  expect(existsSync(join(folder, ".mtlintcache"))).toBe(true);
  expect([...readdirSync(dir), ...readdirSync(folder), ...readdirSync(dirname(dir)).filter((f) => f.startsWith("cache."))].filter((f) => f.endsWith(".tmp"))).toEqual([]);
});

describe("a bad baseline is a clear error with exit code 2", () => {
  test.each([
    ["counts that are not whole numbers", '{ "version": 1, "findings": { "0161f9bde68d5d79adea": "one" } }'],
    ["a list for the findings", '{ "version": 1, "findings": [] }'],
    ["null", "null"],
    ["a count of zero", '{ "version": 1, "findings": { "0161f9bde68d5d79adea": 0 } }'],
  ])("%s", async (_what, text) => {
    const dir = tempTree({ "a.txt": MT_TEXT, "baseline.json": text });
    const run = await runCli(["check", "--baseline", join(dir, "baseline.json"), join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^mtlint: .*baseline\.json: expected a baseline written by --write-baseline/);
    expect(run.stdout).toBe("");
  });
});
