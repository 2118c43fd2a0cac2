/**
 * CSV and TSV with a header row. Quoting follows RFC 4180 for both (as spreadsheets and Python's csv
 * module write TSV too): a field that starts with '"' is quoted, holds separators and line breaks,
 * and writes '"' as '""'; a '"' inside an unquoted field is just a character. Lines end in LF or CRLF.
 *
 * Header names are compared case-insensitively, ignoring spaces, "_" and "-":
 *   target:  target, target text, translation, tgt    source: source, source text, src, original
 *   id:      id, key                                    languages: srcLang / source language, tgtLang / target language
 * Without source and target columns, the first two columns named like language codes ("en",
 * "zh-CN") are source and target, and their names are the languages.
 * Every row with a non-empty target is a segment (id: the id column, else "line-N"); the target is
 * the field's value with quotes decoded, offsets mapped back to the file. A row with more or fewer
 * fields than the header is reported with its line and skipped; blank lines are ignored.
 * Writing splices each edit into its field (quotes doubled in a quoted field); an unquoted field that
 * now needs quotes is written whole, quoted.
 */
import { inputError, type MtlintError } from "../core/errors.js";
import type { Span } from "../core/types.js";
import { parsedFromFields, uniqueIds, type Field, type Languages, type Run } from "./bilingual.js";
import type { Format, ParsedFile } from "./format.js";
import { LineIndex } from "./lines.js";
import { inlineMarkup, unionOfSpans } from "./markup.js";

interface Cell {
  value: string;
  /** The field in the file, quotes included. */
  start: number;
  end: number;
  quoted: boolean;
  /** For quoted fields: where the value's text is in the file (see Field). */
  runs?: Run[];
}

interface Row {
  cells: Cell[];
  start: number;
  error?: { message: string; offset: number };
}

const COLUMNS: Record<string, string[]> = {
  target: ["target", "targettext", "translation", "tgt"],
  source: ["source", "sourcetext", "src", "original"],
  id: ["id", "key"],
  srcLang: ["srclang", "sourcelang", "sourcelanguage"],
  tgtLang: ["tgtlang", "targetlang", "targetlanguage"],
};
const LANGUAGE_CODE = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

function delimited(name: string, separator: string, extensions: string[]): Format {
  return { name, extensions, parse: (text, path) => parseDelimited(text, path, separator) };
}

export const csvFormat = delimited("csv", ",", [".csv"]);
export const tsvFormat = delimited("tsv", "\t", [".tsv"]);

