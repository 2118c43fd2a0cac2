/**
 * Findings on MQM-annotated MT for the span scorer that comes with such data:
 *   node build/bench/eval-mqm.js GOLD.jsonl OUT_DIR [--all]
 * Records ({ id, doc, system, seg_id, source, target, lang_pair }) are grouped into documents by
 * system and doc, so that document rules see the whole text. Writes OUT_DIR/findings.jsonl
 * ({ id, start, end, category }) and OUT_DIR/map.json (mtlint category → MQM coarse category).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig } from "#src/config/config.js";
import type { Document } from "#src/core/types.js";
import { lint } from "#src/engine/lint.js";

interface GoldRecord {
  id: string;
  doc?: string;
  system?: string;
  seg_id?: number;
  source: string;
  target: string;
  lang_pair: string;
}

const COARSE: [prefix: string, coarse: string][] = [
  ["fluency/punctuation", "Fluency/Punctuation"],
  ["fluency/spelling", "Fluency/Spelling"],
  ["fluency", "Fluency/Grammar"],
  ["terminology", "Terminology"],
  ["style", "Style"],
  ["locale-convention", "Locale convention"],
  ["accuracy", "Accuracy"],
];

const [goldPath, outDir] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (!goldPath || !outDir) {
  console.error("usage: node build/bench/eval-mqm.js GOLD.jsonl OUT_DIR [--all]");
  process.exit(2);
}
const records = readFileSync(goldPath, "utf8").trim().split("\n").map((l) => JSON.parse(l) as GoldRecord);
const documents = new Map<string, GoldRecord[]>();
for (const r of records) {
  const key = `${r.system ?? ""}/${r.doc ?? r.id}`;
  documents.set(key, [...(documents.get(key) ?? []), r]);
}
const { ruleSet } = resolveConfig({ extends: process.argv.includes("--all") ? "mtlint:all" : "mtlint:recommended" });
const lines: string[] = [];
const categories = new Set<string>();
for (const recs of documents.values()) {
  recs.sort((a, b) => (a.seg_id ?? 0) - (b.seg_id ?? 0));
  const [sourceLanguage, language] = recs[0]!.lang_pair.split("-");
  const document: Document = {
    path: recs[0]!.id,
    language,
    sourceLanguage,
    segments: recs.map((r) => ({ id: r.id, source: r.source, target: r.target, srcLang: sourceLanguage, tgtLang: language, origin: { file: r.id, line: 1, column: 1 } })),
  };
  for (const f of lint(document, ruleSet).findings) {
    categories.add(f.category);
    lines.push(JSON.stringify({ id: f.segmentId, start: f.start, end: f.end, category: f.category, rule: f.ruleId }));
  }
}
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "findings.jsonl"), lines.join("\n") + "\n");
const map = Object.fromEntries([...categories].map((c) => [c, COARSE.find(([prefix]) => c.startsWith(prefix))?.[1] ?? "Other"]));
writeFileSync(join(outDir, "map.json"), JSON.stringify(map, null, 2));
console.log(`${records.length} records in ${documents.size} documents: ${lines.length} findings → ${join(outDir, "findings.jsonl")}`);
