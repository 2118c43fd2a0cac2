/**
 * Sentence-level false alarms and detections on post-edited MT (MLQE-PE ru→en):
 *   node build/bench/eval-mlqe.js FILE [--rule PREFIX] [--show RULE]   (npm run eval:mlqe names the team's file)
 * Each record ({ target, hter }) is checked on its own with the recommended rules. Reported: the
 * share of sentences the post-editor left unchanged (hter 0) that get a finding — almost always a
 * false alarm — and the share of heavily edited ones (hter ≥ 0.3) that get one, for all rules, for
 * grammar and style rules, and for the rules whose id starts with --rule (default: the clause checks).
 * --show RULE prints that rule's findings on unchanged sentences. FILE is never part of the tests.
 */
import { readFileSync } from "node:fs";
import { resolveConfig } from "#src/config/config.js";
import type { Finding } from "#src/core/types.js";
import { lint } from "#src/engine/lint.js";

interface Record {
  id: string;
  target: string;
  hter: number;
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const path = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (!path) {
  console.error("usage: node build/bench/eval-mlqe.js FILE.jsonl [--rule PREFIX] [--show RULE]");
  process.exit(2);
}
const prefix = option("--rule");
const show = option("--show");
const records = readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record);
const { ruleSet } = resolveConfig({ extends: "mtlint:recommended" });
const clauseRules = new Set(ruleSet.rules.filter((r) => r.rule.spec.kind === "clause").map((r) => r.rule.spec.id));

const groups: [name: string, keep: (f: Finding) => boolean][] = [
  ["all rules", () => true],
  ["grammar and style", (f) => f.category.startsWith("fluency/grammar") || f.category.startsWith("style")],
  [prefix ? `rules ${prefix}*` : "clause checks", (f) => (prefix ? f.ruleId.startsWith(prefix) : clauseRules.has(f.ruleId))],
];
const flagged = { unchanged: groups.map(() => 0), edited: groups.map(() => 0) };
let unchanged = 0;
let edited = 0;
const byRule = new Map<string, number>();
for (const r of records) {
  const { findings } = lint({ path: r.id, language: "en", segments: [{ id: r.id, target: r.target, tgtLang: "en", origin: { file: r.id, line: 1, column: 1 } }] }, ruleSet);
  const isUnchanged = r.hter === 0;
  const isEdited = r.hter >= 0.3;
  if (isUnchanged) unchanged++;
  if (isEdited) edited++;
  groups.forEach(([, keep], g) => {
    if (!findings.some(keep)) return;
    if (isUnchanged) flagged.unchanged[g]!++;
    if (isEdited) flagged.edited[g]!++;
  });
  if (!isUnchanged) continue;
  for (const f of findings) {
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    if (f.ruleId === show) console.log(`${r.id}: «${f.text}»\n    ${r.target}`);
  }
}
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(2)}% (${n}/${of})`;
console.log(`${records.length} sentences: ${unchanged} unchanged by the post-editor (hter 0), ${edited} with hter ≥ 0.3`);
groups.forEach(([name], g) => console.log(`${name.padEnd(20)} flags ${pct(flagged.unchanged[g]!, unchanged)} of unchanged, ${pct(flagged.edited[g]!, edited)} of hter ≥ 0.3`));
console.log("\nfindings on unchanged sentences, by rule:");
for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${rule} ${n}`);
