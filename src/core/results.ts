/** What a check run produces, as reporters and API users see it. */
import type { Category, Finding, Fix, Severity } from "./types.js";

/** A range of the file's text, as 1-based lines and columns (UTF-16 units), end exclusive. */
export interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One change to the file's text: the range it replaces and what it writes there, escaped as the file needs. */
export interface FileChange extends Place {
  text: string;
}

/** A fix with the same edits as changes to the file (what SARIF fixes carry); absent in results read back from a report (`mtlint merge`). */
export interface LocatedFix extends Fix {
  changes?: FileChange[];
}

/** A finding placed in its file: `line`…`endColumn` are where `start` and `end` are in the file's text. */
export interface LocatedFinding extends Finding, Place {
  fix?: LocatedFix;
  suggestions?: LocatedFix[];
  /** Stable identity for baselines and code-scanning tools: rule, file, flagged text and its context. */
  fingerprint: string;
}

/** What is kept of findings that went straight to the output (streamed large files). */
export interface StreamedCounts {
  findings: number;
  byCategory: Partial<Record<Category, number>>;
  bySeverity: Record<Severity, number>;
  penalty: number;
}

export interface FileResult {
  path: string;
  words: number;
  score: number;
  passed: boolean;
  findings: LocatedFinding[];
  /** Set when the findings were written out as they came instead of being kept in `findings`. */
  streamed?: StreamedCounts;
  /** Units of a bilingual file left untranslated (no target): not checked. */
  skipped?: number;
  /** With --fix: how many fixes were applied, and which were refused. */
  fixes?: { applied: number; refused: RefusedFix[] };
  /** What the file says that does not change its results ("file:line: …"): a suppression naming no rule. */
  warnings?: string[];
  /** When asked for (--per-segment): every segment of the file, in order, with its words and score. */
  segments?: SegmentScore[];
}

/** Findings grouped by their segment's id, each group in the order given. */
export function findingsBySegment<F extends { segmentId: string }>(findings: readonly F[]): Map<string, F[]> {
  const bySegment = new Map<string, F[]>();
  for (const f of findings) {
    const list = bySegment.get(f.segmentId);
    if (list) list.push(f);
    else bySegment.set(f.segmentId, [f]);
  }
  return bySegment;
}

/** One segment's share of a file's result: its score is the file's formula over its own words and findings. */
export interface SegmentScore {
  segmentId: string;
  /** 1-based line of the segment's start in the file. */
  line: number;
  words: number;
  score: number;
  passed: boolean;
}

export interface RefusedFix {
  ruleId: string;
  line: number;
  column: number;
  text: string;
  /** "protected": it would change a number, URL, placeholder, tag or other markup; "unsettled": the fixes of its segment kept undoing each other. */
  reason: "protected" | "unsettled";
}

export interface ProblemReport {
  kind: "usage" | "config" | "input";
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export interface Summary {
  files: number;
  filesPassed: number;
  filesFailed: number;
  words: number;
  findings: number;
  score: number;
  minScore: number;
  failOn: Severity;
  byCategory: Partial<Record<Category, number>>;
  bySeverity: Record<Severity, number>;
  /** Files per score band: "100", "95–99.99", "90–94.99", "80–89.99", "<80". */
  scoreDistribution: Record<string, number>;
  errors: number;
  /** Untranslated units skipped in bilingual files (absent when none). */
  skipped?: number;
}

export interface RunResult {
  files: FileResult[];
  errors: ProblemReport[];
  summary: Summary;
}
