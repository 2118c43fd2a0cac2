/**
 * CSV and TSV with a header row. Quoting follows RFC 4180 for both (as spreadsheets and Python's csv
 * module write TSV too): a field that starts with '"' is quoted, holds separators and line breaks,
 * and writes '"' as '""'; a '"' inside an unquoted field is just a character. Lines end in LF or CRLF.
 *
 * Header names are compared case-insensitively, ignoring spaces, "_" and "-":
 *   target:  target, target text, translation, tgt    source: source, source text, src, original
 *   id:      id, key                                    languages: srcLang / source language, tgtLang / target language
 * Without source and target columns, the first two columns named like language codes ("en",
 * "zh-CN") are source and target, and their names are the languages. A first row that names no
 * column is no header in a file named for its locale (de_DE.csv, as Magento's i18n CSV): the file is
 * source and target in its first two columns (a module or theme column may follow).
 * A .csv file is read with ";" between fields when its first rows split into as many fields each by
 * ";" and not by "," (commas in the text of a headerless file's first row are no separators), or,
 * when both or neither split them evenly, when its first row has more semicolons than commas.
 * Quoting is read as spreadsheet writers and PHP's fgetcsv write it: a field may be quoted after
 * spaces (`"a", "b"`), and a quote inside a quoted field that neither doubles nor ends the field is
 * text (`"Select "Save" here"`).
 * Every row with a non-empty target is a segment (id: the id column, else "line-N"); the target is
 * the field's value with quotes decoded, offsets mapped back to the file. Rows with more or fewer
 * fields than the header (fewer than two without a header) are skipped and reported once per file,
 * with their count and first line; blank lines are ignored.
 * Writing splices each edit into its field (quotes doubled in a quoted field); an unquoted field that
 * now needs quotes is written whole, quoted.
 */
import { inputError, type MtlintError } from "../core/errors.js";
import { languageFromPath, parsedFromFields, SkippedParts, uniqueIds, type Field, type Languages, type Run } from "./bilingual.js";
import type { Format, ParsedFile } from "./format.js";
import { LineIndex } from "./lines.js";
import { inlineMarkup } from "./markup.js";

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

export const csvFormat: Format = { name: "csv", extensions: [".csv"], parse: (text, path) => parseDelimited(text, path, separatorOf(text)) };
export const tsvFormat = delimited("tsv", "\t", [".tsv"]);

/** Rows read to tell "," from ";". */
const SAMPLE_ROWS = 50;

/**
 * ";" (CSV as European spreadsheets write it) or ",": the one that splits the first rows into as many
 * fields each, at least two, as the first row. Without a header the first row is text, whose commas
 * ("Save the file, then close it.;Speichern …") outnumber its one ";". When the two split the rows
 * alike, ";" where the first row has more semicolons than commas outside quotes.
 */
function separatorOf(text: string): string {
  let end = -1;
  for (let k = 0; k < SAMPLE_ROWS; k++) {
    end = text.indexOf("\n", end + 1);
    if (end === -1) break;
  }
  const sample = end === -1 ? text : text.slice(0, end + 1);
  const evenRows = (separator: string) => {
    const rows = readRows(sample, separator).filter((r) => !isBlank(r));
    // A quoted field can go on past the sample: its row is not counted.
    if (sample.length < text.length) rows.pop();
    const fields = rows[0]?.cells.length ?? 0;
    return fields < 2 ? 0 : rows.filter((r) => !r.error && r.cells.length === fields).length;
  };
  const [commas, semicolons] = [evenRows(","), evenRows(";")];
  if (commas !== semicolons) return semicolons > commas ? ";" : ",";
  const first = /^[^\r\n]*/u.exec(sample.replace(/"(?:[^"]|"")*"/gu, ""))![0];
  return (first.match(/;/gu)?.length ?? 0) > (first.match(/,/gu)?.length ?? 0) ? ";" : ",";
}

