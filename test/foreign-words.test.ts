/** The word-level language model (src/analysis/foreign-words.ts) and the rule that uses it. */
import {
  ENDING_BITS,
  FOREIGN_FEATURE_VERSION,
  ForeignWordModel,
  decodeForeignWordModel,
  encodeForeignWordModel,
  endingBit,
  foreignWordModel,
  wordFeatures,
  type ForeignWordModelData,
} from "../src/analysis/foreign-words.js";
import { loadBuiltinRules } from "../src/config/rules.js";
import { lint } from "../src/engine/lint.js";
import { documentOf, ruleSetOf } from "./helpers.js";

describe("wordFeatures", () => {
  test("hashes the n-grams of the lower-cased word into the bucket range, the same every time", () => {
    const f = wordFeatures("Zavtra", 10);
    expect(f).toEqual(wordFeatures("zavtra", 10));
    // "<zavtra>": 6 single letters, then 7 + 6 + 5 + 4 longer n-grams (2 to 5 letters, edge marks included).
    expect(f).toHaveLength(6 + 7 + 6 + 5 + 4);
    expect(f.every((b) => Number.isInteger(b) && b >= 0 && b < 1024)).toBe(true);
    expect(wordFeatures("zavtrak", 10)).not.toEqual(f);
  });
});

describe("model file", () => {
  const buckets = 1 << 4;
  const tiny: ForeignWordModelData = {
    featureVersion: FOREIGN_FEATURE_VERSION,
    bucketBits: 4,
    classes: ["en", "ru"],
    bias: [0.5, -0.5],
    weights: Float32Array.from({ length: 2 * buckets }, (_, i) => ((i * 7) % 11) / 10 - 0.5),
    thresholds: [0, 0.4],
    endings: new Uint8Array((1 << ENDING_BITS) / 8).fill(0xff),
  };

  test("encodes and decodes: weights within the int8 step, header and endings as they were", () => {
    const decoded = decodeForeignWordModel(encodeForeignWordModel(tiny));
    expect(decoded.classes).toEqual(tiny.classes);
    expect(decoded.bias).toEqual(tiny.bias);
    expect(decoded.thresholds).toEqual(tiny.thresholds);
    expect(decoded.endings).toEqual(tiny.endings);
    for (let i = 0; i < tiny.weights.length; i++) expect(Math.abs(decoded.weights[i]! - tiny.weights[i]!)).toBeLessThan(0.5 / 127 + 1e-6);
  });

  test("a model built for other features is refused", () => {
    expect(() => new ForeignWordModel({ ...tiny, featureVersion: FOREIGN_FEATURE_VERSION + 1 })).toThrow(/rebuild it/);
  });

  test("a word whose ending bit is not set need not be judged", () => {
    const endings = new Uint8Array((1 << ENDING_BITS) / 8);
    const bit = endingBit("podderzhka");
    endings[bit >>> 3] = 1 << (bit & 7);
    const model = new ForeignWordModel({ ...tiny, endings });
    expect(model.mayBeForeign("podderzhka")).toBe(true);
    // The ending counts, in any case; the rest of the word does not.
    expect(model.mayBeForeign("naderzhka")).toBe(true);
    expect(model.mayBeForeign("PODDERZHKA")).toBe(true);
    expect(model.mayBeForeign("podderzhat")).toBe(false);
  });
});

describe("the shipped model", () => {
  const model = foreignWordModel();
  const flags = (word: string) => model.isForeign(model.judge(word));

  test.each(["vystupleniyem", "obyazatelno", "sovershenno", "podderzhku", "zavtrakom"])("takes the transliterated Russian %s for Russian", (word) => {
    expect(flags(word)).toBe(true);
    expect(model.judge(word).language).toBe("ru");
  });

  test.each(["livestreamed", "deplatforming", "unfollowed", "microtransactions", "geolocated", "cryptocurrencies"])("takes the recent English %s for English", (word) => {
    expect(flags(word)).toBe(false);
  });
});

describe("en/accuracy/untranslated-word", () => {
  const rule = loadBuiltinRules().find((r) => r.spec.id === "en/accuracy/untranslated-word")!;
  const findings = (texts: string[]) => lint(documentOf(texts), ruleSetOf([rule])).findings;

  test("names the language the word looks like", () => {
    const [f] = findings(["The minister spoke about the obyazatelno rules."]);
    expect(f?.text).toBe("obyazatelno");
    expect(f?.message).toContain("transliterated Russian");
  });

  test("a word the document capitalises as a name, one in a handle or path, and a British spelling are left alone", () => {
    expect(findings(["Sovershenno is a band.", "The sovershenno tour sold out.", "Follow @ podderzhku _ team or see site.org/ zavtrakom now.", "The armoured colours of the theatre."])).toEqual([]);
  });

  test("a name with a Russian case ending is reported only beside the name itself", () => {
    expect(findings(["They wrote to Smirnovu yesterday."])).toEqual([]);
    const found = findings(["Smirnov won.", "They wrote to Smirnovu and to Moskvy; Moskva replied."]);
    expect(found.map((f) => f.text)).toEqual(["Smirnovu", "Moskvy"]);
    expect(found[1]!.fix?.edits[0]!.text).toBe("Moskva");
  });
});
