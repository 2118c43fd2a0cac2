/**
 * JSON Lines: one segment per line, { "id", "source"?, "target", "srcLang"?, "tgtLang"? }.
 * A line that is not a valid record is skipped, the rest read; skipped lines are reported once per
 * kind of problem, with their count and the position of the first.
 * The target is the decoded string with a map from each offset to the file (escapes are runs of
 * their own), so writing splices each edit, JSON-escaped, into the target's own bytes: numbers,
 * duplicate keys, spacing and the other escapes of the line stay as they were.
 */
import { parsedFromFields, SkippedParts, uniqueIds, type Field, type Run } from "./bilingual.js";
import type { Format, ParsedFile } from "./format.js";
import { inlineMarkup } from "./markup.js";

interface JsonRecord {
  id?: unknown;
  source?: unknown;
  target?: unknown;
  srcLang?: unknown;
  tgtLang?: unknown;
}

const escapeJson = (text: string) => JSON.stringify(text).slice(1, -1);

export const jsonlFormat: Format = {
  name: "jsonl",
  extensions: [".jsonl", ".ndjson"],
  parse(text, path): ParsedFile {
    const fields: Field[] = [];
    const unique = uniqueIds();
    const skipped = new SkippedParts("line", "lines");
    let lineStart = 0;
    text.split("\n").forEach((raw, i) => {
      const start = lineStart;
      lineStart += raw.length + 1;
      const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (!line.trim()) return;
      const lineNo = i + 1;
      let record: JsonRecord;
      try {
        record = JSON.parse(line) as JsonRecord;
      } catch (e) {
        const at = /at position (\d+)/.exec((e as Error).message);
        const problem = `not valid JSON (${(e as Error).message.replace(/ in JSON at position \d+.*$/, "")})`;
        skipped.add(problem, { line: lineNo, ...(at && { column: Number(at[1]) + 1 }) }, "not valid JSON");
        return;
      }
      if (typeof record !== "object" || record === null || Array.isArray(record) || typeof record.target !== "string") {
        skipped.add('expected an object with a string "target"', { line: lineNo, column: 1 });
        return;
      }
      const optional = (v: unknown) => (typeof v === "string" ? v : undefined);
      const string = targetString(line);
      const source = optional(record.source);
      fields.push({
        id: unique(typeof record.id === "string" || typeof record.id === "number" ? String(record.id) : `line-${lineNo}`, lineNo),
        target: record.target,
        source,
        rawSource: source,
        srcLang: optional(record.srcLang),
        tgtLang: optional(record.tgtLang),
        masked: inlineMarkup(record.target),
        raw: { start: start + string.start, end: start + string.end },
        runs: string.runs.map((r) => ({ at: r.at, file: start + r.file })),
        escape: escapeJson,
      });
    });
    return parsedFromFields(text, path, fields, skipped.errors(path));
  },
};

/** Where a valid JSON object's top-level "target" string is (the last one, as JSON.parse takes it): its content, with runs. */
function targetString(line: string): { start: number; end: number; runs: Run[] } {
  let found: { start: number; end: number; runs: Run[] } | undefined;
  let i = skipSpace(line, line.indexOf("{") + 1);
  while (line[i] === '"') {
    const key = readString(line, i);
    i = skipSpace(line, skipSpace(line, key.end + 1) + 1); // past the colon
    if (line[i] === '"') {
      const value = readString(line, i);
      if (key.value === "target") found = value;
      i = value.end + 1;
    } else {
      i = skipValue(line, i);
    }
    i = skipSpace(line, i);
    if (line[i] === ",") i = skipSpace(line, i + 1);
  }
  return found!;
}

const skipSpace = (line: string, i: number) => {
  while (line[i] === " " || line[i] === "\t" || line[i] === "\n" || line[i] === "\r") i++;
  return i;
};

const SPECIAL = /["\\]/g;
const JSON_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** The string whose opening quote is at `open`: its value, content span (`end` at the closing quote) and runs. */
function readString(line: string, open: number): { value: string; start: number; end: number; runs: Run[] } {
  const runs: Run[] = [];
  let value = "";
  let i = open + 1;
  for (;;) {
    SPECIAL.lastIndex = i;
    const stop = SPECIAL.exec(line)!.index;
    if (stop > i) runs.push({ at: value.length, file: i });
    value += line.slice(i, stop);
    if (line[stop] === '"') {
      runs.push({ at: value.length, file: stop });
      return { value, start: open + 1, end: stop, runs };
    }
    runs.push({ at: value.length, file: stop });
    const code = line[stop + 1]!;
    value += code === "u" ? String.fromCharCode(parseInt(line.slice(stop + 2, stop + 6), 16)) : JSON_ESCAPES[code]!;
    i = stop + (code === "u" ? 6 : 2);
  }
}

/** The offset just past a non-string JSON value (number, literal, object or array) starting at `i`. */
function skipValue(line: string, i: number): number {
  let depth = 0;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') i = readString(line, i).end;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === "," || c === " " || c === "\t" || c === "\r")) return i;
  }
  return i;
}
