/** The `pairing` kind: quotation marks and brackets paired per paragraph, and the English rules built on it. */
import { loadBuiltinRules } from "../src/config/rules.js";
import type { RuleSpec } from "../src/core/rule.js";
import { MtlintError } from "../src/core/errors.js";
import type { Segment } from "../src/core/types.js";
import { lint } from "../src/engine/lint.js";
import { pairingKind } from "../src/rules/pairing.js";
import { documentOf, ruleSetOf } from "./helpers.js";

const base: RuleSpec = {
  id: "t/pairs",
  kind: "pairing",
  category: "fluency/punctuation",
  severity: "minor",
  message: "unclosed $0, add $1",
  unopenedMessage: "unopened $0, add $1",
  reversedMessage: "reversed $0, use $1",
  examples: [],
  pairs: [["(", ")"], ["“", "”"], ['"', '"']],
  quotes: ["“", '"'],
  attribution: ",\\s+said\\b",
};
const env = { terms: [], options: {}, trusted: true, file: "test", pointer: "/rules/0" };

function check(texts: string | string[], spec: Partial<RuleSpec> = {}, extra: Partial<Segment> = {}) {
  const rule = pairingKind.compile({ ...base, ...spec }, env);
  return lint(documentOf(texts, extra), { rules: [{ rule, severity: "minor" }], accept: new Set() }).findings;
}
const marks = (texts: string | string[], spec?: Partial<RuleSpec>) => check(texts, spec).map((f) => `${f.segmentId}:${f.start}:${f.text}`);

