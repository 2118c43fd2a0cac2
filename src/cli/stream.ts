/**
 * Large JSONL, plain text and CSV/TSV files, checked in batches of lines so that memory stays flat
 * however large the file: each batch is parsed, checked (and fixed into a temporary file) on its
 * own — in the worker pool when there is one, a few batches at a time — and its findings are handed
 * to `onFindings` in file order as they come (or kept); only counts and the score accumulate.
 * A batch ends where a segment does (a blank line in text, the end of a record in CSV/TSV), and
 * CSV/TSV batches after the first start with the header row, so that each reads as the file would;
 * text that would make too large a batch is also cut at a line end, or inside a line (BATCH_CHARS).
 * Document rules (consistency across segments) see one batch at a time.
 */
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { escapeControls, MtlintError, skippedMessage, type SkippedKind } from "../core/errors.js";
import type { FileResult, LocatedFinding, LocatedFix, Place, ProblemReport, SegmentScore, StreamedCounts } from "../core/results.js";
import type { Severity } from "../core/types.js";
import type { ResolvedConfig } from "../config/config.js";
import type { CorpusDocument } from "../engine/corpus.js";
import { passes, penaltyOf, reportedScore, scoreOf, segmentScores } from "../engine/score.js";
import { formatFor } from "../formats/index.js";
import type { Format } from "../formats/format.js";
import { pieceEnd } from "../formats/text.js";
import { checkBatch, withOverrides, type BatchJob, type BatchOutcome, type FileOutcome, type FileSettings } from "./check-file.js";
import type { TaskPool } from "./pool.js";
import { fixError, identityOf, Replacement, type FileIdentity } from "./safe-write.js";

/** Files this large are streamed rather than read whole (read whole, a file costs ~75× its size in memory). */
export const STREAM_MIN_BYTES = 4 * 1024 * 1024;
const BATCH_LINES = 2000;
/**
 * A batch also ends once it holds this many UTF-16 units: at the end of a segment, or in plain
 * text (whose lines may be one paragraph) at any line end, and within a line longer than this
 * (see pieceEnd). Memory then stays bounded for text without blank lines.
 */
const BATCH_CHARS = 1 << 20;
const READ_BYTES = 1024 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Batches in flight per worker: enough to keep every worker busy, few enough to keep memory flat. */
const IN_FLIGHT_PER_WORKER = 2;

/** Formats read line by line, and how each tells where a batch may end. */
const STREAMED_FORMATS: Record<string, () => BatchBoundaries> = {
  jsonl: () => ({ endsBatch: () => true }),
  text: () => ({ endsBatch: (line) => BLANK_LINE.test(line) }),
  csv: () => new DelimitedBoundaries([",", ";"]),
  tsv: () => new DelimitedBoundaries(["\t"]),
};
/** A paragraph separator of the text format (see splitParagraphs). */
const BLANK_LINE = /^[ \t\r]*$/;

export function isStreamable(path: string): boolean {
  if (!(formatFor(path).name in STREAMED_FORMATS)) return false;
  try {
    if (statSync(path).size < STREAM_MIN_BYTES) return false;
    // UTF-16 files are read whole: batches are decoded as UTF-8.
    const input = openSync(path, "r");
    const bom = Buffer.alloc(2);
    readSync(input, bom, 0, 2, 0);
    closeSync(input);
    return !((bom[0] === 0xff && bom[1] === 0xfe) || (bom[0] === 0xfe && bom[1] === 0xff));
  } catch {
    return false; // reported when it is read
  }
}

/** Where a streamed file may be cut into batches, fed its lines in order. */
interface BatchBoundaries {
  /** Whether a batch may end after this line. */
  endsBatch(line: string): boolean;
  /** Lines every batch after the first starts with (a header row), once they are known. */
  header?: string[];
}

/**
 * CSV/TSV (see src/formats/csv.ts): a quoted field may hold line breaks, so a batch ends only where
 * a record does. The header is the first record that is not blank, with any blank lines before it.
 * A quote opens a field only after the separator, so that is taken from the first line that is not
 * blank (a CSV file may separate its fields with ";"): the candidate it holds most often.
 */
