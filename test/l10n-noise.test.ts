/**
 * Translation files (issue 16): findings that an editor reads as noise on good translations, each
 * with the structural reason it is not an error, and its counterpart that must still be found.
 * Every fixture is written for this test.
 */
import { check } from "../src/index.js";
import { findingsOf, ruleIs, xliff } from "./l10n-helpers.js";

describe("one translation given to two sources, one of which says more", () => {
  const filler: [string, string][] = [
    ["Open the settings page", "Abrir la página de ajustes"],
    ["Close the settings page", "Cerrar la página de ajustes"],
    ["Delete the selected rows", "Eliminar las filas seleccionadas"],
  ];
  const consistency = ruleIs("common/terminology/translation-consistency");

  test("the unit whose source is shorter than the shared translation is the one reported", async () => {
    const units: [string, string][] = [...filler, ["Choose a colour scheme", "Elija un esquema de color"], ["Choose a colour", "Elija un esquema de color"]];
    const found = (await findingsOf(xliff(units, "en", "es"), "xliff", "es", "en")).filter(consistency);
    expect(found).toEqual(["common/terminology/translation-consistency Elija un esquema de color"]);
    const all = (await check(xliff(units, "en", "es"), { format: "xliff", language: "es", sourceLanguage: "en" })).findings.filter((f) => f.ruleId.endsWith("translation-consistency"));
    expect(all.map((f) => f.segmentId)).toEqual(["u5"]);
  });

  test("a shared translation that lost a word is still reported on the source that says more", async () => {
    const units: [string, string][] = [...filler, ["Choose a new colour", "Elija un color"], ["Choose a colour", "Elija un color"]];
    const all = (await check(xliff(units, "en", "es"), { format: "xliff", language: "es", sourceLanguage: "en" })).findings.filter((f) => f.ruleId.endsWith("translation-consistency"));
    expect(all.map((f) => f.segmentId)).toEqual(["u4"]);
  });
});

describe("German quotation marks in interface strings", () => {
  const quotes = ruleIs("de/punctuation/english-quotation-marks");

  test("a fragment joined after a quoted value opens with the German closing mark “", async () => {
    const units: [string, string][] = [
      ["Remove", "„"],
      ["from the list", "“ aus der Liste entfernen"],
    ];
    expect((await findingsOf(xliff(units, "en", "de"), "xliff", "de", "en")).filter(quotes)).toEqual([]);
  });

  test("a “ that opens a quoted word is still the English mark", async () => {
    const units: [string, string][] = [["Choose Save", "“Speichern“ wählen"]];
    expect((await findingsOf(xliff(units, "en", "de"), "xliff", "de", "en")).filter(quotes)).toEqual(["de/punctuation/english-quotation-marks “"]);
  });

  const csv = (rows: [string, string][]) => `source,target\n${rows.map((r) => r.map((c) => `"${c.replace(/"/gu, '""')}"`).join(",")).join("\n")}\n`;
  const keptFromSource: [string, string][] = [
    ['Payments for status "RED"', 'Zahlarten bei Status "ROT"'],
    ['Set "Send invoice" to "Yes".', 'Stellen Sie "Rechnung senden" auf "Ja".'],
  ];

  test("straight marks are the file's style when it keeps the source's straight marks and never writes „", async () => {
    const rows: [string, string][] = [...keptFromSource, ["Run the wizard (Shop > Wizard).", 'Starten Sie den Assistenten unter "Shop > Assistent".']];
    expect((await findingsOf(csv(rows), "csv", "de", "en")).filter(quotes)).toEqual([]);
  });

  test("in a file that writes „…“, a straight pair the source does not have is still reported", async () => {
    const rows: [string, string][] = [...keptFromSource, ["Run the wizard (Shop > Wizard).", 'Starten Sie den Assistenten unter "Shop > Assistent".'], ["Open the Help menu.", "Öffnen Sie das Menü „Hilfe“."]];
    expect((await findingsOf(csv(rows), "csv", "de", "en")).filter(quotes)).toEqual(['de/punctuation/english-quotation-marks "', 'de/punctuation/english-quotation-marks "']);
  });
});

