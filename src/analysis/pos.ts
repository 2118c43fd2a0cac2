/**
 * Part-of-speech tagging for English: a greedy left-to-right averaged perceptron (the classic
 * design of Collins 2002 / Honnibal's "200 lines of Python" tagger), trained on the tagged
 * Brown corpus by `npm run train:tagger` (training/train-tagger.ts) into models/pos-en.bin.
 *
 * Tags are pairs of a coarse, Universal-Dependencies-style class (NOUN, VERB, AUX, …) and a fine,
 * Penn-Treebank-like tag (VBD, VBN, NNS, …): see POS_TAGS for the inventory. Every tag is one
 * shared frozen object, so a tagged segment costs one array.
 *
 * Tokens are mtlint's word tokens (no punctuation tokens); punctuation enters the features as
 * the class of the characters between two tokens (comma, sentence stop, quote, …).
 *
 * Speed (about 1M tokens/s on one core): no strings are built in the hot path. Each token's
 * word, suffixes and shape are hashed to integers once; a feature is an integer key mixed from
 * its template and values, found through a bucket index over the sorted keys, and its row holds
 * (weight << 8 | class) entries in an Int32Array. Frequent unambiguous words skip scoring (tag
 * dictionary); the feature groups that depend on a few small values (previous tags, shapes,
 * punctuation) are summed in advance into tables; the sums of a word's own features and of its
 * features as a neighbour are cached per word. The model file holds all of this ready to use,
 * so loading is reading 3 MB (about 5 ms), done only when something first asks for tags.
 *
 * This file holds the tags and the tagger; the features are in pos-features.ts, the model's
 * arrays, derived tables and file format in pos-model.ts.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { FEATURE_VERSION, GAPS, key, MAX_FEATURES, P_START, roleKeys, ROLE_AFTER, ROLE_AFTER2, ROLE_BEFORE, ROLE_BEFORE2, ROLES, SHAPES, T_P1W, TokenFeatures } from "./pos-features.js";
import { bucketBits, decodeModel, deriveTables, rowCount, type DerivedTables, type PosModelData } from "./pos-model.js";
import type { Token } from "./text.js";

export type CoarseTag =
  | "NOUN" | "PROPN" | "VERB" | "AUX" | "ADJ" | "ADV" | "ADP" | "SCONJ" | "CCONJ" | "DET" | "PRON" | "PART" | "NUM" | "INTJ" | "X";

export type FineTag =
  | "NN" | "NNS" | "NNP" | "NNPS"
  | "VB" | "VBP" | "VBZ" | "VBD" | "VBN" | "VBG" | "MD"
  | "JJ" | "JJR" | "JJS" | "RB" | "RBR" | "RBS" | "WRB"
  | "IN" | "RP" | "CC" | "DT" | "PDT" | "WDT" | "PRP" | "PRP$" | "WP" | "WP$" | "EX" | "TO" | "CD" | "UH" | "FW";

export interface PosTag {
  /** Index in POS_TAGS (the model's class number). */
  readonly id: number;
  readonly coarse: CoarseTag;
  readonly fine: FineTag;
  /** "COARSE/FINE", e.g. "AUX/VBD". */
  readonly name: string;
}

/**
 * The tag inventory. Fine tags follow the Penn Treebank, with these conventions:
 * - verbs: `be` and modals are always AUX; `have` and `do` are AUX when auxiliaries ("has made",
 *   "did not go"), VERB otherwise; VB is the base form (infinitive, imperative, after a modal or
 *   `do`), VBP the finite present other than 3rd singular;
 * - nouns in names and titles ("the City Executive Committee") are PROPN/NNP(S);
 * - possessives stay on their word (our tokens keep "'s"): "Atlanta's" is PROPN/NNP;
 * - "to" is PART/TO before a verb, ADP/IN as a preposition; "not"/"n't" is PART/RB;
 * - subordinating conjunctions ("that", "if", "because", "than") are SCONJ/IN;
 * - "this/that/these/those" and "which/what" standing alone are PRON/DT and PRON/WDT, before a
 *   noun DET/DT and DET/WDT; "something", "one", "nobody" are PRON/PRP;
 * - quantifiers "many, few, other, several, more, most" and ordinals are ADJ; "all/half" before a
 *   determiner DET/PDT; phrasal-verb particles ("give up") ADP/RP; foreign words X/FW.
 * Contractions are one token tagged by their first part: "it's" PRON/PRP, "don't" AUX/VBP (AUX/VB
 * in "don't go"), "can't" AUX/MD. Tokens are never punctuation, so there is no PUNCT tag.
 */
