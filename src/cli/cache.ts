/**
 * --cache: results of files whose bytes, config and options have not changed since the last
 * run are reused. Keyed by a hash of the content and of everything that shapes the result.
 * The cache is checked as it is read: a damaged entry is dropped (its file is checked again),
 * and a file that is not a cache is never overwritten.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { usageError } from "../core/errors.js";
import type { FileResult, ProblemReport } from "../core/results.js";
import type { CorpusDocument } from "../engine/corpus.js";
import { errorCode, removeStaleTemporaries, replaceFile } from "./safe-write.js";

export const DEFAULT_CACHE = ".mtlintcache";

/** A file's own result, without what checks across files added: those are redone on every run from `corpus`. */
interface Entry {
  key: string;
  result: FileResult;
  errors: ProblemReport[];
  corpus?: CorpusDocument[];
}

/** Entries of older versions lack the units of corpus rules (1), their rule kinds (2) or the file changes of fixes (3). */
const VERSION = 4;

export class ResultCache {
  private entries: Record<string, Entry> = {};
  private changed = false;
  /** The cache file (in the folder, when --cache-location names one). */
  readonly path: string;
  /** Entries dropped because they were damaged. */
  readonly damaged: number = 0;

  constructor(location: string) {
    this.path = statSync(location, { throwIfNoEntry: false })?.isDirectory() ? join(location, DEFAULT_CACHE) : location;
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (e) {
      if (errorCode(e) === "ENOENT") return;
      throw usageError(`--cache-location: cannot read the cache (${errorCode(e)})`, { file: this.path });
    }
    if (!text.trim()) return;
    let data: { version?: unknown; entries?: unknown };
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      data = {};
    }
    if (typeof data?.version !== "number" || !isRecord(data.entries)) {
      throw usageError("--cache-location: this file exists and is not an mtlint cache; not overwritten (name a new file or a cache)", { file: this.path });
    }
    if (data.version !== VERSION) return;
    let damaged = 0;
    for (const [file, entry] of Object.entries(data.entries)) {
      if (fits(entry, ENTRY)) this.entries[file] = entry as Entry;
      else damaged++;
    }
    this.damaged = damaged;
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

/** What a value must look like: a test, an array of values of one shape, or an object ("key?" optional). */
type Shape = ((value: unknown) => boolean) | [Shape] | { [key: string]: Shape };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const string = (v: unknown) => typeof v === "string";
const number = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const boolean = (v: unknown) => typeof v === "boolean";
const oneOf = (...values: string[]) => (v: unknown) => values.includes(v as string);
const severity = oneOf("minor", "major", "critical");

function fits(value: unknown, shape: Shape): boolean {
  if (typeof shape === "function") return shape(value);
  if (Array.isArray(shape)) return Array.isArray(value) && value.every((v) => fits(v, shape[0]));
  if (!isRecord(value)) return false;
  return Object.entries(shape).every(([key, inner]) => (key.endsWith("?") ? value[key.slice(0, -1)] === undefined || fits(value[key.slice(0, -1)], inner) : fits(value[key], inner)));
}

const POSITION = { line: number, column: number, endLine: number, endColumn: number, fingerprint: string };
const FIX: Shape = { title: string, applicability: oneOf("safe", "unsafe"), edits: [{ start: number, end: number, text: string }] };
const FINDING: Shape = {
  ...POSITION,
  ruleId: string,
  category: string,
  severity,
  confidence: number,
  message: string,
  segmentId: string,
  text: string,
  start: number,
  end: number,
  "fix?": FIX,
  "suggestions?": [FIX],
};
const UNIT: Shape = { ...POSITION, start: number, end: number, sourceKey: string, targetKey: string, source: string, flagged: boolean, short: boolean, quiet: boolean, segmentId: string, text: string };
const strings = (v: unknown) => isRecord(v) && Object.values(v).every((s) => typeof s === "string");
const PART: Shape = { ruleId: string, kind: string, category: string, severity, confidence: number, messages: strings, units: [UNIT] };
const ENTRY: Shape = {
  key: string,
  result: { path: string, words: number, score: number, passed: boolean, findings: [FINDING], "skipped?": number },
  errors: [{ kind: oneOf("usage", "config", "input"), message: string, "file?": string, "line?": number, "column?": number }],
  "corpus?": [[PART]],
};
