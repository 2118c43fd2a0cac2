/** The `quotation-style` kind (one finding per wrong quotation mark, fixed to the target's mark) and the mtlint:publishing preset. */
import { check, fix } from "../src/index.js";
import { resolveConfig } from "../src/config/config.js";
import type { RuleSpec } from "../src/core/rule.js";
import { MtlintError } from "../src/core/errors.js";
import { lint } from "../src/engine/lint.js";
import { quotationStyleKind } from "../src/rules/quotation-style.js";
import { documentOf } from "./helpers.js";

const german: RuleSpec = {
  id: "t/quotes",
  kind: "quotation-style",
  category: "fluency/punctuation",
  severity: "minor",
  message: "$0 → $1",
  examples: [],
  styles: [{ open: "„", close: "“", marks: ['"', "“", "”"] }],
};
const env = { terms: [], options: {}, trusted: true, file: "test", pointer: "/rules/0" };
const marks = (text: string, spec: RuleSpec = german, masked?: { start: number; end: number }[]) => {
  const rule = quotationStyleKind.compile(spec, env);
  const document = documentOf(text, masked ? { masked } : {}, "de");
  return lint(document, { rules: [{ rule, severity: "minor" }], accept: new Set() }).findings.map((f) => `${f.start}:${f.message}`);
};

describe("quotation-style", () => {
  test("each wrong mark is its own finding of one character, with the right mark as a safe fix", () => {
    const rule = quotationStyleKind.compile(german, env);
    const findings = lint(documentOf('Er sagte "ja" und ging.', {}, "de"), { rules: [{ rule, severity: "minor" }], accept: new Set() }).findings;
    expect(findings.map((f) => [f.start, f.end, f.text, f.fix?.edits[0]?.text, f.fix?.applicability])).toEqual([
      [9, 10, '"', "„", "safe"],
      [12, 13, '"', "“", "safe"],
    ]);
  });

  test("the side comes from the neighbours, else from whether a quotation is open", () => {
    expect(marks("“Ja”, sagte sie, „und nein“.")).toEqual(["0:“ → „", "3:” → “"]);
    // Both neighbours are letters: the first mark opens, the second closes.
    expect(marks('ein"Wort"hier')).toEqual(['3:" → „', '8:" → “']);
    expect(marks("„Richtig“ und „auch richtig“.")).toEqual([]);
  });

  test("inch marks, tags, attribute values, URLs, code and masked text are left alone", () => {
    expect(marks('Ein 27" Monitor.')).toEqual([]);
    expect(marks('Siehe <a href="x">hier</a>, id="7", https://example.org/?q="a" und `print("hi")`.')).toEqual([]);
    const text = 'Er schrieb "code" hin.';
    expect(marks(text, german, [{ start: 11, end: 17 }])).toEqual([]);
  });

  test("apostrophes: in and after words, before a digit or an elision, a prime after a digit", () => {
    const english: RuleSpec = { ...german, styles: [{ open: "‘", close: "’", marks: ["'"], apostrophes: true }] };
    expect(marks("It's the boys' toys from the '90s, 'tis said; U.N.'s plan; 5'11 tall.", english)).toEqual([
      "2:' → ’",
      "13:' → ’",
      "29:' → ’",
      "35:' → ’",
      "50:' → ’",
    ]);
    // An opening single mark is changed only when a closing one follows.
    expect(marks("She said 'yes' twice.", english)).toEqual(["9:' → ‘", "13:' → ’"]);
    expect(marks("She said 'yes twice.", english)).toEqual([]);
  });

  test("a mark in two styles is a config error", () => {
    const twice = { ...german, styles: [...(german.styles as object[]), { open: "‚", close: "‘", marks: ["“"] }] };
    expect(() => quotationStyleKind.compile(twice, env)).toThrow(MtlintError);
  });
});

describe("mtlint:publishing", () => {
  const publishing = { extends: "mtlint:publishing" };
  const ids = (config: object) => resolveConfig(config).ruleSet.rules.map((r) => r.rule.spec.id);

  test("is mtlint:recommended plus the rules that name it; mtlint:recommended leaves them out", () => {
    const recommended = ids({ extends: "mtlint:recommended" });
    const withPublishing = ids(publishing);
    expect(withPublishing).toEqual(expect.arrayContaining(recommended));
    expect(withPublishing).toEqual(expect.arrayContaining(["en/punctuation/straight-quotation-marks", "en/punctuation/spaced-hyphen-as-dash", "de/punctuation/spaced-hyphen-as-dash"]));
    expect(recommended).not.toContain("en/punctuation/straight-quotation-marks");
  });

  test("curls straight quotes and apostrophes in English prose, and only there", async () => {
    const text = '"We\'re ready," she said. Read "the \'new\' plan" at https://example.com/?a="b" before 5 p.m.';
    expect((await fix(text, { config: publishing })).text).toBe("“We’re ready,” she said. Read “the ‘new’ plan” at https://example.com/?a=\"b\" before 5 p.m.");
    expect((await check(text)).findings.filter((f) => f.ruleId === "en/punctuation/straight-quotation-marks")).toEqual([]);
  });

  test("code and link targets in Markdown keep their straight quotes", async () => {
    const text = 'Run `echo "hi"` and see [the "guide"](https://example.com/"x").\n';
    expect((await fix(text, { config: publishing, format: "markdown" })).text).toBe('Run `echo "hi"` and see [the “guide”](https://example.com/"x").\n');
  });
});
