import type { Segment, Span } from "../core/types.js";
import { analyseSentence, sentenceTokenStarts, type SentenceClauses } from "./clause.js";
import { wordClasses } from "./clause-words.js";
import { englishTagger, hasTagger, tagTokens, type PosTag } from "./pos.js";
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
  /** Tags of single sentences tagged on their own (before, or instead of, the whole segment). */
  private _sentenceTags?: PosTag[];
  private _lower?: string[];
  private _wordClasses?: Int32Array;

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

  /** The tokens in lower case (’ as '), computed once. */
  get lowerTokens(): string[] {
    return (this._lower ??= this.tokens.map((t) => lowerCase(t.text)));
  }

  /** The word classes of the tokens (src/analysis/clause-words.ts), one lookup each, computed once. */
  get wordClasses(): Int32Array {
    if (!this._wordClasses) {
      const lower = this.lowerTokens;
      const classes = (this._wordClasses = new Int32Array(lower.length));
      for (let i = 0; i < lower.length; i++) classes[i] = wordClasses(lower[i]!);
    }
    return this._wordClasses;
  }

  /**
   * The clause structure of sentence k (src/analysis/clause.ts) for English targets, undefined for
   * other languages; computed when first asked for, one sentence at a time. Unless the segment is
   * tagged already, only this sentence is tagged: checks ask for the few sentences they could flag.
   */
  clauses(k: number): SentenceClauses | undefined {
    if (!hasTagger(this.language)) return undefined;
    this._clauses ??= new Array(this.sentences.length);
    const cached = this._clauses[k];
    if (cached) return cached;
    const starts = this.sentenceTokens;
    const first = starts[k]!;
    const end = starts[k + 1]!;
    let tags: readonly PosTag[] | null | undefined = this._tags;
    if (!tags) {
      const sentenceTags = (this._sentenceTags ??= new Array<PosTag>(this.tokens.length));
      const own = englishTagger().tag(this.text, this.tokens.slice(first, end));
      for (let i = first; i < end; i++) sentenceTags[i] = own[i - first]!;
      tags = sentenceTags;
    }
    return (this._clauses[k] = analyseSentence(this.text, this.tokens, tags, this.lowerTokens, this.wordClasses, this.sentences[k]!, first, end));
  }

  get wordCount(): number {
    return (this._wordCount ??= this.tokens.length);
  }

  /** Frees the cached analysis but the word count; it is recomputed if asked for again. */
  release(): void {
    this._wordCount = this.wordCount;
    this._tokens = this._sentences = this._paragraphs = undefined;
    this._tags = undefined;
    this._sentenceTokens = this._clauses = this._sentenceTags = this._lower = this._wordClasses = undefined;
  }
}

/** text.toLowerCase() with ’ as ', without the call for a word in ASCII lower case already. */
function lowerCase(text: string): string {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 65 && c <= 90) || c > 127) {
      const lower = text.toLowerCase();
      return lower.includes("’") ? lower.replace(/’/g, "'") : lower;
    }
  }
  return text;
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
