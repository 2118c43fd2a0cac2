/** Translation consistency across the files of a run: the same source translated two ways, one target for two sources. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigResolver } from "../src/config/config.js";
import type { LocatedFinding } from "../src/core/results.js";
import { streamFile } from "../src/cli/stream.js";
import { acrossFiles } from "../src/engine/corpus.js";
import { RULE_KINDS } from "../src/rules/index.js";
import type { CorpusPart } from "../src/core/rule.js";
import type { RuleKind } from "../src/engine/rule-kind.js";
import { runCli, tempTree } from "./cli-helpers.js";

const RULE = "common/terminology/translation-consistency";

const XLIFF = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="app.txt" source-language="ru" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="close">
        <source>Закройте окно настроек.</source>
        <target>Close the settings window.</target>
      </trans-unit>
      <trans-unit id="save">
        <source>Сохраните файл перед выходом.</source>
        <target>Save the file before leaving.</target>
      </trans-unit>
      <trans-unit id="menu">
        <source>Откройте меню настроек.</source>
        <target>Open the settings menu.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
`;

// Line 7: the run's minority translation; line 10: a target that a.xlf gives another source;
// line 14: another minority, suppressed for this rule.
const PO = `msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Закройте окно настроек."
msgstr "Close the Settings window."

msgid "Сохраните новый файл перед выходом."
msgstr "Save the file before leaving."

# mtlint-disable ${RULE}
msgid "Откройте меню настроек."
msgstr "Show the settings menu."
`;

// Line 5 is inconsistent within this file already (lines 4 and 6 agree): reported once, by the file's own check.
const CSV = `id,source,target
1,Закройте окно настроек.,Close the settings window.
2,Откройте меню.,Open the menu.
3,Откройте меню настроек.,Open the settings menu.
4,Откройте меню настроек.,Open the settings menus.
5,Откройте меню настроек.,Open the settings menu.
`;

const FILES = { "a.xlf": XLIFF, "b.po": PO, "c.csv": CSV };

interface Report {
  files: { path: string; score: number; passed: boolean; findings: LocatedFinding[] }[];
  summary: { findings: number; words: number; score: number };
}

const check = async (dir: string, ...args: string[]) => JSON.parse((await runCli(["check", "--format", "json", ...args, dir])).stdout) as Report;
const brief = (r: Report) => r.files.map((f) => [f.path.split(/[\\/]/).pop(), f.findings.map((g) => `${g.line}:${g.column}-${g.endLine}:${g.endColumn} ${g.ruleId} ${g.message}`)]);

test("the same source translated differently, and one target for two sources, are flagged in the later file", async () => {
  const dir = tempTree(FILES);
  const report = await check(dir);
  const a = join(dir, "a.xlf");
  expect(brief(report)).toEqual([
    ["a.xlf", []],
    [
      "b.po",
      [
        `7:9-7:35 ${RULE} The same source is translated “Close the settings window.” in ${a}:7 (twice in this run).`,
        `10:9-10:38 ${RULE} “Save the file before leaving.” also translates a different source in ${a}:11 (“Сохраните файл перед выходом.”).`,
      ],
    ],
    ["c.csv", [`5:27-5:51 ${RULE} The same source is translated “Open the settings menu.” elsewhere (twice).`]],
  ]);
  const [, b, c] = report.files;
  expect(b!.findings.map((f) => f.text)).toEqual(["Close the Settings window.", "Save the file before leaving."]);
  // b.po: 13 words, two minor findings; c.csv: 19 words, one.
  expect([report.files[0]!.score, b!.score, c!.score]).toEqual([100, 84.61, 94.73]);
  expect(b!.passed).toBe(false);
  expect(report.summary).toMatchObject({ findings: 3, words: 45, score: 93.33 });
});

test("the rule is switched off, given another severity, or kept within files, in the config", async () => {
  const dir = tempTree({
    ...FILES,
    "off.json": JSON.stringify({ rules: { [RULE]: "off" } }),
    "major.json": JSON.stringify({ rules: { [RULE]: "major" } }),
    "within.json": JSON.stringify({ rules: { [RULE]: { options: { acrossFiles: false } } } }),
  });
  const off = await check(dir, "--config", join(dir, "off.json"));
  expect(off.summary.findings).toBe(0);
  const within = await check(dir, "--config", join(dir, "within.json"));
  expect(within.files.map((f) => f.findings.length)).toEqual([0, 0, 1]);
  const major = await check(dir, "--config", join(dir, "major.json"));
  expect(major.files[1]!.findings.map((f) => f.severity)).toEqual(["major", "major"]);
  expect(major.files[1]!.score).toBe(23.07);
});

test("with --cache, cached files still take part, and a second run reports what the first did", async () => {
  const dir = tempTree(FILES);
  const cache = join(dir, "mtlint.cache");
  const first = await check(dir, "--cache", "--cache-location", cache);
  const second = await check(dir, "--cache", "--cache-location", cache);
  expect(first.summary.findings).toBe(3);
  expect(second).toEqual(first);
});

test("the batches of a streamed JSONL file are compared with each other", async () => {
  const line = (source: string, target: string) => JSON.stringify({ source, target, srcLang: "ru", tgtLang: "en" });
  const lines = Array.from({ length: 2100 }, (_, i) => line(`Строка номер ${i}.`, `Line number ${i}.`));
  lines[0] = line("Закройте окно настроек.", "Close the settings window.");
  lines[1] = line("Закройте окно настроек.", "Close the settings window.");
  lines[2050] = line("Закройте окно настроек.", "Close the Settings window.");
  const dir = tempTree({ "big.jsonl": `${lines.join("\n")}\n` });
  const path = join(dir, "big.jsonl");
  const outcome = await streamFile(path, { corpus: true }, new ConfigResolver().forPath(path));
  expect(outcome.corpus).toHaveLength(2);
  const [found] = acrossFiles([{ label: "big.jsonl", documents: outcome.corpus! }], (kind) => RULE_KINDS.get(kind));
  expect(found!.map((f) => [f.line, f.text, f.message])).toEqual([[2051, "Close the Settings window.", "The same source is translated “Close the settings window.” in big.jsonl:1 (twice in this run)."]]);
});

test("files in different target languages are not compared", async () => {
  const german = XLIFF.replace('target-language="en"', 'target-language="de"').replace("Close the settings window.", "Schließen Sie das Einstellungsfenster.");
  // Mixed with the English files, the German translation would be the outlier.
  const dir = tempTree({ "a.xlf": XLIFF, "b.xlf": XLIFF, "c.de.xlf": german });
  expect((await check(dir)).summary.findings).toBe(0);
  const shut = tempTree({ "a.xlf": XLIFF, "b.xlf": XLIFF, "c.de.xlf": german, "d.xlf": XLIFF.replace("Close the settings window.", "Close the Settings window.") });
  expect(brief(await check(shut)).flatMap(([file, findings]) => (findings as string[]).map(() => file))).toEqual(["d.xlf"]);
});

test("--jobs 2 reports exactly what --jobs 1 does", () => {
  // Workers start above 512 KB of input: a clean text file makes up the size.
  const filler = "The museum opens at nine and closes at six on every day of the week.\n\n".repeat(7600);
  const dir = tempTree({ ...FILES, "filler.txt": filler });
  const bin = fileURLToPath(new URL("../bin/mtlint.js", import.meta.url));
  const run = (jobs: string) => {
    try {
      return execFileSync(process.execPath, [bin, "check", "--format", "json", "--jobs", jobs, dir], { encoding: "utf8", maxBuffer: 1 << 26 });
    } catch (e) {
      return String((e as { stdout?: string }).stdout);
    }
  };
  const single = JSON.parse(run("1")) as Report;
  expect(single.summary.findings).toBe(3);
  expect(JSON.parse(run("2"))).toEqual(single);
}, 120_000);

test("any rule kind can compare the files of a run through the corpus hook", () => {
  const unit = { start: 0, end: 5, sourceKey: "s", targetKey: "t", content: "", source: "", flagged: false, short: false, quiet: false, segmentId: "1", text: "Hello", line: 3, column: 1, endLine: 3, endColumn: 6, fingerprint: "f" };
  const part = (text: string): CorpusPart => ({ ruleId: "x/one-per-run", kind: "one-per-run", category: "style", severity: "minor", confidence: 1, messages: { seen: "Also in $1." }, units: [{ ...unit, text }] });
  // Flags every unit after the first, naming where the first one is.
  const onePerRun: Pick<RuleKind, "acrossDocuments"> = {
    acrossDocuments: (items, view) => items.slice(1).map((item) => ({ item, message: view.messages(item).seen!.replace("$1", view.where(items[0]!)) })),
  };
  const found = acrossFiles(
    [
      { label: "a.txt", documents: [[part("Hello")]] },
      { label: "b.txt", documents: [[part("Hallo")]] },
    ],
    (kind) => (kind === "one-per-run" ? (onePerRun as RuleKind) : undefined),
  );
  expect(found.map((file) => file.map((f) => [f.ruleId, f.text, f.message]))).toEqual([[], [["x/one-per-run", "Hallo", "Also in a.txt:3."]]]);
});