class DelimitedBoundaries implements BatchBoundaries {
  header?: string[];
  private readonly lines: string[] = [];
  private inQuotes = false;
  private separator?: string;

  constructor(private readonly candidates: readonly string[]) {}

  endsBatch(line: string): boolean {
    if (this.separator === undefined && !/^\r?$/.test(line)) this.separator = mostFrequent(this.candidates, line);
    const continued = this.inQuotes;
    this.inQuotes = this.stillQuoted(line);
    if (!this.header) {
      this.lines.push(line);
      if (!this.inQuotes && (continued || !/^\r?$/.test(line))) this.header = this.lines;
    }
    return !this.inQuotes;
  }

  /** Whether a quoted field is still open at the end of this line (RFC 4180, as readRows reads it). */
  private stillQuoted(line: string): boolean {
    let quoted = this.inQuotes;
    let fieldStart = !quoted;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c !== '"') continue;
        if (line[i + 1] === '"') i++;
        else quoted = false;
      } else if (fieldStart && c === '"') {
        quoted = true;
      }
      fieldStart = !quoted && c === this.separator;
    }
    return quoted;
  }
}

/** The candidate that occurs most often in the line (the first of those tied). */
function mostFrequent(candidates: readonly string[], line: string): string {
  const count = (c: string) => line.split(c).length - 1;
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best));
}

/** Standard input streamed as a file is: the bytes already read, then the rest as it comes. */
export interface StreamedStdin {
  prefix: Buffer;
  /** Reads the next bytes into `into`; 0 at the end of the input. */
  read: (into: Buffer) => number;
  format: Format;
}

/** Whether input in this format can be streamed. */
export const streamsFormat = (format: Format) => format.name in STREAMED_FORMATS;

