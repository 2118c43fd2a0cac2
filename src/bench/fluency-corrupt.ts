/**
 * MT-like damage injected into clean tagged sentences: the negative examples of the fluency
 * classifier (src/bench/train-fluency.ts) and the test cases of its benchmark
 * (src/bench/fluency-bench.ts). Both use this one generator, so benchmark recall on these types
 * is recall on the training distribution (on other sentences); see the bench's held-out type.
 *
 * Words move, punctuation stays where it was: token i of the result is preceded by the text that
 * preceded position i in the original. Reorderings stay inside the first run of tokens with only
 * spaces between them (the first clause), as MT word order errors mostly do.
 */
import type { PosTag } from "../analysis/pos.js";
import type { Token } from "../analysis/text.js";

export interface TaggedSentence {
  text: string;
  tokens: readonly Token[];
  tags: readonly PosTag[];
}

export const DAMAGE_TYPES = [
  "swap-adjacent-words",
  "swap-phrases",
  "verb-to-front",
  "object-verb-subject",
  "verb-to-end",
  "drop-article",
  "drop-auxiliary",
  "drop-subject",
  "resumptive-pronoun",
] as const;
export type DamageType = (typeof DAMAGE_TYPES)[number];

/** Deterministic PRNG (mulberry32): same seed, same corruptions. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], random: () => number): T | undefined => items[Math.floor(random() * items.length)];

/** A rearranged sentence: original token indices (or new words as strings) in their new order. */
type Piece = number | string;

const ARTICLES = new Set(["the", "a", "an"]);
/** Not "have": "has approved" without it is a correct past tense. */
const DROPPABLE_AUX = new Set(["is", "are", "was", "were", "will", "am"]);
const isFiniteVerb = (t: PosTag) => (t.coarse === "VERB" || t.coarse === "AUX") && ["VBD", "VBZ", "VBP", "MD"].includes(t.fine);
const isVerbGroup = (t: PosTag) => t.coarse === "VERB" || t.coarse === "AUX" || (t.coarse === "PART" && t.fine === "RB");
const isSubjectPart = (t: PosTag) => ["DET", "ADJ", "NOUN", "PROPN", "NUM"].includes(t.coarse) || (t.coarse === "PRON" && t.fine !== "WP" && t.fine !== "WDT");

class Sentence {
  readonly n: number;
  readonly gaps: string[];
  readonly words: string[];
  readonly lower: string[];
  /** End of the first clause: the first token preceded by something other than a space. */
  readonly clauseEnd: number;

  constructor(readonly s: TaggedSentence) {
    const { text, tokens } = s;
    this.n = tokens.length;
    this.words = tokens.map((t) => t.text);
    this.lower = this.words.map((w) => w.toLowerCase());
    this.gaps = tokens.map((t, i) => text.slice(i === 0 ? 0 : tokens[i - 1]!.end, t.start));
    this.gaps.push(text.slice(tokens.at(-1)?.end ?? 0));
    let end = 1;
    while (end < this.n && this.gaps[end] === " ") end++;
    this.clauseEnd = end;
  }

  tag(i: number): PosTag {
    return this.s.tags[i]!;
  }

  /** The subject, finite verb group and rest of the first clause, when it is a plain "subject verb …" clause. */
  subjectVerb(): { verb: number; groupEnd: number } | undefined {
    let v = 0;
    while (v < this.clauseEnd && !isFiniteVerb(this.tag(v))) v++;
    if (v === 0 || v >= this.clauseEnd || v > 6) return undefined;
    // A noun phrase, with prepositional phrases inside it ("the head of the department").
    for (let i = 0; i < v; i++) if (!isSubjectPart(this.tag(i)) && !(i > 0 && this.tag(i).fine === "IN" && isSubjectPart(this.tag(i + 1)))) return undefined;
    let g = v + 1;
    while (g < this.clauseEnd && isVerbGroup(this.tag(g))) g++;
    return { verb: v, groupEnd: g };
  }

  /** Joins pieces with the original gaps; sentence-initial capitals follow the new first word. */
  render(order: Piece[]): string {
    const keepsCapital = (i: number) => this.tag(i).coarse === "PROPN" || this.words[i] === "I" || /^\p{Lu}{2}/u.test(this.words[i]!);
    const word = (p: Piece, at: number): string => {
      let w = typeof p === "string" ? p : this.words[p]!;
      if (typeof p === "number" && p === 0 && at !== 0 && !keepsCapital(0)) w = w.charAt(0).toLowerCase() + w.slice(1);
      if (at === 0) w = w.charAt(0).toUpperCase() + w.slice(1);
      return w;
    };
    let out = this.gaps[0]!;
    order.forEach((p, at) => {
      if (at > 0) out += this.gaps[Math.min(at, this.n - 1)]!;
      out += word(p, at);
    });
    return out + this.gaps[this.n]!;
  }

  range(from: number, to: number): number[] {
    return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
  }

  without(drop: Set<number>): string | undefined {
    const order = this.range(0, this.n).filter((i) => !drop.has(i));
    return order.length >= 3 ? this.renderInPlace(order) : undefined;
  }

