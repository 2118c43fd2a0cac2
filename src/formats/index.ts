/** Input formats by file extension. */
import { extname } from "node:path";
import type { Format } from "./format.js";
import { jsonlFormat } from "./jsonl.js";
import { markdownFormat } from "./markdown.js";
import { textFormat } from "./text.js";

export const FORMATS: readonly Format[] = [textFormat, markdownFormat, jsonlFormat];

export const CHECKED_EXTENSIONS = new Set(FORMATS.flatMap((f) => f.extensions));

/** The format for a path; files of unknown extension are read as plain text. */
export function formatFor(path: string): Format {
  const ext = extname(path).toLowerCase();
  return FORMATS.find((f) => f.extensions.includes(ext)) ?? textFormat;
}

export function formatByName(name: string): Format | undefined {
  return FORMATS.find((f) => f.name === name);
}
