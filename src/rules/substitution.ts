/**
 * `substitution`: a table of phrases that should be something else — transliterated acronyms
 * ("OON" → "UN"), calques ("on the issues of" → "on"), missing hyphens ("US led" → "US-led").
 * Matched as whole words, case-insensitively unless `caseSensitive`; straight and curly
 * apostrophes match each other. A phrase may hold alternatives in braces, "{carry|carries|carried}
 * out {|the }talks", and a group of the replacement takes the choice made in the phrase's group of
 * the same size ("{hold|holds|held} talks"), or in the group it names ("{the |}course of the
 * {ruble|dollar}" → "the {2:ruble|dollar} exchange rate"). Users extend the table with rule options:
 * `{ "options": { "entries": { "GD": "State Duma" } } }`.
 *
 * The phrases form a tree of words over the segment's tokens, so that a table of thousands of
 * phrases costs about as much as one of ten: each token is looked up once, and a phrase is
 * followed only from a word that starts one.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { tokenize } from "../analysis/text.js";
import { lowerCase, segmentWords, wordId as sharedWordId } from "./tokens.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import type { Applicability } from "../core/types.js";
import { configError } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";

interface Entry {
  /** The better text; omitted when only a person can rewrite it. */
  replace?: string;
  /** Overrides the rule's message for this entry ($0 matched text, $1 replacement). */
  message?: string;
  applicability?: Applicability;
  /** Text that must not follow this entry's match (a regular expression; built-in rules only). */
  notFollowedBy?: string;
  /** Text that must not precede this entry's match (a regular expression; built-in rules only). */
  notPrecededBy?: string;
}

interface SubstitutionSpec extends RuleSpec {
  entries: Record<string, string | Entry>;
  caseSensitive?: boolean;
  /** Text that must not follow any match (a regular expression), e.g. a determiner after "US led". */
  notFollowedBy?: string;
  /** Text that must not precede any match (a regular expression). */
  notPrecededBy?: string;
}

/** An entry with its compiled context tests and replacement. */
interface CompiledEntry extends Omit<Entry, "replace"> {
  after?: RegExp;
  before?: RegExp;
  replace?: Replacement;
}

/** A replacement with {…} groups: its literal pieces, and for each group the phrase's group whose choice it follows. */
interface Replacement {
  pieces: string[];
  groups: { follows: number; options: string[] }[];
}

/** How far before a match `notPrecededBy` looks. */
const CONTEXT = 80;
/** More expansions than this in one phrase is a mistake in the table, not a use. */
const MAX_EXPANSIONS = 4096;

const asEntry = (e: string | Entry): Entry => (typeof e === "string" ? { replace: e } : e);
const straightApostrophes = (text: string) => (text.includes("’") ? text.replace(/’/g, "'") : text);

