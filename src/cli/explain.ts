/** `mtlint explain <rule-id>`: what a rule finds, how sure its fix is, and its own examples. */
import { configError } from "../core/errors.js";
import type { RuleSpec } from "../core/rule.js";
import { closestMatch } from "../analysis/natural.js";
import { RULE_KINDS } from "../rules/index.js";

export function explainRule(id: string, specs: readonly RuleSpec[]): string {
  const spec = specs.find((s) => s.id === id);
  if (!spec) {
    const hint = closestMatch(id, specs.map((s) => s.id));
    throw configError(`unknown rule id "${id}"${hint ? ` (did you mean "${hint}"?)` : ""}`);
  }
  const fixes = RULE_KINDS.get(spec.kind)!.fixes(spec);
  const lines = [
    spec.id,
    "",
    spec.description ?? spec.message,
    "",
    `kind:       ${spec.kind}`,
    `category:   ${spec.category}`,
    `severity:   ${spec.severity}`,
    `language:   ${spec.language ?? "*"}${spec.sourceLanguage ? `, source ${[spec.sourceLanguage].flat().join(", ")}${spec.whenSourceUnknown ? " (or unknown)" : ""}` : ""}`,
    `fix:        ${fixes === "none" ? "none" : fixes === "varies" ? "safe or a suggestion, depending on the finding" : fixes === "safe" ? "safe (applied by --fix)" : "suggested rewrite (applied by --fix-unsafe)"}`,
    `default:    ${spec.recommended === false ? `off (enable it in the config${spec.presets?.length ? ` or use ${spec.presets.join(", ")}` : ""})` : "on in mtlint:recommended"}`,
    "",
    "examples:",
  ];
  for (const e of spec.examples) {
    const source = e.source === undefined ? "" : `   (source: ${e.source})`;
    lines.push(e.valid ? `  ok    ${e.text}${source}` : `  flag  ${e.text}${source}`);
    if (e.fixed !== undefined) lines.push(`  fix   ${e.fixed}`);
  }
  return lines.join("\n");
}
