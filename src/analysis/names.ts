/**
 * Names in a document (capitalised words that are not common words) and a transliteration-aware
 * key under which spellings of one name from another script fall together: Sergey / Sergei /
 * Serhiy, Zelensky / Zelenskiy / Zelenskyy, Kiev / Kyiv, Alexey / Aleksei, Yevgeny / Evgeny,
 * Fyodorov / Fedorov, Viktor / Victor, Erdoğan / Erdogan. The key keeps endings apart that mark
 * another word: Medvedev / Medvedeva, Russia / Russian, Cherchesov / Cherchesovu.
 */
import type { SegmentAnalysis } from "./analysis.js";
import { WordTable } from "./word-table.js";

export interface NameOccurrence {
  segment: number;
  start: number;
  end: number;
  /** The name as written, hyphens kept ("Al-Khalifa"); two words for a pair ("Al Khalifa"). */
  text: string;
}

/** A capitalised word (or hyphenated capitalised parts), as a whole token: not an acronym, not mixed case. */
const NAME = /^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)*$/u;

/** The name a token is, without its possessive "’s"; undefined when the token is not a capitalised word. */
export function nameOf(token: string): string | undefined {
  // Most tokens start with a lower-case letter or a digit, or are acronyms: two character tests skip them.
  const c = token.charCodeAt(0);
  if (c < 65 || (c > 90 && c < 192)) return undefined;
  if (token.charCodeAt(1) < 97) return undefined;
  const n = token.length;
  const apostrophe = token.charCodeAt(n - 2);
  const text = token.charCodeAt(n - 1) === 115 && (apostrophe === 39 || apostrophe === 0x2019) ? token.slice(0, -2) : token;
  return NAME.test(text) ? text : undefined;
}

export interface SegmentNames {
  /** The segment's capitalised words (nameOf), in order, repeats kept. */
  names: string[];
  /** Indexes i of `names` such that names[i - 1] and names[i] are two words with one space between them ("Al Khalifa"). */
  follows: number[];
}

/** The last segment asked about: the rules that ask run one after the other on each segment. */
let last: { analysis?: SegmentAnalysis; names?: SegmentNames } = {};

/**
 * The names of a segment, found once for the rules that ask in a row. Rules that compare a
 * document's names gather them per segment while its tokens are at hand (lint() drops tokens
 * before document rules run): see `SegmentMemo`.
 */
export function namesOf(analysis: SegmentAnalysis): SegmentNames {
  if (last.analysis === analysis) return last.names!;
  const found: SegmentNames = { names: [], follows: [] };
  // Where the name just before ends, if the previous token was one.
  let previousEnd = -2;
  for (const token of analysis.tokens) {
    const name = nameOf(token.text);
    if (name === undefined) {
      previousEnd = -2;
      continue;
    }
    if (previousEnd === token.start - 1 && analysis.text.charCodeAt(previousEnd) === 32) found.follows.push(found.names.length);
    found.names.push(name);
    previousEnd = token.start + name.length;
  }
  last = { analysis, names: found };
  return found;
}

/**
 * What a rule gathered from each segment of the document being checked, by segment index: lint()
 * calls checkSegment on every segment in order, then checkDocument. An entry is trusted only for
 * the very analysis it was gathered from; otherwise `gather` runs again.
 */
export class SegmentMemo<T> {
  private entries: { analysis: SegmentAnalysis; value: T }[] = [];

  set(index: number, analysis: SegmentAnalysis, value: T): void {
    if (index === 0) this.entries = [];
    this.entries[index] = { analysis, value };
  }

  get(index: number, analysis: SegmentAnalysis, gather: (analysis: SegmentAnalysis) => T): T {
    const entry = this.entries[index];
    return entry?.analysis === analysis ? entry.value : gather(analysis);
  }
}

/** Where a name stands in a text as a whole token (as the tokenizer and `nameOf` see it): offsets of its first character. */
export function nameOffsets(text: string, name: string): number[] {
  const found: number[] = [];
  const word = (i: number) => i >= 0 && i < text.length && WORD_CHAR.test(text[i]!);
  const joiner = (i: number) => i >= 0 && i < text.length && JOINERS.includes(text[i]!);
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    if (word(at - 1) || (joiner(at - 1) && word(at - 2))) continue;
    if (word(end)) continue;
    // The token goes on after a joiner ("Smith-Jones", "O’Neil"), unless that is a possessive "’s".
    const possessive = (text[end] === "'" || text[end] === "’") && text[end + 1] === "s" && !word(end + 2) && !(joiner(end + 2) && word(end + 3));
    if (joiner(end) && word(end + 1) && !possessive) continue;
    found.push(at);
  }
  return found;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** Characters the tokenizer joins words with (src/analysis/text.ts). */
