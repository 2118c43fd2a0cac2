/** Bilingual rules (source vs target): number, placeholder and punctuation parity, untranslated, consistency, glossary, length ratio. */
import { join } from "node:path";
import { resolveConfig } from "../src/config/config.js";
import { parseGlossary } from "../src/config/glossary.js";
import { loadBuiltinRules } from "../src/config/rules.js";
import type { Document } from "../src/core/types.js";
import { lint } from "../src/engine/lint.js";
import { compareNumbers, hanNumeralValue } from "../src/rules/number-parity.js";
import { looksLikeCode } from "../src/analysis/code.js";
import { URL_OR_MAIL } from "../src/engine/fixes.js";
import { compareItems } from "../src/rules/placeholder-parity.js";
import { runCli, tempTree } from "./cli-helpers.js";
import { ruleSetOf } from "./helpers.js";

const builtin = loadBuiltinRules();
const ruleSet = (id: string, env = {}) => ruleSetOf(builtin.filter((r) => r.spec.id === `common/${id}`), env);

function doc(pairs: [source: string | undefined, target: string][], language = "en", sourceLanguage?: string): Document {
  return {
    path: "t",
    language,
    sourceLanguage,
    segments: pairs.map(([source, target], i) => ({ id: String(i + 1), target, origin: { file: "t", line: i + 1, column: 1 }, ...(source === undefined ? {} : { source }) })),
  };
}
const found = (id: string, pairs: [string | undefined, string][], env = {}, language = "en") =>
  lint(doc(pairs, language), ruleSet(id, env)).findings.map((f) => ({ segment: f.segmentId, text: f.text, message: f.message }));

