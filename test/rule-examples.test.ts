/** Every example of every built-in rule: invalid examples give exactly one finding at the marker, valid ones none. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_RULES_DIR, loadBuiltinRules } from "../src/config/rules.js";
import { validate } from "../src/config/schema.js";
import { chosenFix } from "../src/engine/fix.js";
import { applyEdits } from "../src/engine/fixes.js";
import { lint } from "../src/engine/lint.js";
import { documentOf, parseMarked, ruleSetOf } from "./helpers.js";

const rules = loadBuiltinRules();

test("every built-in rule file is valid against the rules schema (they are not validated at run time)", () => {
  const files = readdirSync(BUILTIN_RULES_DIR, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json"));
  expect(files.length).toBeGreaterThan(10);
  for (const f of files) expect(() => validate("rules", JSON.parse(readFileSync(join(BUILTIN_RULES_DIR, f), "utf8")), f)).not.toThrow();
});

test("built-in rules exist, have unique ids and a description", () => {
  expect(rules.length).toBeGreaterThan(3);
  expect(new Set(rules.map((r) => r.spec.id)).size).toBe(rules.length);
  expect(rules.filter((r) => !r.spec.description).map((r) => r.spec.id)).toEqual([]);
});

describe.each(rules.map((r) => [r.spec.id, r] as const))("%s", (_id, rule) => {
  const ruleSet = ruleSetOf([rule]);
  const language = rule.spec.language === "*" ? "en" : rule.spec.language!;

  test("has at least one invalid and one valid example", () => {
    expect(rule.spec.examples.some((e) => e.valid)).toBe(true);
    expect(rule.spec.examples.some((e) => !e.valid)).toBe(true);
  });

  test.each(rule.spec.examples.map((e) => [e.text, e] as const))("example %j", (_text, example) => {
    const { text, span } = parseMarked(example.text);
    const document = documentOf(text, example.source === undefined ? {} : { source: example.source }, language);
    document.sourceLanguage = [rule.spec.sourceLanguage ?? []].flat()[0];
    const { findings } = lint(document, ruleSet);
    if (example.valid) {
      expect(span).toBeUndefined();
      expect(findings).toEqual([]);
      return;
    }
    expect(span).toBeDefined();
    expect(findings.map((f) => ({ start: f.start, end: f.end }))).toEqual([span]);
    const fix = chosenFix(findings[0]!, "unsafe");
    if (example.fixed === undefined) {
      expect(fix).toBeUndefined();
    } else {
      expect(fix).toBeDefined();
      expect(applyEdits(text, fix!.edits)).toBe(example.fixed);
    }
  });
});
