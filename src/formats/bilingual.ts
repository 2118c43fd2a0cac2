/**
 * What the bilingual readers (XLIFF, TMX, PO, CSV/TSV) share: each finds, for every segment, the
 * stretch of the file that holds its target and a way to encode a new target for that stretch.
 * Positions map target offsets to file offsets; writing splices each edit of a target, its text
 * escaped, into the file where the edited text is, so everything else keeps its bytes.
 */
import { inputError, SkippedPartsError, type MtlintError } from "../core/errors.js";
import type { Document, Edit, Segment, Span } from "../core/types.js";
import { applyEdits } from "../core/edits.js";
import { languageName } from "../core/language.js";
import type { FileEdit, ParsedFile } from "./format.js";
import { LineIndex } from "./lines.js";
import { editedSegments, writeTargets } from "./write.js";

export interface Field {
  id: string;
  target: string;
  source?: string;
  rawSource?: string;
  srcLang?: string;
  tgtLang?: string;
  masked?: Span[];
  /** Rule ids (or "*") switched off for this segment by a note or comment in the file. */
  suppressed?: string[];
  context?: string;
  maxLength?: number;
  maxLengthUnit?: "byte";
  /** Where the target is written in the file (for CSV: the field with its quotes). */
  raw: Span;
  /**
   * For targets decoded from the file (escapes, doubled quotes): from target offset `at` on, the
   * target is copied from file offset `file` on, up to the next run; an escape is a run of its own.
   * Absent when the target is the file text at `raw.start`.
   */
  runs?: Run[];
  /** The file text of text inserted into the target (escaped, quotes doubled). */
  escape(text: string): string;
  /** The whole field for a new target, when splicing the edits is not enough (an unquoted CSV field that now needs quotes). */
  whole?(target: string): string | undefined;
}

export interface Run {
  at: number;
  file: number;
}

export interface Languages {
  language?: string;
  sourceLanguage?: string;
}

/** Fields must be in file order and must not overlap. */
export function parsedFromFields(text: string, path: string, fields: Field[], errors: MtlintError[], languages: Languages = {}, skipped = 0): ParsedFile {
  const lines = new LineIndex(text);
  const fileOffset = (f: Field, offset: number) => (f.runs ? runOffset(f.runs, offset) : f.raw.start + offset);
  const segments = fields.map((f): Segment => {
    const segment: Segment = { id: f.id, target: f.target, origin: { file: path, ...lines.position(fileOffset(f, 0)) } };
    if (f.source !== undefined) segment.source = f.source;
    if (f.rawSource !== undefined) segment.rawSource = f.rawSource;
    const [srcLang, tgtLang] = [languageTag(f.srcLang), languageTag(f.tgtLang)];
    if (srcLang) segment.srcLang = srcLang;
    if (tgtLang) segment.tgtLang = tgtLang;
    if (f.masked?.length) segment.masked = f.masked;
    if (f.suppressed?.length) segment.suppressed = f.suppressed;
    if (f.context !== undefined) segment.context = f.context;
    if (f.maxLength !== undefined) segment.maxLength = f.maxLength;
    if (f.maxLengthUnit !== undefined) segment.maxLengthUnit = f.maxLengthUnit;
    return segment;
  });
  const document: Document = { path, segments };
  const language = languageTag(languages.language) ?? (segments.some((s) => s.tgtLang) ? undefined : languageFromPath(path));
  const sourceLanguage = languageTag(languages.sourceLanguage);
  if (language) document.language = language;
  if (sourceLanguage) document.sourceLanguage = sourceLanguage;
  const edited = editedSegments(segments);
  const parsed: ParsedFile = {
    document,
    errors,
    ...(skipped > 0 && { skipped }),
    position: (segmentIndex, offset) => lines.position(fileOffset(fields[segmentIndex]!, offset)),
    filePosition: (offset) => lines.position(offset),
    range: (segmentIndex) => fields[segmentIndex]!.raw,
    fileEdits: (edits) =>
      edited(edits).flatMap((i) => {
        const f = fields[i]!;
        const own = edits.get(f.id)!;
        const whole = f.whole?.(applyEdits(f.target, own));
        return whole === undefined ? own.flatMap((e) => fileEditsOf(f, e)) : [{ ...f.raw, text: whole }];
      }),
    // A target read raw from the file (XML) holds inserted text as it was escaped; a decoded one holds it as it is.
    asWritten: (segmentIndex, inserted) => (fields[segmentIndex]!.runs ? inserted : fields[segmentIndex]!.escape(inserted)),
    write: (targets) => writeTargets(text, parsed, targets),
  };
  return parsed;
}

