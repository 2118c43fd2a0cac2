/** Bilingual readers and writers (XLIFF 1.2/2.x, TMX, PO, CSV/TSV): segments, languages, positions, round trips, bad input. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Segment } from "../src/core/types.js";
import type { ParsedFile } from "../src/formats/format.js";
import { formatFor } from "../src/formats/index.js";
import { LineIndex } from "../src/formats/lines.js";
import { runCli, tempTree } from "./cli-helpers.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/bilingual/${name}`, import.meta.url), "utf8");
const parse = (name: string, text = fixture(name)) => formatFor(name).parse(text, name);
const targets = (parsed: ParsedFile) => Object.fromEntries(parsed.document.segments.map((s) => [s.id, s.target]));
const errors = (parsed: ParsedFile) => parsed.errors.map((e) => e.format());

/** The masked pieces of a segment's target. */
const maskedTexts = (segment: Segment) => (segment.masked ?? []).map((m) => segment.target.slice(m.start, m.end));

/** Every target offset points at its own character in the file (or, for decoded targets, at the escape that encodes it). */
function expectPositionsInFile(text: string, parsed: ParsedFile, escapes = "") {
  const lines = new LineIndex(text);
  parsed.document.segments.forEach((segment, i) => {
    let previous = -1;
    for (let k = 0; k < segment.target.length; k++) {
      const { line, column } = parsed.position(i, k);
      const offset = lines.lineStart(line) + column - 1;
      expect(offset).toBeGreaterThan(previous);
      previous = offset;
      if (text[offset] !== segment.target[k]) expect(escapes).toContain(text[offset]);
    }
    expect(segment.origin).toEqual({ file: segment.origin.file, ...parsed.position(i, 0) });
  });
}

/** The text in the file at a position. */
const textAt = (text: string, { line, column }: { line: number; column: number }, length: number) => text.split("\n")[line - 1]!.slice(column - 1, column - 1 + length);

/** Writes one changed target; the result is the file with `before` replaced by `after` and nothing else. */
function expectOneChange(name: string, id: string, target: string, before: string, after: string) {
  const text = fixture(name);
  const written = parse(name).write(new Map([[id, target]]));
  expect(text.split(before)).toHaveLength(2);
  expect(written).toBe(text.replace(before, after));
  expect(targets(parse(name, written))[id]).toBe(target);
}

test("extensions choose the bilingual formats", () => {
  expect(["a.xlf", "a.XLIFF", "a.tmx", "a.po", "a.csv", "a.tsv", "a.pot"].map((p) => formatFor(p).name)).toEqual(["xliff", "xliff", "tmx", "po", "csv", "tsv", "text"]);
});

