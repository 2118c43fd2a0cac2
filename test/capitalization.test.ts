/** The `capitalization` rule kind: its view of words, document-level evidence, and the lowercase lexicon and its derivation. */
import { loadBuiltinRules } from "../src/config/rules.js";
import { lint } from "../src/engine/lint.js";
import { tokenize } from "../src/analysis/text.js";
import { CAPITALIZED, LOWER, OTHER, SegmentCasing, UPPER, lowercaseLexicon, parseLexicon } from "../src/rules/capitalization.js";
import { countCasing, lexiconClass, lexiconEntries } from "../training/derive-lowercase-lexicon.js";
import { documentOf, ruleSetOf } from "./helpers.js";

const builtin = (id: string) => ruleSetOf(loadBuiltinRules().filter((r) => r.spec.id === id));
const findings = (id: string, texts: string | string[]) => lint(documentOf(texts), builtin(id)).findings;
const casing = (text: string) => new SegmentCasing(text, tokenize(text));

describe("SegmentCasing", () => {
  test("shapes, and which words follow only spaces", () => {
    const c = casing("The UN said, in General, that 12 états met: Élan.");
    expect(Array.from({ length: c.length }, (_, i) => c.shape(i))).toEqual([CAPITALIZED, UPPER, LOWER, LOWER, CAPITALIZED, LOWER, OTHER, LOWER, LOWER, CAPITALIZED]);
    expect([c.joined(1), c.joined(3), c.afterComma(3), c.opening(9)]).toEqual([true, false, true, true]);
    expect(c.shape(-1)).toBe(OTHER);
    expect(c.lower(4)).toBe("general");
    expect(c.lower(99)).toBe("");
  });

  test("cuts sentences at full stops and line breaks; one cut by a line break is a heading", () => {
    const c = casing("A short heading\nThe body starts here. It goes on!");
    expect(c.sentences.map((s) => [s.first, s.last, s.heading])).toEqual([
      [0, 3, true],
      [3, 7, false],
      [7, 10, false],
    ]);
    expect(c.sentence(5)).toBe(1);
    expect(c.opening(3)).toBe(true);
  });

  test("a short quotation opening with a capital is a title; a long one is not", () => {
    const c = casing("He hosts “After Work with Friends” and said “we will go to the Market on Monday if the weather is fine”.");
    const at = (word: string) => Array.from({ length: c.length }, (_, i) => i).find((i) => c.word(i) === word)!;
    expect(c.quotedTitle(at("Work"))).toBe(true);
    expect(c.quotedTitle(at("Market"))).toBe(false);
    expect(c.titleCase(0)).toBe(false);
  });
});

describe("stray capitals", () => {
  const id = "en/capitalization/stray-capital";

  test("a capital right after a lost full stop is that one finding (it defers to missing-sentence-break, which touches it)", () => {
    const both = ruleSetOf(loadBuiltinRules().filter((r) => r.spec.id === id || r.spec.id === "en/punctuation/missing-sentence-break"));
    const text = "The deputies met on March 18 They approved the budget.";
    expect(lint(documentOf(text), both).findings.map((f) => [f.ruleId, f.text])).toEqual([["en/punctuation/missing-sentence-break", "18 "]]);
    expect(findings(id, text).map((f) => f.text)).toEqual(["They"]);
  });

  test("a word of a name the document writes out is left alone, in another segment too", () => {
    expect(findings(id, ["The Pinewood Market Group opened in May.", "Later the Market closed."])).toEqual([]);
    expect(findings(id, ["The Pinewood group opened in May.", "Later the Market closed."]).map((f) => f.text)).toEqual(["Market"]);
  });

  test("a word the document capitalizes twice and never writes in lowercase is a name there", () => {
    expect(findings(id, "The critics loved Hero. They say Hero left the stage.")).toEqual([]);
    expect(findings(id, "The critics loved Hero. They say Hero left, and the hero returned.").map((f) => f.text)).toEqual(["Hero", "Hero"]);
  });

  test("an adverb in -ly beside a name is still a slip, and makes no name word for the rest of the document", () => {
    expect(findings(id, ["In the evenings it is Usually Stone who meets the press at the door.", "He Usually waits in the hall."]).map((f) => f.text)).toEqual(["Usually", "Usually"]);
    // Beside a word that is only ordinary, the capitals make a title.
    expect(findings(id, "The band played Slowly Forward twice at the fair.")).toEqual([]);
  });

  test("the literal values of software documentation keep their capital", () => {
    expect(findings(id, "An empty field is the Null value; the flag is set to True or False.")).toEqual([]);
  });

  test("a document that capitalizes pronouns for reverence capitalizes nouns so too", () => {
    expect(findings(id, "We follow where He leads by His word, and the Truth is His.")).toEqual([]);
  });

  test("a word the lexicon has as lowercase always gets a safe fix; one also seen in names a suggestion", () => {
    const [usually, market] = findings(id, "The spokesman Usually waits at their Market.");
    expect([usually!.text, usually!.fix!.applicability, market!.text, market!.fix!.applicability]).toEqual(["Usually", "safe", "Market", "unsafe"]);
  });

  test("a capital after a word the lexicon pairs it with is a slip, though the word alone is also a name", () => {
    // "General" alone is a military rank; after "in" it is the adverbial phrase.
    expect(findings(id, "They spoke in General terms.").map((f) => f.text)).toEqual(["General"]);
    expect(findings(id, "They saluted the General at noon.")).toEqual([]);
  });
});