/**
 * Where an edit of a target goes in the file. In a decoded target, an edit that spans a gap between
 * runs (a PO string continued on the next line) is cut there, so that the line break is kept: the
 * inserted text goes before the gap, and the part after it is deleted in its own line.
 */
function fileEditsOf(f: Field, edit: Edit): FileEdit[] {
  const e = trimmed(edit);
  const text = f.escape(e.text);
  if (!f.runs) return [{ start: f.raw.start + e.start, end: f.raw.start + e.end, text }];
  const runs = f.runs;
  if (e.start === e.end) {
    const at = runOffset(runs, e.start);
    return [{ start: at, end: at, text }];
  }
  const cuts = [e.start, ...gapsWithin(runs, e.start, e.end), e.end];
  return cuts.slice(1).map((end, k) => ({ start: runOffset(runs, cuts[k]!), end: runEndOffset(runs, end), text: k === 0 ? text : "" }));
}

/** The edit without the text it keeps at its ends ("!" → " !" inserts " "), so that the file's own escapes of that text stay. */
function trimmed(e: Edit): Edit {
  const high = (c: string | undefined) => c !== undefined && c >= "\ud800" && c <= "\udbff";
  let prefix = 0;
  while (prefix < e.expected.length && prefix < e.text.length && e.expected[prefix] === e.text[prefix]) prefix++;
  if (high(e.expected[prefix - 1])) prefix--;
  let suffix = 0;
  const room = Math.min(e.expected.length, e.text.length) - prefix;
  while (suffix < room && e.expected[e.expected.length - 1 - suffix] === e.text[e.text.length - 1 - suffix]) suffix++;
  if (suffix > 0 && high(e.expected[e.expected.length - 1 - suffix])) suffix--;
  return {
    start: e.start + prefix,
    end: e.end - suffix,
    text: e.text.slice(prefix, e.text.length - suffix),
    expected: e.expected.slice(prefix, e.expected.length - suffix),
  };
}

/** Target offsets strictly between `start` and `end` where the file text jumps (two runs at one offset). */
function gapsWithin(runs: Run[], start: number, end: number): number[] {
  const gaps: number[] = [];
  for (let k = firstRunAtOrAfter(runs, start + 1); k + 1 < runs.length && runs[k]!.at < end; k++) {
    if (runs[k + 1]!.at === runs[k]!.at && runs[k + 1]!.file !== runs[k]!.file) gaps.push(runs[k]!.at);
  }
  return gaps;
}

function firstRunAtOrAfter(runs: Run[], offset: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.at < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The file offset where the target text before `offset` ends: at a gap, before it (the first of the runs there). */
function runEndOffset(runs: Run[], offset: number): number {
  const k = firstRunAtOrAfter(runs, offset);
  if (runs[k]?.at === offset) return runs[k]!.file;
  return runs[k - 1]!.file + offset - runs[k - 1]!.at;
}

/** A language the file declares, if it is a language tag ("pt_BR" counts): anything else could choose no rules and breaks word segmentation. */
function languageTag(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    Intl.getCanonicalLocales(tag.replace(/_/g, "-"));
    return tag;
  } catch {
    return undefined;
  }
}

/** A language code, or a locale with a region (de_DE, zh-CN), of a language Intl knows. */
function localeName(name: string): string | undefined {
  if (!/^[a-z]{2,3}(?:[-_][A-Za-z]{2,4}(?:[-_][A-Za-z0-9]{2,8})?)?$/iu.test(name)) return undefined;
  return languageName(name) ? languageTag(name.replace(/_/gu, "-")) : undefined;
}

/** Folders that hold one folder per language ("locale/de/app.po", "i18n/fr/strings.json"). */
const LANGUAGE_FOLDERS = /^(?:locales?|i18n|l10n|langs?|languages?|translations?|po|intl|nls)$/iu;