describe("XLIFF 1.2", () => {
  const text = fixture("ru-en.xlf");
  const parsed = parse("ru-en.xlf");

  test("trans-units and <mrk> segments are read with languages; <alt-trans> is not a segment", () => {
    expect(parsed.document).toMatchObject({ language: "en", sourceLanguage: "ru" });
    const segments = parsed.document.segments;
    expect(segments.map((s) => s.id)).toEqual(["budget", "bridge", "weather/1", "weather/2", "quote"]);
    expect(segments.every((s) => s.srcLang === "ru" && s.tgtLang === "en")).toBe(true);
    expect(targets(parsed)).toMatchObject({
      budget: "The mayor's office sent 8 thousand roubles to R&amp;D.",
      "weather/1": "It will be warm.",
      "weather/2": "Rain the the evening.",
    });
    expect(segments.map((s) => s.source)).toEqual([
      "Мэрия направила 8 тысяч рублей на R&D.",
      "Мост закроют в пятницу, сообщили в департаменте.",
      "Будет тепло.",
      "Дождь пойдёт вечером.",
      "Он сказал: «Ждём всех».",
    ]);
  });

  test("inline codes, entities and CDATA are masked; code inside <bpt>/<ept> is masked whole", () => {
    expect(parsed.document.segments.map(maskedTexts)).toEqual([
      ["&amp;"],
      ['<g id="1">', "</g>", '<x id="2"/>', '<bpt id="3">&lt;b&gt;</bpt>', '<ept id="3">&lt;/b&gt;</ept>'],
      [],
      [],
      ["<![CDATA[<fine print>]]>", "&#8212;"],
    ]);
  });

  test("a unit without a target, or with an empty one, is untranslated: counted and skipped, not an error; translate=\"no\" is not counted", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toBe(2);
  });

  test("sources keep their inline codes as written, for tag parity", () => {
    expect(parsed.document.segments[1]!.rawSource).toBe(
      'Мост <g id="1">закроют</g> в пятницу<x id="2"/>, сообщили в <bpt id="3">&lt;b&gt;</bpt>департаменте<ept id="3">&lt;/b&gt;</ept>.',
    );
  });

  test("positions point at the target's characters in the file", () => {
    expectPositionsInFile(text, parsed);
    expect(textAt(text, parsed.position(0, 24), 10)).toBe("8 thousand");
    expect(parsed.position(3, 5)).toEqual({ line: 19, column: 95 });
    expect(textAt(text, parsed.position(3, 5), 7)).toBe("the the");
  });

  test("an unchanged file is written back byte for byte", () => {
    expect(parsed.write(new Map())).toBe(text);
    expect(parsed.write(new Map(parsed.document.segments.map((s) => [s.id, s.target])))).toBe(text);
  });

  test("a changed target changes only its own bytes", () => {
    expectOneChange("ru-en.xlf", "budget", "The mayor's office sent 8,000 roubles to R&amp;D.", "sent 8 thousand roubles", "sent 8,000 roubles");
    expectOneChange("ru-en.xlf", "weather/2", "Rain in the evening.", ">Rain the the evening.<", ">Rain in the evening.<");
  });

  test("'&' and '<' that a fix inserts are escaped; the markup around them is kept", () => {
    const old = targets(parsed).bridge!;
    const written = parsed.write(new Map([["bridge", old.replace("will close", "will close <3 & reopen")]]));
    expect(written).toBe(text.replace("will close</g>", "will close &lt;3 &amp; reopen</g>"));
    expect(targets(parse("ru-en.xlf", written)).bridge).toBe(old.replace("will close", "will close &lt;3 &amp; reopen"));
  });

  test("malformed XML is one error with its position: no segments, nothing to write", () => {
    const broken = parse("broken.xlf");
    expect(broken.document.segments).toEqual([]);
    expect(errors(broken)).toEqual([
      "broken.xlf:7:27: malformed XML (Expected closing tag 'target' (opened in line 7, col 9) instead of closing tag 'targt'.); file not read",
    ]);
    expect(broken.write(new Map([["1", "x"]]))).toBe(fixture("broken.xlf"));
  });

  test("each <file> gives its segments' languages; a repeated unit id is made unique", () => {
    const xlf = [
      '<xliff version="1.2">',
      '<file source-language="en" target-language="de"><body><trans-unit id="1"><source>Hi</source><target>Hallo</target></trans-unit></body></file>',
      '<file source-language="en" target-language="fr"><body><trans-unit id="1"><source>Hi</source><target>Salut</target></trans-unit></body></file>',
      "</xliff>",
    ].join("\n");
    const result = parse("two.xlf", xlf);
    expect(result.document).toMatchObject({ language: "de", sourceLanguage: "en" });
    expect(result.document.segments.map((s) => [s.id, s.target, s.tgtLang])).toEqual([["1", "Hallo", "de"], ["1@line-3", "Salut", "fr"]]);
  });

  test("a file that is not XLIFF is reported", () => {
    expect(errors(parse("a.xlf", "<html><body>Hi</body></html>"))).toEqual(["a.xlf:1:1: not an XLIFF file (no <xliff> root element)"]);
  });
});

describe("XLIFF 2", () => {
  const text = fixture("zh-en.xliff");
  const parsed = parse("zh-en.xliff");

  test("units and segments are read with srcLang/trgLang; several segments get unit/segment ids", () => {
    expect(parsed.document).toMatchObject({ language: "en", sourceLanguage: "zh" });
    expect(parsed.document.segments.map((s) => [s.id, s.source, s.srcLang, s.tgtLang])).toEqual([
      ["battery", "电池可使用8千小时。", "zh", "en"],
      ["setup/a", "打开设置。", "zh", "en"],
      ["setup/b", "选择 <网络>现在。", "zh", "en"],
      ["warranty", "保修期为两年。", "zh", "en"],
    ]);
    expect(parsed.errors).toEqual([]);
  });

  test("<ph/>, <pc>, <sc/>/<ec/>, <mrk>, references and tags written escaped are masked", () => {
    expect(parsed.document.segments.map(maskedTexts)).toEqual([
      ['<ph id="1"/>'],
      ['<pc id="1">', "</pc>"],
      ["&lt;Network&gt;", '<sc id="2"/>', '<ec startRef="2"/>'],
      ['<mrk id="m1" translate="no">', "</mrk>"],
    ]);
  });

  test("positions, byte-identical round trip, one changed target", () => {
    expectPositionsInFile(text, parsed);
    expect(parsed.write(new Map())).toBe(text);
    expectOneChange("zh-en.xliff", "setup/b", "Choose &lt;Network&gt; <sc id=\"2\"/>now<ec startRef=\"2\"/>, please.", "now<ec startRef=\"2\"/>.</target>", "now<ec startRef=\"2\"/>, please.</target>");
  });
});

