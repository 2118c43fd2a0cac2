/** Word tokens: the hand-written scan equals the regular expression that defines a word. */
import { splitSentences, tokenize } from "../src/analysis/text.js";
// Seeded, so that failures can be reproduced.
import { prng as random } from "../training/prng.js";

/** The definition of a word token (see text.ts). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’\-.]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

const byRegex = (text: string) => [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));

describe("word tokens", () => {
  test.each([
    "Don't pay 8,000 € — Übermäßig teuer.",
    "U.S. troops, e.g. in the U.K., fired 3.5 rounds; it's 1,2,3 or a,b or 8,x or x,8 or 8, 9.",
    "well-known -leading trailing- 'quoted' ’tis rock’n’roll ... a..b a.-b",
    "naïve café (combining é) ١٢٣,٤٥٦ Ⅻ,Ⅻ ²,³ Москва-Сити ঁ",
    "𝐀𝐁𝐂 math 𝟏,𝟐 digits 😀emoji😀 lone \ud800 surrogate \udc00 here 𝟏\ud800,",
    "",
    "-.,'",
    "end with joiner. 8,",
  ])("equal to the regular expression: %s", (text) => {
    expect(tokenize(text)).toEqual(byRegex(text));
  });

  test("equal to the regular expression on random strings of letters, digits, joiners and other characters", () => {
    const alphabet = ["a", "B", "7", "é", "\u0301", "Я", "٣", "Ⅻ", "𝐀", "𝟏", "😀", "'", "’", "-", ".", ",", " ", "\n", "€", "\ud800", "\udc00"];
    const next = random(42);
    for (let k = 0; k < 2000; k++) {
      let text = "";
      for (let n = Math.floor(next() * 30); n > 0; n--) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(tokenize(text)).toEqual(byRegex(text));
    }
  });

  test("a text with a character of a script without spaces is segmented by sentence", () => {
    const text = "Price 8,000 yuan. 我们站在地球上。ภาษาไทย";
    const tokens = tokenize(text, "zh");
    expect(tokens.map((t) => t.text)).toContain("8,000");
    expect(tokens.length).toBeGreaterThan(byRegex(text).length);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(splitSentences(text).length).toBeGreaterThanOrEqual(2);
  });
});

describe("sentences", () => {
  const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

  test.each([
    ["Really?\u00a0she asked. Yes.", ["Really?\u00a0she asked.", "Yes."]],
    ["Он пришёл? да, пришёл. Хорошо.", ["Он пришёл? да, пришёл.", "Хорошо."]],
    ["Это г. Москва. Там ул. Тверская.", ["Это г. Москва.", "Там ул. Тверская."]],
    ["Ein Café. Über uns. Dr. Ärger kam.", ["Ein Café.", "Über uns.", "Dr. Ärger kam."]],
    ["He left.\t\n Then she left.", ["He left.", "Then she left."]],
    ["Go to the U.S. Then stop. 我们来了。他们走了。", ["Go to the U.S. Then stop.", "我们来了。", "他们走了。"]],
  ])("non-ASCII letters and spaces around the stop: %s", (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });
});
