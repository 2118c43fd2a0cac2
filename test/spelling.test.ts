/** The Hunspell dictionary reader (affixes, compounds), its lazy loading, and the spelling rule's word lists. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dictionaryFor, HunspellDictionary, loadedDictionaries } from "../src/analysis/dictionary.js";
import { readConfigFile, resolveConfig, type UserConfig } from "../src/config/config.js";
import { checkText } from "../src/engine/check.js";
import { jsonlFormat } from "../src/formats/jsonl.js";
import { textFormat } from "../src/formats/text.js";

const fixture = (name: string) => readFileSync(new URL(`fixtures/spelling/${name}`, import.meta.url), "utf8");

function spellingFindings(text: string, language: string, config: UserConfig) {
  const { ruleSet, scoring } = resolveConfig(config);
  const { result } = checkText(text, "t.txt", textFormat, { ruleSet, scoring, forceLanguage: language });
  return result.findings.filter((f) => f.category === "fluency/spelling").map((f) => f.text);
}

// First in this file: jest gives each test file its own module registry, so nothing has loaded a dictionary yet.
test("a run on English text reads the English dictionary only", () => {
  expect(loadedDictionaries()).toEqual([]);
  expect(spellingFindings("The committee will recieve the report.", "en", { extends: "mtlint:all" })).toEqual(["recieve"]);
  expect(loadedDictionaries()).toEqual(["en"]);
});

describe("affix expansion (tiny hand-written .aff/.dic)", () => {
  const dictionary = new HunspellDictionary(fixture("tiny.aff"), fixture("tiny.dic"));
  const known = (words: string[]) => words.filter((w) => dictionary.isKnown(w));

  test("suffixes with strip and conditions", () => {
    expect(known(["city", "cities", "citys", "day", "days", "daies"])).toEqual(["city", "cities", "day", "days"]);
    expect(known(["walked", "baked", "bakeed", "walkd"])).toEqual(["walked", "baked"]);
  });

  test("prefixes, cross products and twofold suffixes", () => {
    expect(known(["unkind", "kindness", "kindnesses", "kindnesss", "unkindness", "unwalked"])).toEqual(["unkind", "kindness", "kindnesses", "unkindness"]);
  });

  test("NEEDAFFIX stems, FORBIDDENWORD and capitalisation at a sentence start", () => {
    expect(known(["fire", "firewood", "Walked", "wALKED"])).toEqual(["Walked"]);
  });

  test("compounds follow COMPOUNDBEGIN/COMPOUNDEND and ONLYINCOMPOUND", () => {
    expect(known(["walkwood", "kindhouse", "kindhouses", "woodwalk", "housewood"])).toEqual(["walkwood", "kindhouse", "kindhouses"]);
    const withoutCompounds = new HunspellDictionary(fixture("tiny.aff"), fixture("tiny.dic"), { compounds: false });
    expect(withoutCompounds.isKnown("walkwood")).toBe(false);
    expect(withoutCompounds.isKnown("walked")).toBe(true);
  });
});

describe("German compounds (dictionary-de)", () => {
  const german = () => dictionaryFor("de");

  test("compounds of dictionary words are known, with linking elements", () => {
    const words = ["Haustür", "Bundesregierung", "Wirtschaftspolitik", "Donaudampfschifffahrtsgesellschaft", "Arbeitszimmer"];
    expect(words.filter((w) => !german().isKnown(w))).toEqual([]);
  });

  test("misspelt and forbidden compounds are not", () => {
    expect(["Wirtschaftspolitk", "Arbeitsgeber", "Hausstür"].filter((w) => german().isKnown(w))).toEqual([]);
  });

  test("loose compounds: known words joined the German way, whatever the flags say", () => {
    expect(german().isLooseCompound("Staunässe")).toBe(true);
    expect(german().isLooseCompound("Wirtschaftspolitk")).toBe(false);
  });
});

describe("accepted words", () => {
  const text = "Die Regierung hat das Gesetz verabschidet.";

  test("the rule option `words`", () => {
    expect(spellingFindings(text, "de", {})).toEqual(["verabschidet"]);
    expect(spellingFindings(text, "de", { rules: { "de/spelling/unknown-word": { options: { words: ["verabschidet"] } } } })).toEqual([]);
  });

  test("a word file named in the config, relative to it", () => {
    const dir = mkdtempSync(join(tmpdir(), "mtlint-words-"));
    writeFileSync(join(dir, "words.txt"), "# project words\nverabschidet\n");
    writeFileSync(join(dir, ".mtlintrc.json"), JSON.stringify({ wordFiles: ["words.txt"] }));
    const config = readConfigFile(join(dir, ".mtlintrc.json"));
    const { ruleSet, scoring } = resolveConfig(config, join(dir, ".mtlintrc.json"));
    const { result } = checkText(text, "t.txt", textFormat, { ruleSet, scoring, forceLanguage: "de" });
    expect(result.findings.filter((f) => f.category === "fluency/spelling")).toEqual([]);
  });

  test("a lower-case entry also accepts the capitalised word; config `accept` works too", () => {
    const capitalized = "Wir danken Herrn Verabschidet.";
    expect(spellingFindings("Wir haben es verabschidet.", "de", { accept: ["verabschidet"] })).toEqual([]);
    expect(spellingFindings(capitalized, "de", { rules: { "de/spelling/unknown-word": { options: { words: ["verabschidet"] } } } })).toEqual([]);
  });
});

test("names copied from the source, repeated unknown words and foreign phrases are not flagged", () => {
  const { ruleSet, scoring } = resolveConfig({});
  const check = (target: string, source?: string) =>
    checkText(JSON.stringify({ id: "1", target, ...(source && { source }) }) + "\n", "t.jsonl", jsonlFormat, { ruleSet, scoring, forceLanguage: "de" }).result.findings.map((f) => f.text);
  expect(check("Die Regierung hat das Gesetz verabschidet.")).toEqual(["verabschidet"]);
  expect(check("Die Regierung hat das Gesetz verabschidet.", "The government verabschidet the law.")).toEqual([]);
  expect(check("Das Gesetz wurde verabschidet, und verabschidet ist es.")).toEqual([]);
  expect(check("Er zitierte „the quick brwn fox“ aus dem Buch.")).toEqual([]);
});

describe("spelling in translations", () => {
  const { ruleSet, scoring } = resolveConfig({});
  const inJsonl = (pairs: [source: string, target: string][], language: string) => {
    const text = pairs.map(([source, target], i) => JSON.stringify({ id: String(i), source, target, srcLang: "en", tgtLang: language })).join("\n");
    const { result } = checkText(text, "t.jsonl", jsonlFormat, { ruleSet, scoring });
    return result.findings.filter((f) => f.category === "fluency/spelling").map((f) => [f.text, f.fix?.edits[0]?.text]);
  };

  test("quiet on loanwords, terms kept from the source, linking s, transliterations and words cut by markup", () => {
    expect(inJsonl([["Send the invoice e-mail", "Rechnungs-E-Mail senden"]], "de")).toEqual([]);
    expect(inJsonl([["Premium account", "Premium-Konto einrichten"]], "de")).toEqual([]);
    expect(inJsonl([["Status: VALID", "Status: gültig (valid)"]], "de")).toEqual([]);
    expect(inJsonl([["Copy the access token", "Скопируйте токен доступа"], ["Listen to the podcast", "Слушайте подкаст"]], "ru")).toEqual([]);
    expect(inJsonl([["Due date", "F&auml;lligkeitsdatum"]], "de")).toEqual([]);
  });

  test("a real slip is still reported, with its fix", () => {
    expect(inJsonl([["The payment guarantee applies.", "Die Zahlunqsgarantie gilt."]], "de")).toEqual([["Zahlunqsgarantie", "Zahlungsgarantie"]]);
  });
});
