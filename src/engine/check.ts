/** One file's text through parsing, optional fixing, lint and scoring. Pure: text in, results and new text out. */
import { inputError, MtlintError } from "../core/errors.js";
import type { FileResult, LocatedFinding, LocatedFix, Place, RefusedFix } from "../core/results.js";
import type { Applicability, Document, Finding, Fix, Span } from "../core/types.js";
import type { Format, ParsedFile } from "../formats/format.js";
import { checkedWrite } from "../formats/write.js";
import { detectLanguage } from "../analysis/language.js";
import { closestMatch } from "../analysis/natural.js";
import { matchesRuleId } from "../core/rule.js";
import { corpusOf, type CorpusDocument } from "./corpus.js";
import { fingerprint } from "./fingerprint.js";
import { chosenFix, fixPass } from "./fixes.js";
import { lint, type LintResult, type RuleSet } from "./lint.js";
import { reportedScore, scoreFindings, segmentScores, type Scoring } from "./score.js";

export interface CheckTextOptions {
  ruleSet: RuleSet;
  scoring: Scoring;
  /** Target language when neither --lang nor the file declares one. */
  language?: string;
  /** Overrides what the file declares (--lang). */
  forceLanguage?: string;
  sourceLanguage?: string;
  fix?: Applicability;
  /** Keep the units of corpus rules, for the checks across the files of a run. */
  corpus?: boolean;
  /** The file's name in fingerprints, the same however the file is named (see config/paths.ts); default `path`. */
  fingerprintPath?: string;
  /** Score every segment too (`FileResult.segments`). */
  segments?: boolean;
}

export interface CheckOutcome {
  result: FileResult;
  /** Problems in parts of the file that could not be read. */
  errors: MtlintError[];
  /** With fix: the file's new text, when anything changed. */
  fixedText?: string;
  /** With `corpus`: the units of the corpus rules active for this file. */
  corpus?: CorpusDocument;
}

export function checkText(text: string, path: string, format: Format, options: CheckTextOptions): CheckOutcome {
  const parsed = format.parse(text, path);
  const errors = [...parsed.errors];
  let current = parsed;
  let fixedText: string | undefined;
  let fixes: FileResult["fixes"];
  let linted: LintResult | undefined;
  if (options.fix) {
    const fixed = fixFile(format, parsed, text, path, options, options.fix);
    if ("problem" in fixed) {
      errors.push(fixed.problem);
      fixes = { applied: 0, refused: [] };
    } else {
      fixes = { applied: fixed.applied, refused: [...fixed.refused.values()] };
      // What remains is what the last pass found in the fixed file, at positions in it.
      current = fixed.parsed;
      linted = fixed.lint;
      if (fixed.applied) fixedText = fixed.text;
    }
  }
  const { findings, analyses, active } = linted ?? lint(withLanguages(current.document, options), options.ruleSet);
  const words = analyses.reduce((n, a) => n + a.wordCount, 0);
  const place = placer(current);
  const located: LocatedFinding[] = findings.map((f) => {
    const index = segmentIndex(current, f);
    const segment = current.document.segments[index]!;
    const placed: LocatedFinding = { ...f, ...place.span(index, f), fingerprint: fingerprint(options.fingerprintPath ?? path, f, segment.target) };
    if (f.fix) placed.fix = place.fix(segment.id, f.fix);
    if (f.suggestions) placed.suggestions = f.suggestions.map((s) => place.fix(segment.id, s));
    return placed;
  });
  const card = scoreFindings(located, words, options.scoring);
  const result: FileResult = { path, words, score: reportedScore(card.score), passed: card.passed, findings: located };
  if (options.segments) {
    const segments = current.document.segments.map((s, i) => ({ segmentId: s.id, line: current.position(i, 0).line, words: analyses[i]!.wordCount }));
    result.segments = segmentScores(segments, located, options.scoring);
  }
  const warnings = unknownSuppressions(current.document, options.ruleSet.known);
  if (warnings.length) result.warnings = warnings;
  if (fixes) result.fixes = fixes;
  if (current.skipped) result.skipped = current.skipped;
  return {
    result,
    errors,
    ...(fixedText !== undefined && { fixedText }),
    ...(options.corpus && { corpus: corpusOf(current, analyses, active, options.ruleSet, options.fingerprintPath ?? path) }),
  };
}

/**
 * Where findings and their fixes are in the file: the one mapping from segment offsets (and, for
 * fixes, from the file offsets of their edits) to the file's lines and columns, so that no reporter
 * has to count through escapes itself.
 */
function placer(parsed: ParsedFile) {
  const range = (start: { line: number; column: number }, end: { line: number; column: number }): Place => ({ ...start, endLine: end.line, endColumn: end.column });
  return {
    span: (index: number, { start, end }: Span): Place => range(parsed.position(index, start), parsed.position(index, end)),
    /** The fix with its edits as changes to the file, escaped as the file writes them. */
    fix: (segmentId: string, fix: Fix): LocatedFix => ({
      ...fix,
      changes: parsed.fileEdits(new Map([[segmentId, fix.edits]])).map((e) => ({ ...range(parsed.filePosition(e.start), parsed.filePosition(e.end)), text: e.text })),
    }),
  };
}

