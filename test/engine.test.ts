/** Engine pieces in isolation: fixes, scoring, analysis, consistency preference, schema coverage. */
import { readFileSync } from "node:fs";
import { splitSentences, tokenize } from "../src/analysis/text.js";
import type { LocatedRule } from "../src/config/rules.js";
import type { Fix } from "../src/core/types.js";
import { checkText } from "../src/engine/check.js";
import { applyFixes, makeFix, protectedContent } from "../src/engine/fixes.js";
import { lint } from "../src/engine/lint.js";
import { RULE_KINDS } from "../src/rules/index.js";
import { DEFAULT_SCORING, scoreFindings } from "../src/engine/score.js";
import { textFormat } from "../src/formats/text.js";
import { documentOf, ruleSetOf } from "./helpers.js";

const fix = (text: string, start: number, end: number, replacement: string): Fix => makeFix(text, { start, end }, replacement, "safe");

describe("applyFixes", () => {
  const text = "one two three four";
  test("the first of two overlapping fixes wins; the other is skipped", () => {
    const a = fix(text, 4, 7, "TWO");
    const b = fix(text, 4, 13, "x");
    const c = fix(text, 14, 18, "FOUR");
    const out = applyFixes(text, [a, b, c], (f) => f);
    expect(out.text).toBe("one TWO three FOUR");
    expect(out.applied).toEqual([a, c]);
    expect(out.skipped).toEqual([{ item: b, reason: "overlap" }]);
  });

  test("an edit whose expected text is not there is stale and skipped", () => {
    const stale: Fix = { title: "t", applicability: "safe", edits: [{ start: 0, end: 3, text: "1", expected: "eno" }] };
    expect(applyFixes(text, [stale], (f) => f)).toMatchObject({ text, skipped: [{ reason: "stale" }] });
  });

  test("a fix that would change a number, URL or placeholder is refused", () => {
    const t = "Pay 8 thousand at https://a.org for {name}.";
    const good = fix(t, 4, 14, "8,000");
    const badNumber = fix(t, 4, 14, "9,000");
    const badUrl = fix(t, 18, 31, "https://b.org");
    const badPlaceholder = fix(t, 36, 42, "name");
    const out = applyFixes(t, [badNumber, badUrl, badPlaceholder], (f) => f);
    expect(out.text).toBe(t);
    expect(out.skipped.map((s) => s.reason)).toEqual(["protected", "protected", "protected"]);
    expect(applyFixes(t, [good], (f) => f).text).toBe("Pay 8,000 at https://a.org for {name}.");
  });

  test("numbers are compared by their digits (and scale words' values), not by how they are grouped", () => {
    expect(protectedContent("40-50 thousand")).toEqual(protectedContent("40,000–50,000"));
    expect(protectedContent("2,5 percent")).toEqual(protectedContent("2.5 percent"));
    expect(protectedContent("25 000 people")).toEqual(protectedContent("25,000 people"));
    // German grouping, whichever locale the guard would assume.
    expect(protectedContent("12,000 Besucher")).toEqual(protectedContent("12.000 Besucher"));
    expect(protectedContent("1,250,000.5 Euro")).toEqual(protectedContent("1.250.000,5 Euro"));
    expect(protectedContent("8 thousand")).not.toEqual(protectedContent("8,00"));
    expect(protectedContent("12,000 Besucher")).not.toEqual(protectedContent("1.200 Besucher"));
    expect(protectedContent("1.5 million")).toEqual(protectedContent("1,500,000"));
  });
});

describe("scoring", () => {
  const finding = (severity: "minor" | "major" | "critical", category = "fluency/punctuation" as const) =>
    ({ ruleId: "r", category, severity, confidence: 1, message: "", segmentId: "1", start: 0, end: 1, text: "x" });
  test("score = 100 × (1 − penalty / words) with weights 1/5/25, floored at 0", () => {
    expect(scoreFindings([finding("minor"), finding("major")], 100, DEFAULT_SCORING)).toMatchObject({ penalty: 6, score: 94, passed: false });
    expect(scoreFindings([finding("minor")], 100, DEFAULT_SCORING)).toMatchObject({ score: 99, passed: true });
    expect(scoreFindings([finding("critical")], 10, DEFAULT_SCORING).score).toBe(0);
    expect(scoreFindings([], 0, DEFAULT_SCORING).score).toBe(100);
  });
  test("a critical finding fails a file whatever its score", () => {
    expect(scoreFindings([finding("critical")], 10_000, DEFAULT_SCORING)).toMatchObject({ passed: false });
  });
  test("category weights apply by full category, then top level", () => {
    const scoring = { ...DEFAULT_SCORING, categoryWeights: { fluency: 0.5, "fluency/punctuation": 0.1 } };
    expect(scoreFindings([finding("minor")], 10, scoring).penalty).toBeCloseTo(0.1);
    expect(scoreFindings([finding("minor", "fluency/grammar" as never)], 10, scoring).penalty).toBeCloseTo(0.5);
  });
});