describe("number-parity", () => {
  test.each([
    ["8 тысяч человек", "8,000 people"],
    ["8 тысяч человек", "8 thousand people"],
    ["3,5 процента", "3.5 percent"],
    ["25 000 рублей", "25,000 roubles"],
    ["Das kostet 1.500.000 Euro.", "It costs 1,500,000 euros."],
    ["150万人", "1.5 million people"],
    ["3 Äpfel und 5 Birnen", "five pears and three apples"],
    ["five pears and 3 apples", "5 Birnen und drei Äpfel"],
    ["Am 5. Mai 2020", "On 5 May 2020"],
    ["2020年3月5日", "March 5, 2020"],
    ["1) Открыть файл", "Open the file"],
    ["140亿年过去了", "Fourteen billion years later"],
    ["almost 200 feet out of the water", "fast 60 Meter aus dem Wasser"],
  ])("%j ↔ %j: nothing missing", (source, target) => {
    expect(compareNumbers(source, target).missing).toEqual([]);
  });

  test("a changed number is flagged where it is, a dropped one at the whole target", () => {
    expect(found("accuracy/number-parity", [["Пришли 8 тысяч человек.", "6,000 people came."]])).toEqual([
      { segment: "1", text: "6,000", message: "Number mismatch with the source: the source's “8 тысяч” is “6,000” here." },
    ]);
    const [f] = found("accuracy/number-parity", [["Пришли 8 тысяч человек, 5 ушли.", "Many people came, some left."]]);
    expect(f!.text).toBe("Many people came, some left.");
    expect(f!.message).toContain("“8 тысяч” and “5” in the source are missing");
  });

  test("Chinese numerals with unit characters are numbers; approximate ones and words that contain numerals are not", () => {
    expect(["十", "十万", "两千", "一百三十亿", "三亿五千万", "一万一千", "一千零一", "十二五", "二〇二〇"].map(hanNumeralValue)).toEqual([10, 1e5, 2000, 13e9, 35e7, 11000, 1001, undefined, undefined]);
    expect(compareNumbers("有些冰超过十万年。", "Some ice is more than ten thousand years old.").missing.map((n) => n.text)).toEqual(["十万"]);
    expect(compareNumbers("十亿年前", "two billion years ago").missing.map((n) => n.text)).toEqual(["十亿"]);
    for (const [source, target] of [
      ["十亿年前", "a billion years ago"],
      ["一千二百万人", "12 million people"],
      ["几十亿倍，二十多年，上百人", "billions of times, over twenty years, hundreds of people"],
      ["万一下雨，十分重要，亿万富翁", "in case it rains, very important, a billionaire"],
      ["百分之五十", "50 percent"],
    ]) {
      expect(compareNumbers(source!, target!).missing).toEqual([]);
    }
  });

  test("an imperial measure given the same number with a metric unit is a changed number", () => {
    expect(found("accuracy/number-parity", [["almost 200 feet out of the water", "fast 200 Meter aus dem Wasser"]])).toEqual([
      { segment: "1", text: "200 Meter", message: "Number mismatch with the source: the source's “200 feet” is “200 Meter” here." },
    ]);
    expect(compareNumbers("It weighs 10 pounds and heats to 350 °F.", "Es wiegt 10 kg und wird 350 °C heiß.").missing.map((n) => n.text)).toEqual(["10 pounds", "350 °F"]);
    for (const target of ["fast 200 Fuß aus dem Wasser", "fast 60 Meter aus dem Wasser", "fast 60 m (200 ft) aus dem Wasser"]) {
      expect(compareNumbers("almost 200 feet out of the water", target).missing).toEqual([]);
    }
  });

  test("locale number formats, dates in each locale's order, spelled-out numbers, digits inside names", () => {
    for (const [source, target] of [
      ["It costs 1,299.99 euros.", "Es kostet 1.299,99 Euro."],
      ["It costs 1,299.99 euros.", "Cela coûte 1 299,99 euros."],
      ["It costs 1,299.99 euros.", "Cela coûte 1\u202f299,99 euros."],
      ["It costs 80,000 francs.", "Es kostet 80’000 Franken."],
      ["Due on 03/04/2024.", "Fällig am 04.03.2024."],
      ["Due on 03/04/2024.", "期限は2024-03-04です。"],
      ["At least 8 characters and 1 number", "Au moins huit caractères et un chiffre"],
      ["At least 8 characters", "Al menos ocho caracteres"],
      ["Enable 2FA", "Activer l’authentification à deux facteurs"],
      ["Use a 6-digit code", "Используйте шестизначный код"],
      ["Enter the 2 codes", "输入两个代码"],
      ["CVV2 security code", "Prüfziffer"],
      ["snippet_4 text", "Text"],
    ]) {
      expect(compareNumbers(source!, target!).missing).toEqual([]);
    }
    expect(compareNumbers("It costs 1,299.99 euros.", "Es kostet 1.289,99 Euro.").missing.map((n) => n.text)).toEqual(["1,299.99"]);
    expect(compareNumbers("Due on 03/04/2024.", "Fällig am 05.03.2024.").missing).not.toEqual([]);
    expect(compareNumbers("Up to 5GB of storage", "Bis zu 6 GB Speicher").missing.map((n) => n.text)).toEqual(["5"]);
  });

  test("years must be identical", () => {
    expect(compareNumbers("в 2019 году", "in 2018").missing.map((n) => n.text)).toEqual(["2019"]);
  });
});

describe("no source, no findings", () => {
  test.each(["accuracy/number-parity", "accuracy/untranslated", "punctuation/punctuation-parity", "accuracy/placeholder-parity", "style/length-ratio", "terminology/source-term-consistency", "terminology/translation-consistency", "terminology/glossary"])("%s", (id) => {
    const targets: [undefined, string][] = [[undefined, "Hello %s, 8 people"], [undefined, "Hello %s, 8 people"], [undefined, "The ES adopted sanctions. Are you sure?"]];
    expect(found(id, targets)).toEqual([]);
  });
});

