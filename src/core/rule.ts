/** What rules are made of: their specs and examples (JSON data), raw findings, the environment they compile in, and the units corpus rules keep. The contract of rule kinds is engine/rule-kind.ts. */
import type { LocatedFinding } from "./results.js";
import type { Applicability, Category, Fix, Severity } from "./types.js";

export interface RuleExample {
  /** Target text; `[[...]]` marks where the one expected finding is. */
  text: string;
  source?: string;
  /** Target language of the example, for rules of every language (default "en"). */
  language?: string;
  /** The target's length limit, as a file sets it (XLIFF maxwidth). */
  maxLength?: number;
  /** The text after applying the finding's fix (marker removed). */
  fixed?: string;
  valid?: boolean;
}

/** A rule as written in JSON, before compilation. Kind-specific fields sit beside these. */
export interface RuleSpec {
  id: string;
  kind: string;
  category: Category;
  severity: Severity;
  message: string;
  description?: string;
  /** Target language this rule applies to ("*" for all). */
  language?: string;
  /** Only when the source language is this one (or one of these)... */
  sourceLanguage?: string | string[];
  /** ...or also when no source language is known (for marks that only that source leaves). */
  whenSourceUnknown?: boolean;
  /** Rule ids or prefixes ("en/grammar/*"): this rule's finding is dropped where one of theirs overlaps it. */
  deferTo?: string[];
  /** Marks a translation may keep as its source writes them: a finding that starts or ends with one is not reported where the source has it as often. */
  keptFromSource?: string[];
  /** false keeps the rule out of mtlint:recommended (it is still in mtlint:all). */
  recommended?: boolean;
  /** Presets that include the rule even when it is not recommended ("mtlint:publishing"). */
  presets?: string[];
  applicability?: Applicability;
  confidence?: number;
  examples: RuleExample[];
  [field: string]: unknown;
}

/** What a rule reports; the engine adds rule id, category, severity and the flagged text. */
export interface RawFinding {
  start: number;
  end: number;
  message?: string;
  confidence?: number;
  fix?: Fix;
  suggestions?: Fix[];
  /**
   * A finding about the segment as a whole (a number or placeholder missing from it) may
   * overlap masked ranges (markup); such a finding must carry no fix.
   */
  spansMarkup?: boolean;
}

export type Report = (segmentIndex: number, finding: RawFinding) => void;

/** Per-run settings from the user's config that rules may read. */
export interface RuleEnvironment {
  /** Preferred term and its unwanted variants, from config `terms`. */
  terms: TermGroup[];
  /** Options for this rule from config `rules: { id: { options } }`. */
  options: Record<string, unknown>;
  /**
   * Built-in rules are trusted and use native RegExp; rules from user files must run on the
   * linear-time engine so that no pattern can hang the process.
   */
  trusted: boolean;
  /** Where the spec came from, for error messages. */
  file: string;
  pointer: string;
  /** Bilingual glossary entries, from config `termFiles`. */
  glossary?: GlossaryEntry[];
  /** Words that are spelled right, from config `wordFiles` (one word a line). */
  words?: string[];
  /** Compiled tables kept between runs and threads (the CLI's cache): a rule asks for one by key before compiling it, and offers what it compiled. */
  tables?: CompiledTableStore;
}

/** Bytes by key; whoever holds them (a file, another thread) is the caller's business, so rules stay free of I/O. */
export interface CompiledTableStore {
  get(key: string): Uint8Array | undefined;
  set(key: string, bytes: Uint8Array): void;
}

/** A glossary line: when `source` is in a segment's source, one of `targets` must be in its target. */
export interface GlossaryEntry {
  source: string;
  /** Approved renderings; the first is the preferred one (used in fixes). */
  targets: string[];
  /** Renderings that must not be used for this source term. */
  forbidden: string[];
  /** Where the entry was written ("glossary.csv:3"), for messages. */
  origin?: string;
  /** Only for sources in this language, and targets in `language` (TBX termbases name both). */
  sourceLanguage?: string;
  language?: string;
}

export interface TermGroup {
  preferred: string;
  variants: string[];
  caseSensitive?: boolean;
}


/** A translation unit as a corpus rule keeps it: hashes to group by, short text only where messages need it. */
export interface DraftCorpusUnit {
  segment: number;
  start: number;
  end: number;
  /** Hashes of the normalised source and target. */
  sourceKey: string;
  targetKey: string;
  /** The source's content words (sorted, shortened): sources that differ only in function words are one message. */
  content: string;
  /** Shortened source, for messages that name this unit. */
  source: string;
  /** Already reported by the rule within its document. */
  flagged: boolean;
  /** Too few words for the same-target check. */
  short: boolean;
}

/**
 * A corpus unit located in its file, ready to become a finding (plain data: it crosses threads and
 * the cache). Every field is always set: objects of one shape take half the memory.
 */
export type CorpusUnit = Omit<DraftCorpusUnit, "segment"> &
  Pick<LocatedFinding, "segmentId" | "text" | "line" | "column" | "endLine" | "endColumn" | "fingerprint"> & {
    /** Suppressed or accepted where it is: it counts, and is never reported. */
    quiet: boolean;
  };

/** What one document gives a corpus rule: the rule as configured for that file, and the document's units. */
export interface CorpusPart {
  ruleId: string;
  /** The rule's kind, whose `acrossDocuments` compares the parts of the run. */
  kind: string;
  category: Category;
  severity: Severity;
  confidence: number;
  messages: Record<string, string>;
  units: CorpusUnit[];
}

/** How a kind's `acrossDocuments` sees the items it compares (indexes, say, so that no object is made per unit). */
export interface CorpusView<I> {
  unit(item: I): CorpusUnit;
  /** Documents are numbered in run order. */
  document(item: I): number;
  messages(item: I): Record<string, string>;
  /** Where an item is, for messages ("file:line"). */
  where(item: I): string;
}


/** A rule id against an id or a prefix pattern ("en/grammar/*"), as config keys, suppressions and `deferTo` write them. */
export const matchesRuleId = (id: string, pattern: string) => (pattern.endsWith("/*") ? id.startsWith(pattern.slice(0, -1)) : id === pattern);
