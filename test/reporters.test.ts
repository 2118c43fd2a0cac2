/** The machine-readable reporters on a real run: SARIF against the official schema, JUnit and checkstyle parsed back, GitHub commands, JSON Lines. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Ajv } from "ajv";
import formats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { resolveConfig } from "../src/config/config.js";
import type { RunResult } from "../src/core/results.js";
import { checkText } from "../src/engine/check.js";
import { jsonlFormat } from "../src/formats/jsonl.js";
import { textFormat } from "../src/formats/text.js";
import { formatCheckstyle } from "../src/report/checkstyle.js";
import { formatGithub } from "../src/report/github.js";
import { formatJson } from "../src/report/json.js";
import { formatJsonl } from "../src/report/jsonl.js";
import { formatJunit } from "../src/report/junit.js";
import { formatSarif } from "../src/report/sarif.js";
import { summarize } from "../src/engine/run.js";

const TEXT = "The ministry said that 8 thousand people came, – the director noted.\n\nThe Islamic State (ISIS) is defined. Later the IG was named.\n";
const JSONL = '{"id":"1","target":"Some 3 thousand people."}\n{bad json\n';
const CLEAN = "The museum opened on Monday. About 8,000 people came.\n";

const { ruleSet, scoring } = resolveConfig();
const specs = ruleSet.rules.map((r) => r.rule.spec);

/** docs/a.txt with three findings and a failing score, data/s.jsonl with a finding and an unreadable line, a clean file. */
function run(text = TEXT): RunResult {
  const outcomes = [checkText(text, "docs/a.txt", textFormat, { ruleSet, scoring }), checkText(JSONL, "data/s.jsonl", jsonlFormat, { ruleSet, scoring }), checkText(CLEAN, "docs/clean.txt", textFormat, { ruleSet, scoring })];
  const files = outcomes.map((o) => o.result);
  const errors = outcomes.flatMap((o) => o.errors.map((e) => e.toProblem()));
  return { files, errors, summary: summarize(files, errors, scoring) };
}

/** The run with one finding's message, rule id and path made of characters that need escaping, and a control character. */
const NASTY = 'Use “A & B” <b>, not "C" 50% of it\'s time:\u0007\r\nsecond line';
function nastyRun(): RunResult {
  const result = run();
  const file = result.files[0]!;
  result.files[0] = { ...file, path: "docs/a&b <x>,y:z.txt", findings: [{ ...file.findings[0]!, message: NASTY, ruleId: "en/x:y,z" }, ...file.findings.slice(1)] };
  return result;
}

const find = (result: RunResult, text: string) => result.files[0]!.findings.find((f) => f.text === text)!;

test("the run has the findings, the problem and the clean file that the tests below rely on", () => {
  const result = run();
  expect(result.files[0]!.findings.map((f) => [f.ruleId, f.text, f.severity])).toEqual([
    ["en/numbers/thousand-in-words", "8 thousand", "minor"],
    ["en/punctuation/comma-dash", ", – ", "minor"],
    ["en/terminology/entity-name-consistency", "IG", "major"],
  ]);
  expect(result.files.map((f) => f.passed)).toEqual([false, false, true]);
  expect(result.errors).toEqual([expect.objectContaining({ kind: "input", file: "data/s.jsonl", line: 2 })]);
});

describe("end positions", () => {
  test("a one-line finding ends after its text; a finding across lines ends on its last line", () => {
    const f = find(run(), "8 thousand");
    expect({ line: f.endLine, column: f.endColumn }).toEqual({ line: 1, column: 34 });
    const { findings } = checkText("Intro.\n\nHe saw the\r\nthe bird.", "x.txt", textFormat, resolveConfig()).result;
    expect(findings.map((x) => [x.text, x.line, x.column, x.endLine, x.endColumn])).toEqual([["the\r\nthe", 3, 8, 4, 4]]);
  });
});

