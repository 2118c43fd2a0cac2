/**
 * `npm run bench:fluency`: the fluency classifier on Brown files it never saw (the held-out tenth,
 * the precision test slice).
 *
 * - False alarms: sentences flagged per 5,000 words of the clean files, read as the rule reads them.
 * - Recall per damage type: each clean sentence damaged once per type (src/bench/fluency-corrupt.ts,
 *   fixed seed) and scored at the model's calibrated threshold. The damage comes from the same
 *   generator as the training data, so this is recall on the training distribution, on unseen
 *   sentences.
 * - Generalization: a model trained without one damage type (--holdout TYPE, default
 *   resumptive-pronoun; --holdout none skips it) and calibrated the same way, on that type.
 *
 * Options: --files calibration (measure on the calibration files instead, for tuning without
 * looking at the held-out files).
 */
import { pathToFileURL } from "node:url";
import { englishFluencyModel, isJudgeable, judgeSentence, type FluencyModelData, type SentenceView } from "../analysis/fluency.js";
import { DAMAGE_TYPES, corrupt, seededRandom, type DamageType } from "./fluency-corrupt.js";
import { calibrationBrownFiles, readJudgedSentences, sentenceTexts, tagSentence, trainFluency } from "./train-fluency.js";
import { heldOutBrownFiles } from "./train-tagger.js";

const flags = (m: FluencyModelData, s: SentenceView) => judgeSentence(m, s).score >= m.threshold;

export function falseAlarms(model: FluencyModelData, files: readonly string[]): { words: number; flagged: string[] } {
  let words = 0;
  const flagged: string[] = [];
  for (const name of files) {
    const file = readJudgedSentences(name);
    words += file.words;
    for (const s of file.sentences) if (flags(model, s)) flagged.push(`${name}: ${s.text.slice(s.tokens[s.first]!.start, s.tokens[s.end - 1]!.end)}`);
  }
  return { words, flagged };
}

export function recallByType(model: FluencyModelData, sentences: readonly string[], types: readonly DamageType[] = DAMAGE_TYPES): Map<DamageType, { cases: number; found: number }> {
  const result = new Map(types.map((t) => [t, { cases: 0, found: 0 }]));
  const random = seededRandom(7);
  for (const text of sentences) {
    const clean = tagSentence(text);
    for (const type of types) {
      const damaged = corrupt(clean, type, random);
      if (damaged === undefined) continue;
      const view = tagSentence(damaged);
      if (!isJudgeable(view)) continue;
      const r = result.get(type)!;
      r.cases++;
      if (flags(model, view)) r.found++;
    }
  }
  return result;
}

const percent = (r: { cases: number; found: number }) => `${((100 * r.found) / Math.max(1, r.cases)).toFixed(1)}%`.padStart(6);

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const files = option("--files") === "calibration" ? calibrationBrownFiles() : heldOutBrownFiles();
  const label = option("--files") === "calibration" ? "calibration" : "held-out";
  const model = englishFluencyModel().data;
  const fa = falseAlarms(model, files);
  console.log(`${label} Brown (${files.length} files, ${fa.words.toLocaleString("en-US")} words): ${fa.flagged.length} sentences flagged = ${((fa.flagged.length / fa.words) * 5000).toFixed(3)} per 5,000 words (threshold ${model.threshold.toFixed(3)})`);
  for (const line of fa.flagged) console.log(`  ${line}`);
  const sentences = sentenceTexts(files);
  console.log(`\nrecall per damage type (${sentences.length.toLocaleString("en-US")} ${label} sentences, one damage each where the type applies):`);
  const recall = recallByType(model, sentences);
  let cases = 0, found = 0;
  for (const [type, r] of recall) {
    console.log(`  ${type.padEnd(22)} ${percent(r)}  (${r.found}/${r.cases})`);
    cases += r.cases;
    found += r.found;
  }
  console.log(`  ${"all".padEnd(22)} ${percent({ cases, found })}  (${found}/${cases})`);

  const holdout = (option("--holdout") ?? "resumptive-pronoun") as DamageType | "none";
  if (holdout === "none") return;
  if (!DAMAGE_TYPES.includes(holdout)) throw new Error(`unknown damage type ${holdout}; one of ${DAMAGE_TYPES.join(", ")}`);
  console.log(`\ngeneralization: a model trained without ${holdout} (calibrated the same way)`);
  const without = trainFluency({ exclude: [holdout] });
  const r = recallByType(without, sentences, [holdout]).get(holdout)!;
  const faWithout = falseAlarms(without, files);
  console.log(`  ${holdout.padEnd(22)} ${percent(r)}  (${r.found}/${r.cases}); shipped model (trained on it) ${percent(recall.get(holdout)!)}; false alarms ${((faWithout.flagged.length / faWithout.words) * 5000).toFixed(3)} per 5,000 words`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
