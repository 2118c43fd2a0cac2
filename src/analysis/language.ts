/**
 * Which of mtlint's target languages a text is written in. Scripts decide first (Cyrillic → ru;
 * Han with kana → ja, without → zh); Latin-script text goes to franc's trigram models restricted
 * to the Latin-script languages mtlint has packs for. franc only ranks; how sure the answer is
 * comes from franc's margin over the runner-up together with function words ("the", "und",
 * "les", "los"), which franc's trigrams miss on short texts: names and short quoted phrases make
 * franc call a 40-letter English sentence French, and the function words outvote that.
 */
import { francAll } from "franc-min";
import { dictionaryFor, hasDictionary, type HunspellDictionary } from "./dictionary.js";

export interface DetectedLanguage {
  /** An ISO 639-1 code of a language mtlint has a pack for: en, de, fr, es, ru, zh, ja. */
  language: string;
  /** 0–1: how sure the detection is. Not a calibrated probability, but monotone in the evidence. */
  confidence: number;
}

/** The languages detection can answer, ISO 639-1 → the ISO 639-3 code franc uses. */
export const DETECTABLE_LANGUAGES: Readonly<Record<string, string>> = { en: "eng", de: "deu", fr: "fra", es: "spa", ru: "rus", zh: "cmn", ja: "jpn" };

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: "English", de: "German", fr: "French", es: "Spanish", ru: "Russian", zh: "Chinese", ja: "Japanese" };

/** Below this many letters (Han and kana count double) a text is too short to tell. */
export const MIN_LETTERS = 20;
/** Longest text looked at: detection reads a sample, not the whole of a large document. */
const MAX_SAMPLE = 20_000;
/** franc's margin shrinks as its input grows (it is normalized by length): a long text is cut into a few pieces of one size, spread over it, and the scores averaged. */
const FRANC_PIECE = 500;
const FRANC_PIECES = 5;
/** A franc margin (1 − runner-up's normalized score) at or above this is franc at its surest. */
const FULL_MARGIN = 0.08;
/** This many function words, 90% of them of one language, decide without franc. */
const DECISIVE_WORDS = 30;
/** Below this confidence detectLanguage answers undefined. */
const UNSURE = 0.5;

const LATIN = ["en", "de", "fr", "es"] as const;
const FRANC_TO_ISO = new Map(Object.entries(DETECTABLE_LANGUAGES).map(([iso1, iso3]) => [iso3, iso1]));
const LATIN_ONLY = LATIN.map((l) => DETECTABLE_LANGUAGES[l]!);

/**
 * Frequent function words of each Latin-script language. A word listed for two languages
 * ("in", "la", "es", "was") is no evidence and is dropped when the table is built.
 */
const FUNCTION_WORDS: Record<(typeof LATIN)[number], string> = {
  en: "the and of to is that with for this are were have has had be been from by which it its not but they he she his her we you would there their what when who at as if can about into than them these those our your my or an in was will also so",
  de: "der die das und ist nicht ein eine einen einem einer dem den des mit auf für von zu sich auch es sie wir ich wurde werden wird hat haben sind bei nach aus wie oder aber noch nur schon sehr dass über zum zur im vom kein keine wenn als dieser diese diesem um ihr ihre sein seine unter vor durch was will also so in an",
  fr: "le les et est des du une qui dans pour pas sur au aux avec ce cette il elle ils elles nous vous sont être été mais ou où plus leur leurs sa ses ne à très qu l par comme tout était ont fait on son la que se un en de",
  es: "el los las y del por con para una es está están son fue como más pero sus al lo este esta estos sobre entre también muy ya hay sin desde cuando donde hasta porque era han ha ser se su la que un en de le",
};

const WORD_LANGUAGES: ReadonlyMap<string, string> = (() => {
  const seen = new Map<string, string[]>();
  for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
    for (const w of words.split(" ")) seen.set(w, [...(seen.get(w) ?? []), language]);
  }
  return new Map([...seen].filter(([, languages]) => new Set(languages).size === 1).map(([w, [language]]) => [w, language!]));
})();


