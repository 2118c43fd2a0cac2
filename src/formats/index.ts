/** Input formats by file extension. */
import { extname } from "node:path";
import { csvFormat, tsvFormat } from "./csv.js";
import type { Format } from "./format.js";
import { jsonlFormat } from "./jsonl.js";
import { markdownFormat } from "./markdown.js";
import { poFormat } from "./po.js";
import { textFormat } from "./text.js";
import { tmxFormat } from "./tmx.js";
import { xliffFormat } from "./xliff.js";

export const FORMATS: readonly Format[] = [textFormat, markdownFormat, jsonlFormat, xliffFormat, tmxFormat, poFormat, csvFormat, tsvFormat];

export const CHECKED_EXTENSIONS = new Set(FORMATS.flatMap((f) => f.extensions));

/** The format for a path; files of unknown extension are read as plain text. */
export function formatFor(path: string): Format {
  const ext = extname(path).toLowerCase();
  return FORMATS.find((f) => f.extensions.includes(ext)) ?? textFormat;
}

export function formatByName(name: string): Format | undefined {
  return FORMATS.find((f) => f.name === name);
}
