/**
 * Bilingual files end to end: inline codes compared with the source's, untranslated units,
 * character references, declared source languages, TBX termbases, and a folder of every format.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SegmentAnalysis } from "../src/analysis/analysis.js";
import { parseTbx } from "../src/config/glossary.js";
import { loadBuiltinRules } from "../src/config/rules.js";
import { lint } from "../src/engine/lint.js";
import { formatFor } from "../src/formats/index.js";
import { check, fix } from "../src/index.js";
import { runCli, tempTree } from "./cli-helpers.js";
import { ruleSetOf } from "./helpers.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/bilingual/${name}`, import.meta.url), "utf8");
const MIXED = new URL("./fixtures/mixed/", import.meta.url).pathname;

async function findingsOf(text: string, format: string, ruleId: string) {
  const { findings } = await check(text, { format });
  return findings.filter((f) => f.ruleId === ruleId).map((f) => ({ segment: f.segmentId, text: f.text, message: f.message }));
}

describe("inline codes: the target's must be the source's", () => {
  const rule = "common/accuracy/placeholder-parity";

  test("XLIFF 1.2: a dropped <bpt>/<ept> pair, an added <ph>, a doubled <x/>; <g> and <x/> kept are fine", async () => {
    const text = fixture("tags-en-fr.xlf");
    const found = await findingsOf(text, "xliff", rule);
    expect(found.map((f) => [f.segment, f.text])).toEqual([
      ["dropped", "Lisez d’abord les conditions."],
      ["added", '<ph id="4">&lt;br/&gt;</ph>'],
      ["doubled", '<x id="5"/>'],
    ]);
    expect(found[0]!.message).toBe("Missing from the target: “<bpt id=\"3\">…</bpt>” and “<ept id=\"3\">…</ept>” (in the source).");
    // The doubled code is the second one.
    const doubled = (await check(text, { format: "xliff" })).findings.find((f) => f.segmentId === "doubled")!;
    expect(doubled.start).toBe('Page<x id="5"/> suivante'.length);
  });

  test("XLIFF 2: dropped <sc/>/<ec/>, a doubled <ph/>; <pc> kept and a <mrk> annotation are fine", async () => {
    const found = await findingsOf(fixture("tags-en-de.xliff"), "xliff", rule);
    expect(found.map((f) => [f.segment, f.text])).toEqual([
      ["dropped", "Lesen Sie dies zuerst."],
      ["doubled", '<ph id="4"/>'],
    ]);
    expect(found[0]!.message).toBe("Missing from the target: “<sc id=\"3\"/>” and “<ec id=\"3\"/>” (in the source).");
  });

  test("TMX: codes paired by i and x; a dropped <ph> and an added <it> are flagged", async () => {
    const found = await findingsOf(fixture("tags-en-fr.tmx"), "tmx", rule);
    expect(found.map((f) => [f.segment, f.text])).toEqual([
      ["dropped", "Ligne un, ligne deux."],
      ["added", '<it pos="begin" x="3">&lt;i&gt;</it>'],
    ]);
  });

  test("codes in CDATA text are not codes", async () => {
    const xlf = `<xliff version="1.2"><file source-language="en" target-language="fr" datatype="html" original="x"><body>
<trans-unit id="a"><source>See <x id="1"/>below.</source><target>Voir <x id="1"/><![CDATA[<ci-dessous>]]>.</target></trans-unit>
</body></file></xliff>`;
    expect(await findingsOf(xlf, "xliff", rule)).toEqual([]);
  });
});

describe("untranslated units", () => {
  test("a partly translated XLIFF: units without a target are counted, not errors, and --fix writes the translated ones", async () => {
    const original = fixture("partial-en-de.xlf");
    const dir = tempTree({ "partial.xlf": original });
    const run = await runCli(["check", "--fix", "--format", "json", join(dir, "partial.xlf")]);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { files: { skipped?: number; fixes?: { applied: number } }[]; summary: { skipped?: number; errors: number } };
    // Two quotations, each with two wrong marks (the source has curly ones, so they are not kept from it): one fix per mark.
    expect(report.files[0]).toMatchObject({ skipped: 2, fixes: { applied: 4 } });
    expect(report.summary).toMatchObject({ skipped: 2, errors: 0 });
    expect(readFileSync(join(dir, "partial.xlf"), "utf8")).toBe(original.replace('im "Museum"', "im „Museum“").replace('Der "Laden"', "Der „Laden“"));
  });

  test("a file with no translation at all is an error naming the first unit and what was expected there", () => {
    const xlf = ["<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"de\" datatype=\"plaintext\" original=\"x\"><body>", '  <trans-unit id="a"><source>Hi</source></trans-unit>', '  <trans-unit id="b"><source>Bye</source><target/></trans-unit>', "</body></file></xliff>"].join("\n");
    const parsed = formatFor("x.xlf").parse(xlf, "x.xlf");
    expect(parsed.errors.map((e) => e.format())).toEqual(['x.xlf:2:3: nothing to check: no unit has a translation (expected a non-empty <target> in trans-unit id="a")']);
    const xliff2 = '<xliff version="2.0" srcLang="en" trgLang="de"><file id="f"><unit id="u"><segment id="s"><source>Hi</source></segment><segment id="t"><source>Yo</source></segment></unit></file></xliff>';
    expect(formatFor("y.xliff").parse(xliff2, "y.xliff").errors.map((e) => e.message)).toEqual(['nothing to check: no unit has a translation (expected a non-empty <target> in segment "s" of unit id="u")']);
    const tmx = '<tmx version="1.4"><header srclang="en"/><body><tu tuid="t1"><tuv xml:lang="en"><seg>Hi</seg></tuv></tu></body></tmx>';
    expect(formatFor("z.tmx").parse(tmx, "z.tmx").errors.map((e) => e.message)).toEqual([
      'nothing to check: no unit has a translation (expected a <tuv> with a non-empty <seg> in a language other than the source (en) in tu tuid="t1")',
    ]);
  });
});

describe("character references in XML targets", () => {
  const xliff = (target: string, source = "Er sagte „ja“ und ging.") =>
    `<xliff version="1.2"><file source-language="de" target-language="en" datatype="plaintext" original="x"><body><trans-unit id="a"><source>${source}</source><target>${target}</target></trans-unit></body></file></xliff>`;

  test("rules see the character a reference stands for, at the side it belongs to, offsets unchanged", () => {
    const target = "He said &#8220;yes&#x201D; &amp; don&#x2019;t.";
    const segment = formatFor("a.xlf").parse(xliff(target), "a.xlf").document.segments[0]!;
    const text = new SegmentAnalysis(segment, "en").text;
    expect(text).toHaveLength(target.length);
    // An opening quote sits just before its word, other characters where the reference starts.
    expect(text).toBe(`He said ${" ".repeat(6)}“yes”${" ".repeat(7)} &${" ".repeat(4)} don’${" ".repeat(7)}t.`);
  });

  test("a quotation mark written as a reference gives no false finding", async () => {
    expect((await check(xliff("He said &#8220;yes” and left."), { format: "xliff" })).findings).toEqual([]);
    expect((await check(xliff("He said “yes&#8221; and left."), { format: "xliff" })).findings).toEqual([]);
  });

  test("a fix next to a reference keeps the reference as written", async () => {
    const file = xliff("Some 8 thousand people said &#8220;yes&#8221;.", "Etwa 8 Tausend Menschen sagten „ja“.");
    expect((await fix(file, { format: "xliff" })).text).toBe(file.replace("8 thousand", "8,000"));
  });
});

describe("the source language a file declares chooses source-aware rules", () => {
  const rule = "en/terminology/transliterated-acronym-ru";
  const xliff = (srcLang: string) =>
    `<xliff version="1.2"><file source-language="${srcLang}" target-language="en" datatype="plaintext" original="x"><body><trans-unit id="a"><source>Совбез ООН собрался.</source><target>The OON Security Council met.</target></trans-unit></body></file></xliff>`;
  const tmx = (lang: string) =>
    `<tmx version="1.4"><header srclang="*all*"/><body><tu><tuv xml:lang="${lang}"><seg>Совбез ООН собрался.</seg></tuv><tuv xml:lang="en-GB"><seg>The OON Security Council met.</seg></tuv></tu></body></tmx>`;

  test("XLIFF source-language", async () => {
    expect((await findingsOf(xliff("ru-RU"), "xliff", rule)).map((f) => f.text)).toEqual(["OON"]);
    expect(await findingsOf(xliff("uk"), "xliff", rule)).toEqual([]);
  });

  test("TMX xml:lang of the source <tuv> when the header says *all*", async () => {
    expect((await findingsOf(tmx("ru"), "tmx", rule)).map((f) => f.text)).toEqual(["OON"]);
    expect(await findingsOf(tmx("uk-UA"), "tmx", rule)).toEqual([]);
  });
});

describe("TBX termbases", () => {
  const glossaryRule = loadBuiltinRules().filter((r) => r.spec.id === "common/terminology/glossary");
  const entries = parseTbx(fixture("terms.tbx"), "terms.tbx");

  test("TBX-Basic: each pair of a concept's languages, approved (preferred first) and deprecated terms", () => {
    expect(entries.filter((e) => e.sourceLanguage === "en")).toEqual([
      { source: "checkout", targets: ["Kasse", "Bezahlseite"], forbidden: ["Checkout"], origin: "terms.tbx:6", sourceLanguage: "en", language: "de" },
      { source: "shopping cart", targets: ["panier"], forbidden: [], origin: "terms.tbx:16", sourceLanguage: "en", language: "fr" },
    ]);
    expect(entries.find((e) => e.source === "Checkout")).toMatchObject({ targets: ["checkout"], sourceLanguage: "de", language: "en" });
  });

  test("TBX 3 (<conceptEntry>/<langSec>/<termSec>) and TBX-Min (<entry>/<langGroup>/<termGroup>/<termStatus>)", () => {
    const v3 = `<tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body><conceptEntry id="1">
<langSec xml:lang="en"><termSec><term>invoice</term></termSec></langSec>
<langSec xml:lang="fr"><termSec><term>facture</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec><termSec><term>note</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry></body></text></tbx>`;
    expect(parseTbx(v3, "v3.tbx").filter((e) => e.language === "fr")).toMatchObject([{ source: "invoice", targets: ["facture"], forbidden: ["note"] }]);
    const min = `<TBX dialect="TBX-Min"><body><entry id="1"><langGroup xml:lang="en"><termGroup><term>login</term></termGroup></langGroup>
<langGroup xml:lang="de"><termGroup><term>Anmeldung</term><termStatus>preferred</termStatus></termGroup><termGroup><term>Login</term><termStatus>notRecommended</termStatus></termGroup></langGroup></entry></body></TBX>`;
    expect(parseTbx(min, "min.tbx").filter((e) => e.language === "de")).toMatchObject([{ source: "login", targets: ["Anmeldung"], forbidden: ["Login"] }]);
  });

  test("entries apply to their own language pair only", () => {
    const ruleSet = ruleSetOf(glossaryRule, { glossary: entries });
    const segment = (id: string, source: string, target: string, srcLang: string, tgtLang: string) => ({ id, source, target, srcLang, tgtLang, origin: { file: "t", line: 1, column: 1 } });
    const { findings } = lint(
      {
        path: "t",
        segments: [
          segment("de", "Go to the checkout.", "Gehen Sie zum Checkout.", "en", "de"),
          segment("de-ok", "Go to the checkout.", "Weiter zur Bezahlseite.", "en", "de"),
          segment("fr", "Go to the checkout.", "Allez au Checkout.", "en", "fr"),
          segment("en", "Zur Kasse gehen.", "Go to the till.", "de", "en"),
        ],
      },
      ruleSet,
    );
    expect(findings.map((f) => [f.segmentId, f.text, f.fix?.edits[0]?.text])).toEqual([
      ["de", "Checkout", "Kasse"],
      ["en", "Go to the till.", undefined],
    ]);
  });

  test("config termFiles reads a .tbx; a malformed one is a config error with its position", async () => {
    const dir = tempTree({
      ".mtlintrc.json": JSON.stringify({ termFiles: ["terms.tbx"] }),
      "terms.tbx": fixture("terms.tbx"),
      "a.jsonl": `${JSON.stringify({ id: "1", source: "Go to the checkout.", target: "Gehen Sie zum Checkout.", srcLang: "en", tgtLang: "de" })}\n`,
      "bad/.mtlintrc.json": JSON.stringify({ termFiles: ["terms.tbx"] }),
      "bad/terms.tbx": "<martif>\n<text><body></text></martif>",
      "bad/b.jsonl": `${JSON.stringify({ id: "1", source: "a", target: "b" })}\n`,
    });
    const run = await runCli(["check", "--format", "json", join(dir, "a.jsonl")]);
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; text: string }[] }[] }).files[0]!.findings;
    expect(findings.map((f) => [f.ruleId, f.text])).toEqual([["common/terminology/glossary", "Checkout"]]);
    const bad = await runCli(["check", join(dir, "bad/b.jsonl")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/terms\.tbx:2:\d+: term file: malformed XML/);
  });
});

describe("check over a folder of every format", () => {
  const files = ["app.xlf", "guide.md", "help.xliff", "memory.tmx", "messages.po", "notes.txt", "segments.jsonl", "table.csv", "table.tsv"];

  test("--format json: one result per file, scores from their findings, a corpus summary", async () => {
    const run = await runCli(["check", "--format", "json", MIXED]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      files: { path: string; words: number; score: number; passed: boolean; skipped?: number; findings: { ruleId: string }[] }[];
      summary: { files: number; filesPassed: number; filesFailed: number; words: number; findings: number; score: number; skipped?: number; bySeverity: Record<string, number> };
    };
    const byName = new Map(report.files.map((f) => [f.path.split("/").pop()!, f]));
    expect([...byName.keys()].sort()).toEqual(files);
    const rules = Object.fromEntries(files.map((name) => [name, byName.get(name)!.findings.map((f) => f.ruleId)]));
    expect(rules).toEqual({
      "app.xlf": ["common/accuracy/placeholder-parity"],
      "guide.md": [],
      "help.xliff": [],
      "memory.tmx": [],
      "messages.po": ["common/accuracy/placeholder-parity"],
      "notes.txt": ["en/numbers/thousand-in-words"],
      "segments.jsonl": ["common/accuracy/number-parity"],
      "table.csv": [],
      "table.tsv": [],
    });
    // score = 100 × (1 − penalty / words), floored to two decimals; major 5, minor 1.
    for (const file of report.files) {
      const penalty = file.findings.length === 0 ? 0 : file.path.endsWith("notes.txt") ? 1 : 5;
      expect(file.score).toBe(Math.floor(100 * (1 - penalty / file.words) * 100) / 100);
      expect(file.passed).toBe(file.score >= 95);
    }
    expect(byName.get("app.xlf")!.skipped).toBe(1);
    const words = report.files.reduce((n, f) => n + f.words, 0);
    expect(report.summary).toMatchObject({ files: 9, filesPassed: 6, filesFailed: 3, words, findings: 4, skipped: 1, bySeverity: { minor: 1, major: 3, critical: 0 } });
    expect(report.summary.score).toBe(Math.floor(100 * (1 - 16 / words) * 100) / 100);
  });

  test("stylish: a score line per file and the corpus summary", async () => {
    const run = await runCli(["check", MIXED]);
    const out = run.stdout.replace(/\u001b\[[0-9;]*m/g, "");
    for (const name of files) expect(out).toMatch(new RegExp(`mixed/${name.replace(".", "\\.")}\\n(?:.*\\n)*?  score \\d+\\.\\d\\d \\(min 95\\) (pass|FAIL) · \\d+ words? · \\d+ findings?`));
    expect(out).toMatch(/mixed\/app\.xlf\n(?:.*\n)*?  score 61\.53 \(min 95\) FAIL · 13 words · 1 finding · 1 untranslated unit skipped\n/);
    expect(out).toMatch(/9 files, \d+ words, 4 findings \(minor 1, major 3\), corpus score \d+\.\d\d; 1 untranslated unit skipped\n/);
    expect(out).toContain("6 passed, 3 failed (threshold 95, no critical findings)");
  });
});
