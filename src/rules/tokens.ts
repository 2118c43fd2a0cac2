/**
 * `tokens`: a sequence of token matchers within one sentence, like LanguageTool's pattern rules —
 * exact words, word lists, regular expressions, part-of-speech tags (English), capitalization,
 * sentence start — with optional elements, skips, a `rest` element up to the next clause break,
 * antipatterns (exceptions), and a suggestion that reuses and reorders the matched tokens
 * ("$3 $1 $2"). Used for the word orders that MT carries over from the source language.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { countNouns, englishCountability } from "../analysis/countability.js";
import { POS_TAGS, type PosTag } from "../analysis/pos.js";
import type { Token } from "../analysis/text.js";
import type { Span } from "../core/types.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { configError, pointerToken } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage, expandTemplate } from "../engine/matcher.js";

interface ElementSpec {
  /** Exact word or words, compared in lower case. */
  word?: string | string[];
  /** A singular common noun of the countability table (src/analysis/countability.ts): "any" of them, or a "count" noun (rarely bare); a word list too. */
  nounTable?: "any" | "count";
  /** A regular expression the whole token must match (built-in rules only). */
  regex?: string;
  /** Part-of-speech tags: coarse ("AUX"), fine ("VBN") or both ("AUX/VBD"). */
  tag?: string | string[];
  notTag?: string | string[];
  /** true: starts with a capital; false: does not. */
  capitalized?: boolean;
  /** The token is the first of its sentence. */
  sentenceStart?: boolean;
  /** The element may be absent. */
  optional?: boolean;
  /** Up to this many other tokens may come between the previous element and this one. */
  skip?: number;
  /** All tokens up to the next clause break (comma, semicolon, colon, dash, sentence end); at least one. */
  rest?: boolean;
  /** The noun phrase starting here: determiners, adjectives, numbers, nouns, and "of" + more of them. */
  nounPhrase?: boolean;
  /** One or more adjacent tokens that each pass the element's test, as many as the rest of the pattern allows (with `optional`: zero or more). */
  repeat?: boolean;
  /** Inverts the element's test. */
  not?: boolean;
}

interface TokensSpec extends RuleSpec {
  pattern: ElementSpec[];
  antipatterns?: ElementSpec[][];
  /** Rewrite of the matched text: $0 all, $1… each element's text, ${n:capitalize} etc. */
  suggestion?: string;
  /** Sentences matching this regular expression are skipped (e.g. questions); built-in rules only. */
  unlessSentence?: string;
  /**
   * [verb element, subject element] (1-based): in the suggestion, the verb "was/is/has" takes the
   * number of the subject it now follows ("Was made 8,000 sorties" → "8,000 sorties were made").
   */
  agreement?: [number, number];
  /**
   * [first, last] element (1-based, inclusive): the part of the match that is the finding and that
   * the suggestion rewrites; the other elements are context that must be there but is neither
   * reported nor changed. $0 is then the reported text.
   */
  report?: [number, number];
}

const PLURAL_FORMS: Record<string, string> = { was: "were", is: "are", has: "have" };

/** The last noun of a token range decides its number. */
function isPlural(s: Sentence, range: [number, number]): boolean {
  for (let i = range[1] - 1; i >= range[0]; i--) {
    const tag = s.tag(i);
    if (tag?.coarse === "NOUN" || tag?.coarse === "PROPN") return tag.fine === "NNS" || tag.fine === "NNPS";
  }
  return false;
}

/** Tags wanted by an element, by tag id: each is given as its coarse tag, its fine tag or both ("AUX/VBD"). */
type TagSet = boolean[];

function tagSet(wanted: string[]): TagSet {
  return POS_TAGS.map((t) => wanted.some((w) => w === t.coarse || w === t.fine || w === t.name));
}

interface Element extends ElementSpec {
  words?: Set<string>;
  re?: RegExp;
  tags?: TagSet;
  notTags?: TagSet;
}

/**
 * A segment's words, shared by all its token rules and built in one pass over the tokens: the
 * sentences, the tokens in lower case, and where each word occurs, so that a rule visits only the
 * places where its required words are.
 */
