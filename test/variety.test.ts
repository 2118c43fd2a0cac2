/** The `variety` kind: American and British spelling mixed in one document, and the English rule built on it. */
import { loadBuiltinRules } from "../src/config/rules.js";
import type { RuleSpec } from "../src/core/rule.js";
import { MtlintError } from "../src/core/errors.js";
import { applyEdits } from "../src/engine/fixes.js";
import { lint } from "../src/engine/lint.js";
import { varietyKind } from "../src/rules/variety.js";
import { documentOf } from "./helpers.js";

const english = loadBuiltinRules().find((r) => r.spec.id === "en/spelling/mixed-us-uk-spelling")!;
const env = { terms: [], options: {}, trusted: true, file: "test", pointer: "/rules/0" };

function check(texts: string | string[], options: Record<string, unknown> = {}, spec: RuleSpec = english.spec) {
  const rule = varietyKind.compile(spec, { ...env, options });
  return lint(documentOf(texts), { rules: [{ rule, severity: "minor" }], accept: new Set() }).findings;
}
const flagged = (texts: string | string[], options?: Record<string, unknown>) => check(texts, options).map((f) => `${f.text}→${f.fix?.edits[0]?.text}`);

describe("variety with the English word list", () => {
  test("flags both “defence” in an MT text that otherwise spells the American way, with counts in the message", () => {
    const text =
      "The experience of de-radicalization is recognized. The operation of the aerospace defence forces of Russia in Syria " +
      "continues. The US led coalition, an organization organized in 2014, noticed the actions of the Russian aerospace defence forces.";
    const findings = check(text);
    expect(findings.map((f) => f.text)).toEqual(["defence", "defence"]);
    expect(findings[0]!.message).toBe(
      "“defence” is British spelling, but this document mostly uses American spelling (4 American words such as radicalization, recognized, organization; 2 British): use “defense”.",
    );
    expect(findings[0]!.fix?.applicability).toBe("safe");
  });

  test("counts over all segments of a document", () => {
    expect(flagged(["The organization met.", "It recognized the colour problem.", "The center agreed."])).toEqual(["colour→color"]);
  });

  test("keeps the case of the flagged word", () => {
    const text = "Defence first. DEFENCE AGAIN. The organization, the center, the color, the labor union and the neighbors agreed.";
    const fixes = check(text).map((f) => f.fix!);
    expect(fixes.map((f) => f.edits[0]!.text)).toEqual(["Defense", "DEFENSE"]);
    expect(applyEdits(text, fixes.flatMap((f) => f.edits))).toMatch(/^Defense first\. DEFENSE AGAIN\./);
  });

  test("flags nothing without a clear majority: a tie or less than twice the other variety", () => {
    expect(flagged("The colour was recognized.")).toEqual([]);
    expect(flagged("The colour and the centre; the organization recognized the favor.")).toEqual([]);
    expect(flagged("The colour was recognized, organized and analyzed.")).toEqual(["colour→color"]);
  });

  test("a variety set in the options is enforced even on one word, with its own message", () => {
    const [f] = check("The defence was strong.", { variety: "us" });
    expect(f).toMatchObject({ text: "defence", message: "“defence” is British spelling; this project uses American spelling: use “defense”." });
    expect(flagged("The color was nice.", { variety: "uk" })).toEqual(["color→colour"]);
    expect(() => check("x", { variety: "au" })).toThrow(MtlintError);
  });

  test("inflected forms are generated from the base pairs", () => {
    const text = "Organisations, defences, centred, colourful, travellers, analysers and favourites.";
    expect(flagged(text, { variety: "us" })).toEqual(["Organisations→Organizations", "defences→defenses", "centred→centered", "colourful→colorful", "analysers→analyzers", "favourites→favorites"]);
  });

  test("words spelled alike in both varieties are neither evidence nor flagged", () => {
    // "analyses" is the plural of "analysis"; "program" is British computing; "meters" and "licenses" are shared.
    const text = "The analyses of the program, the gas meters and the licenses were advertised; the colour was organized.";
    expect(flagged(text, { variety: "uk" })).toEqual([]);
    expect(flagged(text, { variety: "us" })).toEqual(["colour→color"]);
    // American variants long in use: "travelled", "travellers", "theatre", "sceptical".
    expect(flagged("She travelled with travellers to the theatre, sceptical.", { variety: "us" })).toEqual([]);
  });

  test("capitalised words inside a sentence are names; a capitalised sentence start counts", () => {
    expect(flagged("The Labour Party met near Pearl Harbour; the colour was fine.", { variety: "us" })).toEqual(["colour→color"]);
    expect(flagged("Their father is Charles B. Armour.", { variety: "us" })).toEqual([]);
    expect(flagged("“Colour matters,” the organization recognized, at the center of the labor debate.")).toEqual(["Colour→Color"]);
  });

  test("British Oxford spelling: -ize is not flagged in a British document, -yze is", () => {
    expect(flagged("The organization praised the colour, the centre, the behaviour and the labour of its members.")).toEqual([]);
    expect(flagged("The colour, the centre and the behaviour were analyzed.")).toEqual(["analyzed→analysed"]);
  });
});

describe("variety spec", () => {
  const spec: RuleSpec = {
    id: "t/variety",
    kind: "variety",
    category: "fluency/spelling",
    severity: "minor",
    message: "$0 ($1) → $6 ($2, $3 vs $5: $4)",
    examples: [],
    varieties: { br: "Brazilian", pt: "European" },
    words: [["fato", "facto"], ["ação", "acção"], ["ótimo", "óptimo"]],
  };

  test("works for other languages with plain word lists", () => {
    const findings = check("O fato é que a ação foi ótima, o fato segue e o acção também.", {}, spec);
    expect(findings.map((f) => f.message)).toEqual(["acção (European) → ação (Brazilian, 3 vs 1: fato, ação)"]);
  });

  test("two words against one are no clear majority", () => {
    expect(check("O fato é que a ação foi ótima e o acção também.", {}, spec)).toEqual([]);
  });

  test("words are found in capitals and with letters beyond ASCII, but not glued to other letters", () => {
    // 3 Brazilian (fato, FATO, ação) to 1 European (ACÇÃO); "factoα" is part of a longer word, "factos" no listed form.
    const findings = check("O fato, o FATO e a ação. A ACÇÃO e o factoα, os factos.", {}, spec);
    expect(findings.map((f) => f.message)).toEqual(["ACÇÃO (European) → AÇÃO (Brazilian, 3 vs 1: fato, ação)"]);
  });

  test("a word row needs one form per variety", () => {
    expect(() => varietyKind.compile({ ...spec, words: [["fato"]] }, env)).toThrow(MtlintError);
  });
});