describe("a telephone number written the way the target country dials it", () => {
  const numbers = ruleIs("common/accuracy/number-parity");

  test("“+49 (0) 30 1234-567” and “030/1234-567” are one number", async () => {
    const units: [string, string][] = [["Call our support at +49 (0) 30 1234-567.", "Rufen Sie unseren Support unter 030/1234-567 an."]];
    expect((await findingsOf(xliff(units, "en", "de"), "xliff", "de", "en")).filter(numbers)).toEqual([]);
  });

  test("a digit changed in it is still reported", async () => {
    const units: [string, string][] = [["Call our support at +49 (0) 30 1234-567.", "Rufen Sie unseren Support unter 030/1234-568 an."]];
    expect((await findingsOf(xliff(units, "en", "de"), "xliff", "de", "en")).filter(numbers)).toHaveLength(1);
  });
});

describe("an example address whose word “example” is translated", () => {
  const placeholders = ruleIs("common/accuracy/placeholder-parity");

  test("“exemple@mail.org” for “example@mail.org” is the example localised", async () => {
    const units: [string, string][] = [["Write it as example@mail.org", "Écrivez-la sous la forme exemple@mail.org"]];
    expect((await findingsOf(xliff(units, "en", "fr"), "xliff", "fr", "en")).filter(placeholders)).toEqual([]);
  });

  test("an example address replaced by words is the hint translated; a real address, or an example domain in running text, left out is still missing", async () => {
    const units: [string, string][] = [
      ["example@mail.org", "電子メール"],
      ["Use the format name@example.com", "メールアドレスの形式で入力してください"],
      ["Write to help@mail.org", "メールでお問い合わせください"],
      ["Write to us at help@example.com", "メールでご連絡ください"],
    ];
    expect((await findingsOf(xliff(units, "en", "ja"), "xliff", "ja", "en")).filter(placeholders)).toEqual([
      "common/accuracy/placeholder-parity メールでお問い合わせください",
      "common/accuracy/placeholder-parity メールでご連絡ください",
    ]);
  });

  test("another letter changed in it is still a changed address", async () => {
    const units: [string, string][] = [["Write it as example@mail.org", "Écrivez-la sous la forme example@mall.org"]];
    expect((await findingsOf(xliff(units, "en", "fr"), "xliff", "fr", "en")).filter(placeholders)).toEqual(["common/accuracy/placeholder-parity example@mall.org"]);
  });
});

describe("a colon that Japanese writes as a sentence", () => {
  const parity = async (source: string, target: string, language: string) =>
    (await findingsOf(xliff([[source, target]], "en", language), "xliff", language, "en")).filter(ruleIs("common/punctuation/punctuation-parity"));

  test("“以下の操作を行えます。” announces the list that “You can:” does", async () => {
    expect(await parity("After signing in you can:", "サインインすると、以下の操作を行えます。", "ja")).toEqual([]);
  });

  test("the colon lost altogether, or turned into a full stop in another language, is still reported", async () => {
    expect(await parity("After signing in you can:", "サインインすると、以下の操作を行えます", "ja")).toHaveLength(1);
    expect(await parity("After signing in you can:", "Nach der Anmeldung können Sie Folgendes tun.", "de")).toHaveLength(1);
  });
});

