/**
 * XML for the XLIFF and TMX readers.
 *
 * Design: a segment's target is the text between <target> and </target> (or <seg> and </seg>)
 * exactly as it is in the file: entity references, inline tags, comments and CDATA included, with
 * every piece of markup masked. Positions are then plain offset arithmetic, an unchanged file is
 * written back byte for byte, and no rule can match inside markup or edit it. The price: rules see
 * a tag as blanks, and "&#8217;" as "’" padded with blanks (see analysis/references.ts), so a
 * reference inside a word splits it. Decoding entities in the target itself would
 * instead need an offset map and an encoder that tells a decoded "<" from a tag, and would rewrite
 * "&#8212;" as "—" in any target that changed.
 *
 * Structure comes from fast-xml-parser (validated first, so malformed XML is one error with its
 * line and column); element offsets come from its metadata, and the content between a start and
 * an end tag is found by a scan that skips quoted attribute values.
 */
import { decodeReference } from "../analysis/references.js";
import { inputError, type MtlintError } from "../core/errors.js";
import { lazyPackage } from "../core/lazy-package.js";
import type { Span } from "../core/types.js";
import type { Field } from "./bilingual.js";
import { LineIndex } from "./lines.js";
import { inlineMarkup, unionOfSpans } from "./markup.js";

export interface XmlElement {
  /** Local name, namespace prefix removed. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Offsets of the whole element, start tag to end tag. */
  start: number;
  end: number;
}

/**
 * Elements nested deeper than this are refused: XLIFF and TMX nest a few dozen deep, and a file
 * nested 100,000 deep is an attack on the reader, not a translation.
 */
const MAX_DEPTH = 1000;

const fastXmlParser = lazyPackage<typeof import("fast-xml-parser")>("fast-xml-parser");

/** The parser, made on first use, and the key of the offsets it records on each node. */
let parsing: { parser: InstanceType<typeof import("fast-xml-parser").XMLParser>; meta: symbol } | undefined;
const xmlParsing = () =>
  (parsing ??= {
    parser: new (fastXmlParser().XMLParser)({
      preserveOrder: true,
      captureMetaData: true,
      ignoreAttributes: false,
      attributeNamePrefix: "",
      removeNSPrefix: true,
      processEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      maxNestedTags: MAX_DEPTH,
      // Paths as strings cost time in proportion to the depth at every element.
      jPath: false,
    }),
    meta: fastXmlParser().XMLParser.getMetaDataSymbol() as unknown as symbol,
  });

type RawNode = Record<string | symbol, unknown> & { ":@"?: Record<string, string> };

/** The root elements, or one error for malformed XML, for entity declarations and for nesting deeper than MAX_DEPTH. */
export function parseXml(text: string, path: string): XmlElement[] | MtlintError {
  const at = (offset: number) => ({ file: path, ...new LineIndex(text).position(offset) });
  const entity = declaredEntity(text);
  if (entity !== undefined) {
    return inputError("the DOCTYPE declares entities (<!ENTITY>), which are not read: expanding them can take any time and memory or read other files; file not read", at(entity));
  }
  const valid = fastXmlParser().XMLValidator.validate(text);
  if (valid !== true) return inputError(`malformed XML (${valid.err.msg}); file not read`, { file: path, line: valid.err.line, column: valid.err.col });
  try {
    const { parser, meta } = xmlParsing();
    return elements(parser.parse(text) as RawNode[], meta);
  } catch (e) {
    const deep = tooDeep(text);
    if (deep !== undefined) return inputError(`elements nested deeper than ${MAX_DEPTH} levels; file not read`, at(deep));
    return inputError(`malformed XML (${(e as Error).message}); file not read`, { file: path });
  }
}

/** Where the DOCTYPE starts, when the prolog (after an XML declaration, comments and processing instructions) has one. */
function doctypeStart(text: string): number | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (/\s/u.test(text[i] ?? "")) i++;
    const close = text.startsWith("<?", i) ? "?>" : text.startsWith("<!--", i) ? "-->" : undefined;
    if (!close) return text.startsWith("<!DOCTYPE", i) ? i : undefined;
    const end = text.indexOf(close, i + 2);
    if (end === -1) return undefined;
    i = end + close.length;
  }
}

/** Where the DOCTYPE's internal subset declares its first entity, if it does. */
function declaredEntity(text: string): number | undefined {
  const start = doctypeStart(text);
  if (start === undefined) return undefined;
  let subset = false;
  for (let i = start + "<!DOCTYPE".length; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return undefined;
      i = end;
    } else if (c === "[") subset = true;
    else if (c === "]" || (c === ">" && !subset)) return undefined;
    else if (subset && (text.startsWith("<!--", i) || text.startsWith("<?", i))) {
      const end = text.indexOf(text[i + 1] === "?" ? "?>" : "-->", i + 2);
      if (end === -1) return undefined;
      i = end + 1;
    } else if (subset && text.startsWith("<!ENTITY", i)) return i;
  }
  return undefined;
}

