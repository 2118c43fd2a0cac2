/** The `tokens` rule kind: the reported part of a match, repeated elements, and rewrites that edit only the words that change. */
import type { LocatedRule } from "../src/config/rules.js";
import { lint } from "../src/engine/lint.js";
import { documentOf, ruleSetOf } from "./helpers.js";

const rule = (spec: Record<string, unknown>): LocatedRule => ({
  spec: { id: "t/tokens", kind: "tokens", category: "fluency/grammar", severity: "minor", message: "“$0”", language: "en", examples: [{ text: "x" }], ...spec } as LocatedRule["spec"],
  file: "t",
  pointer: "/rules/0",
  builtin: true,
});

const findings = (spec: Record<string, unknown>, text: string) =>
  lint(documentOf(text), ruleSetOf([rule(spec)])).findings.map((f) => ({ text: f.text, message: f.message, edit: f.suggestions?.[0]?.edits[0] }));

describe("tokens rules", () => {
  test("report: only the named elements are the finding and are rewritten; the context is neither", () => {
    const spec = { pattern: [{ word: "talked" }, { word: "about" }, { word: "what" }, { word: "he" }], report: [2, 3], suggestion: "about how" };
    expect(findings(spec, "They talked about what he did.")).toEqual([
      { text: "about what", message: "“about what”", edit: { start: 18, end: 22, text: "how", expected: "what" } },
    ]);
  });

  test("report over an optional element that is absent reports the elements present", () => {
    const spec = { pattern: [{ word: "very" }, { word: "big", optional: true }, { word: "dog" }, { word: "barked" }], report: [2, 3] };
    expect(findings(spec, "A very dog barked.").map((f) => f.text)).toEqual(["dog"]);
  });

  test("repeat: a run of tokens that each pass, as long as the rest of the pattern still matches", () => {
    const spec = { pattern: [{ word: "a" }, { regex: "\\p{Ll}+", repeat: true }, { word: "tasks" }] };
    expect(findings(spec, "It was a hard and long tasks list.").map((f) => f.text)).toEqual(["a hard and long tasks"]);
    // The run stops at punctuation.
    expect(findings(spec, "It was a hard, long tasks list.")).toEqual([]);
  });

  test("a rewrite that keeps words at either end edits only the words between (an insertion when none change)", () => {
    const spec = { pattern: [{ word: "visited" }, { word: "city" }], suggestion: "$1 the $2" };
    expect(findings(spec, "We visited city.")[0]!.edit).toEqual({ start: 11, end: 11, text: "the ", expected: "" });
  });

  test("report must name elements inside the pattern", () => {
    expect(() => ruleSetOf([rule({ pattern: [{ word: "a" }], report: [1, 2] })])).toThrow(/report must name elements/);
  });
});
