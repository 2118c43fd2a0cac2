/** The command-line conventions of other linters: --rule, --print-config, .mtlintignore, --stdin-filename, colours, --quiet, machine reports beside a diff, explain, --lang, -o. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runBuiltCli, runCli, tempTree } from "./cli-helpers.js";

/** A spaced hyphen (en/punctuation/spaced-hyphen-as-dash, off by default) and a space before a comma (en/punctuation/space-before-punctuation, on). */
const PUNCTUATION_TEXT = "It was late - too late. They came , and then they left.\n";
const SPACED_HYPHEN = "en/punctuation/spaced-hyphen-as-dash";
const SPACE_BEFORE = "en/punctuation/space-before-punctuation";

/** A German PO file with a doubled space (minor, line 7) and a number left out (major, line 10). */
const GERMAN_PO = [
  'msgid ""',
  'msgstr ""',
  '"Language: de\\n"',
  '"Content-Type: text/plain; charset=UTF-8\\n"',
  "",
  'msgid "Open the window."',
  'msgstr "Öffnen Sie das  Fenster."',
  "",
  'msgid "Delete 5 files?"',
  'msgstr "Dateien löschen?"',
  "",
].join("\n");

/** An XLIFF file that does not say its target language; its one target is French only by its space before "?". */
const UNNAMED_XLIFF = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" datatype="plaintext" original="x">
    <body>
      <trans-unit id="1"><source>Delete?</source><target>Supprimer?</target></trans-unit>
    </body>
  </file>
