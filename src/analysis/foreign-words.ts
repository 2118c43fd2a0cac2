/**
 * A character model of "looks English" against "looks like another language" for single words:
 * a multinomial logistic regression over hashed character n-grams (1 to 5 letters, with word-edge
 * marks) of the lower-cased word. Trained by `npm run train:foreign-words` (training/train-foreign-words.ts)
 * on words of the Hunspell dictionaries the project ships (English, German, French, Spanish, and
 * Russian transliterated to Latin letters by the common schemes) and of the Brown corpus, into
 * models/foreign-words.bin. It is meant for words the English dictionary does not know: among
 * those, a transliterated source word ("udalenke") from a rare English one ("precariat").
 */
import { readFileSync } from "node:fs";

/** Bump when wordFeatures() changes: a model built for other features is refused. */
export const FOREIGN_FEATURE_VERSION = 1;
export const FOREIGN_BUCKET_BITS = 16;
const MIN_GRAM = 1;
const MAX_GRAM = 5;

export interface ForeignWordModelData {
  featureVersion: number;
  bucketBits: number;
  /** Class names; "en" is English, the others languages (e.g. "ru" for transliterated Russian). */
  classes: string[];
  /** bias[k] */
  bias: number[];
  /** weights[k * buckets + feature] */
  weights: Float32Array;
  /**
   * A word is taken for the language of class k (its most likely one but English) when its English
   * probability is below thresholds[k]: some languages' words are rarer in English text than others'.
   */
  thresholds: number[];
  /**
   * Bit set (ENDING_BITS wide) over the hashed endings (last ENDING_LETTERS letters) of the training
   * words the model takes for foreign. A word with another ending is not judged: a cheap test that
   * skips half the longer English words.
   */
  endings: Uint8Array;
}

export const ENDING_BITS = 18;
const ENDING_LETTERS = 4;

/** The bit of a word's ending (its last ENDING_LETTERS UTF-16 units, lower-cased) in `endings`. */
export function endingBit(word: string): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, word.length - ENDING_LETTERS); i < word.length; i++) h = Math.imul(h ^ (word.charCodeAt(i) | 0x20), 0x01000193);
  return ((h ^ (h >>> 16)) >>> 0) & ((1 << ENDING_BITS) - 1);
}

/** Whether a bit is set in a bit set. */
export const hasBit = (bits: Uint8Array, bit: number) => (bits[bit >>> 3]! & (1 << (bit & 7))) !== 0;

/** Hashed n-gram features of a word (lower-cased), as bucket indices; a bucket may repeat. */
export function wordFeatures(word: string, bucketBits = FOREIGN_BUCKET_BITS): number[] {
  const chars = Array.from(`<${word.toLowerCase()}>`);
  const mask = (1 << bucketBits) - 1;
  const features: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    let h = 0x811c9dc5;
    for (let n = 1; n <= MAX_GRAM && i + n <= chars.length; n++) {
      // FNV-1a over the code points of the n-gram starting at i, one n longer each step.
      h = Math.imul(h ^ chars[i + n - 1]!.codePointAt(0)!, 0x01000193);
      if (n >= MIN_GRAM && !(n === 1 && (i === 0 || i === chars.length - 1))) features.push(((h ^ (h >>> 15)) >>> 0) & mask);
    }
  }
  return features;
}

