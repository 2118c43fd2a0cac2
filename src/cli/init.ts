/** `mtlint init`: a starter .mtlintrc.json, with the languages guessed from the files it would check. */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { usageError } from "../core/errors.js";
import { CONFIG_FILE_NAME, isDirectory } from "../config/config.js";
import { PACKAGE_ROOT } from "../config/schema.js";
import { fileURLToPath } from "node:url";
import { expandPaths } from "./files.js";
import { replaceFile } from "./safe-write.js";

/** Scripts that identify a language well enough for a first guess; Latin defaults to English. */
const SCRIPT_GUESSES: [RegExp, string][] = [
  [/[\u0400-\u04ff]/gu, "ru"],
  [/[\u3040-\u30ff]/gu, "ja"],
  [/[\u4e00-\u9fff]/gu, "zh"],
  [/[äöüß]/giu, "de"],
  [/[éèêàçœ]/giu, "fr"],
  [/[ñ¿¡]/giu, "es"],
];

export function guessLanguage(text: string): string {
  const counts = SCRIPT_GUESSES.map(([pattern, lang]) => [lang, text.match(pattern)?.length ?? 0] as const);
  const [lang, n] = counts.reduce((best, c) => (c[1] > best[1] ? c : best));
  return n > text.length / 200 ? lang : "en";
}

export function initConfig(dir: string, force: boolean): { path: string; config: Record<string, unknown> } {
  if (!isDirectory(dir)) throw usageError(`${dir} is not a folder; init writes ${CONFIG_FILE_NAME} into a folder`);
  const path = join(dir, CONFIG_FILE_NAME);
  if (existsSync(path) && !force) throw usageError(`${path} already exists (use --force to overwrite)`);
  const { files } = expandPaths([dir]);
  const sample = files.slice(0, 50).map(readSample).join("\n");
  const sources = [...sample.matchAll(/"(?:srcLang|source-language|srcLang)"\s*[:=]\s*"([a-z]{2,3})/g)].map((m) => m[1]!);
  const config: Record<string, unknown> = {
    $schema: relative(dir, fileURLToPath(new URL("schema/config.schema.json", PACKAGE_ROOT))),
    language: sample ? guessLanguage(sample) : "en",
    ...(sources.length ? { sourceLanguage: sources[0] } : {}),
    extends: ["mtlint:recommended"],
    rules: {},
    terms: [],
    accept: [],
  };
  replaceFile(path, `${JSON.stringify(config, null, 2)}\n`, (reason) => usageError(`cannot write the config: ${reason}`, { file: path }));
  return { path, config };
}

/** The start of a file, for guessing its language; an unreadable file tells nothing. */
function readSample(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(0, 20_000);
  } catch {
    return "";
  }
}