describe("placeholder-parity", () => {
  test("multisets of printf, braces, tags, XLIFF codes, URLs", () => {
    expect(compareItems("%s and %s", "%s")).toEqual({ missing: ["%s"], extra: [], changed: [] });
    expect(compareItems("Click <x id=\"1\"/> here", "Hier <x id=\"2\"/> klicken").missing).toEqual(['<x id="1"/>']);
    expect(compareItems("{{user}} at https://a.example/x.", "{{user}} bei https://a.example/x").missing).toEqual([]);
    expect(compareItems("{n, plural, one {# day} other {# days}}", "{m, plural, one {# день} few {# дня} other {# дней}}").missing).toEqual(["{n, plural}"]);
  });

  test("the same, written otherwise: positions, glued printf, ICU branches, plural variants, localised examples, autolinks", () => {
    const same = (source: string, target: string) => expect(compareItems(source, target)).toEqual({ missing: [], extra: [], changed: [] });
    same("%s was sent by %s", "%2$s wurde von %1$s gesendet");
    same("Invalid code %s", "Code %snon valide");
    same("{n, plural, one {page} other {pages}}", "{n, plural, one {Seite} other {Seiten}}");
    same("{{ limit }} characters.|{{ limit }} characters.", "{{limit}} символ.|{{limit}} символа.|{{limit}} символов.");
    // Variants on one side only: a language with one plural form, or a source with one form.
    same("{{ count }} file.|{{ count }} files.", "{{ count }} 个文件。");
    same("Try again in %minutes% minutes.", "Через %minutes% минуту.|Через %minutes% минуты.|Через %minutes% минут.");
    same("Try again in %minutes% minutes.", "%minutes% 分钟后再试。|%minutes% 分钟后再试。");
    same("For example: jane@school.edu", "Beispiel: erika@schule.edu");
    same("Written by <ann@home.org>", "Geschrieben von <ann@home.org>");
    same("&lt;x1/&gt;Close&lt;x2/&gt;", "&lt;x1/&gt;Schließen&lt;x2/&gt;");
    // A percent sign, a space and a word starting with a length modifier is no printf (“% t” + “o”); a space flag still is one.
    same("Press %kbd F2 % to rename the entry.", "Drücken Sie %kbd F2 %, um den Eintrag umzubenennen.");
    expect(compareItems("Code % d", "Code").missing).toEqual(["% d"]);
    // A placeholder that no variant keeps is still missing, and one no variant of the source has is extra.
    expect(compareItems("{{ count }} file.|{{ count }} files.", "文件太多。").missing).toEqual(["{{count}}"]);
    expect(compareItems("Try again later.", "Später.|%minutes% Minuten später.").extra.map((i) => i.key)).toEqual(["%minutes%"]);
    // Positions the source uses must be kept.
    expect(compareItems("%1$s of %2$s", "%1$s von %1$s").missing).toEqual(["%2$s"]);
    // One letter changed is a typo, even in an example.
    expect(compareItems("For example: jane@school.edu", "Beispiel: jane@schoul.edu").changed.map(([key, item]) => [key, item.key])).toEqual([["jane@school.edu", "jane@schoul.edu"]]);
    expect(compareItems("For example, http://www.shop.com/cart.html", "Zum Beispiel http://wmw.shop.com/cart.html").changed.map(([key]) => key)).toEqual(["shop.com/cart.html"]);
    same("For example, http://www.shop.com/cart.html", "Zum Beispiel http://www.laden.de/korb.html");
    // A printf glued to a word counts only as the source's: "%sure" in a target is not an extra "%s".
    expect(compareItems("Save", "100%sure").extra).toEqual([]);
  });

  test("ICU: a lost select branch and broken syntax are reported", () => {
    expect(compareItems("{g, select, male {He} female {She} other {They}}", "{g, select, male {Er} other {Sie}}").icuProblem).toBe("the select “g” lacks the branch “female”");
    expect(compareItems("{n, plural, one {# file} other {# files}}", "{n, plural, one {# Datei} other {# Dateien}").icuProblem).toBe("“{” not closed");
    expect(compareItems("{n, plural, one {# file} other {# files}}", "{n, plural, one {# Datei}}").icuProblem).toBe("“n” has no “other” branch");
  });

  test("an extra tag is reported at it, even in masked XLIFF markup", () => {
    const document = doc([["Save <x id=\"1\"/>", "Sichern<x id=\"9\"/>"]], "de");
    document.segments[0]!.masked = [{ start: 7, end: 18 }];
    const findings = lint(document, ruleSet("accuracy/placeholder-parity")).findings;
    expect(findings.map((f) => f.text)).toEqual(["Sichern<x id=\"9\"/>", '<x id="9"/>']);
    // A source without its inline codes (as the XLIFF reader gives it): masked target tags are not compared.
    document.segments[0]!.source = "Save";
    expect(lint(document, ruleSet("accuracy/placeholder-parity")).findings).toEqual([]);
  });
});

