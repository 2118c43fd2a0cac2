/** What the check command prints besides reports: the config that applies to a file, and a report cut to the findings asked for. */
import type { RunResult } from "../core/results.js";
import type { Severity } from "../core/types.js";
import type { ResolvedConfig } from "../config/config.js";
import { SEVERITY_RANK } from "../engine/score.js";

/** --print-config: the resolved settings for one file, as JSON (rules by id with their severity, sorted). */
export function printConfig(config: ResolvedConfig, path: string): string {
  const rules = Object.fromEntries(config.ruleSet.rules.map((r) => [r.rule.spec.id, r.severity] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify(
    {
      path,
      configFile: config.file ?? null,
      language: config.language ?? null,
      sourceLanguage: config.sourceLanguage ?? null,
      rules,
      accept: [...config.ruleSet.accept],
      scoring: config.scoring,
    },
    null,
    2,
  )}\n`;
}

/** --quiet: the report with only the findings of this severity or worse (scores and the summary as the run found them). */
export function atLeast(result: RunResult & { rules?: unknown }, severity: Severity): RunResult {
  const keep = SEVERITY_RANK[severity];
  return { ...result, files: result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => SEVERITY_RANK[x.severity] >= keep) })) };
}