/**
 * The function words as a trie over character codes, walked while a text is scanned: no word
 * is cut out of the text and looked up. Node 0 is the root; `children[node * width + letter]`
 * is a child or -1; `letterOf` numbers the letters the words use from 1 (0: in no word). Every
 * function word is in lower-case Latin-1 / Latin Extended-A/B, below U+0250.
 */
const FUNCTION_WORD_TRIE = (() => {
  const letters = [...new Set([...WORD_LANGUAGES.keys()].join(""))];
  const letterOf = new Uint8Array(0x250);
  letters.forEach((ch, i) => (letterOf[ch.charCodeAt(0)] = i + 1));
  const width = letters.length + 1;
  const children: number[] = Array(width).fill(-1);
  const languages: (string | undefined)[] = [undefined];
  for (const [word, language] of WORD_LANGUAGES) {
    let node = 0;
    for (const ch of word) {
      const slot = node * width + letterOf[ch.charCodeAt(0)]!;
      if (children[slot] === -1) {
        children[slot] = languages.length;
        languages.push(undefined);
        children.push(...Array<number>(width).fill(-1));
      }
      node = children[slot]!;
    }
    languages[node] = language;
  }
  return { letterOf, width, children: Int32Array.from(children), languages };
})();

const ONE_LETTER = /\p{L}/u;
const ONE_LATIN = /\p{Script=Latin}/u;
const ONE_CYRILLIC = /\p{Script=Cyrillic}/u;
const ONE_HAN = /\p{Script=Han}/u;
const ONE_KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

export interface ScriptCounts {
  letters: number;
  latin: number;
  cyrillic: number;
  han: number;
  kana: number;
}

/** Letters by script in one pass; ASCII, most of any text, takes no regular expression. */
export function scriptCounts(text: string): ScriptCounts {
  const counts: ScriptCounts = { letters: 0, latin: 0, cyrillic: 0, han: 0, kana: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        counts.letters++;
        counts.latin++;
      }
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch.length === 2) i++;
    if (!ONE_LETTER.test(ch)) continue;
    counts.letters++;
    if (ONE_LATIN.test(ch)) counts.latin++;
    else if (ONE_CYRILLIC.test(ch)) counts.cyrillic++;
    else if (ONE_HAN.test(ch)) counts.han++;
    else if (ONE_KANA.test(ch)) counts.kana++;
  }
  return counts;
}

/**
 * The language of `text`, or undefined when it has fewer than MIN_LETTERS letters, is in a
 * script none of the languages uses, or the evidence is too weak (confidence below 0.5).
 */
export function detectLanguage(text: string): DetectedLanguage | undefined {
  const result = detectWithConfidence(text);
  return result && result.confidence >= UNSURE ? result : undefined;
}

/**
 * Like detectLanguage, but also answers when unsure (with its low confidence). With `other`, the
 * caller only cares whether the text is in a language other than `other` with at least
 * `floor` confidence: when the function words already rule that out, it answers undefined
 * without running franc (most segments of a document are in its language). `counts`, when the
 * caller has them already, are scriptCounts(text).
 */
export function detectWithConfidence(text: string, other?: { language: string; floor: number }, counts?: ScriptCounts): DetectedLanguage | undefined {
  const sample = text.length > MAX_SAMPLE ? text.slice(0, MAX_SAMPLE) : text;
  const { letters, han, kana, cyrillic, latin } = counts && sample === text ? counts : scriptCounts(sample);
  // A Chinese or Japanese character carries about a word's worth: they count double.
  if (letters + han + kana < MIN_LETTERS) return undefined;
  const cjk = han + kana;
  const top = Math.max(cyrillic, cjk, latin);
  // Mostly another script (Greek, Arabic, Hangul…): none of the languages detection knows.
  if (top < letters / 2) return undefined;
  const share = top / letters;
  if (top === cyrillic) return { language: "ru", confidence: round(share) };
  if (top === cjk) {
    // Japanese writes its particles and endings in kana; Chinese has none.
    const kanaShare = kana / cjk;
    if (kanaShare >= 0.1) return { language: "ja", confidence: round(share) };
    if (kana === 0) return { language: "zh", confidence: round(share) };
    return { language: kanaShare >= 0.03 ? "ja" : "zh", confidence: round(share * 0.6) };
  }
  return detectLatin(sample, share, other);
}