describe("a URL ends where the text around it goes on", () => {
  test("a bracket or full stop after a URL closes the text, not the URL; a bracket the URL opens is its own", () => {
    const urls = (text: string) => [...text.matchAll(URL_OR_MAIL)].map((m) => m[0]);
    expect(urls("(see http://shop.example/cart.html).")).toEqual(["http://shop.example/cart.html"]);
    expect(urls("（例：https://shop.example/cart.html）。")).toEqual(["https://shop.example/cart.html"]);
    expect(urls("详见 www.shop.example/help。")).toEqual(["www.shop.example/help"]);
    expect(urls("Read https://en.wikipedia.org/wiki/Pluto_(dwarf_planet), then")).toEqual(["https://en.wikipedia.org/wiki/Pluto_(dwarf_planet)"]);
    expect(urls("Go to https://shop.example/a?b=1&c=2!")).toEqual(["https://shop.example/a?b=1&c=2"]);
  });

  test("bracket-parity: the bracket closed after a URL is closed", () => {
    expect(
      found(
        "punctuation/bracket-parity",
        [
          ["Use a full address, e.g. https://shop.example/cart.html", "完全なアドレスを使ってください（例：https://shop.example/cart.html）"],
          ["Use a full address, e.g. https://shop.example/cart.html", "Use una dirección completa (p. ej.: https://tienda.example/carro.html)"],
        ],
        {},
        "ja",
      ),
    ).toEqual([]);
    expect(found("punctuation/bracket-parity", [["Use a full address (e.g. https://shop.example/cart.html).", "Use una dirección completa (p. ej.: https://tienda.example/carro.html."]], {}, "es")).toHaveLength(1);
  });
});

describe("untranslated", () => {
  test("identical text and source-script words; names and codes pass", () => {
    expect(found("accuracy/untranslated", [["Откройте файл и сохраните его.", "Откройте файл и сохраните его."]])).toHaveLength(1);
    expect(found("accuracy/untranslated", [["Hamburg", "Hamburg"], ["ID-4711", "ID-4711"], ["Berlin Hauptbahnhof", "Berlin Hauptbahnhof"]], {}, "de")).toEqual([]);
    expect(found("accuracy/untranslated", [["东京是日本的首都。", "東京は日本の首都です。"]], {}, "ja")).toEqual([]);
  });

  test("a query kept as it is needs no translation, even without code punctuation; capitals in prose are no query", () => {
    expect(found("accuracy/untranslated", [["SELECT name FROM %table%\nWHERE", "SELECT name FROM %table%\nWHERE"], ["INSERT INTO %table% VALUES", "INSERT INTO %table% VALUES"]], {}, "de")).toEqual([]);
    expect(["SELECT YOUR PLAN AND START NOW", "NOT IN STOCK OR ON ORDER", "Select the files you want."].map(looksLikeCode)).toEqual([false, false, false]);
    expect(found("accuracy/untranslated", [["Select the files you want.", "Select the files you want."]], {}, "de")).toHaveLength(1);
  });
});

