/** Central data types. Every position inside the engine is a UTF-16 offset into `Segment.target`. */

export type Severity = "minor" | "major" | "critical";
export const SEVERITIES: readonly Severity[] = ["minor", "major", "critical"];

/** MQM top-level categories with the subcategories mtlint uses. */
export type Category =
  | "accuracy"
  | "accuracy/untranslated"
  | "accuracy/number"
  | "fluency"
  | "fluency/grammar"
  | "fluency/punctuation"
  | "fluency/spelling"
  | "fluency/repetition"
  | "terminology"
  | "terminology/inconsistent"
  | "style"
  | "style/awkward"
  | "locale-convention"
  | "locale-convention/number-format";

export interface Origin {
  file: string;
  /** 1-based line and column of the segment's first character in the file. */
  line: number;
  column: number;
}

export interface Segment {
  id: string;
  source?: string;
  /** The source as written in the file, inline codes and references kept (XLIFF, TMX): what tag parity compares. */
  rawSource?: string;
  target: string;
  srcLang?: string;
  tgtLang?: string;
  origin: Origin;
  /** Ranges of `target` that are not prose (inline code, URLs, markup): never flagged, never edited. */
  masked?: Span[];
  /** Rule ids (a prefix ending in "/*", or "*" for all) whose findings are not reported here: suppression comments. */
  suppressed?: string[];
  /** The context that tells this unit from others with the same source (PO msgctxt). */
  context?: string;
  /** The longest the target may be (XLIFF maxwidth with size-unit="char" or "byte"), in `maxLengthUnit`s. */
  maxLength?: number;
  /** `maxLength` counts bytes of UTF-8 (XLIFF size-unit="byte"); unset, it counts characters. */
  maxLengthUnit?: "byte";
}

export interface Document {
  path: string;
  language?: string;
  sourceLanguage?: string;
  segments: Segment[];
}

/** Half-open range [start, end). */
export interface Span {
  start: number;
  end: number;
}

export interface Edit extends Span {
  text: string;
  /** The text being replaced; an edit whose `expected` no longer matches is stale and skipped. */
  expected: string;
}

export type Applicability = "safe" | "unsafe";

export interface Fix {
  title: string;
  edits: Edit[];
  applicability: Applicability;
}

export interface Finding extends Span {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** How sure the rule is, in [0, 1]. */
  confidence: number;
  message: string;
  segmentId: string;
  /** The flagged text, `target.slice(start, end)`. */
  text: string;
  fix?: Fix;
  suggestions?: Fix[];
}