describe("SARIF", () => {
  // The official SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it (OASIS publishes the same
  // definitions). It is JSON Schema draft-04, whose keywords used there mean the same in the
  // draft-07 that Ajv 8 speaks, except that the schema's own id is `id`, not `$id`. Its `language`
  // pattern has a stray "]", valid only without the u flag (which JSON Schema does not ask for).
  const schemaFile = createRequire(import.meta.url).resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  formats.default(ajv);
  const validate = ajv.compile({ ...schema, $id: id as string });

  interface Region {
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
    snippet?: { text: string };
  }
  interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string; index?: number }; region: Region } }[];
    partialFingerprints: Record<string, string>;
    fixes?: { description: { text: string }; artifactChanges: { replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
    properties: Record<string, unknown>;
  }
  interface SarifLog {
    version: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: { id: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string }; properties: { category: string; tags: string[] } }[] } };
      invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Region } }[] }[] }[];
      artifacts: { location: { uri: string }; properties: { score: number; passed: boolean } }[];
      results: SarifResult[];
      properties: { summary: unknown };
    }[];
  }
  const sarif = (result: RunResult, cwd?: string) => JSON.parse(formatSarif(result, specs, cwd ? { cwd } : {})) as SarifLog;
  const resultsOf = (log: SarifLog, uri: string) => log.runs[0]!.results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === uri);

  test("validates against the SARIF 2.1.0 schema, which rejects a broken log", () => {
    const log = sarif(run());
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    log.runs[0]!.results[0]!.level = "fatal";
    expect(validate(log)).toBe(false);
  });

  test("an absolute path with spaces and # becomes a percent-encoded URI relative to %SRCROOT%", () => {
    const cwd = process.cwd();
    const result = run();
    result.files[0] = { ...result.files[0]!, path: join(cwd, "docs", "my file#1.txt") };
    const log = sarif(result, cwd);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: "docs/my%20file%231.txt", uriBaseId: "%SRCROOT%", index: 0 });
  });

  test("results carry rule, level, message and a region that points at the flagged text", () => {
    const log = sarif(run());
    const lines = TEXT.split("\n");
    const results = resultsOf(log, "docs/a.txt");
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ["en/numbers/thousand-in-words", "warning"],
      ["en/punctuation/comma-dash", "warning"],
      ["en/terminology/entity-name-consistency", "error"],
    ]);
    for (const r of results) {
      const { region } = r.locations[0]!.physicalLocation;
      expect(region.endLine).toBe(region.startLine);
      expect(lines[region.startLine - 1]!.slice(region.startColumn - 1, region.endColumn - 1)).toBe(region.snippet!.text);
    }
    const ig = results[2]!;
    expect(ig.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 3, startColumn: lines[2]!.indexOf("IG") + 1, endColumn: lines[2]!.indexOf("IG") + 3 });
    expect(ig.message.text).toBe(find(run(), "IG").message);
    expect(ig.properties).toMatchObject({ category: "terminology/inconsistent", severity: "major", confidence: 1, fileScore: run().files[0]!.score });
  });

  test("the driver describes exactly the rules with results, with help built from their examples", () => {
    const log = sarif(run());
    const { driver } = log.runs[0]!.tool;
    expect(driver.name).toBe("mtlint");
    expect(driver.version).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
    expect(driver.rules.map((r) => r.id).sort()).toEqual(["en/numbers/thousand-in-words", "en/punctuation/comma-dash", "en/terminology/entity-name-consistency"]);
    for (const r of log.runs[0]!.results) expect(driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const thousand = driver.rules.find((r) => r.id === "en/numbers/thousand-in-words")!;
    const spec = specs.find((s) => s.id === thousand.id)!;
    const example = spec.examples.find((e) => e.fixed)!;
    expect(thousand.help.text).toContain(`${example.text.replace(/\[\[|\]\]/g, "")} → ${example.fixed}`);
    expect(thousand.help.markdown).toContain(`\`${/\[\[(.*?)\]\]/.exec(example.text)![1]}\``);
    expect(thousand.defaultConfiguration.level).toBe("warning");
    expect(thousand.properties).toEqual({ category: spec.category, severity: "minor", tags: ["translation", "locale-convention", "locale-convention/number-format"] });
  });

  test("applying every fix's replacements to the file gives what --fix writes", () => {
    const fixedText = checkText(TEXT, "docs/a.txt", textFormat, { ruleSet, scoring, fix: "safe" }).fixedText!;
    const lineStarts = [0, ...[...TEXT.matchAll(/\n/g)].map((m) => m.index + 1)];
    const offset = (line: number, column: number) => lineStarts[line - 1]! + column - 1;
    const replacements = resultsOf(sarif(run()), "docs/a.txt")
      .flatMap((r) => r.fixes ?? [])
      .flatMap((f) => f.artifactChanges.flatMap((c) => c.replacements))
      .sort((a, b) => offset(b.deletedRegion.startLine, b.deletedRegion.startColumn) - offset(a.deletedRegion.startLine, a.deletedRegion.startColumn));
    expect(replacements).toHaveLength(3);
    let text = TEXT;
    for (const { deletedRegion: d, insertedContent } of replacements) {
      text = text.slice(0, offset(d.startLine, d.startColumn)) + insertedContent.text + text.slice(offset(d.endLine, d.endColumn));
    }
    expect(text).toBe(fixedText);
  });

  test("fingerprints and fixes do not change when an unrelated paragraph is inserted above; repeats get their own", () => {
    const before = resultsOf(sarif(run()), "docs/a.txt");
    const after = resultsOf(sarif(run(`A calm opening line.\n\n${TEXT}`)), "docs/a.txt");
    expect(after.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual(before.map((r) => r.locations[0]!.physicalLocation.region.startLine + 2));
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    const fixContent = (rs: SarifResult[]) => rs.map((r) => r.fixes!.map((f) => [f.description.text, f.artifactChanges[0]!.replacements.map((x) => [x.insertedContent.text, x.deletedRegion.startColumn, x.deletedRegion.endColumn])]));
    expect(fixContent(after)).toEqual(fixContent(before));

    const twice = resultsOf(sarif(run("He saw 8 thousand birds.\n\nShe saw 8 thousand birds.\n")), "docs/a.txt");
    expect(twice).toHaveLength(2);
    expect(twice[0]!.partialFingerprints).not.toEqual(twice[1]!.partialFingerprints);
  });

  test("problems are error notifications of an unsuccessful invocation; scores and summary are kept", () => {
    const result = run();
    const [runLog] = sarif(result).runs;
    expect(runLog!.invocations[0]!.executionSuccessful).toBe(false);
    expect(runLog!.invocations[0]!.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: "error", message: { text: result.errors[0]!.message }, locations: [{ physicalLocation: expect.objectContaining({ region: { startLine: 2, startColumn: 2 } }) }] }),
    ]);
    expect(runLog!.artifacts.map((a) => [a.location.uri, a.properties.score, a.properties.passed])).toEqual(result.files.map((f) => [f.path, f.score, f.passed]));
    expect(runLog!.properties.summary).toEqual(result.summary);
    expect(sarif({ ...result, errors: [] }).runs[0]!.invocations).toEqual([{ executionSuccessful: true }]);
  });
});

