/** `mtlint rules`: the rules of the active config with kind, category, severity, fix and description. */
import type { RuleSet } from "../engine/lint.js";
import { RULE_KINDS } from "../rules/index.js";

export function formatRuleList(ruleSet: RuleSet, language: string | undefined, json: boolean): string {
  const rows = ruleSet.rules
    .filter(({ rule }) => !language || rule.spec.language === "*" || rule.spec.language === language)
    .map(({ rule: { spec }, severity }) => ({
      id: spec.id,
      kind: spec.kind,
      language: spec.language ?? "*",
      category: spec.category,
      severity,
      fix: RULE_KINDS.get(spec.kind)!.fixes(spec),
      description: spec.description ?? spec.message,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (json) return JSON.stringify(rows, null, 2);
  const header = { id: "RULE", kind: "KIND", language: "LANG", category: "CATEGORY", severity: "SEVERITY", fix: "FIX", description: "DESCRIPTION" };
  const columns = ["id", "kind", "language", "category", "severity", "fix"] as const;
  const widths = columns.map((c) => Math.max(...[header, ...rows].map((r) => r[c].length)));
  return [header, ...rows].map((r) => [...columns.map((c, i) => r[c].padEnd(widths[i]!)), r.description].join("  ")).join("\n");
}
