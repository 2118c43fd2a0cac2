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
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
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

// ---------------------------------------------------------------------------------------------
// Features. Shared by the tagger and the trainer: the model is only valid with exactly these.

/** Bumped whenever features change; stored in the model and checked on load. */
export const FEATURE_VERSION = 1;

/** Class of the characters between two tokens (punctuation seen by the features). */
const enum Gap {
  Space = 0,
  Start = 1,
  End = 2,
  Stop = 3,
  Comma = 4,
  Colon = 5,
  Dash = 6,
  Open = 7,
  Close = 8,
  Quote = 9,
  Other = 10,
}

/** Punctuation class of text[from, to): the strongest mark in it. */
export function gapClass(text: string, from: number, to: number): number {
  let best = 0; // rank: 0 space, 1 other, 2 quote, 3 open, 4 close, 5 comma, 6 dash, 7 colon, 8 stop
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    let r: number;
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0) continue;
    else if (c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 0x3002) r = 8; // . ! ? …
    else if (c === 59 || c === 58) r = 7; // ; :
    else if (c === 0x2014 || c === 0x2013 || c === 45) r = 6; // — – -
    else if (c === 44) r = 5;
    else if (c === 41 || c === 93 || c === 125) r = 4;
    else if (c === 40 || c === 91 || c === 123) r = 3;
    else if (c === 34 || c === 39 || c === 96 || (c >= 0x2018 && c <= 0x201f) || c === 0xab || c === 0xbb) r = 2;
    else if (c <= 0x20 || (c >= 0x2000 && c <= 0x200b)) continue; // other spaces
    else r = 1;
    if (r > best) best = r;
  }
  return GAP_BY_RANK[best]!;
}
const GAP_BY_RANK = [Gap.Space, Gap.Other, Gap.Quote, Gap.Open, Gap.Close, Gap.Comma, Gap.Dash, Gap.Colon, Gap.Stop];

/** Word shapes. */
const enum Shape {
  Lower = 0,
  Capitalized = 1,
  AllCaps = 2,
  Initial = 3,
  Mixed = 4,
  Number = 5,
  Alnum = 6,
  HyphenLower = 7,
  HyphenUpper = 8,
  Other = 9,
}

// Feature templates (mixed into every key).
const T_BIAS = 1, T_W = 2, T_S1 = 3, T_S2 = 4, T_S3 = 5, T_S4 = 6, T_PREF = 7, T_SHAPE = 8, T_P1 = 9, T_P2 = 10,
  T_P1P2 = 11, T_P1W = 12, T_WM1 = 13, T_S3M1 = 14, T_WM2 = 15, T_WP1 = 16, T_S3P1 = 17, T_WP2 = 18, T_GAPB = 19,
  T_GAPA = 20, T_GAPB_SHAPE = 21, T_P1_GAPB = 22, T_SHAPEP1 = 24;

/** Upper bound of features per token. */
export const MAX_FEATURES = 32;