export const substitutionKind: RuleKind = {
  name: "substitution",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as SubstitutionSpec;
    const at = { file: env.file, pointer: env.pointer };
    const extra = env.options.entries;
    if (extra !== undefined && (typeof extra !== "object" || extra === null || Array.isArray(extra))) {
      throw configError("options.entries must be an object of phrase → replacement", at);
    }
    const entrySpecs = Object.entries({ ...spec.entries, ...(extra as Record<string, string | Entry>) });
    const usesContext = spec.notFollowedBy !== undefined || spec.notPrecededBy !== undefined || entrySpecs.some(([, e]) => typeof e === "object" && (e.notFollowedBy !== undefined || e.notPrecededBy !== undefined));
    if (!env.trusted && usesContext) {
      // They become part of backtracking regular expressions, so only reviewed built-in rules may use them.
      throw configError("notFollowedBy and notPrecededBy are available to built-in rules only", at);
    }
    const caseSensitive = spec.caseSensitive ?? false;
    const word = (text: string) => straightApostrophes(caseSensitive ? text : lowerCase(text));
    const ruleContext = {
      after: spec.notFollowedBy ? new RegExp(`(?:${spec.notFollowedBy})`, caseSensitive ? "uy" : "iuy") : undefined,
      before: spec.notPrecededBy ? new RegExp(`(?:${spec.notPrecededBy})$`, caseSensitive ? "u" : "iu") : undefined,
    };
    const root: (TrieNode | undefined)[] = [];
    for (const [pattern, raw] of entrySpecs) {
      const entry = asEntry(raw);
      const compiled: CompiledEntry = {
        ...entry,
        after: entry.notFollowedBy === undefined ? undefined : new RegExp(`(?:${entry.notFollowedBy})`, caseSensitive ? "uy" : "iuy"),
        before: entry.notPrecededBy === undefined ? undefined : new RegExp(`(?:${entry.notPrecededBy})$`, caseSensitive ? "u" : "iu"),
        replace: entry.replace === undefined ? undefined : compileReplacement(entry.replace, pattern, at),
      };
      for (const { phrase, choices } of expandPhrase(pattern, at)) {
        const tokens = tokenize(phrase);
        if (!tokens.length) throw configError(`phrase "${phrase}" has no word`, at);
        let node: TrieNode | undefined;
        tokens.forEach((t, i) => {
          const between = i ? gap(phrase, tokens[i - 1]!.end, t.start) : " ";
          const id = phraseWordId(word(t.text), caseSensitive);
          if (node === undefined) node = root[id] ??= {};
          else if (between === " ") node = (node.next ??= new Map()).get(id) ?? setNode(node.next, id);
          else {
            const key = `${between}\u0001${id}`;
            node = (node.nextAfterOther ??= new Map()).get(key) ?? setNode(node.nextAfterOther, key);
          }
        });
        // Punctuation that ends the phrase ("thous.") is no token: it must follow the match, and such a phrase is tried before the bare one.
        const tail = phrase.slice(tokens[tokens.length - 1]!.end).trimEnd();
        (node!.phrases ??= []).push({ entry: compiled, choices, tail });
        node!.phrases.sort((a, b) => a.tail.length - b.tail.length);
      }
    }
    return {
      spec,
      checkSegment(analysis, index, report) {
        const text = analysis.text;
        const tokens = analysis.tokens;
        const ids = caseSensitive ? exactIds(analysis) : segmentWords(analysis).ids;
        let lastEnd = -1;
        for (let i = 0; i < tokens.length; i++) {
          if (i <= lastEnd || ids[i]! < 0) continue;
          let node = root[ids[i]!];
          // Every phrase that starts here, the longest last; the longest whose context allows it wins.
          let found: [number, Phrase][] | undefined;
          for (let j = i; node; j++) {
            if (node.phrases) for (const phrase of node.phrases) (found ??= []).push([j, phrase]);
            const following = tokens[j + 1];
            if (!following) break;
            const end = tokens[j]!.end;
            // Most words are one space apart: looked up without building a key.
            const id = ids[j + 1]!;
            if (id < 0) break;
            node = following.start === end + 1 && text.charCodeAt(end) === 32 ? node.next?.get(id) : node.nextAfterOther?.get(`${gap(text, end, following.start)}\u0001${id}`);
          }
          for (let k = (found?.length ?? 0) - 1; k >= 0; k--) {
            const [last, { entry, choices, tail }] = found![k]!;
            if (tail && !(text.startsWith(tail, tokens[last]!.end) && !endsSentence(text, tokens[last]!.end + tail.length, tail))) continue;
            const span = { start: tokens[i]!.start, end: tokens[last]!.end + tail.length };
            if (!contextAllows(ruleContext, text, span) || !contextAllows(entry, text, span)) continue;
            const matched = text.slice(span.start, span.end);
            const replacement = entry.replace === undefined ? undefined : matchCase(replacementFor(entry.replace, choices), matched, caseSensitive);
            report(index, {
              ...span,
              message: expandMessage(entry.message ?? spec.message, [matched, replacement ?? ""]),
              fix: replacement === undefined ? undefined : makeFix(text, span, replacement, entry.applicability ?? spec.applicability ?? "safe"),
            });
            lastEnd = last;
            break;
          }
        }
      },
    };
  },
};

/** One phrase of an entry: the choice it makes in each {…} group. */
interface Phrase {
  entry: CompiledEntry;
  choices: number[];
  tail: string;
}

/** A full stop that may also end the sentence ("… 45 mln. The …") stays: the bare phrase is matched instead. */
function endsSentence(text: string, end: number, tail: string): boolean {
  return tail.endsWith(".") && /^(?:\s*$|\s+[\p{Lu}\d])/u.test(text.slice(end, end + 3));
}

/** A word of some phrases: the phrase that ends here, and the words that may follow one space after it (by word id), or after other text (keyed by that text and the id). */
interface TrieNode {
  phrases?: Phrase[];
  /** Made with the first word that follows: most nodes end a phrase and have none. */
  next?: Map<number, TrieNode>;
  nextAfterOther?: Map<string, TrieNode>;
}

function setNode<K>(map: Map<K, TrieNode>, key: K): TrieNode {
  const node: TrieNode = {};
  map.set(key, node);
  return node;
}

/** Ids of the words that occur in some substitution phrase (as keyed: lower case unless case-sensitive, straight apostrophes), shared by all tables. */

/** Words of case-sensitive tables, as written; case-insensitive ones use the shared lower-case ids (SegmentWords.ids). */
const EXACT_IDS = new Map<string, number>();

