/**
 * Fuzzing the readers and --fix (fast-check): for each format, generated documents (targets made
 * of words, markup, references, quotes, escapes and odd characters that the typography rules fix or
 * must not touch) and mutations of them (text inserted, deleted or duplicated anywhere). Each input
 * must hold:
 *   - parsing throws nothing but an input error (MtlintError);
 *   - an unchanged document is written back byte for byte;
 *   - --fix (safe or unsafe, in one of five languages) changes bytes only inside targets, keeps every
 *     target's markup and the number of segments, and fixing the result again changes nothing.
 * Used by test/fuzz.test.ts (few runs, fixed seeds) and by `npm run bench:fuzz` (many runs, counted).
 */
import fc from "fast-check";
import { MtlintError } from "#src/core/errors.js";
import type { Segment } from "#src/core/types.js";
import type { RuleSet } from "#src/engine/lint.js";
import { checkText } from "#src/engine/check.js";
import { DEFAULT_SCORING } from "#src/engine/score.js";
import { csvFormat, tsvFormat } from "#src/formats/csv.js";
import { decode, encode, type Encoding } from "#src/formats/encoding.js";
import type { Format, ParsedFile } from "#src/formats/format.js";
import { jsonlFormat } from "#src/formats/jsonl.js";
import { markdownFormat } from "#src/formats/markdown.js";
import { poFormat } from "#src/formats/po.js";
import { textFormat } from "#src/formats/text.js";
import { tmxFormat } from "#src/formats/tmx.js";
import { xliffFormat } from "#src/formats/xliff.js";

/** Pieces of targets: prose the rules fix, markup and references they must leave alone, and characters that need escaping. */
const WORDS = ["Bonjour", "Il a dit", "sont là", "Tom", "Jerry", "The IG", "recognized as", "8 thousand", "12,000", "2,5", "der", "und", "Straße", "Привет", "日本語", "😀", "x", "R and D", "the the", "e.g.", "Dr.", "ISIS"];
const MARKUP = ["&amp;", "&amp;amp;", "&#8217;", "&#x2019;", "&nbsp;", "&lt;b&gt;", "&amp;lt;", "<b>", "</b>", '<a class="btn btn-primary" search="walk.all">', "</a>", "<code>a.b(\"x\")</code>", "`code`", "https://example.org/a?b=c:d", "{name}", "%s", "%1$d", "<!-- c -->", "[link](http://x.org)"];
const PUNCTUATION = ["!", "?", ":", ";", " !", " ?", '"', '"quoted"', "“curly”", "„low“", "«", "»", "\u00a0", "\u202f", ", –", " - ", "...", "…", "'", "’", "(", ")"];
const AWKWARD = ["\\", "\\n", "\t", "\r", "\n", "\u2028", "\ud800", "\udc00", ",", "|", "#", "*", "_", "[", "](", ">", "<", "&", "]]>", "\u0007", " ", "  "];

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 1, arbitrary: fc.constantFrom(...AWKWARD) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: "grapheme" }) },
);
const separator = fc.constantFrom(" ", "", " ", " ");
/** A target: fragments joined by spaces (mostly). */
const prose = fc.array(fc.tuple(fragment, separator), { minLength: 1, maxLength: 12 }).map((parts) => parts.map(([f, s]) => f + s).join("").trim() || "x");

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Lone surrogates and control characters are not XML characters: a reader may reject them, but a generated file should be valid. */
const xmlSafe = (s: string) => s.replace(/[\ud800-\udfff\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "?");

/** XML content: text (escaped) with inline codes and the odd comment or CDATA around it. */
function xmlContent(inline: "xliff1" | "xliff2" | "tmx"): fc.Arbitrary<string> {
  const codes = {
    xliff1: ['<x id="1"/>', '<ph id="2">&lt;br/&gt;</ph>', '<bpt id="3">&lt;b&gt;</bpt>', '<ept id="3">&lt;/b&gt;</ept>'],
    xliff2: ['<ph id="1"/>', '<sc id="2"/>', '<ec startRef="2"/>'],
    tmx: ['<ph x="1">&lt;br/&gt;</ph>', '<bpt i="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>', '<ut>{x}</ut>'],
  }[inline];
  const wrap = { xliff1: ['<g id="9">', "</g>"], xliff2: ['<pc id="9">', "</pc>"], tmx: ["<hi>", "</hi>"] }[inline];
  const piece = fc.oneof(
    { weight: 6, arbitrary: prose.map((t) => escapeXml(xmlSafe(t))) },
    { weight: 2, arbitrary: fc.constantFrom(...codes) },
    { weight: 1, arbitrary: prose.map((t) => `${wrap[0]}${escapeXml(xmlSafe(t))}${wrap[1]}`) },
    { weight: 1, arbitrary: fc.constantFrom("<!-- note -->", "<![CDATA[a < b & c]]>", "&#8217;", "&amp;amp;") },
  );
  return fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(" "));
}

