/**
 * The contract of a rule kind and of the rules it compiles: what the engine runs. It lives above
 * the analysis layer because a rule is handed the shared analysis of each segment; the data a
 * rule is made of (its spec, examples, findings, corpus units) is in core/rule.ts.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CorpusView, DraftCorpusUnit, Report, RuleEnvironment, RuleSpec } from "../core/rule.js";
import type { Applicability, Document } from "../core/types.js";

export interface CompiledRule {
  readonly spec: RuleSpec;
  /** Segment rules look at one segment at a time. */
  checkSegment?(analysis: SegmentAnalysis, segmentIndex: number, report: Report): void;
  /** Document rules see all segments at once (consistency across a document). */
  checkDocument?(document: Document, analyses: SegmentAnalysis[], report: Report): void;
  /**
   * Corpus rules also compare the documents of a run: the units of one document they compare, and
   * the messages their kind's `acrossDocuments` writes. The kind must implement `acrossDocuments`.
   */
  corpus?: {
    messages: Record<string, string>;
    units(analyses: SegmentAnalysis[]): DraftCorpusUnit[];
  };
}

export interface RuleKind {
  readonly name: string;
  /** What fixes a rule of this kind offers, for rule listings: an applicability, "varies", or "none". */
  fixes(spec: RuleSpec): Applicability | "varies" | "none";
  /** Validates kind-specific fields (beyond the JSON Schema) and builds the checker. Throws MtlintError. */
  compile(spec: RuleSpec, env: RuleEnvironment): CompiledRule;
  /**
   * The corpus hook: compares the units that the rules of this kind kept per document (items in
   * run order) and returns the items to flag with their messages. Called once per rule per run.
   */
  acrossDocuments?<I>(items: I[], view: CorpusView<I>): { item: I; message: string }[];
}
