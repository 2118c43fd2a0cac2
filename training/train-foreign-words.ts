/**
 * `npm run train:foreign-words`: trains the word-level language model of src/analysis/foreign-words.ts
 * and writes models/foreign-words.bin.
 *
 * - Data: word forms of the Hunspell dictionaries the project ships (npm dictionary-en, -de, -fr,
 *   -es, -ru; stems with their affixes, src/analysis/dictionary.ts `forms()`), lower-cased. Russian
 *   forms are transliterated to Latin letters by one of four common schemes, chosen per word
 *   (BGN/PCGN-like news style, a simplified one, ISO-like ASCII, and the German-influenced one MT sometimes uses);
 *   German, French and Spanish forms are also taken without their accents. English adds the words of the
 *   Brown corpus files the tagger learned from (never the held-out tenth, `i % 10 === 3`, nor the
 *   calibration tenths, 6 and 7). A form that is also English (in the English data or known to the
 *   English dictionary: "taxi", "hotel") is English only. At most `--per-class` forms a class, a
 *   fixed sample; 4% of each class are kept aside to measure accuracy.
 * - Learning: multinomial logistic regression over hashed character n-grams, averaged SGD with
 *   fixed shuffles (the same code and data give the same bytes).
 * - Thresholds: the model is applied to lower-case words the English dictionary does not know.
 *   Among such words of the calibration files (Brown, `i % 10 === 6 or 7`) that the training data
 *   did not hold, none may be flagged: per language, the threshold on P(English) is half the
 *   lowest P(English) of a calibration word taken for that language, and at most `--cap` (1e-5).
 *   Edited English quotes French and German words far more often than transliterated Russian, so
 *   their thresholds come out stricter.
 *
 * Options: --epochs N (default 6), --per-class N (default 150000), --cap P, --no-write.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { DICTIONARY_PACKAGES, dictionaryFor } from "#src/analysis/dictionary.js";
import {
  DEFAULT_FOREIGN_MODEL_URL,
  ENDING_BITS,
  FOREIGN_BUCKET_BITS,
  FOREIGN_FEATURE_VERSION,
  ForeignWordModel,
  classProbabilities,
  decodeForeignWordModel,
  encodeForeignWordModel,
  endingBit,
  hasBit,
  wordFeatures,
  type ForeignWordModelData,
} from "#src/analysis/foreign-words.js";
import { brownFileNames, readBrownFile } from "./brown.js";
import { prng } from "./prng.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const EPOCHS = option("--epochs", 6);
const PER_CLASS = option("--per-class", 150_000);
/** No threshold above this: P(English) of 1e-5 is where rare English words start. */
const CAP = option("--cap", 1e-5);
const CLASSES = ["en", "ru", "de", "fr", "es"];

