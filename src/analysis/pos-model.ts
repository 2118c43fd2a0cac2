/**
 * A trained part-of-speech model (see pos.ts): its arrays, the tables the tagger derives from them,
 * and the binary file that holds both.
 */
import { Buffer } from "node:buffer";
import { afterKeys, GAPS, P_START, P_START2, SHAPES, shapeGapKeys, tagGapKeys, tagPairKeys } from "./pos-features.js";

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
export const rowCount = (m: PosModelData) => m.rows.length / 2 - 1;

export function bucketBits(n: number): number {
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
