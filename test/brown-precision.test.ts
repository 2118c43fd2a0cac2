/** Precision on clean edited English: the recommended rules stay quiet on a fixed slice of the Brown corpus. */
import { brownTestSlice, measureBrown } from "../bench/brown-precision.js";
import { resolveConfig } from "../src/config/config.js";

test("at most 1 finding per 10,000 words of Brown text (fixed slice of 50 files)", () => {
  const slice = brownTestSlice();
  expect(slice).toHaveLength(50);
  const m = measureBrown(resolveConfig({ extends: "mtlint:recommended" }).ruleSet, slice);
  expect(m.words).toBeGreaterThan(90_000);
  expect(m.perTenThousandWords).toBeLessThanOrEqual(1);
});