/** Class probabilities (softmax of the scores) for a feature list. */
export function classProbabilities(m: Pick<ForeignWordModelData, "bucketBits" | "classes" | "bias" | "weights">, features: readonly number[]): number[] {
  const buckets = 1 << m.bucketBits;
  const scores = m.classes.map((_, k) => {
    let z = m.bias[k]!;
    const offset = k * buckets;
    for (const f of features) z += m.weights[offset + f]!;
    return z;
  });
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export interface ForeignVerdict {
  /** Probability that the word is English. */
  english: number;
  /** The most likely other language, its class index and probability. */
  language: string;
  languageClass: number;
  probability: number;
}

export class ForeignWordModel {
  private readonly english: number;

  constructor(readonly data: ForeignWordModelData) {
    if (data.featureVersion !== FOREIGN_FEATURE_VERSION) {
      throw new Error(`foreign-word model has feature version ${data.featureVersion}, expected ${FOREIGN_FEATURE_VERSION}; rebuild it with npm run train:foreign-words`);
    }
    this.english = data.classes.indexOf("en");
  }

  judge(word: string): ForeignVerdict {
    const p = classProbabilities(this.data, wordFeatures(word, this.data.bucketBits));
    let best = -1;
    p.forEach((q, k) => {
      if (k !== this.english && (best < 0 || q > p[best]!)) best = k;
    });
    return { english: p[this.english]!, language: this.data.classes[best]!, languageClass: best, probability: p[best]! };
  }

  /** False when the word's ending is none of a foreign training word's: it need not be judged. */
  mayBeForeign(word: string): boolean {
    return hasBit(this.data.endings, endingBit(word));
  }

  /** Whether the word looks foreign: its English probability is below the threshold of its likeliest other language. */
  isForeign(verdict: ForeignVerdict): boolean {
    return verdict.english < this.data.thresholds[verdict.languageClass]!;
  }
}

// Model file: "MTFW", a JSON header line, int8 weights (one scale per class), then the endings bit set.
const MAGIC = "MTFW";

export function encodeForeignWordModel(m: ForeignWordModelData): Buffer {
  const buckets = 1 << m.bucketBits;
  const scales = m.classes.map((_, k) => {
    let max = 0;
    for (let i = k * buckets; i < (k + 1) * buckets; i++) max = Math.max(max, Math.abs(m.weights[i]!));
    return max > 0 ? 127 / max : 1;
  });
  const header = JSON.stringify({ featureVersion: m.featureVersion, bucketBits: m.bucketBits, classes: m.classes, bias: m.bias, thresholds: m.thresholds, scales });
  const quantized = new Int8Array(m.weights.length);
  m.weights.forEach((w, i) => (quantized[i] = Math.round(w * scales[Math.floor(i / buckets)]!)));
  return Buffer.concat([Buffer.from(`${MAGIC}${header}\n`, "utf8"), Buffer.from(quantized.buffer, quantized.byteOffset, quantized.byteLength), Buffer.from(m.endings)]);
}

export function decodeForeignWordModel(raw: Uint8Array): ForeignWordModelData {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (buf.toString("latin1", 0, 4) !== MAGIC) throw new Error("not a foreign-word model file");
  const newline = buf.indexOf(10, 4);
  const header = JSON.parse(buf.toString("utf8", 4, newline)) as Omit<ForeignWordModelData, "weights"> & { scales: number[] };
  const buckets = 1 << header.bucketBits;
  const weightCount = buckets * header.classes.length;
  const bytes = new Int8Array(buf.buffer, buf.byteOffset + newline + 1, weightCount);
  const endings = new Uint8Array(buf.subarray(newline + 1 + weightCount));
  // A loop per class, not Float32Array.from with a callback, which took ~100 ms of each thread's start.
  const weights = new Float32Array(weightCount);
  header.scales.forEach((scale, k) => {
    for (let i = k * buckets; i < (k + 1) * buckets; i++) weights[i] = bytes[i]! / scale;
  });
  return { featureVersion: header.featureVersion, bucketBits: header.bucketBits, classes: header.classes, bias: header.bias, thresholds: header.thresholds, weights, endings };
}

/** Where the shipped model lives (the same relative path from src/ and dist/). */
export const DEFAULT_FOREIGN_MODEL_URL = new URL("../../models/foreign-words.bin", import.meta.url);

let shared: ForeignWordModel | undefined;

/** The shipped model, loaded on first use. */
export function foreignWordModel(): ForeignWordModel {
  if (shared) return shared;
  let raw: Uint8Array;
  try {
    raw = readFileSync(DEFAULT_FOREIGN_MODEL_URL);
  } catch (e) {
    throw new Error(`cannot read the foreign-word model ${DEFAULT_FOREIGN_MODEL_URL.pathname} (${(e as Error).message}); rebuild it with npm run train:foreign-words`);
  }
  return (shared = new ForeignWordModel(decodeForeignWordModel(raw)));
}