/** Suppressions (mtlint-disable in notes and comments) that name no rule the config knows, once per id and file. */
function unknownSuppressions(document: Document, known: ReadonlySet<string> | undefined): string[] {
  if (!known) return [];
  const reported = new Set<string>();
  const warnings: string[] = [];
  for (const segment of document.segments) {
    for (const id of segment.suppressed ?? []) {
      if (id === "*" || reported.has(id) || [...known].some((k) => matchesRuleId(k, id))) continue;
      reported.add(id);
      const hint = closestMatch(id, known);
      warnings.push(`${segment.origin.file}:${segment.origin.line}: mtlint-disable names no rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ""}; it switches nothing off`);
    }
  }
  return warnings;
}

/** Passes of fixing before it is taken as not settling (two rules that undo each other). */
const MAX_PASSES = 5;
/** Restarts, each with the segments that did not settle left unfixed. */
const MAX_ATTEMPTS = 3;

interface FixedFile {
  parsed: ParsedFile;
  text: string;
  applied: number;
  refused: Map<string, RefusedFix>;
  /** The findings of the last pass, which had nothing left to fix. */
  lint: LintResult;
}

type Fixing = FixedFile | { problem: MtlintError };

/**
 * Fixes a file pass by pass: each pass's fixes are written (see checkedWrite) and the file read
 * again, so that every pass sees exactly what a later run would read. Fixing converges: the result
 * is a file whose next pass has nothing to fix, so fixing it again changes nothing. Segments whose
 * fixes keep undoing each other are left as they were, and the result stands only if fixing it
 * again changes nothing; otherwise, and when a write would not read back as intended, the file is
 * left unchanged and the problem says why.
 */
function fixFile(format: Format, parsed: ParsedFile, text: string, path: string, options: CheckTextOptions, allowed: Applicability): Fixing {
  const first = settleLeavingUnsettled(format, parsed, text, path, options, allowed);
  if ("problem" in first || !first.unsettled) return first;
  const again = settleLeavingUnsettled(format, first.parsed, first.text, path, options, allowed);
  if ("problem" in again) return again;
  return again.text === first.text ? first : notSettling(path);
}

const notSettling = (path: string) => ({ problem: inputError("fixes not written: they do not settle (fixes keep undoing each other); file left unchanged", { file: path }) });

function settleLeavingUnsettled(format: Format, parsed: ParsedFile, text: string, path: string, options: CheckTextOptions, allowed: Applicability): (FixedFile & { unsettled: boolean }) | { problem: MtlintError } {
  let frozen = new Set<string>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const outcome = settle(format, parsed, text, path, options, allowed, frozen);
    if (!("unsettled" in outcome)) return "problem" in outcome ? outcome : { ...outcome, unsettled: frozen.size > 0 };
    frozen = new Set([...frozen, ...outcome.unsettled]);
  }
  return notSettling(path);
}

/** Passes until one has nothing to fix; `frozen` segments get no fixes. */
function settle(format: Format, parsed: ParsedFile, text: string, path: string, options: CheckTextOptions, allowed: Applicability, frozen: ReadonlySet<string>): Fixing | { unsettled: string[] } {
  const refused = new Map<string, RefusedFix>();
  let applied = 0;
  for (let pass = 0; ; pass++) {
    const document = withLanguages(parsed.document, options);
    const linted = lint(document, options.ruleSet);
    const fixable = linted.findings.filter((f) => chosenFix(f, allowed));
    const outcome = fixPass(document, fixable.filter((f) => !frozen.has(f.segmentId)), allowed);
    const refuse = (f: Finding, reason: RefusedFix["reason"]) =>
      refused.set(`${f.ruleId}@${f.segmentId}:${f.start}`, { ruleId: f.ruleId, text: f.text, ...parsed.position(segmentIndex(parsed, f), f.start), reason });
    for (const f of outcome.refused) refuse(f, "protected");
    for (const f of fixable) if (frozen.has(f.segmentId)) refuse(f, "unsettled");
    if (!outcome.edits.size) return { parsed, text, applied, refused, lint: linted };
    if (pass === MAX_PASSES) return { unsettled: [...outcome.edits.keys()] };
    const written = checkedWrite(format, parsed, text, path, outcome.edits);
    if (written instanceof MtlintError) return { problem: written };
    applied += outcome.applied.length;
    ({ parsed, text } = written);
  }
}

/** Precedence of the target language: --lang > the file's own > config `language` > detected from the text > "en". */
export function withLanguages(document: Document, options: Pick<CheckTextOptions, "language" | "forceLanguage" | "sourceLanguage">): Document {
  const declared = document.language ?? document.segments.find((s) => s.tgtLang)?.tgtLang;
  return {
    ...document,
    language: options.forceLanguage ?? declared ?? options.language ?? detectDocumentLanguage(document) ?? "en",
    sourceLanguage: document.sourceLanguage ?? document.segments.find((s) => s.srcLang)?.srcLang ?? options.sourceLanguage,
  };
}

/** How much of a document's text language detection reads. */
const DETECTION_SAMPLE = 20_000;

/** The language of the document's first ~20 kB of target text, when detection is sure enough. */
export function detectDocumentLanguage(document: Document): string | undefined {
  let sample = "";
  for (const s of document.segments) {
    if (sample.length >= DETECTION_SAMPLE) break;
    sample += `${s.target}\n\n`;
  }
  return detectLanguage(sample.slice(0, DETECTION_SAMPLE))?.language;
}

const segmentIndexes = new WeakMap<ParsedFile, Map<string, number>>();

function segmentIndex(parsed: ParsedFile, finding: Finding): number {
  let index = segmentIndexes.get(parsed);
  if (!index) segmentIndexes.set(parsed, (index = new Map(parsed.document.segments.map((s, i) => [s.id, i]))));
  return index.get(finding.segmentId)!;
}
