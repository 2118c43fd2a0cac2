/**
 * Every built-in pattern — a rule's pattern, its exceptions, a pairing rule's attribution, the classes
 * of format-consistency — runs in
 * time linear in its input, as a plain expression over the whole text: without the literal
 * prefilter of src/engine/matcher.ts, which a text holding the literal gets past, and with the
 * rule's own examples appended to each adversarial input, so that the marks and words the pattern
 * looks for stand after the runs (a run of spaces is slow for “[ ]+(?<=…)'” only where an
 * apostrophe follows somewhere). The engine's time on the same inputs is in test/bounded-time.test.ts.
 */
import { ADVERSARIAL_INPUTS } from "../bench/adversarial-inputs.js";
import { loadBuiltinRules } from "../src/config/rules.js";

const SMALL = 1_000;
const LARGE = 10_000;
/** At 1,000 units an expression that is not linear already shows it; a linear one takes microseconds. */
const SMALL_LIMIT_MS = 50;
/** Times below this are taken as this, so that noise on tiny times makes no ratio. */
const FLOOR_MS = 0.5;
/** Ten times the input: linear gives ~10, quadratic ~100. */
const RATIO_LIMIT = 30;

interface PatternSpec {
  id: string;
  pattern?: string;
  exceptions?: string[];
  attribution?: string;
  /** format-consistency: the patterns of the classes. */
  classes?: { pattern: string }[];
  ignoreCase?: boolean;
  examples?: { text: string }[];
}

const expressions = loadBuiltinRules().flatMap(({ spec }) => {
  const { id, pattern, exceptions = [], attribution, classes = [], ignoreCase, examples = [] } = spec as PatternSpec;
  const sources: [string, string | undefined][] = [
    [id, pattern],
    ...exceptions.map((e, i): [string, string] => [`${id} exception ${i + 1}`, e]),
    [`${id} attribution`, attribution],
    ...classes.map((c, i): [string, string] => [`${id} class ${i + 1}`, c.pattern]),
  ];
  const bait = examples.map((e) => e.text.replace(/\[\[|\]\]/gu, "")).join(" ");
  return sources.flatMap(([name, source]) => (source === undefined ? [] : [{ name, bait, re: new RegExp(source, ignoreCase ? "giu" : "gu") }]));
});

const texts = (size: number) =>
  ADVERSARIAL_INPUTS.map((input) => {
    const made = input.make(size);
    return { name: input.name, text: Array.isArray(made) ? made.join("\n") : made };
  });

function best(re: RegExp, text: string, runs: number): number {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    for (const _ of text.matchAll(re));
    fastest = Math.min(fastest, performance.now() - started);
  }
  return Math.max(fastest, FLOOR_MS);
}

test("the built-in patterns are all timed", () => {
  const withPatterns = loadBuiltinRules().filter(({ spec }) => typeof (spec as PatternSpec).pattern === "string");
  expect(withPatterns.length).toBeGreaterThan(100);
  expect(new Set(expressions.map((e) => e.name)).size).toBe(expressions.length);
  expect(withPatterns.every(({ spec }) => expressions.some((e) => e.name === spec.id))).toBe(true);
});

test("they grow linearly on adversarial inputs", () => {
  const small = texts(SMALL);
  const large = texts(LARGE);
  const slow: string[] = [];
  for (const { name, bait, re } of expressions) {
    small.forEach((input, k) => {
      const smallText = `${input.text} ${bait}`;
      const largeText = `${large[k]!.text} ${bait}`;
      const smallMs = best(re, smallText, 2);
      // Over the limit at the small size, the large one could take minutes: reported without it.
      if (smallMs > SMALL_LIMIT_MS) return void slow.push(`${name} on ${input.name}: ${smallMs.toFixed(1)} ms at ${SMALL}`);
      let largeMs = best(re, largeText, 1);
      if (largeMs / smallMs > RATIO_LIMIT) largeMs = Math.min(largeMs, best(re, largeText, 2));
      if (largeMs / smallMs > RATIO_LIMIT) slow.push(`${name} on ${input.name}: ${smallMs.toFixed(2)} → ${largeMs.toFixed(2)} ms`);
    });
  }
  expect(slow).toEqual([]);
}, 120_000);
