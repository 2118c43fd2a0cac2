/**
 * `spelling`: words that the language's Hunspell dictionary does not know (src/analysis/dictionary.ts).
 * Precision first: a dictionary misses names, terms and foreign words, so these are not checked —
 * capitalised words (unless `checkCapitalized`, for German nouns), acronyms and mixed case ("iPhone"),
 * words with digits, URLs, e-mail addresses and file names, single letters, words also in the
 * segment's source (names), parts of truncated compounds ("Ein- und Ausgang"), abbreviations the
 * dictionary knows with their full stop ("bzw."), words the document uses more than once (names,
 * terms), words next to another unknown word (a foreign phrase or a name), productive forms the
 * dictionary lacks (spec `prefixes`, `infixes`, `suffixes`; German compounds of known words), and
 * words with no dictionary word one edit away (the first letter kept), or many (see below), and in
 * translations of a source, English words (loanwords and terms left as they are).
 * The dictionary is read when the first document of its language is checked.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { dictionaryFor, type HunspellDictionary } from "../analysis/dictionary.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { configError } from "../core/errors.js";
import { overlapsAny } from "../core/spans.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";

interface SpellingSpec extends RuleSpec {
  /** Language of the dictionary (default: the rule's language). */
  dictionary?: string;
  /** Also check capitalised words; they are flagged only when a word one edit away exists. */
  checkCapitalized?: boolean;
  /** Words that are always right; a word in lower case also accepts its capitalised form. */
  words?: string[];
  /** Syllables a known word may hold inside it (German zu-infinitives of separable verbs: "innezuhaben"). */
  infixes?: string[];
  /** Productive prefixes the dictionary does not list every word with (Russian "не-"). */
  prefixes?: string[];
  /** Productive endings (Spanish enclitic pronouns: "cuájela"); the stem may lose the accent the ending put on it. */
  suffixes?: string[];
  /** Message when there are suggestions: $1 the word, $2 the suggestions (“a”, “b” or “c”). */
  suggestionMessage?: string;
}

interface Unknown {
  segment: number;
  start: number;
  end: number;
  word: string;
  /** Index of the token it belongs to, to find runs of unknown tokens. */
  token: number;
}

const MAX_SUGGESTIONS = 3;
/**
 * Longer words are not checked: running text has hardly any word this long, and the cost of
 * suggestions grows with the cube of a word's length (each candidate one edit away may be split as a compound).
 */
