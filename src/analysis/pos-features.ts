/**
 * The features of the English part-of-speech tagger (see pos.ts), shared by the tagger and its
 * trainer: a model is only valid with exactly these, so FEATURE_VERSION is stored in it.
 */
import type { Token } from "./text.js";


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
export const T_BIAS = 1, T_W = 2, T_S1 = 3, T_S2 = 4, T_S3 = 5, T_S4 = 6, T_PREF = 7, T_SHAPE = 8, T_P1 = 9, T_P2 = 10,
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
export function key(t: number, a: number, b: number): number {
  let h = Math.imul(t, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ b;
  return fmix(h);
}

// Pseudo-words beyond the segment edges.
const W_START1 = 0x5a5a0001, W_START2 = 0x5a5a0002, W_END1 = 0x5a5a0003, W_END2 = 0x5a5a0004;
/** "Previous tag" before the first token. */
export const P_START = 250, P_START2 = 251;

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
export const ROLE_BEFORE = 0, ROLE_BEFORE2 = 1, ROLE_AFTER = 2, ROLE_AFTER2 = 3;
export const ROLES = 4;

/** Keys of the features of word `w` (suffix `s3`) in `role`. */
export function roleKeys(role: number, w: number, s3: number, out: Int32Array, k: number): number {
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
export const NO_SHAPE = 10;
export const SHAPES = 11;
export const GAPS = 11;

export function tagPairKeys(p1: number, p2: number, out: Int32Array, k: number): number {
  out[k] = key(T_P1, p1, 0);
  out[k + 1] = key(T_P2, p2, 0);
  out[k + 2] = key(T_P1P2, p1, p2);
  return k + 3;
}

export function tagGapKeys(p1: number, gapBefore: number, out: Int32Array, k: number): number {
  out[k] = key(T_P1_GAPB, p1, gapBefore);
  return k + 1;
}

export function shapeGapKeys(shape: number, gapBefore: number, out: Int32Array, k: number): number {
  out[k] = BIAS_KEY;
  out[k + 1] = key(T_SHAPE, shape, 0);
  out[k + 2] = key(T_GAPB, gapBefore, 0);
  out[k + 3] = key(T_GAPB_SHAPE, gapBefore, shape);
  return k + 4;
}

export function afterKeys(gapAfter: number, shapeAfter: number, out: Int32Array, k: number): number {
  out[k] = key(T_GAPA, gapAfter, 0);
  out[k + 1] = key(T_SHAPEP1, shapeAfter, gapAfter);
  return k + 2;
}
const BIAS_KEY = key(T_BIAS, 0, 0);
