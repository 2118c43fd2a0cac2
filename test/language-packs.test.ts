/**
 * The target-language packs (rules/de, fr, es, ru, zh, ja): each stays quiet on clean, well-edited
 * text of its language (test/fixtures/clean/<lang>.txt), and only rules written for a language run on it.
 */
import { readFileSync } from "node:fs";
import { resolveConfig } from "../src/config/config.js";
import type { LocatedFinding } from "../src/core/results.js";
import { checkText } from "../src/engine/check.js";
import { rulesFor } from "../src/engine/lint.js";
import { textFormat } from "../src/formats/text.js";

const LANGUAGES = ["de", "fr", "es", "ru", "zh", "ja"] as const;
const recommended = resolveConfig({ extends: "mtlint:recommended" });
const all = resolveConfig({ extends: "mtlint:all" });

const readable = (f: LocatedFinding) => `${f.line}:${f.column} ${f.ruleId} “${f.text}” ${f.message}`;

function check(text: string, path: string, lang: string, config = recommended) {
  return checkText(text, path, textFormat, { ruleSet: config.ruleSet, scoring: config.scoring, forceLanguage: lang }).result;
}

describe.each(LANGUAGES)("%s pack", (lang) => {
  const path = `test/fixtures/clean/${lang}.txt`;

  test("only rules written for the language run on it (no English rule)", () => {
    // Rules for every language ("*", e.g. common/accuracy/language-mismatch) run on all of them.
    const ids = rulesFor(recommended.ruleSet, lang, undefined)
      .filter((a) => a.rule.spec.language !== "*")
      .map((a) => a.rule.spec.id);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(ids.filter((id) => !id.startsWith(`${lang}/`))).toEqual([]);
    // English MT marks in a document of this language are not English rules' business.
    const english = "He visited the the museum, – he said. About 8 thousand people came; the US led coalition.";
    expect(check(english, "english.txt", lang).findings.filter((f) => f.ruleId.startsWith("en/")).map(readable)).toEqual([]);
  });

  test.each([
    ["recommended", recommended],
    ["all", all],
  ] as const)("at most 1 finding per 10,000 words of clean text (mtlint:%s)", (_preset, config) => {
    const result = check(readFileSync(path, "utf8"), path, lang, config);
    expect(result.words).toBeGreaterThanOrEqual(1500);
    const allowed = Math.floor(result.words / 10_000);
    expect(result.findings.length <= allowed ? [] : result.findings.map(readable)).toEqual([]);
  });
});
