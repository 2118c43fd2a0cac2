/** The clause analyser (src/analysis/clause.ts) on sentences written for these tests, and the clause rule kind. */
import { SegmentAnalysis } from "../src/analysis/analysis.js";
import type { Clause, SentenceClauses } from "../src/analysis/clause.js";
import { gapBits, GAP_COMMA, GAP_DASH, GAP_QUOTE_CLOSE, GAP_QUOTE_OPEN } from "../src/analysis/clause.js";
import { clauseKind } from "../src/rules/clause.js";
import { lint } from "../src/engine/lint.js";
import { documentOf } from "./helpers.js";

function analysed(text: string, language = "en"): { analysis: SegmentAnalysis; sentences: (SentenceClauses | undefined)[] } {
  const analysis = new SegmentAnalysis({ id: "1", target: text, origin: { file: "t", line: 1, column: 1 } }, language);
  return { analysis, sentences: analysis.sentences.map((_, k) => analysis.clauses(k)) };
}

/** The clause of the finite verb `verb` (its first word) in a one-sentence text. */
function clauseOf(text: string, verb: string): { clause: Clause; words: (from: number, to: number) => string } {
  const { analysis, sentences } = analysed(text);
  const clause = sentences[0]!.clauses.find((c) => analysis.tokens[c.finite]!.text === verb);
  if (!clause) throw new Error(`no clause with the finite verb “${verb}” in “${text}”`);
  return { clause, words: (from, to) => analysis.tokens.slice(from, to).map((t) => t.text).join(" ") };
}

const subjectOf = (text: string, verb: string) => {
  const { clause, words } = clauseOf(text, verb);
  return clause.subject && clause.subjectPosition === "before" ? words(clause.subject.start, clause.subject.end) : undefined;
};

describe("subjects", () => {
  test.each([
    ["The old bridge over the river was closed in May.", "was", "The old bridge"],
    ["The men who build houses are tired.", "are", "The men"],
    ["The man I met yesterday left early.", "left", "The man"],
    ["Putin, the president, said nothing.", "said", "Putin"],
    ["In 1990 the company bought a factory.", "bought", "the company"],
    ["When the storm ended the farmers went back to the fields.", "went", "the farmers"],
    ["What the council decided was never published.", "was", "What"],
    ["The river, however, was too wide.", "was", "The river"],
    ["In the event Congress acts, the plan will change.", "acts", "Congress"],
  ])("%s — “%s” has the subject “%s”", (text, verb, subject) => {
    expect(subjectOf(text, verb)).toBe(subject);
  });

  test("the head and number come from the subject's head, across prepositional phrases", () => {
    const { clause, words } = clauseOf("The managers of the new company has left.", "has");
    expect(words(clause.subject!.head, clause.subject!.head + 1)).toBe("managers");
    expect(clause.subject!.number).toBe("plural");
    expect(clause.subject!.separated).toBe(true);
    expect(clause.verbNumber).toBe("singular");
  });

  test("two noun phrases joined by “and” are a plural subject", () => {
    const { clause } = clauseOf("The mayor and the governor were there.", "were");
    expect(clause.subject!.coordinated).toBe(true);
    expect(clause.subject!.number).toBe("plural");
  });

  test("a relative pronoun stands for the subject of its clause", () => {
    const { clause } = clauseOf("The plan that was adopted failed.", "was");
    expect(clause.opener).toBe("relative");
    expect(clause.subject!.relative).toBe(true);
    expect(clause.passive).toBe(true);
  });

  test("a noun of quantity or a collective gives no number", () => {
    expect(clauseOf("A number of the workers were hurt.", "were").clause.subject!.number).toBe("unknown");
    expect(clauseOf("The trio of singers were introduced.", "were").clause.subject!.number).toBe("unknown");
  });

  test("“one of” and “each of” are singular whatever follows; “one” alone is not", () => {
    expect(clauseOf("One of the leaders of the protests was detained.", "was").clause.subject!.number).toBe("singular");
    expect(clauseOf("Each of the ministers has a car.", "has").clause.subject!.number).toBe("singular");
    expect(clauseOf("Two of the ministers have cars.", "have").clause.subject!.number).toBe("unknown");
  });
});