describe("TMX", () => {
  const text = fixture("en-de.tmx");
  const parsed = parse("en-de.tmx");

  test("the source is the header's srclang, the target the first other language", () => {
    expect(parsed.document).toMatchObject({ language: "de", sourceLanguage: "en" });
    expect(parsed.document.segments.map((s) => [s.id, s.source, s.srcLang, s.tgtLang])).toEqual([
      ["hours", "The museum opens at 10 a.m.", "en", "de"],
      ["tickets", "Tickets cost 12 euros & more.", "en", "de"],
      ["3", "Guided tours every hour.", "en", "de"],
      ["shop", "The shop sells maps.", "en", "de"],
    ]);
  });

  test("<bpt>, <ept>, <ph>, <it> are masked whole, <hi> only its tags", () => {
    expect(parsed.document.segments.map(maskedTexts)).toEqual([
      [],
      ['<bpt i="1" x="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>', "&amp;"],
      ['<hi type="b">', "</hi>", '<ph x="2">{n}</ph>'],
      ['<it pos="begin" x="3">&lt;i&gt;</it>'],
    ]);
  });

  test("a unit with no target language is untranslated: counted and skipped", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toBe(1);
  });

  test("positions, byte-identical round trip, one changed target", () => {
    expectPositionsInFile(text, parsed);
    expect(parsed.write(new Map())).toBe(text);
    expectOneChange("en-de.tmx", "hours", "Das Museum öffnet um 10:00 Uhr.", "um 10 Uhr.", "um 10:00 Uhr.");
  });

  test('srclang="*all*": the first <tuv> is the source', () => {
    const tmx = '<tmx version="1.4"><header srclang="*all*"/><body><tu><tuv xml:lang="ru"><seg>Да</seg></tuv><tuv xml:lang="en"><seg>Yes</seg></tuv></tu></body></tmx>';
    expect(parse("a.tmx", tmx).document.segments.map((s) => [s.source, s.target, s.tgtLang])).toEqual([["Да", "Yes", "en"]]);
  });
});

describe("PO", () => {
  const text = fixture("en-fr.po");
  const parsed = parse("en-fr.po");
  const multiLineId = 'The café is on the second floor.\nSay "hello" to the staff.';

  test("msgstr values are decoded segments; plural forms, contexts; header, fuzzy, untranslated and obsolete entries are not segments", () => {
    expect(parsed.document.language).toBe("fr");
    expect(parsed.document.segments.map((s) => [s.id, s.target, s.source, s.tgtLang])).toEqual([
      ["Buy a ticket", "Acheter un billet", "Buy a ticket", "fr"],
      ["menu|Open", "Ouvrir", "Open", "fr"],
      ["%d visitor today[0]", "%d visiteur aujourd'hui", "%d visitor today", "fr"],
      ["%d visitor today[1]", "%d visiteurs aujourd'hui", "%d visitors today", "fr"],
      [multiLineId, 'Le café est au deuxième étage.\nDites "bonjour" au personnel.\tMerci \\ à vous.', multiLineId, "fr"],
    ]);
    expect(parsed.errors).toEqual([]);
  });

  test("positions map decoded offsets back through escapes and continuation lines", () => {
    expectPositionsInFile(text, parsed, "\\");
    const target = parsed.document.segments[4]!.target;
    expect(parsed.position(4, 0)).toEqual({ line: 30, column: 2 });
    expect(textAt(text, parsed.position(4, target.indexOf("bonjour")), 7)).toBe("bonjour");
    expect(textAt(text, parsed.position(4, target.indexOf("Merci")), 5)).toBe("Merci");
    expect(textAt(text, parsed.position(4, target.indexOf("\t")), 2)).toBe("\\t");
  });

  test("an unchanged file is written back byte for byte", () => {
    expect(parsed.write(new Map())).toBe(text);
    expect(parsed.write(new Map(parsed.document.segments.map((s) => [s.id, s.target])))).toBe(text);
  });

  test("a changed msgstr is escaped again, and only the quoted line it touches changes", () => {
    expectOneChange("en-fr.po", "%d visitor today[1]", '%d "visiteurs" aujourd\'hui', 'msgstr[1] "%d visiteurs', 'msgstr[1] "%d \\"visiteurs\\"');
    const id = multiLineId;
    const old = targets(parsed)[id]!;
    expectOneChange("en-fr.po", id, old.replace("personnel", "staff"), '"Dites \\"bonjour\\" au personnel.', '"Dites \\"bonjour\\" au staff.');
  });

  test("syntax errors are reported with line and column; the other entries are read", () => {
    const broken = parse("broken.po");
    expect(errors(broken)).toEqual([
      "broken.po:5:8: entry skipped: string not closed",
      "broken.po:8:1: entry skipped: expected a comment, msgctxt, msgid, msgid_plural, msgstr or a quoted string",
    ]);
    expect(targets(broken)).toEqual({ Toilets: "Toilettes" });
    expect(broken.document.language).toBe("fr");
    expect(broken.write(new Map())).toBe(fixture("broken.po"));
  });

  test("a broken header line and misplaced keywords are reported", () => {
    const po = ['msgid ""', 'msgstr "Language: pt_BR\\n"', '"not a field\\n"', "", 'msgstr "orphan"', "", 'msgid "a" "b"', 'msgstr "x"', "", 'msgid "ok"', 'msgstr "bem"'].join("\n");
    const result = parse("x.po", po);
    expect(errors(result)).toEqual([
      'x.po:3:2: header line is not "Name: value": "not a field"',
      "x.po:5:1: entry skipped: msgstr without msgid",
      "x.po:7:11: entry skipped: unexpected text after the string",
    ]);
    expect(result.document.language).toBe("pt-BR");
    expect(targets(result)).toEqual({ ok: "bem" });
  });
});