describe("names written partly in lowercase", () => {
  const id = "en/capitalization/lowercase-word-in-institution-name";

  test("the document's own spelling of a name decides, across segments, with a safe fix", () => {
    const [f] = findings(id, ["The Arctic Research Council met in May.", "A week later the arctic Research Council published its report."]);
    expect([f!.segmentId, f!.text, f!.fix!.edits[0]!.text, f!.fix!.applicability]).toEqual(["2", "arctic Research Council", "Arctic Research Council", "safe"]);
  });

  test("a capitalized first word alone is a style of edited English, not a slip", () => {
    expect(findings(id, "The Democratic party met the Federal court, and the chairman of the Commission spoke.")).toEqual([]);
  });

  test("a title with a lowercase word is offered both ways", () => {
    const [f] = findings(id, "The bottle stood on the desk of the press Secretary.");
    expect([f!.fix!.edits[0]!.text, f!.suggestions![0]!.edits[0]!.text]).toEqual(["Press Secretary", "press secretary"]);
  });

  test("an unknown check is a config error naming the rule's field", () => {
    const rule = { ...loadBuiltinRules().find((r) => r.spec.id === id)!, pointer: "/rules/0" };
    let error: unknown;
    try {
      ruleSetOf([{ ...rule, spec: { ...rule.spec, check: "titles" } }]);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ message: expect.stringContaining('unknown check "titles"'), location: { pointer: "/rules/0/check" } });
  });
});

describe("lowercase proper nouns", () => {
  test("hashtags, handles and paths are not prose", () => {
    const id = "en/capitalization/lowercase-proper-noun";
    expect(findings(id, "Follow #putin, @moscow_news and the folder news / russian.")).toEqual([]);
    expect(findings(id, "We met in moscow.").map((f) => f.fix!.edits[0]!.text)).toEqual(["Moscow"]);
  });
});

describe("the lowercase lexicon", () => {
  test("parses classes and skips comments", () => {
    const words = parseLexicon("# header\nusually\ta\nstudio\tn\nstate\tc\nin general\tn\n");
    expect([...words]).toEqual([
      ["usually", "always"],
      ["studio", "unless-name"],
      ["state", "common"],
      ["in general", "unless-name"],
    ]);
  });

  test("the committed lexicon holds the classes the rules rely on", () => {
    const lexicon = lowercaseLexicon();
    expect(lexicon.size).toBeGreaterThan(5_000);
    expect([lexicon.get("usually"), lexicon.get("market"), lexicon.get("general"), lexicon.get("in general"), lexicon.get("may")]).toEqual(["always", "unless-name", "common", "unless-name", undefined]);
  });

  test("classes come from counts: frequent enough, never a proper noun, never or only beside names capitalized", () => {
    expect(lexiconClass({ total: 50, capitalized: 0, stray: 0, properNoun: 0 })).toBe("a");
    expect(lexiconClass({ total: 50, capitalized: 5, stray: 0, properNoun: 0 })).toBe("n");
    expect(lexiconClass({ total: 50, capitalized: 20, stray: 3, properNoun: 0 })).toBe("c");
    expect(lexiconClass({ total: 50, capitalized: 0, stray: 0, properNoun: 5 })).toBeUndefined();
    expect(lexiconClass({ total: 5, capitalized: 0, stray: 0, properNoun: 0 })).toBeUndefined();
  });

  test("a pair is kept for a word the lexicon lacks, or to make a word certain after another one", () => {
    const entries = lexiconEntries(
      new Map([
        ["general", { total: 400, capitalized: 120, stray: 2, properNoun: 0 }],
        ["in general", { total: 40, capitalized: 1, stray: 0, properNoun: 0 }],
        ["express", { total: 40, capitalized: 2, stray: 0, properNoun: 0 }],
        ["to express", { total: 12, capitalized: 0, stray: 0, properNoun: 0 }],
        ["his", { total: 5000, capitalized: 20, stray: 18, properNoun: 0 }],
        ["of his", { total: 700, capitalized: 2, stray: 0, properNoun: 0 }],
      ]),
    );
    // "of his" is left out: "His" is capitalized for reverence, a convention rather than a slip.
    expect(entries).toEqual([
      ["express", "n"],
      ["general", "c"],
      ["his", "c"],
      ["in general", "n"],
      ["to express", "a"],
    ]);
  });

  test("Brown counts leave proper nouns out and count where the rule would look", () => {
    const counts = countCasing(["ca01"]);
    expect(counts.get("jury")!.total).toBeGreaterThan(5);
    expect(counts.get("fulton")!.properNoun).toBeGreaterThan(0);
    expect(counts.get("fulton")!.total).toBe(0);
  });
});
