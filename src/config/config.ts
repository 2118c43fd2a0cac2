/** User configuration: discovery (.mtlintrc.json walking up), validation, presets, rule settings, compilation. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { configError, MtlintError, pointerToken } from "../core/errors.js";
import { languageName } from "../core/language.js";
import { matchesRuleId, type CompiledTableStore, type RuleEnvironment, type RuleSpec } from "../core/rule.js";
import type { CompiledRule } from "../engine/rule-kind.js";
import type { Severity } from "../core/types.js";
import { closestMatch } from "../analysis/natural.js";
import type { ActiveRule, RuleSet } from "../engine/lint.js";
import { exampleProblem } from "../engine/examples.js";
import { RULE_KINDS } from "../rules/index.js";
import { DEFAULT_SCORING, type Scoring } from "../engine/score.js";
import { flattenConfig, withOverrides, type FlatConfig } from "./extends.js";
import { readGlossaryFile } from "./glossary.js";
import { assertUniqueIds, loadBuiltinRules, readRuleFile, type LocatedRule } from "./rules.js";
import { PACKAGE_ROOT, parseJson, validate } from "./schema.js";
import type { Override, UserConfig } from "./user-config.js";

const VERSION = (JSON.parse(readFileSync(new URL("package.json", PACKAGE_ROOT), "utf8")) as { version: string }).version;

export const CONFIG_FILE_NAME = ".mtlintrc.json";

export type { Override, UserConfig };

export interface ResolvedConfig {
  /** The config file, or undefined for the defaults. */
  file?: string;
  language?: string;
  sourceLanguage?: string;
  ruleSet: RuleSet;
  scoring: Scoring;
  /** Changes whenever anything that shapes results changes: settings, rules, mtlint's version. */
  fingerprint: string;
}