test("PO: broken entries are reported once per kind of error, with their count and the first; the other entries are read", () => {
  const items = [1, 2, 3, 4, 5].map((n) => `msgid "Item ${n}"\nmsgstr Eintrag ${n}\n`);
  const po = ['msgid ""\nmsgstr "Language: de\\n"\n', ...items.slice(0, 2), 'msgid "Close"\nmsgstr "Schließen"\n', ...items.slice(2), 'msgid "A \\q"\nmsgstr "B"\n', 'msgid "C \\z"\nmsgstr "D"\n'].join("\n");
  const parsed = parse("menu.po", po);
  expect(errors(parsed)).toEqual(["menu.po:5:8: 5 entries skipped: expected a quoted string (the first here)", 'menu.po:22:10: 2 entries skipped: unknown escape "\\q" (the first here)']);
  expect(targets(parsed)).toEqual({ Close: "Schließen" });
});

describe("CSV and TSV", () => {
  const text = fixture("ru-en.csv");
  const parsed = parse("ru-en.csv");

  test("rows become segments by header names; quoted fields hold commas, line breaks and doubled quotes", () => {
    expect(parsed.document.segments.map((s) => [s.id, s.target, s.source, s.tgtLang])).toEqual([
      ["1", "He said, smiling", "Сказал он, улыбаясь", "en"],
      ["2", "A plain line", "Обычная строка", "en"],
      ["3", 'First line\r\nsecond "quoted" line', "Первая строка\r\nвторая", "en"],
      ["5", "Another 8 thousand", "Ещё, одна", "en"],
    ]);
    expect(parsed.errors).toEqual([]);
  });

  test("positions map through quotes", () => {
    expectPositionsInFile(text, parsed, '"');
    const target = parsed.document.segments[2]!.target;
    expect(textAt(text, parsed.position(2, target.indexOf("quoted")), 6)).toBe("quoted");
    expect(parsed.position(2, target.indexOf("second"))).toEqual({ line: 6, column: 1 });
  });

  test("round trip is byte-identical; a changed target is re-quoted only if needed, CRLF kept", () => {
    expect(parsed.write(new Map())).toBe(text);
    expect(parsed.write(new Map(parsed.document.segments.map((s) => [s.id, s.target])))).toBe(text);
    expectOneChange("ru-en.csv", "2", "A plain line, now", ",A plain line,", ',"A plain line, now",');
    expectOneChange("ru-en.csv", "1", "He said, grinning", '"He said, smiling"', '"He said, grinning"');
    expectOneChange("ru-en.csv", "3", 'First line\r\nsecond "quoted" row', 'second ""quoted"" line"', 'second ""quoted"" row"');
  });

  test("TSV with language-code headers", () => {
    const tsv = parse("zh-en.tsv");
    expect(tsv.document).toMatchObject({ language: "en", sourceLanguage: "zh" });
    expect(tsv.document.segments.map((s) => [s.id, s.source, s.target])).toEqual([
      ["line-2", "你好", "Hello"],
      ["line-3", "多行\n文本", "Two\tlines\nhere"],
      ["line-6", "谢谢", 'Thanks "a lot"'],
    ]);
    expect(tsv.write(new Map())).toBe(fixture("zh-en.tsv"));
    expectOneChange("zh-en.tsv", "line-6", "Thanks a lot", '\tThanks "a lot"', "\tThanks a lot");
  });

  test("a ragged row and an unclosed quote are reported with their lines; the other rows are read", () => {
    const ragged = parse("ragged.csv");
    expect(errors(ragged)).toEqual(["ragged.csv:3:1: row skipped: not as many fields as the header (2)", "ragged.csv:5:1: row skipped: quoted field not closed"]);
    expect(targets(ragged)).toEqual({ "line-2": "One", "line-4": "Three" });
  });

  test("Magento's i18n CSV: no header in a file named for its locale, fields quoted after a space, quotes left undoubled, a module column", () => {
    const text = '"Save settings", "Einstellungen speichern"\n"Select "Save" first","Wählen Sie "Speichern" zuerst",module,Vendor_Payment\n"One, two", "Eins, zwei"\n';
    const magento = parse("i18n/de_DE.csv", text);
    expect(errors(magento)).toEqual([]);
    expect(magento.document.language).toBe("de-DE");
    expect(magento.document.segments.map((s) => [s.source, s.target])).toEqual([
      ["Save settings", "Einstellungen speichern"],
      ['Select "Save" first', 'Wählen Sie "Speichern" zuerst'],
      ["One, two", "Eins, zwei"],
    ]);
    // Written back unchanged, byte for byte.
    expect(magento.write(new Map())).toBe(text);
  });

  test("semicolons between fields; rows skipped are reported once per kind of problem, with their count", () => {
    const semicolons = parse("fr.csv", "source;target\nSave;Enregistrer\nOpen, then close;Ouvrir, puis fermer\nx\ny\n");
    expect(semicolons.document.segments.map((s) => s.target)).toEqual(["Enregistrer", "Ouvrir, puis fermer"]);
    expect(errors(semicolons)).toEqual(["fr.csv:4:1: 2 rows skipped: not as many fields as the header (2) (the first here)"]);
  });

  test("headerless with semicolons between fields, plain or quoted, also where the first row's text has more commas than semicolons", () => {
    const pairs = [
      ["Save the file now.", "Speichern Sie die Datei jetzt."],
      ["Close the window.", "Schließen Sie das Fenster."],
    ];
    for (const [name, text] of [
      ["plain_semi.de.csv", "Save the file now.;Speichern Sie die Datei jetzt.\nClose the window.;Schließen Sie das Fenster.\n"],
      ["i18n/de_DE.csv", '"Save the file now.";"Speichern Sie die Datei jetzt."\r\n"Close the window.";"Schließen Sie das Fenster."\r\n'],
    ]) {
      const parsed = parse(name!, text);
      expect(errors(parsed)).toEqual([]);
      expect(parsed.document.language).toMatch(/^de/u);
      expect(parsed.document.segments.map((s) => [s.source, s.target])).toEqual(pairs);
      expect(parsed.write(new Map())).toBe(text);
    }
    const commas = parse("menu.de.csv", "Save the file, then close it.;Speichern Sie die Datei, dann schließen.\nClose the window.;Schließen Sie das Fenster.\n");
    expect(errors(commas)).toEqual([]);
    expect(commas.document.segments.map((s) => s.target)).toEqual(["Speichern Sie die Datei, dann schließen.", "Schließen Sie das Fenster."]);
    // Commas between fields stay commas when the text has semicolons, with a header or without.
    expect(targets(parse("fr.csv", "source,target\nSave; then close,Enregistrer; puis fermer\nOpen,Ouvrir\n"))).toEqual({ "line-2": "Enregistrer; puis fermer", "line-3": "Ouvrir" });
    expect(targets(parse("fr.csv", '"Save; then close","Enregistrer; puis fermer"\n"Open","Ouvrir"\n'))).toEqual({ "line-1": "Enregistrer; puis fermer", "line-2": "Ouvrir" });
    // Only the first rows are read to tell: a semicolon file of many rows, one with a line break in a quoted field.
    const many = Array.from({ length: 80 }, (_, k) => (k === 49 ? `"Row ${k},\nwrapped";"Zeile ${k},\numbrochen"` : `Row ${k}${", now".repeat(k % 3)};Zeile ${k}${", jetzt".repeat(k % 3)}`)).join("\n");
    const long = parse("long.de.csv", many);
    expect(errors(long)).toEqual([]);
    expect(long.document.segments).toHaveLength(80);
    expect(long.document.segments[49]!.target).toBe("Zeile 49,\numbrochen");
  });

  test("a file without a target column is reported", () => {
    expect(errors(parse("a.csv", "name,value\nx,1\n"))).toEqual([expect.stringMatching(/^a\.csv:1:1: no target column/)]);
    // Rows without a header in a file not named for its locale: the message says how they are read.
    expect(errors(parse("plain_semi.csv", "Save the file now.;Speichern Sie die Datei jetzt.\n"))).toEqual([expect.stringMatching(/^plain_semi\.csv:1:1: no target column .*a file named for its locale, as de_DE\.csv\); file not read$/u)]);
  });
});

