/**
 * gettext PO: entries of comments and keywords (msgctxt, msgid, msgid_plural, msgstr, msgstr[n]),
 * each keyword followed by a quoted string and any number of continuation strings, concatenated.
 *
 * Every non-empty msgstr is a segment with id "msgid", or "ctxt|msgid" with a context, and "[n]"
 * appended for plural forms. Its target is the decoded string (C escapes \" \\ \n \t … decoded)
 * with a map from each target offset to the file, so positions point into the quoted lines.
 * Not segments: the header (msgid ""), whose Language and X-Source-Language fields give the
 * languages; entries flagged "#, fuzzy" (a translator marked them as unfinished; checking and
 * fixing them would report what is known to be rough); untranslated entries (empty msgstr);
 * obsolete "#~" entries, which are comments. An entry with a syntax error is skipped, the other
 * entries read; skipped entries are reported once per kind of error, with their count and the line
 * and column of the first. Writing splices each edit, escaped, into the
 * quoted string it falls in (an edit across a line break is cut there), so line wrapping stays as it was.
 */
import { inputError, type MtlintError } from "../core/errors.js";
import { parsedFromFields, runOffset, SkippedParts, suppressionsIn, uniqueIds, type Field, type Languages, type Run } from "./bilingual.js";
import type { Format, ParsedFile } from "./format.js";
import { LineIndex } from "./lines.js";
import { inlineMarkup } from "./markup.js";

/** One quoted string: its decoded value and where its text is in the file. */
interface Piece {
  value: string;
  /** Runs (see Field) relative to the piece, the last one at the closing quote. */
  runs: Run[];
  /** File offsets of the content between the quotes. */
  start: number;
  end: number;
}

/** A keyword with its strings. */
interface Str {
  keyword: string;
  pieces: Piece[];
  line: number;
}

interface Entry {
  strings: Str[];
  fuzzy: boolean;
  /** From a `# mtlint-disable rule-id` comment. */
  suppressed?: string[];
  broken: boolean;
}

