/**
 * False alarms on clean edited English: runs a rule set over Brown corpus files (one document
 * each) and counts findings per 10,000 words. `node build/bench/brown-precision.js [--all]`
 * prints the rate per rule and examples of what fired.
 */
import { pathToFileURL } from "node:url";
import type { LocatedFinding } from "#src/core/results.js";
import { resolveConfig, type UserConfig } from "#src/config/config.js";
import { checkText } from "#src/engine/check.js";
import type { RuleSet } from "#src/engine/lint.js";
import { DEFAULT_SCORING } from "#src/engine/score.js";
import { textFormat } from "#src/formats/text.js";
import { brownFileNames, readBrownFile } from "../training/brown.js";

export interface BrownMeasurement {
  files: number;
  words: number;
  findings: (LocatedFinding & { file: string })[];
  perTenThousandWords: number;
}

export function measureBrown(ruleSet: RuleSet, names: string[] = brownFileNames()): BrownMeasurement {
  let words = 0;
  const findings: BrownMeasurement["findings"] = [];
  for (const name of names) {
    const file = readBrownFile(name);
    const { result } = checkText(file.text, name, textFormat, { ruleSet, scoring: DEFAULT_SCORING, language: "en" });
    words += result.words;
    findings.push(...result.findings.map((f) => ({ ...f, file: name })));
  }
  return { files: names.length, words, findings, perTenThousandWords: (findings.length / words) * 10_000 };
}

/** Every tenth file of each genre: a fixed slice of about 100,000 words for the test suite. */
export function brownTestSlice(): string[] {
  return brownFileNames().filter((_, i) => i % 10 === 3);
}

function main(): void {
  const config: UserConfig = { extends: process.argv.includes("--all") ? "mtlint:all" : "mtlint:recommended" };
  const { ruleSet } = resolveConfig(config);
  const started = performance.now();
  const m = measureBrown(ruleSet);
  const seconds = (performance.now() - started) / 1000;
  console.log(`Brown corpus: ${m.files} files, ${m.words.toLocaleString("en-US")} words, ${m.findings.length} findings = ${m.perTenThousandWords.toFixed(3)} per 10,000 words (${seconds.toFixed(1)} s)`);
  const byRule = new Map<string, typeof m.findings>();
  for (const f of m.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  for (const [rule, list] of [...byRule].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`\n${rule}: ${list.length} (${((list.length / m.words) * 10_000).toFixed(3)} per 10k words)`);
    for (const f of list.slice(0, 12)) console.log(`  ${f.file}:${f.line}:${f.column}  “${f.text}”  ${f.message}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
