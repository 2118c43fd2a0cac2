/**
 * MT-like English for benchmarks: Brown paragraphs with the marks machine translation from Russian
 * leaves behind, made deterministically from a seed. About a third of the sentences get one edit
 * (", – " after quoted speech, "12 thousand", a doubled word, a space before a comma, guillemets,
 * a decimal comma, "5 %", "25 000", a dash typed as a hyphen, US / USA / U.S. in one text, a missing
 * article or space), and about half of the paragraphs end with a sentence in the style of
 * `corpora/en/ru-en-city-news.txt` (calques, Russian dialogue dashes, lowercase words in names).
 * It is text to time checkers on, not a gold standard: nothing here says which edits a checker
 * should find.
 */

import { prng } from "../training/prng.js";

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** One edit of a sentence; returns undefined when it does not apply to this sentence. */
type Edit = (s: string, rand: Rand) => string | undefined;

const SKIP_DOUBLING = new Set(["had", "that", "is"]);

const EDITS: Edit[] = [
  // Russian ", –" ending quoted speech or joining clauses.
  (s) => (/\w, \w/.test(s) ? s.replace(/(\w), (\w)/, "$1, – $2") : undefined),
  // "12,000" → "12 thousand".
  (s) => (/\b\d{1,3},000\b/.test(s) ? s.replace(/\b(\d{1,3}),000\b/, "$1 thousand") : undefined),
  // A doubled word.
  (s, rand) => {
    const words = [...s.matchAll(/\b[a-z]{3,}\b/g)].filter((m) => !SKIP_DOUBLING.has(m[0]));
    if (!words.length) return undefined;
    const m = pick(rand, words);
    return s.slice(0, m.index) + m[0] + " " + s.slice(m.index);
  },
  // A space before a comma or the full stop.
  (s) => (s.includes(", ") ? s.replace(/(\w), /, "$1 , ") : s.endsWith(".") ? s.slice(0, -1) + " ." : undefined),
  // Guillemets for quotation marks.
  (s) => (/"[^"]+"/.test(s) ? s.replace(/"([^"]+)"/, "«$1»") : undefined),
  // Decimal comma.
  (s) => (/\b\d+\.\d+\b/.test(s) ? s.replace(/\b(\d+)\.(\d+)\b/, "$1,$2") : undefined),
  // "5 per cent" → "5 %".
  (s) => (/\b\d+(\.\d+)? ?(per cent|percent|%)/.test(s) ? s.replace(/\b(\d+(?:\.\d+)?) ?(?:per cent|percent|%)/, "$1 %") : undefined),
  // Thousands grouped with a space, or not at all.
  (s, rand) => (/\b\d{1,3},\d{3}\b/.test(s) ? s.replace(/\b(\d{1,3}),(\d{3})\b/, rand() < 0.5 ? "$1 $2" : "$1$2") : undefined),
  // A dash typed as a hyphen.
  (s) => (s.includes("—") ? s.replace("—", "-") : undefined),
  // The same country named several ways.
  (s, rand) =>
    /\b(United States|U\.S\.)/.test(s) ? s.replace(/\b(?:the United States|United States|U\.S\.)/, pick(rand, ["the USA", "the US", "USA"])) : undefined,
  // A dropped article.
  (s) => (/ the [a-z]/.test(s) ? s.replace(/ the ([a-z])/, " $1") : undefined),
  // A missing space after a comma.
  (s) => (/\w, [a-z]/.test(s) ? s.replace(/(\w), ([a-z])/, "$1,$2") : undefined),
];

const NAMES = ["Irina Volkova", "Pavel Orlov", "Andrei Kim", "Elena Marsh", "Sergei Lebedev", "Olga Petrova"];
const ORGS = ["NRC", "the Northern Railway Company", "the city Council", "the regional Ministry of foreign Affairs", "Rostekh", "the Fund"];
const COUNTRIES = ["the USA", "the US", "the U.S.", "Russia", "China"];
const THINGS = ["passengers", "tickets", "visitors", "signs", "households", "apartments"];

const TEMPLATES: ((rand: Rand) => string)[] = [
  (r) => `In the first week the organizers expect ${int(r, 2, 90)} thousand ${pick(r, THINGS)}.`,
  (r) => `By the end of the year the company plans to sell ${int(r, 10, 40)}-${int(r, 41, 90)} thousand ${pick(r, THINGS)}.`,
  (r) => `About this stated the head of the press service of ${pick(r, ORGS)} ${pick(r, NAMES)}.`,
  (r) => `“We are ready for the season, – said the director of ${pick(r, ORGS)} ${pick(r, NAMES)}. – All works will be finished by spring.”`,
  (r) => `“The situation is under control”, – declared ${pick(r, NAMES)}.`,
  (r) => `The growth of prices made up ${int(r, 1, 9)},${int(r, 1, 9)} % in comparison with last year.`,
  (r) => `It is not excluded that ${pick(r, COUNTRIES)} will raise the question on the issues of trade in the framework of the summit.`,
  (r) => `The delegation of ${pick(r, COUNTRIES)} drew attention to the fact that ${int(r, 12, 95)} ${int(r, 100, 999)} people live on the territory of the district.`,
  (r) => `According to him, ${pick(r, COUNTRIES)} raise questions about the US led coalition.`,
  (r) => `The decision was taken at the meeting of the Ministry of foreign Affairs on ${int(r, 1, 28)}.0${int(r, 1, 9)}.${int(r, 1990, 2023)}.`,
  (r) => `Representatives of ${pick(r, ORGS)} also said that the the fair will receive an additional train.`,
  (r) => `In the museum district are located ${pick(r, ["six", "seven", "eight"])} museums and a planetarium , which were built in ${int(r, 1950, 1990)}.`,
  (r) => `The government intends to Express its gratitude to ${int(r, 3, 9)} thousand volunteers.`,
];

/** Rough sentence split of one paragraph (good enough for placing edits). */
function sentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.?!]["”']?)\s+(?=["“]?[A-Z])/);
}

/** MT-like variant of a plain-text document (paragraphs separated by blank lines). */
export function mtLike(text: string, seed: number): string {
  const rand = prng(seed);
  return text
    .split("\n\n")
    .map((paragraph) => {
      const out = sentences(paragraph).map((s) => {
        if (rand() >= 0.35) return s;
        // Try edits from a random start until one applies.
        const start = Math.floor(rand() * EDITS.length);
        for (let i = 0; i < EDITS.length; i++) {
          const edited = EDITS[(start + i) % EDITS.length]!(s, rand);
          if (edited !== undefined && edited !== s) return edited;
        }
        return s;
      });
      if (rand() < 0.5) out.push(pick(rand, TEMPLATES)(rand));
      return out.join(" ");
    })
    .join("\n\n");
}