const language = fc.constantFrom("fr", "de", "en", "es", "ru");

const xliff12 = fc.tuple(language, fc.array(fc.tuple(xmlContent("xliff1"), xmlContent("xliff1"), fc.boolean()), { minLength: 1, maxLength: 5 })).map(([lang, units]) =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
    `  <file source-language="en" target-language="${lang}" datatype="plaintext" original="a"><body>`,
    ...units.map(([source, target, note], i) => `    <trans-unit id="u${i}"><source>${source}</source><target>${target}</target>${note ? "<note>n</note>" : ""}</trans-unit>`),
    "  </body></file>",
    "</xliff>",
    "",
  ].join("\n"),
);

const xliff2 = fc.tuple(language, fc.array(fc.array(fc.tuple(xmlContent("xliff2"), xmlContent("xliff2")), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 })).map(([lang, units]) =>
  [
    `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="${lang}"><file id="f">`,
    ...units.map((segments, i) => `<unit id="u${i}">${segments.map(([s, t], k) => `<segment id="s${k}"><source>${s}</source><target>${t}</target></segment>`).join("\n")}</unit>`),
    "</file></xliff>",
  ].join("\n"),
);

const tmx = fc.tuple(language, fc.array(fc.tuple(xmlContent("tmx"), xmlContent("tmx")), { minLength: 1, maxLength: 5 })).map(([lang, units]) =>
  [
    '<?xml version="1.0"?>',
    '<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>',
    ...units.map(([s, t], i) => `<tu tuid="t${i}"><tuv xml:lang="en"><seg>${s}</seg></tuv>\n<tuv xml:lang="${lang}"><seg>${t}</seg></tuv></tu>`),
    "</body></tmx>",
    "",
  ].join("\r\n"),
);

/** A C string for PO, cut into continuation lines at random points. */
const poEscape = (s: string) => s.replace(/[\\"\n\t\r]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" })[c]!);
const poString = fc.tuple(prose, fc.array(fc.nat(), { maxLength: 3 }), fc.boolean()).map(([value, cuts, emptyFirst]) => {
  const points = [...new Set(cuts.map((c) => c % (value.length + 1)))].sort((a, b) => a - b);
  const pieces = points.length ? [0, ...points].map((p, i, all) => value.slice(p, all[i + 1] ?? value.length)) : [value];
  return (emptyFirst ? ['""', ...pieces] : pieces).map((p) => `"${poEscape(p)}"`).join("\n");
});
const po = fc.tuple(language, fc.array(fc.tuple(poString, poString, fc.constantFrom("", "#, fuzzy\n", "# mtlint-disable\n", "#: src/a.c:1\n")), { minLength: 1, maxLength: 5 })).map(
  ([lang, entries]) => [`msgid ""\nmsgstr ""\n"Language: ${lang}\\n"\n`, ...entries.map(([id, str, comment], i) => `${comment}msgctxt "c${i}"\nmsgid ${id}\nmsgstr ${str}\n`)].join("\n"),
);

function delimitedFile(separator: string): fc.Arbitrary<string> {
  const field = fc.tuple(prose, fc.constantFrom("auto", "quoted", "spaced")).map(([value, style]) => {
    const quoted = `"${value.replace(/"/g, '""')}"`;
    if (style === "quoted") return quoted;
    if (style === "spaced") return ` ${quoted}`;
    return value.includes(separator) || /^\s*"|[\r\n"]/.test(value) ? quoted : value;
  });
  return fc.tuple(fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 6 }), fc.constantFrom("\n", "\r\n")).map(([rows, eol]) =>
    [["id", "source", "target"].join(separator), ...rows.map(([s, t], i) => [String(i), s, t].join(separator))].join(eol) + eol,
  );
}

