/**
 * The linear-time helpers that replaced backtracking patterns and rescans (see
 * test/bounded-time.test.ts) give what those gave: each is compared with the pattern or scan it
 * stands for, on random strings of the characters that matter to it.
 */
import { tokenize, trailingRunStart } from "../src/analysis/text.js";
import { insideAny, overlapsAny } from "../src/core/spans.js";
import type { Span } from "../src/core/types.js";
import { jsonlFormat } from "../src/formats/jsonl.js";
import { closedSpans } from "../src/rules/support/bilingual.js";
import { withoutQuoted } from "../src/rules/language-mismatch.js";
// Seeded, so that failures can be reproduced.
import { prng as random } from "../training/prng.js";

/** `count` random strings of up to `length` pieces. */
function strings(pieces: string[], count: number, length: number, seed = 1): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * length) }, () => pieces[Math.floor(next() * pieces.length)]).join(""));
}

test("trailingRunStart is where /[…]+$/ matches", () => {
  const closer = /[\s"”)𝐀]/u;
  for (const text of strings(["a", " ", '"', "”", ")", "𝐀", "\ud835", "\n", "b"], 3000, 12)) {
    const m = /[\s"”)𝐀]+$/u.exec(text);
    expect(trailingRunStart(text, closer)).toBe(m ? m.index : text.length);
  }
});

test("closedSpans finds what /opener[\\s\\S]*?closer/g finds", () => {
  for (const text of strings(["<ph>", "</ph>", "<it x='1'>", "</it>", "<ph", ">", "<", "a", "</ph", "<![CDATA[", "]]>", "]"], 3000, 10)) {
    const codes = [...text.matchAll(/<(ph|bpt|ept|it|ut)\b([^<>]*)>[\s\S]*?<\/\1>/gu)].map((m) => [m.index, m.index + m[0].length]);
    expect(closedSpans(text, /<(ph|bpt|ept|it|ut)\b([^<>]*)>/gu, (open) => `</${open[1]}>`).map((s) => [s.start, s.end])).toEqual(codes);
    const cdata = [...text.matchAll(/<!\[CDATA\[[\s\S]*?\]\]>/gu)].map((m) => [m.index, m.index + m[0].length]);
    expect(closedSpans(text, /<!\[CDATA\[/gu, () => "]]>").map((s) => [s.start, s.end])).toEqual(cdata);
  }
});

test("withoutQuoted blanks what the quoted-passage pattern matched", () => {
  const quoted = /“[^”\n]*”|«[^»\n]*»|„[^“”\n]*[“”]|"[^"\n]*"/gu;
  for (const text of strings(["a", " ", "“", "”", "«", "»", "„", '"', "\n"], 5000, 16)) {
    expect(withoutQuoted(text)).toBe(text.replace(quoted, (q) => " ".repeat(q.length)));
  }
});

test("span lookups by binary search agree with checking every span", () => {
  const next = random(7);
  for (let trial = 0; trial < 2000; trial++) {
    // Sorted, not overlapping, some empty, as readers mask a segment.
    const spans: Span[] = [];
    for (let at = 0; at < 60; ) {
      const start = at + Math.floor(next() * 6);
      const end = start + Math.floor(next() * 5);
      spans.push({ start, end });
      at = end + (end === start ? 1 : 0);
    }
    const start = Math.floor(next() * 70);
    const span = { start, end: start + Math.floor(next() * 8) };
    expect(overlapsAny(spans, span)).toBe(spans.some((m) => m.start < span.end && span.start < m.end));
    expect(insideAny(spans, span)).toBe(spans.some((m) => m.start <= span.start && span.end <= m.end));
  }
});

test("JSONL columns count the target's escaped text at every character boundary of a long line", () => {
  const insidePair = (text: string, offset: number) => (text.charCodeAt(offset - 1) & 0xfc00) === 0xd800 && (text.charCodeAt(offset) & 0xfc00) === 0xdc00;
  for (const target of strings(["a", '"', "\\", "\n", "\u0001", "😀", "\ud800", "\udc00", "é", "\t", "\u2028"], 20, 700)) {
    const parsed = jsonlFormat.parse(JSON.stringify({ id: "1", target }), "f.jsonl");
    const column = parsed.document.segments[0]!.origin.column;
    for (let offset = 0; offset <= target.length; offset++) {
      if (insidePair(target, offset)) continue;
      expect(parsed.position(0, offset).column).toBe(column + JSON.stringify(target.slice(0, offset)).length - 2);
    }
  }
});

test("a sentence too long for one Intl.Segmenter call is segmented in pieces without cutting words", () => {
  const sentence = "中华人民共和国国务院新闻办公室发表白皮书东京都の文章とカタカナ".repeat(80);
  const whole = [...new Intl.Segmenter("zh", { granularity: "word" }).segment(sentence)].filter((w) => w.isWordLike).map((w) => w.segment);
  expect(tokenize(sentence, "zh").map((t) => t.text)).toEqual(whole);
});
