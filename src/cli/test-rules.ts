/** `mtlint test-rules FILE…`: run the examples of a user's rule files, as ESLint's RuleTester runs a rule's cases. */
import { compileRule } from "../config/config.js";
import { readRuleFile } from "../config/rules.js";
import { pointerToken } from "../core/errors.js";
import { exampleProblem } from "../engine/examples.js";

export interface RuleTestReport {
  text: string;
  failed: number;
}

/** Every example of every rule of the files: one line per rule that passes, one per failing example. Throws MtlintError for a file that cannot be read or compiled. */
export function testRuleFiles(files: string[]): RuleTestReport {
  const lines: string[] = [];
  let failed = 0;
  let examples = 0;
  for (const file of files) {
    for (const rule of readRuleFile(file, false)) {
      const compiled = compileRule(rule, { terms: [], options: {}, trusted: false, file: rule.file, pointer: rule.pointer });
      const problems = rule.spec.examples.flatMap((example, i) => {
        const problem = exampleProblem(compiled, example);
        return problem ? [`  ✗ ${rule.file}: ${rule.pointer}/examples/${pointerToken(i)} ${JSON.stringify(example.text)}: ${problem}`] : [];
      });
      examples += rule.spec.examples.length;
      failed += problems.length;
      lines.push(problems.length ? `✗ ${rule.spec.id}` : `✓ ${rule.spec.id} (${rule.spec.examples.length} example${rule.spec.examples.length === 1 ? "" : "s"})`, ...problems);
    }
  }
  lines.push("", failed ? `${failed} of ${examples} examples failed` : `all ${examples} examples passed`);
  return { text: lines.join("\n"), failed };
}
