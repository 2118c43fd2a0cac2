/**
 * `npm run bench:pos`: the English POS tagger measured on the held-out Brown files (never seen
 * in training): model load time, accuracy, tokens per second; natural's Brill tagger on the
 * same tokens for comparison; and the whole recommended English rule set with tagging switched
 * on (every segment's `analysis.tags` computed), in words per second.
 *
 * Times are CPU time of this process (process.cpuUsage), which other load on the machine
 * disturbs less than wall-clock time; medians of several passes.
 */
import { createRequire } from "node:module";
import { resolveConfig } from "#src/config/config.js";
import type { CompiledRule } from "#src/engine/rule-kind.js";
import { checkText } from "#src/engine/check.js";
import type { RuleSet } from "#src/engine/lint.js";
import { DEFAULT_SCORING } from "#src/engine/score.js";
import { textFormat } from "#src/formats/text.js";
import { englishTagger, POS_TAGS, type CoarseTag } from "#src/analysis/pos.js";
import { brownFileNames, readBrownFile } from "../training/brown.js";
import { accuracy, formatAccuracy, heldOutBrownFiles, readTaggedBrownFile, type TaggedParagraph } from "../training/train-tagger.js";

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function timeIt(runs: number, f: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = cpuSeconds();
    f();
    times.push(cpuSeconds() - started);
  }
  return median(times);
}

// --- natural's Brill tagger (deep imports only: the package index must never be loaded) -----

interface BrillTagger {
  tag(words: string[]): { taggedWords: { token: string; tag: string }[] };
}

function loadBrill(): BrillTagger {
  const require = createRequire(import.meta.url);
  const dir = "natural/lib/natural/brill_pos_tagger/lib/";
  const Lexicon = require(dir + "Lexicon.js") as new (lang: string, def: string, defCap?: string) => unknown;
  const RuleSet = require(dir + "RuleSet.js") as new (lang: string) => unknown;
  const Tagger = require(dir + "Brill_POS_Tagger.js") as new (lexicon: unknown, rules: unknown) => BrillTagger;
  return new Tagger(new Lexicon("EN", "NN", "NNP"), new RuleSet("EN"));
}

/** Penn tag → coarse tag, with AUX folded into VERB (Penn tags do not tell them apart). */
function pennCoarse(tag: string): CoarseTag {
  if (/^NNPS?$/.test(tag)) return "PROPN";
  if (/^NN/.test(tag)) return "NOUN";
  if (/^(VB|MD)/.test(tag)) return "VERB";
  if (/^JJ/.test(tag)) return "ADJ";
  if (/^(RB|WRB)/.test(tag)) return "ADV";
  if (tag === "IN" || tag === "RP") return "ADP";
  if (tag === "CC") return "CCONJ";
  if (tag === "DT" || tag === "PDT" || tag === "WDT") return "DET";
  if (/^(PRP|WP|EX)/.test(tag)) return "PRON";
  if (tag === "TO" || tag === "POS") return "PART";
  if (tag === "CD") return "NUM";
  if (tag === "UH") return "INTJ";
  return "X";
}

/**
 * Agreement with gold in Penn terms only (what a Penn tagger can express): the fine tag, and a
 * coarse class derived from it alike for gold and guess (AUX counts as VERB, SCONJ as ADP,
 * pronoun "that" as DET).
 */
function pennAccuracy(paragraphs: readonly TaggedParagraph[], tags: (p: TaggedParagraph) => string[]): { coarse: number; fine: number } {
  let n = 0, coarse = 0, fine = 0;
  for (const p of paragraphs) {
    const t = tags(p);
    p.gold.forEach((g, i) => {
      if (g < 0) return;
      n++;
      const gold = POS_TAGS[g]!.fine;
      if (pennCoarse(t[i]!) === pennCoarse(gold)) coarse++;
      if (t[i] === gold) fine++;
    });
  }
  return { coarse: coarse / n, fine: fine / n };
}