/** A JSON string with some characters written as \u escapes, and the record around it in varying shapes. */
const jsonString = fc.tuple(prose, fc.array(fc.boolean(), { maxLength: 40 })).map(([value, escapes]) => {
  let out = "";
  [...value].forEach((c, i) => {
    const plain = JSON.stringify(c).slice(1, -1);
    out += escapes[i % Math.max(1, escapes.length)] && c.length === 1 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : plain;
  });
  return `"${out}"`;
});
const jsonl = fc
  .array(fc.tuple(jsonString, jsonString, fc.constantFrom("", ', "n": 1e400', ', "big": 12345678901234567890', ', "target": "dup"', ', "meta": {"target": "x", "a": [1, {"b": "]"}]}'), fc.constantFrom(":", ": ", " : ")), { minLength: 1, maxLength: 6 })
  .map((lines) => lines.map(([target, source, extra, colon], i) => `{"id"${colon}${i}, "source"${colon}${source}${extra === ', "target": "dup"' ? extra : ""}, "target"${colon}${target}${extra === ', "target": "dup"' ? "" : extra}}`).join("\n") + "\n");

const text = fc.array(fc.tuple(prose, fc.constantFrom("\n\n", "\n", "\r\n\r\n", "\n\n\n")), { minLength: 1, maxLength: 6 }).map((ps) => ps.map(([p, s]) => p + s).join(""));

const markdown = fc
  .array(fc.tuple(fc.constantFrom("", "# ", "## ", "- ", "* ", "> ", "1. ", "    ", "```\n", "<div>\n", "[ref]: http://x.org\n"), prose), { minLength: 1, maxLength: 6 })
  .map((blocks) => blocks.map(([prefix, body]) => (prefix === "```\n" ? `\`\`\`\n${body}\n\`\`\`` : prefix + body)).join("\n\n") + "\n");

/** A document with a few edits anywhere: inserted fragments, deletions, duplicated stretches. */
function mutated(document: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const op = fc.tuple(fc.constantFrom("insert", "delete", "duplicate"), fc.nat(), fc.nat({ max: 12 }), fc.oneof(fragment, fc.constantFrom('"', "\n", "<", ">", "{", "}", ",", "&", "#,", "msgstr ", "</target>", "\\")));
  return fc.tuple(document, fc.array(op, { minLength: 1, maxLength: 4 })).map(([doc, ops]) =>
    ops.reduce((d, [kind, at, length, text]) => {
      const i = at % (d.length + 1);
      if (kind === "insert") return d.slice(0, i) + text + d.slice(i);
      if (kind === "delete") return d.slice(0, i) + d.slice(i + length);
      return d.slice(0, i + length) + d.slice(i, i + length) + d.slice(i + length);
    }, doc),
  );
}

export interface FuzzTarget {
  name: string;
  format: Format;
  /** Generated documents, and mutations of them. */
  input: fc.Arbitrary<string>;
}

const target = (name: string, format: Format, document: fc.Arbitrary<string>): FuzzTarget => ({
  name,
  format,
  input: fc.oneof({ weight: 3, arbitrary: document }, { weight: 1, arbitrary: mutated(document) }),
});

export const FUZZ_TARGETS: FuzzTarget[] = [
  target("text", textFormat, text),
  target("markdown", markdownFormat, markdown),
  target("jsonl", jsonlFormat, jsonl),
  target("xliff-1.2", xliffFormat, xliff12),
  target("xliff-2", xliffFormat, xliff2),
  target("tmx", tmxFormat, tmx),
  target("po", poFormat, po),
  target("csv", csvFormat, delimitedFile(",")),
  target("tsv", tsvFormat, delimitedFile("\t")),
];

export interface FuzzSettings {
  ruleSet: RuleSet;
  /** Which fix level and forced language the input runs with (taken from the input, so that runs are reproducible). */
  variant: number;
}

const LANGUAGES = ["fr", "de", "en", "es", "ru"];

