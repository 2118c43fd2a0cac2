/** The check command end to end: output formats, exit codes, fixes, and every kind of bad input. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MT_TEXT, runCli, tempTree } from "./cli-helpers.js";

interface JsonReport {
  files: { path: string; words: number; score: number; passed: boolean; findings: { ruleId: string; line: number; column: number; start: number; end: number; text: string; fix?: { edits: { start: number; end: number; text: string }[] } }[] }[];
  errors: { kind: string; file?: string; line?: number; message: string }[];
  summary: { files: number; words: number; findings: number; filesFailed: number; byCategory: Record<string, number> };
}

const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

describe("check", () => {
  test("reports findings with file positions, a score below 100, and exit code 1 for a failing file", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const run = await runCli(["check", "--format", "json", join(dir, "a.txt")]);
    expect(run.code).toBe(1);
    const report = json(run.stdout);
    const rules = report.files[0]!.findings.map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(["en/numbers/thousand-in-words", "en/punctuation/comma-dash", "en/terminology/entity-name-consistency"]));
    const ig = report.files[0]!.findings.find((f) => f.text === "IG")!;
    expect(ig.line).toBe(3);
    expect(MT_TEXT.split("\n")[ig.line - 1]!.slice(ig.column - 1, ig.column + 1)).toBe("IG");
    expect(ig.fix!.edits[0]!.text).toBe("ISIS");
    expect(report.files[0]!.score).toBeLessThan(100);
    expect(report.summary.files).toBe(1);
  });

  test("a clean file passes with exit code 0 and score 100", async () => {
    const dir = tempTree({ "clean.txt": "The museum opened on Monday. About 8,000 people came.\n" });
    const run = await runCli(["check", "--format", "json", dir]);
    expect(run.code).toBe(0);
    expect(json(run.stdout).files[0]).toMatchObject({ score: 100, passed: true, findings: [] });
  });

  test("--min-score sets the pass threshold", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    expect((await runCli(["check", "--min-score", "0", join(dir, "a.txt")])).code).toBe(0);
    expect((await runCli(["check", "--min-score", "101", join(dir, "a.txt")])).code).toBe(2);
  });

  test("folders are walked recursively and the summary counts every file", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT, "sub/b.md": "# Title\n\nThe the text.\n", "sub/c.jsonl": '{"id":"1","target":"Some 3 thousand people."}\n', "skip.bin": "x" });
    const report = json((await runCli(["check", "--format", "json", dir])).stdout);
    expect(report.files.map((f) => f.path.slice(dir.length + 1)).sort()).toEqual(["a.txt", "sub/b.md", "sub/c.jsonl"]);
    expect(report.summary.findings).toBe(report.files.reduce((n, f) => n + f.findings.length, 0));
  });

  test("reads stdin with -", async () => {
    const run = await runCli(["check", "--format", "json", "-"], "We saw 5 thousand birds.");
    expect(json(run.stdout).files[0]!.findings[0]).toMatchObject({ ruleId: "en/numbers/thousand-in-words", text: "5 thousand", line: 1, column: 8 });
  });

  test("stylish output shows the fix and a summary", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const run = await runCli(["check", join(dir, "a.txt")]);
    expect(run.stdout).toContain("Replace “8 thousand” with “8,000”");
    expect(run.stdout).toMatch(/1 file, \d+ words, \d+ findings?/);
    expect(run.stdout).toContain("FAIL");
  });
});

describe("fixes", () => {
  test("--fix applies safe fixes; a second run changes nothing", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const file = join(dir, "a.txt");
    await runCli(["check", "--fix", file]);
    const once = readFileSync(file, "utf8");
    expect(once).toBe("The ministry said that 8,000 people came, the director noted.\n\nISIS (ISIS) is defined here. Later the ISIS was named again.\n");
    await runCli(["check", "--fix", file]);
    expect(readFileSync(file, "utf8")).toBe(once);
  });

  test("--fix --dry-run prints a unified diff and writes nothing", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT });
    const file = join(dir, "a.txt");
    const run = await runCli(["check", "--fix", "--dry-run", file]);
    expect(run.stdout).toContain("-The ministry said that 8 thousand people came, – the director noted.");
    expect(run.stdout).toContain("+The ministry said that 8,000 people came, the director noted.");
    expect(readFileSync(file, "utf8")).toBe(MT_TEXT);
  });

  test("unsafe suggestions are applied only with --fix-unsafe", async () => {
    const text = "The US and the US again, then the USA.\n";
    const dir = tempTree({ "a.txt": text });
    const file = join(dir, "a.txt");
    await runCli(["check", "--fix", file]);
    expect(readFileSync(file, "utf8")).toBe(text);
    await runCli(["check", "--fix-unsafe", file]);
    expect(readFileSync(file, "utf8")).toBe("The US and the US again, then the US.\n");
  });

  test("fixes keep the encoding and byte order mark of a UTF-16 file", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("We saw 5 thousand birds.\n", "utf16le")]);
    const dir = tempTree({ "u16.txt": bytes });
    const file = join(dir, "u16.txt");
    await runCli(["check", "--fix", file]);
    expect(readFileSync(file)).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("We saw 5,000 birds.\n", "utf16le")]));
  });

  test("JSONL fixes change only the target of the affected line", async () => {
    const lines = ['{"id":"a","source":"8 тысяч","target":"8 thousand cars"}', '{"id": "b", "target": "Clean line."}', ""];
    const dir = tempTree({ "s.jsonl": lines.join("\n") });
    const file = join(dir, "s.jsonl");
    await runCli(["check", "--fix", file]);
    expect(readFileSync(file, "utf8")).toBe(['{"id":"a","source":"8 тысяч","target":"8,000 cars"}', lines[1], ""].join("\n"));
  });

  test("Markdown code, inline code and URLs are neither flagged nor fixed", async () => {
    const md = "---\ntitle: 5 thousand\n---\n# Notes\n\nRun `the the` now, see https://x.org/the the.\n\n```\n5 thousand the the\n```\n\n- Item with 7 thousand rows\n";
    const dir = tempTree({ "a.md": md });
    const file = join(dir, "a.md");
    const report = json((await runCli(["check", "--format", "json", file])).stdout);
    expect(report.files[0]!.findings.map((f) => f.text)).toEqual(["7 thousand"]);
    await runCli(["check", "--fix", file]);
    expect(readFileSync(file, "utf8")).toBe(md.replace("7 thousand", "7,000"));
  });
});

describe("bad input: one-line messages, exit code 2, other files still checked", () => {
  const expectOneLine = (stderr: string, ...parts: string[]) => {
    const lines = stderr.trim().split("\n");
    expect(lines.some((l) => parts.every((p) => l.includes(p)))).toBe(true);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  };

  test("a missing path", async () => {
    const dir = tempTree({ "ok.txt": MT_TEXT });
    const run = await runCli(["check", "--format", "json", join(dir, "missing.txt"), join(dir, "ok.txt")]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "missing.txt", "no such file");
    expect(json(run.stdout).files).toHaveLength(1);
  });

  test("a folder with no text files", async () => {
    const dir = tempTree({ "empty/image.png": "x" });
    const run = await runCli(["check", join(dir, "empty")]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "empty", "no files to check");
  });

  test("a binary file", async () => {
    const dir = tempTree({ "bin.txt": Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]), "ok.txt": "Fine text." });
    const run = await runCli(["check", "--format", "json", join(dir, "bin.txt"), join(dir, "ok.txt")]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "bin.txt", "binary file");
    expect(json(run.stdout).files.map((f) => f.path)).toEqual([join(dir, "ok.txt")]);
  });

  test("invalid UTF-8 names the line", async () => {
    const dir = tempTree({ "bad.txt": Buffer.concat([Buffer.from("line one\nline two \xff"), Buffer.from([0xc3, 0x28])]), "ok.txt": "Fine." });
    const run = await runCli(["check", join(dir, "bad.txt"), join(dir, "ok.txt")]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "bad.txt:2", "invalid UTF-8");
  });

  test("an empty file is checked, has no words and passes", async () => {
    const dir = tempTree({ "empty.txt": "" });
    const run = await runCli(["check", "--format", "json", join(dir, "empty.txt")]);
    expect(run.code).toBe(0);
    expect(json(run.stdout).files[0]).toMatchObject({ words: 0, score: 100, passed: true });
  });

  test("a 50 MB file with no line breaks is checked in pieces, with positions on line 1", async () => {
    const clean = "The council met a group of residents and the mayor thanked them for coming. ".repeat(60);
    const block = `${clean}Some 8 thousand residents came. `;
    const text = block.repeat(Math.ceil((50 * 1024 * 1024) / block.length));
    const dir = tempTree({ "big.txt": text });
    // One thread: the batches are cut inside the line now, and this process has no built worker to give them to.
    const run = await runCli(["check", "--format", "json", "--jobs", "1", join(dir, "big.txt")]);
    const file = json(run.stdout).files[0]!;
    const expected = text.split("8 thousand").length - 1;
    expect(file.findings.map((f) => f.ruleId)).toEqual(Array(expected).fill("en/numbers/thousand-in-words"));
    const last = file.findings.at(-1)!;
    expect(last.line).toBe(1);
    expect(text.slice(last.column - 1, last.column - 1 + "8 thousand".length)).toBe("8 thousand");
  }, 120_000);

  test("a UTF-16 file with a byte order mark is decoded", async () => {
    const dir = tempTree({ "u16.txt": Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("Only 3 thousand.", "utf16le").swap16()]) });
    const report = json((await runCli(["check", "--format", "json", join(dir, "u16.txt")])).stdout);
    expect(report.files[0]!.findings[0]).toMatchObject({ text: "3 thousand", column: 6 });
  });

  test("invalid JSON in the config names the file, line and column", async () => {
    const dir = tempTree({ ".mtlintrc.json": '{\n  "language": "en",\n}\n', "a.txt": "Text." });
    const run = await runCli(["check", join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, ".mtlintrc.json:3:1", "invalid JSON");
  });

  test("an unknown rule id names the JSON pointer and suggests the closest id", async () => {
    const dir = tempTree({ ".mtlintrc.json": JSON.stringify({ rules: { "en/punctuation/coma-dash": "off" } }), "a.txt": "Text." });
    const run = await runCli(["check", join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, ".mtlintrc.json", "/rules/en~1punctuation~1coma-dash", 'did you mean "en/punctuation/comma-dash"');
  });

  test("a config value of the wrong kind names the pointer and what was expected", async () => {
    const dir = tempTree({ ".mtlintrc.json": JSON.stringify({ rules: { "en/punctuation/comma-dash": "warn" } }), "a.txt": "Text." });
    const run = await runCli(["check", join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "/rules/en~1punctuation~1comma-dash", '"off", "minor", "major", "critical"');
  });

  test("a user rule with an invalid regex", async () => {
    const rules = { rules: [{ id: "my/bad", kind: "pattern", category: "style", severity: "minor", message: "m", pattern: "(unclosed", examples: [{ text: "x" }] }] };
    const dir = tempTree({ ".mtlintrc.json": JSON.stringify({ ruleFiles: ["rules.json"] }), "rules.json": JSON.stringify(rules), "a.txt": "Text." });
    const run = await runCli(["check", join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "rules.json", "/rules/0/pattern", "invalid regular expression");
  });

  test("a config error affects only the files under that config", async () => {
    const dir = tempTree({ "bad/.mtlintrc.json": "{", "bad/a.txt": "Text.", "good/b.txt": "We saw 5 thousand birds." });
    const run = await runCli(["check", "--format", "json", dir]);
    expect(run.code).toBe(2);
    expect(json(run.stdout).files.map((f) => f.path)).toEqual([join(dir, "good/b.txt")]);
  });

  test("a JSONL line that is not JSON is reported and the other lines are checked", async () => {
    const dir = tempTree({ "s.jsonl": '{"id":"1","target":"5 thousand cars"}\n{"id":"2", target}\n{"id":"3","target":"6 thousand vans"}\n' });
    const file = join(dir, "s.jsonl");
    const run = await runCli(["check", "--format", "json", file]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "s.jsonl:2:", "not valid JSON");
    expect(json(run.stdout).files[0]!.findings.map((f) => f.line)).toEqual([1, 3]);
    await runCli(["check", "--fix", file]);
    expect(readFileSync(file, "utf8")).toContain("5 thousand cars"); // nothing written to a file that was not fully read
  });

  test("broken PO entries and JSONL lines are one error line per file and kind of problem; the rest and the other files are checked", async () => {
    const po = ['msgid ""\nmsgstr "Language: de\\n"\n', ...[1, 2, 3, 4, 5].map((n) => `msgid "Item ${n}"\nmsgstr Eintrag\n`), 'msgid "Saved %s"\nmsgstr "Gespeichert"\n'].join("\n");
    const jsonl = ['{"id":"1","target":"5 thousand cars"}', "{bad", "{worse", '{"id":"4"}', "{worst", '{"id":"6","target":"6 thousand vans"}'].join("\n");
    const dir = tempTree({ "de.po": po, "s.jsonl": jsonl, "ok.txt": "We saw 7 thousand birds." });
    const run = await runCli(["check", "--format", "json", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([
      `mtlint: ${join(dir, "de.po")}:5:8: 5 entries skipped: expected a quoted string (the first here)`,
      `mtlint: ${join(dir, "s.jsonl")}:2:2: 3 lines skipped: not valid JSON (Expected property name or '}') (the first here)`,
      `mtlint: ${join(dir, "s.jsonl")}:4:1: line skipped: expected an object with a string "target"`,
    ]);
    const files = json(run.stdout).files;
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.findings.length > 0])).toEqual([["de.po", true], ["ok.txt", true], ["s.jsonl", true]]);
    expect(files.find((f) => f.path.endsWith("s.jsonl"))!.findings.map((f) => f.line)).toEqual([1, 6]);
  });

  test("unknown options and commands are usage errors", async () => {
    expect((await runCli(["check", "--no-such-option"])).code).toBe(2);
    expect((await runCli(["frobnicate"])).code).toBe(2);
    expect((await runCli(["check", "--dry-run", "x.txt"])).stderr).toContain("--dry-run goes with --fix");
  });
});

describe("user rules", () => {
  test("a catastrophic-backtracking pattern from a user rule file runs in linear time", async () => {
    const rules = { rules: [{ id: "my/evil", kind: "pattern", category: "style", severity: "minor", message: "evil", pattern: "(a+)+$", examples: [{ text: "[[aaa]]" }] }] };
    const dir = tempTree({ ".mtlintrc.json": JSON.stringify({ ruleFiles: ["rules.json"] }), "rules.json": JSON.stringify(rules), "a.txt": "a".repeat(40) + "!" });
    const run = await runCli(["check", "--format", "json", join(dir, "a.txt")]);
    expect(json(run.stdout).files[0]!.findings).toEqual([]);
  });

  test("user rules, rule settings, terms and accept lists from the config", async () => {
    const rules = { rules: [{ id: "house/utilize", kind: "pattern", category: "style", severity: "minor", message: "Say “use”.", pattern: "\\butilize\\b", replace: "use", examples: [{ text: "[[utilize]]", fixed: "use" }] }] };
    const config = {
      ruleFiles: ["house.json"],
      rules: { "en/numbers/thousand-in-words": "off", "en/punctuation/*": "major" },
      terms: [{ preferred: "Northern Railway", variants: ["SZhD"] }],
      accept: ["the the"],
    };
    const dir = tempTree({ ".mtlintrc.json": JSON.stringify(config), "house.json": JSON.stringify(rules), "a.txt": "We utilize the the 5 thousand SZhD trains, – he said." });
    const findings = json((await runCli(["check", "--format", "json", join(dir, "a.txt")])).stdout).files[0]!.findings;
    expect(findings.map((f) => [f.ruleId, f.text])).toEqual([
      ["house/utilize", "utilize"],
      ["en/terminology/entity-name-consistency", "SZhD"],
      ["en/punctuation/comma-dash", ", – "],
    ]);
    expect((findings[2] as unknown as { severity: string }).severity).toBe("major");
  });
});

describe("rules command", () => {
  test("lists rules with kind, category, severity and fix", async () => {
    const run = await runCli(["rules", "--lang", "en"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/en\/punctuation\/comma-dash\s+pattern\s+en\s+fluency\/punctuation\s+minor\s+safe/);
  });
});

test("config files are found by walking up from each file", async () => {
  const dir = tempTree({ ".mtlintrc.json": JSON.stringify({ rules: { "en/numbers/thousand-in-words": "off" } }), "deep/er/a.txt": "5 thousand." });
  writeFileSync(join(dir, "b.txt"), "6 thousand.");
  const report = json((await runCli(["check", "--format", "json", dir])).stdout);
  expect(report.summary.findings).toBe(0);
  expect(report.files).toHaveLength(2);
});