/** Where the first element nested deeper than MAX_DEPTH starts, in well-formed XML. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  for (const m of text.matchAll(MARKUP)) {
    const name = m[2];
    if (!name || name.startsWith("!")) continue;
    if (m[1]) depth--;
    else if (!m[3] && ++depth > MAX_DEPTH) return m.index;
  }
  return undefined;
}

/** `metaKey`: the parser's key of each node's offsets. */
function elements(nodes: RawNode[], metaKey: symbol): XmlElement[] {
  return nodes.flatMap((node) => {
    const name = Object.keys(node).find((k) => k !== ":@");
    const meta = node[metaKey] as { startIndex?: number; endIndex?: number } | undefined;
    // Text, comments and the XML declaration carry no structure we need.
    if (!name || name.startsWith("#") || name.startsWith("?") || meta?.startIndex === undefined || meta.endIndex === undefined) return [];
    return [{ name, attrs: node[":@"] ?? {}, children: elements(node[name] as RawNode[], metaKey), start: meta.startIndex, end: meta.endIndex }];
  });
}

export const child = (element: XmlElement, name: string) => element.children.find((c) => c.name === name);

/** Every element at any depth for which `match` holds, not looking inside matched ones. */
export function findAll(elements: XmlElement[], match: (e: XmlElement) => boolean): XmlElement[] {
  return elements.flatMap((e) => (match(e) ? [e] : findAll(e.children, match)));
}

/** The content between an element's start and end tags (empty for <x/>). */
export function contentOf(text: string, element: XmlElement): Span {
  let quote = "";
  let i = element.start + 1;
  for (; i < element.end; i++) {
    const c = text[i]!;
    if (quote) quote = c === quote ? "" : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === ">") break;
  }
  if (text[i - 1] === "/") return { start: i + 1, end: i + 1 };
  // Content cannot hold "</" but in nested end tags and CDATA, all before the element's own end tag.
  return { start: i + 1, end: text.lastIndexOf("</", element.end - 1) };
}

/** Markup inside element content of well-formed XML: comment, CDATA, processing instruction, tag, reference. */
const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([^\s/>]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>|&([^;]*);/g;

export interface Content {
  /** Markup, and the whole of each element that holds native code (its content is code, not text). */
  masked: Span[];
  /** The text without markup or code, references decoded: what a reader sees. */
  plain: string;
}

/** Masks and plain text of raw element content. CDATA is masked whole: it is rare in targets, and its "<" and "&" must never be escaped. */
export function scanContent(raw: string, codeElements: ReadonlySet<string>): Content {
  const masked: Span[] = [];
  const mask = (start: number, end: number) => {
    const last = masked[masked.length - 1];
    if (last && last.end === start) last.end = end;
    else masked.push({ start, end });
  };
  let plain = "";
  let at = 0;
  let codeDepth = 0;
  let codeStart = 0;
  for (const m of raw.matchAll(MARKUP)) {
    const start = m.index;
    const end = start + m[0].length;
    if (codeDepth === 0) plain += raw.slice(at, start);
    at = end;
    const name = m[2]?.replace(/^.*:/, "");
    if (name && codeElements.has(name) && !m[3]) {
      if (!m[1] && codeDepth++ === 0) codeStart = start;
      if (m[1] && --codeDepth === 0) mask(codeStart, end);
      continue;
    }
    if (codeDepth > 0) continue;
    mask(start, end);
    if (m[4] !== undefined) plain += decodeReference(m[4]) ?? m[0];
    else if (m[0].startsWith("<![CDATA[")) plain += m[0].slice(9, -3);
  }
  if (codeDepth === 0) plain += raw.slice(at);
  return { masked, plain };
}

/** What a reader sees of an element's content (for notes). */
export function plainTextOf(text: string, element: XmlElement, codeElements: ReadonlySet<string>): string {
  return sourceContent(text, element, codeElements).source;
}

/** A source element's plain text, and its raw content with inline codes for tag parity. */
export function sourceContent(text: string, element: XmlElement, codeElements: ReadonlySet<string>): { source: string; rawSource: string } {
  const { start, end } = contentOf(text, element);
  const rawSource = text.slice(start, end);
  return { source: scanContent(rawSource, codeElements).plain, rawSource };
}

/** Text inserted into raw XML content: "&", "<" and ">" written as references. */
export const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A field whose target is the raw content at `range`, with markup masked and the plain source. */
export function xmlField(text: string, range: Span, codeElements: ReadonlySet<string>, rest: Omit<Field, "target" | "raw" | "escape" | "masked">): Field {
  const target = text.slice(range.start, range.end);
  // Markup written as text ("&lt;a href=…&gt;", "&amp;amp;") is masked like the markup itself.
  const masked = unionOfSpans(scanContent(target, codeElements).masked, inlineMarkup(target));
  return { ...rest, target, raw: range, masked, escape: escapeXml };
}
