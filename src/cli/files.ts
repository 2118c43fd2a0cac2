/** Expanding the command line's paths: files, folders (recursively), globs and "-" for stdin. */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import picomatch from "picomatch";
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

/**
 * `.mtlintignore` in the current folder: one pattern a line as in .gitignore (blank lines and # comments
 * skipped; a pattern without "/" matches at any depth, one ending in "/" a folder and what is in it),
 * relative to the current folder. It leaves out files found in folders and by globs; a file named
 * on the command line is checked.
 */
export function readIgnoreFile(dir = process.cwd()): ((file: string) => boolean) | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, IGNORE_FILE), "utf8");
  } catch {
    return undefined;
  }
  const patterns = text
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .flatMap((line) => {
      const anchored = line.startsWith("/") || line.slice(0, -1).includes("/");
      const body = line.replace(/^\//u, "");
      const base = anchored ? body : `**/${body}`;
      return base.endsWith("/") ? [`${base}**`] : [base, `${base}/**`];
    });
  if (!patterns.length) return undefined;
  const matches = picomatch(patterns, { dot: true });
  return (file) => matches(relative(dir, resolve(file)).split("\\").join("/"));
}

export const IGNORE_FILE = ".mtlintignore";

export function expandPaths(paths: readonly string[], ignored: (file: string) => boolean = () => false): ExpandedPaths {
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
        const matched = shortestNames(globSync(path, { onlyFiles: true, ignore: ["**/node_modules/**"] }));
        if (matched.length) files.push(...matched.filter((f) => !ignored(f)));
        else errors.push(inputError("no files match this pattern", { file: path }));
      } else {
        errors.push(inputError("no such file or directory", { file: path }));
      }
      continue;
    }
    if (stat.isDirectory()) {
      const found = walk(path, new Set());
      if (found.length) files.push(...found.filter((f) => !ignored(f)));
      else errors.push(inputError(`folder has no files to check (looked for ${[...CHECKED_EXTENSIONS].join(", ")})`, { file: path }));
    } else {
      files.push(path);
    }
  }
  return { files: onePathPerFile(files), errors };
}

/**
 * Checkable files under a folder, sorted, skipping hidden folders and node_modules. Symlinks
 * are followed, to files and to folders; a folder already walked (a symlink loop) is not walked again.
 */
function walk(dir: string, walked: Set<string>): string[] {
  const real = realPathOf(dir);
  if (walked.has(real)) return [];
  walked.add(real);
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    const target = entry.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : entry;
    if (target?.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) out.push(...walk(path, walked));
    } else if (target?.isFile() && CHECKED_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      out.push(path);
    }
  }
  return out;
}

/** A glob through a symlink loop names a file many times: each file once, by its shortest name, sorted. */
function shortestNames(matched: string[]): string[] {
  const byFile = new Map<string, string>();
  for (const name of matched) {
    const real = realPathOf(name);
    const known = byFile.get(real);
    if (known === undefined || name.length < known.length) byFile.set(real, name);
  }
  return [...byFile.values()].sort();
}

/** Each real file once, under the first name it was found by (names through symlinks, globs through a symlink loop). */
function onePathPerFile(files: string[]): string[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const real = f === STDIN ? f : realPathOf(f);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** The path with symlinks resolved; for a file that does not exist yet, its folder's. */
export function realPathOf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    try {
      return join(realpathSync.native(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}