/** The id of a phrase word; text keeps its curly apostrophes, so both forms name the word. */
function phraseWordId(word: string, caseSensitive: boolean): number {
  const curly = word.includes("'") ? [word.replace(/'/g, "’")] : [];
  if (!caseSensitive) return sharedWordId(word, ...curly);
  const id = EXACT_IDS.get(word) ?? EXACT_IDS.size;
  for (const w of [word, ...curly]) EXACT_IDS.set(w, id);
  return id;
}

/** For the segment last asked for (lint() runs all segment rules on one segment before the next). */
let lastIds: { analysis?: SegmentAnalysis; ids?: Int32Array } = {};

/** The ids of the segment's words as written (for case-sensitive tables). */
function exactIds(analysis: SegmentAnalysis): Int32Array {
  if (lastIds.analysis !== analysis) lastIds = { analysis, ids: Int32Array.from(analysis.tokens, (t) => EXACT_IDS.get(t.text) ?? -1) };
  return lastIds.ids!;
}


/** The text between two words, with each run of spaces as one space: phrases match across line breaks and double spaces. */
function gap(text: string, from: number, to: number): string {
  const between = text.slice(from, to);
  return between === " " ? between : straightApostrophes(between.replace(/\s+/g, " "));
}

/** Whether the text around a match passes notFollowedBy and notPrecededBy. */
function contextAllows(context: { after?: RegExp; before?: RegExp }, text: string, span: { start: number; end: number }): boolean {
  if (context.after) {
    context.after.lastIndex = span.end;
    if (context.after.test(text)) return false;
  }
  return !context.before?.test(text.slice(Math.max(0, span.start - CONTEXT), span.start));
}

/** The phrases a pattern with {a|b|} groups stands for, each with the index chosen in each group (the last group varying fastest). */
function expandPhrase(pattern: string, at: { file: string; pointer: string }): { phrase: string; choices: number[] }[] {
  const literals: string[] = [];
  const options: string[][] = [];
  let from = 0;
  let total = 1;
  for (const g of pattern.matchAll(/\{([^{}]*)\}/g)) {
    literals.push(pattern.slice(from, g.index));
    options.push(g[1]!.split("|"));
    from = g.index + g[0].length;
    total *= options[options.length - 1]!.length;
    if (total > MAX_EXPANSIONS) throw configError(`phrase "${pattern}" stands for more than ${MAX_EXPANSIONS} phrases`, at);
  }
  const rest = pattern.slice(from);
  // An odometer over the groups: no intermediate expansions are built (tables of 80,000 phrases are compiled at start-up).
  const choices = options.map(() => 0);
  const phrases = new Array<{ phrase: string; choices: number[] }>(total);
  for (let n = 0; n < total; n++) {
    let phrase = "";
    for (let k = 0; k < options.length; k++) phrase += literals[k]! + options[k]![choices[k]!]!;
    phrases[n] = { phrase: (phrase + rest).replace(/\s+/g, " ").trim(), choices: choices.slice() };
    for (let k = options.length - 1; k >= 0 && ++choices[k]! === options[k]!.length; k--) choices[k] = 0;
  }
  return phrases;
}

/**
 * A replacement's groups, each following a group of the phrase with as many choices: the one it
 * names ("{2:…}", 1-based), or else the next one after the group the previous follows, which must
 * be the only candidate.
 */
function compileReplacement(replace: string, pattern: string, at: { file: string; pointer: string }): Replacement {
  const sizes = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((g) => g[1]!.split("|").length);
  const found = [...replace.matchAll(/\{(?:(\d+):)?([^{}]*)\}/g)].map((g) => ({ named: g[1] === undefined ? undefined : Number(g[1]) - 1, options: g[2]!.split("|") }));
  let next = 0;
  const groups = found.map(({ named, options }, k) => {
    const size = options.length;
    let follows = named;
    if (follows === undefined) {
      const unnamedLeft = found.slice(k).filter((g) => g.named === undefined && g.options.length === size).length;
      if (sizes.slice(next).filter((n) => n === size).length > unnamedLeft) throw configError(`replacement "${replace}": which group of "${pattern}" its group ${k + 1} follows is ambiguous; name it as {N:…}`, at);
      follows = sizes.findIndex((n, i) => i >= next && n === size);
    }
    if (follows < 0 || sizes[follows] !== size) throw configError(`replacement "${replace}" does not match the alternatives of "${pattern}"`, at);
    next = follows + 1;
    return { follows, options };
  });
  return { pieces: replace.split(/\{[^{}]*\}/), groups };
}

/** The replacement for the phrase that made these choices. */
function replacementFor({ pieces, groups }: Replacement, choices: number[]): string {
  return pieces.reduce((text, piece, k) => text + piece + (k < groups.length ? groups[k]!.options[choices[groups[k]!.follows]!]! : ""), "").replace(/\s+/g, " ").trim();
}

/** "On the issues of" → "On": a case-insensitive match keeps the capital of a sentence start. */
function matchCase(replacement: string, matched: string, caseSensitive: boolean): string {
  if (caseSensitive || !replacement) return replacement;
  return /^\p{Lu}/u.test(matched) && /^\p{Ll}/u.test(replacement) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}
