/**
 * The built CLI (dist/, compiled by `npm test` and by `npm ci`) as a user runs it: worker threads
 * give exactly the results of a single-thread run, in the same order.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { tempTree } from "./cli-helpers.js";

const bin = fileURLToPath(new URL("../bin/mtlint.js", import.meta.url));
const run = (...args: string[]) => {
  try {
    return execFileSync(process.execPath, [bin, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  } catch (e) {
    return String((e as { stdout?: string }).stdout);
  }
};

test("--jobs 2 reports exactly what --jobs 1 does, in the same order", () => {
  // Over the size at which workers start (512 KB), mostly clean, with some findings in every file.
  const clean = "The council met the residents of the old town and thanked them for coming to the hall. ".repeat(40);
  const paragraph = `${clean}Then 8 thousand residents came, – said the mayor. The IG and ISIS (ISIS) were named.\n\n`;
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`f${String(i).padStart(2, "0")}.txt`] = `${paragraph.repeat(15 + i)}End of file ${i}.\n`;
  const dir = tempTree(files);
  const single = JSON.parse(run("check", "--format", "json", "--jobs", "1", dir));
  const parallel = JSON.parse(run("check", "--format", "json", "--jobs", "2", dir));
  expect(single.files).toHaveLength(12);
  expect(single.summary.findings).toBeGreaterThan(500);
  expect(parallel).toEqual(single);
  expect(parallel.files.map((f: { path: string }) => f.path)).toEqual(Object.keys(files).map((f) => join(dir, f)));
});