describe("analysis", () => {
  test("sentences survive abbreviations, initials and U.S.", () => {
    const text = "Dr. Smith met J. R. Brown in the U.S. on Monday. They talked, e.g. about oil. Then they left! “Really?” she asked.";
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "Dr. Smith met J. R. Brown in the U.S. on Monday.",
      "They talked, e.g. about oil.",
      "Then they left!",
      "“Really?” she asked.",
    ]);
  });
  test("tokens keep offsets, contractions, numbers with separators, and non-Latin letters", () => {
    const text = "Don't pay 8,000 € — Übermäßig teuer.";
    expect(tokenize(text).map((t) => [t.text, text.slice(t.start, t.end)])).toEqual(
      ["Don't", "pay", "8,000", "Übermäßig", "teuer"].map((w) => [w, w]),
    );
  });
  test("Chinese and Japanese are segmented into words", () => {
    expect(tokenize("我们站在地球上。", "zh").length).toBeGreaterThan(2);
  });
});

describe("consistency rule", () => {
  const rule: LocatedRule = {
    spec: {
      id: "t/consistency", kind: "consistency", category: "terminology", severity: "major", message: "$0→$1", language: "*",
      groups: [{ forms: ["ISIS", "IG", "ISIL"] }], examples: [{ text: "x" }],
    },
    file: "t", pointer: "/rules/0", builtin: true,
  };
  const check = (texts: string[], terms = [] as { preferred: string; variants: string[] }[]) =>
    lint(documentOf(texts), ruleSetOf([rule], { terms })).findings.map((f) => [f.text, f.fix?.edits[0]?.text, f.fix?.applicability]);

  test("the form defined in parentheses wins over the most frequent, and its fix is safe", () => {
    expect(check(["IG here, IG there.", "The Islamic State (ISIS) again."])).toEqual([["IG", "ISIS", "safe"], ["IG", "ISIS", "safe"]]);
  });
  test("without a definition the most frequent wins, as an unsafe suggestion", () => {
    expect(check(["IG here, IG there.", "ISIS again."])).toEqual([["ISIS", "IG", "unsafe"]]);
  });
  test("a single form is consistent", () => {
    expect(check(["IG here, IG there."])).toEqual([]);
  });
  test("a configured term is enforced even when it is the only form used", () => {
    expect(check(["IG here."], [{ preferred: "ISIS", variants: ["IG"] }])).toEqual([["IG", "ISIS", "safe"]]);
  });
});

test("fixes that undo each other are not applied: the segment is left as it was and the others are fixed", () => {
  const flip: LocatedRule = {
    spec: { id: "t/flip", kind: "pattern", category: "style", severity: "minor", message: "m", language: "*", pattern: "ab", replace: "ba", examples: [{ text: "x" }] },
    file: "t", pointer: "/rules/0", builtin: true,
  };
  const flop: LocatedRule = { ...flip, spec: { ...flip.spec, id: "t/flop", pattern: "ba", replace: "ab" } };
  const once: LocatedRule = { ...flip, spec: { ...flip.spec, id: "t/once", pattern: "cc", replace: "c" } };
  const outcome = checkText("ab\n\ncc\n", "t.txt", textFormat, { ruleSet: ruleSetOf([flip, flop, once]), scoring: DEFAULT_SCORING, fix: "safe" });
  expect(outcome.fixedText).toBe("ab\n\nc\n");
  expect(outcome.result.fixes!.refused).toEqual([expect.objectContaining({ ruleId: "t/flip", reason: "unsettled", line: 1 })]);
});

test("a fix that changes nothing is not applied, so it cannot keep fixing going", () => {
  const same: LocatedRule = {
    spec: { id: "t/same", kind: "pattern", category: "style", severity: "minor", message: "m", language: "*", pattern: "ab|ba", replace: "ba", examples: [{ text: "x" }] },
    file: "t", pointer: "/rules/0", builtin: true,
  };
  const outcome = checkText("ba\n", "t.txt", textFormat, { ruleSet: ruleSetOf([same]), scoring: DEFAULT_SCORING, fix: "safe" });
  expect(outcome.fixedText).toBeUndefined();
  expect(outcome.result.fixes).toEqual({ applied: 0, refused: [] });
  expect(outcome.result.findings.map((f) => f.ruleId)).toEqual(["t/same"]);
});

test("every registered rule kind has a branch in the rule-file JSON Schema", () => {
  const schema = JSON.parse(readFileSync(new URL("../schema/rules.schema.json", import.meta.url), "utf8"));
  const kinds = schema.$defs.rule.oneOf.map((branch: { properties: { kind: { const: string } } }) => branch.properties.kind.const);
  expect(kinds.sort()).toEqual([...RULE_KINDS.keys()].sort());
  expect(schema.$defs.rule.properties.kind.enum.sort()).toEqual([...RULE_KINDS.keys()].sort());
});