test("CRLF files: positions and round trips", () => {
  for (const name of ["ru-en.xlf", "zh-en.xliff", "en-de.tmx", "en-fr.po", "zh-en.tsv"]) {
    const crlf = fixture(name).replace(/\n/g, "\r\n");
    const parsed = parse(name, crlf);
    expect(parsed.document.segments.map((s) => s.id)).toEqual(parse(name).document.segments.map((s) => s.id));
    expectPositionsInFile(crlf, parsed, '\\"');
    expect(parsed.write(new Map())).toBe(crlf);
  }
});

describe("check --fix on XLIFF", () => {
  test("fixes only the target with “8 thousand”; a malformed file is reported, left unchanged, and the others are still checked", async () => {
    const original = fixture("zh-en.xliff");
    const broken = fixture("broken.xlf");
    const dir = tempTree({ "zh-en.xliff": original, "broken.xlf": broken });
    const run = await runCli(["check", "--fix", "--format", "json", join(dir, "zh-en.xliff"), join(dir, "broken.xlf")]);
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, "zh-en.xliff"), "utf8")).toBe(original.replace("<ph id=\"1\"/>8 thousand hours.", "<ph id=\"1\"/>8,000 hours."));
    expect(readFileSync(join(dir, "broken.xlf"), "utf8")).toBe(broken);
    expect(run.stderr).toContain("broken.xlf:7:27: malformed XML");
    const report = JSON.parse(run.stdout) as { files: { path: string; findings: unknown[]; fixes?: { applied: number } }[] };
    expect(report.files.find((f) => f.path.endsWith("zh-en.xliff"))).toMatchObject({ findings: [], fixes: { applied: 1 } });
  });

  test("findings in an XLIFF target point into the file", async () => {
    const dir = tempTree({ "ru-en.xlf": fixture("ru-en.xlf") });
    const run = await runCli(["check", "--format", "json", join(dir, "ru-en.xlf")]);
    const findings = (JSON.parse(run.stdout) as { files: { findings: { text: string; line: number; column: number }[] }[] }).files[0]!.findings;
    const text = fixture("ru-en.xlf");
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(textAt(text, f, f.text.length)).toBe(f.text);
  });
});

describe("suppression notes in bilingual files", () => {
  test("an XLIFF <note> and a PO comment with mtlint-disable switch rules off for their unit only", async () => {
    const { check } = await import("../src/index.js");
    const xliff = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<xliff version="1.2"><file source-language="ru" target-language="en" datatype="plaintext" original="x"><body>',
      '<trans-unit id="a"><source>8 тысяч</source><target>Some 8 thousand cars.</target><note>mtlint-disable en/numbers/thousand-in-words</note></trans-unit>',
      '<trans-unit id="b"><source>9 тысяч</source><target>Some 9 thousand cars.</target></trans-unit>',
      "</body></file></xliff>",
    ].join("\n");
    expect((await check(xliff, { format: "xliff" })).findings.map((f) => f.text)).toEqual(["9 thousand"]);
    const po = ['msgid ""', 'msgstr ""', '"Language: en\\n"', "", "# mtlint-disable", 'msgid "a"', 'msgstr "Some 8 thousand cars."', "", 'msgid "b"', 'msgstr "Some 9 thousand cars."', ""].join("\n");
    expect((await check(po, { format: "po" })).findings.map((f) => f.text)).toEqual(["9 thousand"]);
  });
});
