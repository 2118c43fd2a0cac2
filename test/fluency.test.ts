/** The learned fluency rule: quiet on held-out clean English, and it flags verb-first MT sentences. */
import { brownTestSlice, measureBrown } from "../src/bench/brown-precision.js";
import { heldOutBrownFiles } from "../src/bench/train-tagger.js";
import { loadBuiltinRules } from "../src/config/rules.js";
import { lint } from "../src/engine/lint.js";
import { documentOf, ruleSetOf } from "./helpers.js";

const fluencyRule = loadBuiltinRules().filter((r) => r.spec.kind === "fluency");
const ruleSet = ruleSetOf(fluencyRule);

test("the slice is held out from the tagger and the classifier", () => {
  expect(brownTestSlice()).toEqual(heldOutBrownFiles());
  expect(fluencyRule.map((r) => r.spec.id)).toEqual(["en/grammar/garbled-sentence"]);
});

test("at most 1 finding per 5,000 words of held-out Brown text", () => {
  const m = measureBrown(ruleSet, brownTestSlice());
  expect(m.words).toBeGreaterThan(90_000);
  expect(m.findings.length / m.words).toBeLessThanOrEqual(1 / 5000);
});

test("flags garbled verb-first sentences, one finding over each sentence", () => {
  const garbled = [
    "Were detained by police yesterday evening four men suspected of the robbery.",
    "Was appointed to the post of director of the theatre a young actor from Kazan.",
    "Has been completed the repair of the main road leading to the airport.",
    "Was adopted by the parliament on Tuesday a law on the protection of forests.",
  ];
  const clean = "The committee has approved the new plan for the city after a long debate.";
  const text = [clean, ...garbled].join(" ");
  const { findings } = lint(documentOf(text), ruleSet);
  expect(findings.map((f) => f.text)).toEqual(garbled);
  expect(findings.every((f) => f.category === "fluency/grammar" && f.confidence > 0.9 && !f.fix)).toBe(true);
});

test("leaves a sentence to a word-order rule that already flags it", () => {
  const rules = loadBuiltinRules().filter((r) => r.spec.kind === "fluency" || r.spec.id === "en/grammar/subjectless-auxiliary-start");
  const { findings } = lint(documentOf("Were detained by police yesterday evening four men suspected of the robbery."), ruleSetOf(rules));
  expect(findings.map((f) => f.ruleId)).toEqual(["en/grammar/subjectless-auxiliary-start"]);
});
