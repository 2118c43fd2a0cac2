/**
 * Translation files: conventions of the formats and languages that made findings on good
 * translations (issue 16). Each case has its counterpart that must still be found. Every fixture
 * is written for this test.
 */
import { findingsOf, ruleIs, xliff } from "./l10n-helpers.js";

describe("a name that a source in another script writes in Latin letters", () => {
  const units: [string, string][] = [
    ["Нажмите кнопку Login.", "Press the Login button."],
    ["Версия Loginom указана в окне.", "The window shows the Loginom version."],
  ];

  test("is the name as its owner spells it, not a name with a Russian case ending", async () => {
    expect((await findingsOf(xliff(units, "ru", "en"), "xliff", "en", "ru")).filter(ruleIs("en/accuracy/untranslated-word"))).toEqual([]);
  });

  test("an ending the translation added is still reported", async () => {
    const inflected: [string, string][] = [...units, ["Мы написали Логиному.", "We wrote to Loginom."]];
    const withoutLatinSource = inflected.map(([s, t]) => [s.replace(/Login(om)?/gu, "Логин"), t] as [string, string]);
    expect((await findingsOf(xliff(withoutLatinSource, "ru", "en"), "xliff", "en", "ru")).filter(ruleIs("en/accuracy/untranslated-word"))).toEqual([
      "en/accuracy/untranslated-word Loginom",
      "en/accuracy/untranslated-word Loginom",
    ]);
  });
});

describe("a capital right after an inline tag", () => {
  test("opens the label the tag marks (“the <b>Go back</b> button”): no stray capital", async () => {
    const text = xliff(
      [
        ["Кнопка <x id=\"1\"/>Назад<x id=\"2\"/> возвращает к списку.", "The <x id=\"1\"/>Go back<x id=\"2\"/> button returns to the list."],
        ["Включите <g id=\"1\">Иначе</g>, чтобы выполнить ветвь.", "Turn on the <g id=\"1\">Otherwise</g> branch to run it."],
      ],
      "ru",
      "en",
    );
    expect((await findingsOf(text, "xliff", "en", "ru")).filter(ruleIs("en/capitalization/stray-capital"))).toEqual([]);
  });

  test("a capital inside the label, or in the sentence around it, is still a stray capital", async () => {
    const text = xliff([["В целом, кнопка <x id=\"1\"/>Назад<x id=\"2\"/> работает.", "In the end, the <x id=\"1\"/>back<x id=\"2\"/> button works, in General."]], "ru", "en");
    expect((await findingsOf(text, "xliff", "en", "ru")).filter(ruleIs("en/capitalization/stray-capital"))).toEqual(["en/capitalization/stray-capital General"]);
  });
});

describe("final punctuation as languages and interfaces write it", () => {
  const parity = async (source: string, target: string, language: string, sourceLanguage = "en") =>
    (await findingsOf(xliff([[source, target]], sourceLanguage, language), "xliff", language, sourceLanguage)).filter(ruleIs("common/punctuation/punctuation-parity"));

  test("an exclamation toned down to a full stop is the translator's choice; one lost altogether is reported", async () => {
    expect(await parity("Your changes have been saved!", "Ihre Änderungen wurden gespeichert.", "de")).toEqual([]);
    expect(await parity("Your changes have been saved!", "保存しました。", "ja")).toEqual([]);
    expect(await parity("Your changes have been saved!", "Ihre Änderungen wurden gespeichert", "de")).toHaveLength(1);
  });

  test("an English title (a heading, the name of a panel) has no full stop to lose; a sentence has", async () => {
    expect(await parity("Область построения сценария и панель компонентов.", "The Workflow Area and the Components Panel", "en", "ru")).toEqual([]);
    expect(await parity("Область построения сценария и панель компонентов.", "The workflow area and the components panel", "en", "ru")).toEqual([
      "common/punctuation/punctuation-parity panel",
    ]);
  });

  test("a line-break escape written as text after the final mark does not hide it", async () => {
    expect(await parity("Copy the code below and paste it into your website.", "下記のコードをコピーして貼り付けます。\\n", "ja")).toEqual([]);
    expect(await parity("Copy the code below and paste it into your website.", "下記のコードをコピーして貼り付けます\\n", "ja")).toHaveLength(1);
  });
});

describe("French spacing in interface translations", () => {
  const units: [string, string][] = [
    ["Delete the file?", "Supprimer le fichier ?"],
    ["Error: the file is missing", "Erreur : le fichier est absent"],
  ];

  test("an ordinary space before ? and : is left alone by default, and reported with the publishing preset", async () => {
    expect(await findingsOf(xliff(units, "en", "fr"), "xliff", "fr", "en")).toEqual([]);
    expect((await findingsOf(xliff(units, "en", "fr"), "xliff", "fr", "en", { extends: ["mtlint:publishing"] })).filter(ruleIs("fr/punctuation/breaking-space-before-punctuation"))).toHaveLength(2);
  });

  test("a keyword list separated by semicolons without spaces is no sentence; a mark glued to a word still is reported", async () => {
    const keywords: [string, string][] = [["photo;picture;screen capture;", "photo;image;capture d’écran;"]];
    expect(await findingsOf(xliff(keywords, "en", "fr"), "xliff", "fr", "en")).toEqual([]);
    expect(await findingsOf(xliff([["Delete the file?", "Supprimer le fichier?"]], "en", "fr"), "xliff", "fr", "en")).toEqual(["fr/punctuation/missing-no-break-space ?"]);
  });
});

