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
 * followed only from a word that starts one. The tree is flat arrays of numbers, so a compiled
 * table is bytes: the CLI keeps them between runs and threads (env.tables) and reads them back
 * instead of compiling the phrases again (300–400 ms for the 80,000 of the built-in calques).
 */
import { createHash } from "node:crypto";
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { tokenize } from "../analysis/text.js";
import { lowerCase, segmentWords, wordId as sharedWordId } from "./tokens.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
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
    const entries = entrySpecs.map(([pattern, raw]): CompiledEntry => {
      const entry = asEntry(raw);
      return {
        ...entry,
        after: entry.notFollowedBy === undefined ? undefined : new RegExp(`(?:${entry.notFollowedBy})`, caseSensitive ? "uy" : "iuy"),
        before: entry.notPrecededBy === undefined ? undefined : new RegExp(`(?:${entry.notPrecededBy})$`, caseSensitive ? "u" : "iu"),
        replace: entry.replace === undefined ? undefined : compileReplacement(entry.replace, pattern, at),
      };
    });
    const patterns = entrySpecs.map(([pattern]) => pattern);
    const key = createHash("sha1").update(JSON.stringify([TABLE_FORMAT, caseSensitive, patterns])).digest("hex");
    let table = decodeTable(env.tables?.get(key), patterns);
    if (!table) {
      table = buildTable(patterns, word, at);
      env.tables?.set(key, encodeTable(table));
    }
    const { tails, rootNode, edgeStart, edgeKey, edgeNode, phraseStart, phraseEntry, phraseTail, choiceStart, choices } = table;
    const wordCount = table.words.length;
    // The segment's word ids are those of the process (shared by all tables), the table's its own.
    const processIds = table.words.map((w) => phraseWordId(w, caseSensitive));
    // A loop, not Math.max(...ids): a spread of a user's table of 200,000 words overflows the stack.
    let highest = -1;
    for (const id of processIds) if (id > highest) highest = id;
    const localOf = new Int32Array(highest + 1).fill(-1);
    processIds.forEach((id, local) => (localOf[id] = local));
    const gapOf = new Map(table.gaps.map((g, i) => [g, i]));
    /** The node a word leads to from `node` after the gap, or -1. */
    const child = (node: number, gapId: number, local: number) => {
      const wanted = gapId * wordCount + local;
      let low = edgeStart[node]!;
      let high = edgeStart[node + 1]! - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const k = edgeKey[middle]!;
        if (k === wanted) return edgeNode[middle]!;
        if (k < wanted) low = middle + 1;
        else high = middle - 1;
      }
      return -1;
    };
    return {
      spec,
      checkSegment(analysis, index, report) {
        const text = analysis.text;
        const tokens = analysis.tokens;
        const ids = caseSensitive ? exactIds(analysis) : segmentWords(analysis).ids;
        let lastEnd = -1;
        for (let i = 0; i < tokens.length; i++) {
          if (i <= lastEnd || ids[i]! < 0) continue;
          const first = localOf[ids[i]!] ?? -1;
          let node = first < 0 ? -1 : rootNode[first]!;
          // Every phrase that starts here, the longest last; the longest whose context allows it wins.
          let found: [number, number][] | undefined;
          for (let j = i; node >= 0; j++) {
            for (let p = phraseStart[node]!; p < phraseStart[node + 1]!; p++) (found ??= []).push([j, p]);
            const following = tokens[j + 1];
            if (!following) break;
            const end = tokens[j]!.end;
            const local = ids[j + 1]! < 0 ? -1 : (localOf[ids[j + 1]!] ?? -1);
            if (local < 0) break;
            // Most words are one space apart: looked up without building the gap's text.
            const gapId = following.start === end + 1 && text.charCodeAt(end) === 32 ? 0 : (gapOf.get(gap(text, end, following.start)) ?? -1);
            node = gapId < 0 ? -1 : child(node, gapId, local);
          }
          for (let k = (found?.length ?? 0) - 1; k >= 0; k--) {
            const [last, p] = found![k]!;
            const entry = entries[phraseEntry[p]!]!;
            const tail = tails[phraseTail[p]!]!;
            if (tail && !(text.startsWith(tail, tokens[last]!.end) && !endsSentence(text, tokens[last]!.end + tail.length, tail))) continue;
            const span = { start: tokens[i]!.start, end: tokens[last]!.end + tail.length };
            if (!contextAllows(ruleContext, text, span) || !contextAllows(entry, text, span)) continue;
            const matched = text.slice(span.start, span.end);
            const replacement = entry.replace === undefined ? undefined : matchCase(replacementFor(entry.replace, choices.subarray(choiceStart[p]!, choiceStart[p + 1]!)), matched, caseSensitive);
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

/** A full stop that may also end the sentence ("… 45 mln. The …") stays: the bare phrase is matched instead. */
function endsSentence(text: string, end: number, tail: string): boolean {
  return tail.endsWith(".") && /^(?:\s*$|\s+[\p{Lu}\d])/u.test(text.slice(end, end + 3));
}

/** Changes whenever the table's layout or the way phrases are cut into words does: older tables are rebuilt. */
const TABLE_FORMAT = 1;

/**
 * A compiled table: a tree of words whose nodes are numbers. A node's children are sorted by
 * gap × words + word (gap 0 is one space: other text between the words is a gap of `gaps`), and
 * its phrases are those that end there, the shortest tail first.
 */
interface PhraseTable {
  /** The table's words (as keyed); a word's index is its id in the table. */
  words: string[];
  gaps: string[];
  /** Text that must follow a phrase's last word ("." of "thous."); 0 is none. */
  tails: string[];
  /** For each word, the node of phrases that start with it, or -1. */
  rootNode: Int32Array;
  /** Per node (and one more): where its children start in edgeKey/edgeNode. */
  edgeStart: Int32Array;
  edgeKey: Int32Array;
  edgeNode: Int32Array;
  /** Per node (and one more): where its phrases start in phraseEntry/phraseTail. */
  phraseStart: Int32Array;
  /** The entry (index in the table's patterns) a phrase stands for. */
  phraseEntry: Int32Array;
  phraseTail: Int32Array;
  /** Per phrase (and one more): where its choices, one per {…} group of its pattern, start in `choices`. */
  choiceStart: Int32Array;
  choices: Int32Array;
}

const ARRAYS = ["rootNode", "edgeStart", "edgeKey", "edgeNode", "phraseStart", "phraseEntry", "phraseTail", "choiceStart", "choices"] as const;

function buildTable(patterns: string[], word: (text: string) => string, at: { file: string; pointer: string }): PhraseTable {
  const intern = (ids: Map<string, number>, text: string) => ids.get(text) ?? (ids.set(text, ids.size), ids.size - 1);
  const wordIds = new Map<string, number>();
  const gapIds = new Map([[" ", 0]]);
  const tailIds = new Map([["", 0]]);
  const rootNode: number[] = [];
  /** Each node's children, by gap × 2^21 + word (ordered as gap × words + word once the words are known). */
  const children: (Map<number, number> | undefined)[] = [];
  const phrases: { node: number; entry: number; tail: string; choices: number[] }[] = [];
  patterns.forEach((pattern, entry) => {
    for (const { phrase, choices } of expandPhrase(pattern, at)) {
      const tokens = tokenize(phrase);
      if (!tokens.length) throw configError(`phrase "${phrase}" has no word`, at);
      let node = -1;
      tokens.forEach((t, i) => {
        const id = intern(wordIds, word(t.text));
        if (i === 0) {
          node = rootNode[id] ??= children.push(undefined) - 1;
          return;
        }
        const key = intern(gapIds, gap(phrase, tokens[i - 1]!.end, t.start)) * 2 ** 21 + id;
        const next = (children[node] ??= new Map());
        node = next.get(key) ?? (next.set(key, children.length), children.push(undefined) - 1);
      });
      // Punctuation that ends the phrase ("thous.") is no token: it must follow the match, and such a phrase is tried before the bare one.
      phrases.push({ node, entry, tail: phrase.slice(tokens[tokens.length - 1]!.end).trimEnd(), choices });
    }
  });
  const words = [...wordIds.keys()];
  if (words.length >= 2 ** 21 || gapIds.size * words.length >= 2 ** 31) throw configError("the table has too many words", at);
  const nodes = children.length;
  const edgeStart = new Int32Array(nodes + 1);
  const edgeKey: number[] = [];
  const edgeNode: number[] = [];
  children.forEach((next, node) => {
    for (const key of [...(next?.keys() ?? [])].sort((a, b) => a - b)) {
      edgeKey.push(Math.floor(key / 2 ** 21) * words.length + (key % 2 ** 21));
      edgeNode.push(next!.get(key)!);
    }
    edgeStart[node + 1] = edgeKey.length;
  });
  // Stable: phrases of a node with tails of one length keep the order of the patterns.
  phrases.sort((a, b) => a.node - b.node || a.tail.length - b.tail.length);
  const phraseStart = new Int32Array(nodes + 1);
  for (const { node } of phrases) phraseStart[node + 1]!++;
  for (let n = 0; n < nodes; n++) phraseStart[n + 1]! += phraseStart[n]!;
  const choiceStart = new Int32Array(phrases.length + 1);
  phrases.forEach((p, i) => (choiceStart[i + 1] = choiceStart[i]! + p.choices.length));
  const phraseTail = Int32Array.from(phrases, (p) => intern(tailIds, p.tail));
  return {
    words,
    gaps: [...gapIds.keys()],
    tails: [...tailIds.keys()],
    rootNode: Int32Array.from({ length: words.length }, (_, w) => rootNode[w] ?? -1),
    edgeStart,
    edgeKey: Int32Array.from(edgeKey),
    edgeNode: Int32Array.from(edgeNode),
    phraseStart,
    phraseEntry: Int32Array.from(phrases, (p) => p.entry),
    phraseTail,
    choiceStart,
    choices: Int32Array.from(phrases.flatMap((p) => p.choices)),
  };
}

/** The table as bytes: the length of a JSON header (its strings and the arrays' lengths), the header, then the arrays (little-endian int32, 4-aligned). */
function encodeTable(table: PhraseTable): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ words: table.words, gaps: table.gaps, tails: table.tails, lengths: ARRAYS.map((name) => table[name].length) }));
  const start = (4 + header.length + 3) & ~3;
  const bytes = new Uint8Array(start + ARRAYS.reduce((sum, name) => sum + table[name].byteLength, 0));
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);
  let at = start;
  for (const name of ARRAYS) {
    bytes.set(new Uint8Array(table[name].buffer, table[name].byteOffset, table[name].byteLength), at);
    at += table[name].byteLength;
  }
  return bytes;
}

