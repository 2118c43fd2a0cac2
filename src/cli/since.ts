/** --since REF: the files changed since a git ref (committed, staged, unstaged or untracked). */
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { usageError } from "../core/errors.js";
import { isDirectory } from "../config/config.js";

/** Absolute paths of changed files in the repositories that hold `paths`. */
export function changedSince(ref: string, paths: readonly string[]): Set<string> {
  const changed = new Set<string>();
  const roots = new Set<string>();
  for (const path of paths) {
    const dir = isDirectory(path) ? path : dirname(path);
    const root = git(ref, dir, "rev-parse", "--show-toplevel").trim();
    if (roots.has(root)) continue;
    roots.add(root);
    const files = [git(ref, root, "diff", "--name-only", "--diff-filter=ACMR", ref, "--"), git(ref, root, "ls-files", "--others", "--exclude-standard")];
    for (const f of files.join("\n").split("\n").filter(Boolean)) changed.add(resolve(root, f));
  }
  return changed;
}

function git(ref: string, cwd: string, ...args: string[]): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message).trim().split("\n")[0];
    throw usageError(`--since ${ref}: ${stderr || "git failed"}`);
  }
}
