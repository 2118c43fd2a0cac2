import type { Segment, Span } from "../core/types.js";
import { analyseSentence, sentenceTokenStarts, type SentenceClauses } from "./clause.js";
import { hasTagger, tagTokens, type PosTag } from "./pos.js";
import { shownReference } from "./references.js";
import { splitParagraphs, splitSentences, tokenize, type Token } from "./text.js";

/**
 * Everything rules need to know about one segment, computed once on first use and shared
 * by all rules. `text` is the target with masked ranges (code, URLs) blanked out to spaces,
 * so offsets stay those of the target and rules never match inside them; a masked character
 * reference ("&#8217;") shows its character, padded to the reference's length.
 */
export class SegmentAnalysis {
  readonly text: string;
  private _sentences?: Span[];
  private _paragraphs?: Span[];
  private _tokens?: Token[];
  private _wordCount?: number;
  private _tags?: PosTag[] | null;
  private _sentenceTokens?: Int32Array;
  private _clauses?: (SentenceClauses | undefined)[];

  constructor(
    readonly segment: Segment,
    readonly language: string,
  ) {
    this.text = maskText(segment.target, segment.masked);
  }

  get sentences(): Span[] {
    return (this._sentences ??= splitSentences(this.text));
  }

  get paragraphs(): Span[] {
    return (this._paragraphs ??= splitParagraphs(this.text));
  }

  get tokens(): Token[] {
    return (this._tokens ??= tokenize(this.text, this.language));
  }

  /**
   * Part-of-speech tags, one per token (`tags[i]` is the tag of `tokens[i]`), for English
   * targets; undefined for other languages. The tagger's model is loaded on first use.
   */
  get tags(): readonly PosTag[] | undefined {
    if (this._tags === undefined) this._tags = hasTagger(this.language) ? tagTokens(this.text, this.tokens) : null;
    return this._tags ?? undefined;
  }

  /** First token of each sentence, and the token count at the end: sentence k has tokens [t[k], t[k + 1]). */
  get sentenceTokens(): Int32Array {
    return (this._sentenceTokens ??= sentenceTokenStarts(this.tokens, this.sentences));
  }

  /**
   * The clause structure of sentence k (src/analysis/clause.ts) for English targets, undefined for
   * other languages; computed when first asked for, one sentence at a time.
   */
  clauses(k: number): SentenceClauses | undefined {
    const tags = this.tags;
    if (!tags) return undefined;
    this._clauses ??= new Array(this.sentences.length);
    const starts = this.sentenceTokens;
    return (this._clauses[k] ??= analyseSentence(this.text, this.tokens, tags, this.sentences[k]!, starts[k]!, starts[k + 1]!));
  }

  get wordCount(): number {
    return (this._wordCount ??= this.tokens.length);
  }

  /** Frees the cached analysis but the word count; it is recomputed if asked for again. */
  release(): void {
    this._wordCount = this.wordCount;
    this._tokens = this._sentences = this._paragraphs = undefined;
    this._tags = undefined;
    this._sentenceTokens = this._clauses = undefined;
  }
}

function maskText(text: string, masked: Span[] | undefined): string {
  if (!masked?.length) return text;
  let out = "";
  let at = 0;
  for (const m of masked) {
    const raw = text.slice(m.start, m.end);
    out += text.slice(at, m.start) + (shownReference(raw, text[m.start - 1] ?? "", text[m.end] ?? "") ?? raw.replace(/[^\n]/g, " "));
    at = m.end;
  }
  return out + text.slice(at);
}
