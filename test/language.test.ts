/** Language detection (src/analysis/language.ts), its place in the language precedence, and the language-mismatch rule. */
import { detectLanguage, detectWithConfidence, scriptCounts } from "../src/analysis/language.js";
import { resolveConfig } from "../src/config/config.js";
import { loadBuiltinRules } from "../src/config/rules.js";
import { checkText, withLanguages } from "../src/engine/check.js";
import { lint } from "../src/engine/lint.js";
import { textFormat } from "../src/formats/text.js";
import { documentOf, ruleSetOf } from "./helpers.js";

/** Sentences written for this test, two or three per language. */
export const SENTENCES: Record<string, string[]> = {
  en: [
    "The council voted on Tuesday to keep the old library open for another year.",
    "She had never seen the sea before, and the noise of the waves kept her awake all night.",
    "Prices rose again in March, but most of the increase came from energy and food.",
  ],
  de: [
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Bibliothek noch ein Jahr offen zu halten.",
    "Sie hatte das Meer noch nie gesehen, und das Rauschen der Wellen hielt sie die ganze Nacht wach.",
    "Die Preise sind im März wieder gestiegen, vor allem wegen der Kosten für Energie und Lebensmittel.",
  ],
  fr: [
    "Le conseil municipal a décidé mardi de garder la vieille bibliothèque ouverte une année de plus.",
    "Elle n’avait jamais vu la mer, et le bruit des vagues l’a tenue éveillée toute la nuit.",
    "Les prix ont encore augmenté en mars, surtout à cause de l’énergie et de l’alimentation.",
  ],
  es: [
    "El ayuntamiento decidió el martes mantener abierta la antigua biblioteca un año más.",
    "Nunca había visto el mar, y el ruido de las olas la mantuvo despierta toda la noche.",
    "Los precios volvieron a subir en marzo, sobre todo por la energía y los alimentos.",
  ],
  ru: [
    "Во вторник городской совет решил оставить старую библиотеку открытой ещё на год.",
    "Она никогда раньше не видела моря, и шум волн не давал ей уснуть всю ночь.",
  ],
  zh: ["市议会周二决定让老图书馆再开放一年。", "她以前从没见过大海，海浪的声音让她整夜睡不着。"],
  ja: ["市議会は火曜日、古い図書館をもう一年開いておくことを決めた。", "彼女はそれまで海を見たことがなく、波の音で一晩中眠れなかった。"],
};