/** Final avalanche of murmur3. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Feature key of a template with two integer values. */
function key(t: number, a: number, b: number): number {
  let h = Math.imul(t, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ b;
  return fmix(h);
}

// Pseudo-words beyond the segment edges.
const W_START1 = 0x5a5a0001, W_START2 = 0x5a5a0002, W_END1 = 0x5a5a0003, W_END2 = 0x5a5a0004;
/** "Previous tag" before the first token. */
const P_START = 250, P_START2 = 251;

/** Lower-cases one UTF-16 unit and normalizes digits to 9 and ’ to '. */
function norm(c: number): number {
  if (c < 128) {
    if (c >= 65 && c <= 90) return c + 32;
    if (c >= 48 && c <= 57) return 57;
    return c;
  }
  if (c === 0x2019) return 39;
  return lowerCache.get(c) ?? lowerSlow(c);
}
const lowerCache = new Map<number, number>();
function lowerSlow(c: number): number {
  const l = String.fromCharCode(c).toLowerCase();
  const v = l.length === 1 ? l.charCodeAt(0) : c;
  lowerCache.set(c, v);
  return v;
}

/** Per-token values, computed once per segment; arrays are reused across calls. */
export class TokenFeatures {
  n = 0;
  /** Hash of the exact word (apostrophes normalized): the tag dictionary key. */
  exact = new Int32Array(64);
  /** Hash of the lower-cased word with digits as 9. */
  lower = new Int32Array(64);
  s1 = new Int32Array(64);
  s2 = new Int32Array(64);
  s3 = new Int32Array(64);
  s4 = new Int32Array(64);
  pref = new Int32Array(64);
  shape = new Uint8Array(64);
  /** gap[i]: punctuation class before token i; gap[n]: after the last. */
  gap = new Uint8Array(65);

  compute(text: string, tokens: readonly Token[]): void {
    const n = (this.n = tokens.length);
    if (this.exact.length < n) this.grow(n);
    const { exact, lower, s1, s2, s3, s4, pref, shape, gap } = this;
    let prevEnd = 0;
    for (let i = 0; i < n; i++) {
      const tok = tokens[i]!;
      const w = tok.text;
      const len = w.length;
      gap[i] = i === 0 ? Gap.Start : gapClass(text, prevEnd, tok.start);
      prevEnd = tok.end;
      let he = 0x811c9dc5 | 0;
      let hl = 0x811c9dc5 | 0;
      let upper = 0, lowerCount = 0, digits = 0, hyphen = 0, firstUpper = false;
      for (let k = 0; k < len; k++) {
        let c = w.charCodeAt(k);
        if (c === 0x2019) c = 39;
        he = Math.imul(he ^ c, 0x01000193);
        const l = norm(c);
        hl = Math.imul(hl ^ l, 0x01000193);
        if (c >= 48 && c <= 57) digits++;
        else if (c === 45) hyphen++;
        else if (l !== c) {
          upper++;
          if (k === 0) firstUpper = true;
        } else if ((c >= 97 && c <= 122) || c >= 128) lowerCount++;
      }
      exact[i] = fmix(he ^ len);
      lower[i] = fmix(hl);
      // Suffixes of the normalized word, read backwards.
      let hs = 0x12345678;
      let last = 0;
      for (let k = 1; k <= 4; k++) {
        if (k <= len) hs = Math.imul(hs ^ norm(w.charCodeAt(len - k)), 0x01000193);
        last = fmix(hs);
        if (k === 1) s1[i] = last;
        else if (k === 2) s2[i] = last;
        else if (k === 3) s3[i] = last;
        else s4[i] = last;
      }
      pref[i] = w.charCodeAt(0);
      let sh: Shape;
      if (digits) sh = upper + lowerCount === 0 ? Shape.Number : Shape.Alnum;
      else if (upper === 0) sh = lowerCount ? (hyphen ? Shape.HyphenLower : Shape.Lower) : Shape.Other;
      else if (hyphen) sh = Shape.HyphenUpper;
      else if (lowerCount === 0) sh = len === 1 ? Shape.Initial : Shape.AllCaps;
      else if (firstUpper && upper === 1) sh = Shape.Capitalized;
      else sh = Shape.Mixed;
      shape[i] = sh;
    }
    gap[n] = Gap.End;
  }

  private grow(n: number): void {
    const size = Math.max(n, this.exact.length * 2);
    this.exact = new Int32Array(size);
    this.lower = new Int32Array(size);
    this.s1 = new Int32Array(size);
    this.s2 = new Int32Array(size);
    this.s3 = new Int32Array(size);
    this.s4 = new Int32Array(size);
    this.pref = new Int32Array(size);
    this.shape = new Uint8Array(size);
    this.gap = new Uint8Array(size + 1);
  }

  /**
   * Writes the feature keys of token i, given the tags of the two previous tokens (ids, or
   * -1 before the start), into `out`; returns how many. The reference feature set: the
   * trainer uses it as is; the tagger sums the groups that depend on a few small values from
   * precomputed tables and caches the sum of each word's own features.
   */
  features(i: number, p1: number, p2: number, out: Int32Array): number {
    if (p1 < 0) p1 = P_START;
    if (p2 < 0) p2 = p1 === P_START ? P_START2 : P_START;
    let k = this.wordKeys(i, out);
    k = this.contextKeys(i, p1, out, k);
    k = tagPairKeys(p1, p2, out, k);
    k = tagGapKeys(p1, this.gap[i]!, out, k);
    k = shapeGapKeys(this.shape[i]!, this.gap[i]!, out, k);
    return afterKeys(this.gap[i + 1]!, this.shapeAfter(i), out, k);
  }

  /** Shape of the next token, or NO_SHAPE after the last. */
  shapeAfter(i: number): number {
    return i + 1 < this.n ? this.shape[i + 1]! : NO_SHAPE;
  }

  /** Features of token i's own word (the tagger caches their sum per word); returns how many. */
  wordKeys(i: number, out: Int32Array, k = 0): number {
    out[k] = key(T_W, this.lower[i]!, 0);
    out[k + 1] = key(T_S1, this.s1[i]!, 0);
    out[k + 2] = key(T_S2, this.s2[i]!, 0);
    out[k + 3] = key(T_S3, this.s3[i]!, 0);
    out[k + 4] = key(T_S4, this.s4[i]!, 0);
    out[k + 5] = key(T_PREF, this.pref[i]!, 0);
    return k + 6;
  }

  /** Features of the words around token i, and of the previous tag with the word; returns how many. */
  contextKeys(i: number, p1: number, out: Int32Array, k = 0): number {
    out[k++] = key(T_P1W, p1, this.lower[i]!);
    for (let role = 0; role < ROLES; role++) k = roleKeys(role, this.neighbor(i, role), this.neighborSuffix(i, role), out, k);
    return k;
  }

  /** The word (lower-case hash) in a role around token i: before it, two before, after, two after; pseudo-words past the edges. */
  neighbor(i: number, role: number): number {
    const { n, lower } = this;
    switch (role) {
      case ROLE_BEFORE: return i > 0 ? lower[i - 1]! : W_START1;
      case ROLE_BEFORE2: return i > 1 ? lower[i - 2]! : i > 0 ? W_START1 : W_START2;
      case ROLE_AFTER: return i + 1 < n ? lower[i + 1]! : W_END1;
      default: return i + 2 < n ? lower[i + 2]! : i + 1 < n ? W_END1 : W_END2; // ROLE_AFTER2
    }
  }

  /** The 3-letter suffix hash of the word in a role (only the adjacent roles use it). */
  neighborSuffix(i: number, role: number): number {
    if (role === ROLE_BEFORE) return i > 0 ? this.s3[i - 1]! : W_START1;
    if (role === ROLE_AFTER) return i + 1 < this.n ? this.s3[i + 1]! : W_END1;
    return 0;
  }
}

// Roles of a neighbouring word; the features of a word in a role depend on that word only, so
// the tagger caches their sum per word and role.
const ROLE_BEFORE = 0, ROLE_BEFORE2 = 1, ROLE_AFTER = 2, ROLE_AFTER2 = 3;
const ROLES = 4;

/** Keys of the features of word `w` (suffix `s3`) in `role`. */
function roleKeys(role: number, w: number, s3: number, out: Int32Array, k: number): number {
  switch (role) {
    case ROLE_BEFORE:
      out[k] = key(T_WM1, w, 0);
      out[k + 1] = key(T_S3M1, s3, 0);
      return k + 2;
    case ROLE_BEFORE2:
      out[k] = key(T_WM2, w, 0);
      return k + 1;
    case ROLE_AFTER:
      out[k] = key(T_WP1, w, 0);
      out[k + 1] = key(T_S3P1, s3, 0);
      return k + 2;
    default:
      out[k] = key(T_WP2, w, 0);
      return k + 1;
  }
}

// Feature groups that depend on a few small values only: the tagger precomputes their sums.
/** Shape value after the last token. */
const NO_SHAPE = 10;
const SHAPES = 11;
const GAPS = 11;

function tagPairKeys(p1: number, p2: number, out: Int32Array, k: number): number {
  out[k] = key(T_P1, p1, 0);
  out[k + 1] = key(T_P2, p2, 0);
  out[k + 2] = key(T_P1P2, p1, p2);
  return k + 3;
}

function tagGapKeys(p1: number, gapBefore: number, out: Int32Array, k: number): number {
  out[k] = key(T_P1_GAPB, p1, gapBefore);
  return k + 1;
}

function shapeGapKeys(shape: number, gapBefore: number, out: Int32Array, k: number): number {
  out[k] = BIAS_KEY;
  out[k + 1] = key(T_SHAPE, shape, 0);
  out[k + 2] = key(T_GAPB, gapBefore, 0);
  out[k + 3] = key(T_GAPB_SHAPE, gapBefore, shape);
  return k + 4;
}

function afterKeys(gapAfter: number, shapeAfter: number, out: Int32Array, k: number): number {
  out[k] = key(T_GAPA, gapAfter, 0);
  out[k + 1] = key(T_SHAPEP1, shapeAfter, gapAfter);
  return k + 2;
}
const BIAS_KEY = key(T_BIAS, 0, 0);

// ---------------------------------------------------------------------------------------------
// The model and the tagger.

/** A trained model: what the trainer produces. */
export interface PosModelData {
  /** Class names in class-number order ("COARSE/FINE"). */
  classes: string[];
  featureVersion: number;
  /** Weights are the averaged perceptron weights × scale, rounded (only their order matters to tagging). */
  scale: number;
  /**
   * Feature rows, two ints each: rows[2r] the feature key (ascending as unsigned 32-bit),
   * rows[2r+1] where its entries start; a last pair (0, number of entries) closes the list.
   * Key and start side by side: one memory access finds both.
   */
  rows: Int32Array;
  /** Entries: (weight << 8) | class. */
  entries: Int32Array;
  /** Tag dictionary: exact-word hashes, ascending unsigned, and their class. */
  dictKeys: Uint32Array;
  dictClasses: Uint8Array;
}

/**
 * What the tagger derives from a model: bucket indexes over the sorted keys, and the summed
 * weights of the feature groups that depend on a few small values (one vector of class scores
 * per combination). Stored in the model file too, so that loading is only copying.
 */
export interface DerivedTables {
  index: Int32Array;
  dictIndex: Int32Array;
  /** (previous tag, tag before it); tag indexes: 0..n-1 tags, n the start, n+1 the second start. */
  pair: Int32Array;
  /** (previous tag, gap before). */
  tagGap: Int32Array;
  /** (shape, gap before). */
  shapeGap: Int32Array;
  /** (gap after, shape of the next token). */
  after: Int32Array;
}

/**
 * Bucket index over n keys sorted as unsigned (key r at keys[r * stride]): bucket b (a key's
 * top bits) spans keys r = index[b]..index[b+1]-1; about 4 keys a bucket.
 */
function bucketIndex(keys: ArrayLike<number>, n: number, stride: number): Int32Array {
  const bits = bucketBits(n);
  const shift = 32 - bits;
  const buckets = 1 << bits;
  const index = new Int32Array(buckets + 1);
  let r = 0;
  for (let b = 0; b < buckets; b++) {
    index[b] = r;
    while (r < n && keys[r * stride]! >>> shift === b) r++;
  }
  index[buckets] = n;
  if (r !== n) throw new Error("POS model keys are not sorted");
  return index;
}

/** Number of feature rows of a model. */
const rowCount = (m: PosModelData) => m.rows.length / 2 - 1;

function bucketBits(n: number): number {
  let bits = 2;
  while (1 << (bits + 2) < n && bits < 24) bits++;
  return bits;
}

/** Computes the derived tables of a model. */
export function deriveTables(m: PosModelData): DerivedTables {
  const nC = m.classes.length;
  const { rows, entries } = m;
  const index = bucketIndex(rows, rowCount(m), 2);
  const shift = 32 - bucketBits(rowCount(m));
  const row = (k: number) => {
    const b = k >>> shift;
    for (let r = index[b]!, end = index[b + 1]!; r < end; r++) if (rows[2 * r] === k) return r;
    return -1;
  };
  const feats = new Int32Array(8);
  const sumTable = (na: number, nb: number, fill: (a: number, b: number) => number) => {
    const out = new Int32Array(na * nb * nC);
    for (let a = 0; a < na; a++) {
      for (let b = 0; b < nb; b++) {
        const nk = fill(a, b);
        const at = (a * nb + b) * nC;
        for (let f = 0; f < nk; f++) {
          const r = row(feats[f]!);
          if (r >= 0) for (let e = rows[2 * r + 1]!; e < rows[2 * r + 3]!; e++) out[at + (entries[e]! & 0xff)] += entries[e]! >> 8;
        }
      }
    }
    return out;
  };
  const tagValue = (t: number) => (t < nC ? t : t === nC ? P_START : P_START2);
  return {
    index,
    dictIndex: bucketIndex(new Int32Array(m.dictKeys.buffer, m.dictKeys.byteOffset, m.dictKeys.length), m.dictKeys.length, 1),
    pair: sumTable(nC + 1, nC + 2, (a, b) => tagPairKeys(tagValue(a), tagValue(b), feats, 0)),
    tagGap: sumTable(nC + 1, GAPS, (a, b) => tagGapKeys(tagValue(a), b, feats, 0)),
    shapeGap: sumTable(SHAPES, GAPS, (a, b) => shapeGapKeys(a, b, feats, 0)),
    after: sumTable(GAPS, SHAPES, (a, b) => afterKeys(a, b, feats, 0)),
  };
}

/** Slots of the tagger's cache of a word's own features (a power of 2). */
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

// ---------------------------------------------------------------------------------------------
// Model file: a binary holding the arrays as they are in memory, derived tables included, so
// that loading is reading the file and taking views of it (no per-entry work: ~5 ms). It is
// not compressed: git and npm compress it anyway, and gunzip would take 5× the load time.
// Layout (little-endian; each section starts at a multiple of 4): magic "MTPOS4\0\0", uint32
// header length, header JSON (class names, feature version, scale, array lengths), then the
// arrays in the order of SECTIONS. A gzipped file is read too.

const MAGIC = "MTPOS4\0\0";
const align4 = (n: number) => (n + 3) & ~3;

type ArrayKind = "u32" | "i32" | "u8";
const SECTIONS: readonly (readonly [name: string, kind: ArrayKind])[] = [
  ["rows", "i32"], ["entries", "i32"], ["dictKeys", "u32"], ["dictClasses", "u8"],
  ["index", "i32"], ["dictIndex", "i32"], ["pair", "i32"], ["tagGap", "i32"], ["shapeGap", "i32"], ["after", "i32"],
];
const ARRAY_TYPES = { u32: Uint32Array, i32: Int32Array, u8: Uint8Array } as const;

interface Header {
  classes: string[];
  featureVersion: number;
  scale: number;
  lengths: Record<string, number>;
}

type AnyArray = Uint32Array | Int32Array | Uint8Array;

export function encodeModel(m: PosModelData, derived: DerivedTables = deriveTables(m)): Buffer {
  const arrays: Record<string, AnyArray> = { ...m, ...derived } as unknown as Record<string, AnyArray>;
  const header: Header = {
    classes: m.classes,
    featureVersion: m.featureVersion,
    scale: m.scale,
    lengths: Object.fromEntries(SECTIONS.map(([name]) => [name, arrays[name]!.length])),
  };
  const json = Buffer.from(JSON.stringify(header));
  const parts: Uint8Array[] = [];
  let size = 0;
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    size += bytes.length;
    const pad = align4(size) - size;
    if (pad) parts.push(new Uint8Array(pad));
    size += pad;
  };
  const head = Buffer.alloc(MAGIC.length + 4);
  head.write(MAGIC, "latin1");
  head.writeUInt32LE(json.length, MAGIC.length);
  push(head);
  push(json);
  for (const [name] of SECTIONS) {
    const a = arrays[name]!;
    push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return Buffer.concat(parts);
}

export function decodeModel(raw: Uint8Array): { model: PosModelData; derived: DerivedTables } {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error("the POS model format needs a little-endian machine");
  const text = (from: number, to: number) => Buffer.from(raw.buffer, raw.byteOffset + from, to - from).toString("latin1");
  if (text(0, MAGIC.length) !== MAGIC) throw new Error("not a POS model file of this version: run npm run train:tagger");
  const headerLength = new DataView(raw.buffer, raw.byteOffset).getUint32(MAGIC.length, true);
  let at = MAGIC.length + 4;
  const h = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset + at, headerLength).toString("utf8")) as Header;
  at = align4(at + headerLength);
  const arrays: Record<string, AnyArray> = {};
  for (const [name, kind] of SECTIONS) {
    const Type = ARRAY_TYPES[kind];
    const length = h.lengths[name]!;
    const bytes = length * Type.BYTES_PER_ELEMENT;
    if (at + bytes > raw.length) throw new Error("truncated POS model file");
    if ((raw.byteOffset + at) % Type.BYTES_PER_ELEMENT === 0) arrays[name] = new Type(raw.buffer as ArrayBuffer, raw.byteOffset + at, length);
    else {
      const copy = new Uint8Array(bytes);
      copy.set(raw.subarray(at, at + bytes));
      arrays[name] = new Type(copy.buffer);
    }
    at = align4(at + bytes);
  }
  const a = arrays as Record<string, never>;
  return {
    model: {
      classes: h.classes, featureVersion: h.featureVersion, scale: h.scale,
      rows: a.rows, entries: a.entries, dictKeys: a.dictKeys, dictClasses: a.dictClasses,
    },
    derived: { index: a.index, dictIndex: a.dictIndex, pair: a.pair, tagGap: a.tagGap, shapeGap: a.shapeGap, after: a.after },
  };
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
