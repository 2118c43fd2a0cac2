/** The public API, used as a consumer would: import from "mtlint", strings in, findings out. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { check, fix, loadConfig, MtlintError } from "mtlint";

test("check gives findings with positions, a score and a verdict", async () => {
  const result = await check("Some 8 thousand people came.\n\nThe IG and ISIS (ISIS) again.", { language: "en" });
  expect(result.findings.map((f) => [f.ruleId, f.text, f.line])).toEqual([
    ["en/numbers/thousand-in-words", "8 thousand", 1],
    ["en/terminology/entity-name-consistency", "IG", 3],
  ]);
  expect(result.score).toBeLessThan(100);
  expect(result.words).toBe(11);
});

test("fix returns the fixed text and what remains", async () => {
  const result = await fix("Some 8 thousand people came, – he said.");
  expect(result).toMatchObject({ text: "Some 8,000 people came, he said.", applied: 2, remaining: [] });
  const unsafe = await fix("The US and the US, then the USA.", { unsafe: true });
  expect(unsafe.text).toBe("The US and the US, then the US.");
});

test("a config object switches rules off and sets terms", async () => {
  const config = { rules: { "en/numbers/thousand-in-words": "off" as const }, terms: [{ preferred: "NRC", variants: ["SZhD"] }] };
  const result = await check("Some 8 thousand people used SZhD trains.", { config });
  expect(result.findings.map((f) => f.text)).toEqual(["SZhD"]);
});

test("a source text makes the check bilingual and enables source-language rules", async () => {
  const withSource = await check("The OON met.", { source: "ООН собралась.", sourceLanguage: "ru" });
  expect(withSource.findings.map((f) => f.ruleId)).toContain("en/terminology/transliterated-acronym-ru");
  const otherSource = await check("The OON met.", { sourceLanguage: "de" });
  expect(otherSource.findings).toEqual([]);
});

test("markdown input skips code", async () => {
  const result = await check("Use `8 thousand` here and 9 thousand there.", { format: "markdown" });
  expect(result.findings.map((f) => f.text)).toEqual(["9 thousand"]);
});

test("loadConfig reads a config file, finds one by walking up, and throws MtlintError for a bad one", () => {
  const dir = mkdtempSync(join(tmpdir(), "mtlint-api-"));
  try {
    writeFileSync(join(dir, ".mtlintrc.json"), JSON.stringify({ scoring: { minScore: 80 } }));
    expect(loadConfig(join(dir, ".mtlintrc.json")).scoring.minScore).toBe(80);
    expect(loadConfig(dir).scoring.minScore).toBe(80);
    expect(() => loadConfig({ rules: { "no/such-rule": "off" } })).toThrow(MtlintError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
