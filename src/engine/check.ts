/** One file's text through parsing, optional fixing, lint and scoring. Pure: text in, results and new text out. */
import type { MtlintError } from "../core/errors.js";
import type { FileResult, LocatedFinding } from "../core/results.js";
import type { Applicability, Document, Finding } from "../core/types.js";
import type { Format, ParsedFile } from "../formats/format.js";
import { detectLanguage } from "../analysis/language.js";
import { corpusOf, type CorpusDocument } from "./corpus.js";
import { fingerprint } from "./fingerprint.js";
import { fixDocument } from "./fix.js";
import { lint, type RuleSet } from "./lint.js";
import { scoreFindings, type Scoring } from "./score.js";

export interface CheckOptions {
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

export function checkText(text: string, path: string, format: Format, options: CheckOptions): CheckOutcome {
  const parsed = format.parse(text, path);
  let current = parsed;
  let fixedText: string | undefined;
  let fixes: FileResult["fixes"];
  if (options.fix) {
    const document = withLanguages(parsed.document, options);
    const fixed = fixDocument(document, options.ruleSet, options.fix);
    fixes = { applied: fixed.applied.length, refused: fixed.refused.map((f) => ({ ruleId: f.ruleId, text: f.text, ...parsed.position(segmentIndex(parsed, f), f.start) })) };
    if (fixed.applied.length) {
      fixedText = parsed.write(new Map(fixed.document.segments.map((s) => [s.id, s.target])));
      // Positions of what remains refer to the fixed file.
      current = format.parse(fixedText, path);
    }
  }
  const { findings, analyses, active } = lint(withLanguages(current.document, options), options.ruleSet);
  const words = analyses.reduce((n, a) => n + a.wordCount, 0);
  const located: LocatedFinding[] = findings.map((f) => {
    const index = segmentIndex(current, f);
    const segment = current.document.segments[index]!;
    const end = current.position(index, f.end);
    return { ...f, ...current.position(index, f.start), endLine: end.line, endColumn: end.column, fingerprint: fingerprint(path, f, segment.target) };
  });
  const card = scoreFindings(located, words, options.scoring);
  const result: FileResult = { path, words, score: Math.floor(card.score * 100) / 100, passed: card.passed, findings: located };
  if (fixes) result.fixes = fixes;
  if (current.skipped) result.skipped = current.skipped;
  return {
    result,
    errors: parsed.errors,
    ...(fixedText !== undefined && { fixedText }),
    ...(options.corpus && { corpus: corpusOf(current, analyses, active, options.ruleSet, path) }),
  };
}

/** Precedence of the target language: --lang > the file's own > config `language` > detected from the text > "en". */
export function withLanguages(document: Document, options: Pick<CheckOptions, "language" | "forceLanguage" | "sourceLanguage">): Document {
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