</xliff>
`;

interface JsonReport {
  files: { path: string; findings: { ruleId: string; severity: string; line: number }[] }[];
}

const report = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;
const findingsOf = (stdout: string) => report(stdout).files.flatMap((f) => f.findings.map((x) => [x.ruleId, x.severity]));
const rulesOf = (stdout: string) => findingsOf(stdout).map(([rule]) => rule);

describe("--rule ID=SEVERITY|off", () => {
  test("sets a rule's severity, switches it off, and switches on one that is off by default", async () => {
    const file = join(tempTree({ "a.txt": PUNCTUATION_TEXT }), "a.txt");
    const base = ["check", "--lang", "en", "--format", "json", file];
    expect(findingsOf((await runCli(base)).stdout)).toEqual([[SPACE_BEFORE, "minor"]]);
    expect(findingsOf((await runCli([...base, "--rule", `${SPACE_BEFORE}=critical`])).stdout)).toEqual([[SPACE_BEFORE, "critical"]]);
    expect(rulesOf((await runCli([...base, "--rule", `${SPACE_BEFORE}=off`])).stdout)).toEqual([]);
    const both = await runCli([...base, "--rule", `${SPACED_HYPHEN}=major`, "--rule", `${SPACE_BEFORE}=off`]);
    expect(findingsOf(both.stdout)).toEqual([[SPACED_HYPHEN, "major"]]);
  });

  test("a prefix sets the rules under it that are on and does not switch on those that are off by default", async () => {
    const file = join(tempTree({ "a.txt": PUNCTUATION_TEXT }), "a.txt");
    const run = await runCli(["check", "--lang", "en", "--format", "json", "--rule", "en/punctuation/*=critical", file]);
    expect(findingsOf(run.stdout)).toEqual([[SPACE_BEFORE, "critical"]]);
    expect(rulesOf((await runCli(["check", "--lang", "en", "--format", "json", "--rule", "en/punctuation/*=off", file])).stdout)).toEqual([]);
  });

  test("the command line wins over the config, also where the config switches a whole prefix off after the rule", async () => {
    const dir = tempTree({
      "a.txt": PUNCTUATION_TEXT,
      ".mtlintrc.json": JSON.stringify({ language: "en", rules: { [SPACE_BEFORE]: "major", "en/punctuation/*": "off" } }),
    });
    const file = join(dir, "a.txt");
    expect(rulesOf((await runCli(["check", "--format", "json", file])).stdout)).toEqual([]);
    const run = await runCli(["check", "--format", "json", "--rule", `${SPACE_BEFORE}=critical`, file]);
    expect(findingsOf(run.stdout)).toEqual([[SPACE_BEFORE, "critical"]]);
  });

  test("an unknown id is a usage error (exit 2) with the closest id; a misspelt prefix gets the closest prefix", async () => {
    const file = join(tempTree({ "a.txt": PUNCTUATION_TEXT }), "a.txt");
    const typo = await runCli(["check", "--rule", "en/punctuation/spaced-hyphen-as-dsh=major", file]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`did you mean "${SPACED_HYPHEN}"`);
    expect(typo.stdout).toBe("");
    const prefix = await runCli(["check", "--rule", "en/punctation/*=major", file]);
    expect(prefix.code).toBe(2);
    expect(prefix.stderr).toContain('did you mean "en/punctuation/*"');
    const malformed = await runCli(["check", "--rule", `${SPACE_BEFORE}=loud`, file]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/expected ID=SEVERITY/);
  });
});

describe("a severity on a prefix in the config", () => {
  test('"en/punctuation/*": "critical" raises the rules that are on and leaves those off by default off; a rule\'s own id switches it on', async () => {
    const dir = tempTree({
      "prefix/.mtlintrc.json": JSON.stringify({ language: "en", rules: { "en/punctuation/*": "critical" } }),
      "prefix/a.txt": PUNCTUATION_TEXT,
      "own/.mtlintrc.json": JSON.stringify({ language: "en", rules: { "en/punctuation/*": "critical", [SPACED_HYPHEN]: "minor" } }),
      "own/a.txt": PUNCTUATION_TEXT,
    });
    expect(findingsOf((await runCli(["check", "--format", "json", join(dir, "prefix/a.txt")])).stdout)).toEqual([[SPACE_BEFORE, "critical"]]);
    expect(findingsOf((await runCli(["check", "--format", "json", join(dir, "own/a.txt")])).stdout)).toEqual([
      [SPACED_HYPHEN, "minor"],
      [SPACE_BEFORE, "critical"],
    ]);
  });
});

describe("--print-config FILE", () => {
  test("prints the settings that apply to that file (its config, overrides and --rule) as one JSON document and checks nothing", async () => {
    const dir = tempTree({
      ".mtlintrc.json": JSON.stringify({
        language: "de",
        sourceLanguage: "en",
        rules: { "common/grammar/doubled-word": "major" },
        overrides: [{ files: "legacy/**", rules: { "common/accuracy/number-parity": "off" } }],
      }),
      "app.po": GERMAN_PO,
      "legacy/old.po": GERMAN_PO,
    });
    const app = await runCli(["check", "--print-config", join(dir, "app.po")]);
    expect(app.code).toBe(0);
    const printed = JSON.parse(app.stdout) as { configFile: string; language: string; sourceLanguage: string; rules: Record<string, string> };
    expect(printed.configFile).toBe(join(dir, ".mtlintrc.json"));
    expect([printed.language, printed.sourceLanguage]).toEqual(["de", "en"]);
    expect(printed.rules["common/grammar/doubled-word"]).toBe("major");
    expect(printed.rules["common/accuracy/number-parity"]).toBe("major");
    expect(printed.rules[SPACED_HYPHEN]).toBeUndefined();

    const legacy = JSON.parse((await runCli(["check", "--print-config", join(dir, "legacy/old.po"), "--rule", `${SPACED_HYPHEN}=minor`])).stdout) as typeof printed;
    expect(legacy.rules["common/accuracy/number-parity"]).toBeUndefined();
    expect(legacy.rules[SPACED_HYPHEN]).toBe("minor");
  });
});

describe(".mtlintignore", () => {
  const tree = () =>
    tempTree({
      ".mtlintignore": "# generated and vendored files\n\nvendor/\n*.generated.po\n/top-only.po\n",
      "app.po": GERMAN_PO,
      "app.generated.po": GERMAN_PO,
      "vendor/lib.po": GERMAN_PO,
      "top-only.po": GERMAN_PO,
      "sub/top-only.po": GERMAN_PO,
      "sub/deep.generated.po": GERMAN_PO,
    });
  const paths = (stdout: string) => report(stdout).files.map((f) => f.path.split("\\").join("/")).sort();

  test("leaves out what its patterns match when a folder is walked or a glob expanded", () => {
    const dir = tree();
    const walked = runBuiltCli(dir, ["check", "--format", "json", "."]);
    expect(paths(walked.stdout)).toEqual(["app.po", "sub/top-only.po"]);
    const globbed = runBuiltCli(dir, ["check", "--format", "json", "**/*.po"]);
    expect(paths(globbed.stdout)).toEqual(["app.po", "sub/top-only.po"]);
  });

  test("a file named on the command line is checked", () => {
    const dir = tree();
    const named = runBuiltCli(dir, ["check", "--format", "json", "vendor/lib.po", "app.generated.po"]);
    expect(paths(named.stdout)).toEqual(["app.generated.po", "vendor/lib.po"]);
  });
});

describe("--stdin-filename", () => {
  test("stdin is read in the format of the name's extension, named so in reports", async () => {
    const run = await runCli(["check", "--format", "json", "--stdin-filename", "locale/app.po", "-"], GERMAN_PO);
    const { files } = report(run.stdout);
    expect(files.map((f) => f.path)).toEqual(["locale/app.po"]);
    expect(files[0]!.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ["common/punctuation/whitespace-parity", 7],
      ["common/accuracy/number-parity", 10],
    ]);
    const stylish = await runCli(["check", "--no-color", "--stdin-filename", "locale/app.po", "-"], GERMAN_PO);
    expect(stylish.stdout.split("\n")[0]).toBe("locale/app.po");
  });

  test("the name gives the language a file does not say, and the config that applies", async () => {
    expect(rulesOf((await runCli(["check", "--format", "json", "--stdin-filename", "messages.fr.xlf", "-"], UNNAMED_XLIFF)).stdout)).toEqual([
      "fr/punctuation/missing-no-break-space",
    ]);
    expect(rulesOf((await runCli(["check", "--format", "json", "--stdin-format", "xliff", "-"], UNNAMED_XLIFF)).stdout)).not.toContain(
      "fr/punctuation/missing-no-break-space",
    );
    const dir = tempTree({ "quiet/.mtlintrc.json": JSON.stringify({ rules: { "fr/punctuation/*": "off" } }) });
    const configured = await runCli(["check", "--format", "json", "--stdin-filename", join(dir, "quiet/messages.fr.xlf"), "-"], UNNAMED_XLIFF);
    expect(rulesOf(configured.stdout)).toEqual([]);
  });
});

describe("--color / --no-color", () => {
  const ESCAPE = "\u001b[";

  test("--no-color leaves escape codes out even where the environment asks for colour; --color puts them in", () => {
    const dir = tempTree({ "a.po": GERMAN_PO });
    expect(runBuiltCli(dir, ["check", "a.po"], { env: { FORCE_COLOR: "1" } }).stdout).toContain(ESCAPE);
    expect(runBuiltCli(dir, ["check", "--no-color", "a.po"], { env: { FORCE_COLOR: "1" } }).stdout).not.toContain(ESCAPE);
    expect(runBuiltCli(dir, ["check", "--color", "a.po"], { env: { NO_COLOR: "1" } }).stdout).toContain(ESCAPE);
  });
});

describe("--quiet[=SEVERITY]", () => {
  test("reports only findings at or above the severity; -q alone means major and takes no path as its value", async () => {
    const file = join(tempTree({ "a.po": GERMAN_PO }), "a.po");
    const severities = async (...flags: string[]) => findingsOf((await runCli(["check", "--format", "json", ...flags, file])).stdout).map(([, s]) => s);
    expect(await severities()).toEqual(["minor", "major"]);
    expect(await severities("--quiet=minor")).toEqual(["minor", "major"]);
    expect(await severities("--quiet=major")).toEqual(["major"]);
    expect(await severities("--quiet=critical")).toEqual([]);
    expect(await severities("-q")).toEqual(["major"]);
    expect(await severities("--quiet")).toEqual(["major"]);
    const stylish = await runCli(["check", "--no-color", "-q", file]);
    expect(stylish.stdout).toContain("common/accuracy/number-parity");
    expect(stylish.stdout).not.toContain("whitespace-parity");
    expect(stylish.stdout).not.toMatch(/corpus score/);
  });

  test("a severity that is none is a usage error", async () => {
    const file = join(tempTree({ "a.po": GERMAN_PO }), "a.po");
    const run = await runCli(["check", "--quiet=loud", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/expected minor, major or critical/);
  });
});

describe("--fix --dry-run beside a machine-readable report", () => {
  test("with --format json stdout is one JSON document and the diff goes to stderr; the file is unchanged", async () => {
    const text = "The ministry said that 8 thousand people came.\n";
    const file = join(tempTree({ "a.txt": text }), "a.txt");
    const run = await runCli(["check", "--lang", "en", "--fix", "--dry-run", "--format", "json", file]);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stdout).not.toContain("+++");
    expect(run.stderr).toContain("-The ministry said that 8 thousand people came.");
    expect(run.stderr).toContain("+The ministry said that 8,000 people came.");
    expect(readFileSync(file, "utf8")).toBe(text);
    // The stylish report keeps the diff on stdout, where a person reads it.
    expect((await runCli(["check", "--lang", "en", "--fix", "--dry-run", file])).stdout).toContain("+The ministry said that 8,000 people came.");
  });
});

describe("explain", () => {
  test("knows the rules of a config's own rule files", async () => {
    const rule = {
      id: "house/utilize",
      kind: "pattern",
      category: "style",
      severity: "minor",
      message: "Say “use”.",
      description: "House style prefers the short verb.",
      pattern: "\\butilize\\b",
      replace: "use",
      examples: [{ text: "We [[utilize]] it.", fixed: "We use it." }],
    };
    const dir = tempTree({ "house.json": JSON.stringify({ rules: [rule] }), "cfg.json": JSON.stringify({ ruleFiles: ["house.json"] }) });
    const withConfig = await runCli(["explain", "house/utilize", "-c", join(dir, "cfg.json")]);
    expect(withConfig.code).toBe(0);
    expect(withConfig.stdout).toContain("House style prefers the short verb.");
    const without = await runCli(["explain", "house/utilize"]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('unknown rule id "house/utilize"');
  });
});

describe("--lang", () => {
  test("a code that is no language is a usage error; a language without a rule pack is checked by the common rules, with a warning", async () => {
    const file = join(tempTree({ "a.po": GERMAN_PO }), "a.po");
    for (const code of ["xx", "qq", "english"]) {
      const run = await runCli(["check", "--lang", code, file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--lang ${code}: not a language code`);
    }
    const swahili = await runCli(["check", "--format", "json", "--lang", "sw", file]);
    expect(swahili.stderr).toMatch(/warning: --lang sw: mtlint has no rule pack for Swahili/);
    expect(rulesOf(swahili.stdout)).toEqual(["common/punctuation/whitespace-parity", "common/accuracy/number-parity"]);
    for (const code of ["de", "de-CH", "es-MX", "zh_CN"]) expect((await runCli(["check", "--lang", code, file])).stderr).not.toMatch(/--lang/);
  });

  test("so is a config's language, source language or override language that names no language: a config error naming the field", async () => {
    const dir = tempTree({
      "a.txt": "Hello there.\n",
      "bad.json": JSON.stringify({ language: "xx" }),
      "override.json": JSON.stringify({ overrides: [{ files: ["*.txt"], sourceLanguage: "qq" }] }),
      "good.json": JSON.stringify({ language: "en", sourceLanguage: "pt-BR" }),
    });
    const bad = await runCli(["check", "-c", join(dir, "bad.json"), join(dir, "a.txt")]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('/language: "xx" is not a language code')]);
    const override = await runCli(["check", "-c", join(dir, "override.json"), join(dir, "a.txt")]);
    expect([override.code, override.stderr]).toEqual([2, expect.stringContaining('/overrides/0/sourceLanguage: "qq" is not a language code')]);
    expect((await runCli(["check", "-c", join(dir, "good.json"), join(dir, "a.txt")])).code).toBe(0);
  });
});

