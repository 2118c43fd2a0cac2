/**
 * Composing configs: `extends` (presets, config files, `mtlint-config-*` packages), `plugins`
 * (`mtlint-plugin-*` packages of JSON rules) and `overrides` (settings for files matching globs).
 * The result is one flat config whose file paths are absolute.
 */
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import picomatch from "picomatch";
import { configError, MtlintError, pointerToken } from "../core/errors.js";
import type { Override, UserConfig } from "./user-config.js";

export const PRESETS = ["mtlint:recommended", "mtlint:publishing", "mtlint:all"];

/** An override with the folder its globs are relative to. */
export interface PlacedOverride extends Override {
  baseDir: string;
}

export interface FlatConfig extends Omit<UserConfig, "extends" | "plugins" | "overrides"> {
  /** Presets only. */
  presets: string[];
  overrides: PlacedOverride[];
}

type ReadConfig = (file: string) => UserConfig;

export function flattenConfig(config: UserConfig, file: string | undefined, read: ReadConfig, seen: string[] = []): FlatConfig {
  const dir = file ? dirname(file) : process.cwd();
  const display = file ? relative(process.cwd(), file) || file : "(config)";
  let flat: FlatConfig = { presets: [], overrides: [] };
  const entries = config.extends === undefined ? ["mtlint:recommended"] : [config.extends].flat();
  entries.forEach((entry, i) => {
    const pointer = Array.isArray(config.extends) ? `/extends/${pointerToken(i)}` : "/extends";
    if (entry.startsWith("mtlint:")) {
      if (!PRESETS.includes(entry)) throw configError(`unknown preset "${entry}"; expected one of ${PRESETS.join(", ")}`, { file: display, pointer });
      flat.presets.push(entry);
      return;
    }
    const target = isPath(entry) ? resolve(dir, entry) : resolvePackage(entry, "mtlint-config-", dir, display, pointer);
    const chain = [...seen, ...(file ? [file] : [])];
    if (chain.includes(target)) throw configError(`circular extends: ${[...chain, target].map((f) => relative(process.cwd(), f)).join(" → ")}`, { file: display, pointer });
    flat = merge(flat, flattenConfig(read(target), target, read, chain));
  });
  const pluginFiles = (config.plugins ?? []).map((name, i) => resolvePackage(name, "mtlint-plugin-", dir, display, `/plugins/${pointerToken(i)}`));
  const { extends: _extends, plugins: _plugins, overrides, ruleFiles, termFiles, wordFiles, ...settings } = config;
  return merge(flat, {
    ...settings,
    ruleFiles: [...pluginFiles, ...(ruleFiles ?? []).map((f) => resolve(dir, f))],
    termFiles: (termFiles ?? []).map((f) => resolve(dir, f)),
    wordFiles: (wordFiles ?? []).map((f) => resolve(dir, f)),
    overrides: (overrides ?? []).map((o) => ({ ...o, baseDir: dir })),
  });
}

/** Later settings win; lists (rule files, term files, terms, accept, presets, overrides) add up. */
export function merge(base: FlatConfig, over: Partial<FlatConfig>): FlatConfig {
  return {
    ...base,
    ...over,
    rules: { ...base.rules, ...over.rules },
    ruleFiles: [...new Set([...(base.ruleFiles ?? []), ...(over.ruleFiles ?? [])])],
    termFiles: [...new Set([...(base.termFiles ?? []), ...(over.termFiles ?? [])])],
    wordFiles: [...new Set([...(base.wordFiles ?? []), ...(over.wordFiles ?? [])])],
    terms: [...(base.terms ?? []), ...(over.terms ?? [])],
    accept: [...(base.accept ?? []), ...(over.accept ?? [])],
    scoring: {
      ...base.scoring,
      ...over.scoring,
      weights: { ...base.scoring?.weights, ...over.scoring?.weights },
      categoryWeights: { ...base.scoring?.categoryWeights, ...over.scoring?.categoryWeights },
    },
    presets: [...new Set([...base.presets, ...(over.presets ?? [])])],
    overrides: [...base.overrides, ...(over.overrides ?? [])],
  };
}

/** The config with the overrides whose globs match `path` applied, in order, and their indexes. */
export function withOverrides(flat: FlatConfig, path: string): { config: FlatConfig; matched: number[] } {
  let config = flat;
  const matched: number[] = [];
  flat.overrides.forEach((o, i) => {
    const rel = relative(o.baseDir, resolve(path)).split("\\").join("/");
    if (!picomatch([o.files].flat(), { dot: true })(rel)) return;
    matched.push(i);
    const { files: _files, baseDir: _baseDir, ...settings } = o;
    config = merge(config, settings);
  });
  return { config, matched };
}

const isPath = (entry: string) => entry.startsWith(".") || isAbsolute(entry) || entry.endsWith(".json");

/** A package's JSON main file, resolved from the config's folder; "acme" also finds "mtlint-config-acme". */
function resolvePackage(name: string, prefix: string, dir: string, display: string, pointer: string): string {
  const require = createRequire(join(dir, "noop.js"));
  const candidates = name.startsWith(prefix) || name.startsWith("@") ? [name] : [`${prefix}${name}`, name];
  for (const candidate of candidates) {
    try {
      const resolved = require.resolve(candidate);
      if (!resolved.endsWith(".json")) throw configError(`package "${candidate}" must have a JSON file as its main entry`, { file: display, pointer });
      return resolved;
    } catch (e) {
      if (e instanceof MtlintError) throw e; // found, but not usable; any other failure means not found
    }
  }
  throw configError(`cannot find package "${candidates[0]}" from ${relative(process.cwd(), dir) || "."} (is it installed?)`, { file: display, pointer });
}
