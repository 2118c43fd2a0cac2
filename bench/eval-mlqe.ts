/**
 * Sentence-level false alarms and detections on post-edited MT (MLQE-PE ru→en):
 *   node build/bench/eval-mlqe.js FILE [--rule PREFIX] [--show RULE]   (npm run eval:mlqe names the team's file)
 * Each record ({ target, hter }) is checked on its own with the recommended rules. Reported: the
 * share of sentences the post-editor left unchanged (hter 0) that get a finding — almost always a
 * false alarm — and the share of heavily edited ones (hter ≥ 0.3) that get one, for all rules, for
 * grammar and style rules, and for the rules whose id starts with --rule (default: the clause checks).
 * Per rule, also: how many of its findings on edited sentences touch what the post-editor changed
 * (a word replaced or deleted, or an insertion at the finding's edge), a precision on real MT that
 * needs no annotation. --show RULE prints that rule's findings on unchanged sentences, --edits RULE
 * its findings on edited ones, marked by whether they touch an edit; --config FILE checks with that
 * config instead of the recommended rules. FILE is never part of the tests.
 */
import { diffWords } from "diff";
import { readFileSync } from "node:fs";
import { resolveConfig } from "#src/config/config.js";
import type { Finding } from "#src/core/types.js";
import { lint } from "#src/engine/lint.js";

interface Record {
  id: string;
  target: string;
  post_edit?: string;
  hter: number;
}

/** The target's stretches the post-editor replaced or deleted, and the offsets where it inserted words. */
function editsOf(target: string, postEdit: string): { changed: [number, number][]; inserted: number[] } {
  const changed: [number, number][] = [];
  const inserted: number[] = [];
  let offset = 0;
  for (const part of diffWords(target, postEdit)) {
    if (part.added) {
      inserted.push(offset);
      continue;
    }
    if (part.removed && /\S/u.test(part.value)) changed.push([offset, offset + part.value.length]);
    offset += part.value.length;
  }
  return { changed, inserted };
}

/** A finding touches an edit when it overlaps a changed stretch or an insertion lies within it or at its edges (spaces aside). */
function touchesEdit(f: Finding, target: string, edits: ReturnType<typeof editsOf>): boolean {
  if (edits.changed.some(([s, e]) => s < f.end && e > f.start)) return true;
  const from = f.start - (/\s$/u.test(target.slice(0, f.start)) ? 1 : 0);
  const to = f.end + (/^\s/u.test(target.slice(f.end)) ? 1 : 0);
  return edits.inserted.some((i) => i >= from && i <= to);
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const path = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (!path) {
  console.error("usage: node build/bench/eval-mlqe.js FILE.jsonl [--rule PREFIX] [--show RULE] [--edits RULE] [--config FILE]");
  process.exit(2);
}
const prefix = option("--rule");
const show = option("--show");
const showEdits = option("--edits");
const records = readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record);
const configFile = option("--config");
const { ruleSet } = configFile ? resolveConfig(JSON.parse(readFileSync(configFile, "utf8")), configFile) : resolveConfig({ extends: "mtlint:recommended" });
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
/** Per rule, findings on sentences the post-editor changed, and how many of them touch an edit. */
const onEdited = new Map<string, { findings: number; touching: number }>();
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
  if (!isUnchanged) {
    if (!r.post_edit) continue;
    const edits = editsOf(r.target, r.post_edit);
    for (const f of findings) {
      const counts = onEdited.get(f.ruleId) ?? { findings: 0, touching: 0 };
      const touching = touchesEdit(f, r.target, edits);
      counts.findings++;
      if (touching) counts.touching++;
      onEdited.set(f.ruleId, counts);
      if (f.ruleId === showEdits) console.log(`${touching ? "edit " : "kept "} ${r.id}: «${f.text}»\n    ${r.target}\n    ${r.post_edit}`);
    }
    continue;
  }
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
console.log("\nfindings on edited sentences, by rule: how many touch what the post-editor changed");
for (const [rule, c] of [...onEdited].sort((a, b) => b[1].findings - a[1].findings)) {
  const kept = byRule.get(rule) ?? 0;
  console.log(`  ${rule} ${c.touching}/${c.findings} touch an edit, ${kept} more on unchanged sentences: ${pct(c.touching, c.findings + kept)} local precision`);
}