/** Cyrillic letter → Latin, per scheme; a list gives choices picked at random. */
const SCHEMES: Record<string, string | string[]>[] = [
  // BGN/PCGN-like, as news agencies write names.
  { а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: ["yo", "e"], ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya" },
  // Simplified: what machine translation and informal writing often produce.
  { а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: ["i", "y", "j"], к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: ["h", "kh"], ц: ["c", "ts", "tz"], ч: "ch", ш: "sh", щ: ["sch", "sh"], ъ: "", ы: ["y", "i"], ь: ["", "'"], э: "e", ю: ["yu", "iu"], я: ["ya", "ia"] },
  // ISO 9-like in ASCII.
  { а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "jo", ж: "zh", з: "z", и: "i", й: "j", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "h", ц: "c", ч: "ch", ш: "sh", щ: "shh", ъ: "", ы: "y", ь: "'", э: "eh", ю: "ju", я: "ja" },
  // German-influenced.
  { а: "a", б: "b", в: "w", г: "g", д: "d", е: "e", ё: "jo", ж: "sh", з: "s", и: "i", й: "j", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "ss", т: "t", у: "u", ф: "f", х: "ch", ц: "z", ч: "tsch", ш: "sch", щ: "schtsch", ъ: "", ы: "y", ь: "", э: "e", ю: "ju", я: "ja" },
];
const VOWELS = new Set("аеёиоуыэюяъь");

/** How often each scheme is used. */
const SCHEME_WEIGHTS = [0.45, 0.35, 0.1, 0.1];

export function transliterate(word: string, random: () => number): string {
  let pick = random();
  let index = 0;
  while (index < SCHEMES.length - 1 && pick >= SCHEME_WEIGHTS[index]!) pick -= SCHEME_WEIGHTS[index++]!;
  const scheme = SCHEMES[index]!;
  let out = "";
  [...word].forEach((c, i) => {
    const choice = scheme[c];
    let latin = choice === undefined ? c : typeof choice === "string" ? choice : choice[Math.floor(random() * choice.length)]!;
    // "е" at the start of a word or after a vowel is "ye" in the news style.
    if (c === "е" && scheme === SCHEMES[0] && (i === 0 || VOWELS.has(word[i - 1]!))) latin = "ye";
    out += latin;
  });
  return out;
}

const stripMarks = (w: string) => w.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
const LETTERS = /^\p{Ll}+$/u;

function englishData(): Set<string> {
  const words = new Set<string>();
  for (const f of dictionaryFor("en").forms()) if (LETTERS.test(f)) words.add(f);
  const training = brownFileNames().filter((_, i) => ![3, 6, 7].includes(i % 10));
  for (const name of training) for (const m of readBrownFile(name).text.matchAll(/\p{L}+/gu)) if (LETTERS.test(m[0])) words.add(m[0]);
  return words;
}

function foreignData(language: string, english: Set<string>, random: () => number): Set<string> {
  const en = dictionaryFor("en");
  const words = new Set<string>();
  const add = (w: string) => {
    if (w.length >= 2 && !english.has(w) && !en.isKnown(w)) words.add(w);
  };
  for (const form of dictionaryFor(language).forms()) {
    const w = form.toLowerCase();
    if (!LETTERS.test(w)) continue;
    if (language === "ru") {
      if (/^[а-яё]+$/u.test(w)) add(transliterate(w, random));
    } else {
      add(w);
      if (random() < 0.3) add(stripMarks(w));
    }
  }
  return words;
}

/** A fixed sample of at most n items. */
function sample<T>(items: T[], n: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

interface Example {
  features: number[];
  label: number;
  word: string;
}

function train(examples: Example[], random: () => number): Omit<ForeignWordModelData, "thresholds" | "endings"> {
  const buckets = 1 << FOREIGN_BUCKET_BITS;
  const K = CLASSES.length;
  const weights = new Float32Array(K * buckets);
  const bias = new Float64Array(K);
  // Averaged SGD: the sums of updates weighted by when they happened.
  const weightSums = new Float64Array(K * buckets);
  const biasSums = new Float64Array(K);
  let step = 1;
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const rate = 0.2 / (1 + epoch);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const e = examples[index]!;
      const p = classProbabilities({ bucketBits: FOREIGN_BUCKET_BITS, classes: CLASSES, bias: [...bias], weights }, e.features);
      for (let k = 0; k < K; k++) {
        const g = rate * ((k === e.label ? 1 : 0) - p[k]!);
        if (Math.abs(g) < 1e-6) continue;
        bias[k] += g;
        biasSums[k] += step * g;
        const offset = k * buckets;
        for (const f of e.features) {
          weights[offset + f] += g;
          weightSums[offset + f] += step * g;
        }
      }
      step++;
    }
  }
  const averaged = Float32Array.from(weights, (w, i) => w - weightSums[i]! / step);
  return { featureVersion: FOREIGN_FEATURE_VERSION, bucketBits: FOREIGN_BUCKET_BITS, classes: CLASSES, bias: [...bias].map((b, k) => b - biasSums[k]! / step), weights: averaged };
}

const hasEnding = (endings: Uint8Array, word: string) => hasBit(endings, endingBit(word));