describe("a capital right after an inline tag, as evidence", () => {
  test("counts as the document's use of the word as a name: the same word capitalized elsewhere is not a stray capital", async () => {
    const units: [string, string][] = [
      ["Откройте панель <x id=\"1\"/>Проект<x id=\"2\"/> слева.", "Open the <x id=\"1\"/>Project<x id=\"2\"/> panel on the left."],
      ["Панель Проект показывает файлы.", "The Project panel shows the files."],
    ];
    expect((await findingsOf(xliff(units, "ru", "en"), "xliff", "en", "ru")).filter(ruleIs("en/capitalization/stray-capital"))).toEqual([]);
    const alone: [string, string][] = [units[1]!, ["Откройте панель слева.", "Open the panel on the left."]];
    expect((await findingsOf(xliff(alone, "ru", "en"), "xliff", "en", "ru")).filter(ruleIs("en/capitalization/stray-capital"))).toEqual(["en/capitalization/stray-capital Project"]);
  });
});

describe("a string the program joins around a value", () => {
  const brackets = async (units: [string, string][]) =>
    (await findingsOf(xliff(units, "en", "de"), "xliff", "de", "en")).filter(ruleIs("common/punctuation/bracket-parity"));

  test("a quotation mark alone at its start or end, spaced from its words, quotes the value: the marks balance", async () => {
    expect(await brackets([["Make", "Werk „"], ["featured", "“ hervorheben"], ["Open", "Öffnen ("]])).toEqual([]);
  });

  test("a spaced straight quotation that closes at the string's end balances with its opening mark", async () => {
    const units: [string, string][] = [["Someone asked: “Who would believe it?”", 'Jemand fragte: " Wer würde das glauben? "']];
    expect(await brackets(units)).toEqual([]);
  });

  test("French guillemets spaced inside a string that ends with one balance as they are", async () => {
    const units: [string, string][] = [['A file named "%s" already exists in "%s"', "Un fichier nommé « %s » existe déjà dans « %s »"]];
    expect((await findingsOf(xliff(units, "en", "fr"), "xliff", "fr", "en")).filter(ruleIs("common/punctuation/bracket-parity"))).toEqual([]);
    const lost: [string, string][] = [['A file named "%s" already exists in "%s"', "Un fichier nommé « %s » existe déjà dans « %s"]];
    expect((await findingsOf(xliff(lost, "en", "fr"), "xliff", "fr", "en")).filter(ruleIs("common/punctuation/bracket-parity"))).toHaveLength(1);
  });

  test("a quotation left open inside the string is still reported", async () => {
    expect(await brackets([['Click "Save" to keep the file', "Klicken Sie auf „Speichern, um die Datei zu behalten"]])).toHaveLength(1);
  });
});

describe("a sentence split in two units at an abbreviation", () => {
  const tmx = (units: [string, string][]) => `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body>
${units.map(([s, t]) => `<tu><tuv lang="ru"><seg>${s}</seg></tuv><tuv lang="en"><seg>${t}</seg></tuv></tu>`).join("\n")}
</body></tmx>
`;
  const spacing = async (units: [string, string][]) => (await findingsOf(tmx(units), "tmx", "en", "ru")).filter(ruleIs("common/punctuation/whitespace-parity"));

  test("the space that joins the first part's translation to the next unit is not reported", async () => {
    expect(await spacing([["Окно откроется (см.", "The window will open (see "], ["рисунок ниже).", "the figure below)."]])).toEqual([]);
  });

  test("a trailing space after a whole sentence still is", async () => {
    expect(await spacing([["Окно откроется сразу.", "The window will open at once. "]])).toEqual(["common/punctuation/whitespace-parity  "]);
  });
});

describe("numbers with an ordinal ending", () => {
  const numbers = async (source: string, target: string, language: string) =>
    (await findingsOf(xliff([[source, target]], "en", language), "xliff", language, "en")).filter(ruleIs("common/accuracy/number-parity"));

  test("“1er juin”, “2e étage”, “1st” are the source's numbers", async () => {
    expect(await numbers("Updated on June 1, 2022", "Mis à jour le 1er juin 2022", "fr")).toEqual([]);
    expect(await numbers("Go to floor 2", "Allez au 2e étage", "fr")).toEqual([]);
    expect(await numbers("Le 1 juin", "On the 1st of June", "en")).toEqual([]);
  });

  test("a changed ordinal is still a changed number; letters that are no ordinal ending make an identifier", async () => {
    expect(await numbers("Updated on June 1, 2022", "Mis à jour le 2e juin 2022", "fr")).toHaveLength(1);
    expect(await numbers("Enable 2FA for the account", "Activez la 2FA pour le compte", "fr")).toEqual([]);
  });
});
