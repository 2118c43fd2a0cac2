/** The config file as written (`.mtlintrc.json`), before presets and overrides are resolved. */
import type { TermGroup } from "../core/rule.js";
import type { Severity } from "../core/types.js";

export type RuleSetting = "off" | Severity | { severity?: "off" | Severity; options?: Record<string, unknown> };

export interface UserConfig {
  language?: string;
  sourceLanguage?: string;
  /** Presets ("mtlint:recommended"), config files, or mtlint-config-* packages. */
  extends?: string | string[];
  /** mtlint-plugin-* packages whose main file is a JSON rule file. */
  plugins?: string[];
  rules?: Record<string, RuleSetting>;
  ruleFiles?: string[];
  /** Glossaries (CSV/TSV: source, target, forbidden) for the glossary rule, relative to the config file. */
  termFiles?: string[];
  /** Word lists (one word a line) for the spelling rules, relative to the config file. */
  wordFiles?: string[];
  terms?: TermGroup[];
  accept?: string[];
  scoring?: { minScore?: number; failOn?: Severity; weights?: Partial<Record<Severity, number>>; categoryWeights?: Record<string, number> };
  overrides?: Override[];
}

/** Settings for the files matching `files` (globs relative to the config file's folder). */
export interface Override extends Pick<UserConfig, "language" | "sourceLanguage" | "rules" | "terms" | "accept" | "scoring"> {
  files: string | string[];
}