export class SegmentWords {
  readonly sentences: Sentence[] = [];
  /** Each token's sentence (an index in `sentences`), or -1 for a token outside all sentences. */
  readonly sentenceOf: Int32Array;
  /** Lower case of the tokens inside sentences. */
  readonly lower: string[];
  /** Each word's first token; nextSame[i] is the next token with the word of token i, or -1. */
  readonly firstAt = new Map<string, number>();
  readonly nextSame: Int32Array;
  /** The segment's tags, once a rule needing them has asked (see tagSegment). */
  tags?: readonly PosTag[];
  private _ids?: Int32Array;
  private _idsFor = 0;

  /**
   * Each token's id among the words rules registered with wordId() (in lower case), -1 for other
   * words and tokens outside sentences: rules with large word tables index them by number instead
   * of each hashing every word.
   */
  get ids(): Int32Array {
    if (!this._ids || this._idsFor !== WORD_IDS.size) {
      // Recomputed when a rule compiled since registered more words.
      const ids = (this._ids = new Int32Array(this.lower.length).fill(-1));
      this._idsFor = WORD_IDS.size;
      for (const [word, first] of this.firstAt) {
        const id = WORD_IDS.get(word);
        if (id !== undefined) for (let at = first; at >= 0; at = this.nextSame[at]!) ids[at] = id;
      }
    }
    return this._ids;
  }

  constructor(
    readonly text: string,
    readonly tokens: Token[],
    spans: Span[],
  ) {
    const n = tokens.length;
    this.sentenceOf = new Int32Array(n).fill(-1);
    this.lower = new Array<string>(n);
    let t = 0;
    for (const span of spans) {
      while (t < n && tokens[t]!.start < span.start) t++;
      const first = t;
      while (t < n && tokens[t]!.end <= span.end) {
        this.sentenceOf[t] = this.sentences.length;
        this.lower[t] = lowerCase(tokens[t]!.text);
        t++;
      }
      this.sentences.push(new Sentence(this, span, first, t));
    }
    this.nextSame = new Int32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      if (this.sentenceOf[i]! < 0) continue;
      const word = this.lower[i]!;
      this.nextSame[i] = this.firstAt.get(word) ?? -1;
      this.firstAt.set(word, i);
    }
  }
}

/** Words that rules look up by number (SegmentWords.ids), in lower case. */
const WORD_IDS = new Map<string, number>();

/** The id of a word (in lower case) for SegmentWords.ids, registered on first use; aliases (other spellings) share it. */
export function wordId(word: string, ...aliases: string[]): number {
  let id = WORD_IDS.get(word);
  if (id === undefined) WORD_IDS.set(word, (id = WORD_IDS.size));
  for (const alias of aliases) WORD_IDS.set(alias, id);
  return id;
}

/** text.toLowerCase(), without the call for the common case of an ASCII word in lower case already. */
export function lowerCase(text: string): string {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 65 && c <= 90) || c > 127) return text.toLowerCase();
  }
  return text;
}

/** One sentence: tokens first…end-1 of its segment; what only matching needs is computed on first use (most sentences are never matched). */
class Sentence {
  private _tokens?: Token[];
  private _lower?: string[];
  private _text?: string;
  private _breakBefore?: boolean[];
  private _clauseBreakBefore?: boolean[];

  constructor(
    readonly segment: SegmentWords,
    private readonly span: Span,
    readonly first: number,
    readonly end: number,
  ) {}

  get tokens(): Token[] {
    return (this._tokens ??= this.segment.tokens.slice(this.first, this.end));
  }

  get lower(): string[] {
    return (this._lower ??= this.segment.lower.slice(this.first, this.end));
  }

  /** The tag of token i, once the segment is tagged. */
  tag(i: number): PosTag | undefined {
    return i < this.end - this.first ? this.segment.tags?.[this.first + i] : undefined;
  }

  get text(): string {
    return (this._text ??= this.segment.text.slice(this.span.start, this.span.end));
  }

