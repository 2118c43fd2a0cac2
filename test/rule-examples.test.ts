/** Every example of every built-in rule: invalid examples give exactly one finding at the marker, valid ones none. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_RULES_DIR, loadBuiltinRules } from "../src/config/rules.js";
import { validate } from "../src/config/schema.js";
import { exampleProblem } from "../src/engine/examples.js";
import { ruleSetOf } from "./helpers.js";

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

  test("has at least one invalid and one valid example", () => {
    expect(rule.spec.examples.some((e) => e.valid)).toBe(true);
    expect(rule.spec.examples.some((e) => !e.valid)).toBe(true);
  });

  test.each(rule.spec.examples.map((e) => [e.text, e] as const))("example %j", (_text, example) => {
    expect(exampleProblem(ruleSet.rules[0]!.rule, example)).toBeUndefined();
  });
});