/** The likeliest class but English. */
function likeliestOther(p: number[]): number {
  let best = 1;
  for (let k = 2; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

/** Lower-case words of 5 letters or more in the calibration files, every use. */
function calibrationTokens(): string[] {
  return brownFileNames()
    .filter((_, i) => i % 10 === 6 || i % 10 === 7)
    .flatMap((name) => [...readBrownFile(name).text.matchAll(/(?<![\p{L}'’-])\p{Ll}{5,}(?![\p{L}'’-])/gu)].map((m) => m[0]));
}

/** Lower-case words of the calibration files that the English dictionary does not know and training never saw. */
function calibrationWords(english: Set<string>): string[] {
  const en = dictionaryFor("en");
  const words: string[] = [];
  for (const name of brownFileNames().filter((_, i) => i % 10 === 6 || i % 10 === 7)) {
    for (const m of readBrownFile(name).text.matchAll(/(?<![\p{L}'’-])\p{Ll}+(?![\p{L}'’-])/gu)) {
      if (m[0].length >= 4 && !english.has(m[0]) && !en.isKnown(m[0])) words.push(m[0]);
    }
  }
  return words;
}

function main(): void {
  const started = performance.now();
  const random = prng(20240611);
  const english = englishData();
  const data = new Map<string, string[]>([["en", [...english]]]);
  for (const language of CLASSES.slice(1)) {
    if (!DICTIONARY_PACKAGES[language]) throw new Error(`no dictionary for ${language}`);
    data.set(language, [...foreignData(language, english, random)]);
  }
  const trainSet: Example[] = [];
  const heldOut: Example[] = [];
  CLASSES.forEach((language, label) => {
    const words = sample(data.get(language)!, PER_CLASS, random);
    const cut = Math.floor(words.length * 0.04);
    words.forEach((word, i) => (i < cut ? heldOut : trainSet).push({ word, label, features: wordFeatures(word) }));
    console.log(`${language}: ${data.get(language)!.length.toLocaleString("en-US")} forms, ${words.length.toLocaleString("en-US")} sampled, e.g. ${words.slice(0, 8).join(" ")}`);
  });
  const model = train(trainSet, random);
  const judge = (e: Example) => classProbabilities(model, e.features);
  const correct = heldOut.filter((e) => {
    const p = judge(e);
    return p.indexOf(Math.max(...p)) === e.label;
  }).length;
  console.log(`held-out accuracy ${((100 * correct) / heldOut.length).toFixed(1)}% over ${heldOut.length} forms`);
  // Per language, half the lowest English probability of a calibration word taken for that language (at most CAP).
  const calibration = calibrationWords(english).map((w) => classProbabilities(model, wordFeatures(w)));
  const thresholds = CLASSES.map((_, k) => {
    if (k === 0) return 0;
    const lowest = Math.min(...calibration.filter((p) => likeliestOther(p) === k).map((p) => p[0]!));
    return Math.min(CAP, lowest / 2);
  });
  console.log(`thresholds on P(en), from ${calibration.length} unknown calibration words: ${CLASSES.map((c, k) => (k ? `${c} ${thresholds[k]!.toExponential(1)}` : "")).filter(Boolean).join(", ")}`);
  const flagged = (p: number[]) => p[0]! < thresholds[likeliestOther(p)]!;
  const englishHeldOut = heldOut.filter((e) => e.label === 0);
  console.log(`held-out English forms flagged: ${((100 * englishHeldOut.filter((e) => flagged(judge(e))).length) / englishHeldOut.length).toFixed(2)}%`);
  for (const language of CLASSES.slice(1)) {
    const mine = heldOut.filter((e) => CLASSES[e.label] === language);
    console.log(`  held-out ${language} forms flagged: ${((100 * mine.filter((e) => flagged(judge(e))).length) / mine.length).toFixed(1)}%`);
  }
  // Endings of the training words the model takes for foreign: words with other endings need not be judged.
  const endings = new Uint8Array((1 << ENDING_BITS) / 8);
  for (const e of trainSet) {
    if (e.label === 0 || !flagged(judge(e))) continue;
    const bit = endingBit(e.word);
    endings[bit >>> 3]! |= 1 << (bit & 7);
  }
  const tokens = calibrationTokens();
  const skipped = tokens.filter((w) => !hasEnding(endings, w)).length;
  const flaggedHeldOut = heldOut.filter((e) => e.label !== 0 && flagged(judge(e)));
  const missed = flaggedHeldOut.filter((e) => !hasEnding(endings, e.word)).length;
  console.log(
    `endings: ${((100 * skipped) / tokens.length).toFixed(1)}% of the calibration files' lower-case words of 5 letters or more need not be judged; ` +
      `${((100 * missed) / flaggedHeldOut.length).toFixed(1)}% of the held-out foreign forms the model flags are skipped for their ending`,
  );
  const full: ForeignWordModelData = { ...model, thresholds, endings };
  const encoded = encodeForeignWordModel(full);
  // The shipped model is the quantised one: check that it still judges like the trained one.
  const shipped = new ForeignWordModel(decodeForeignWordModel(encoded));
  const agree = heldOut.filter((e) => shipped.isForeign(shipped.judge(e.word)) === flagged(judge(e))).length;
  console.log(`quantised model agrees on ${((100 * agree) / heldOut.length).toFixed(2)}% of held-out forms; ${(encoded.length / 1024).toFixed(0)} KB; ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (!args.includes("--no-write")) {
    const path = fileURLToPath(DEFAULT_FOREIGN_MODEL_URL);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, encoded);
    console.log(`wrote ${path}`);
  }
}

main();