export const POS_TAGS: readonly PosTag[] = (
  [
    "NOUN/NN", "NOUN/NNS", "PROPN/NNP", "PROPN/NNPS",
    "VERB/VB", "VERB/VBP", "VERB/VBZ", "VERB/VBD", "VERB/VBN", "VERB/VBG",
    "AUX/VB", "AUX/VBP", "AUX/VBZ", "AUX/VBD", "AUX/VBN", "AUX/VBG", "AUX/MD",
    "ADJ/JJ", "ADJ/JJR", "ADJ/JJS", "ADV/RB", "ADV/RBR", "ADV/RBS", "ADV/WRB",
    "ADP/IN", "ADP/RP", "SCONJ/IN", "CCONJ/CC",
    "DET/DT", "DET/PDT", "DET/WDT",
    "PRON/PRP", "PRON/PRP$", "PRON/WP", "PRON/WP$", "PRON/WDT", "PRON/DT", "PRON/EX",
    "PART/TO", "PART/RB", "NUM/CD", "INTJ/UH", "X/FW",
  ] as const
).map((name, id) => {
  const [coarse, fine] = name.split("/") as [CoarseTag, FineTag];
  return Object.freeze({ id, coarse, fine, name });
});

const TAG_BY_NAME = new Map(POS_TAGS.map((t) => [t.name, t]));

/** The tag named "COARSE/FINE"; throws on an unknown name. */
export function posTag(name: string): PosTag {
  const t = TAG_BY_NAME.get(name);
  if (!t) throw new Error(`unknown POS tag ${name}`);
  return t;
}

/** Languages the tagger serves: English and its regional variants. */
export function hasTagger(language: string): boolean {
  return /^en(?:$|[-_])/i.test(language);
}

const WORD_CACHE_SLOTS = 4096;
/** Slots per role of the cache of neighbour features (a power of 2). */
const ROLE_SLOTS = 1024;

/** The tagger: a model made ready for fast greedy decoding. Not reentrant (it reuses buffers). */
export class PosTagger {
  private readonly rows: Int32Array;
  private readonly index: Int32Array;
  private readonly shift: number;
  private readonly entries: Int32Array;
  private readonly dictKeys: Int32Array;
  private readonly dictIndex: Int32Array;
  private readonly dictShift: number;
  private readonly dictClasses: Uint8Array;
  private readonly pair: Int32Array;
  private readonly tagGap: Int32Array;
  private readonly shapeGap: Int32Array;
  private readonly after: Int32Array;
  private readonly tags: PosTag[];
  private readonly nClasses: number;
  private readonly scores: Int32Array;
  // Direct-mapped cache: summed weights of a word's own features, by exact-word hash.
  private readonly cacheKeys = new Int32Array(WORD_CACHE_SLOTS);
  private readonly cacheFilled = new Uint8Array(WORD_CACHE_SLOTS);
  private readonly cacheSums: Int32Array;
  // The same for the words around: slot role * ROLE_SLOTS + (word hash & mask).
  private readonly roleWords = new Int32Array(ROLES * ROLE_SLOTS);
  private readonly roleFilled = new Uint8Array(ROLES * ROLE_SLOTS);
  private readonly roleSums: Int32Array;
  private readonly feats = new Int32Array(MAX_FEATURES);
  private readonly tf = new TokenFeatures();
  private ids = new Uint8Array(64);