/** A blank line: one unquoted empty field. */
const isBlank = (row: Row) => row.cells.length === 1 && row.cells[0]!.value === "" && !row.cells[0]!.quoted && !row.error;

function parseDelimited(text: string, path: string, separator: string): ParsedFile {
  const lines = new LineIndex(text);
  const errors: MtlintError[] = [];
  const fields: Field[] = [];
  const unique = uniqueIds();
  const rows = readRows(text, separator).filter((r) => !isBlank(r));
  const report = (message: string, offset: number) => errors.push(inputError(message, { file: path, ...lines.position(offset) }));
  const [header] = rows;
  if (!header) return parsedFromFields(text, path, [], errors);
  if (header.error) {
    report(`header row: ${header.error.message}; file not read`, header.error.offset);
    return parsedFromFields(text, path, [], errors);
  }
  let body = rows.slice(1);
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
  // No header in a file named for its locale (de_DE.csv): source and target are the first two columns of every row, as Magento writes them.
  const headerless = target === -1 && source === -1 && header.cells.length >= 2 && languageFromPath(path) !== undefined;
  if (headerless) {
    [source, target] = [0, 1];
    body = rows;
  }
  if (target === -1) {
    report(`no target column (expected a header naming one: ${COLUMNS.target!.join(", ")}, or two language codes; or, for source and target rows without a header, a file named for its locale, as de_DE.csv); file not read`, header.start);
    return parsedFromFields(text, path, [], errors);
  }
  const skipped = new SkippedParts("row", "rows");
  const skip = (problem: string, offset: number) => skipped.add(problem, lines.position(offset));
  const [id, srcLang, tgtLang] = headerless ? [-1, -1, -1] : [column("id"), column("srcLang"), column("tgtLang")];
  const cellValue = (row: Row, i: number) => (i === -1 ? undefined : row.cells[i]!.value || undefined);
  for (const row of body) {
    const line = lines.position(row.start).line;
    if (row.error) {
      skip(row.error.message, row.error.offset);
      continue;
    }
    if (headerless ? row.cells.length < 2 : row.cells.length !== names.length) {
      skip(headerless ? "fewer than two fields (source and target)" : `not as many fields as the header (${names.length})`, row.start);
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
      masked: inlineMarkup(cell.value),
      srcLang: cellValue(row, srcLang) ?? languages.sourceLanguage,
      tgtLang: cellValue(row, tgtLang) ?? languages.language,
      raw: { start: cell.start, end: cell.end },
      runs: cell.runs,
      escape: (inserted) => (cell.quoted ? inserted.replace(/"/g, '""') : inserted),
      whole: (value) => (!cell.quoted && (value.startsWith('"') || value.includes(separator) || /[\r\n]/.test(value)) ? `"${value.replace(/"/g, '""')}"` : undefined),
    });
  }
  errors.push(...skipped.errors(path));
  return parsedFromFields(text, path, fields, errors, languages);
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
      // A field quoted after spaces ("a", "b"): the spaces are layout.
      const blank = (at: number) => (text[at] === " " || text[at] === "\t") && text[at] !== separator;
      let open = i;
      while (blank(open)) open++;
      if (text[open] === '"') {
        let value = "";
        const runs: Run[] = [];
        for (i = open + 1; ; ) {
          const quote = text.indexOf('"', i);
          if (quote === -1) {
            row.error ??= { message: "quoted field not closed", offset: start };
            i = text.length;
            break;
          }
          runs.push({ at: value.length, file: i });
          value += text.slice(i, quote);
          let after = quote + 1;
          while (blank(after)) after++;
          if (text[quote + 1] !== '"' && endOfField(after)) {
            runs.push({ at: value.length, file: quote });
            i = after;
            break;
          }
          // A doubled quote (the '"' is at the first of the two), or a quote that does not end the field: text.
          runs.push({ at: value.length, file: quote });
          value += '"';
          i = text[quote + 1] === '"' ? quote + 2 : quote + 1;
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