const KEYWORD = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?=[\s"])[ \t]*/;
const SPECIAL = /["\\]/g;
const ESCAPE = /^(?:[ntrabfv\\"'?]|[0-7]{1,3}|x[0-9a-fA-F]{1,2})/;
const DECODED: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v" };
const ENCODED: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" };
const escape = (s: string) => s.replace(/[\\"\n\t\r]/g, (c) => ENCODED[c]!);
const valueOf = (s: Str | undefined) => s?.pieces.map((p) => p.value).join("") ?? "";

/** The runs of a keyword's strings, concatenated. */
function runsOf(str: Str): Run[] {
  const runs: Run[] = [];
  let at = 0;
  for (const piece of str.pieces) {
    for (const r of piece.runs) runs.push({ at: at + r.at, file: r.file });
    at += piece.value.length;
  }
  return runs;
}

export const poFormat: Format = {
  name: "po",
  extensions: [".po"],
  parse(text, path): ParsedFile {
    const lines = new LineIndex(text);
    const errors: MtlintError[] = [];
    const fields: Field[] = [];
    const languages: Languages = {};
    const unique = uniqueIds();
    const skipped = new SkippedParts("entry", "entries");
    // Escapes differ in the character after the backslash, not in kind.
    const skip = (problem: string, line: number, column: number) => skipped.add(problem, { line, column }, problem.replace(/ "[^"]*"$/u, ""));

    let entry: Entry | undefined;
    let current: Str | undefined;
    const open = () => (entry ??= { strings: [], fuzzy: false, broken: false });
    const has = (prefix: string) => entry?.strings.some((s) => s.keyword.startsWith(prefix)) ?? false;
    const finish = () => {
      if (entry && !entry.broken) finishEntry(entry);
      entry = current = undefined;
    };
    const broken = (message: string, line: number, column: number) => {
      skip(message, line, column);
      open().broken = true;
    };

    let untranslated = 0;
    const finishEntry = ({ strings, fuzzy, suppressed }: Entry) => {
      const get = (keyword: string) => strings.find((s) => s.keyword === keyword);
      const msgid = get("msgid");
      const msgstrs = strings.filter((s) => s.keyword.startsWith("msgstr"));
      if (!msgid) return strings[0] && skip("msgctxt without msgid", strings[0].line, 1);
      if (!msgstrs.length) return skip("msgid without msgstr", msgid.line, 1);
      const context = get("msgctxt");
      const id = valueOf(msgid);
      if (id === "" && !context) return readHeader(msgstrs[0]!);
      if (fuzzy) return;
      const key = context ? `${valueOf(context)}|${id}` : id;
      for (const str of msgstrs) {
        const target = valueOf(str);
        if (!target) {
          untranslated++;
          continue;
        }
        const form = /\[(\d+)\]/.exec(str.keyword)?.[1];
        const source = form !== undefined && form !== "0" && get("msgid_plural") ? valueOf(get("msgid_plural")) : id;
        fields.push({
          id: unique(form === undefined ? key : `${key}[${form}]`, str.line),
          target,
          source,
          rawSource: source,
          masked: inlineMarkup(target),
          raw: { start: str.pieces[0]!.start, end: str.pieces[str.pieces.length - 1]!.end },
          runs: runsOf(str),
          escape,
          ...(context && { context: valueOf(context) }),
          ...(suppressed && { suppressed }),
        });
      }
    };

    const readHeader = (str: Str) => {
      const value = valueOf(str);
      const runs = runsOf(str);
      let at = 0;
      for (const line of value.split("\n")) {
        const field = /^([^\s:][^:]*):[ \t]*(.*)$/.exec(line);
        if (line.trim() && !field) errors.push(inputError(`header line is not "Name: value": "${line}"`, { file: path, ...lines.position(runOffset(runs, at)) }));
        // POSIX locale names (pt_BR) as language tags (pt-BR).
        if (field?.[1] === "Language" && field[2]) languages.language = field[2].trim().replace(/_/g, "-");
        if (field?.[1] === "X-Source-Language" && field[2]) languages.sourceLanguage = field[2].trim().replace(/_/g, "-");
        at += line.length + 1;
      }
    };

    let lineStart = 0;
    text.split("\n").forEach((rawLine, i) => {
      const lineNo = i + 1;
      const start = lineStart;
      lineStart += rawLine.length + 1;
      const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
      const indent = line.length - line.trimStart().length;
      const body = line.slice(indent);
      if (!body) return finish();
      if (body.startsWith("#")) {
        if (has("msgstr")) finish(); // comments open the next entry
        if (/^#,.*\bfuzzy\b/.test(body)) open().fuzzy = true;
        const suppressed = /^#[ .]/.test(body) ? suppressionsIn(body) : undefined;
        if (suppressed) open().suppressed = [...(entry!.suppressed ?? []), ...suppressed];
        current = undefined;
        return;
      }
      const keyword = KEYWORD.exec(body);
      if (keyword) {
        const name = keyword[1]!;
        if ((name === "msgctxt" || name === "msgid") && has("msgstr")) finish();
        current = { keyword: name, pieces: [], line: lineNo };
        open().strings.push(current);
        if (entry!.broken) return;
        const before = (prefix: string) => entry!.strings.slice(0, -1).some((s) => s.keyword.startsWith(prefix));
        const misplaced =
          name === "msgctxt" ? before("msg") && "msgctxt after msgid"
          : name === "msgid" ? before("msgid") && "msgid without a msgstr before it"
          : !before("msgid") && `${name} without msgid`;
        if (misplaced) return broken(misplaced, lineNo, indent + 1);
      } else if (!body.startsWith('"')) {
        if (has("msgstr")) finish();
        return broken("expected a comment, msgctxt, msgid, msgid_plural, msgstr or a quoted string", lineNo, indent + 1);
      } else if (!current) {
        return broken("a string without a keyword before it", lineNo, indent + 1);
      }
      if (entry!.broken) return;
      const from = indent + (keyword ? keyword[0].length : 0);
      const piece = readString(line, from, start);
      if ("error" in piece) return broken(piece.error, lineNo, piece.column);
      current!.pieces.push(piece);
    });
    finish();
    errors.push(...skipped.errors(path));
    for (const f of fields) {
      if (languages.language) f.tgtLang = languages.language;
      if (languages.sourceLanguage) f.srcLang = languages.sourceLanguage;
    }
    return parsedFromFields(text, path, fields, errors, languages, untranslated);
  },
};

/** The quoted string at `from` in a line that starts at file offset `lineStart`. */
function readString(line: string, from: number, lineStart: number): Piece | { error: string; column: number } {
  if (line[from] !== '"') return { error: "expected a quoted string", column: from + 1 };
  const parts: string[] = [];
  const runs: Run[] = [];
  let length = 0;
  const copy = (part: string, file: number) => {
    runs.push({ at: length, file });
    parts.push(part);
    length += part.length;
  };
  let i = from + 1;
  for (;;) {
    SPECIAL.lastIndex = i;
    const stop = SPECIAL.exec(line)?.index;
    if (stop === undefined) return { error: "string not closed", column: from + 1 };
    if (stop > i) copy(line.slice(i, stop), lineStart + i);
    i = stop;
    if (line[i] === '"') break;
    const code = ESCAPE.exec(line.slice(i + 1, i + 5))?.[0];
    if (!code) return { error: `unknown escape "\\${line[i + 1] ?? ""}"`, column: i + 1 };
    copy(decodeEscape(code), lineStart + i);
    i += 1 + code.length;
  }
  const after = line.slice(i + 1);
  if (after.trim()) return { error: "unexpected text after the string", column: i + 2 + after.length - after.trimStart().length };
  runs.push({ at: length, file: lineStart + i });
  return { value: parts.join(""), runs, start: lineStart + from + 1, end: lineStart + i };
}

function decodeEscape(code: string): string {
  if (/^[0-7]/.test(code)) return String.fromCharCode(parseInt(code, 8));
  if (code[0] === "x") return String.fromCharCode(parseInt(code.slice(1), 16));
  return DECODED[code] ?? code;
}
