/**
 * The one door to the `natural` package. Its index loads database drivers and prints to stdout,
 * so only the files we need are required directly.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type JaroWinkler = (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
const jaroWinkler = require("natural/lib/natural/distance/jaro-winkler_distance.js") as JaroWinkler;

/** The candidate most similar to `word` (Jaro–Winkler ≥ 0.8), for "did you mean" hints. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = 0.8;
  for (const c of candidates) {
    const score = jaroWinkler(word, c, { ignoreCase: true });
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

const STOPWORD_FILES: Record<string, string> = { en: "stopwords", ru: "stopwords_ru", fr: "stopwords_fr", es: "stopwords_es", it: "stopwords_it", nl: "stopwords_nl", pt: "stopwords_pt", pl: "stopwords_pl" };
const stopwordSets = new Map<string, ReadonlySet<string>>();

/** Function words of a language (natural's lists; empty for a language without one). */
export function stopwords(language: string): ReadonlySet<string> {
  let set = stopwordSets.get(language);
  if (!set) {
    const file = STOPWORD_FILES[language];
    set = new Set(file ? (require(`natural/lib/natural/util/${file}.js`) as { words: string[] }).words : []);
    stopwordSets.set(language, set);
  }
  return set;
}
