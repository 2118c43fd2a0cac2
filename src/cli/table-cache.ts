/**
 * Compiled rule tables kept on disk between runs: compiling the 80,000 phrases of the built-in
 * calque tables takes 300–400 ms, reading them back a few. One file per table, named by the
 * table's key (a hash of what it was compiled from) and by mtlint's build (a hash of the engine's
 * code, so a changed tokenizer never reads an old table). Each file starts with a hash of its
 * bytes: a damaged or truncated file is ignored and written again. A read marks a table used (its
 * mtime): a few builds' tables are kept per key, and tables unused for a month go (see prune). The
 * cache is only ever worth time: a folder that cannot be read or written costs a compile, never a
 * failed run.
 *
 * Where: $MTLINT_CACHE_DIR (empty: no cache), else $XDG_CACHE_HOME/mtlint, else ~/.cache/mtlint.
 * Only the main thread writes (see safe-write.ts); worker threads read.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { isMainThread } from "node:worker_threads";
import type { CompiledTableStore } from "../core/rule.js";
import { usageError } from "../core/errors.js";
import { removeStaleTemporaries, replaceFile } from "./safe-write.js";

const HASH_BYTES = 20;
/**
 * Tables of other builds kept beside this build's, the most recently used: two installed versions
 * (a global one and a project's), or the one before an upgrade, would otherwise delete each
 * other's tables and compile them again on every other run.
 */
const KEPT_OTHER_BUILDS = 2;
/** A table of any key unused this long is removed when a table is written: keys change with the rules, and an old key's table would stay forever. */
const UNUSED_MS = 30 * 24 * 3600 * 1000;

export function defaultTableCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MTLINT_CACHE_DIR !== undefined) return env.MTLINT_CACHE_DIR || undefined;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "mtlint");
}

/** A hash of the built engine (what compiles and reads tables), computed once per thread. */
let engineBuild: string | undefined;

function builtEngine(): string {
  if (engineBuild) return engineBuild;
  const hash = createHash("sha1");
  for (const layer of ["core", "analysis", "engine", "rules"]) {
    const dir = new URL(`../${layer}/`, import.meta.url);
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".js")).sort()) hash.update(name).update(readFileSync(new URL(name, dir)));
  }
  return (engineBuild = hash.digest("hex").slice(0, 16));
}

export class TableCache implements CompiledTableStore {
  constructor(
    /** The folder; undefined: nothing is kept. */
    readonly dir = defaultTableCacheDir(),
    /** Whether this thread writes what it compiled (the main thread, where signals are handled). */
    private readonly writes = isMainThread,
  ) {}

  private pathOf(key: string): string {
    return join(this.dir!, `${key}-${builtEngine()}.table`);
  }

  get(key: string): Uint8Array | undefined {
    if (!this.dir) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.pathOf(key));
    } catch {
      return undefined;
    }
    const payload = bytes.subarray(HASH_BYTES);
    if (!(bytes.length > HASH_BYTES && createHash("sha1").update(payload).digest().equals(bytes.subarray(0, HASH_BYTES)))) return undefined;
    // Its time of last use, for the pruning in set().
    if (this.writes) {
      try {
        const now = new Date();
        utimesSync(this.pathOf(key), now, now);
      } catch {
        // A table whose use goes unrecorded is only pruned sooner.
      }
    }
    return payload;
  }

  /** Before `path` is written: the same table of other builds beyond the most recently used few, and tables unused for long. */
  private prune(key: string, path: string): void {
    const dir = this.dir!;
    const now = Date.now();
    const tables = readdirSync(dir)
      .filter((name) => name.endsWith(".table") && join(dir, name) !== path)
      .flatMap((name) => {
        try {
          return [{ name, path: join(dir, name), used: statSync(join(dir, name)).mtimeMs }];
        } catch {
          return []; // removed by another run meanwhile
        }
      });
    const otherBuilds = tables.filter((t) => t.name.startsWith(`${key}-`)).sort((a, b) => b.used - a.used);
    const unused = tables.filter((t) => now - t.used > UNUSED_MS);
    for (const table of new Set([...otherBuilds.slice(KEPT_OTHER_BUILDS), ...unused])) {
      try {
        unlinkSync(table.path);
      } catch {
        // removed by another run meanwhile
      }
    }
  }

  set(key: string, bytes: Uint8Array): void {
    if (!this.dir || !this.writes) return;
    const path = this.pathOf(key);
    try {
      mkdirSync(this.dir, { recursive: true });
      this.prune(key, path);
      removeStaleTemporaries([path]);
      replaceFile(path, Buffer.concat([createHash("sha1").update(bytes).digest(), bytes]), (reason) => usageError(reason, { file: path }));
    } catch {
      // Not kept: the next run compiles the table again.
    }
  }
}