describe("punctuation-parity", () => {
  test("a translated question stays a question; a missing full stop gets a safe fix", () => {
    expect(found("punctuation/punctuation-parity", [["Ты придёшь?", "Will you come?"], ["你好吗？", "How are you?"]])).toEqual([]);
    const [f] = lint(doc([["Теперь всё уже готово.", "All done now"]]), ruleSet("punctuation/punctuation-parity")).findings;
    expect(f!.fix).toMatchObject({ applicability: "safe", edits: [{ start: 12, end: 12, text: "." }] });
  });
});

describe("document rules", () => {
  test("source-term-consistency: the minority rendering of one source acronym", () => {
    const pairs: [string, string][] = [
      ["Боевики ИГ захватили город.", "ISIS fighters took the city."],
      ["ИГ отступило.", "ISIS retreated."],
      ["Позже ИГ вернулось.", "Later the IG returned."],
      ["США и ЕС", "The US and the EU"],
    ];
    const findings = lint(doc(pairs), ruleSet("terminology/source-term-consistency")).findings;
    expect(findings.map((f) => [f.segmentId, f.text, f.fix?.edits[0]?.text, f.fix?.applicability])).toEqual([["3", "IG", "ISIS", "unsafe"]]);
  });

  test("source-term-consistency: a target acronym that the sources use themselves is a term of its own, not a rendering", () => {
    const pairs: [string, string][] = [
      ["Enter the ID of your account.", "Geben Sie die ID Ihres Kontos ein."],
      ["The ID is shown on the invoice.", "Die ID steht auf der Rechnung."],
      ["The ID of the sub-account.", "Die Nummer des Unterkontos, das Sie im PMI angelegt haben."],
      ["Open the PMI settings.", "Öffnen Sie die PMI-Einstellungen."],
    ];
    expect(lint(doc(pairs), ruleSet("terminology/source-term-consistency")).findings).toEqual([]);
    // Without the source that names the PMI, “PMI” is read as a rendering of “ID”.
    expect(lint(doc(pairs.slice(0, 3)), ruleSet("terminology/source-term-consistency")).findings.map((f) => f.text)).toEqual(["PMI"]);
  });

  test("translation-consistency: a slip among translations of one source; one target for two sources where one says more", () => {
    const pairs: [string, string][] = [
      ["Сохранить файл на диск", "Save the file to disk"],
      ["Сохранить файл на диск", "Save the file to disk"],
      ["Сохранить файл на диск", "Save the File to disk"],
      ["Откройте меню настроек", "Open the settings menu"],
      ["Откройте меню настроек", "Open the settings menu"],
      ["Откройте меню настроек", "Show the menu with the settings"],
      ["Удалить новый файл с диска", "Delete the file from disk"],
      ["Удалить файл с диска", "Delete the file from disk"],
      ["Please contact the support team", "Contact support now"],
      ["Contact our support team", "Contact support now"],
      ["Сохранить", "Save"],
      ["Сохранить", "Store"],
      ["Сохранить", "Store"],
    ];
    const findings = lint(doc(pairs), ruleSet("terminology/translation-consistency")).findings;
    // Another wording is no slip; sources that differ in function words only are one message; labels are not compared.
    expect(findings.map((f) => [f.segmentId, f.text])).toEqual([["3", "Save the File to disk"], ["7", "Delete the file from disk"]]);
  });
});

describe("length-ratio", () => {
  test("pair defaults and options", () => {
    const long = "This sentence is long enough to be measured properly.";
    expect(found("style/length-ratio", [[long, "Dieser Satz ist lang genug, um richtig gemessen zu werden."]], {}, "de")).toEqual([]);
    expect(found("style/length-ratio", [[long, "Kurz."]], {}, "de")).toHaveLength(1);
    expect(found("style/length-ratio", [[long, "Kurz."]], { options: { tolerance: 20 } }, "de")).toEqual([]);
    expect(found("style/length-ratio", [["这是一个足够长的中文句子，用来测试长度比例是否正确。", "This is a Chinese sentence long enough to test whether the length ratio is right."]])).toEqual([]);
  });
});

