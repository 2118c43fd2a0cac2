/**
 * English fluency classifier: does a tagged sentence read as garbled MT word order or grammar?
 *
 * A logistic regression over hashed sparse features, trained self-supervised by
 * `npm run train:fluency` (src/bench/train-fluency.ts) on clean Brown sentences against corrupted
 * copies of them, into models/fluency-en.bin. Local tag n-grams alone cannot tell garbled MT from
 * rare but correct English, so most features describe clauses: is there a finite verb, is there a
 * subject before it (a noun phrase outside a prepositional phrase), where the verb sits, which
 * chunks open the clause, whether subject and verb agree, and what stands around the verb.
 *
 * Features are integers (no strings in the hot path): every token becomes a symbol — its word for
 * a closed list of function words, else its POS tag — and each feature mixes a template number
 * with a few symbols into a bucket of the weight table.
 */
import { readFileSync } from "node:fs";
import type { PosTag } from "./pos.js";
import { gapClass } from "./pos.js";
import type { Token } from "./text.js";

/** Bumped whenever features change; stored in the model and checked on load. */
export const FLUENCY_FEATURE_VERSION = 1;
export const FLUENCY_BUCKET_BITS = 19;
const MASK = (1 << FLUENCY_BUCKET_BITS) - 1;

/** One sentence: tokens [first, end) of `tokens`, with offsets into `text` and one tag per token. */
export interface SentenceView {
  text: string;
  tokens: readonly Token[];
  tags: readonly PosTag[];
  first: number;
  end: number;
  /** The sentence's text span, when it comes from a segment's sentences. */
  span?: { start: number; end: number };
}

const FUNCTION_WORDS = (
  "the a an this that these those some any no every each all both either neither another such " +
  "i you he she it we they me him her us them my your his its our their who whom whose which what " +
  "of in to for on with at by from about as into through after over between against during without before under " +
  "around among upon within across along behind beyond near since until toward towards like than " +
  "and or but nor so yet if because while although though when where whether how why then " +
  "be is are was were been being am have has had having do does did will would shall should can could may might must " +
  "not n't there here also only just very too even still already again ever never more most much many " +
  "one ones it's don't didn't doesn't isn't wasn't can't won't"
).split(" ");
const FUNCTION_ID = new Map(FUNCTION_WORDS.map((w, i) => [w, i]));

const SUBJECT_PRONOUNS = new Set(["i", "you", "he", "she", "it", "we", "they"]);
const SINGULAR_PRONOUNS = new Set(["he", "she", "it", "this", "that"]);
const PLURAL_PRONOUNS = new Set(["we", "they", "you", "these", "those"]);

// Symbol spaces: tags 0..63, function words 64..511, punctuation classes 512.., edges.
const SYM_TAG = 0, SYM_WORD = 64, SYM_GAP = 512, SYM_START = 600, SYM_END = 601, SYM_QUESTION = 602;

const COARSE_ID: Record<string, number> = {
  NOUN: 700, PROPN: 701, VERB: 702, AUX: 703, ADJ: 704, ADV: 705, ADP: 706, SCONJ: 707, CCONJ: 708, DET: 709, PRON: 710,
  PART: 711, NUM: 712, INTJ: 713, X: 714,
};

/** Chunk classes: what a clause is made of. */
const enum Chunk {
  Nominal = 1,
  Pronoun = 2,
  Verb = 3,
  Prep = 4,
  To = 5,
  Conj = 6,
  Sub = 7,
  Adv = 8,
  Other = 9,
}

function chunkOf(tag: PosTag, lower: string): Chunk {
  switch (tag.coarse) {
    case "DET": case "ADJ": case "NOUN": case "PROPN": case "NUM": return Chunk.Nominal;
    case "PRON": return SUBJECT_PRONOUNS.has(lower) ? Chunk.Pronoun : tag.fine === "WP" || tag.fine === "WDT" ? Chunk.Sub : Chunk.Nominal;
    case "VERB": case "AUX": return Chunk.Verb;
    case "PART": return tag.fine === "TO" ? Chunk.To : Chunk.Verb; // "not" belongs to the verb group
    case "ADP": return tag.fine === "RP" ? Chunk.Verb : Chunk.Prep;
    case "CCONJ": return Chunk.Conj;
    case "SCONJ": return Chunk.Sub;
    case "ADV": return tag.fine === "WRB" ? Chunk.Sub : Chunk.Adv;
    default: return Chunk.Other;
  }
}

