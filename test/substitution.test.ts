/** The `substitution` rule kind: alternatives in phrases, context tests per entry, apostrophes, and the first-word index. */
import type { LocatedRule } from "../src/config/rules.js";
import { lint } from "../src/engine/lint.js";
import { documentOf, ruleSetOf } from "./helpers.js";

const rule = (entries: Record<string, unknown>, extra: Record<string, unknown> = {}, builtin = true): LocatedRule => ({
  spec: { id: "t/sub", kind: "substitution", category: "style", severity: "minor", message: "“$0” → “$1”", language: "en", applicability: "unsafe", entries, examples: [{ text: "x" }], ...extra } as LocatedRule["spec"],
  file: "t",
  pointer: "/rules/0",
  builtin,
});

const check = (r: LocatedRule, text: string) => lint(documentOf(text), ruleSetOf([r])).findings.map((f) => [f.text, f.fix?.edits[0]?.text]);

describe("substitution rules", () => {
  test("{a|b} groups expand, and each choice picks the same choice in the replacement", () => {
    const r = rule({ "{carry|carries|carried} out {|the }talks": "{hold|holds|held} talks" });
    expect(check(r, "They carried out talks. She carries out the talks. We carry out talks.")).toEqual([
      ["carried out talks", "held talks"],
      ["carries out the talks", "holds talks"],
      ["carry out talks", "hold talks"],
    ]);
  });

  test("a replacement group takes the phrase's group of its size, or the one it names", () => {
    const r = rule({ "{the |}course of the {ruble|dollar}": "the {2:ruble|dollar} exchange rate", "{lethal|fatal} {outcome|outcomes}": "{2:death|deaths}" });
    expect(check(r, "The course of the dollar fell; two lethal outcomes.")).toEqual([
      ["The course of the dollar", "The dollar exchange rate"],
      ["lethal outcomes", "deaths"],
    ]);
  });

  test("a replacement whose groups do not fit the phrase's, or could take either of two groups, is a config error", () => {
    expect(() => ruleSetOf([rule({ "{a|b} c": "{x|y|z} {w}" })])).toThrow(/does not match the alternatives/);
    expect(() => ruleSetOf([rule({ "{a|b} {c|d}": "{x|y}" })])).toThrow(/ambiguous/);
  });

  test("a phrase ending in a full stop takes the stop, unless it may end the sentence", () => {
    const r = rule({ "mln": "million", "mln.": "million" });
    expect(check(r, "It cost 45 mln. The rest 3 mln. rubles, then 2 mln.")).toEqual([
      ["mln", "million"],
      ["mln.", "million"],
      ["mln", "million"],
    ]);
  });

  test("an entry's notFollowedBy and notPrecededBy keep it quiet in that context only", () => {
    const r = rule({ "on the eve": { replace: "the day before", notFollowedBy: "\\s+of\\b" }, "the matter is that": { notPrecededBy: "of\\s+" } });
    expect(check(r, "He came on the eve of the war. He left on the eve.")).toEqual([["on the eve", "the day before"]]);
    expect(check(r, "The heart of the matter is that it works. The matter is that it fails.").map((f) => f[0])).toEqual(["The matter is that"]);
  });

  test("context tests are for built-in rules only", () => {
    expect(() => ruleSetOf([rule({ "on the eve": { notFollowedBy: "x" } }, {}, false)])).toThrow(/built-in rules only/);
  });

  test("straight and curly apostrophes match each other; a sentence start keeps its capital", () => {
    const r = rule({ "it's worth to": "it's worth" });
    expect(check(r, "It’s worth to try.")).toEqual([["It’s worth to", "It's worth"]]);
  });

  test("a phrase is found only as whole words, and the longest phrase with the same first word wins", () => {
    const r = rule({ "in the nearest time": "soon", "in the nearest": "in the next" });
    expect(check(r, "We go in the nearest time; within the nearest days; in the nearestness.")).toEqual([["in the nearest time", "soon"]]);
  });

  test("a table of 200,000 words compiles (a user's glossary-sized table)", () => {
    const entries = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`term${i.toString(36)}x`, "word"]));
    // Terms 0 to 4abj (199,999 in base 36): 4abk is none.
    expect(check(rule(entries), "A term0x, a term4abjx and a term4abkx.")).toEqual([["term0x", "word"], ["term4abjx", "word"]]);
  });
});

describe("compiled substitution tables in a store", () => {
  /** A store that counts what it is asked, with the bytes it holds open to damage. */
  const store = () => {
    const held = new Map<string, Uint8Array>();
    const calls = { get: 0, set: 0 };
    return {
      held,
      calls,
      get: (key: string) => (calls.get++, held.get(key)),
      set: (key: string, bytes: Uint8Array) => (calls.set++, void held.set(key, bytes)),
    };
  };
  // Groups, a tail ("thous."), a gap that is not a space ("US-led"), apostrophes, and two phrases sharing words.
  const entries = { "{carry|carries|carried} out {|the }talks": "{hold|holds|held} talks", "thous.": "thousand", "US-led": "US-led", "it's worth to": "it's worth", "in the nearest time": "soon", "in the nearest": "in the next" };
  const text = "They carried out the talks, 5 thous. people; a US-led push. It’s worth to try in the nearest time, in the nearest days.";
  const checkWith = (tables?: ReturnType<typeof store>) => lint(documentOf(text), ruleSetOf([rule(entries)], { tables })).findings.map((f) => [f.text, f.fix?.edits[0]?.text]);

  test("a table compiled once is read back from the store, with the same findings", () => {
    const expected = checkWith();
    expect(expected).toEqual([
      ["carried out the talks", "held talks"],
      ["thous.", "thousand"],
      ["US-led", "US-led"],
      ["It’s worth to", "It's worth"],
      ["in the nearest time", "soon"],
      ["in the nearest", "in the next"],
    ]);
    const tables = store();
    expect(checkWith(tables)).toEqual(expected);
    expect(tables.calls).toEqual({ get: 1, set: 1 });
    expect(checkWith(tables)).toEqual(expected);
    expect(tables.calls).toEqual({ get: 2, set: 1 });
  });

  test("bytes that are not a whole table for these phrases are ignored: the table is compiled and offered again", () => {
    const expected = checkWith();
    const tables = store();
    checkWith(tables);
    const [key, good] = [...tables.held][0]!;
    const damaged: Uint8Array[] = [
      new Uint8Array(0),
      good.subarray(0, good.length - 4),
      good.map((b, i) => (i < 8 ? 0xff : b)),
      // The last number is a choice of the last phrase: past its group's options.
      Uint8Array.from([...good.subarray(0, good.length - 4), 99, 0, 0, 0]),
    ];
    for (const bytes of damaged) {
      tables.held.set(key, bytes);
      expect(checkWith(tables)).toEqual(expected);
      expect(tables.held.get(key)).toEqual(good);
    }
    expect(tables.calls.set).toBe(1 + damaged.length);
  });
});
