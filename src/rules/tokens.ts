/**
 * `tokens`: a sequence of token matchers within one sentence, like LanguageTool's pattern rules —
 * exact words, word lists, regular expressions, part-of-speech tags (English), capitalization,
 * sentence start — with optional elements, skips, a `rest` element up to the next clause break,
 * antipatterns (exceptions), and a suggestion that reuses and reorders the matched tokens
 * ("$3 $1 $2"). Used for the word orders that MT carries over from the source language.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { Token } from "../analysis/text.js";
import type { Span } from "../core/types.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { configError, pointerToken } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { expandTemplate } from "../engine/matcher.js";

interface ElementSpec {
  /** Exact word or words, compared in lower case. */
  word?: string | string[];
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
}

const PLURAL_FORMS: Record<string, string> = { was: "were", is: "are", has: "have" };

/** The last noun of a token range decides its number. */
function isPlural(s: Sentence, range: [number, number]): boolean {
  for (let i = range[1] - 1; i >= range[0]; i--) {
    const names = s.tagNames?.[i];
    if (names?.includes("NOUN") || names?.includes("PROPN")) return names.includes("NNS") || names.includes("NNPS");
  }
  return false;
}

interface Element extends ElementSpec {
  words?: Set<string>;
  re?: RegExp;
  tags?: string[];
  notTags?: string[];
}

/** One sentence's tokens; what only matching needs is computed on first use (most sentences are never matched). */
class Sentence {
  tagNames?: string[][];
  private _text?: string;
  private _breakBefore?: boolean[];
  private _clauseBreakBefore?: boolean[];

  constructor(
    private readonly segmentText: string,
    private readonly span: Span,
    readonly tokens: Token[],
    /** Index of the sentence's first token in the segment's tokens. */
    readonly firstToken: number,
    readonly lower: string[],
  ) {}

  get text(): string {
    return (this._text ??= this.segmentText.slice(this.span.start, this.span.end));
  }

  /** breakBefore[i]: punctuation other than spaces lies between token i-1 and token i. */
  get breakBefore(): boolean[] {
    return (this._breakBefore ??= this.gaps((gap) => /[^\s]/u.test(gap)));
  }

  get clauseBreakBefore(): boolean[] {
    return (this._clauseBreakBefore ??= this.gaps((gap) => /[,;:–—()“”"]|\s-\s/u.test(gap)));
  }

  private gaps(test: (gap: string) => boolean): boolean[] {
    return this.tokens.map((t, i) => i > 0 && test(this.segmentText.slice(this.tokens[i - 1]!.end, t.start)));
  }
}

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : [v].flat());

function compileElement(e: ElementSpec, trusted: boolean, at: { file: string; pointer: string }): Element {
  if (e.regex !== undefined && !trusted) throw configError("regex in token elements is available to built-in rules only; use word lists", at);
  return {
    ...e,
    words: e.word === undefined ? undefined : new Set(list(e.word)!.map((w) => w.toLowerCase())),
    re: e.regex === undefined ? undefined : new RegExp(`^(?:${e.regex})$`, "u"),
    tags: list(e.tag),
    notTags: list(e.notTag),
  };
}

const tagMatches = (names: string[] | undefined, wanted: string[]) => names !== undefined && wanted.some((w) => names.includes(w));

function test(e: Element, s: Sentence, i: number): boolean {
  const token = s.tokens[i]!;
  let ok = true;
  if (e.words) ok &&= e.words.has(s.lower[i]!);
  if (e.re) ok &&= e.re.test(token.text);
  if (e.tags) ok &&= tagMatches(s.tagNames?.[i], e.tags);
  if (e.notTags) ok &&= !tagMatches(s.tagNames?.[i], e.notTags);
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
    const found = match(elements, s, k + 1, end, [...ranges, [at, end]]);
    if (found) return found;
  }
  return undefined;
}

const NOMINAL = ["DET", "ADJ", "NOUN", "PROPN", "NUM"];

function nounPhraseEnd(s: Sentence, from: number): number {
  let end = from;
  const nominal = (i: number) => i < s.tokens.length && !s.breakBefore[i] && tagMatches(s.tagNames?.[i], NOMINAL);
  for (;;) {
    if (nominal(end)) end++;
    else if (s.tokens[end]?.text === "of" && !s.breakBefore[end] && nominal(end + 1)) end += 2;
    else return end;
  }
}

/** Sentences with their tokens, shared by all token rules of a segment (one pass over the tokens). */
const sentenceCache = new WeakMap<SegmentAnalysis, Sentence[]>();

function sentencesOf(analysis: SegmentAnalysis): Sentence[] {
  const cached = sentenceCache.get(analysis);
  if (cached) return cached;
  const { tokens, text } = analysis;
  let t = 0;
  const sentences = analysis.sentences.map((span) => {
    while (t < tokens.length && tokens[t]!.start < span.start) t++;
    const first = t;
    while (t < tokens.length && tokens[t]!.end <= span.end) t++;
    const sentenceTokens = tokens.slice(first, t);
    return new Sentence(text, span, sentenceTokens, first, sentenceTokens.map((t) => t.text.toLowerCase()));
  });
  sentenceCache.set(analysis, sentences);
  return sentences;
}

/** Tags every sentence of the segment, once: only when a rule needing tags could match one of them. */
function tagSentences(analysis: SegmentAnalysis, sentences: Sentence[]): boolean {
  if (sentences[0]?.tagNames) return true;
  const tags = analysis.tags;
  if (!tags) return false;
  for (const s of sentences) s.tagNames = s.tokens.map((_, i) => { const tag = tags[s.firstToken + i]!; return [tag.coarse, tag.fine, tag.name]; });
  return true;
}

/**
 * Runs of adjacent required word or regex elements ("to|for|with" then "and|but") that a sentence
 * must contain, in order and side by side, for the pattern to match; optional one-token elements
 * between them may take a token that passes their own word or regex test. Checking them first
 * skips most sentences before any tagging or matching.
 */
interface RequiredRun {
  /** Each test, with the tests of the optional elements that may come before it. */
  tests: { test: TextTest; optionals: TextTest[] }[];
  atStart: boolean;
}

type TextTest = (s: Sentence, i: number) => boolean;

/** The untagged part of an element's test: its words and its regular expression. */
function textTest(e: Element): TextTest {
  return (s, i) => (!e.words || e.words.has(s.lower[i] ?? "")) && (!e.re || (i < s.tokens.length && e.re.test(s.tokens[i]!.text)));
}

function requiredRuns(elements: Element[]): RequiredRun[] {
  const runs: RequiredRun[] = [];
  let run: RequiredRun | undefined;
  let optionals: TextTest[] = [];
  elements.forEach((e, k) => {
    const required = (e.words || e.re) && !e.optional && !e.not;
    const oneToken = !e.rest && !e.nounPhrase && !e.skip;
    // The element follows the previous one directly only without a skip, and when the previous one is a single token.
    const adjacent = run !== undefined && !e.skip && !elements[k - 1]!.rest && !elements[k - 1]!.nounPhrase;
    if (e.optional && !e.not && oneToken && run !== undefined) optionals.push(textTest(e));
    else if (!required) run = undefined;
    else if (adjacent) run!.tests.push({ test: textTest(e), optionals });
    else runs.push((run = { tests: [{ test: textTest(e), optionals: [] }], atStart: k === 0 && e.sentenceStart === true }));
    if (required || !run) optionals = [];
    if (e.rest || e.nounPhrase) run = undefined;
  });
  return runs;
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) return true;
  return false;
}