describe("two spaces the source has, in a unit whose markup is indented", () => {
  const unit = (target: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="zh-CN" datatype="plaintext" original="app">
    <body>
      <trans-unit id="u1">
        <source>
      The file  was removed.
          <x id="CLOSE_TAG_B" ctype="x-b" equiv-text="&lt;/b&#xA;      &gt;"/>
        </source>
        <target>
      ${target}
          <x id="CLOSE_TAG_B" ctype="x-b" equiv-text="&lt;/b
      &gt;"/>
        </target>
      </trans-unit>
    </body>
  </file>
</xliff>
`;
  const spaces = ruleIs("zh/punctuation/stray-space");

  test("are the place of a value the interface fills in, though the target's markup has more indentation", async () => {
    expect((await findingsOf(unit("该文件  已删除。"), "xliff", "zh-CN", "en")).filter(spaces)).toEqual([]);
  });

  test("a space the source does not have is still reported", async () => {
    expect((await findingsOf(unit("该文件  已删除。 请重试。"), "xliff", "zh-CN", "en")).filter(spaces)).toEqual(["zh/punctuation/stray-space  "]);
  });

  test("two no-break spaces (an extracted interpolation's place) are the source's two as well", async () => {
    const nbsp = (text: string) => text.replace("The file  was", "The file\u00a0\u00a0was");
    expect((await findingsOf(nbsp(unit("该文件\u00a0\u00a0已删除。")), "xliff", "zh-CN", "en")).filter(spaces)).toEqual([]);
    expect((await findingsOf(unit("该文件\u00a0\u00a0已删除。"), "xliff", "zh-CN", "en")).filter(spaces)).toHaveLength(1);
  });
});

describe("a translation that breaks off where its source does", () => {
  const truncated = ruleIs("common/accuracy/truncated-translation");
  const one = async (source: string, target: string) => (await findingsOf(xliff([[source, target]], "en", "fr"), "xliff", "fr", "en")).filter(truncated);

  test("a source without a final mark has a value joined after it: a target of nearly its length may end on an article", async () => {
    expect(await one("Your account was merged, you can find it under account", "Votre compte a bien été fusionné, retrouvez-le sous le")).toEqual([]);
  });

  test("a target of half the length that ends on an article is still cut short", async () => {
    expect(await one("Your account was merged, you can find it under account", "Votre compte a été fusionné dans le")).toHaveLength(1);
  });

});

describe("a German compound that ends in an abbreviation", () => {
  const spelling = ruleIs("de/spelling/unknown-word");

  test("“Sequenznr.” is Sequenz + Nr.", async () => {
    const units: [string, string][] = [["Sequence number", "Sequenznr."]];
    expect((await findingsOf(xliff(units, "en", "de"), "xliff", "de", "en")).filter(spelling)).toEqual([]);
  });

  test("without its full stop it is no abbreviation, and is still checked", async () => {
    const units: [string, string][] = [["Sequence number", "Sequenznr"]];
    expect((await findingsOf(xliff(units, "en", "de"), "xliff", "de", "en")).filter(spelling)).toEqual(["de/spelling/unknown-word Sequenznr"]);
  });
});

describe("a translation that moves the source's head noun before the name", () => {
  const caseParity = ruleIs("common/capitalization/first-letter-case");

  test("“section Contacts” for “Contacts section”: the capital was the name’s", async () => {
    const units: [string, string][] = [["Contacts section of your profile", "section Contacts de votre profil"]];
    expect((await findingsOf(xliff(units, "en", "fr"), "xliff", "fr", "en")).filter(caseParity)).toEqual([]);
  });

  test("a lowered first word that the source does not have later is still reported", async () => {
    const units: [string, string][] = [["Contacts section of your profile", "rubrique Contacts de votre profil"]];
    expect((await findingsOf(xliff(units, "en", "fr"), "xliff", "fr", "en")).filter(caseParity)).toEqual(["common/capitalization/first-letter-case rubrique"]);
  });
});

describe("a unit that continues the sentence of the unit before it", () => {
  const verbFirst = ruleIs("en/grammar/subjectless-auxiliary-start");

  test("its target's first words are no sentence start (the source starts in lower case)", async () => {
    const units: [string, string][] = [["считаются все строки,", "are counted all the rows,"]];
    expect((await findingsOf(xliff(units, "ru", "en"), "xliff", "en", "ru")).filter(verbFirst)).toEqual([]);
  });

  test("a unit whose source starts a sentence is still read from its first word", async () => {
    const units: [string, string][] = [["Считаются все строки.", "Are counted all the rows."]];
    expect((await findingsOf(xliff(units, "ru", "en"), "xliff", "en", "ru")).filter(verbFirst)).toHaveLength(1);
  });
});
