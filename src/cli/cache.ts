/**
 * --cache: results of files whose bytes, config and options have not changed since the last
 * run are reused. Keyed by a hash of the content and of everything that shapes the result.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { usageError } from "../core/errors.js";
import type { FileResult, ProblemReport } from "../core/results.js";
import type { CorpusDocument } from "../engine/corpus.js";
import { removeStaleTemporaries, replaceFile } from "./safe-write.js";

export const DEFAULT_CACHE = ".mtlintcache";

/** A file's own result, without what checks across files added: those are redone on every run from `corpus`. */
interface Entry {
  key: string;
  result: FileResult;
  errors: ProblemReport[];
  corpus?: CorpusDocument[];
}

/** Entries of older versions lack the units of corpus rules. */
const VERSION = 2;

export class ResultCache {
  private entries: Record<string, Entry> = {};
  private changed = false;

  constructor(private readonly path: string) {
    try {
      const data = JSON.parse(readFileSync(path, "utf8")) as { version?: number; entries?: Record<string, Entry> };
      if (data.version === VERSION && data.entries) this.entries = data.entries;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
  }

  static key(bytes: Uint8Array, settings: unknown): string {
    return createHash("sha1").update(bytes).update("\0").update(JSON.stringify(settings)).digest("hex");
  }

  keyOf(file: string): string | undefined {
    return this.entries[file]?.key;
  }

  get(file: string, key: string): Omit<Entry, "key"> | undefined {
    const entry = this.entries[file];
    return entry?.key === key ? entry : undefined;
  }

  set(file: string, key: string, result: FileResult, errors: ProblemReport[], corpus?: CorpusDocument[]): void {
    this.entries[file] = { key, result, errors, ...(corpus && { corpus }) };
    this.changed = true;
  }

  save(): void {
    if (!this.changed) return;
    removeStaleTemporaries([this.path], true);
    const text = JSON.stringify({ version: VERSION, entries: this.entries });
    replaceFile(this.path, text, (reason) => usageError(`--cache-location: cannot write the cache: ${reason}`, { file: this.path }));
  }
}