/** The nearest .mtlintrc.json in the file's folder or above it. */
export function findConfigFile(forPath: string): string | undefined {
  let dir = resolve(forPath);
  if (!isDirectory(dir)) dir = dirname(dir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function readConfigFile(file: string): UserConfig {
  const display = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw configError(`cannot read config: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: display });
  }
  const data = parseJson(text, display);
  validate("config", data, display);
  assertLanguages(data as UserConfig, display);
  return data as UserConfig;
}

/** The schema checks a language code's shape; "xx" has that shape and names no language, so it would check nothing and say nothing. */
function assertLanguages(config: UserConfig, display: string): void {
  const places: [pointer: string, code: string | undefined][] = [
    ["/language", config.language],
    ["/sourceLanguage", config.sourceLanguage],
    ...(config.overrides ?? []).flatMap((o, i): [string, string | undefined][] => [
      [`/overrides/${i}/language`, o.language],
      [`/overrides/${i}/sourceLanguage`, o.sourceLanguage],
    ]),
  ];
  for (const [pointer, code] of places) {
    if (code !== undefined && !languageName(code)) throw configError(`"${code}" is not a language code (expected one such as de, fr, pt-BR)`, { file: display, pointer });
  }
}

/** Turns a user config (or none) into a compiled rule set and scoring. */
export function resolveConfig(config: UserConfig = {}, file?: string): ResolvedConfig {
  return resolveFlat(flattenConfig(config, file, readConfigFile), file);
}

/** The known id closest to a mistyped one; for a prefix ("en/punctation/*"), the closest prefix of a known id. */
export function closestRuleId(key: string, ids: Iterable<string>): string | undefined {
  if (!key.endsWith("/*")) return closestMatch(key, ids);
  const prefixes = new Set([...ids].flatMap((id) => id.split("/").slice(0, -1).map((_, i, parts) => `${parts.slice(0, i + 1).join("/")}/*`)));
  return closestMatch(key, prefixes);
}

function resolveFlat(config: FlatConfig, file?: string, tables?: CompiledTableStore): ResolvedConfig {
  const display = file ? relative(process.cwd(), file) || file : "(defaults)";
  const builtin = loadBuiltinRules();
  const presets = config.presets;
  const userRules = (config.ruleFiles ?? []).flatMap((f) => readRuleFile(f, false, relative(process.cwd(), f) || f));
  const all = [...builtin, ...userRules];
  assertUniqueIds(all);

  const enabled = new Map<string, { rule: LocatedRule; severity: Severity; options: Record<string, unknown> }>();
  for (const rule of all) {
    // mtlint:publishing is mtlint:recommended plus the typography rules that name it in their `presets`.
    const recommended = presets.includes("mtlint:recommended") || presets.includes("mtlint:publishing");
    const inPreset =
      !rule.builtin ||
      presets.includes("mtlint:all") ||
      (recommended && rule.spec.recommended !== false) ||
      (rule.spec.presets ?? []).some((p) => presets.includes(p));
    if (inPreset) enabled.set(rule.spec.id, { rule, severity: rule.spec.severity, options: {} });
  }
  for (const [key, setting] of Object.entries(config.rules ?? {})) {
    const matched = all.filter((r) => matchesRuleId(r.spec.id, key));
    if (!matched.length) {
      const hint = closestRuleId(key, all.map((r) => r.spec.id));
      throw configError(`unknown rule id "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`, { file: display, pointer: `/rules/${pointerToken(key)}` });
    }
    const severity = typeof setting === "string" ? setting : setting.severity;
    const options = typeof setting === "object" ? (setting.options ?? {}) : {};
    for (const rule of matched) {
      if (severity === "off") enabled.delete(rule.spec.id);
      // A prefix ("en/punctuation/*") sets the rules that are on; only a rule's own id switches on one that is off by default.
      else if (key === rule.spec.id || enabled.has(rule.spec.id)) enabled.set(rule.spec.id, { rule, severity: severity ?? enabled.get(rule.spec.id)?.severity ?? rule.spec.severity, options });
    }
  }

  const glossary = (config.termFiles ?? []).flatMap((f) => readGlossaryFile(f, relative(process.cwd(), f) || f));
  const words = (config.wordFiles ?? []).flatMap((f) => readWordFile(f, relative(process.cwd(), f) || f));
  const rules: ActiveRule[] = [...enabled.values()].map(({ rule, severity, options }) => {
    const env: RuleEnvironment = { terms: config.terms ?? [], options, trusted: rule.builtin, file: rule.file, pointer: rule.pointer, glossary, words, tables };
    // Built-in rules without options cannot fail to compile (their examples are tested): compiled
    // when first used, so a run pays only for the languages it checks.
    const compiled = rule.builtin && !Object.keys(options).length ? compiledOnFirstUse(rule.spec, () => compileRule(rule, env)) : compileRule(rule, env);
    if (!rule.builtin) assertExamples(rule, compiled);
    return { rule: compiled, severity };
  });
  const scoring: Scoring = {
    minScore: config.scoring?.minScore ?? DEFAULT_SCORING.minScore,
    failOn: config.scoring?.failOn ?? DEFAULT_SCORING.failOn,
    weights: { ...DEFAULT_SCORING.weights, ...config.scoring?.weights },
    categoryWeights: { ...DEFAULT_SCORING.categoryWeights, ...config.scoring?.categoryWeights },
  };
  const fingerprint = createHash("sha1")
    .update(JSON.stringify([VERSION, config, rules.map((r) => [r.rule.spec, r.severity]), glossary, words]))
    .digest("hex");
  return {
    file,
    fingerprint,
    language: config.language,
    sourceLanguage: config.sourceLanguage,
    ruleSet: { rules, accept: new Set(config.accept ?? []), known: new Set(all.map((r) => r.spec.id)) },
    scoring,
  };
}

/** A word list: one word a line; blank lines and # comments are skipped. */
function readWordFile(file: string, display: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw configError(`cannot read word file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: display });
  }
  return text.split(/\r?\n/).map((line) => line.replace(/#.*/, "").trim()).filter(Boolean);
}

function compiledOnFirstUse(spec: RuleSpec, compile: () => CompiledRule): CompiledRule {
  let compiled: CompiledRule | undefined;
  return {
    spec,
    get checkSegment() {
      return (compiled ??= compile()).checkSegment;
    },
    get checkDocument() {
      return (compiled ??= compile()).checkDocument;
    },
    get corpus() {
      return (compiled ??= compile()).corpus;
    },
  };
}

/** A user's rule must do what its own examples say (the built-in rules' examples are run by the tests). */
export function assertExamples(rule: LocatedRule, compiled: CompiledRule): void {
  rule.spec.examples.forEach((example, i) => {
    const problem = exampleProblem(compiled, example);
    if (problem) throw configError(`the rule's example ${JSON.stringify(example.text)} fails: ${problem}`, { file: rule.file, pointer: `${rule.pointer}/examples/${pointerToken(i)}` });
  });
}

export function compileRule(rule: LocatedRule, env: RuleEnvironment): CompiledRule {
  const kind = RULE_KINDS.get(rule.spec.kind);
  if (!kind) throw configError(`unknown rule kind "${rule.spec.kind}"`, { file: rule.file, pointer: `${rule.pointer}/kind` });
  try {
    return kind.compile(rule.spec, env);
  } catch (e) {
    // A user's rule of a shape its kind does not expect is a config error at load, never a crash.
    if (e instanceof MtlintError || rule.builtin) throw e;
    throw configError(`this ${rule.spec.kind} rule cannot be used (${(e as Error).message})`, { file: rule.file, pointer: rule.pointer });
  }
}

/**
 * Config for a checked file: --config if given, else the nearest .mtlintrc.json, else the
 * defaults; with the overrides that match the file. Cached per config file and set of overrides.
 */
/** Rule settings with `last` applied after all of `rules`: settings apply in order, so a key already in `rules` must move to the end to win. */
function settingsLast<T>(rules: Record<string, T>, last: Record<string, T>): Record<string, T> {
  return { ...Object.fromEntries(Object.entries(rules).filter(([key]) => !(key in last))), ...last };
}

export class ConfigResolver {
  private flat = new Map<string, FlatConfig>();
  private resolved = new Map<string, ResolvedConfig>();

  /** `commandLine`: settings given on the command line (--rule), over every config's own; `tables`: where rules keep what they compiled. */
  constructor(
    private readonly explicitFile?: string,
    private readonly commandLine: Pick<FlatConfig, "rules"> = {},
    private readonly tables?: CompiledTableStore,
  ) {}

  forPath(path: string): ResolvedConfig {
    const file = this.explicitFile ? resolve(this.explicitFile) : findConfigFile(path);
    let flat = this.flat.get(file ?? "");
    if (!flat) this.flat.set(file ?? "", (flat = flattenConfig(file ? readConfigFile(file) : {}, file, readConfigFile)));
    const overridden = withOverrides(flat, path);
    const { matched } = overridden;
    const config = this.commandLine.rules ? { ...overridden.config, rules: settingsLast(overridden.config.rules ?? {}, this.commandLine.rules) } : overridden.config;
    const key = `${file ?? ""}#${matched.join(",")}`;
    let resolved = this.resolved.get(key);
    if (!resolved) this.resolved.set(key, (resolved = resolveFlat(config, file, this.tables)));
    return resolved;
  }
}
