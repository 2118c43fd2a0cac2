/**
 * Fuzzing every reader and --fix with fast-check (see bench/fuzz-properties.ts for the
 * properties). Fixed seeds and few runs keep this quick; `npm run bench:fuzz` runs many more and
 * counts crashes, hangs and data lost. MTLINT_FUZZ_RUNS raises the runs here too.
 */
import fc from "fast-check";
import { resolveConfig } from "../src/config/config.js";
import { checkEncoding, checkInput, encodingInput, FUZZ_TARGETS } from "../bench/fuzz-properties.js";

const RUNS = Number(process.env.MTLINT_FUZZ_RUNS ?? 25);
const { ruleSet } = resolveConfig({});

describe("fuzzed readers and fixes", () => {
  test.each(FUZZ_TARGETS.map((fuzz, i) => [fuzz.name, fuzz, i] as const))("%s: parse throws only input errors, write-back is byte-identical, --fix changes only targets and fixing twice equals once", (_, fuzz, i) => {
    const property = fc.property(fuzz.input, fc.nat(), (input, variant) => {
      const problem = checkInput(fuzz, input, { ruleSet, variant });
      if (problem) throw new Error(`${problem.kind}: ${problem.detail}`);
    });
    fc.assert(property, { numRuns: RUNS, seed: 1300 + i });
  });

  test("bytes in every encoding decode and encode back to the same bytes", () => {
    fc.assert(
      fc.property(encodingInput, (input) => {
        const problem = checkEncoding(input);
        if (problem) throw new Error(`${problem.kind}: ${problem.detail}`);
      }),
      { numRuns: RUNS * 20, seed: 1399 },
    );
  });
});