/**
 * The target language a file's name or folder says, for files that do not say it themselves:
 * "de_DE.csv", "messages.de.xlf", "validators.zh_CN.xlf", "fr/LC_MESSAGES/app.po", "locale/de/app.po".
 * A folder's name counts only where a folder says what its subfolders are (LC_MESSAGES below it, a
 * "locale" or "i18n" folder above it) or when it names a region too ("pt_BR"): "tmp" and "mt" are
 * language codes too (Tok Pisin's and Maltese), and "/tmp/out.jsonl" or "mt/batch.jsonl" are English.
 */
export function languageFromPath(path: string): string | undefined {
  const parts = path.split(/[\\/]/u).filter(Boolean);
  const base = parts.pop() ?? "";
  const stem = base.replace(/\.[^.]*$/u, "");
  const dotted = stem.split(".");
  const folder = parts.at(-1) === "LC_MESSAGES" ? parts.at(-2) : parts.at(-1);
  const folderSaysLanguage = folder !== undefined && (parts.at(-1) === "LC_MESSAGES" || LANGUAGE_FOLDERS.test(parts.at(-2) ?? "") || /[-_]/u.test(folder));
  return localeName(stem) ?? (dotted.length > 1 ? localeName(dotted.at(-1)!) : undefined) ?? (folderSaysLanguage ? localeName(folder) : undefined);
}

/** The file offset of a target offset: in the last run starting at or before it. */
export function runOffset(runs: Run[], offset: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid]!.at <= offset) lo = mid;
    else hi = mid - 1;
  }
  return runs[lo]!.file + offset - runs[lo]!.at;
}

/**
 * Untranslated units are normal in a partly translated file: they are counted, not reported. A file
 * where no unit has a target is an error, at the first unit, saying what was expected there.
 */
export class UntranslatedUnits {
  count = 0;
  private first?: { expected: string; line: number; column: number };

  add(expected: string, where: { line: number; column: number }): void {
    this.count++;
    this.first ??= { expected, ...where };
  }

  /** The error for a file with nothing translated, if that is this file. */
  errorIfNothingTranslated(path: string, translated: number): MtlintError[] {
    if (translated > 0 || !this.first) return [];
    const { expected, line, column } = this.first;
    return [inputError(`nothing to check: no unit has a translation (expected ${expected})`, { file: path, line, column })];
  }
}

/**
 * Parts of a file that cannot be read (a ragged CSV row, a broken PO entry, a JSONL line that is not
 * a record) are skipped, the rest of the file read. They are reported once per file and kind of
 * problem, with their count and where the first is: a file broken throughout is one line, not one per part.
 */
export class SkippedParts {
  private readonly kinds = new Map<string, { problem: string; count: number; where: { line: number; column?: number } }>();

  /** `unit` and `units`: what a part is called ("row", "rows"). */
  constructor(
    private readonly unit: string,
    private readonly units: string,
  ) {}

  /** `problem` says what was expected, of the first part of its kind; `kind` groups parts whose problems differ in detail. */
  add(problem: string, where: { line: number; column?: number }, kind = problem): void {
    const seen = this.kinds.get(kind);
    if (seen) seen.count++;
    else this.kinds.set(kind, { problem, count: 1, where });
  }

  errors(path: string): MtlintError[] {
    return [...this.kinds].map(([kind, { problem, count, where }]) => new SkippedPartsError({ unit: this.unit, units: this.units, kind, problem, count }, { file: path, ...where }));
  }
}

/** Segment ids must be unique (fixes are keyed by them): a repeated id gets its line appended. */
export function uniqueIds(): (id: string, line: number) => string {
  const seen = new Set<string>();
  return (id, line) => {
    const unique = seen.has(id) ? `${id}@line-${line}` : id;
    seen.add(unique);
    return unique;
  };
}

/** `mtlint-disable rule-id …` (no ids: every rule) in a translator's note or comment. */
export function suppressionsIn(note: string): string[] | undefined {
  const m = /\bmtlint-disable\b([^\n]*)/.exec(note);
  if (!m) return undefined;
  const ids = m[1]!.split(/[\s,]+/).filter((id) => /^[\w*][\w/*-]*$/.test(id));
  return ids.length ? ids : ["*"];
}
