/** Fixes never lose data: each test reproduces a way a fix (or writing it) once corrupted a file. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LocatedRule } from "../src/config/rules.js";
import type { Fix, Span } from "../src/core/types.js";
import { checkText } from "../src/engine/check.js";
import { applyFixes, makeFix } from "../src/engine/fixes.js";
import { DEFAULT_SCORING } from "../src/engine/score.js";
import { csvFormat } from "../src/formats/csv.js";
import { decode, encode } from "../src/formats/encoding.js";
import type { Format } from "../src/formats/format.js";
import { jsonlFormat } from "../src/formats/jsonl.js";
import { markdownFormat } from "../src/formats/markdown.js";
import { poFormat } from "../src/formats/po.js";
import { textFormat } from "../src/formats/text.js";
import { xliffFormat } from "../src/formats/xliff.js";
import { runCli, tempTree } from "./cli-helpers.js";
import { ruleSetOf } from "./helpers.js";

describe("encodings", () => {
  const le = (text: string, ...tail: number[]) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le"), Buffer.from(tail)]);

  test("UTF-16 keeps lone surrogates and an odd trailing byte through a round trip", () => {
    const bytes = le("Voici \ud800 seul, \udc00 aussi.\n", 0x41);
    const decoded = decode(bytes, "f");
    expect(decoded.text).toBe("Voici \ud800 seul, \udc00 aussi.\n");
    expect(Buffer.from(encode(decoded.text, decoded.encoding, decoded.trailingByte))).toEqual(bytes);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("A\udbff!", "utf16le").swap16(), Buffer.from([0x07])]);
    const back = decode(be, "f");
    expect(Buffer.from(encode(back.text, back.encoding, back.trailingByte))).toEqual(be);
  });

  test("--fix on UTF-16 changes only the fixed bytes, not a lone surrogate or an odd trailing byte elsewhere", async () => {
    const dir = tempTree({ "u16.txt": le("We saw 5 thousand birds.\n\nA lone \ud800 here.\n", 0x41) });
    const file = join(dir, "u16.txt");
    await runCli(["check", "--fix", file]);
    expect(readFileSync(file)).toEqual(le("We saw 5,000 birds.\n\nA lone \ud800 here.\n", 0x41));
  });

  test("a UTF-8 encoded surrogate is reported with its bytes, offset and line", async () => {
    const dir = tempTree({ "s.txt": Buffer.concat([Buffer.from("Bonjour\n"), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(" x\n")]) });
    const run = await runCli(["check", join(dir, "s.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("s.txt:2: invalid UTF-8 (bytes ed a0 80 20 at byte offset 8)");
  });

  test("overlong forms and code points past U+10FFFF are found where they are", () => {
    for (const bad of [[0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0x80]]) {
      expect(() => decode(Buffer.from([0x61, 0x0a, ...bad]), "f")).toThrow(`invalid UTF-8 (bytes ${bad.map((b) => b.toString(16)).join(" ")} at byte offset 2)`);
    }
  });
});

describe("the fix guard", () => {
  const edit = (text: string, start: number, end: number, replacement: string): Fix => makeFix(text, { start, end }, replacement, "safe");
  const apply = (text: string, fixes: Fix[], masked?: Span[]) => applyFixes(text, fixes, (f) => f, masked);

  test("an edit inside or over a masked range is refused; one at its edge is not", () => {
    const text = "Tom &amp; Jerry!";
    const masked = [{ start: 4, end: 9 }];
    expect(apply(text, [edit(text, 8, 8, "\u202f")], masked).skipped).toEqual([expect.objectContaining({ reason: "protected" })]);
    expect(apply(text, [edit(text, 3, 5, "")], masked).skipped).toEqual([expect.objectContaining({ reason: "protected" })]);
    expect(apply(text, [edit(text, 9, 9, "X")], masked).text).toBe("Tom &amp;X Jerry!");
    expect(apply(text, [edit(text, 15, 15, "\u202f")], masked).text).toBe("Tom &amp; Jerry\u202f!");
  });

  test("without masks, an edit that cuts or creates a character reference is refused", () => {
    const text = "Tom &amp; Jerry &#8217;s";
    expect(apply(text, [edit(text, 8, 8, "\u202f")]).applied).toEqual([]);
    expect(apply(text, [edit(text, 22, 22, " ")]).applied).toEqual([]);
    expect(apply("Tom &amp Jerry", [edit("Tom &amp Jerry", 8, 8, ";")]).applied).toEqual([]);
  });

  test("a quotation fix inside a long tag with spaces is refused, plain or escaped", () => {
    for (const [open, close] of [["<", ">"], ["&lt;", "&gt;"]]) {
      const text = `Cherchez ${open}a class="btn btn-primary btn-large" data-role="navigation" search="walk.all"${close}ici`;
      const at = text.indexOf('"walk.all"');
      expect(apply(text, [edit(text, at, at + 10, "«\u202fwalk.all\u202f»")]).applied).toEqual([]);
    }
  });

  test("an edit that splits a surrogate pair is refused", () => {
    const text = "Voici 😀!";
    expect(apply(text, [edit(text, 7, 7, "\u202f")]).applied).toEqual([]);
    expect(apply(text, [edit(text, 8, 8, "\u202f")]).text).toBe("Voici 😀\u202f!");
  });
});

describe("safe fixes never edit references, tags, attributes, code or CSV quoting", () => {
  const fixed = async (name: string, content: string, lang: string) => {
    const dir = tempTree({ [name]: content });
    await runCli(["check", "--fix", "--lang", lang, join(dir, name)]);
    return readFileSync(join(dir, name), "utf8");
  };
  const po = (msgstr: string) => `msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "x"\nmsgstr "${msgstr}"\n`;
  const xliff = (target: string) =>
    `<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" target-language="fr"><body>\n<trans-unit id="1"><source>x</source><target>${target}</target></trans-unit>\n</body></file></xliff>\n`;
  const tmx = (seg: string) =>
    `<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>\n<tu tuid="1"><tuv xml:lang="en"><seg>x</seg></tuv><tuv xml:lang="fr"><seg>${seg}</seg></tuv></tu>\n</body></tmx>\n`;

  test("PO: the no-break-space fix leaves &amp; and a tag's attributes alone and still fixes the prose", async () => {
    const before = po(String.raw`Tom &amp; Jerry sont là! Cherchez <a class=\"btn btn-primary\" data-role=\"nav\" search=\"walk.all\">ici</a>`);
    expect(await fixed("a.po", before, "fr")).toBe(before.replace("là!", "là\u202f!"));
  });

  test("Markdown: &amp; and &nbsp; stay whole", async () => {
    expect(await fixed("a.md", "Tom &amp; Jerry sont là&nbsp;! Et toi!\n", "fr")).toBe("Tom &amp; Jerry sont là&nbsp;! Et toi\u202f!\n");
  });

  test("XLIFF: escaped HTML written as text (&amp;amp;, &lt;a search=…&gt;) stays whole", async () => {
    const before = xliff('Tom &amp;amp; Jerry! Cherchez &lt;a search="walk.all"&gt;ici&lt;/a&gt;');
    expect(await fixed("a.xlf", before, "fr")).toBe(before.replace("Jerry!", "Jerry\u202f!"));
  });

  test("TMX: an escaped reference (&amp;lt;) stays whole", async () => {
    const before = tmx("Donc a &amp;lt; b est vrai! Voir &lt;code&gt;walk.all(\"x\")&lt;/code&gt;.");
    expect(await fixed("a.tmx", before, "fr")).toBe(before.replace("vrai!", "vrai\u202f!"));
  });

  test("CSV: a field quoted after a space keeps its quotes; real quotation marks inside a field are fixed", async () => {
    const before = 'id,source,target\n1,"Hello", "Bonjour tout le monde"\n2,x,"Sie sagte ""Hallo"" zu mir"\n';
    expect(await fixed("a.csv", before, "de")).toBe(before.replace('""Hallo""', "„Hallo“"));
  });
});

describe("writing fixes splices only the edited text", () => {
  const rule = (id: string, pattern: string, replace: string): LocatedRule => ({
    spec: { id: `t/${id}`, kind: "pattern", category: "style", severity: "minor", message: "m", language: "*", pattern, replace, examples: [{ text: "x" }] },
    file: "t", pointer: "/rules/0", builtin: true,
  });
  const fixWith = (format: Format, text: string, ...rules: LocatedRule[]) =>
    checkText(text, `t.${format.extensions[0]}`, format, { ruleSet: ruleSetOf(rules), scoring: DEFAULT_SCORING, fix: "safe" });

  test("JSONL: big integers, 1e400, duplicate keys, spacing and other escapes stay; the inserted text is JSON-escaped", async () => {
    const line = String.raw`{"id": 12345678901234567890, "n": 1e400, "target": "Il a dit \"oui\"\u0021 Bonjour!", "k":1, "k":2}`;
    const dir = tempTree({ "a.jsonl": `${line}\n{"target":"x"}\n` });
    await runCli(["check", "--fix", "--lang", "fr", join(dir, "a.jsonl")]);
    const expected = line.replace(String.raw`\"oui\"`, "«\u202foui\u202f»\u202f").replace("Bonjour!", "Bonjour\u202f!");
    expect(readFileSync(join(dir, "a.jsonl"), "utf8")).toBe(`${expected}\n{"target":"x"}\n`);
    const quoted = fixWith(jsonlFormat, String.raw`{"target": "say so, now", "x": "\u00e9"}`, rule("quote", "so,", 'so "really"\\,'));
    expect(quoted.fixedText).toBe(String.raw`{"target": "say so \"really\"\\, now", "x": "\u00e9"}`);
  });

  test("JSONL: the target is found as the record's own key, not inside another string", () => {
    const outcome = fixWith(jsonlFormat, String.raw`{"source": "\"target\": \"a\"", "meta": {"target": "a"}, "target": "a b"}`, rule("a", "a", "A"));
    expect(outcome.fixedText).toBe(String.raw`{"source": "\"target\": \"a\"", "meta": {"target": "a"}, "target": "A b"}`);
  });

  test("XML: text a fix inserts is escaped, an existing &amp; later in the target is not escaped again", () => {
    const xliff = (target: string) =>
      `<xliff version="1.2"><file source-language="en" target-language="en"><body><trans-unit id="1"><source>x</source><target>${target}</target></trans-unit></body></file></xliff>`;
    const outcome = fixWith(xliffFormat, xliff("R and D, then R&amp;D"), rule("rd", "R and D", "R&D"));
    expect(outcome.fixedText).toBe(xliff("R&amp;D, then R&amp;D"));
    // Inserting the text "&amp;" would read as a reference where there was none: refused, and the later one is never escaped again.
    const reference = fixWith(xliffFormat, xliff("R and D, then R&amp;D"), rule("rd", "R and D", "R&amp;D"));
    expect(reference.fixedText).toBeUndefined();
    expect(reference.result.fixes!.refused).toEqual([expect.objectContaining({ ruleId: "t/rd", reason: "protected" })]);
    const tags = fixWith(xliffFormat, xliff('Go <g id="1">now</g> &amp; wait'), rule("go", "^Go(?! \\()", "Go (a<b) & go"));
    expect(tags.fixedText).toBe(xliff('Go (a&lt;b) &amp; go <g id="1">now</g> &amp; wait'));
  });

  test("PO: an edit across a continued line keeps the line break; CSV: a field that needs quotes is quoted", () => {
    const po = 'msgid "x"\nmsgstr ""\n"ab "\n"cd"\n';
    expect(fixWith(poFormat, po, rule("b", "b c", "B-C")).fixedText).toBe('msgid "x"\nmsgstr ""\n"aB-C"\n"d"\n');
    const csv = "id,target\n1,plain text\n";
    expect(fixWith(csvFormat, csv, rule("comma", "plain text", "plain, text")).fixedText).toBe('id,target\n1,"plain, text"\n');
  });

  test("a fix whose file would read back differently is not written, and the problem says why", () => {
    const split = fixWith(textFormat, "One; two.\n", rule("split", "; ", ".\n\n"));
    expect(split.fixedText).toBeUndefined();
    expect(split.errors.map((e) => e.format())).toEqual(["t..txt: fixes not written: the fixed file would read back as 2 segments instead of 1; file left unchanged"]);
    const code = fixWith(markdownFormat, "Say `hi there\n", rule("tick", "there(?!`)", "there`"));
    expect(code.fixedText).toBeUndefined();
    expect(code.errors[0]!.message).toBe('fixes not written: a fix would change the markup of segment "1"; file left unchanged');
  });
});

describe("fixing converges", () => {
  test("--fix-unsafe twice changes nothing the second time", async () => {
    const text = "The IG recognized as a terrorist organization in many countries.\n\nThe IG is recognized as a terrorist organization. The council named Smith as chair.\n";
    const dir = tempTree({ "a.txt": text });
    await runCli(["check", "--fix-unsafe", join(dir, "a.txt")]);
    const once = readFileSync(join(dir, "a.txt"), "utf8");
    await runCli(["check", "--fix-unsafe", join(dir, "a.txt")]);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(once);
  });
});