  /** breakBefore[i]: punctuation other than spaces lies between token i-1 and token i. */
  get breakBefore(): boolean[] {
    return (this._breakBefore ??= this.gaps((gap) => /[^\s]/u.test(gap)));
  }

  get clauseBreakBefore(): boolean[] {
    return (this._clauseBreakBefore ??= this.gaps((gap) => /[,;:–—()“”"]|\s-\s/u.test(gap)));
  }

  private gaps(test: (gap: string) => boolean): boolean[] {
    return this.tokens.map((t, i) => i > 0 && test(this.segment.text.slice(this.tokens[i - 1]!.end, t.start)));
  }
}

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : [v].flat());

function compileElement(e: ElementSpec, trusted: boolean, at: { file: string; pointer: string }): Element {
  if (e.regex !== undefined && !trusted) throw configError("regex in token elements is available to built-in rules only; use word lists", at);
  return {
    ...e,
    words: e.nounTable ? new Set(e.nounTable === "count" ? countNouns() : englishCountability().keys()) : e.word === undefined ? undefined : new Set(list(e.word)!.map((w) => w.toLowerCase())),
    re: e.regex === undefined ? undefined : new RegExp(`^(?:${e.regex})$`, "u"),
    tags: e.tag === undefined ? undefined : tagSet(list(e.tag)!),
    notTags: e.notTag === undefined ? undefined : tagSet(list(e.notTag)!),
  };
}

const hasTag = (tag: PosTag | undefined, wanted: TagSet) => tag !== undefined && wanted[tag.id]!;

function test(e: Element, s: Sentence, i: number): boolean {
  const token = s.tokens[i]!;
  let ok = true;
  if (e.words) ok &&= e.words.has(s.lower[i]!);
  if (e.re) ok &&= e.re.test(token.text);
  if (e.tags) ok &&= hasTag(s.tag(i), e.tags);
  if (e.notTags) ok &&= !hasTag(s.tag(i), e.notTags);
  if (e.capitalized !== undefined) ok &&= /^\p{Lu}/u.test(token.text) === e.capitalized;
  if (e.sentenceStart) ok &&= i === 0;
  return e.not ? !ok : ok;
}

/** Matches elements from `k` at token `i`; returns each element's token range, or undefined. */
function match(elements: Element[], s: Sentence, k: number, i: number, ranges: ([number, number] | undefined)[]): ([number, number] | undefined)[] | undefined {
  if (k === elements.length) return ranges;
  const e = elements[k]!;
  if (e.optional) {
    const without = match(elements, s, k + 1, i, [...ranges, undefined]);
    if (without) return without;
  }
  const maxSkip = k === 0 ? 0 : (e.skip ?? 0);
  for (let skip = 0; skip <= maxSkip; skip++) {
    const at = i + skip;
    if (at >= s.tokens.length) return undefined;
    // Adjacent elements must not be separated by punctuation, unless skipping is allowed.
    if (k > 0 && skip === 0 && s.breakBefore[at]) return undefined;
    if (!test(e, s, at)) continue;
    let end = at + 1;
    if (e.rest) while (end < s.tokens.length && !s.clauseBreakBefore[end]) end++;
    if (e.nounPhrase) end = nounPhraseEnd(s, at + 1);
    if (e.repeat) {
      while (end < s.tokens.length && !s.breakBefore[end] && test(e, s, end)) end++;
      // The longest run first, then shorter ones, so that the elements after it can match.
      for (; end > at + 1; end--) {
        const found = match(elements, s, k + 1, end, [...ranges, [at, end]]);
        if (found) return found;
      }
    }
    const found = match(elements, s, k + 1, end, [...ranges, [at, end]]);
    if (found) return found;
  }
  return undefined;
}

const NOMINAL = tagSet(["DET", "ADJ", "NOUN", "PROPN", "NUM"]);

function nounPhraseEnd(s: Sentence, from: number): number {
  let end = from;
  const nominal = (i: number) => i < s.tokens.length && !s.breakBefore[i] && hasTag(s.tag(i), NOMINAL);
  for (;;) {
    if (nominal(end)) end++;
    else if (s.tokens[end]?.text === "of" && !s.breakBefore[end] && nominal(end + 1)) end += 2;
    else return end;
  }
}

/**
 * The index of the segment last asked for. lint() runs every segment rule on one segment before
 * the next and then releases the segment's analysis, so one entry serves all token rules; a cache
 * of every segment would keep each one's index alive for the whole document.
 */
let last: { analysis?: SegmentAnalysis; words?: SegmentWords } = {};

export function segmentWords(analysis: SegmentAnalysis): SegmentWords {
  if (last.analysis !== analysis) last = { analysis, words: new SegmentWords(analysis.text, analysis.tokens, analysis.sentences) };
  return last.words!;
}

/** Tags the segment, once: only when a rule needing tags could match one of its sentences. */
function tagSegment(analysis: SegmentAnalysis, segment: SegmentWords): boolean {
  if (segment.tags) return true;
  segment.tags = analysis.tags;
  return segment.tags !== undefined;
}

/**
 * Runs of adjacent required word or regex elements ("to|for|with" then "and|but") that a sentence
 * must contain, in order and side by side, for the pattern to match; optional one-token elements
 * between them may take a token that passes their own word or regex test, and a one-token element
 * tested by its tag only takes any token ("did", a noun, "a|the", a noun, "to"). Checking them first
 * skips most sentences before any tagging or matching.
 */
interface RequiredRun {
  /** Each test, with the tests of the optional elements that may come before it. */
  tests: { test: TextTest; optionals: TextTest[] }[];
  atStart: boolean;
  /** The words of the first element, if it has a word list: a run can start only where one of them is. */
  words?: Set<string>;
}

/** Whether token `at` of the segment passes, in a sentence whose tokens end before `end`. */
type TextTest = (segment: SegmentWords, at: number, end: number) => boolean;

/** The untagged part of an element's test: its words and its regular expression. */
function textTest(e: Element): TextTest {
  const { words, re } = e;
  return (segment, at, end) => (!words || words.has(at < end ? segment.lower[at]! : "")) && (!re || (at < end && re.test(segment.tokens[at]!.text)));
}

function requiredRuns(elements: Element[]): RequiredRun[] {
  const runs: RequiredRun[] = [];
  let run: RequiredRun | undefined;
  let optionals: TextTest[] = [];
  elements.forEach((e, k) => {
    const required = (e.words || e.re) && !e.optional && !e.not;
    const oneToken = !e.rest && !e.nounPhrase && !e.skip && !e.repeat;
    // The element follows the previous one directly only without a skip, and when the previous one is a single token.
    const adjacent = run !== undefined && !e.skip && !elements[k - 1]!.rest && !elements[k - 1]!.nounPhrase && !elements[k - 1]!.repeat;
    // An element tested by its tag (or capital, or negated) only still takes one token: inside a run it stands for any token.
    const anyToken = !e.optional && oneToken && !e.words && !e.re;
    if (e.optional && !e.not && oneToken && run !== undefined) optionals.push(textTest(e));
    else if (anyToken && adjacent) run!.tests.push({ test: (_segment, at, end) => at < end, optionals });
    else if (!required) run = undefined;
    else if (adjacent) run!.tests.push({ test: textTest(e), optionals });
    else runs.push((run = { tests: [{ test: textTest(e), optionals: [] }], atStart: k === 0 && e.sentenceStart === true, words: e.words }));
    if (required || anyToken || !run) optionals = [];
    if (e.rest || e.nounPhrase || e.repeat) run = undefined;
  });
  return runs;
}

function occursIn(words: Set<string>, segment: SegmentWords): boolean {
  const { firstAt } = segment;
  if (words.size <= firstAt.size) {
    for (const w of words) if (firstAt.has(w)) return true;
  } else {
    for (const w of firstAt.keys()) if (words.has(w)) return true;
  }
  return false;
}

/** Whether test j of the run and the rest pass from token `at` on, after the optional elements from o on (each absent, or present and passing). */
function foundAt(segment: SegmentWords, end: number, run: RequiredRun, j: number, at: number, o: number): boolean {
  const { test, optionals } = run.tests[j]!;
  if (o < optionals.length) {
    return foundAt(segment, end, run, j, at, o + 1) || (optionals[o]!(segment, at, end) && foundAt(segment, end, run, j, at + 1, o + 1));
  }
  if (!test(segment, at, end)) return false;
  return j + 1 === run.tests.length || foundAt(segment, end, run, j + 1, at + 1, 0);
}

/** Scratch for matchableSentences: how many runs have been found in each sentence so far. */
let runsFound = new Uint8Array(64);

/** The sentences that contain every required run: the only ones worth tagging and matching. */
function matchableSentences(runs: RequiredRun[], segment: SegmentWords): Sentence[] {
  const { sentences, sentenceOf } = segment;
  if (runsFound.length < sentences.length) runsFound = new Uint8Array(Math.max(sentences.length, 2 * runsFound.length));
  const found = runsFound.fill(0, 0, sentences.length);
  runs.forEach((run, r) => {
    // Sentence k has all runs before r; look for run r at token `at`.
    const tryAt = (k: number, at: number) => {
      if (found[k] === r && foundAt(segment, sentences[k]!.end, run, 0, at, 0)) found[k] = r + 1;
    };
    if (run.atStart) {
      sentences.forEach((s, k) => tryAt(k, s.first));
    } else if (run.words) {
      // Only where a word of the first element occurs.
      for (const w of run.words) for (let at = segment.firstAt.get(w) ?? -1; at >= 0; at = segment.nextSame[at]!) tryAt(sentenceOf[at]!, at);
    } else {
      sentences.forEach((s, k) => {
        for (let at = s.first; at < s.end && found[k] === r; at++) tryAt(k, at);
      });
    }
  });
  return sentences.filter((_, k) => found[k] === runs.length);
}

export const tokensKind: RuleKind = {
  name: "tokens",
  fixes: (spec) => (spec.suggestion === undefined ? "none" : "unsafe"),
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as TokensSpec;
    const at = (path: string) => ({ file: env.file, pointer: `${env.pointer}/${path}` });
    const elements = spec.pattern.map((e, i) => compileElement(e, env.trusted, at(`pattern/${pointerToken(i)}`)));
    const antipatterns = (spec.antipatterns ?? []).map((a, j) => a.map((e, i) => compileElement(e, env.trusted, at(`antipatterns/${j}/${pointerToken(i)}`))));
    const needsTags = [elements, ...antipatterns].flat().some((e) => e.tags || e.notTags);
    if (spec.unlessSentence !== undefined && !env.trusted) throw configError("unlessSentence is available to built-in rules only", at("unlessSentence"));
    const unless = spec.unlessSentence === undefined ? undefined : new RegExp(spec.unlessSentence, "u");
    if (spec.report && !(spec.report[0] <= spec.report[1] && spec.report[1] <= elements.length)) {
      throw configError(`report must name elements first ≤ last ≤ ${elements.length}`, at("report"));
    }
    const required = requiredRuns(elements);
    // The segment must hold a word of each required word list.
    const requiredWords = elements.filter((e) => e.words && !e.optional && !e.not).map((e) => e.words!);
    return {
      spec,
      checkSegment(analysis, index, report) {
        const segment = segmentWords(analysis);
        if (!requiredWords.every((words) => occursIn(words, segment))) return;
        // A source that starts in lower case continues a sentence of the unit before it: so does its target's first "sentence".
        const source = analysis.segment.source;
        const continuesSentence = elements[0]!.sentenceStart === true && source !== undefined && /^[\s\p{P}]*\p{Ll}/u.test(source.replace(/<[^<>]*>/gu, ""));
        for (const s of matchableSentences(required, segment)) {
          if (unless?.test(s.text)) continue;
          if (continuesSentence && s.tokens[0] && !analysis.text.slice(0, s.tokens[0].start).trim()) continue;
          if (needsTags && !tagSegment(analysis, segment)) return; // no tagger for this language
          // A pattern anchored at the sentence start is tried there only.
          const starts = elements[0]!.sentenceStart && !elements[0]!.not ? Math.min(1, s.tokens.length) : s.tokens.length;
          for (let i = 0; i < starts; i++) {
            const ranges = match(elements, s, 0, i, []);
            if (!ranges) continue;
            const used = ranges.filter((r): r is [number, number] => r !== undefined);
            const first = used[0]![0];
            const last = used.at(-1)![1] - 1;
            const excepted = antipatterns.some((a) => {
              for (let j = Math.max(0, first - a.length); j <= last; j++) {
                const r = match(a, s, 0, j, []);
                if (r?.some((x) => x && x[0] <= last && x[1] > first)) return true;
              }
              return false;
            });
            if (excepted) continue;
            const text = analysis.text;
            const reported = reportedRange(ranges, spec.report) ?? [first, last + 1];
            const span = { start: s.tokens[reported[0]]!.start, end: s.tokens[reported[1] - 1]!.end };
            const groups = [text.slice(span.start, span.end), ...ranges.map((r) => (r ? text.slice(s.tokens[r[0]]!.start, s.tokens[r[1] - 1]!.end) : ""))];
            if (spec.agreement) {
              const [verb, subject] = spec.agreement;
              const plural = PLURAL_FORMS[groups[verb]!.toLowerCase()];
              const subjectRange = ranges[subject - 1];
              if (plural && subjectRange && isPlural(s, subjectRange)) groups[verb] = plural;
            }
            const rewrite = spec.suggestion === undefined ? undefined : tidy(expandTemplate(spec.suggestion, groups), groups[0]!);
            report(index, {
              ...span,
              message: expandMessage(spec.message, groups),
              ...(rewrite !== undefined && rewrite !== groups[0] && { suggestions: [rewriteFix(text, span, rewrite)] }),
            });
            i = reported[1] - 1;
          }
        }
      },
    };
  },
};

/** The tokens of elements first…last (1-based) that are present, or undefined when the rule reports the whole match or none of them is. */
function reportedRange(ranges: ([number, number] | undefined)[], report: [number, number] | undefined): [number, number] | undefined {
  if (!report) return undefined;
  const present = ranges.slice(report[0] - 1, report[1]).filter((r): r is [number, number] => r !== undefined);
  return present.length ? [present[0]![0], present.at(-1)![1]] : undefined;
}

/**
 * The rewrite of a span as an edit of the words that change only: the words the rewrite keeps at
 * either end stay untouched, so that the fix cannot collide with a neighbour's fix.
 */
function rewriteFix(text: string, span: Span, rewrite: string) {
  const original = text.slice(span.start, span.end);
  // A word boundary of both strings: the kept text starts or ends at a space or an end of the string.
  const boundary = (str: string, at: number) => at === 0 || at === str.length || /\s/u.test(str[at - 1]!) || /\s/u.test(str[at]!);
  const shorter = Math.min(original.length, rewrite.length);
  let prefix = 0;
  for (let k = 1; k <= shorter && original[k - 1] === rewrite[k - 1]; k++) if (boundary(original, k) && boundary(rewrite, k)) prefix = k;
  let suffix = 0;
  for (let k = 1; k <= shorter - prefix && original[original.length - k] === rewrite[rewrite.length - k]; k++) {
    if (boundary(original, original.length - k) && boundary(rewrite, rewrite.length - k)) suffix = k;
  }
  if (prefix === 0 && suffix === 0) return makeFix(text, span, rewrite, "unsafe", `Rewrite as “${rewrite}”`);
  const edit = { start: span.start + prefix, end: span.end - suffix };
  const inserted = rewrite.slice(prefix, rewrite.length - suffix);
  return makeFix(text, edit, inserted, "unsafe", edit.start === edit.end ? `Insert “${inserted.trim()}”` : undefined);
}

/** Spaces collapsed, and the rewrite starts with a capital where the original did. */
function tidy(rewrite: string, original: string): string {
  const text = rewrite.replace(/\s+/g, " ").trim();
  return /^\p{Lu}/u.test(original) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