/**
 * A table read back, or undefined when the bytes are not one for these patterns: every number is
 * checked to point where it may, so a damaged table is rebuilt rather than misread.
 */
function decodeTable(bytes: Uint8Array | undefined, patterns: string[]): PhraseTable | undefined {
  try {
    if (!bytes || bytes.length < 4) return undefined;
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as { words: string[]; gaps: string[]; tails: string[]; lengths: number[] };
    const { words, gaps, tails, lengths } = header;
    if (![words, gaps, tails].every((list) => Array.isArray(list) && list.every((s) => typeof s === "string")) || gaps[0] !== " " || tails[0] !== "") return undefined;
    let at = (4 + headerLength + 3) & ~3;
    if (!Array.isArray(lengths) || lengths.length !== ARRAYS.length || at + lengths.reduce((sum, n) => sum + 4 * n, 0) !== bytes.length) return undefined;
    // Aligned views where the bytes allow, a copy otherwise.
    const aligned = (bytes.byteOffset & 3) === 0 ? bytes : bytes.slice();
    const arrays = ARRAYS.map((_, i) => {
      const array = new Int32Array(aligned.buffer, aligned.byteOffset + at, lengths[i]!);
      at += 4 * lengths[i]!;
      return array;
    });
    const table = { words, gaps, tails, ...Object.fromEntries(ARRAYS.map((name, i) => [name, arrays[i]!])) } as PhraseTable;
    return isConsistent(table, patterns) ? table : undefined;
  } catch {
    return undefined;
  }
}