describe("pairing", () => {
  test("reports an unclosed opening mark and an unopened closing mark at the mark, without a fix", () => {
    const [unclosed, unopened] = check("He said “no and (left). Then) it rained.");
    expect(unclosed).toMatchObject({ start: 8, end: 9, text: "“", message: "unclosed “, add ”" });
    expect(unclosed!.fix).toBeUndefined();
    expect(unopened).toMatchObject({ start: 28, end: 29, text: ")", message: "unopened ), add (" });
  });

  test("a lone mark of a pair the language does not use gets foreignMessage, unclosed or unopened; the other pairs keep theirs", () => {
    const spec = { pairs: [["(", ")"], ["«", "»"]], quotes: ["«"], foreign: ["«"], foreignMessage: "lone $0" } as Partial<RuleSpec>;
    expect(check("He said «no and left. Then it (rained.", spec).map((f) => f.message)).toEqual(["lone «", "unclosed (, add )"]);
    expect(check("Then» it rained.", spec).map((f) => f.message)).toEqual(["lone »"]);
  });

  test("nested pairs of one kind balance", () => {
    expect(marks("“He spoke of a “military scale” threat,” she said (as noted (twice)).")).toEqual([]);
  });

  test("a quotation continued in the next paragraph, which opens it again, is fine", () => {
    expect(marks("“First part of the letter.\n\n“Second part.”")).toEqual([]);
    expect(marks(["“First part of the letter.", "“Second part.”"])).toEqual([]);
    expect(marks("“First part of the letter.\n\nThe narrator goes on.")).toEqual(["1:0:“"]);
  });

  test("only the last open quotation continues; one holding a speech attribution does not", () => {
    expect(marks("“One “two.\n\n“Three.”")).toEqual(["1:0:“"]);
    expect(marks("“We thank the services, said Rogachev.\n\n“Today it is possible,” he said.")).toEqual(["1:0:“"]);
  });

  test("a block quotation closed a few paragraphs later is paired; one closed much later is not", () => {
    expect(marks("He wrote: “Dear Sir,\n\nI am well.\n\nYours, John.”")).toEqual([]);
    const far = ["“Start.", ...Array.from({ length: 10 }, (_, i) => `Paragraph ${i}.`), "End.”"].join("\n\n");
    expect(marks(far)).toEqual(["1:0:“", `1:${far.length - 1}:”`]);
  });

  test("scope segment balances a whole segment and does not continue quotations inside it", () => {
    expect(marks("“One.\n\n“Two.”", { scope: "segment" })).toEqual(["1:0:“"]);
    expect(marks("(One.\n\nTwo.)", { scope: "segment" })).toEqual([]);
  });

  test("a quotation mark pointing the wrong way is reported with a fix", () => {
    const [f] = check("“We thank the services“, he said.");
    expect(f).toMatchObject({ start: 22, text: "“", message: "reversed “, use ”" });
    expect(f!.fix?.edits).toEqual([{ start: 22, end: 23, text: "”", expected: "“" }]);
    expect(check("”Islamic State” is banned.")[0]?.fix?.edits[0]?.text).toBe("“");
  });

  test("list labels, smileys and doubled brackets are not missing partners", () => {
    expect(marks("Options: a) sell, b) lease, 2) wait, iv) stop. Great :) or sad :( and ((Bill) Shea.")).toEqual([]);
    expect(marks("(see section 2) and more")).toEqual([]);
    expect(marks("the IG – ed.) almost no damage")).toEqual(["1:12:)"]);
  });

  test("straight quotes: neighbours decide, else they alternate; inch marks are skipped", () => {
    expect(marks('He said "yes" and "no," then "maybe".')).toEqual([]);
    expect(marks('A 12" pipe and a 6" nail, "he said" it.')).toEqual([]);
    expect(marks('"Hello ,"he said. "Bye"')).toEqual([]);
    expect(marks('"We will be back," he said. "Wait for us.')).toEqual(["1:28:\""]);
    expect(marks('Were you in love with that girl?"')).toEqual(["1:32:\""]);
  });

  test("masked text (code, URLs) is not paired, and a mark whose partner is masked is not judged", () => {
    expect(check("Call f(x and see.", {}, { masked: [{ start: 5, end: 8 }] })).toEqual([]);
    const link = "See the [project website](https://example.com/a) (soon.";
    expect(check(link, { pairs: [["(", ")"], ["[", "]"]] }, { masked: [{ start: 24, end: 48 }] }).map((f) => f.start)).toEqual([49]);
  });

  test("with documentShare, marks are reported only when that share of three or more paragraphs holding marks fails to pair", () => {
    const texts = ["He said “no and left.", "She said “yes” twice.", "They said “maybe”."];
    expect(marks(texts, { documentShare: 0.5 })).toEqual([]);
    expect(marks(texts, { documentShare: 0.3 })).toEqual(["1:8:“"]);
    expect(marks(["No marks here.", ...texts, "They said “no”."], { documentShare: 0.25 })).toEqual(["2:8:“"]);
    // Fewer than three paragraphs with marks tell nothing about the document.
    expect(marks(texts.slice(0, 2), { documentShare: 0.3 })).toEqual([]);
  });

  test("a straight mark with a space on both sides is not reported as left open", () => {
    expect(marks('The sign read Closed " for the season.')).toEqual([]);
    expect(marks('The sign read Closed "for the season.')).toEqual(["1:21:\""]);
  });

  test("a mark may belong to one pair only", () => {
    expect(() => pairingKind.compile({ ...base, pairs: [["“", "”"], ["„", "“"]] }, env)).toThrow(MtlintError);
  });
});

describe("English rules", () => {
  const builtin = loadBuiltinRules();
  const run = (id: string, text: string) => lint(documentOf(text), ruleSetOf(builtin.filter((r) => r.spec.id === id))).findings.map((f) => f.text);

  test("the recommended rule checks curly quotes, guillemets and brackets, not straight quotes or apostrophes", () => {
    expect(run("en/punctuation/unbalanced-quote-or-bracket", 'The “Kommersant and «Vedomosti» (daily. He said "no. It’s the boys’ ’90s.')).toEqual(["“", "("]);
  });

  test("the straight-quote rule reports only where a third of the quoting paragraphs fail to pair", () => {
    const id = "en/punctuation/unbalanced-straight-quote";
    expect(run(id, 'He said "no and left.')).toEqual([]);
    const balanced = '"Yes," he said.\n\n"Later," she said.\n\n"Now," they said.';
    expect(run(id, `${balanced}\n\nHe said "no and left.`)).toEqual([]);
    expect(run(id, `${balanced}\n\nHe said "no and left.\n\nShe said "yes and went.`)).toEqual(['"', '"']);
  });
});
