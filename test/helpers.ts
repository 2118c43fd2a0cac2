/** Test helpers: documents from strings, rule sets from specs. */
import type { RuleEnvironment } from "../src/core/rule.js";
import type { Document, Segment } from "../src/core/types.js";
import { compileRule } from "../src/config/config.js";
import type { LocatedRule } from "../src/config/rules.js";
import type { RuleSet } from "../src/engine/lint.js";

export function documentOf(texts: string | string[], extra: Partial<Segment> = {}, language = "en"): Document {
  const segments = [texts].flat().map((target, i) => ({ id: String(i + 1), target, origin: { file: "test", line: i + 1, column: 1 }, ...extra }));
  return { path: "test", language, segments };
}

export function ruleSetOf(rules: LocatedRule[], env: Partial<RuleEnvironment> = {}): RuleSet {
  return {
    rules: rules.map((r) => ({
      rule: compileRule(r, { terms: [], options: {}, trusted: r.builtin, file: r.file, pointer: r.pointer, ...env }),
      severity: r.spec.severity,
    })),
    accept: new Set(),
  };
}
