/**
 * How English singular common nouns behave without a determiner, from the tagged Brown corpus
 * (models/countability-en.tsv, built by `npm run build:countability`): for each noun, how often it
 * heads a noun phrase and how often that phrase is bare, overall and before “of”, and the words
 * after which it stands bare in fixed phrases (“by car”, “at home”). Read on first use.
 */
import { readFileSync } from "node:fs";

export interface NounCounts {
  heads: number;
  bare: number;
  beforeOf: number;
  bareBeforeOf: number;
  /** Words before which Brown has the noun bare at least twice. */
  fixedAfter: ReadonlySet<string>;
}

export const COUNTABILITY_URL = new URL("../../models/countability-en.tsv", import.meta.url);

export function parseCountability(text: string): Map<string, NounCounts> {
  const nouns = new Map<string, NounCounts>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [noun, heads, bare, beforeOf, bareBeforeOf, fixed] = line.split("\t");
    nouns.set(noun!, { heads: Number(heads), bare: Number(bare), beforeOf: Number(beforeOf), bareBeforeOf: Number(bareBeforeOf), fixedAfter: new Set(fixed ? fixed.split(",") : []) });
  }
  return nouns;
}

let english: Map<string, NounCounts> | undefined;

/** The English table, read on first use. */
export function englishCountability(): Map<string, NounCounts> {
  if (!english) {
    let text: string;
    try {
      text = readFileSync(COUNTABILITY_URL, "utf8");
    } catch (e) {
      throw new Error(`cannot read ${COUNTABILITY_URL.pathname} (${(e as Error).message}); rebuild it with npm run build:countability`);
    }
    english = parseCountability(text);
  }
  return english;
}

/** Count nouns: seen at least `minHeads` times heading a noun phrase in Brown, bare in at most `maxBareShare` of them. */
export function countNouns(minHeads = 20, maxBareShare = 0.05): string[] {
  return [...englishCountability()].filter(([, c]) => c.heads >= minHeads && c.bare <= maxBareShare * c.heads).map(([noun]) => noun);
}