/** What is wrong with this input, or undefined. Crashes are thrown errors other than MtlintError. */
export function checkInput(fuzz: FuzzTarget, input: string, settings: FuzzSettings): { kind: "crash" | "data lost" | "not idempotent"; detail: string } | undefined {
  const path = `fuzz.${fuzz.format.extensions[0]}`;
  try {
    let parsed: ParsedFile;
    try {
      parsed = fuzz.format.parse(input, path);
    } catch (e) {
      if (e instanceof MtlintError) return undefined;
      throw e;
    }
    if (parsed.write(new Map()) !== input) return { kind: "data lost", detail: "an unchanged document is not written back byte for byte" };
    if (parsed.write(new Map(parsed.document.segments.map((s) => [s.id, s.target]))) !== input) return { kind: "data lost", detail: "writing the same targets changes the file" };
    const options = {
      ruleSet: settings.ruleSet,
      scoring: DEFAULT_SCORING,
      forceLanguage: LANGUAGES[settings.variant % LANGUAGES.length],
      fix: settings.variant % 2 ? ("unsafe" as const) : ("safe" as const),
    };
    const once = checkText(input, path, fuzz.format, options);
    if (once.fixedText === undefined) return undefined;
    const lost = changedOutsideTargets(fuzz.format, parsed, input, once.fixedText, path);
    if (lost) return { kind: "data lost", detail: lost };
    const twice = checkText(once.fixedText, path, fuzz.format, options);
    if (twice.fixedText !== undefined && twice.fixedText !== once.fixedText) return { kind: "not idempotent", detail: `fixing again changes ${JSON.stringify(once.fixedText)} into ${JSON.stringify(twice.fixedText)}` };
    return undefined;
  } catch (e) {
    return { kind: "crash", detail: (e as Error).stack ?? String(e) };
  }
}

/** Independently of the writer: the file outside targets is unchanged, segments and sources are the same, and each target keeps its markup. */
function changedOutsideTargets(format: Format, before: ParsedFile, input: string, fixed: string, path: string): string | undefined {
  const after = format.parse(fixed, path);
  const [old, now] = [before.document.segments, after.document.segments];
  if (old.length !== now.length) return `${old.length} segments became ${now.length}`;
  const gaps = (parsed: ParsedFile, text: string) => old.map((_, i) => text.slice(i ? parsed.range(i - 1).end : 0, parsed.range(i).start)).concat(text.slice(old.length ? parsed.range(old.length - 1).end : 0));
  const [a, b] = [gaps(before, input), gaps(after, fixed)];
  const differing = a.findIndex((g, i) => g !== b[i]);
  if (differing !== -1) return `the file between targets changed: ${JSON.stringify(a[differing])} became ${JSON.stringify(b[differing])}`;
  for (let i = 0; i < old.length; i++) {
    if (old[i]!.id !== now[i]!.id || old[i]!.source !== now[i]!.source) return `segment ${old[i]!.id} became another unit`;
    if (markupOf(old[i]!).join("\u0000") !== markupOf(now[i]!).join("\u0000")) return `the markup of segment ${old[i]!.id} changed`;
  }
  return undefined;
}

/** The segment's markup, blanks left out (a Markdown marker may take in a space a fix left beside it). */
const markupOf = (s: Segment) => (s.masked ?? []).map((m) => s.target.slice(m.start, m.end).replace(/\s+/g, "")).filter(Boolean);

/** Bytes of random text in each encoding, decoded and encoded again: the same bytes (or an input error for invalid UTF-8). */
export const encodingInput = fc.tuple(fc.constantFrom<Encoding>("utf8", "utf8-bom", "utf16le", "utf16be"), fc.string({ unit: "binary", maxLength: 40 }), fc.uint8Array({ maxLength: 3 }), fc.boolean());

export function checkEncoding([encoding, text, noise, odd]: [Encoding, string, Uint8Array, boolean]): { kind: "crash" | "data lost"; detail: string } | undefined {
  const utf16 = encoding.startsWith("utf16");
  const bytes = Buffer.concat([encode(text, encoding), utf16 ? Buffer.from(odd ? noise.subarray(0, 1) : []) : Buffer.from(noise)]);
  try {
    const decoded = decode(bytes, "f");
    const back = Buffer.from(encode(decoded.text, decoded.encoding, decoded.trailingByte));
    return back.equals(bytes) ? undefined : { kind: "data lost", detail: `${bytes.toString("hex")} came back as ${back.toString("hex")}` };
  } catch (e) {
    return e instanceof MtlintError && !utf16 ? undefined : { kind: "crash", detail: String(e) };
  }
}
