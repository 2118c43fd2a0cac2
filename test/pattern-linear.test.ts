/**
 * Pattern rules whose expression once took minutes on an adversarial input (test/bounded-time.test.ts
 * times one rule per kind) run in time linear in its input on all of them, as a plain expression
 * over the whole text. (Many others are not linear over a whole text that way and stay fast only
 * because the engine runs them per paragraph and tests exceptions around each match.)
 */
import { ADVERSARIAL_INPUTS } from "../src/bench/adversarial-inputs.js";
import { loadBuiltinRules } from "../src/config/rules.js";

const SMALL = 1_000;
const LARGE = 10_000;
/** At 1,000 units an expression that is not linear already shows it; a linear one takes microseconds. */
const SMALL_LIMIT_MS = 50;
/** Times below this are taken as this, so that noise on tiny times makes no ratio. */
const FLOOR_MS = 0.5;
/** Ten times the input: linear gives ~10, quadratic ~100. */
const RATIO_LIMIT = 30;

/** A run of capitals: a lookbehind re-read the run from every start ("MOSCOWThe", "RIA-NEWSRussia"). */
const ONCE_SLOW = ["en/punctuation/missing-sentence-break"];

const expressions = loadBuiltinRules()
  .map((r) => r.spec as { id: string; kind: string; pattern?: string; exceptions?: string[]; ignoreCase?: boolean })
  .filter((spec) => ONCE_SLOW.includes(spec.id) && spec.pattern)
  .flatMap((spec) =>
    [spec.pattern!, ...(spec.exceptions ?? [])].map((source, i) => ({ name: i ? `${spec.id} exception ${i}` : spec.id, re: new RegExp(source, spec.ignoreCase ? "giu" : "gu") })),
  );

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

test("the rules to time are built in", () => {
  expect(expressions.length).toBeGreaterThanOrEqual(ONCE_SLOW.length);
});

test("their patterns grow linearly on adversarial inputs", () => {
  const small = texts(SMALL);
  const large = texts(LARGE);
  const slow: string[] = [];
  for (const { name, re } of expressions) {
    small.forEach((input, k) => {
      const smallMs = best(re, input.text, 2);
      // Over the limit at the small size, the large one could take minutes: reported without it.
      if (smallMs > SMALL_LIMIT_MS) return void slow.push(`${name} on ${input.name}: ${smallMs.toFixed(1)} ms at ${SMALL}`);
      const largeMs = best(re, large[k]!.text, 3);
      if (largeMs / smallMs > RATIO_LIMIT) slow.push(`${name} on ${input.name}: ${smallMs.toFixed(2)} → ${largeMs.toFixed(2)} ms`);
    });
  }
  expect(slow).toEqual([]);
}, 60_000);