  constructor(model: PosModelData, derived: DerivedTables = deriveTables(model)) {
    if (model.featureVersion !== FEATURE_VERSION) {
      throw new Error(`POS model was trained for features v${model.featureVersion}, this code has v${FEATURE_VERSION}: run npm run train:tagger`);
    }
    if (model.classes.join(" ") !== POS_TAGS.map((t) => t.name).join(" ")) {
      throw new Error("POS model classes differ from POS_TAGS: run npm run train:tagger");
    }
    this.tags = [...POS_TAGS];
    const nC = (this.nClasses = this.tags.length);
    this.scores = new Int32Array(nC);
    this.cacheSums = new Int32Array(WORD_CACHE_SLOTS * nC);
    this.roleSums = new Int32Array(ROLES * ROLE_SLOTS * nC);
    this.rows = model.rows;
    this.shift = 32 - bucketBits(rowCount(model));
    this.entries = model.entries;
    this.dictKeys = new Int32Array(model.dictKeys.buffer, model.dictKeys.byteOffset, model.dictKeys.length);
    this.dictShift = 32 - bucketBits(model.dictKeys.length);
    this.dictClasses = model.dictClasses;
    ({ index: this.index, dictIndex: this.dictIndex, pair: this.pair, tagGap: this.tagGap, shapeGap: this.shapeGap, after: this.after } = derived);
    if (
      this.index.length !== (1 << (32 - this.shift)) + 1 ||
      this.pair.length !== (nC + 1) * (nC + 2) * nC ||
      this.shapeGap.length !== SHAPES * GAPS * nC
    ) {
      throw new Error("POS model tables do not match the model: run npm run train:tagger");
    }
  }

  /** Row of a feature key, or -1. */
  private row(k: number): number {
    const { rows, index } = this;
    const b = k >>> this.shift;
    for (let r = index[b]!, end = index[b + 1]!; r < end; r++) if (rows[2 * r] === k) return r;
    return -1;
  }

  /** Offset in roleSums of the summed weights of the word in `role` around token i (computed on a cache miss). */
  private roleOffset(role: number, i: number): number {
    const tf = this.tf;
    const w = tf.neighbor(i, role);
    const slot = role * ROLE_SLOTS + (w & (ROLE_SLOTS - 1));
    const at = slot * this.nClasses;
    if (this.roleWords[slot] !== w || !this.roleFilled[slot]) {
      this.roleWords[slot] = w;
      this.roleFilled[slot] = 1;
      const sums = this.roleSums;
      sums.fill(0, at, at + this.nClasses);
      const nk = roleKeys(role, w, tf.neighborSuffix(i, role), this.feats, 0);
      for (let f = 0; f < nk; f++) {
        const r = this.row(this.feats[f]!);
        if (r < 0) continue;
        for (let e = this.rows[2 * r + 1]!, stop = this.rows[2 * r + 3]!; e < stop; e++) {
          const v = this.entries[e]!;
          sums[at + (v & 0xff)] += v >> 8;
        }
      }
    }
    return at;
  }

