/** Human-readable report for the terminal: findings per file with their fixes, a score line, and the corpus summary. */
import pc from "picocolors";
import type { FileResult, RunResult, Summary } from "../core/results.js";
import type { Severity } from "../core/types.js";
import { escapeControls } from "../core/errors.js";

type Colours = ReturnType<typeof pc.createColors>;
const severityColour = (c: Colours): Record<Severity, (s: string) => string> => ({ minor: c.yellow, major: c.red, critical: (s) => c.bold(c.red(s)) });
const number = (n: number) => n.toLocaleString("en-US");
const count = (n: number, noun: string) => `${number(n)} ${noun}${n === 1 ? "" : noun.endsWith("x") ? "es" : "s"}`;
const untranslated = (n: number) => `${count(n, "untranslated unit")} skipped`;

/** `color`: colours on (default: as picocolors finds the terminal, NO_COLOR and --no-color). */
export function formatStylish(result: RunResult, options: { quiet?: boolean; color?: boolean } = {}): string {
  const c = options.color === undefined ? pc : pc.createColors(options.color);
  const out: string[] = [];
  for (const file of result.files) {
    if (options.quiet && !file.findings.length) continue;
    out.push(...fileBlock(file, result.summary.minScore, c), "");
  }
  if (!options.quiet) out.push(...summaryBlock(result.summary, c));
  return out.join("\n");
}

function fileBlock(file: FileResult, minScore: number, pc: Colours): string[] {
  const SEVERITY_COLOUR = severityColour(pc);
  const lines = [pc.underline(escapeControls(file.path))];
  const width = Math.max(0, ...file.findings.map((f) => `${f.line}:${f.column}`.length));
  for (const f of file.findings) {
    lines.push(`  ${pc.dim(`${f.line}:${f.column}`.padEnd(width))}  ${SEVERITY_COLOUR[f.severity](f.severity.padEnd(8))} ${escapeControls(f.message)}  ${pc.dim(f.ruleId)}`);
    const fix = f.fix ?? f.suggestions?.[0];
    if (fix) lines.push(`  ${" ".repeat(width)}  ${" ".repeat(9)}${pc.green(escapeControls(fix.title))}${fix.applicability === "unsafe" ? pc.dim(" (suggestion: --fix-unsafe)") : ""}`);
  }
  if (file.fixes) {
    lines.push(`  ${pc.green(`${count(file.fixes.applied, "fix")} applied`)}`);
    for (const r of file.fixes.refused) {
      const why = r.reason === "unsettled" ? "the fixes of its segment keep undoing each other" : "it would change a number, URL, placeholder, tag or markup";
      lines.push(`  ${pc.dim(`${r.line}:${r.column}`)}  fix of ${r.ruleId} on “${escapeControls(r.text)}” not applied: ${why}`);
    }
  }
  const verdict = file.passed ? pc.green("pass") : pc.red("FAIL");
  const skipped = file.skipped ? ` · ${untranslated(file.skipped)}` : "";
  lines.push(`  score ${file.score.toFixed(2)} (min ${minScore}) ${verdict} · ${count(file.words, "word")} · ${count(file.findings.length, "finding")}${skipped}`);
  return lines;
}

function summaryBlock(s: Summary, pc: Colours): string[] {
  const severities = (Object.entries(s.bySeverity) as [Severity, number][]).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`);
  const categories = Object.entries(s.byCategory).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  const bands = Object.entries(s.scoreDistribution).map(([band, n]) => `${band}: ${n}`);
  return [
    pc.bold(`${count(s.files, "file")}, ${count(s.words, "word")}, ${count(s.findings, "finding")}${severities.length ? ` (${severities.join(", ")})` : ""}, corpus score ${s.score.toFixed(2)}`) +
      (s.skipped ? `; ${untranslated(s.skipped)}` : ""),
    ...(categories.length ? [`  by category: ${categories.join(", ")}`] : []),
    `  file scores: ${bands.join(" · ")}`,
    `  ${pc.green(`${s.filesPassed} passed`)}, ${s.filesFailed ? pc.red(`${s.filesFailed} failed`) : "0 failed"} (threshold ${s.minScore}, ${s.failOn === "critical" ? "no critical findings" : `no ${s.failOn} findings or worse`})` +
      (s.errors ? pc.red(`, ${count(s.errors, "error")}`) : ""),
  ];
}
