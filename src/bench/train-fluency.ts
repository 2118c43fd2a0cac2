/**
 * `npm run train:fluency`: trains the English fluency classifier (src/analysis/fluency.ts) and
 * writes models/fluency-en.bin.
 *
 * - Data: sentences of the Brown files the POS tagger was trained on (never its held-out tenth,
 *   the precision test slice), minus two tenths kept for calibration. A clean sentence's clauses
 *   are negative examples; its corrupted copies (src/bench/fluency-corrupt.ts, one per damage type that
 *   applies, fixed seed) are positive examples, weighted 1/k each. Only the clauses holding the
 *   damage are positive: the classifier judges a sentence by its worst clause. Clean and
 *   corrupted sentences are both tagged on their own, so that tagging differences cannot give the
 *   label away.
 * - Learning: logistic regression over hashed features, averaged SGD, fixed shuffles: the same
 *   code and corpus give the same bytes.
 * - Threshold: on the calibration files, read and tagged paragraph by paragraph as the rule sees
 *   them, the score above which at most `--rate` sentences per 10,000 words are flagged.
 *
 * Options: --epochs N (default 15), --learning-rate L (default 0.1), --per-sentence K (damaged
 * copies per sentence; default: one of every type that applies), --rate R (false alarms per
 * 10,000 words on the calibration files; default 0.3), --exclude TYPE (leave a damage type out of
 * training), --no-write.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  DEFAULT_FLUENCY_MODEL_URL,
  FLUENCY_BUCKET_BITS,
  FLUENCY_FEATURE_VERSION,
  decodeFluencyModel,
  encodeFluencyModel,
  fluencyClauses,
  isJudgeable,
  judgeSentence,
  type ClauseFeatures,
  sentenceViews,
  type FluencyModelData,
  type SentenceView,
} from "../analysis/fluency.js";
import { tagTokens } from "../analysis/pos.js";
import { splitParagraphs, splitSentences, tokenize } from "../analysis/text.js";
import { brownFileNames, readBrownFile } from "./brown.js";
import { DAMAGE_TYPES, corrupt, seededRandom, type DamageType } from "./fluency-corrupt.js";

/** Brown files for calibrating the threshold: two tenths of the tagger's training files. */
export function calibrationBrownFiles(): string[] {
  return brownFileNames().filter((_, i) => i % 10 === 6 || i % 10 === 7);
}

/** Brown files the classifier learns from: the tagger's training files but the calibration ones. */
export function fluencyTrainingFiles(): string[] {
  return brownFileNames().filter((_, i) => i % 10 !== 3 && i % 10 !== 6 && i % 10 !== 7);
}

/** A Brown file as the rule sees it: paragraphs tagged whole, split into judgeable sentences. */
export function readJudgedSentences(name: string): { words: number; sentences: SentenceView[] } {
  const text = readBrownFile(name).text;
  let words = 0;
  const sentences: SentenceView[] = [];
  for (const p of splitParagraphs(text)) {
    const paragraph = text.slice(p.start, p.end);
    const tokens = tokenize(paragraph, "en");
    words += tokens.length;
    const views = sentenceViews(paragraph, tokens, tagTokens(paragraph, tokens), splitSentences(paragraph));
    sentences.push(...views.filter(isJudgeable));
  }
  return { words, sentences };
}

/** One sentence tagged on its own, as a view. */
export function tagSentence(text: string): SentenceView {
  const tokens = tokenize(text, "en");
  return { text, tokens, tags: tagTokens(text, tokens), first: 0, end: tokens.length };
}

/** The sentence texts of a set of files (judgeable ones only). */
export function sentenceTexts(files: readonly string[]): string[] {
  return files.flatMap((name) => readJudgedSentences(name).sentences.map((s) => s.text.slice(s.tokens[s.first]!.start, sentenceEnd(s))));
}