const isFinite = (t: PosTag) => (t.coarse === "VERB" || t.coarse === "AUX") && (t.fine === "VBD" || t.fine === "VBZ" || t.fine === "VBP" || t.fine === "MD");
const isNominalHead = (t: PosTag) => t.coarse === "NOUN" || t.coarse === "PROPN" || t.coarse === "NUM" || (t.coarse === "PRON" && t.fine !== "PRP$");

function mix(t: number, a: number, b = 0, c = 0, d = 0): number {
  let h = Math.imul(t + 0x9e3779b1, 0x85ebca6b) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b) ^ c;
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35) ^ d;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) & MASK;
}

const bucket = (n: number, limits: readonly number[]) => {
  let b = 0;
  while (b < limits.length && n > limits[b]!) b++;
  return b;
};

/** Whether a sentence is one the classifier judges: a full sentence of ordinary length, not a title or a fragment. */
export function isJudgeable(s: SentenceView): boolean {
  const n = s.end - s.first;
  if (n < 6 || n > 60) return false;
  const last = s.tokens[s.end - 1]!;
  const tail = s.text.slice(last.end, last.end + 4);
  if (!/^[”"’')\]]*[.!?]/u.test(tail)) return false;
  let capitalized = 0;
  for (let i = s.first; i < s.end; i++) if (/^\p{Lu}/u.test(s.tokens[i]!.text)) capitalized++;
  return capitalized * 2 < n; // headlines and lists of names
}

/** A clause of a sentence (tokens [from, to) of the sentence's tokens) and its feature buckets. */
export interface ClauseFeatures {
  from: number;
  to: number;
  /** Repeats are kept: a feature seen twice counts twice. */
  features: number[];
}

/**
 * Feature buckets of each clause of a sentence. A sentence is judged by its worst clause, so that
 * one garbled clause is not drowned by the clean rest of a long sentence. Clauses are split at
 * punctuation (comma, colon, dash, brackets, quotes) and before conjunctions.
 */
export function fluencyClauses(s: SentenceView): ClauseFeatures[] {
  const { text, tokens, tags, first, end } = s;
  const n = end - first;
  const lower: string[] = [];
  const sym: number[] = [];
  const coarse: number[] = [];
  const gap: number[] = [];
  const chunk: Chunk[] = [];
  for (let i = first; i < end; i++) {
    const w = tokens[i]!.text.toLowerCase().replace(/’/g, "'");
    const tag = tags[i]!;
    lower.push(w);
    const f = FUNCTION_ID.get(w);
    sym.push(f === undefined ? SYM_TAG + tag.id : SYM_WORD + f);
    coarse.push(COARSE_ID[tag.coarse]!);
    gap.push(i === first ? 1 : gapClass(text, tokens[i - 1]!.end, tokens[i]!.start));
    chunk.push(chunkOf(tag, w));
  }
  const lastTok = tokens[end - 1]!;
  const question = /^[”"’')\]]*\?/u.test(text.slice(lastTok.end, lastTok.end + 4));

  const bounds: [number, number][] = [];
  for (let start = 0; start < n; ) {
    let stop = start + 1;
    while (stop < n && gap[stop] === 0 && !(chunk[stop] === Chunk.Conj || chunk[stop] === Chunk.Sub)) stop++;
    bounds.push([start, stop]);
    start = stop;
  }
  let finiteTotal = 0;
  for (let k = 0; k < n; k++) if (isFinite(tags[first + k]!)) finiteTotal++;
  const sentence = [
    mix(30, bucket(finiteTotal, [0, 1, 2, 3]), bucket(bounds.length, [1, 2, 3, 5]), question ? 1 : 0),
    mix(31, bucket(n, [8, 12, 18, 25, 35])),
    mix(32, sym[0]!, chunk[0]!, finiteTotal ? 1 : 0),
  ];

  let previousHadFinite = 1;
  return bounds.map(([from, to], index) => {
    const out = [...sentence];
    const kind = mix(0, index === 0 ? 1 : 2, from === 0 ? 0 : gap[from]!, from === 0 ? 0 : chunk[from]!, question ? 1 : 0);
    ngrams(from, to, out);
    previousHadFinite = clauseShape(from, to, kind, previousHadFinite, out);
    return { from: first + from, to: first + to, features: out };
  });

  /** Symbol n-grams over the clause, with the punctuation and the token on each side of it. */
  function ngrams(from: number, to: number, out: number[]): void {
    const seq: number[] = [from === 0 ? SYM_START : sym[from - 1]!];
    const seqCoarse: number[] = [from === 0 ? SYM_START : coarse[from - 1]!];
    for (let k = from; k <= to; k++) {
      if (k > 0 && k <= n - 1 && gap[k] !== 0) {
        seq.push(SYM_GAP + gap[k]!);
        seqCoarse.push(SYM_GAP + gap[k]!);
      }
      const last = k === n ? (question ? SYM_QUESTION : SYM_END) : undefined;
      seq.push(last ?? sym[k]!);
      seqCoarse.push(last ?? coarse[k]!);
      if (k === n) break;
    }
    for (let k = 1; k < seq.length; k++) {
      out.push(mix(1, seq[k]!), mix(2, seq[k - 1]!, seq[k]!));
      if (k >= 2) out.push(mix(3, seq[k - 2]!, seq[k - 1]!, seq[k]!));
      if (k >= 3) out.push(mix(4, seqCoarse[k - 3]!, seqCoarse[k - 2]!, seqCoarse[k - 1]!, seqCoarse[k]!));
    }
  }

  /** Clause structure: finite verb, subject before it, the verb's place and surroundings, agreement. Returns whether it has a finite verb. */
  function clauseShape(from: number, to: number, kind: number, prevFinite: number, out: number[]): number {
    let verb = -1;
    let subject = false;
    let subjectHead = -1;
    let inPrep = false;
    for (let k = from; k < to; k++) {
      if (isFinite(tags[first + k]!)) {
        verb = k;
        break;
      }
      const c = chunk[k]!;
      if (c === Chunk.Prep) inPrep = true;
      else if (c === Chunk.Pronoun || c === Chunk.Nominal) {
        if (!inPrep || c === Chunk.Pronoun) {
          subject = true;
          if (isNominalHead(tags[first + k]!)) subjectHead = k;
        } else if (isNominalHead(tags[first + k]!) && k + 1 < to && chunk[k + 1] !== Chunk.Nominal) inPrep = false;
      } else if (c !== Chunk.Adv) inPrep = false;
    }
    const len = to - from;
    const hasVerb = verb >= 0 ? 1 : 0;
    const position = verb < 0 ? 7 : bucket(verb - from, [0, 1, 2, 3, 5, 8]);
    const shape = mix(10, hasVerb, subject ? 1 : 0, position, bucket(len, [2, 4, 8, 14]));
    out.push(shape, mix(11, shape, kind), mix(12, shape, prevFinite));
    // The chunks that open the clause.
    const chunks: number[] = [];
    for (let k = from; k < to && chunks.length < 4; k++) if (k === from || chunk[k] !== chunk[k - 1]) chunks.push(chunk[k]!);
    out.push(mix(13, chunks[0] ?? 0, chunks[1] ?? 0, chunks[2] ?? 0, kind));
    out.push(mix(14, chunks[0] ?? 0, chunks[1] ?? 0, chunks[2] ?? 0, chunks[3] ?? 0));
    out.push(mix(15, sym[from]!, sym[from + 1] ?? SYM_END, hasVerb, subject ? 1 : 0));
    if (verb >= 0) {
      const v = sym[verb]!;
      const before = verb > from ? sym[verb - 1]! : SYM_START;
      const after = verb + 1 < to ? sym[verb + 1]! : SYM_END;
      const after2 = verb + 2 < to ? sym[verb + 2]! : SYM_END;
      out.push(mix(16, before, v, subject ? 1 : 0), mix(17, v, after, after2), mix(18, before, v, after), mix(19, v, position, kind));
      // Agreement of the verb with the nearest subject head.
      const vw = lower[verb]!;
      const vTag = tags[first + verb]!;
      const verbNumber = vTag.fine === "VBZ" || vw === "was" ? 1 : vTag.fine === "VBP" || vw === "were" ? 2 : 0;
      if (verbNumber && subjectHead >= 0) {
        const t = tags[first + subjectHead]!;
        const w = lower[subjectHead]!;
        const number = t.fine === "NNS" || t.fine === "NNPS" || PLURAL_PRONOUNS.has(w) ? 2 : t.fine === "NN" || t.fine === "NNP" || SINGULAR_PRONOUNS.has(w) ? 1 : w === "i" ? 3 : 0;
        out.push(mix(20, number, verbNumber, verb - subjectHead === 1 ? 1 : 0));
      }
      // A pronoun right after a noun subject ("such attacks they cause").
      if (verb - from >= 2 && chunk[verb - 1] === Chunk.Pronoun && chunk[verb - 2] === Chunk.Nominal) out.push(mix(21, sym[verb - 2]!, v));
      // What follows the verb group: an object, a subject after an inverted verb, nothing.
      let k = verb + 1;
      while (k < to && chunk[k] === Chunk.Verb) k++;
      out.push(mix(22, k < to ? chunk[k]! : 0, subject ? 1 : 0, hasVerb, kind));
      // Finite verbs after the first one in the same clause.
      let more = 0;
      for (let j = k; j < to; j++) if (isFinite(tags[first + j]!)) more++;
      out.push(mix(23, bucket(more, [0, 1]), subject ? 1 : 0));
    }
    return hasVerb;
  }
}

// ---------------------------------------------------------------------------------------------
// Model

export interface FluencyModelData {
  featureVersion: number;
  bucketBits: number;
  bias: number;
  /** Scores at or above this are garbled (calibrated on held-out clean text). */
  threshold: number;
  weights: Float32Array;
}

export class FluencyModel {
  constructor(readonly data: FluencyModelData) {
    if (data.featureVersion !== FLUENCY_FEATURE_VERSION || data.bucketBits !== FLUENCY_BUCKET_BITS) {
      throw new Error(`fluency model was trained for features v${data.featureVersion}, this code has v${FLUENCY_FEATURE_VERSION}: run npm run train:fluency`);
    }
  }

  /** The sentence's worst clause and its score (log-odds of "garbled"). */
  judge(s: SentenceView): { score: number; from: number; to: number } {
    return judgeSentence(this.data, s);
  }
}

export function judgeSentence(m: Omit<FluencyModelData, "threshold">, s: SentenceView): { score: number; from: number; to: number } {
  let worst = { score: -Infinity, from: s.first, to: s.end };
  for (const c of fluencyClauses(s)) {
    const score = scoreFeatures(m.weights, m.bias, c.features);
    if (score > worst.score) worst = { score, from: c.from, to: c.to };
  }
  return worst;
}

export function scoreFeatures(weights: Float32Array, bias: number, features: readonly number[]): number {
  let z = bias;
  for (const f of features) z += weights[f]!;
  return z;
}

// Model file: "MTFL", then a JSON header line, then int16 weights (little-endian), scaled.
const MAGIC = "MTFL";

export function encodeFluencyModel(m: FluencyModelData): Buffer {
  let max = 0;
  for (const w of m.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? 32767 / max : 1;
  const header = JSON.stringify({ featureVersion: m.featureVersion, bucketBits: m.bucketBits, bias: m.bias, threshold: m.threshold, scale });
  const quantized = new Int16Array(m.weights.length);
  m.weights.forEach((w, i) => (quantized[i] = Math.round(w * scale)));
  const body = Buffer.from(quantized.buffer, quantized.byteOffset, quantized.byteLength);
  return Buffer.concat([Buffer.from(`${MAGIC}${header}\n`, "utf8"), body]);
}

export function decodeFluencyModel(raw: Uint8Array): FluencyModelData {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (buf.toString("latin1", 0, 4) !== MAGIC) throw new Error("not a fluency model file");
  const newline = buf.indexOf(10, 4);
  const header = JSON.parse(buf.toString("utf8", 4, newline)) as Omit<FluencyModelData, "weights"> & { scale: number };
  const bytes = buf.subarray(newline + 1);
  const aligned = new Int16Array(bytes.byteLength / 2);
  new Uint8Array(aligned.buffer).set(bytes);
  const weights = Float32Array.from(aligned, (q) => q / header.scale);
  return { featureVersion: header.featureVersion, bucketBits: header.bucketBits, bias: header.bias, threshold: header.threshold, weights };
}

/** Where the shipped English model lives (the same relative path from src/ and dist/). */
export const DEFAULT_FLUENCY_MODEL_URL = new URL("../../models/fluency-en.bin", import.meta.url);

let shared: FluencyModel | undefined;

/** The shipped English fluency model, loaded on first use. */
export function englishFluencyModel(): FluencyModel {
  if (shared) return shared;
  let raw: Uint8Array;
  try {
    raw = readFileSync(DEFAULT_FLUENCY_MODEL_URL);
  } catch (e) {
    throw new Error(`cannot read the fluency model ${DEFAULT_FLUENCY_MODEL_URL.pathname} (${(e as Error).message}); rebuild it with npm run train:fluency`);
  }
  return (shared = new FluencyModel(decodeFluencyModel(raw)));
}

/** Sentence views of a segment: `spans` (sentences) over `tokens` (with their `tags`) of `text`. */
export function sentenceViews(text: string, tokens: readonly Token[], tags: readonly PosTag[], spans: readonly { start: number; end: number }[]): SentenceView[] {
  const views: SentenceView[] = [];
  let t = 0;
  for (const span of spans) {
    while (t < tokens.length && tokens[t]!.start < span.start) t++;
    const first = t;
    while (t < tokens.length && tokens[t]!.end <= span.end) t++;
    if (t > first) views.push({ text, tokens, tags, first, end: t, span });
  }
  return views;
}
