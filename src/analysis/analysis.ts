import type { Segment, Span } from "../core/types.js";
import { splitParagraphs, splitSentences, tokenize, type Token } from "./text.js";

/**
 * Everything rules need to know about one segment, computed once on first use and shared
 * by all rules. `text` is the target with masked ranges (code, URLs) blanked out to spaces,
 * so offsets stay those of the target and rules never match inside them.
 */
export class SegmentAnalysis {
  readonly text: string;
  private _sentences?: Span[];
  private _paragraphs?: Span[];
  private _tokens?: Token[];
  private _wordCount?: number;

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

  get wordCount(): number {
    return (this._wordCount ??= this.tokens.length);
  }

  /** Frees the cached analysis but the word count; it is recomputed if asked for again. */
  release(): void {
    this._wordCount = this.wordCount;
    this._tokens = this._sentences = this._paragraphs = undefined;
  }
}

function maskText(text: string, masked: Span[] | undefined): string {
  if (!masked?.length) return text;
  let out = "";
  let at = 0;
  for (const m of masked) {
    out += text.slice(at, m.start) + text.slice(m.start, m.end).replace(/[^\n]/g, " ");
    at = m.end;
  }
  return out + text.slice(at);
}
