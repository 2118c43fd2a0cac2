/**
 * Every built-in rule takes time linear in its input. Each (of the pattern rules, the first of each
 * language: the others differ only by their expression, timed on its own in
 * test/pattern-linear.test.ts) runs on the adversarial inputs of
 * bench/adversarial-inputs.ts — long runs of spaces, dashes, quotes, digits, capitals, huge
 * words, deep nesting, text without spaces, many sentences or segments — at about 4 KB and 40 KB,
 * and the larger may take at most LIMIT times as long (quadratic work would take a hundred times as long).
 * So do the shared analysis (sentences, tokens, tags) and lint()'s own work on the findings.
 * A rule of a language runs in that language; the rules for every language in English and Chinese
 * (a language of spaces and one without). Each rule is timed once at the large size, and only the
 * rows whose time there could make a failing ratio are timed at the small one, so that timing every
 * rule costs about one run of each pack. Times are CPU times, after a warm-up, the best of a few runs, and
 * a time under FLOOR_MS counts as FLOOR_MS, so that a busy or slow machine cannot make a ratio out
 * of noise. `node build/bench/adversarial.js` prints the table at 10 KB and 100 KB.
 */
import type { SegmentAnalysis } from "../src/analysis/analysis.js";
import type { RawFinding } from "../src/core/rule.js";
import type { CompiledRule } from "../src/engine/rule-kind.js";
import type { Document } from "../src/core/types.js";
import { RULE_KINDS } from "../src/rules/index.js";
import { ADVERSARIAL_INPUTS, adversarialDocument, analysed, builtinRulesFor, timeEngine, timeRule, type AdversarialInput } from "../bench/adversarial-inputs.js";

const SMALL = 4_000;
const LARGE = 40_000;
/** Linear work takes ten times as long at ten times the size, quadratic work a hundred times; 25 leaves room for a busy machine's noise. */
const LIMIT = 25;
const FLOOR_MS = 5;
/** Rule kinds that compare a segment's source with its target (spelling reads the source too). */
const SOURCE_READING_KINDS = new Set([
  "number-parity", "untranslated", "punctuation-parity", "placeholder-parity", "length-ratio", "source-term-consistency", "glossary", "translation-consistency", "spelling",
  "spacing-parity", "case-parity", "bracket-parity", "truncation", "length-limit",
]);
/** The language-independent bilingual rules run with a language of spaces and one without. */
const BILINGUAL_LANGUAGES = new Set(["en", "zh"]);

interface Sized {
  document: Document;
  analyses: SegmentAnalysis[];
}

/**
 * The rows (a rule, the analysis, the engine) whose time grows faster than linearly on an input:
 * "row on input: small ms → large ms". `run(sized)` returns the milliseconds of one run.
 */
function superlinear(input: AdversarialInput, language: string, bilingual: boolean, rows: [string, (sized: Sized) => number][]): string[] {
  const sized = (size: number): Sized => {
    const document = adversarialDocument(input, size, language, bilingual);
    return { document, analyses: analysed(document, language).analyses };
  };
  const large = sized(LARGE);
  let small: Sized | undefined;
  const failures: string[] = [];
  for (const [row, run] of rows) {
    let largeMs = run(large);
    if (largeMs < LIMIT * FLOOR_MS) continue;
    small ??= sized(SMALL);
    run(small); // warm-up: the first run compiles
    const smallMs = Math.max(FLOOR_MS, Math.min(run(small), run(small), run(small)));
    // A long time at the large size may be a pause of the machine: measured twice more before it counts.
    for (let i = 0; i < 2 && largeMs / smallMs >= LIMIT; i++) largeMs = Math.min(largeMs, run(large));
    if (largeMs / smallMs >= LIMIT) failures.push(`${row} on “${input.name}” (${language}${bilingual ? ", bilingual" : ""}): ${smallMs.toFixed(1)} ms → ${largeMs.toFixed(1)} ms`);
  }
  return failures;
}

/** The rules that run on a language's documents; with sources, those that read them. */
function rulesOf(language: string, bilingual: boolean): CompiledRule[] {
  return builtinRulesFor(language).filter((r) =>
    bilingual ? SOURCE_READING_KINDS.has(r.spec.kind) && (r.spec.language !== "*" || BILINGUAL_LANGUAGES.has(language)) : !SOURCE_READING_KINDS.has(r.spec.kind) || r.spec.kind === "spelling",
  );
}

const LANGUAGES = ["en", "zh", "de", "fr", "es", "ru", "ja"];

/**
 * The rules timed in a run (language, mode): every rule of the language, the rules for every
 * language in en and zh only. Of the pattern rules, whose code is one loop over a regular
 * expression's matches, only the first: test/pattern-linear.test.ts times every pattern on its own.
 */
function timedRules(language: string, bilingual: boolean): CompiledRule[] {
  const rules = rulesOf(language, bilingual).filter((r) => r.spec.language !== "*" || BILINGUAL_LANGUAGES.has(language));
  const firstPattern = rules.find((r) => r.spec.kind === "pattern");
  return rules.filter((r) => r.spec.kind !== "pattern" || r === firstPattern);
}

function checkLanguage(language: string, bilingual: boolean): string[] {
  const rules = timedRules(language, bilingual);
  return ADVERSARIAL_INPUTS.flatMap((input) => {
    const findings = new Map<Sized, Map<string, [number, RawFinding][]>>();
    const findingsOf = (s: Sized) => findings.get(s) ?? findings.set(s, new Map()).get(s)!;
    const kindRow = (rule: CompiledRule): [string, (s: Sized) => number] => [
      `${rule.spec.kind} (${rule.spec.id})`,
      (s) => {
        const { ms, findings: found } = timeRule(rule, s.document, s.analyses);
        findingsOf(s).set(rule.spec.id, found);
        return ms;
      },
    ];
    const engineRow = (s: Sized) => {
      // Every rule's findings at this size (the small size runs only the kinds that were measured there).
      for (const rule of rules) if (!findingsOf(s).has(rule.spec.id)) findingsOf(s).set(rule.spec.id, timeRule(rule, s.document, s.analyses).findings);
      return timeEngine(rules, findingsOf(s), s.document);
    };
    return superlinear(input, language, bilingual, [["the analysis", (s) => analysed(s.document, language).ms], ...rules.map(kindRow), ["lint()", engineRow]]);
  });
}

const runs = LANGUAGES.flatMap((language) => [false, true].filter((bilingual) => timedRules(language, bilingual).length > 0).map((bilingual) => ({ language, bilingual })));

test.each(runs)("the rules for $language (with sources: $bilingual) take linear time on adversarial inputs", ({ language, bilingual }) => {
  expect(checkLanguage(language, bilingual)).toEqual([]);
}, 300_000);

test("the runs time every built-in rule but the patterns, and a rule of every kind", () => {
  const timed = new Set(runs.flatMap(({ language, bilingual }) => timedRules(language, bilingual).map((r) => r.spec.id)));
  const builtin = LANGUAGES.flatMap((language) => builtinRulesFor(language));
  expect(builtin.filter((r) => r.spec.kind !== "pattern" && !timed.has(r.spec.id)).map((r) => r.spec.id)).toEqual([]);
  expect([...RULE_KINDS.keys()].filter((kind) => !builtin.some((r) => r.spec.kind === kind))).toEqual([]);
});
