/**
 * Localization files as they come from real projects: quiet on good translations, one sharp
 * finding for each real error. Every fixture is written for this test.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { languageFromPath } from "../src/formats/bilingual.js";
import { xliff as xliffOf } from "./l10n-helpers.js";
import { check, fix } from "../src/index.js";
import { runCli, tempTree } from "./cli-helpers.js";

const rulesOf = async (text: string, format: string, language: string, sourceLanguage = "en") =>
  (await check(text, { format, language, sourceLanguage })).findings.map((f) => `${f.ruleId.replace(/^common\//u, "")} ${f.text}`);

const xliff = (units: [source: string, target: string][], target = "fr") => xliffOf(units, "en", target);

describe("a target left in the source's language", () => {
  test("is reported untranslated once; the target language's typography does not touch it", async () => {
    const text = xliff([["Name: your full name, as it appears on your card", "Name: your full name, as it appears on your card"]]);
    expect(await rulesOf(text, "xliff", "fr")).toEqual(["accuracy/untranslated Name: your full name, as it appears on your card"]);
    // Fixing adds no French no-break space to the English text (which would hide it from the untranslated check).
    expect((await fix(text, { format: "xliff", language: "fr", sourceLanguage: "en" })).text).toBe(text);
  });

  test("also where only its punctuation or spacing was changed: the target language's rules do not read it", async () => {
    const text = xliff([
      ['Choose "Fast mode" to skip the preview.', "Choose „Fast mode“ to skip the preview."],
      ["Where is the file? Open it: now.", "Where is the file ? Open it : now."],
    ]);
    const rules = await rulesOf(text, "xliff", "de");
    expect(rules.filter((r) => r.startsWith("de/"))).toEqual([]);
    expect(await rulesOf(text, "xliff", "fr")).not.toEqual(expect.arrayContaining([expect.stringMatching(/^fr\//u)]));
    // A translated target is still read by them.
    expect(await rulesOf(xliff([['Choose Fast mode to skip the preview.', 'Wählen Sie "Schnellmodus", um die Vorschau zu überspringen.']]), "xliff", "de")).toEqual(expect.arrayContaining([expect.stringMatching(/^de\/punctuation\//u)]));
  });

  test("in a PO file, which does not name its source language: an English copy is read as English, a French one as French", async () => {
    const po = (entries: string[]) => `msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n${entries.map((e) => `msgid "${e}"\nmsgstr "${e}"\n`).join("\n")}`;
    const english = po(["Do you really want to quit now? Your changes: none"]);
    expect((await check(english, { format: "po" })).findings.map((f) => f.ruleId)).toEqual(["common/accuracy/untranslated"]);
    expect((await fix(english, { format: "po" })).text).toBe(english);
    const french = po(["Voulez-vous vraiment quitter maintenant? Vos changements: aucun"]);
    expect((await check(french, { format: "po" })).findings.map((f) => f.ruleId)).toContain("fr/punctuation/missing-no-break-space");
  });

  test("a licence text kept in the source language is neither untranslated nor in the wrong language", async () => {
    const licence = "Permission is hereby granted, free of charge, to any person obtaining a copy of this software, to deal in it without restriction.";
    expect(await rulesOf(xliff([[licence, licence]], "de"), "xliff", "de")).toEqual([]);
    const prose = "Please restart the computer now to finish installing the update.";
    expect(await rulesOf(xliff([[prose, prose]], "de"), "xliff", "de")).toEqual(expect.arrayContaining([expect.stringMatching(/^accuracy\/(?:untranslated|language-mismatch) /u)]));
  });

  test("a target of inline codes only is one finding, not a number and a length finding", async () => {
    const text = xliff([['Delete <x id="1"/>3 files<x id="2"/> from the list', '<x id="1"/><x id="2"/>']]);
    expect(await rulesOf(text, "xliff", "de")).toEqual(['accuracy/untranslated <x id="1"/><x id="2"/>']);
  });
});

describe("CSV as Magento writes it", () => {
  test("a field quoted after a space has no leading space of its own", async () => {
    const text = 'source,target\n"Save the settings", "Einstellungen speichern"\n"Open the menu",  "Menü öffnen"\n';
    expect(await rulesOf(text, "csv", "de")).toEqual([]);
  });
});

const tmx = (units: [source: string, target: string][]) => `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body>
${units.map(([s, t]) => `<tu><tuv lang="ru"><seg>${s}</seg></tuv><tuv lang="en"><seg>${t}</seg></tuv></tu>`).join("\n")}
</body></tmx>
`;

describe("OmegaT tags written as text (&lt;x1/&gt;) in XLIFF and TMX", () => {
  const parity = "accuracy/placeholder-parity";
  const omegatTmx = (source: string, target: string) => `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="OmegaT" creationtoolversion="1" o-tmf="OmegaT TMX"/>
<body>
<tu><tuv lang="en"><seg>${source}</seg></tuv><tuv lang="fr"><seg>${target}</seg></tuv></tu>
</body></tmx>
`;
  const parityOf = async (text: string, format: string) => (await rulesOf(text, format, "fr")).filter((r) => r.startsWith(`${parity} `));

  // A source with no punctuation but the escaped tags: nothing but "&" says it may hold a code.
  test("a dropped tag is reported, as it is in PO where the tags are written plain", async () => {
    const dropped = `${parity} Appuyez maintenant sur Enregistrer`;
    expect(await parityOf('msgid "Press <x1/>Save<x2/> now"\nmsgstr "Appuyez maintenant sur Enregistrer"\n', "po")).toEqual([dropped]);
    expect(await parityOf(xliff([["Press &lt;x1/&gt;Save&lt;x2/&gt; now", "Appuyez maintenant sur Enregistrer"]]), "xliff")).toEqual([dropped]);
    const findings = (await check(omegatTmx("Press &lt;b0&gt;Save&lt;/b0&gt; to keep your work", "Appuyez sur Enregistrer pour garder votre travail"), { format: "tmx", language: "fr", sourceLanguage: "en" })).findings;
    expect(findings.filter((f) => f.ruleId === `common/${parity}`).map((f) => f.message)).toEqual([expect.stringContaining("“<b0>” and “</b0>”")]);
  });

  test("tags the target keeps are not reported; one tag of two kept is the other missing", async () => {
    expect(await parityOf(xliff([["Press &lt;x1/&gt;Save&lt;x2/&gt; now", "Appuyez maintenant sur &lt;x1/&gt;Enregistrer&lt;x2/&gt;"]]), "xliff")).toEqual([]);
    expect(await parityOf(omegatTmx("Press &lt;b0&gt;Save&lt;/b0&gt; to keep your work", "Appuyez sur &lt;b0&gt;Enregistrer&lt;/b0&gt; pour garder votre travail"), "tmx")).toEqual([]);
    const oneKept = (await check(xliff([["Press &lt;x1/&gt;Save&lt;x2/&gt; now", "Appuyez maintenant sur &lt;x1/&gt;Enregistrer"]]), { format: "xliff", language: "fr", sourceLanguage: "en" })).findings;
    expect(oneKept.filter((f) => f.ruleId === `common/${parity}`).map((f) => f.message)).toEqual([expect.stringMatching(/“<x2\/>”/u)]);
    expect(oneKept.map((f) => f.message).join(" ")).not.toMatch(/<x1\/>/u);
  });

  test("an escaped tag added to a target whose source has none is reported where it is", async () => {
    expect(await parityOf(xliff([["Press Save now", "Appuyez maintenant sur &lt;x1/&gt;Enregistrer"]]), "xliff")).toEqual([`${parity} &lt;x1/&gt;`]);
  });
});

describe("help texts as translation memories keep them", () => {
  test("a query is code: the target language's prose rules do not read it", async () => {
    const query = "SELECT\nOrders.Customer, Orders.Total\nFROM\nSales.Orders AS Orders\nWHERE Orders.Total &gt; &amp;Limit";
    expect(await rulesOf(tmx([[query, query]]), "tmx", "en", "ru")).toEqual([]);
  });

  test("a sentence split in two units: brackets that the source leaves open are not reported in the target", async () => {
    const text = tmx([
      ["Узлы перечислены в таблице (см.", "The nodes are listed in the table (see"],
      ["ниже).", "below)."],
    ]);
    expect(await rulesOf(text, "tmx", "en", "ru")).toEqual([]);
  });

  test("a bracket the translation lost is reported once: at the mark where the language has a pairing rule, else by the source-vs-target check", async () => {
    const text = tmx([["Узлы перечислены в таблице (см. ниже).", "The nodes are listed in the table (see below."]]);
    expect(await rulesOf(text, "tmx", "en", "ru")).toEqual(["en/punctuation/unbalanced-quote-or-bracket ("]);
    const italian = text.replace('lang="en"', 'lang="it"').replace("The nodes are listed in the table (see below.", "I nodi sono elencati nella tabella (vedi sotto.");
    expect(await rulesOf(italian, "tmx", "it", "ru")).toEqual(["punctuation/bracket-parity I nodi sono elencati nella tabella (vedi sotto."]);
  });
});

describe("files in the charset they declare", () => {
  const cp1251 = (text: string) => Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 128 ? c.charCodeAt(0) : 0xc0 + "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя".indexOf(c))));
  const po = `msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=CP1251\\n"\n\nmsgid "Open the file and save it."\nmsgstr "Откройте файл и сохраните его"\n`;

  test("a CP1251 PO file is read, checked and fixed in CP1251", async () => {
    const dir = tempTree({ "ru.po": cp1251(po) });
    const report = JSON.parse((await runCli(["check", "--format", "json", "--source-lang", "en", join(dir, "ru.po")])).stdout) as { files: { findings: { ruleId: string; text: string }[] }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.files[0]!.findings.map((f) => [f.ruleId, f.text])).toEqual([["common/punctuation/punctuation-parity", "его"]]);
    await runCli(["check", "--fix", "--source-lang", "en", join(dir, "ru.po")]);
    expect(readFileSync(join(dir, "ru.po"))).toEqual(Buffer.from(cp1251(po.replace("сохраните его\"", "сохраните его.\""))));
  });

  test("an ISO-8859-1 XLIFF file is read; a file that is valid UTF-8 stays UTF-8 whatever it declares", async () => {
    const text = xliff([["Open the settings window now", "Ouvrez la fenêtre des paramètres maintenant"]]).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const dir = tempTree({ "fr.xlf": Buffer.from(text, "latin1"), "utf8.xlf": text });
    const report = JSON.parse((await runCli(["check", "--format", "json", dir])).stdout) as { files: { findings: unknown[] }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.files.map((f) => f.findings)).toEqual([[], []]);
  });
});

describe("the target language from the file name, when the file does not say", () => {
  test.each([
    ["messages.de.xlf", "de"],
    ["translations/validators.zh_CN.xlf", "zh-CN"],
    ["locale/fr/LC_MESSAGES/app.po", "fr"],
    ["i18n/de_DE.csv", "de-DE"],
    ["po/pt_BR.po", "pt-BR"],
    ["locales/de/strings.json", "de"],
    ["out/pt_BR/strings.csv", "pt-BR"],
  ])("%s → %s", (path, language) => {
    expect(languageFromPath(path)).toBe(language);
  });

  test("names that are no language say nothing", () => {
    expect(["messages.xlf", "po/app.po", "project_save.tmx", "data/es.txt.bak"].map(languageFromPath)).toEqual([undefined, undefined, undefined, undefined]);
  });

  test("a folder's name is a language only where the folders say so: /tmp and mt/ (Tok Pisin's and Maltese codes) are not", () => {
    expect(["/tmp/batch.jsonl", "runs/mt/segments.jsonl", "data/de/notes.csv"].map(languageFromPath)).toEqual([undefined, undefined, undefined]);
  });

  test("a PO header naming its language in words (Language: français) gives way to the file name", async () => {
    const po = `msgid ""\nmsgstr ""\n"Language: français\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Delete the file?"\nmsgstr "Supprimer le fichier?"\n`;
    const { findings } = await check(po, { format: "po", path: "po/fr.po", sourceLanguage: "en" });
    expect(findings.map((f) => f.ruleId)).toEqual(["fr/punctuation/missing-no-break-space"]);
  });
});

describe("what the formats say about their units", () => {
  test("XLIFF: a target whose state says it is not translated yet is skipped; maxwidth in characters is a length limit", async () => {
    const text = xliff([
      ["Save the settings now", "Save the settings now"],
      ["Open", "Ouvrir le fichier"],
    ])
      .replace('<target>Save the settings now</target>', '<target state="needs-translation">Save the settings now</target>')
      .replace('<trans-unit id="u2">', '<trans-unit id="u2" maxwidth="10" size-unit="char">');
    expect(await rulesOf(text, "xliff", "fr")).toEqual(["style/length-limit Ouvrir le fichier"]);
    // Within the limit: nothing; a limit in pixels is not read.
    expect(await rulesOf(text.replace('maxwidth="10"', 'maxwidth="17"'), "xliff", "fr")).toEqual([]);
    expect(await rulesOf(text.replace('size-unit="char"', 'size-unit="pixel"'), "xliff", "fr")).toEqual([]);
  });

  test("XLIFF: maxwidth in bytes counts the target's UTF-8 (“Größe ändern” is 12 characters, 15 bytes)", async () => {
    const text = xliff([["Resize", "Größe ändern"]], "de").replace('<trans-unit id="u1">', '<trans-unit id="u1" maxwidth="14" size-unit="byte">');
    const { findings } = await check(text, { format: "xliff", language: "de" });
    expect(findings.filter((f) => f.ruleId === "common/style/length-limit").map((f) => f.message)).toEqual(["The target has 15 bytes; the file allows 14 here."]);
    expect(await rulesOf(text.replace('maxwidth="14"', 'maxwidth="15"'), "xliff", "de")).toEqual([]);
    expect(await rulesOf(text.replace('size-unit="byte"', 'size-unit="char"'), "xliff", "de")).toEqual([]);
  });

  test("PO: one source in two contexts (msgctxt) may be translated two ways", async () => {
    const entry = (context: string, target: string) => `msgctxt "${context}"\nmsgid "Open the file now"\nmsgstr "${target}"\n`;
    const po = `msgid ""\nmsgstr ""\n"Language: de\\n"\n\n${entry("menu", "Datei jetzt öffnen")}\n${entry("menu", "Datei jetzt öffnen")}\n${entry("dialog", "Datei jetzt Öffnen")}`;
    expect((await check(po, { format: "po", sourceLanguage: "en" })).findings.map((f) => f.ruleId)).not.toContain("common/terminology/translation-consistency");
    const sameContext = po.replace('"dialog"', '"menu"');
    expect((await check(sameContext, { format: "po", sourceLanguage: "en" })).findings.map((f) => f.ruleId)).toContain("common/terminology/translation-consistency");
  });
});

test("straight quotation marks that the translation keeps from its source are no typography error; curly English ones still are", async () => {
  const csv = 'source,target\n"Click ""Save"" now","Klicken Sie jetzt auf ""Speichern"""\n"Click “Save” now","Klicken Sie jetzt auf “Speichern”"\n';
  expect((await check(csv, { format: "csv", language: "de", sourceLanguage: "en" })).findings.map((f) => [f.ruleId, f.text])).toEqual([
    ["de/punctuation/english-quotation-marks", "“"],
    ["de/punctuation/english-quotation-marks", "”"],
  ]);
});