  /** For words dropped or inserted: each kept word keeps the gap before it, an inserted one gets a space. */
  renderInPlace(order: Piece[]): string {
    let out = this.gaps[0]!;
    order.forEach((p, at) => {
      if (at > 0) out += typeof p === "string" ? " " : this.gaps[p]!;
      let w = typeof p === "string" ? p : this.words[p]!;
      if (at === 0) w = w.charAt(0).toUpperCase() + w.slice(1);
      out += w;
    });
    return out + this.gaps[this.n]!;
  }
}

type Corruptor = (s: Sentence, random: () => number) => string | undefined;

const CORRUPTORS: Record<DamageType, Corruptor> = {
  "swap-adjacent-words"(s, random) {
    const candidates = s.range(0, s.n - 1).filter((i) => s.gaps[i + 1] === " " && s.tag(i).coarse !== s.tag(i + 1).coarse);
    const i = pick(candidates, random);
    if (i === undefined) return undefined;
    const order: Piece[] = s.range(0, s.n);
    [order[i], order[i + 1]] = [i + 1, i];
    return s.render(order);
  },
  "swap-phrases"(s, random) {
    // Chunks: runs of nominal words, of verbs, or single other words, inside the first clause.
    const chunks: [number, number][] = [];
    const kind = (i: number) => (isSubjectPart(s.tag(i)) ? 1 : isVerbGroup(s.tag(i)) ? 2 : 3 + i);
    for (let i = 0; i < s.clauseEnd; ) {
      let j = i + 1;
      while (j < s.clauseEnd && kind(j) === kind(i) && kind(i) < 3) j++;
      chunks.push([i, j]);
      i = j;
    }
    const candidates = s.range(0, chunks.length - 1).filter((k) => chunks[k]![1] - chunks[k]![0] + chunks[k + 1]![1] - chunks[k + 1]![0] >= 3);
    const k = pick(candidates, random);
    if (k === undefined) return undefined;
    const [a, b] = [chunks[k]!, chunks[k + 1]!];
    return s.render([...s.range(0, a[0]), ...s.range(b[0], b[1]), ...s.range(a[0], a[1]), ...s.range(b[1], s.n)]);
  },
  "verb-to-front"(s) {
    const sv = s.subjectVerb();
    if (!sv) return undefined;
    return s.render([...s.range(sv.verb, sv.groupEnd), ...s.range(0, sv.verb), ...s.range(sv.groupEnd, s.n)]);
  },
  "object-verb-subject"(s) {
    const sv = s.subjectVerb();
    if (!sv || sv.groupEnd >= s.clauseEnd) return undefined;
    return s.render([...s.range(sv.groupEnd, s.clauseEnd), ...s.range(sv.verb, sv.groupEnd), ...s.range(0, sv.verb), ...s.range(s.clauseEnd, s.n)]);
  },
  "verb-to-end"(s) {
    const sv = s.subjectVerb();
    if (!sv || sv.groupEnd >= s.clauseEnd) return undefined;
    return s.render([...s.range(0, sv.verb), ...s.range(sv.groupEnd, s.clauseEnd), ...s.range(sv.verb, sv.groupEnd), ...s.range(s.clauseEnd, s.n)]);
  },
  "drop-article"(s, random) {
    const i = pick(s.range(0, s.n - 1).filter((i) => ARTICLES.has(s.lower[i]!) && s.gaps[i + 1] === " "), random);
    return i === undefined ? undefined : s.without(new Set([i]));
  },
  "drop-auxiliary"(s, random) {
    const i = pick(s.range(1, s.n - 1).filter((i) => s.tag(i).coarse === "AUX" && DROPPABLE_AUX.has(s.lower[i]!) && s.gaps[i + 1] === " "), random);
    return i === undefined ? undefined : s.without(new Set([i]));
  },
  "drop-subject"(s) {
    const sv = s.subjectVerb();
    if (!sv || sv.verb > 4) return undefined;
    return s.without(new Set(s.range(0, sv.verb)));
  },
  "resumptive-pronoun"(s, random) {
    const candidates = s.range(1, s.n).filter((v) => isFiniteVerb(s.tag(v)) && s.gaps[v] === " " && (s.tag(v - 1).coarse === "NOUN" || s.tag(v - 1).coarse === "PROPN"));
    const v = pick(candidates, random);
    if (v === undefined) return undefined;
    const before = s.tag(v - 1);
    const pronoun = before.fine === "NNS" || before.fine === "NNPS" ? "they" : before.coarse === "PROPN" ? "he" : "it";
    const order: Piece[] = s.range(0, s.n);
    order.splice(v, 0, pronoun);
    return s.renderInPlace(order);
  },
};

/** The sentence with one damage of this type, or undefined when the type does not apply to it. */
export function corrupt(sentence: TaggedSentence, type: DamageType, random: () => number): string | undefined {
  if (sentence.tokens.length < 3) return undefined;
  const result = CORRUPTORS[type](new Sentence(sentence), random);
  return result === sentence.text ? undefined : result;
}
