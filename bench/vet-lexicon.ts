/**
 * Vetting a phrase lexicon on clean English before it ships:
 *   node build/bench/vet-lexicon.js RULE_ID… [--mlqe FILE] [--examples N] [--config FILE]
 * runs the named rules (e.g. the calque tables) alone over all of Brown, and over the sentences
 * of an MLQE file the post-editor left unchanged (hter 0) when --mlqe is given, and prints, per
 * entry of the table, how often it fired there with a few of the texts it fired on. An entry that
 * fires in Brown more than very rarely is ordinary English and must be dropped or narrowed.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { readConfigFile, resolveConfig } from "#src/config/config.js";
import { lint, type RuleSet } from "#src/engine/lint.js";
import { brownFileNames, readBrownFile } from "../training/brown.js";

interface Hit {
  where: "brown" | "mlqe";
  ruleId: string;
  text: string;
  context: string;
}

/** A table entry's phrase as a regular expression: {a|b|} alternatives, any run of spaces, apostrophes of either kind. */
export function entryPattern(phrase: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^$()[\]\\/]/g, "\\$&").replace(/\s+/g, "\\s+").replace(/['’]/g, "['’]");
  const body = phrase.replace(/\{([^{}]*)\}|([^{]+)/g, (_, group: string | undefined, literal: string | undefined) => (group !== undefined ? `(?:${group.split("|").map(escape).join("|")})` : escape(literal!)));
  return new RegExp(`^${body.replace(/(?:\\s\+)+/g, "\\s*").replace(/^\\s\*|\\s\*$/g, "")}$`, "iu");
}

function run(ruleSet: RuleSet, text: string, id: string) {
  return lint({ path: id, language: "en", segments: [{ id, target: text, tgtLang: "en", origin: { file: id, line: 1, column: 1 } }] }, ruleSet).findings;
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const ids = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
  const perEntry = Number(option("--examples") ?? 3);
  // --config adds the rules of a user config (its ruleFiles) to the built-in ones, to vet a table before it is built in.
  const config = option("--config");
  const { ruleSet: all } = config ? resolveConfig({ ...readConfigFile(config), extends: "mtlint:all" }, config) : resolveConfig({ extends: "mtlint:all" });
  const rules = all.rules.filter((r) => ids.includes(r.rule.spec.id));
  if (!rules.length) {
    console.error("usage: node build/bench/vet-lexicon.js RULE_ID… [--mlqe FILE] [--examples N] [--config FILE]");
    process.exit(2);
  }
  const ruleSet: RuleSet = { ...all, rules };
  const hits: Hit[] = [];
  const collect = (where: Hit["where"], text: string, id: string) => {
    for (const f of run(ruleSet, text, id)) hits.push({ where, ruleId: f.ruleId, text: f.text, context: text.slice(Math.max(0, f.start - 50), f.end + 50).replace(/\s+/g, " ") });
  };
  let words = 0;
  for (const name of brownFileNames()) {
    const file = readBrownFile(name);
    words += file.words;
    collect("brown", file.text, name);
  }
  const mlqe = option("--mlqe");
  let unchanged = 0;
  if (mlqe) {
    for (const line of readFileSync(mlqe, "utf8").trim().split("\n")) {
      const r = JSON.parse(line) as { id: string; target: string; hter: number };
      if (r.hter !== 0) continue;
      unchanged++;
      collect("mlqe", r.target, r.id);
    }
  }
  console.log(`Brown: ${words.toLocaleString("en-US")} words; ${mlqe ? `${unchanged} unchanged MLQE sentences; ` : ""}${hits.length} findings`);
  for (const { rule } of rules) {
    const entries = Object.keys((rule.spec as { entries?: Record<string, unknown> }).entries ?? {});
    const patterns = entries.map((e) => [e, entryPattern(e)] as const);
    const byEntry = new Map<string, Hit[]>();
    for (const hit of hits.filter((h) => h.ruleId === rule.spec.id)) {
      const entry = patterns.find(([, p]) => p.test(hit.text))?.[0] ?? `(other) ${hit.text.toLowerCase()}`;
      byEntry.set(entry, [...(byEntry.get(entry) ?? []), hit]);
    }
    console.log(`\n${rule.spec.id}: ${entries.length} entries, ${byEntry.size} fired`);
    for (const [entry, list] of [...byEntry].sort((a, b) => b[1].length - a[1].length)) {
      const count = (w: Hit["where"]) => list.filter((h) => h.where === w).length;
      console.log(`  ${count("brown")} brown, ${count("mlqe")} mlqe  ${entry}`);
      for (const h of list.slice(0, perEntry)) console.log(`      [${h.where}] …${h.context}…`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