const JOINERS = "'’-.";

/** č š ž (ISO 9, Czech, Croatian), ż (Polish), ŝ (ISO 9 щ) as the English digraphs. */
const HACEK_LETTERS: Record<string, string> = { č: "ch", š: "sh", ž: "zh", ż: "zh", ŝ: "shch" };

/** Letters that Unicode does not decompose into a base letter and a mark. */
const PLAIN_LETTERS: Record<string, string> = { ı: "i", ł: "l", ø: "o", ß: "ss", đ: "d", æ: "ae", œ: "oe" };

/**
 * The key of a name: lower case without marks, apostrophes and hyphens, with the letters that
 * transliteration schemes of Russian and Ukrainian (and German and Polish ones) write differently
 * brought to one form. Ordered: digraphs before the letters they contain.
 */
export const nameKey = (name: string): string => keys.get(name, computeKey);

/** Names recur across the documents of a run: their keys are remembered. */
const keys = new WordTable<string>(16);

function computeKey(name: string): string {
  return (
    name
      .toLowerCase()
      // The scientific transliteration's and Polish letters for ч ш ж щ, before their marks go.
      .replace(/[čšžżŝ]/g, (c) => HACEK_LETTERS[c]!)
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[ıłøßđæœ]/g, (c) => PLAIN_LETTERS[c]!)
      .replace(/['’`ʼ\s-]/g, "")
      // German, Polish and Swedish spellings of щ, ч, ш, ж (Chruschtschow, Szojgu, Tjajkovskij, Zjirinovskij);
      // German sch is left as it was, since English names vary the same way (Schaffner / Shaffner).
      .replace(/schtsch|szcz|sjtj/g, "shch")
      .replace(/tsch|cz|tj/g, "ch")
      .replace(/sz|sj/g, "sh")
      .replace(/zj/g, "zh")
      .replace(/shch/g, "sch")
      .replace(/t?sch|tch/g, "ch")
      // One class for г and х: Ukrainian h for Russian g (Serhiy / Sergei, Luhansk / Lugansk), and h or
      // kh for х (Zaharova / Zakharova, Mihail / Mikhail); h in the digraphs sh, ch, zh, th, ph stays.
      .replace(/kh|(?<![sczktpgw])h/g, "g")
      .replace(/x/g, "ks")
      .replace(/tz/g, "ts")
      // Viktor / Victor, Nikolai / Nicolai; "ck" is an English spelling (Frederick / Frederik stay apart).
      .replace(/c(?![hk])/g, "k")
      .replace(/w/g, "v")
      // A doubled n or s is often written single (Gennady / Genady, Odessa / Odesa, Vassily / Vasily); other
      // doubled letters tell English names apart (Scott / Scot, Allan / Alan) more often than they vary.
      .replace(/([ns])\1/g, "$1")
      .replace(/j/g, "y")
      // Yevgeny / Evgeny, Andreyev / Andreev; Fyodor / Fedor.
      .replace(/(^|[aeiouy])ye/g, "$1e")
      .replace(/yo/g, "e")
      .replace(/y/g, "i")
      .replace(/ie/g, "e")
      .replace(/i+/g, "i")
      // Sergei / Sergi(y); Kiev / Kyiv, Kharkov / Kharkiv, Gorbachev / Gorbachov.
      .replace(/ei$/, "i")
      // Belarusian -enka for Ukrainian and Russian -enko, which no gender changes (Lukashenka / Lukashenko; Lenka is a name of its own).
      .replace(/(?<=\p{L}{3})enka$/u, "enko")
      // -off and -eff for -ov and -ev (Rachmaninoff / Rachmaninov).
      .replace(/f+$/, "v")
      .replace(/(?:i|e|o|io|eo)v$/, "ov")
      // Aleksandr / Alexander, Petr / Peter: English puts a vowel before a final r after d or t.
      .replace(/([dt])er$/, "$1r")
  );
}
