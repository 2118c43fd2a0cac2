/** Readers: segments, masks, positions, and byte-identical round trips. */
import { jsonlFormat } from "../src/formats/jsonl.js";
import { markdownFormat } from "../src/formats/markdown.js";
import { textFormat } from "../src/formats/text.js";
import { decode, encode } from "../src/formats/encoding.js";

const unmasked = (target: string, masked: { start: number; end: number }[] = []) => {
  let out = target;
  for (const m of [...masked].reverse()) out = out.slice(0, m.start) + "_".repeat(m.end - m.start) + out.slice(m.end);
  return out;
};

describe("plain text", () => {
  test("paragraphs are segments with their file positions, CRLF included", () => {
    const text = "First para\r\nline two.\r\n\r\n  Second para.\r\n";
    const parsed = textFormat.parse(text, "t.txt");
    expect(parsed.document.segments.map((s) => s.target)).toEqual(["First para\r\nline two.", "Second para."]);
    expect(parsed.position(1, 0)).toEqual({ line: 4, column: 3 });
    expect(parsed.position(0, 12)).toEqual({ line: 2, column: 1 });
  });
  test("writing with no changes gives the same text; with a change only that segment moves", () => {
    const text = "A b c.\n\n\nD e f.  \n";
    const parsed = textFormat.parse(text, "t.txt");
    expect(parsed.write(new Map())).toBe(text);
    expect(parsed.write(new Map([["2", "X."]]))).toBe("A b c.\n\n\nX.  \n");
  });
});

describe("markdown", () => {
  const md = [
    "---", "title: the the", "---", "# Heading with `code` #", "", "Text with [a link](https://x.org/the-the) and <span>tag</span>.",
    "", "```js", "const the the = 1;", "```", "", "- item one", "- item two", "  continued", "", "    indented code", "", "> quoted text", "",
    "[ref]: https://example.org", "<div>html block</div>",
  ].join("\n");
  const parsed = markdownFormat.parse(md, "t.md");
  const segments = parsed.document.segments;

  test("front matter, code blocks, HTML blocks and link definitions are skipped; list items are separate", () => {
    expect(segments.map((s) => unmasked(s.target, s.masked))).toEqual([
      "__Heading with ________",
      "Text with [a link________________________ and ______tag_______.",
      "__item one",
      "__item two\n__continued",
      "__quoted text",
    ]);
  });
  test("positions point into the file", () => {
    expect(parsed.position(1, 0)).toEqual({ line: 6, column: 1 });
    expect(parsed.write(new Map())).toBe(md);
  });
});

describe("jsonl", () => {
  const lines = ['{"id":"a","source":"Привет","target":"Hi \\"there\\" 5 thousand","tgtLang":"en","srcLang":"ru"}', '{ "target": "Plain" }', "", "[1]", '{"id":"a","target":"dup"}'];
  const text = lines.join("\r\n");
  const parsed = jsonlFormat.parse(text, "s.jsonl");
  test("records become segments; a record without a string target is reported", () => {
    expect(parsed.document.segments.map((s) => [s.id, s.target, s.source, s.srcLang, s.tgtLang])).toEqual([
      ["a", 'Hi "there" 5 thousand', "Привет", "ru", "en"],
      ["line-2", "Plain", undefined, undefined, undefined],
      ["a@line-5", "dup", undefined, undefined, undefined],
    ]);
    expect(parsed.errors.map((e) => e.format())).toEqual(['s.jsonl:4:1: line skipped: expected an object with a string "target"']);
  });
  test("bad lines are reported once per kind of problem, with their count and the first; the other lines are read", () => {
    const bad = ['{"target":"Eins"}', "{bad", '{"target": 3}', "[1]", '{"target":"Zwei"}', "{worse", '{"target":"Drei"}'].join("\n");
    const read = jsonlFormat.parse(bad, "b.jsonl");
    expect(read.errors.map((e) => e.format())).toEqual([
      "b.jsonl:2:2: 2 lines skipped: not valid JSON (Expected property name or '}') (the first here)",
      'b.jsonl:3:1: 2 lines skipped: expected an object with a string "target" (the first here)',
    ]);
    expect(read.document.segments.map((s) => s.target)).toEqual(["Eins", "Zwei", "Drei"]);
  });
  test("columns count the escaped JSON text", () => {
    const at = 'Hi "there" '.length;
    const column = parsed.position(0, at).column;
    expect(lines[0]!.slice(column - 1, column - 1 + "5 thousand".length)).toBe("5 thousand");
  });
  test("round trip is byte-identical without changes, and only the changed target's bytes change", () => {
    expect(parsed.write(new Map())).toBe(text);
    const out = parsed.write(new Map([["line-2", "Plain!"]])).split("\r\n");
    expect(out).toEqual([lines[0], '{ "target": "Plain!" }', "", "[1]", lines[4]]);
  });
});

test("encodings round trip", () => {
  for (const encoding of ["utf8", "utf8-bom", "utf16le", "utf16be"] as const) {
    const bytes = encode("Grüße — “ok”\n", encoding);
    expect(decode(bytes, "f")).toEqual({ text: "Grüße — “ok”\n", encoding });
  }
});

describe("suppression comments in Markdown", () => {
  const md = [
    "Some 1 thousand a.", "",
    "<!-- mtlint-disable-next-line en/numbers/thousand-in-words -->", "Some 2 thousand b, – c.", "",
    "Some 3 thousand d.", "",
    "<!-- mtlint-disable en/punctuation/* -->", "Some 4 thousand e, – f.", "", "Some 5 thousand g, – h.", "",
    "<!-- mtlint-enable -->", "Some 6 thousand i, – j.", "",
    "<!-- mtlint-disable -->", "Some 7 thousand k, – l.",
  ].join("\n");
  test("disable-next-line, disable with a prefix, enable, and disable of everything", async () => {
    const { check } = await import("../src/index.js");
    const { findings } = await check(md, { format: "markdown" });
    expect(findings.map((f) => f.text.trim())).toEqual(["1 thousand", ", –", "3 thousand", "4 thousand", "5 thousand", "6 thousand", ", –"]);
  });
});