describe("-o into a folder that does not exist", () => {
  test("creates the folder and writes the report there", async () => {
    const dir = tempTree({ "a.po": GERMAN_PO });
    const out = join(dir, "reports", "nightly", "mtlint.json");
    const run = await runCli(["check", "--format", "json", "-o", out, join(dir, "a.po")]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(report(readFileSync(out, "utf8")).files).toHaveLength(1);
  });

  test("a folder that cannot be made is a usage error before the check, and leaves nothing behind", async () => {
    const dir = tempTree({ "a.po": GERMAN_PO, "taken": "a file, not a folder\n" });
    const run = await runCli(["check", "-o", join(dir, "taken", "sub", "r.json"), join(dir, "a.po")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--output-file: cannot write the report/);
    expect(existsSync(join(dir, "taken", "sub"))).toBe(false);
  });
});

describe("stdout into a pipe", () => {
  test("a reader that stops early (| head) ends the output quietly, with worker threads too", () => {
    // Over 4 MB, so that it is streamed in batches to the threads; long ids make the bytes with little text.
    const line = (i: number) => JSON.stringify({ id: `${"x".repeat(500)}${i}`, target: `The council met ${i} thousand residents, – said the mayor.` });
    const dir = tempTree({ "big.jsonl": `${Array.from({ length: 9000 }, (_, i) => line(i)).join("\n")}\n` });
    const bin = join(process.cwd(), "bin", "mtlint.js");
    const run = spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" check --format jsonl --jobs 2 big.jsonl | head -c 100`], { cwd: dir, encoding: "utf8" });
    expect(run.stdout).toMatch(/^\{"path":"big\.jsonl"/);
    expect(run.stderr).toBe("");
  }, 120_000);

  test("a reader slower than the check gets every line, in order", () => {
    const line = (i: number) => JSON.stringify({ id: `s${i}`, target: `Prices rose by ${i},5 percent.` });
    const dir = tempTree({ "rows.jsonl": `${Array.from({ length: 3000 }, (_, i) => line(i)).join("\n")}\n` });
    const bin = join(process.cwd(), "bin", "mtlint.js");
    // The reader starts only after a pause, so the pipe fills and the writer must wait for it.
    const run = spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" check --format jsonl --jobs 1 rows.jsonl | (sleep 1; cat)`], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 26 });
    const ids = run.stdout.split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { segmentId: string }).segmentId);
    expect(ids).toEqual(Array.from({ length: 3000 }, (_, i) => `s${i}`));
  }, 120_000);
});