function isConsistent(t: PhraseTable, patterns: string[]): boolean {
  const nodes = t.edgeStart.length - 1;
  const phrases = t.phraseEntry.length;
  // Loops, not every(): these run over a million numbers at each start.
  const within = (array: Int32Array, low: number, high: number) => {
    for (let i = 0; i < array.length; i++) if (array[i]! < low || array[i]! >= high) return false;
    return true;
  };
  const ascending = (array: Int32Array, last: number) => {
    for (let i = 1; i < array.length; i++) if (array[i]! < array[i - 1]!) return false;
    return array[0] === 0 && array[array.length - 1] === last;
  };
  if (nodes < 0 || t.rootNode.length !== t.words.length || t.phraseStart.length !== nodes + 1 || t.phraseTail.length !== phrases || t.choiceStart.length !== phrases + 1 || t.edgeNode.length !== t.edgeKey.length) return false;
  if (!within(t.rootNode, -1, nodes) || !within(t.edgeNode, 0, nodes) || !within(t.edgeKey, 0, t.gaps.length * t.words.length)) return false;
  if (!ascending(t.edgeStart, t.edgeKey.length) || !ascending(t.phraseStart, phrases) || !ascending(t.choiceStart, t.choices.length)) return false;
  if (!within(t.phraseEntry, 0, patterns.length) || !within(t.phraseTail, 0, t.tails.length)) return false;
  // Each phrase makes one choice in each group of its pattern, within the group's options.
  const groupSizes = patterns.map((pattern) => [...pattern.matchAll(/\{([^{}]*)\}/g)].map((g) => g[1]!.split("|").length));
  for (let p = 0; p < phrases; p++) {
    const sizes = groupSizes[t.phraseEntry[p]!]!;
    const from = t.choiceStart[p]!;
    if (t.choiceStart[p + 1]! - from !== sizes.length) return false;
    for (let k = 0; k < sizes.length; k++) if (t.choices[from + k]! < 0 || t.choices[from + k]! >= sizes[k]!) return false;
  }
  return true;
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
function replacementFor({ pieces, groups }: Replacement, choices: ArrayLike<number>): string {
  return pieces.reduce((text, piece, k) => text + piece + (k < groups.length ? groups[k]!.options[choices[groups[k]!.follows]!]! : ""), "").replace(/\s+/g, " ").trim();
}

/** "On the issues of" → "On": a case-insensitive match keeps the capital of a sentence start. */
function matchCase(replacement: string, matched: string, caseSensitive: boolean): string {
  if (caseSensitive || !replacement) return replacement;
  return /^\p{Lu}/u.test(matched) && /^\p{Ll}/u.test(replacement) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}