function main(): void {
  const runs = 5;
  // Load time: the first call reads, decompresses and indexes the model.
  const loadStarted = performance.now();
  const loadCpu = cpuSeconds();
  const tagger = englishTagger();
  console.log(`model load: ${(performance.now() - loadStarted).toFixed(1)} ms (${((cpuSeconds() - loadCpu) * 1000).toFixed(1)} ms CPU)`);

  const paragraphs = heldOutBrownFiles().flatMap(readTaggedBrownFile);
  const tokens = paragraphs.reduce((s, p) => s + p.tokens.length, 0);
  const acc = accuracy(paragraphs, (p) => tagger.tagIds(p.text, p.tokens));
  console.log(`held-out Brown (${heldOutBrownFiles().length} files): ${formatAccuracy(acc)}`);
  let differ = 0;
  for (const p of paragraphs) {
    const fast = tagger.tagIds(p.text, p.tokens).slice(0, p.tokens.length);
    const ref = tagger.referenceTagIds(p.text, p.tokens);
    for (let i = 0; i < ref.length; i++) if (fast[i] !== ref[i]) differ++;
  }
  console.log(`fast path vs reference scoring: ${differ} tokens differ`);

  const tagSeconds = timeIt(runs, () => {
    for (const p of paragraphs) tagger.tagIds(p.text, p.tokens);
  });
  console.log(`tagger: ${fmt(tokens / tagSeconds)} tokens/s (tokens given)`);
  const objectSeconds = timeIt(runs, () => {
    for (const p of paragraphs) tagger.tag(p.text, p.tokens);
  });
  console.log(`tagger returning PosTag arrays: ${fmt(tokens / objectSeconds)} tokens/s`);

  if (!process.argv.includes("--no-brill")) {
    const brill = loadBrill();
    const words = paragraphs.map((p) => p.tokens.map((t) => t.text));
    let brillTags: string[][] = [];
    const brillSeconds = timeIt(3, () => {
      brillTags = words.map((w) => brill.tag(w).taggedWords.map((t) => t.tag));
    });
    const mine = pennAccuracy(paragraphs, (p) => Array.from(tagger.tagIds(p.text, p.tokens).slice(0, p.tokens.length), (id) => POS_TAGS[id]!.fine));
    const byParagraph = new Map(paragraphs.map((p, i) => [p, brillTags[i]!]));
    const theirs = pennAccuracy(paragraphs, (p) => byParagraph.get(p)!);
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
    console.log(`in Penn terms (fine tag; coarse class from it): ours coarse ${pct(mine.coarse)}, fine ${pct(mine.fine)}; natural's Brill tagger coarse ${pct(theirs.coarse)}, fine ${pct(theirs.fine)}, ${fmt(tokens / brillSeconds)} tokens/s`);
  }

  // The recommended English rules on all of Brown, without and with tagging of every segment.
  const files = brownFileNames().map((name) => readBrownFile(name));
  const { ruleSet } = resolveConfig({ extends: "mtlint:recommended" });
  const probe: CompiledRule = {
    spec: { id: "bench/pos", kind: "bench", category: "fluency", severity: "minor", message: "", language: "en", examples: [] },
    checkSegment(analysis) {
      void analysis.tags;
    },
  };
  const withTags: RuleSet = { ...ruleSet, rules: [...ruleSet.rules, { rule: probe, severity: "minor" }] };
  let words = 0;
  const engine = (rules: RuleSet) => () => {
    words = 0;
    for (const file of files) words += checkText(file.text, file.name, textFormat, { ruleSet: rules, scoring: DEFAULT_SCORING, language: "en" }).result.words;
  };
  const plain = timeIt(3, engine(ruleSet));
  const tagged = timeIt(3, engine(withTags));
  console.log(`recommended English rules on Brown (${fmt(words)} words): ${fmt(words / plain)} words/s; with POS tags: ${fmt(words / tagged)} words/s`);
}

main();
