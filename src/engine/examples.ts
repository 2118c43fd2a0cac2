/**
 * A rule's own examples, run as tests (the ESLint RuleTester habit): an example with a `[[…]]`
 * marker must give exactly one finding of the rule, at the marker, and `fixed` is the text after its
 * fix; a `valid` example must give none. Used by the test suite for the built-in rules, by
 * `mtlint test-rules`, and when a user's rule file is loaded.
 */
import type { RuleExample } from "../core/rule.js";
import type { CompiledRule } from "./rule-kind.js";
import type { Document, Span } from "../core/types.js";
import { applyEdits, chosenFix } from "./fixes.js";
import { lint } from "./lint.js";

/** "a [[b]] c" → the text without markers, and the marked span. */
export function parseMarked(marked: string): { text: string; span?: Span } {
  const open = marked.indexOf("[[");
  const close = marked.indexOf("]]");
  if (open === -1 || close < open) return { text: marked };
  return { text: marked.slice(0, open) + marked.slice(open + 2, close) + marked.slice(close + 2), span: { start: open, end: close - 2 } };
}

/** The one-segment document an example is checked in. */
export function exampleDocument(example: RuleExample, text: string, ruleLanguage: string | undefined, sourceLanguage?: string): Document {
  const language = example.language ?? (ruleLanguage === undefined || ruleLanguage === "*" ? "en" : ruleLanguage);
  return {
    path: "example",
    language,
    ...(sourceLanguage && { sourceLanguage }),
    segments: [
      {
        id: "1",
        target: text,
        origin: { file: "example", line: 1, column: 1 },
        ...(example.source !== undefined && { source: example.source }),
        ...(example.maxLength !== undefined && { maxLength: example.maxLength }),
      },
    ],
  };
}

/** What is wrong with the rule on this example, or undefined when it behaves. */
export function exampleProblem(rule: CompiledRule, example: RuleExample): string | undefined {
  const { text, span } = parseMarked(example.text);
  const document = exampleDocument(example, text, rule.spec.language, [rule.spec.sourceLanguage ?? []].flat()[0]);
  const { findings } = lint(document, { rules: [{ rule, severity: rule.spec.severity }], accept: new Set() });
  const at = (s: Span) => `“${text.slice(s.start, s.end)}” (${s.start}–${s.end})`;
  if (example.valid) {
    if (span) return "a valid example has no [[…]] marker";
    return findings.length ? `expected no finding, got ${findings.map(at).join(", ")}` : undefined;
  }
  if (!span) return "an example that is not valid needs a [[…]] marker where the finding is";
  if (findings.length !== 1 || findings[0]!.start !== span.start || findings[0]!.end !== span.end) {
    return `expected one finding at ${at(span)}, got ${findings.length ? findings.map(at).join(", ") : "none"}`;
  }
  const fix = chosenFix(findings[0]!, "unsafe");
  if (example.fixed === undefined) return fix ? `the finding has a fix (giving “${applyEdits(text, fix.edits)}”), but the example gives no "fixed" text` : undefined;
  if (!fix) return `expected the fix to give “${example.fixed}”, but the finding has no fix`;
  const fixed = applyEdits(text, fix.edits);
  return fixed === example.fixed ? undefined : `expected the fix to give “${example.fixed}”, got “${fixed}”`;
}
