/** The pre-publish lint step: gating options, baselines, output files, explain and init. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MT_TEXT, runCli, tempTree } from "./cli-helpers.js";

describe("gating", () => {
  test("--fail-on major fails a file with a major finding whatever its score", async () => {
    const dir = tempTree({ "a.txt": `${"Clean words here. ".repeat(200)}Then the IG and ISIS (ISIS).` });
    const file = join(dir, "a.txt");
    expect((await runCli(["check", file])).code).toBe(0);
    expect((await runCli(["check", "--fail-on", "major", file])).code).toBe(1);
    expect((await runCli(["check", "--fail-on", "major", "--format", "json", file])).stdout).toContain('"failOn": "major"');
  });

  test("--max-findings fails a run with more findings than allowed", async () => {
    const dir = tempTree({ "a.txt": `${"Clean words here. ".repeat(200)}Some 5 thousand and 6 thousand.` });
    const file = join(dir, "a.txt");
    expect((await runCli(["check", "--max-findings", "2", file])).code).toBe(0);
    const run = await runCli(["check", "--max-findings", "1", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("more than --max-findings 1");
  });

  test("--output-file writes the report to a file", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const out = join(dir, "report.sarif");
    const run = await runCli(["check", "--format", "sarif", "--output-file", out, join(dir, "a.txt")]);
    expect(run.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).version).toBe("2.1.0");
  });
});

describe("baseline", () => {
  test("accepted findings stay accepted after unrelated edits; a new finding fails", async () => {
    const text = "Intro paragraph.\n\nSome 5 thousand cars, – he said.\n";
    const dir = tempTree({ "a.txt": text });
    const file = join(dir, "a.txt");
    const baseline = join(dir, "baseline.json");
    const write = await runCli(["check", `--write-baseline=${baseline}`, file]);
    expect(write.code).toBe(0);
    expect(write.stderr).toContain("wrote 2 findings");
    expect((await runCli(["check", "--baseline", baseline, file])).code).toBe(0);

    writeFileSync(file, `A new first line.\n\nAnother paragraph added above.\n\n${text}`);
    const edited = await runCli(["check", "--format", "json", "--baseline", baseline, file]);
    expect(edited.code).toBe(0);
    expect(JSON.parse(edited.stdout).files[0].findings).toEqual([]);

    writeFileSync(file, `${text}\nAnd 7 thousand more.\n`);
    const added = await runCli(["check", "--format", "json", "--baseline", baseline, file]);
    expect(added.code).toBe(1);
    expect(JSON.parse(added.stdout).files[0].findings.map((f: { text: string }) => f.text)).toEqual(["7 thousand"]);
  });

  test("the same flagged text twice needs two baseline entries", async () => {
    const dir = tempTree({ "a.txt": "Some 5 thousand cars.\n" });
    const file = join(dir, "a.txt");
    const baseline = join(dir, "b.json");
    await runCli(["check", `--write-baseline=${baseline}`, file]);
    writeFileSync(file, "Some 5 thousand cars.\n\nSome 5 thousand cars.\n");
    const run = await runCli(["check", "--format", "json", "--baseline", baseline, file]);
    expect(JSON.parse(run.stdout).files[0].findings).toHaveLength(1);
  });

  test("a baseline that is not one is a usage error", async () => {
    const dir = tempTree({ "a.txt": "Text.", "b.json": "[]" });
    const run = await runCli(["check", "--baseline", join(dir, "b.json"), join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("expected a baseline written by --write-baseline");
  });
});

test("explain prints a rule's description, category, fix and examples", async () => {
  const run = await runCli(["explain", "en/numbers/thousand-in-words"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("category:   locale-convention/number-format");
  expect(run.stdout).toContain("fix:        safe (applied by --fix)");
  expect(run.stdout).toContain("flag  Was made almost [[8 thousand]] sorties.");
  const unknown = await runCli(["explain", "en/numbers/thousand-in-word"]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('did you mean "en/numbers/thousand-in-words"');
});

test("init writes a starter config with the language guessed from the files", async () => {
  const dir = tempTree({ "de.txt": "Die Größe und die Schönheit der Straße überraschten die Besucher. Äpfel für alle!\n" });
  const run = await runCli(["init", dir]);
  expect(run.code).toBe(0);
  const config = JSON.parse(readFileSync(join(dir, ".mtlintrc.json"), "utf8"));
  expect(config).toMatchObject({ language: "de", extends: ["mtlint:recommended"] });
  expect(existsSync(join(dir, config.$schema))).toBe(true);
  expect((await runCli(["init", dir])).code).toBe(2);
  expect((await runCli(["check", dir])).code).toBe(0);
});

describe("changed files only", () => {
  test("--since checks only files changed since a git ref, including new ones", async () => {
    const { execFileSync } = await import("node:child_process");
    const dir = tempTree({ "old.txt": "Some 5 thousand.", "edited.txt": "Clean." });
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", ...args], { cwd: dir });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "start");
    writeFileSync(join(dir, "edited.txt"), "Some 6 thousand.");
    writeFileSync(join(dir, "new.txt"), "Some 7 thousand.");
    const run = await runCli(["check", "--format", "json", "--since", "HEAD", dir]);
    expect(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path.slice(dir.length + 1)).sort()).toEqual(["edited.txt", "new.txt"]);
    const bad = await runCli(["check", "--since", "no-such-ref", dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since no-such-ref");
  });

  test("--cache reuses results of unchanged files and recomputes when the file or config changes", async () => {
    const dir = tempTree({ "a.txt": "Some 5 thousand." });
    const file = join(dir, "a.txt");
    const cacheFile = join(dir, ".cache");
    const run = async () => JSON.parse((await runCli(["check", "--format", "json", "--cache", "--cache-location", cacheFile, file])).stdout).files[0];
    expect((await run()).findings).toHaveLength(1);
    // Mark the cached entry, so that a reuse is visible.
    const cache = JSON.parse(readFileSync(cacheFile, "utf8"));
    Object.values(cache.entries as Record<string, { result: { score: number } }>)[0]!.result.score = 12.34;
    writeFileSync(cacheFile, JSON.stringify(cache));
    expect((await run()).score).toBe(12.34);
    writeFileSync(join(dir, ".mtlintrc.json"), JSON.stringify({ rules: { "en/numbers/thousand-in-words": "off" } }));
    expect(await run()).toMatchObject({ score: 100, findings: [] });
    writeFileSync(file, "Some 5 thousand, – he said.");
    expect((await run()).findings).toHaveLength(1);
  });
});
