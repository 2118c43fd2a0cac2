/**
 * GitHub Actions workflow commands: each finding becomes an annotation on its line of the pull
 * request. minor → ::warning, major and critical → ::error. A failing file gets one more ::error
 * saying why (its score, or a finding at the failOn severity), and each problem that stopped part of the run one ::error.
 */
import type { RunResult } from "../core/results.js";
import type { RuleSpec } from "../core/rule.js";
import { failureReason, LEVEL, portablePath } from "./common.js";

/** Escaping from the Actions runner's command parser: the message, and additionally `:` and `,` in property values. */
const data = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const property = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

function command(level: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${property(String(v))}`)
    .join(",");
  return `::${level}${props ? ` ${props}` : ""}::${data(message)}`;
}

/** `cwd`: the workspace root that annotation paths are relative to. */
export function formatGithub(result: RunResult, _rules: RuleSpec[] = [], options: { cwd?: string } = {}): string {
  const lines: string[] = [];
  for (const file of result.files) {
    const path = portablePath(file.path, options.cwd);
    for (const f of file.findings) {
      const fix = f.fix ?? f.suggestions?.[0];
      const message = fix ? `${f.message}\nFix: ${fix.title}` : f.message;
      lines.push(command(LEVEL[f.severity], { file: path, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title: f.ruleId }, message));
    }
    if (!file.passed) lines.push(command("error", { file: path, title: "mtlint score" }, `${file.path}: ${failureReason(file, result.summary)}`));
  }
  for (const p of result.errors) {
    lines.push(command("error", { file: p.file === undefined ? undefined : portablePath(p.file, options.cwd), line: p.line, col: p.column, title: `mtlint ${p.kind} error` }, p.message));
  }
  return lines.map((l) => `${l}\n`).join("");
}
