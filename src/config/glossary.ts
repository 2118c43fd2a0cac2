/**
 * Glossary files for config `termFiles`: CSV (or TSV, by extension or by a tab in the header)
 * with a header row naming the columns `source`, `target` and, optionally, `forbidden`
 * (also `term`/`src` and `translation`/`tgt`/`approved`, `forbidden variants`/`avoid`).
 * Several approved targets or forbidden variants in one field are separated by "|" or ";".
 * RFC 4180 quoting; blank lines and rows with an empty source or target are skipped.
 *
 * Or a TBX termbase (.tbx): TBX-Basic 2 (<termEntry>/<langSet xml:lang>/<tig>/<term>) and 3
 * (<conceptEntry>/<langSec>/<termSec>), TBX-Min (<entry>/<langGroup>/<termGroup>). A concept gives
 * an entry for each pair of its languages, tied to them: any term in one language is a source
 * term; the other language's preferred (then admitted, then unmarked) terms are the approved
 * targets, its deprecated, superseded or not-recommended terms the forbidden variants.
 */
import { readFileSync } from "node:fs";
import { configError } from "../core/errors.js";
import type { GlossaryEntry } from "../core/rule.js";
import { primaryLanguage } from "../engine/lint.js";
import { LineIndex } from "../formats/lines.js";
import { findAll, parseXml, plainTextOf, type XmlElement } from "../formats/xml.js";

const COLUMNS: Record<string, string[]> = {
  source: ["source", "sourceterm", "src", "term"],
  target: ["target", "targetterm", "translation", "tgt", "approved"],
  forbidden: ["forbidden", "forbiddenvariants", "avoid", "donotuse", "variants"],
};

const cache = new Map<string, GlossaryEntry[]>();

export function readGlossaryFile(path: string, display = path): GlossaryEntry[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw configError(`cannot read term file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: display });
  }
  const cached = cache.get(`${path}\0${text}`);
  if (cached) return cached;
  const body = text.replace(/^\uFEFF/u, "");
  const lower = path.toLowerCase();
  const entries = lower.endsWith(".tbx") ? parseTbx(body, display) : parseGlossary(body, display, lower.endsWith(".tsv") ? "\t" : undefined);
  cache.set(`${path}\0${text}`, entries);
  return entries;
}

export function parseGlossary(text: string, display: string, separator?: string): GlossaryEntry[] {
  const sep = separator ?? (text.split("\n", 1)[0]!.includes("\t") ? "\t" : ",");
  const rows = readRows(text, sep, display);
  const [header, ...body] = rows;
  if (!header) return [];
  const names = header.cells.map((c) => c.toLowerCase().replace(/[\s_-]+/gu, ""));
  const column = (role: string) => names.findIndex((n) => COLUMNS[role]!.includes(n));
  const [source, target, forbidden] = [column("source"), column("target"), column("forbidden")];
  if (source === -1 || target === -1) throw configError(`term file needs a header with "source" and "target" columns`, { file: display, line: header.line, column: 1 });
  const split = (field: string | undefined) => (field ?? "").split(/[|;]/u).map((s) => s.trim()).filter(Boolean);
  return body.flatMap((row) => {
    const src = row.cells[source]?.trim();
    const targets = split(row.cells[target]);
    if (!src || targets.length === 0) return [];
    return [{ source: src, targets, forbidden: forbidden === -1 ? [] : split(row.cells[forbidden]), origin: `${display}:${row.line}` }];
  });
}

const TBX = {
  entry: new Set(["termEntry", "conceptEntry", "entry"]),
  language: new Set(["langSet", "langSec", "langGroup"]),
  term: new Set(["tig", "ntig", "termSec", "termGroup"]),
};
const DEPRECATED = /deprecated|superseded|notRecommended|obsolete/iu;
const NO_CODE: ReadonlySet<string> = new Set();

interface TbxTerms {
  language: string;
  approved: string[];
  forbidden: string[];
  all: string[];
}

export function parseTbx(text: string, display: string): GlossaryEntry[] {
  const roots = parseXml(text, display);
  // The XML parser's message may quote the file, which need not be a termbase at all: only the position is shown.
  if (!Array.isArray(roots)) throw configError("term file: malformed XML; expected a TBX termbase", { ...roots.location, file: display });
  const lines = new LineIndex(text);
  const textOf = (e: XmlElement) => plainTextOf(text, e, NO_CODE).trim();
  return findAll(roots, (e) => TBX.entry.has(e.name)).flatMap((concept) => {
    const languages = findAll(concept.children, (e) => TBX.language.has(e.name)).flatMap((set): TbxTerms[] => {
      const language = primaryLanguage(set.attrs.lang);
      if (!language) return [];
      const preferred: string[] = [];
      const admitted: string[] = [];
      const forbidden: string[] = [];
      const groups = findAll(set.children, (e) => TBX.term.has(e.name));
      for (const group of groups.length ? groups : [set]) {
        const status = findAll(group.children, (e) => (e.name === "termNote" && e.attrs.type === "administrativeStatus") || e.name === "termStatus")[0];
        const statusText = status ? textOf(status) : "";
        for (const term of findAll(group.children, (e) => e.name === "term").map(textOf).filter(Boolean)) {
          (DEPRECATED.test(statusText) ? forbidden : /preferred/iu.test(statusText) ? preferred : admitted).push(term);
        }
      }
      return [{ language, approved: [...preferred, ...admitted], forbidden, all: [...preferred, ...admitted, ...forbidden] }];
    });
    const origin = `${display}:${lines.position(concept.start).line}`;
    return languages.flatMap((from) =>
      languages
        .filter((to) => to.language !== from.language && to.approved.length > 0)
        .flatMap((to) => from.all.map((source) => ({ source, targets: to.approved, forbidden: to.forbidden, origin, sourceLanguage: from.language, language: to.language }))),
    );
  });
}

/** RFC 4180 rows, each with the line it starts on; blank lines are skipped. */
function readRows(text: string, sep: string, display: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let value = "";
      if (text[i] === '"') {
        for (i++; ; ) {
          const quote = text.indexOf('"', i);
          if (quote === -1) throw configError("quoted field not closed", { file: display, line: start });
          value += text.slice(i, quote);
          line += (text.slice(i, quote).match(/\n/gu) ?? []).length;
          if (text[quote + 1] === '"') {
            value += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
      }
      while (i < text.length && text[i] !== sep && text[i] !== "\n") value += text[i++];
      cells.push(value.replace(/\r$/u, ""));
      if (text[i] !== sep) break;
      i++;
    }
    i++;
    line++;
    if (cells.length > 1 || cells[0]!.trim() !== "") rows.push({ cells, line: start });
  }
  return rows;
}
