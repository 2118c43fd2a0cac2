/** Expanding the command line's paths: files, folders (recursively), globs and "-" for stdin. */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { globSync, isDynamicPattern } from "tinyglobby";
import { inputError, type MtlintError } from "../core/errors.js";
import { CHECKED_EXTENSIONS } from "../formats/index.js";

/** How stdin ("-" on the command line) is named inside mtlint. */
export const STDIN = "\0stdin";

export interface ExpandedPaths {
  files: string[];
  errors: MtlintError[];
}

const SKIPPED_DIRS = new Set(["node_modules", ".git", ".hg", ".svn"]);

export function expandPaths(paths: readonly string[]): ExpandedPaths {
  const files: string[] = [];
  const errors: MtlintError[] = [];
  for (const path of paths) {
    if (path === STDIN) {
      files.push(STDIN);
      continue;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch {
      if (isDynamicPattern(path)) {
        const matched = globSync(path, { onlyFiles: true, ignore: ["**/node_modules/**"] }).sort();
        if (matched.length) files.push(...matched);
        else errors.push(inputError("no files match this pattern", { file: path }));
      } else {
        errors.push(inputError("no such file or directory", { file: path }));
      }
      continue;
    }
    if (stat.isDirectory()) {
      const found = walk(path);
      if (found.length) files.push(...found);
      else errors.push(inputError(`folder has no files to check (looked for ${[...CHECKED_EXTENSIONS].join(", ")})`, { file: path }));
    } else {
      files.push(path);
    }
  }
  return { files: [...new Set(files)], errors };
}

/** Checkable files under a folder, sorted, skipping hidden folders and node_modules. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) out.push(...walk(path));
    } else if (entry.isFile() && CHECKED_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      out.push(path);
    }
  }
  return out;
}

/** The path with symlinks resolved; for a file that does not exist yet, its folder's. */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}