const MAX_WORD_LENGTH = 40;
/** Longer tokens are not looked at: a few such words joined by hyphens at most. */
const MAX_TOKEN_LENGTH = 3 * MAX_WORD_LENGTH;
const WORD_CHARS = /^[\p{L}\p{M}'’-]+$/u;
/** Stress marks (Russian) and soft hyphens are not part of the spelling. */
const IGNORED_MARKS = /[\u0301\u00ad]/g;
/** The token touches a URL, an e-mail address, a path, a handle or an identifier. */
const CODE_LIKE_NEIGHBOUR = /[@/\\_#=~<>|*+&%$]/u;

export const spellingKind: RuleKind = {
  name: "spelling",
  fixes: () => "unsafe",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as SpellingSpec;
    const optionWords = env.options.words;
    if (optionWords !== undefined && (!Array.isArray(optionWords) || optionWords.some((w) => typeof w !== "string"))) {
      throw configError("options.words must be a list of words", { file: env.file, pointer: env.pointer });
    }
    const accepted = acceptedWords([...(spec.words ?? []), ...((optionWords as string[] | undefined) ?? []), ...(env.words ?? [])]);
    const language = spec.dictionary ?? spec.language ?? "";
    return {
      spec,
      checkDocument(_document, analyses, report) {
        const unknown = unknownWords(analyses, () => dictionaryFor(language), accepted, spec.checkCapitalized === true);
        if (!unknown.length) return;
        const dictionary = dictionaryFor(language);
        const uses = new Map<string, number>();
        for (const u of unknown) uses.set(u.word.toLowerCase(), (uses.get(u.word.toLowerCase()) ?? 0) + 1);
        const tokensBySegment = new Map<number, Set<number>>();
        for (const u of unknown) (tokensBySegment.get(u.segment) ?? tokensBySegment.set(u.segment, new Set()).get(u.segment)!).add(u.token);
        for (const u of unknown) {
          if (uses.get(u.word.toLowerCase())! > 1) continue;
          const neighbours = tokensBySegment.get(u.segment)!;
          if (neighbours.has(u.token - 1) || neighbours.has(u.token + 1)) continue;
          const word = normalize(u.word);
          if (dictionary.isLooseCompound(word) || withoutMorphemes(word, spec).some((w) => dictionary.isKnown(w))) continue;
          // An English word in a translation from an English source is a loanword or a term left as is, not a slip.
          if (language !== "en" && analyses[u.segment]!.segment.source !== undefined && dictionaryFor("en").isKnown(word)) continue;
          // A real slip is one edit from the word it misspells. An unknown word one edit from many
          // words is more often a rare regular form; a capitalised one (a German noun) often a name.
          const most = /^\p{Lu}/u.test(word) ? 1 : 2;
          const near = knownAmong(oneEdit(word, dictionary.alphabet), dictionary, most + 1);
          if (near.length === 0 || near.length > most) continue;
          const text = analyses[u.segment]!.text;
          // Slips rarely hit the first letter: a word one such edit away ("Premium" → "Gremium") is no likelier than the
          // word itself (a name, a term), so it is neither offered nor taken as evidence of a slip.
          const likely = (w: string) => w[0]!.toLowerCase() === word[0]!.toLowerCase();
          const nearLikely = near.filter(likely);
          if (!nearLikely.length) continue;
          const far = knownAmong(twoCheapEdits(word), dictionary, MAX_SUGGESTIONS - near.length, [word, ...near]);
          const offered = [...nearLikely, ...far.filter(likely)].slice(0, MAX_SUGGESTIONS);
          const message = expandMessage(spec.suggestionMessage ?? spec.message, [u.word, u.word, listed(offered)]);
          report(u.segment, {
            start: u.start,
            end: u.end,
            message,
            // Several candidates are only named: picking one would be a guess.
            ...(nearLikely.length === 1 && near.length === 1 && { fix: makeFix(text, u, nearLikely[0]!, "unsafe") }),
          });
        }
      },
    };
  },
};

/** The word without one of the spec's productive prefixes, infixes or suffixes. */
function withoutMorphemes(word: string, spec: SpellingSpec): string[] {
  const out: string[] = [];
  for (const prefix of spec.prefixes ?? []) if (word.startsWith(prefix) && word.length > prefix.length + 2) out.push(word.slice(prefix.length));
  for (const infix of spec.infixes ?? []) {
    for (let at = word.indexOf(infix, 1); at > 0 && at + infix.length < word.length; at = word.indexOf(infix, at + 1)) {
      out.push(word.slice(0, at) + word.slice(at + infix.length));
    }
  }
  for (const suffix of spec.suffixes ?? []) {
    if (!word.endsWith(suffix) || word.length <= suffix.length + 2) continue;
    const stem = word.slice(0, -suffix.length);
    out.push(stem, stem.normalize("NFD").replace(/\u0301/g, "").normalize("NFC"));
  }
  return out;
}

/** “a”, “b” or “c”. */
function listed(words: string[]): string {
  const quoted = words.map((w) => `“${w}”`);
  return quoted.length < 2 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

const normalize = (word: string) => word.replace(IGNORED_MARKS, "").replace(/’/g, "'");

/** Accepted words: exact forms, and lower-case entries in any capitalisation. */
function acceptedWords(words: string[]): (word: string) => boolean {
  const exact = new Set(words.map(normalize));
  const lower = new Set(words.filter((w) => w === w.toLowerCase()).map(normalize));
  return (word) => exact.has(word) || lower.has(word.toLowerCase());
}

/** Words of the document that are checked and not known, in order. */
function unknownWords(analyses: SegmentAnalysis[], dictionary: () => HunspellDictionary, accepted: (w: string) => boolean, checkCapitalized: boolean): Unknown[] {
  const found: Unknown[] = [];
  analyses.forEach((analysis, segment) => {
    const { text } = analysis;
    const sourceLower = (analysis.segment.source ?? "").toLowerCase();
    const { tokens } = analysis;
    const candidates: number[] = [];
    tokens.forEach((token, index) => {
      if (token.text.length > MAX_TOKEN_LENGTH || !WORD_CHARS.test(token.text) || touchesCode(text, token.start, token.end)) return;
      // "millionen- oder milliardenfach": a part of a compound whose rest is elsewhere.
      if (text[token.end] === "-" || text[token.start - 1] === "-") return;
      if (!isKnown(dictionary(), normalize(token.text), text[token.end] === ".", accepted)) candidates.push(index);
    });
    // A word copied from the source is a name or a term (or untranslated: another rule's business).
    const copied = occurrences(sourceLower, candidates.map((i) => tokens[i]!.text.toLowerCase()));
    let soundedSource: Set<string> | undefined;
    candidates.forEach((index, k) => {
      if (copied[k]) return;
      const token = tokens[index]!;
      // A loanword written in Cyrillic from a word of the source ("токена" for "token", "подкаст" for "podcast").
      if (/^\p{Script=Cyrillic}{5,}$/u.test(token.text) && transliterationOf(token.text, (soundedSource ??= soundedPrefixes(sourceLower)))) return;
      // A word cut by markup ("f&auml;llig" in CSV, "ei&amp;nfügen") is not a word on its own (the markup touching it counts).
      if (analysis.segment.masked && overlapsAny(analysis.segment.masked, { start: token.start - 1, end: token.end + 1 })) return;
      const followedByStop = text[token.end] === ".";
      // Hyphenated words are right when each part is; only the unknown parts are reported.
      let at = token.start;
      const parts = token.text.split("-");
      parts.forEach((part, k) => {
        const start = at;
        at += part.length + 1;
        const word = normalize(part);
        if (word.length > MAX_WORD_LENGTH || !isChecked(word, checkCapitalized)) return;
        if (isKnown(dictionary(), word, followedByStop && at > token.end, accepted)) return;
        // "Rechnungs-E-Mail": a first part with its linking "s" ("Fugen-s").
        if (k < parts.length - 1 && /s$/u.test(word) && isKnown(dictionary(), word.slice(0, -1), false, accepted)) return;
        found.push({ segment, start, end: start + part.length, word: part, token: index });
      });
    });
  });
  return found;
}

const LATIN_OF_CYRILLIC: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p",
  р: "r", с: "s", т: "t", у: "u", ф: "f", х: "h", ц: "ts", ч: "ch", ш: "sh", щ: "sch", ъ: "", ы: "i", ь: "", э: "e", ю: "yu", я: "ya",
};
/** Latin spelling reduced to how it sounds, roughly: "c" as "s" or "k", "ph" as "f", "y" as "i". */
const sounded = (latin: string) => latin.replace(/j/gu, "y").replace(/ph/gu, "f").replace(/th/gu, "t").replace(/c(?=[eiy])/gu, "s").replace(/[cq]/gu, "k").replace(/x/gu, "ks").replace(/w/gu, "v").replace(/y/gu, "i");

/** How the (lower-cased) source's words sound, up to their fifth letter: every prefix of that, for transliterationOf. */
function soundedPrefixes(source: string): Set<string> {
  const prefixes = new Set<string>();
  for (const [w] of source.matchAll(/[a-z]{5,}/gu)) {
    const start = sounded(w).slice(0, 5);
    for (let n = 0; n <= start.length; n++) prefixes.add(start.slice(0, n));
  }
  return prefixes;
}

/** Whether the Cyrillic word begins as a word of the source sounds (`prefixes`: soundedPrefixes): a transliterated loanword. */
function transliterationOf(word: string, prefixes: Set<string>): boolean {
  return prefixes.has(sounded([...word.toLowerCase()].map((c) => LATIN_OF_CYRILLIC[c] ?? c).join("")).slice(0, 5));
}

/**
 * Which of the words occur in the text (as `text.includes(word)` says). Searching for many words
 * of one length costs their number times the text's length: then the text's substrings of that
 * length are put in a set once (it costs the text's length times the words' length).
 */
function occurrences(text: string, words: string[]): boolean[] {
  const byLength = new Map<number, number[]>();
  words.forEach((w, i) => (byLength.get(w.length) ?? byLength.set(w.length, []).get(w.length)!).push(i));
  const found = words.map(() => false);
  for (const [length, indexes] of byLength) {
    if (indexes.length <= length) {
      for (const i of indexes) found[i] = text.includes(words[i]!);
      continue;
    }
    const windows = new Set<string>();
    for (let i = 0; i + length <= text.length; i++) windows.add(text.slice(i, i + length));
    for (const i of indexes) found[i] = windows.has(words[i]!);
  }
  return found;
}

function isChecked(word: string, checkCapitalized: boolean): boolean {
  const letters = word.replace(/['-]/g, "");
  if ([...letters].length < 2) return false;
  if (/\p{Lu}/u.test(letters.slice(1))) return false; // acronyms, mixed case
  return checkCapitalized || !/^\p{Lu}/u.test(letters);
}

function isKnown(dictionary: HunspellDictionary, word: string, followedByStop: boolean, accepted: (w: string) => boolean): boolean {
  if (accepted(word) || dictionary.isKnown(word)) return true;
  if (followedByStop && dictionary.isKnown(`${word}.`)) return true; // abbreviations: "bzw.", "Dr."
  if (followedByStop && abbreviatedCompound(dictionary, word)) return true;
  if (!word.includes("'")) return false;
  // Elisions and clitics ("l'homme", "jusqu'ici", "John's"): each part is a word, or one with its "e" elided.
  return word.split("'").every((part) => part.length <= 2 || accepted(part) || dictionary.isKnown(part) || dictionary.isKnown(`${part}e`));
}

/** A compound whose last part is an abbreviation ("Vorgangsnr." for Vorgangsnummer, "Kundennr."): a known word, then a known abbreviation. */
function abbreviatedCompound(dictionary: HunspellDictionary, word: string): boolean {
  for (let cut = word.length - 2; cut >= Math.max(4, word.length - 4); cut--) {
    const [head, tail] = [word.slice(0, cut), word.slice(cut)];
    if (!/^\p{Ll}+$/u.test(tail) || !dictionary.isKnown(`${tail[0]!.toUpperCase()}${tail.slice(1)}.`)) continue;
    if (dictionary.isKnown(head)) return true;
  }
  return false;
}

export function touchesCode(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 1), start);
  const after = text.slice(end, end + 2);
  if (CODE_LIKE_NEIGHBOUR.test(before) || CODE_LIKE_NEIGHBOUR.test(after[0] ?? "")) return true;
  // "example.com", "file.txt": a dot with a letter right after it.
  return /^\.\p{L}/u.test(after) || (before === "." && /\p{L}/u.test(text[start - 2] ?? ""));
}

/** The first `count` distinct candidates the dictionary knows, in order, `excluded` left out. */
function knownAmong(candidates: Iterable<string>, dictionary: HunspellDictionary, count: number, excluded: string[] = []): string[] {
  const seen = new Set(excluded);
  const known: string[] = [];
  for (const w of candidates) {
    if (known.length >= count) break;
    if (seen.has(w)) continue;
    seen.add(w);
    if (dictionary.isKnown(w)) known.push(w);
  }
  return known;
}

/** Swaps and deletions: the edits with few candidates. */
function* cheapEdits(word: string): Generator<string> {
  const chars = Array.from(word);
  for (let i = 0; i + 1 < chars.length; i++) yield swap(chars, i).join("");
  // Deleting a capital would change the word's case; its other letters may go.
  for (let i = /^\p{Lu}/u.test(word) ? 1 : 0; i < chars.length; i++) if (chars.length > 2) yield [...chars.slice(0, i), ...chars.slice(i + 1)].join("");
}

/** Two deletions or swaps away: suggestions when fewer than MAX_SUGGESTIONS words are one edit away. */
function* twoCheapEdits(word: string): Generator<string> {
  for (const once of cheapEdits(word)) yield* cheapEdits(once);
}

/** One edit away: a letter deleted, inserted or replaced, two swapped, or the first letter's case changed. */
function* oneEdit(word: string, alphabet: string[]): Generator<string> {
  const chars = Array.from(word);
  yield* cheapEdits(word);
  const capitalized = /^\p{Lu}/u.test(word);
  const letterAt = (i: number, c: string) => (i === 0 && capitalized ? c.toUpperCase() : c);
  for (let i = 0; i <= chars.length; i++) {
    for (const c of alphabet) {
      if (i < chars.length && chars[i]!.toLowerCase() !== c) yield [...chars.slice(0, i), letterAt(i, c), ...chars.slice(i + 1)].join("");
      yield [...chars.slice(0, i), letterAt(i, c), ...chars.slice(i)].join("");
    }
  }
  // A lower-case noun (German); a capitalised word is already tried in lower case by the dictionary.
  if (!capitalized) yield word.charAt(0).toUpperCase() + word.slice(1);
}

function swap(chars: string[], i: number): string[] {
  const copy = [...chars];
  [copy[i], copy[i + 1]] = [copy[i + 1]!, copy[i]!];
  return copy;
}