describe("verbs before their subject", () => {
  test.each([
    ["“We will win,” said the coach.", "said", "quotative"],
    ["In the corner of the room sat an old man.", "sat", "locative"],
    ["Never have I seen such a crowd.", "have", "negative"],
    ["Had the council known, it would have acted.", "Had", "conditional"],
    ["The river rose, and so did the prices.", "did", "so-neither"],
    ["He came home, took a shower and went to bed.", "went", "shared-subject"],
    ["He came home, took a shower and went to bed.", "took", "shared-subject"],
    ["Was the bridge closed?", "Was", "question"],
  ])("%s — “%s” is licensed (%s)", (text, verb, licence) => {
    expect(clauseOf(text, verb).clause.licence).toBe(licence);
  });

  test("a verb of saying after a fronted phrase has no licence, and its subject follows it", () => {
    const { clause, words } = clauseOf("About this said the minister at the briefing.", "said");
    expect(clause.licence).toBe("none");
    expect(clause.subjectPosition).toBe("after");
    expect(clause.fronted).toBe("prepositional");
    expect(words(clause.subject!.start, clause.subject!.end)).toBe("the minister");
  });

  test("a verb after a fronted prepositional phrase without any noun phrase has no subject", () => {
    const { clause } = clauseOf("The mayor said that in the centre of the city during the festival will be closed for traffic.", "will");
    expect(clause.subjectPosition).toBe("none");
    expect(clause.licence).toBe("none");
    expect(clause.opener).toBe("subordinator");
  });
});

describe("punctuation", () => {
  test("gap bits tell commas, dashes and opening from closing quotation marks", () => {
    expect(gapBits("a, b", 1, 3)).toBe(GAP_COMMA);
    expect(gapBits("a – b", 1, 4)).toBe(GAP_DASH);
    expect(gapBits("a “b", 1, 3)).toBe(GAP_QUOTE_OPEN);
    expect(gapBits("a” b", 1, 3)).toBe(GAP_QUOTE_CLOSE);
  });

  test("a quoted name inside a clause is no boundary", () => {
    expect(subjectOf("The newspaper “Kommersant” published the interview.", "published")).toBe("The newspaper Kommersant");
  });

  test("an abbreviation's full stop is no boundary", () => {
    expect(subjectOf("Mr. Smith of the Acme Co. was elected.", "was")).toBe("Mr Smith");
  });

  test("a sentence without a final mark is told apart", () => {
    const { sentences } = analysed("The new law on the internet");
    expect(sentences[0]!.terminal).toBe("");
    expect(sentences[0]!.clauses).toEqual([]);
  });
});

describe("analysis on demand", () => {
  test("only the sentences asked for are analysed, and each once", () => {
    const { analysis } = analysed("It rained. The roads were closed.");
    const first = analysis.clauses(1);
    expect(analysis.clauses(1)).toBe(first);
    expect(first!.clauses).toHaveLength(1);
  });

  test("a sentence tagged on its own is analysed as when the whole segment is tagged", () => {
    const text = "The committee met on Monday. Top managers of the company has received bonuses.";
    const alone = new SegmentAnalysis({ id: "1", target: text, origin: { file: "t", line: 1, column: 1 } }, "en");
    const whole = new SegmentAnalysis({ id: "1", target: text, origin: { file: "t", line: 1, column: 1 } }, "en");
    void whole.tags;
    const describe = (c: Clause) => [c.finite, c.subjectPosition, c.subject?.head, c.subject?.number, c.licence];
    expect(alone.clauses(1)!.clauses.map(describe)).toEqual(whole.clauses(1)!.clauses.map(describe));
  });

  test("no analysis for a language without a tagger", () => {
    expect(analysed("Der Hund schläft.", "de").sentences[0]).toBeUndefined();
  });
});

describe("the clause rule kind", () => {
  const spec = { id: "t/clause", kind: "clause", category: "fluency/grammar" as const, severity: "major" as const, message: "m", examples: [] };
  const env = { terms: [], options: {}, trusted: true, file: "t.json", pointer: "/rules/0" };

  test("an unknown check is a config error naming the field", () => {
    expect(() => clauseKind.compile({ ...spec, check: "no-such-check" }, env)).toThrow(/check must be one of/);
  });

  test("checks only English sentences of running text", () => {
    const rule = clauseKind.compile({ ...spec, check: "dash-for-copula" }, env);
    const ruleSet = { rules: [{ rule, severity: "major" as const }], accept: new Set<string>() };
    expect(lint(documentOf("The main goal of the reform – to cut the waiting lists."), ruleSet).findings).toHaveLength(1);
    expect(lint(documentOf("The main goal of the reform – to cut the waiting lists"), ruleSet).findings).toEqual([]);
    expect(lint(documentOf("The main goal of the reform – to cut the waiting lists.", {}, "de"), ruleSet).findings).toEqual([]);
  });
});