function parseDelimited(text: string, path: string, separator: string): ParsedFile {
  const lines = new LineIndex(text);
  const errors: MtlintError[] = [];
  const fields: Field[] = [];
  const unique = uniqueIds();
  const rows = readRows(text, separator).filter((r) => r.cells.length > 1 || r.cells[0]!.value !== "" || r.cells[0]!.quoted || r.error);
  const report = (message: string, offset: number) => errors.push(inputError(message, { file: path, ...lines.position(offset) }));
  const [header, ...body] = rows;
  if (!header) return parsedFromFields(text, path, [], errors);
  if (header.error) {
    report(`header row: ${header.error.message}; file not read`, header.error.offset);
    return parsedFromFields(text, path, [], errors);
  }
  const names = header.cells.map((c) => c.value.trim());
  const normalized = names.map((n) => n.toLowerCase().replace(/[\s_-]+/g, ""));
  const column = (role: string) => normalized.findIndex((n) => COLUMNS[role]!.includes(n));
  let target = column("target");
  let source = column("source");
  const languages: Languages = {};
  if (target === -1 && source === -1) {
    const codes = names.flatMap((n, i) => (LANGUAGE_CODE.test(n) && !Object.values(COLUMNS).flat().includes(normalized[i]!) ? [i] : []));
    if (codes.length >= 2) {
      [source, target] = codes as [number, number];
      languages.sourceLanguage = names[source]!.replace(/_/g, "-");
      languages.language = names[target]!.replace(/_/g, "-");
    }
  }
  if (target === -1) {
    report(`no target column (expected a header naming one: ${COLUMNS.target!.join(", ")}, or two language codes); file not read`, header.start);
    return parsedFromFields(text, path, [], errors);
  }
  const [id, srcLang, tgtLang] = [column("id"), column("srcLang"), column("tgtLang")];
  const cellValue = (row: Row, i: number) => (i === -1 ? undefined : row.cells[i]!.value || undefined);
  for (const row of body) {
    const line = lines.position(row.start).line;
    if (row.error) {
      report(`${row.error.message}; row skipped`, row.error.offset);
      continue;
    }
    if (row.cells.length !== names.length) {
      report(`row has ${row.cells.length} fields, the header has ${names.length}; row skipped`, row.start);
      continue;
    }
    const cell = row.cells[target]!;
    if (!cell.value.trim()) continue;
    const sourceText = cellValue(row, source);
    fields.push({
      id: unique(cellValue(row, id) ?? `line-${line}`, line),
      target: cell.value,
      source: sourceText,
      rawSource: sourceText,
      masked: unionOfSpans(inlineMarkup(cell.value), cell.quoted ? [] : spacedQuotes(cell.value)),
      srcLang: cellValue(row, srcLang) ?? languages.sourceLanguage,
      tgtLang: cellValue(row, tgtLang) ?? languages.language,
      raw: { start: cell.start, end: cell.end },
      runs: cell.runs,
      escape: (inserted) => (cell.quoted ? inserted.replace(/"/g, '""') : inserted),
      whole: (value) => (!cell.quoted && (value.startsWith('"') || value.includes(separator) || /[\r\n]/.test(value)) ? `"${value.replace(/"/g, '""')}"` : undefined),
    });
  }
  return parsedFromFields(text, path, fields, errors, languages);
}

/**
 * The quotes of a field quoted after a space (`a, "b"`): by RFC 4180 the field is unquoted and its
 * quotes are text, but they are the field's quoting as the writer meant it, not quotation marks.
 */
function spacedQuotes(value: string): Span[] {
  const m = /^([ \t]+)"[^]*"([ \t]*)$/.exec(value);
  if (!m) return [];
  const close = value.length - m[2]!.length - 1;
  return [{ start: m[1]!.length, end: m[1]!.length + 1 }, { start: close, end: close + 1 }];
}

/** RFC 4180 records. A quoting error is kept on its row, and reading goes on after the row's end. */
function readRows(text: string, separator: string): Row[] {
  const rows: Row[] = [];
  let i = 0;
  const endOfField = (at: number) => at >= text.length || text[at] === separator || text[at] === "\n" || text.startsWith("\r\n", at);
  while (i < text.length) {
    const row: Row = { cells: [], start: i };
    for (;;) {
      const start = i;
      if (text[i] === '"') {
        let value = "";
        const runs: Run[] = [];
        for (i++; ; ) {
          const quote = text.indexOf('"', i);
          if (quote === -1) {
            row.error ??= { message: "quoted field not closed", offset: start };
            i = text.length;
            break;
          }
          runs.push({ at: value.length, file: i });
          value += text.slice(i, quote);
          if (text[quote + 1] !== '"') {
            runs.push({ at: value.length, file: quote });
            i = quote + 1;
            break;
          }
          // A doubled quote: the '"' is at the first of the two.
          runs.push({ at: value.length, file: quote });
          value += '"';
          i = quote + 2;
        }
        if (!endOfField(i)) {
          row.error ??= { message: "text after a closing quote", offset: i };
          while (!endOfField(i)) i++;
        }
        row.cells.push({ value, start, end: i, quoted: true, runs });
      } else {
        while (!endOfField(i)) i++;
        row.cells.push({ value: text.slice(start, i), start, end: i, quoted: false });
      }
      if (text[i] !== separator) break;
      i++;
    }
    i += text.startsWith("\r\n", i) ? 2 : 1;
    rows.push(row);
  }
  return rows;
}
