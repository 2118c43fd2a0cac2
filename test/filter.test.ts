/**
 * mtlint as a Unix filter for other engines: the README's GNU parallel recipe (partitions of a
 * JSONL file on stdin, one JSON report each, then `mtlint merge`) gives the corpus totals and
 * score of one run over the whole file.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runBuiltCli, tempTree } from "./cli-helpers.js";

const BIN = fileURLToPath(new URL("../bin/mtlint.js", import.meta.url));

test("the GNU parallel recipe, merged, gives the totals and score of one run", () => {
  const which = spawnSync("sh", ["-c", "command -v parallel"], { encoding: "utf8" });
  if (which.status !== 0) throw new Error("GNU parallel is not installed: this test needs Debian's parallel package (.ci/run installs it: apt-get install -y parallel)");
  const lines = Array.from({ length: 10 }, (_, i) =>
    JSON.stringify({ id: String(i), target: i % 3 ? `The town hall opened at ${i + 8} in the morning and closed at noon.` : `Then ${i + 2} thousand residents came, – said the mayor.` }),
  );
  const dir = tempTree({ "segments.jsonl": `${lines.join("\n")}\n` });
  const mtlint = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
  const recipe = spawnSync("sh", ["-c", `parallel --pipe -N 4 '${mtlint} check --lang en --stdin-format jsonl --stdin-filename part-{#}.jsonl --format json - > part-{#}.json; true' < segments.jsonl`], { cwd: dir, encoding: "utf8" });
  expect(recipe.status).toBe(0);
  const parts = readdirSync(dir).filter((f) => /^part-\d+\.json$/u.test(f));
  expect(parts).toHaveLength(3);
  const merged = runBuiltCli(dir, ["merge", "--format", "json", ...parts.map((p) => join(dir, p))]);
  const whole = runBuiltCli(dir, ["check", "--lang", "en", "--format", "json", "segments.jsonl"]);
  const { files: mergedFiles, summary } = JSON.parse(merged.stdout);
  const wholeSummary = JSON.parse(whole.stdout).summary;
  expect(mergedFiles).toHaveLength(3);
  expect(wholeSummary.findings).toBeGreaterThan(3);
  for (const key of ["words", "findings", "score", "bySeverity", "byCategory", "errors"]) expect(summary[key]).toEqual(wholeSummary[key]);
  expect(merged.code).toBe(whole.code);
});

test("merge refuses a file that is not a JSON report, naming it", () => {
  const dir = tempTree({ "notes.json": '{"hello": 1}' });
  const run = runBuiltCli(dir, ["merge", "notes.json"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("notes.json: not a JSON report of mtlint check --format json");
});