describe("glossary", () => {
  test("CSV/TSV term files: columns, alternatives, forbidden variants", () => {
    expect(parseGlossary('source,target,forbidden\nИГ,ISIS,"IG|ISIL"\n\n"Минфин","Ministry of Finance; Finance Ministry",\n', "g.csv")).toEqual([
      { source: "ИГ", targets: ["ISIS"], forbidden: ["IG", "ISIL"], origin: "g.csv:2" },
      { source: "Минфин", targets: ["Ministry of Finance", "Finance Ministry"], forbidden: [], origin: "g.csv:4" },
    ]);
    expect(parseGlossary("Term\tTranslation\nфайл\tfile\n", "g.tsv")).toEqual([{ source: "файл", targets: ["file"], forbidden: [], origin: "g.tsv:2" }]);
  });

  test("approved term required, forbidden variant fixed (safe)", () => {
    const glossary = [{ source: "Минфин", targets: ["Ministry of Finance"], forbidden: ["Minfin"] }];
    const pairs: [string, string][] = [
      ["Минфин сообщил.", "Minfin reported."],
      ["Минфин сообщил.", "The finance people reported."],
      ["Минфин сообщил.", "The Ministry of Finance reported."],
    ];
    const findings = lint(doc(pairs), ruleSet("terminology/glossary", { glossary })).findings;
    expect(findings.map((f) => [f.segmentId, f.text, f.fix?.edits[0]?.text])).toEqual([["1", "Minfin", "Ministry of Finance"], ["2", "The finance people reported.", undefined]]);
  });

  test("termFiles in the config, relative to it", async () => {
    const dir = tempTree({
      "cfg/.mtlintrc.json": JSON.stringify({ termFiles: ["terms/glossary.csv"] }),
      "cfg/terms/glossary.csv": "source,target,forbidden\nМинфин,Ministry of Finance,Minfin\n",
      "cfg/a.jsonl": JSON.stringify({ id: "1", source: "Минфин сообщил.", target: "Minfin reported.", srcLang: "ru", tgtLang: "en" }) + "\n",
    });
    const config = resolveConfig({ termFiles: ["terms/glossary.csv"] }, join(dir, "cfg/.mtlintrc.json"));
    expect(config.ruleSet.rules.some((r) => r.rule.spec.id === "common/terminology/glossary")).toBe(true);
    const run = await runCli(["check", "--format", "json", join(dir, "cfg/a.jsonl")]);
    const findings = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; text: string }[] }[] }).files[0]!.findings;
    expect(findings.filter((f) => f.ruleId === "common/terminology/glossary").map((f) => f.text)).toEqual(["Minfin"]);
  });
});

test("CLI: an XLIFF file with a changed number and a dropped placeholder, at the right lines and columns", async () => {
  const xliff = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
    '  <file original="app" source-language="ru" target-language="en" datatype="plaintext">',
    "    <body>",
    '      <trans-unit id="count">',
    "        <source>Пришли 8 тысяч человек.</source>",
    "        <target>Some 6,000 people came.</target>",
    "      </trans-unit>",
    '      <trans-unit id="hello">',
    '        <source>Привет, %s! У вас <g id="1">%d</g> писем.</source>',
    '        <target>Hello! You have <g id="1">%d</g> letters.</target>',
    "      </trans-unit>",
    "    </body>",
    "  </file>",
    "</xliff>",
    "",
  ].join("\n");
  const dir = tempTree({ "app.xlf": xliff });
  const run = await runCli(["check", "--format", "json", join(dir, "app.xlf")]);
  const report = JSON.parse(run.stdout) as { files: { findings: { ruleId: string; line: number; column: number; text: string }[] }[] };
  const findings = report.files[0]!.findings.filter((f) => f.ruleId.startsWith("common/")).map((f) => [f.ruleId, f.line, f.column, f.text]);
  expect(findings).toEqual([
    ["common/accuracy/number-parity", 7, 22, "6,000"],
    ["common/accuracy/placeholder-parity", 11, 17, 'Hello! You have <g id="1">%d</g> letters.'],
  ]);
});