describe("JUnit", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true, isArray: (name) => ["testsuite", "testcase"].includes(name) });
  interface Case {
    classname: string;
    name: string;
    failure?: { message: string; type: string; "#text"?: string };
    error?: { message: string; type: string };
  }
  interface Suite {
    name: string;
    tests: string;
    failures: string;
    errors: string;
    testcase: Case[];
  }
  const parse = (xml: string) => (parser.parse(xml) as { testsuites: { tests: string; failures: string; testsuite: Suite[] } }).testsuites;

  test("one suite per file: a failing case per finding and a score case; problems are errors", () => {
    const result = run();
    const xml = formatJunit(result, specs);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parse(xml);
    expect(doc.testsuite.map((s) => s.name)).toEqual(["docs/a.txt", "data/s.jsonl", "docs/clean.txt", "mtlint"]);
    for (const s of doc.testsuite) {
      expect(Number(s.tests)).toBe(s.testcase.length);
      expect(Number(s.failures)).toBe(s.testcase.filter((c) => c.failure).length);
      expect(Number(s.errors)).toBe(s.testcase.filter((c) => c.error).length);
    }
    const [a, jsonl, clean, problems] = doc.testsuite;
    expect(a!.testcase[0]).toEqual({
      classname: "en/numbers/thousand-in-words",
      name: "docs/a.txt:1:24",
      time: "0",
      failure: { message: find(result, "8 thousand").message, type: "minor", "#text": expect.stringContaining("Fix: Replace “8 thousand” with “8,000”") },
    });
    expect(a!.testcase[2]!.failure!.type).toBe("major");
    expect(a!.testcase.at(-1)).toMatchObject({ name: "score", failure: { message: `score ${result.files[0]!.score} below 95`, type: "score" } });
    expect(jsonl!.testcase.map((c) => c.classname)).toEqual(["en/numbers/thousand-in-words", "mtlint.score"]);
    expect(clean!.testcase).toEqual([{ classname: "mtlint.score", name: "score", time: "0" }]);
    expect(problems!.testcase[0]!.error).toEqual({ message: result.errors[0]!.message, type: "input" });
  });

  test("a file that fails on a severe finding alone still says why", () => {
    const result = run();
    result.files[2] = { ...result.files[2]!, passed: false };
    const clean = parse(formatJunit(result, specs)).testsuite[2]!;
    expect(clean.testcase[0]!.failure!.message).toBe("a critical finding (score 100)");
    result.summary.failOn = "major";
    expect(parse(formatJunit(result, specs)).testsuite[2]!.testcase[0]!.failure!.message).toBe("a major or worse finding (score 100)");
  });

  test("escapes markup and quotes and drops characters XML cannot hold", () => {
    const xml = formatJunit(nastyRun(), specs);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    // A raw line break in an attribute would reach a conforming parser as a space.
    expect(xml).toContain("time:&#13;&#10;second line");
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = parse(xml).testsuite[0]!;
    expect(suite.name).toBe("docs/a&b <x>,y:z.txt");
    expect(suite.testcase[0]).toMatchObject({ classname: "en/x:y,z", name: "docs/a&b <x>,y:z.txt:1:24", failure: { message: NASTY.replace("\u0007", "") } });
    expect(suite.testcase[0]!.failure!["#text"]).toContain('<b>, not "C"');
  });
});

