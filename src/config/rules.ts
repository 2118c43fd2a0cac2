/** Reading rule files: the built-in packs under rules/ and the user's own ruleFiles. */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import { configError, pointerToken } from "../core/errors.js";
import type { RuleSpec } from "../core/rule.js";
import { PACKAGE_ROOT, parseJson, validate } from "./schema.js";

/** A rule spec and where it was written, for error messages. */
export interface LocatedRule {
  spec: RuleSpec;
  file: string;
  pointer: string;
  builtin: boolean;
}

interface RuleFile {
  language?: string;
  rules: RuleSpec[];
}

export function readRuleFile(path: string, builtin: boolean, displayPath = path): LocatedRule[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw configError(`cannot read rule file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: displayPath });
  }
  const data = parseJson(text, displayPath) as RuleFile;
  // Built-in packs are checked against the schema by the tests; validating them at every start cost ~0.3 s.
  if (!builtin) validate("rules", data, displayPath);
  return data.rules.map((spec, i) => ({
    spec: { ...spec, language: spec.language ?? data.language ?? "*" },
    file: displayPath,
    pointer: `/rules/${pointerToken(i)}`,
    builtin,
  }));
}

export const BUILTIN_RULES_DIR = fileURLToPath(new URL("rules/", PACKAGE_ROOT));
let builtinRules: LocatedRule[] | undefined;

/** Every built-in rule, read once per process. */
export function loadBuiltinRules(): LocatedRule[] {
  if (builtinRules) return builtinRules;
  const files = readdirSync(BUILTIN_RULES_DIR, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json")).sort();
  const rules = files.flatMap((f) => readRuleFile(join(BUILTIN_RULES_DIR, f), true, relative(process.cwd(), join(BUILTIN_RULES_DIR, f))));
  assertUniqueIds(rules);
  return (builtinRules = rules);
}

export function assertUniqueIds(rules: LocatedRule[]): void {
  const seen = new Map<string, LocatedRule>();
  for (const r of rules) {
    const first = seen.get(r.spec.id);
    if (first) throw configError(`duplicate rule id "${r.spec.id}" (also in ${first.file})`, { file: r.file, pointer: `${r.pointer}/id` });
    seen.set(r.spec.id, r);
  }
}
