/** Options that must never take a path for their value, repeated options, and outputs that would overwrite inputs. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MT_TEXT, runBuiltCli, runCli, tempTree } from "./cli-helpers.js";

describe("--write-baseline", () => {
  test("given without =FILE it takes no value: the path after it is checked, not overwritten", () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const run = runBuiltCli(dir, ["check", "--write-baseline", "a.txt"]);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(MT_TEXT);
    const baseline = JSON.parse(readFileSync(join(dir, ".mtlint-baseline.json"), "utf8"));
    expect(Object.keys(baseline.findings).length).toBeGreaterThan(2);
  });

  test("=FILE names the baseline; a file that is not a baseline is never overwritten", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT, "notes.json": '{"keep": "me"}\n' });
    const file = join(dir, "a.txt");
    for (const target of [file, join(dir, "notes.json")]) {
      const before = readFileSync(target, "utf8");
      const run = await runCli(["check", `--write-baseline=${target}`, file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is not a baseline; not overwritten|is one of the files to check/);
      expect(readFileSync(target, "utf8")).toBe(before);
    }
    const baseline = join(dir, "b.json");
    expect((await runCli(["check", `--write-baseline=${baseline}`, file])).code).toBe(0);
    // A baseline may be written again.
    expect((await runCli(["check", `--write-baseline=${baseline}`, file])).code).toBe(0);
    expect((await runCli(["check", "--baseline", baseline, file])).code).toBe(0);
  });
});

describe("a repeated option: the last one wins", () => {
  test("numbers are not added up (--min-score 90 --min-score 1 is 1, not 91)", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const file = join(dir, "a.txt");
    const score = JSON.parse((await runCli(["check", "--format", "json", file])).stdout).files[0].score;
    expect(score).toBeGreaterThan(1);
    expect(score).toBeLessThan(90);
    expect((await runCli(["check", "--fail-on", "critical", "--min-score", "90", "--min-score", "1", file])).code).toBe(0);
    expect((await runCli(["check", "--min-score", "1", "--min-score", "90", file])).code).toBe(1);
    const findings = JSON.parse((await runCli(["check", "--format", "json", file])).stdout).summary.findings;
    expect(findings).toBeGreaterThan(1);
    expect((await runCli(["check", "--min-score", "0", "--max-findings", String(findings - 1), "--max-findings", "1", file])).code).toBe(1);
    expect((await runCli(["check", "--min-score", "0", "--max-findings", "1", "--max-findings", String(findings), file])).code).toBe(0);
    expect((await runCli(["check", "--jobs", "3", "--jobs", "0", file])).stderr).toContain("--jobs must be a whole number");
    expect((await runCli(["check", "--jobs", "3", "--jobs", "1", file])).code).toBe(1);
  });

  test("choices and strings take the last value, and every path is still checked", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT, "b.txt": "Clean text.\n", "off.json": JSON.stringify({ rules: { "en/numbers/thousand-in-words": "off" } }) });
    const run = await runCli(["check", join(dir, "a.txt"), "--format", "sarif", "--format", "json", "--config", join(dir, "missing.json"), "--config", join(dir, "off.json"), join(dir, "b.txt")]);
    const report = JSON.parse(run.stdout);
    expect(report.files).toHaveLength(2);
    expect(report.files[0].findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain("en/numbers/thousand-in-words");
  });
});

describe("options that write files", () => {
  test("an option that needs a value and has none is a usage error", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    for (const option of ["--output-file", "--config", "--baseline", "--cache-location", "--jobs"]) {
      const run = await runCli(["check", join(dir, "a.txt"), option]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("Not enough arguments");
    }
  });

  test("a report, baseline or cache is never written over a file being checked", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const file = join(dir, "a.txt");
    for (const args of [["-o", file], [`--write-baseline=${file}`], ["--cache", "--cache-location", file]]) {
      const run = await runCli(["check", ...args, dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is one of the files to check|is not a baseline/);
      expect(readFileSync(file, "utf8")).toBe(MT_TEXT);
    }
  });

  test("an unwritable --output-file, --write-baseline or --cache-location is a one-line error with exit code 2", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const file = join(dir, "a.txt");
    const missing = join(dir, "no-such-folder", "out");
    // A report file's missing folders are made (test/cli-conventions.test.ts); a file in the way is not one.
    const underAFile = join(file, "no-such-folder", "out");
    for (const args of [["--output-file", underAFile], [`--write-baseline=${missing}`], ["--cache", "--cache-location", missing]]) {
      const run = await runCli(["check", ...args, file]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split("\n").filter((l) => l.startsWith("mtlint:"))).toEqual([expect.stringMatching(/^mtlint: .*no-such-folder.*(cannot write|ENOENT)/)]);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, "no-such-folder"))).toBe(false);
    expect(readFileSync(file, "utf8")).toBe(MT_TEXT);
  });

  test("the report file is written as before", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const out = join(dir, "report.json");
    writeFileSync(out, "an old report that is longer than the new one will be, so that truncation shows ".repeat(100));
    expect((await runCli(["check", "--format", "json", "-o", out, join(dir, "a.txt")])).code).toBe(1);
    expect(JSON.parse(readFileSync(out, "utf8")).files).toHaveLength(1);
  });
});

test("init writes into a folder: a file for its folder is a one-line usage error, and the file is left alone", async () => {
  const dir = tempTree({ "a.txt": MT_TEXT });
  const run = await runCli(["init", join(dir, "a.txt")]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("a.txt is not a folder");
  expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(MT_TEXT);
});
