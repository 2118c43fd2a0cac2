/** Results that must not be wrong: input errors seen by the API, extends cycles named in full, each real file checked once. */
import { symlinkSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { check, fix } from "mtlint";
import { MT_TEXT, runCli, tempTree } from "./cli-helpers.js";

describe("the API surfaces input errors", () => {
  test("malformed XLIFF does not pass with a score of 100", async () => {
    const xliff = '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="ru" target-language="en"><body>\n<trans-unit id="1"><source>a</source><target>Some 8 thousand</targt></trans-unit>\n</body></file></xliff>\n';
    const result = await check(xliff, { format: "xliff", path: "broken.xlf" });
    expect(result.passed).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ kind: "input", file: "broken.xlf", line: 3, message: expect.stringContaining("malformed XML") })]);
  });

  test("a broken JSONL line is reported with its line; the other lines are still checked, and fix() changes nothing", async () => {
    const text = '{"id": "1", "target": "Some 8 thousand people came."}\n{"id": "2", "target": \n{"id": "3", "target": "Fine."}\n';
    const result = await check(text, { format: "jsonl" });
    expect(result.findings.map((f) => [f.text, f.line])).toEqual([["8 thousand", 1]]);
    expect(result.errors).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining("not valid JSON") })]);
    expect(result.passed).toBe(false);
    const fixed = await fix(text, { format: "jsonl" });
    expect(fixed).toMatchObject({ text, applied: 0, errors: [expect.objectContaining({ line: 2 })] });
    expect(fixed.remaining.map((f) => f.text)).toEqual(["8 thousand"]);
    expect((await check("Fine text.\n")).errors).toEqual([]);
  });
});

test("an extends cycle is named in full: a → b → c → a", async () => {
  const dir = tempTree({ "a.txt": MT_TEXT, "a.json": '{ "extends": "./b.json" }', "b.json": '{ "extends": "./c.json" }', "c.json": '{ "extends": "./a.json" }' });
  const run = await runCli(["check", "--config", join(dir, "a.json"), join(dir, "a.txt")]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/circular extends: \S*a\.json → \S*b\.json → \S*c\.json → \S*a\.json/);
  writeFileSync(join(dir, "self.json"), '{ "extends": "./self.json" }');
  expect((await runCli(["check", "--config", join(dir, "self.json"), join(dir, "a.txt")])).stderr).toMatch(/circular extends: \S*self\.json → \S*self\.json/);
});

describe("symlinks: each real file is checked once, and loops end", () => {
  const checkedPaths = async (...args: string[]) => {
    const run = await runCli(["check", "--format", "json", ...args]);
    return (JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
  };

  test("a folder walk follows symlinked files and folders, and does not loop", async () => {
    const dir = tempTree({ "docs/a.txt": MT_TEXT, "elsewhere/b.txt": MT_TEXT, "shared/c.txt": MT_TEXT });
    symlinkSync(join(dir, "elsewhere/b.txt"), join(dir, "docs/b.txt"));
    symlinkSync(join(dir, "shared"), join(dir, "docs/shared"));
    symlinkSync(join(dir, "docs"), join(dir, "docs/loop"));
    symlinkSync(join(dir, "docs/a.txt"), join(dir, "docs/same-as-a.txt"));
    symlinkSync(join(dir, "nowhere.txt"), join(dir, "docs/broken.txt"));
    expect((await checkedPaths(join(dir, "docs"))).map((p) => p.slice(dir.length + 1))).toEqual(["docs/a.txt", "docs/b.txt", "docs/shared/c.txt"]);
  });

  test("a glob through a symlink loop checks each file once, by its shortest name", async () => {
    const dir = tempTree({ "docs/a.txt": MT_TEXT, "docs/sub/b.txt": MT_TEXT });
    symlinkSync(join(dir, "docs"), join(dir, "docs/sub/up"));
    expect((await checkedPaths(`${dir}/docs/**/*.txt`)).map((p) => relative(dir, resolve(p)))).toEqual(["docs/a.txt", "docs/sub/b.txt"]);
  });

  test("one file named twice, directly and through a symlink, is checked once", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    symlinkSync(join(dir, "a.txt"), join(dir, "link.txt"));
    expect(await checkedPaths(join(dir, "link.txt"), join(dir, "a.txt"))).toEqual([join(dir, "link.txt")]);
  });
});