/** All words of a segment in lower case: a segment lacking a rule's required words is skipped whole. */
const segmentWordsCache = new WeakMap<SegmentAnalysis, Set<string>>();

function segmentWords(analysis: SegmentAnalysis): Set<string> {
  let words = segmentWordsCache.get(analysis);
  if (!words) {
    words = new Set();
    for (const s of sentencesOf(analysis)) for (const w of s.lower) words.add(w);
    segmentWordsCache.set(analysis, words);
  }
  return words;
}

function mayMatch(runs: RequiredRun[], s: Sentence): boolean {
  // Test j at token i, after the optional elements from o on (each absent, or present and passing).
  const foundAt = (run: RequiredRun, j: number, i: number, o = run.tests[j]!.optionals.length): boolean => {
    const { test, optionals } = run.tests[j]!;
    if (o < optionals.length) return foundAt(run, j, i, o + 1) || (optionals[o]!(s, i) && foundAt(run, j, i + 1, o + 1));
    if (!test(s, i)) return false;
    return j + 1 === run.tests.length || foundAt(run, j + 1, i + 1, 0);
  };
  for (const run of runs) {
    let found = run.atStart ? foundAt(run, 0, 0) : false;
    for (let i = 0; !run.atStart && !found && i < s.lower.length; i++) found = foundAt(run, 0, i);
    if (!found) return false;
  }
  return true;
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
    const required = requiredRuns(elements);
    // The segment must hold a word of each required word list.
    const requiredWords = elements.filter((e) => e.words && !e.optional && !e.not).map((e) => e.words!);
    return {
      spec,
      checkSegment(analysis, index, report) {
        if (!requiredWords.every((words) => intersects(words, segmentWords(analysis)))) return;
        for (const s of sentencesOf(analysis)) {
          if (!mayMatch(required, s) || unless?.test(s.text)) continue;
          if (needsTags && !tagSentences(analysis, sentencesOf(analysis))) return; // no tagger for this language
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
            const span = { start: s.tokens[first]!.start, end: s.tokens[last]!.end };
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
              message: expandTemplate(spec.message, groups),
              ...(rewrite !== undefined && rewrite !== groups[0] && { suggestions: [makeFix(text, span, rewrite, "unsafe", `Rewrite as “${rewrite}”`)] }),
            });
            i = last;
          }
        }
      },
    };
  },
};

/** Spaces collapsed, and the rewrite starts with a capital where the original did. */
function tidy(rewrite: string, original: string): string {
  const text = rewrite.replace(/\s+/g, " ").trim();
  return /^\p{Lu}/u.test(original) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
