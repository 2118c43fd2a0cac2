/** The `article` rule kind and the countability table it reads (models/countability-en.tsv). */
import { englishCountability, parseCountability } from "../src/analysis/countability.js";
import type { LocatedRule } from "../src/config/rules.js";
import { countabilityTable } from "../training/build-countability.js";
import { lint } from "../src/engine/lint.js";
import { documentOf, ruleSetOf } from "./helpers.js";

const rule = (spec: Record<string, unknown>): LocatedRule => ({
  spec: { id: "t/article", kind: "article", category: "fluency/grammar", severity: "minor", message: "“$0”", language: "en", examples: [{ text: "x" }], minHeads: 20, maxBareShare: 0.05, ...spec } as LocatedRule["spec"],
  file: "t",
  pointer: "/rules/0",
  builtin: true,
});
const found = (spec: Record<string, unknown>, text: string) => lint(documentOf(text), ruleSetOf([rule(spec)])).findings.map((f) => f.text);

describe("countability table", () => {
  test("the shipped table knows count nouns (rarely bare) and mass nouns (often bare), and fixed phrases", () => {
    const nouns = englishCountability();
    const share = (n: string) => nouns.get(n)!.bare / nouns.get(n)!.heads;
    expect(share("city")).toBeLessThan(0.05);
    expect(share("car")).toBeLessThan(0.05);
    expect(share("water")).toBeGreaterThan(0.3);
    expect(share("information")).toBeGreaterThan(0.3);
    expect(nouns.get("foot")!.fixedAfter.has("on")).toBe(true);
  });

  test("the table written from counts reads back the same", () => {
    const counts = new Map([["car", { heads: 20, bare: 3, beforeOf: 2, bareBeforeOf: 0, bareAfter: new Map([["by", 3], ["in", 1]]) }]]);
    const read = parseCountability(countabilityTable(counts, 10)).get("car")!;
    expect(read).toMatchObject({ heads: 20, bare: 3, beforeOf: 2, bareBeforeOf: 0 });
    expect([...read.fixedAfter]).toEqual(["by"]);
  });
});

describe("article rules", () => {
  test("count frame: a bare count noun after a verb or preposition, across adjectives", () => {
    expect(found({ frame: "count" }, "They visited old city and met the mayor. She lives in small house.")).toEqual(["old city", "small house"]);
  });

  test("count frame: determiners, fixed phrases, coordination, ranges, headlines and listed words are left alone", () => {
    const spec = { frame: "count", exceptWithin: ["last"], exceptAfter: ["as"] };
    expect(found(spec, "They visited a city, came on foot and went from house to house.")).toEqual([]);
    expect(found(spec, "The gap between city and suburb grew. He said last year that it works as president.")).toEqual([]);
    expect(found(spec, "Mayor visits old city")).toEqual([]);
  });

  test("count frame: headings run into the text, verbless captions, participles, labels and infinitives read as nouns are left alone", () => {
    const spec = { frame: "count" };
    expect(found(spec, "Seats on square Along this avenue the soldiers marched.")).toEqual([]);
    expect(found(spec, "Adjustment of fiscal year.")).toEqual([]);
    expect(found(spec, "Air transport outmoded the early Studebaker covered wagon.")).toEqual([]);
    expect(found(spec, "This completes the proof of statement (A).")).toEqual([]);
    expect(found(spec, "In 1960 the provision for the Attorney General to act was eliminated.")).toEqual([]);
    expect(found(spec, "Seats on square were sold out. They visited old city.")).toEqual(["square", "old city"]);
  });

  test("count frame: a noun before an adjective and a noun modifies that noun", () => {
    expect(found({ frame: "count" }, "Space was kept for guest medical exhibits. She lives in small house.")).toEqual(["small house"]);
  });

  test("before-of frame: a noun Brown always has with “the” before “of”", () => {
    expect(found({ frame: "before-of", minHeads: 5, maxBareShare: 0.06 }, "They spoke about situation of the refugees.")).toEqual(["situation"]);
  });

  test("an unknown frame is a config error", () => {
    expect(() => ruleSetOf([rule({ frame: "plural" })])).toThrow(/frame must be/);
  });
});