/** End of a sentence's text: its last token plus the closing punctuation after it. */
function sentenceEnd(s: SentenceView): number {
  const last = s.tokens[s.end - 1]!.end;
  const tail = /^[^\s\p{L}\p{N}]*/u.exec(s.text.slice(last, last + 8))![0];
  return last + tail.length;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The clauses of a damaged sentence that hold the damage: where its words differ from the clean ones. */
function damagedClauses(clean: SentenceView, damaged: SentenceView): ClauseFeatures[] {
  const a = clean.tokens.map((t) => t.text.toLowerCase());
  const b = damaged.tokens.map((t) => t.text.toLowerCase());
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  // A dropped word leaves no changed token: its neighbours on both sides are the damage.
  const from = Math.max(0, prefix - (prefix === b.length - suffix ? 1 : 0));
  const to = Math.max(from + 1, b.length - suffix + (prefix === b.length - suffix ? 1 : 0));
  return fluencyClauses(damaged).filter((c) => c.from < to && c.to > from);
}

/** Feature lists of many examples in one growing buffer. */
class Examples {
  features = new Int32Array(1 << 22);
  offsets: number[] = [0];
  labels: number[] = [];
  weights: number[] = [];

  add(f: readonly number[], label: number, weight: number): void {
    const at = this.offsets.at(-1)!;
    if (at + f.length > this.features.length) {
      const grown = new Int32Array(this.features.length * 2);
      grown.set(this.features);
      this.features = grown;
    }
    this.features.set(f, at);
    this.offsets.push(at + f.length);
    this.labels.push(label);
    this.weights.push(weight);
  }

  get size(): number {
    return this.labels.length;
  }
}

export interface FluencyTrainOptions {
  epochs?: number;
  /** Damaged copies per clean sentence, of different types. */
  perSentence?: number;
  /** Initial learning rate (divided by 1 + epoch). */
  learningRate?: number;
  /** Flagged sentences per 10,000 words allowed on the calibration files. */
  rate?: number;
  exclude?: readonly DamageType[];
  seed?: number;
  log?: (line: string) => void;
}

export function trainFluency(options: FluencyTrainOptions = {}): FluencyModelData {
  const { epochs = 15, perSentence = DAMAGE_TYPES.length, learningRate = 0.1, rate = 0.3, exclude = [], seed = 20240611, log = () => {} } = options;
  const types = DAMAGE_TYPES.filter((t) => !exclude.includes(t));
  const random = seededRandom(seed);
  const examples = new Examples();
  const started = performance.now();
  const perType = new Map<string, number>();
  for (const text of sentenceTexts(fluencyTrainingFiles())) {
    const clean = tagSentence(text);
    for (const c of fluencyClauses(clean)) examples.add(c.features, 0, 1);
    const shuffled = shuffle([...types], random);
    const damaged: SentenceView[] = [];
    for (const type of shuffled) {
      if (damaged.length === perSentence) break;
      const changed = corrupt(clean, type, random);
      if (changed === undefined) continue;
      const view = tagSentence(changed);
      if (!isJudgeable(view)) continue;
      damaged.push(view);
      perType.set(type, (perType.get(type) ?? 0) + 1);
    }
    for (const view of damaged) for (const c of damagedClauses(clean, view)) examples.add(c.features, 1, 1 / damaged.length);
  }
  log(`${examples.size.toLocaleString("en-US")} examples (${[...perType].map(([t, n]) => `${t} ${n}`).join(", ")}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Averaged SGD on the logistic loss: w holds the current weights, u the time-weighted updates.
  const size = 1 << FLUENCY_BUCKET_BITS;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  let bias = 0, biasU = 0;
  let c = 1;
  const order = Array.from({ length: examples.size }, (_, i) => i);
  const { features, offsets, labels, weights } = examples;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    const lr = learningRate / (1 + epoch);
    let loss = 0;
    for (const e of order) {
      let z = bias;
      for (let k = offsets[e]!; k < offsets[e + 1]!; k++) z += w[features[k]!]!;
      const p = 1 / (1 + Math.exp(-z));
      const y = labels[e]!;
      loss -= weights[e]! * Math.log(y ? Math.max(p, 1e-12) : Math.max(1 - p, 1e-12));
      const g = lr * weights[e]! * (y - p);
      if (g !== 0) {
        bias += g;
        biasU += c * g;
        for (let k = offsets[e]!; k < offsets[e + 1]!; k++) {
          w[features[k]!]! += g;
          u[features[k]!]! += c * g;
        }
      }
      c++;
    }
    log(`epoch ${epoch + 1}: mean loss ${(loss / examples.size).toFixed(4)}`);
  }
  const averaged = Float32Array.from(w, (x, i) => x - u[i]! / c);
  // Calibrated after quantization: the threshold must hold for the weights the file stores.
  const model = decodeFluencyModel(encodeFluencyModel({ featureVersion: FLUENCY_FEATURE_VERSION, bucketBits: FLUENCY_BUCKET_BITS, bias: bias - biasU / c, threshold: 0, weights: averaged }));
  model.threshold = calibrate(model, rate, log);
  return model;
}

/** The lowest threshold that flags at most `rate` sentences per 10,000 words of the calibration files. */
function calibrate(model: FluencyModelData, rate: number, log: (line: string) => void): number {
  let words = 0;
  const scores: number[] = [];
  for (const name of calibrationBrownFiles()) {
    const file = readJudgedSentences(name);
    words += file.words;
    for (const s of file.sentences) scores.push(judgeSentence(model, s).score);
  }
  scores.sort((a, b) => b - a);
  const allowed = Math.floor((words * rate) / 10_000);
  const threshold = Math.max(0, (scores[allowed] ?? 0) + 1e-4);
  log(`calibration: ${words.toLocaleString("en-US")} words, ${scores.length.toLocaleString("en-US")} sentences; threshold ${threshold.toFixed(3)} flags ${scores.filter((s) => s >= threshold).length} (≤ ${allowed})`);
  return threshold;
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const exclude = option("--exclude");
  if (exclude !== undefined && !DAMAGE_TYPES.includes(exclude as DamageType)) throw new Error(`unknown damage type ${exclude}; one of ${DAMAGE_TYPES.join(", ")}`);
  const started = performance.now();
  const model = trainFluency({
    epochs: Number(option("--epochs") ?? 15),
    perSentence: Number(option("--per-sentence") ?? DAMAGE_TYPES.length),
    learningRate: Number(option("--learning-rate") ?? 0.1),
    rate: Number(option("--rate") ?? 0.3),
    exclude: exclude === undefined ? [] : [exclude as DamageType],
    log: console.log,
  });
  const file = encodeFluencyModel(model);
  console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s; model file ${(file.length / 1e6).toFixed(2)} MB`);
  if (!args.includes("--no-write")) {
    const out = fileURLToPath(DEFAULT_FLUENCY_MODEL_URL);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, file);
    console.log(`wrote ${out} (${statSync(out).size.toLocaleString("en-US")} bytes)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