describe("checkstyle", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true, isArray: (name) => ["file", "error"].includes(name) });
  interface File {
    name: string;
    error?: { line?: string; column?: string; severity: string; message: string; source: string }[];
  }
  const parse = (xml: string) => (parser.parse(xml) as { checkstyle: { version: string; file: File[] } }).checkstyle;

  test("one <file> per checked file with an <error> per finding; minor is a warning, major an error", () => {
    const result = run();
    const xml = formatCheckstyle(result, specs);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parse(xml);
    expect(doc.version).toBe("4.3");
    expect(doc.file.map((f) => f.name)).toEqual(["docs/a.txt", "data/s.jsonl", "docs/clean.txt"]);
    expect(doc.file[0]!.error).toEqual(
      result.files[0]!.findings.map((f) => ({ line: String(f.line), column: String(f.column), severity: f.severity === "minor" ? "warning" : "error", message: f.message, source: f.ruleId })),
    );
    expect(doc.file[0]!.error!.map((e) => e.severity)).toEqual(["warning", "warning", "error"]);
    expect(doc.file[1]!.error!.at(-1)).toEqual({ line: "2", column: "2", severity: "error", message: result.errors[0]!.message, source: "mtlint/input" });
    expect(doc.file[2]!.error).toBeUndefined();
  });

  test("escapes markup and quotes and drops characters XML cannot hold", () => {
    const xml = formatCheckstyle(nastyRun(), specs);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).toContain("time:&#13;&#10;second line");
    const file = parse(xml).file[0]!;
    expect(file.name).toBe("docs/a&b <x>,y:z.txt");
    expect(file.error![0]).toMatchObject({ message: NASTY.replace("\u0007", ""), source: "en/x:y,z" });
  });
});