function detectLatin(sample: string, share: number, other?: { language: string; floor: number }): DetectedLanguage | undefined {
  const lower = sample.toLowerCase();
  const hits: Record<string, number> = { en: 0, de: 0, fr: 0, es: 0 };
  const total = countFunctionWords(lower, hits);
  const wordPart = (language: string) => (hits[language]! + 0.5) / (total + 1);
  if (other && Math.max(...LATIN.filter((l) => l !== other.language).map(wordPart)) * share + 0.005 < other.floor) return undefined;
  // Dozens of function words nearly all of one language settle it without franc (most documents).
  const top = LATIN.reduce((a, b) => (hits[b]! > hits[a]! ? b : a));
  if (total >= DECISIVE_WORDS && wordPart(top) >= 0.9) return { language: top, confidence: round(wordPart(top) * share) };
  // franc on letters only (its own cleaning keeps typographic quotes and dashes in the trigrams).
  const letters = lower.split(/[^\p{L}\p{M}]+/u).filter((w) => w).join(" ");
  const scores = new Map<string, number>();
  const pieces = Math.min(FRANC_PIECES, Math.ceil(letters.length / FRANC_PIECE));
  for (let i = 0; i < pieces; i++) {
    const at = Math.floor((i * letters.length) / pieces);
    for (const [code, score] of francAll(letters.slice(at, at + FRANC_PIECE), { only: LATIN_ONLY, minLength: 1 })) {
      scores.set(code, (scores.get(code) ?? 0) + score / pieces);
    }
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const language = FRANC_TO_ISO.get(ranked[0]?.[0] ?? "");
  if (!language) return undefined;
  const margin = ranked[0]![1] - (ranked[1]?.[1] ?? 0);
  const trigramPart = Math.min(1, margin / FULL_MARGIN);
  // wordPart: smoothed share of the function words that belong to the answer, 0.5 with none at all.
  return { language, confidence: round(Math.sqrt(trigramPart) * wordPart(language) * share) };
}

/**
 * Adds to `hits` the function words of each language among the runs of lower-case Latin letters
 * (Latin-1 and Latin Extended-A/B, where every function word is) and answers how many there were.
 */
function countFunctionWords(lower: string, hits: Record<string, number>): number {
  const { letterOf, width, children, languages } = FUNCTION_WORD_TRIE;
  let total = 0;
  let node = 0; // where the run of letters so far leads in the trie; -1: to no word
  for (let i = 0; i <= lower.length; i++) {
    const c = lower.charCodeAt(i); // NaN past the end, which ends the last run
    if ((c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) {
      if (node >= 0) node = letterOf[c] ? children[node * width + letterOf[c]!]! : -1;
      continue;
    }
    const language = node > 0 ? languages[node] : undefined;
    if (language) {
      hits[language]!++;
      total++;
    }
    node = 0;
  }
  return total;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Most of its words (three at least) are English ones, and clearly fewer are words of `language`
 * (by the spelling dictionaries, read on first use): interface strings are too short for detection
 * by letters (“Quit now? Your changes: none”).
 */
export function readsAsEnglish(text: string, language: string): boolean {
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  if (words.length < 3) return false;
  const share = (d: HunspellDictionary) => words.filter((w) => d.isKnown(w)).length / words.length;
  const english = share(dictionaryFor("en"));
  return english >= 0.8 && (!hasDictionary(language) || share(dictionaryFor(language)) <= english - 0.3);
}