  /** Tags for the tokens of `text` (tokens from tokenize(text)); one tag per token. */
  tag(text: string, tokens: readonly Token[]): PosTag[] {
    const ids = this.tagIds(text, tokens);
    const out = new Array<PosTag>(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.tags[ids[i]!]!;
    return out;
  }

  /** Class numbers (indexes in POS_TAGS) for the tokens; the returned array is reused by the next call. */
  tagIds(text: string, tokens: readonly Token[]): Uint8Array {
    const tf = this.tf;
    tf.compute(text, tokens);
    const n = tokens.length;
    if (this.ids.length < n) this.ids = new Uint8Array(Math.max(n, this.ids.length * 2));
    const { ids, rows, index, shift, entries, dictKeys, dictIndex, dictShift, dictClasses } = this;
    const { pair, tagGap, shapeGap, after, cacheKeys, cacheFilled, cacheSums, roleSums, scores, feats, nClasses: nC } = this;
    const { exact, shape, gap } = tf;
    let p1 = nC; // the start
    let p2 = nC + 1;
    for (let i = 0; i < n; i++) {
      let guess = -1;
      const ek = exact[i]!;
      const db = ek >>> dictShift;
      for (let r = dictIndex[db]!, end = dictIndex[db + 1]!; r < end; r++) {
        if (dictKeys[r] === ek) {
          guess = dictClasses[r]!;
          break;
        }
      }
      if (guess < 0) {
        const gb = gap[i]!;
        const o1 = (p1 * (nC + 2) + p2) * nC;
        const o2 = (p1 * GAPS + gb) * nC;
        const o3 = (shape[i]! * GAPS + gb) * nC;
        const o4 = (gap[i + 1]! * SHAPES + tf.shapeAfter(i)) * nC;
        const slot = ek & (WORD_CACHE_SLOTS - 1);
        const o5 = slot * nC;
        if (cacheKeys[slot] !== ek || !cacheFilled[slot]) {
          cacheKeys[slot] = ek;
          cacheFilled[slot] = 1;
          cacheSums.fill(0, o5, o5 + nC);
          const nw = tf.wordKeys(i, feats);
          for (let f = 0; f < nw; f++) {
            const r = this.row(feats[f]!);
            if (r < 0) continue;
            for (let e = rows[2 * r + 1]!, stop = rows[2 * r + 3]!; e < stop; e++) {
              const v = entries[e]!;
              cacheSums[o5 + (v & 0xff)] += v >> 8;
            }
          }
        }
        const o6 = this.roleOffset(ROLE_BEFORE, i);
        const o7 = this.roleOffset(ROLE_BEFORE2, i);
        const o8 = this.roleOffset(ROLE_AFTER, i);
        const o9 = this.roleOffset(ROLE_AFTER2, i);
        for (let c = 0; c < nC; c++) {
          scores[c] =
            pair[o1 + c]! + tagGap[o2 + c]! + shapeGap[o3 + c]! + after[o4 + c]! + cacheSums[o5 + c]! +
            roleSums[o6 + c]! + roleSums[o7 + c]! + roleSums[o8 + c]! + roleSums[o9 + c]!;
        }
        // The one feature left: the previous tag with the word.
        const fk = key(T_P1W, p1 < nC ? p1 : P_START, tf.lower[i]!);
        const b = fk >>> shift;
        for (let r = index[b]!, end = index[b + 1]!; r < end; r++) {
          if (rows[2 * r] === fk) {
            for (let e = rows[2 * r + 1]!, stop = rows[2 * r + 3]!; e < stop; e++) {
              const v = entries[e]!;
              scores[v & 0xff] += v >> 8;
            }
            break;
          }
        }
        let best = 0;
        let bestScore = scores[0]!;
        for (let c = 1; c < nC; c++) {
          if (scores[c]! > bestScore) {
            bestScore = scores[c]!;
            best = c;
          }
        }
        guess = best;
      }
      ids[i] = guess;
      p2 = p1;
      p1 = guess;
    }
    return ids;
  }

  /**
   * The same tagging computed naively from the reference features (every feature looked up,
   * no tables, no cache): what the trainer scores. For tests of the fast path.
   */
  referenceTagIds(text: string, tokens: readonly Token[]): Uint8Array {
    const tf = new TokenFeatures();
    tf.compute(text, tokens);
    const out = new Uint8Array(tokens.length);
    const scores = new Int32Array(this.nClasses);
    const feats = new Int32Array(MAX_FEATURES);
    let p1 = -1;
    let p2 = -1;
    for (let i = 0; i < tokens.length; i++) {
      let guess = this.dictionaryClass(tf.exact[i]!);
      if (guess < 0) {
        scores.fill(0);
        const nf = tf.features(i, p1, p2, feats);
        for (let f = 0; f < nf; f++) {
          const r = this.row(feats[f]!);
          if (r >= 0) for (let e = this.rows[2 * r + 1]!; e < this.rows[2 * r + 3]!; e++) scores[this.entries[e]! & 0xff] += this.entries[e]! >> 8;
        }
        guess = 0;
        for (let c = 1; c < this.nClasses; c++) if (scores[c]! > scores[guess]!) guess = c;
      }
      out[i] = guess;
      p2 = p1;
      p1 = guess;
    }
    return out;
  }

  private dictionaryClass(k: number): number {
    const b = k >>> this.dictShift;
    for (let r = this.dictIndex[b]!, end = this.dictIndex[b + 1]!; r < end; r++) if (this.dictKeys[r] === k) return this.dictClasses[r]!;
    return -1;
  }
}


/** Where the shipped English model lives (the same relative path from src/ and dist/). */
export const DEFAULT_MODEL_URL = new URL("../../models/pos-en.bin", import.meta.url);

export function loadPosTagger(path: string | URL = DEFAULT_MODEL_URL): PosTagger {
  let raw: Uint8Array;
  try {
    raw = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read the POS model ${path instanceof URL ? path.pathname : path} (${(e as Error).message}); rebuild it with npm run train:tagger`);
  }
  if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
  const { model, derived } = decodeModel(raw);
  return new PosTagger(model, derived);
}

let shared: PosTagger | undefined;

/** The English tagger, loaded on first use. */
export function englishTagger(): PosTagger {
  return (shared ??= loadPosTagger());
}

/** Tags `tokens` (from tokenize(text)) with the shipped English model. */
export function tagTokens(text: string, tokens: readonly Token[]): PosTag[] {
  return englishTagger().tag(text, tokens);
}