describe("GitHub Actions", () => {
  test("one annotation per finding, one per failing file and one per problem, in the runner's command syntax", () => {
    const result = run();
    const lines = formatGithub(result, specs).split("\n");
    expect(lines.pop()).toBe("");
    const m = (text: string) => find(result, text).message;
    const jsonlFinding = result.files[1]!.findings[0]!;
    expect(lines).toEqual([
      `::warning file=docs/a.txt,line=1,col=24,endLine=1,endColumn=34,title=en/numbers/thousand-in-words::${m("8 thousand")}%0AFix: Replace “8 thousand” with “8,000”`,
      `::warning file=docs/a.txt,line=1,col=46,endLine=1,endColumn=50,title=en/punctuation/comma-dash::${m(", – ")}%0AFix: Replace “, – ” with “, ”`,
      `::error file=docs/a.txt,line=3,col=48,endLine=3,endColumn=50,title=en/terminology/entity-name-consistency::${m("IG")}%0AFix: Replace “IG” with “ISIS”`,
      `::error file=docs/a.txt,title=mtlint score::docs/a.txt: score ${result.files[0]!.score} below 95`,
      `::warning file=data/s.jsonl,line=1,col=26,endLine=1,endColumn=36,title=en/numbers/thousand-in-words::${jsonlFinding.message}%0AFix: Replace “3 thousand” with “3,000”`,
      `::error file=data/s.jsonl,title=mtlint score::data/s.jsonl: score ${result.files[1]!.score} below 95`,
      `::error file=data/s.jsonl,line=2,col=2,title=mtlint input error::${result.errors[0]!.message}`,
    ]);
  });

  test("escapes % and line breaks in messages, and also : and , in properties; paths are relative to the workspace", () => {
    const result = nastyRun();
    result.files[0] = { ...result.files[0]!, path: join(process.cwd(), result.files[0]!.path) };
    const first = formatGithub(result, specs, { cwd: process.cwd() }).split("\n")[0];
    expect(first).toBe("::warning file=docs/a&b <x>%2Cy%3Az.txt,line=1,col=24,endLine=1,endColumn=34,title=en/x%3Ay%2Cz::Use “A & B” <b>, not \"C\" 50%25 of it's time:\u0007%0D%0Asecond line%0AFix: Replace “8 thousand” with “8,000”");
  });
});

describe("JSON Lines", () => {
  test("one finding per line: the JSON report's fields plus path, and nothing else", () => {
    const result = run();
    const out = formatJsonl(result, specs);
    expect(out.endsWith("\n")).toBe(true);
    const records = out.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    const report = JSON.parse(formatJson(result)) as { files: { path: string; findings: Record<string, unknown>[] }[] };
    expect(records).toEqual(report.files.flatMap((f) => f.findings.map((finding) => ({ path: f.path, ...finding }))));
    expect(Object.keys(records[0]!)).toEqual(["path", "ruleId", "category", "severity", "confidence", "message", "segmentId", "line", "column", "endLine", "endColumn", "start", "end", "text", "fingerprint", "fix"]);
    expect(records).toHaveLength(4);
  });

  test("a message with line breaks stays on one line; no findings print nothing", () => {
    const out = formatJsonl(nastyRun(), specs);
    expect(out.split("\n")).toHaveLength(5);
    expect((JSON.parse(out.split("\n")[0]!) as { message: string }).message).toBe(NASTY);
    const clean = run();
    expect(formatJsonl({ ...clean, files: [clean.files[2]!] }, specs)).toBe("");
  });
});
