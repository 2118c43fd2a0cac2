/**
 * Names in a document (capitalised words that are not common words) and a transliteration-aware
 * key under which spellings of one name from another script fall together: Sergey / Sergei /
 * Serhiy, Zelensky / Zelenskiy / Zelenskyy, Kiev / Kyiv, Alexey / Aleksei, Yevgeny / Evgeny,
 * Fyodorov / Fedorov, Viktor / Victor, Erdoğan / Erdogan. The key keeps endings apart that mark
 * another word: Medvedev / Medvedeva, Russia / Russian, Cherchesov / Cherchesovu.
 */
import type { SegmentAnalysis } from "./analysis.js";

export interface NameOccurrence {
  segment: number;
  start: number;
  end: number;
  /** The name as written, hyphens kept ("Al-Khalifa"); two words for a pair ("Al Khalifa"). */
  text: string;
}

/** A capitalised word (or hyphenated capitalised parts), as a whole token: not an acronym, not mixed case. */
const NAME = /^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)*$/u;
const POSSESSIVE = /['’]s$/;

/**
 * Calls `visit` with every capitalised word of the document, in order, without its possessive
 * "’s"; `index` is the token's index in the segment. Nothing is allocated for other words.
 */
export function forEachCapitalizedWord(analyses: readonly SegmentAnalysis[], visit: (segment: number, index: number, start: number, text: string) => void): void {
  for (let segment = 0; segment < analyses.length; segment++) {
    const tokens = analyses[segment]!.tokens;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      // Most tokens start with a lower-case letter or a digit: one character test skips them.
      const c = token.text.charCodeAt(0);
      if (c < 65 || (c > 90 && c < 192)) continue;
      const text = token.text.replace(POSSESSIVE, "");
      if (NAME.test(text)) visit(segment, index, token.start, text);
    }
  }
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const PLAIN_LETTERS: Record<string, string> = { ı: "i", ł: "l", ø: "o", ß: "ss", đ: "d", æ: "ae", œ: "oe" };

/**
 * The key of a name: lower case without marks, apostrophes and hyphens, with the letters that
 * transliteration schemes of Russian and Ukrainian (and German and Polish ones) write differently
 * brought to one form. Ordered: digraphs before the letters they contain.
 */
export function nameKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    if (keys.size >= MEMO_LIMIT) keys.clear();
    keys.set(name, (key = computeKey(name)));
  }
  return key;
}

/** Names recur across the documents of a run: their keys are remembered, up to this many. */
const MEMO_LIMIT = 50_000;
const keys = new Map<string, string>();

function computeKey(name: string): string {
  return (
    name
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[ıłøßđæœ]/g, (c) => PLAIN_LETTERS[c]!)
      .replace(/['’`ʼ\s-]/g, "")
      // Ukrainian h for Russian g (Serhiy / Sergei, Luhansk / Lugansk), outside the digraphs with h.
      .replace(/(?<![sczktpgw])h/g, "g")
      .replace(/shch/g, "sch")
      .replace(/t?sch|tch/g, "ch")
      .replace(/kh/g, "h")
      .replace(/x/g, "ks")
      .replace(/tz/g, "ts")
      // Viktor / Victor, Nikolai / Nicolai; "ck" is an English spelling (Frederick / Frederik stay apart).
      .replace(/c(?![hk])/g, "k")
      .replace(/w/g, "v")
      .replace(/j/g, "y")
      // Yevgeny / Evgeny, Andreyev / Andreev; Fyodor / Fedor.
      .replace(/(^|[aeiouy])ye/g, "$1e")
      .replace(/yo/g, "e")
      .replace(/y/g, "i")
      .replace(/ie/g, "e")
      .replace(/i+/g, "i")
      // Sergei / Sergi(y); Kiev / Kyiv, Kharkov / Kharkiv, Gorbachev / Gorbachov.
      .replace(/ei$/, "i")
      .replace(/(?:i|e|o|io|eo)v$/, "ov")
  );
}