describe("detectLanguage", () => {
  const cases = Object.entries(SENTENCES).flatMap(([language, sentences]) => sentences.map((s) => [language, s] as const));

  test.each(cases)("%s: %s", (language, sentence) => {
    const detected = detectLanguage(sentence);
    expect(detected?.language).toBe(language);
    expect(detected!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(detected!.confidence).toBeLessThanOrEqual(1);
  });

  test("every sentence of a language together is detected surely", () => {
    for (const [language, sentences] of Object.entries(SENTENCES)) {
      expect(detectLanguage(sentences.join(" "))).toEqual({ language, confidence: expect.any(Number) });
      expect(detectLanguage(sentences.join(" "))!.confidence).toBeGreaterThanOrEqual(0.8);
    }
  });

  test.each(["", "Hello there.", "Guten Tag!", "12 345 678 — 3.14", "Привет", "東京"])("too short to tell: %j", (text) => {
    expect(detectLanguage(text)).toBeUndefined();
  });

  test("a script detection does not know, or no letters at all, is undefined", () => {
    expect(detectLanguage("Η βιβλιοθήκη της πόλης θα μείνει ανοιχτή για έναν ακόμη χρόνο.")).toBeUndefined();
    expect(detectLanguage("1234567890 ".repeat(20))).toBeUndefined();
  });

  test("names and headings without function words are not a confident guess", () => {
    const detected = detectLanguage("Sydney Le Blanc, Staten Island, Doberman Pinscher, Bermuda");
    expect(detected === undefined || detected.confidence < 0.8).toBe(true);
  });
});

describe("detectWithConfidence", () => {
  const texts = Object.values(SENTENCES).flat();

  test("answers alike in capitals: function words are found whatever their case and accents", () => {
    for (const text of texts) expect(detectWithConfidence(text.toUpperCase())).toEqual(detectWithConfidence(text));
  });

  test("letter counts passed in give the answer counting would", () => {
    for (const text of texts) {
      const other = { language: "en", floor: 0.8 };
      expect(detectWithConfidence(text, other, scriptCounts(text))).toEqual(detectWithConfidence(text, other));
    }
  });

  test("counts of a text longer than the sample are not used for the sample", () => {
    // English up to past the sample's end, then Russian: the whole text's counts say Russian, the sample English.
    const english = SENTENCES.en!.join(" ");
    const text = `${english} `.repeat(Math.ceil(21_000 / english.length)) + SENTENCES.ru!.join(" ").repeat(200);
    expect(scriptCounts(text).cyrillic).toBeGreaterThan(scriptCounts(text).latin);
    expect(detectWithConfidence(text, undefined, scriptCounts(text))?.language).toBe("en");
  });
});

describe("language precedence: --lang > file > config > detected > en", () => {
  const german = SENTENCES.de!.join("\n\n");
  const doc = (declared?: string) => ({ ...documentOf(german.split("\n\n"), {}, "en"), language: declared });

  test("detected from the text when nothing gives a language", () => {
    expect(withLanguages(doc(), {}).language).toBe("de");
  });
  test("config beats detection", () => {
    expect(withLanguages(doc(), { language: "fr" }).language).toBe("fr");
  });
  test("the file beats config", () => {
    expect(withLanguages(doc("es"), { language: "fr" }).language).toBe("es");
  });
  test("a segment's tgtLang counts as the file's", () => {
    const document = { ...documentOf(german.split("\n\n"), { tgtLang: "es-ES" }), language: undefined };
    expect(withLanguages(document, { language: "fr" }).language).toBe("es-ES");
  });
  test("--lang beats the file", () => {
    expect(withLanguages(doc("es"), { language: "fr", forceLanguage: "ru" }).language).toBe("ru");
  });
  test("English when detection is unsure", () => {
    const short = { ...documentOf(["OK", "Hi"]), language: undefined };
    expect(withLanguages(short, {}).language).toBe("en");
  });
  test("checkText runs the detected language's rules", () => {
    const config = resolveConfig({ extends: "mtlint:recommended" });
    const text = `${SENTENCES.de!.join(" ")}\n\nDas ist ein ganz normaler Satz , mit einem Leerzeichen vor dem Komma.\n`;
    const detected = checkText(text, "x.txt", textFormat, { ruleSet: config.ruleSet, scoring: config.scoring }).result;
    const forced = checkText(text, "x.txt", textFormat, { ruleSet: config.ruleSet, scoring: config.scoring, forceLanguage: "de" }).result;
    expect(detected.findings.map((f) => f.ruleId)).toEqual(forced.findings.map((f) => f.ruleId));
    expect(detected.findings.every((f) => !f.ruleId.startsWith("en/"))).toBe(true);
  });
});

describe("common/accuracy/language-mismatch", () => {
  const rule = loadBuiltinRules().filter((r) => r.spec.id === "common/accuracy/language-mismatch");
  const ruleSet = ruleSetOf(rule);
  const english =
    "The museum reopened on Saturday after four years of work. Visitors can now see the old machines, the workers' diaries and hundreds of photographs.";
  const german =
    "Das Museum wurde am Samstag nach vier Jahren Umbau wieder eröffnet. Die Besucher können jetzt die alten Maschinen und die Tagebücher der Arbeiter sehen.";

  test("a German paragraph in an English document is flagged, with the language and confidence", () => {
    const { findings } = lint(documentOf([english, german, english]), ruleSet);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ segmentId: "2", start: 0, end: german.length, category: "accuracy/untranslated", severity: "major" });
    expect(findings[0]!.message).toMatch(/^This segment looks like German \(confidence (0\.[89]\d|1\.00)\), not English/);
    expect(findings[0]!.fix).toBeUndefined();
  });

  test("an English paragraph quoting a short French phrase is not flagged", () => {
    const quoting =
      "The owner calls the place « un petit coin de paradis », and after a week there it is hard to disagree with her: the garden runs down to the river.";
    const quotingCurly = "As the French say, “c’est la vie” — and the team took the defeat calmly.";
    expect(lint(documentOf([quoting, quotingCurly]), ruleSet).findings).toEqual([]);
  });

  test("a segment that is mostly a quotation is judged whole", () => {
    const quotation = `„${german}“, sagte er.`;
    const { findings } = lint(documentOf([english, quotation]), ruleSet);
    expect(findings.map((f) => [f.segmentId, f.message.slice(0, 34)])).toEqual([["2", "This segment looks like German (co"]]);
  });

  test("an English paragraph in a German document is flagged; the German ones are not", () => {
    const { findings } = lint(documentOf([german, english], {}, "de"), ruleSet);
    expect(findings.map((f) => [f.segmentId, f.message.slice(0, 35)])).toEqual([["2", "This segment looks like English (co"]]);
  });

  test("short segments, unknown document languages and other scripts are left alone", () => {
    expect(lint(documentOf(["Guten Tag, wie geht es Ihnen?"]), ruleSet).findings).toEqual([]);
    expect(lint(documentOf([german], {}, "it"), ruleSet).findings).toEqual([]);
    // Cyrillic in English is the script rule's (en/accuracy/untranslated-fragment) to report.
    expect(lint(documentOf(["Во вторник городской совет решил оставить старую библиотеку открытой ещё на год."]), ruleSet).findings).toEqual([]);
  });

  test("the rule option minConfidence raises the bar", () => {
    const strict = ruleSetOf(rule, { options: { minConfidence: 1 } });
    const { findings } = lint(documentOf([english, "Die Brücke ist alt und schön, aber sie ist auch sehr schmal."]), strict);
    expect(findings).toEqual([]);
  });
});