/** `path` names the file (for stdin: the name it is reported under); `stdin` streams standard input instead of reading `path`. */
export async function streamFile(
  path: string,
  settings: FileSettings,
  config: ResolvedConfig,
  /** Each batch's findings as they come (and with --per-segment its segments, scored on those findings). */
  onFindings?: (path: string, findings: LocatedFinding[], segments?: SegmentScore[]) => void,
  pool?: TaskPool,
  /** A baseline: findings it holds are dropped before they are counted or handed on. */
  keep?: (finding: LocatedFinding) => boolean,
  stdin?: StreamedStdin,
): Promise<FileOutcome> {
  const scoring = withOverrides(config.scoring, settings);
  const errors: ProblemReport[] = [];
  /** Skipped parts by kind, over all batches: reported once, at the first, as for the file read whole. */
  const skipped = new Map<string, ProblemReport & { skipped: SkippedKind }>();
  const kept: LocatedFinding[] = [];
  // Each batch is a document of its own for the corpus rules (as for the document rules).
  const corpus: CorpusDocument[] = [];
  const counts: StreamedCounts = { findings: 0, byCategory: {}, bySeverity: { minor: 0, major: 0, critical: 0 }, penalty: 0 };
  let words = 0;
  const input = stdin ? undefined : openSync(path, "r");
  const opened = input === undefined ? undefined : fstatSync(input);
  const readChunk = stdin ? afterPrefix(stdin) : (into: Buffer) => readSync(input!, into, 0, into.length, null);
  let out: Replacement | undefined;
  // Stdin is never fixed (the command refuses it).
  if (opened && settings.fix && !settings.dryRun) {
    try {
      out = Replacement.open(path, fixError(path));
    } catch (e) {
      if (!(e instanceof MtlintError)) throw e;
      errors.push(e.toProblem()); // still checked, not written
    }
  }
  /** What the fix must find unchanged before it replaces the file. */
  const hash = out && createHash("sha256");
  /** Whether the input read so far ends with a line break: once it is all read, whether the last line has one. */
  let endsWithNewline = false;
  const format = stdin?.format ?? formatFor(path);
  const boundaries = STREAMED_FORMATS[format.name]!();
  /** The header lines that batches start with: none until the first batch has gone with them. */
  let header: string[] = [];
  let firstLine = 1;
  /** Batches sent and not yet taken in, oldest first: taken strictly in order. */
  /** Units of the file's current line that earlier batches took (a text line too long for one batch). */
  let continued = 0;
  const inFlight: { lines: number; column: number; own: string; header: { lines: number; chars: number }; outcome: Promise<BatchOutcome> }[] = [];
  const takeOldest = async () => {
    const batch = inFlight.shift()!;
    const outcome = await batch.outcome;
    // Lines of the header that starts the batch belong to the first batch, which reported them.
    const shift = firstLine - 1 - batch.header.lines;
    const own = (line: number) => line > batch.header.lines;
    for (const p of outcome.errors) {
      if (p.line === undefined) errors.push(p);
      else if (own(p.line)) errors.push({ ...p, line: p.line + shift });
    }
    for (const p of outcome.skipped) {
      const key = `${p.skipped.units}\u0000${p.skipped.kind}`;
      const first = skipped.get(key);
      if (first) first.skipped.count += p.skipped.count;
      else skipped.set(key, { ...p, ...(p.line !== undefined && { line: p.line + shift }), skipped: { ...p.skipped } });
    }
    // A batch that continues a line: columns on its first line count from where that line started.
    const column = (line: number, c: number) => (line === batch.header.lines + 1 ? c + batch.column : c);
    const inFile = (p: Place): Place => ({ line: p.line + shift, column: column(p.line, p.column), endLine: p.endLine + shift, endColumn: column(p.endLine, p.endColumn) });
    const fixInFile = (fix: LocatedFix): LocatedFix => (fix.changes ? { ...fix, changes: fix.changes.map((c) => ({ ...c, ...inFile(c) })) } : fix);
    const shifted = outcome.findings
      .filter((f) => own(f.line))
      .map((f) => ({ ...f, ...inFile(f), ...(f.fix && { fix: fixInFile(f.fix) }), ...(f.suggestions && { suggestions: f.suggestions.map(fixInFile) }) }));
    const findings = keep ? shifted.filter(keep) : shifted;
    words += outcome.words;
    if (outcome.corpus) {
      for (const u of outcome.corpus.flatMap((part) => part.units)) Object.assign(u, inFile(u));
      corpus.push(outcome.corpus);
    }
    for (const f of findings) {
      counts.findings++;
      counts.byCategory[f.category] = (counts.byCategory[f.category] ?? 0) + 1;
      counts.bySeverity[f.severity]++;
      counts.penalty += penaltyOf(f, scoring);
    }
    const segments = outcome.segments && segmentScores(outcome.segments.filter((s) => own(s.line)).map((s) => ({ ...s, line: s.line + shift })), findings, scoring);
    if (onFindings) onFindings(path, findings, segments);
    else kept.push(...findings);
    out?.write(outcome.fixedText?.slice(batch.header.chars) ?? batch.own);
    firstLine += batch.lines;
    // Lets a signal in between batches (its handler removes the temporary file), even when every batch is checked here.
    if (out) await new Promise(setImmediate);
  };
  /** `partial`: the last line is the start of a line that the next batch continues. */
  const send = async (lines: string[], last: boolean, partial = false) => {
    // With its line break, as in the file: a CSV field must not keep the "\r" of a CRLF.
    const own = `${lines.join("\n")}${partial || (last && !endsWithNewline) ? "" : "\n"}`;
    const prefix = header.length ? `${header.join("\n")}\n` : "";
    const job: BatchJob = { path, format: format.name, text: prefix + own, settings };
    // A file that is one batch (text without blank lines) is checked here: workers would only add their start-up.
    const viaPool = pool && !(last && firstLine === 1 && !inFlight.length);
    const outcome = viaPool ? pool.run({ batch: job }).then((reply) => (reply as { batch: BatchOutcome }).batch) : Promise.resolve(checkBatch(job, config));
    inFlight.push({ lines: partial ? lines.length - 1 : lines.length, column: continued, own, header: { lines: header.length, chars: prefix.length }, outcome });
    continued = partial ? (lines.length === 1 ? continued : 0) + lines.at(-1)!.length : 0;
    header = boundaries.header ?? [];
    while (inFlight.length > (pool ? pool.size * IN_FLIGHT_PER_WORKER : 0)) await takeOldest();
  };
  let finished = false;
  try {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const buffer = Buffer.alloc(READ_BYTES);
    let carry = "";
    let pending: string[] = [];
    let pendingChars = 0;
    const sendPending = async (partial = false) => {
      await send(pending, false, partial);
      pending = [];
      pendingChars = 0;
    };
    // Text may be cut anywhere: a line longer than a batch is sent in pieces, the rest returned.
    const cutsLines = format.name === "text";
    const withoutLongStart = async (line: string) => {
      while (cutsLines && line.length > BATCH_CHARS) {
        const end = pieceEnd(line, 0, BATCH_CHARS);
        pending.push(line.slice(0, end));
        await sendPending(true);
        line = line.slice(end);
      }
      return line;
    };
    for (let first = true; ; first = false) {
      const read = readChunk(buffer);
      hash?.update(buffer.subarray(0, read));
      // The decoder drops a UTF-8 BOM; the fixed file keeps it. (A file this large has it whole in its first chunk.)
      if (first && out && buffer.subarray(0, Math.min(read, 3)).equals(UTF8_BOM)) out.write(UTF8_BOM);
      if (read > 0) endsWithNewline = buffer[read - 1] === 0x0a;
      // Only the new text is split: a long line is not split again with every chunk of it.
      const lines = decoder.decode(buffer.subarray(0, read), { stream: read > 0 }).split("\n");
      lines[0] = carry + lines[0];
      carry = read > 0 ? lines.pop()! : "";
      if (read === 0 && carry === "" && lines.at(-1) === "") lines.pop();
      for (const whole of lines) {
        const line = await withoutLongStart(whole);
        const endsBatch = boundaries.endsBatch(line);
        pending.push(line);
        pendingChars += line.length + 1;
        if (endsBatch ? pending.length >= BATCH_LINES || pendingChars >= BATCH_CHARS : cutsLines && pendingChars >= BATCH_CHARS) await sendPending();
      }
      carry = await withoutLongStart(carry);
      if (read === 0) break;
    }
    if (pending.length) await send(pending, true);
    while (inFlight.length) await takeOldest();
    finished = true;
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    errors.push({ kind: "input", file: path, message: "invalid UTF-8; expected UTF-8 text" });
    while (inFlight.length) await takeOldest(); // the lines before the bad bytes are still reported
    finished = true;
  } finally {
    if (input !== undefined) closeSync(input);
    // An error thrown on the way leaves the file as it was.
    if (!finished) out?.abort();
  }
  for (const { skipped: kind, ...problem } of skipped.values()) errors.push({ ...problem, message: escapeControls(skippedMessage(kind)) });
  if (out) finishFix(path, out, identityOf(opened!, hash!.digest("hex")), errors);
  const score = scoreOf(counts.penalty, words);
  const result: FileResult = {
    path,
    words,
    score: reportedScore(score),
    passed: passes(score, (Object.keys(counts.bySeverity) as Severity[]).filter((s) => counts.bySeverity[s] > 0), scoring),
    findings: kept,
    ...(onFindings && { streamed: counts }),
  };
  return { result, errors, ...(settings.corpus && { corpus }) };
}

/** Reads stdin's prefix first, then the rest of the input. */
function afterPrefix({ prefix, read }: StreamedStdin): (into: Buffer) => number {
  let offset = 0;
  return (into) => {
    if (offset >= prefix.length) return read(into);
    const n = prefix.copy(into, 0, offset);
    offset += n;
    return n;
  };
}

/** The fixed copy replaces the file only when every line was read, and the file is still the one that was read. */
function finishFix(path: string, out: Replacement, original: FileIdentity, errors: ProblemReport[]): void {
  if (errors.length) {
    out.abort();
    errors.push(fixError(path)("parts of this file could not be read").toProblem());
    return;
  }
  try {
    out.commit(original);
  } catch (e) {
    if (!(e instanceof MtlintError)) throw e;
    errors.push(e.toProblem());
  }
}
