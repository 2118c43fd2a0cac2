/**
 * Markdown: prose blocks become segments (paragraphs, headings, list items, quotes). Front matter,
 * fenced and indented code, HTML blocks and link definitions are skipped; inside a block, markers,
 * inline code, URLs, link targets and tags are masked so that no rule matches or edits them.
 */
import type { Span } from "../core/types.js";
import type { Format } from "./format.js";
import { inlineMarkup } from "./markup.js";
import { parsedFromBlocks, type Block } from "./text.js";

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLOCK_START = /^ {0,3}(#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>)/;
const SKIPPED_LINE = /^ {0,3}(<[a-zA-Z!/?]|\[[^\]]+\]:\s)/;
const LINE_MARKERS = /^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)?/;
const INLINE_MASKS = [
  /(`+)[^`]*?\1/g, // inline code
  /\]\([^)\s]*(?:\s+"[^"]*")?\)/g, // link and image targets
  /<[a-zA-Z/!][^<>]*>/g, // autolinks and inline HTML
  /\bhttps?:\/\/[^\s<>()]+|\bwww\.[^\s<>()]+/g, // bare URLs
  /[ \t]#+[ \t]*$/gm, // closing hashes of a heading
];

export const markdownFormat: Format = {
  name: "markdown",
  extensions: [".md", ".markdown"],
  parse: (text, path) => parsedFromBlocks(text, path, markdownBlocks(text)),
};

/** `<!-- mtlint-disable rule-id … -->`, `<!-- mtlint-enable -->`, `<!-- mtlint-disable-next-line rule-id … -->`. */
const DIRECTIVE = /^ {0,3}<!--\s*mtlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->\s*$/;

export function markdownBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let block: Span | undefined;
  // Rule ids switched off ("*" for all) until enabled again, and for the next block only.
  let disabled = new Set<string>();
  let nextBlockOnly: string[] = [];
  const close = () => {
    if (!block) return;
    const suppressed = [...disabled, ...nextBlockOnly];
    blocks.push({ ...withMasks(text, block), ...(suppressed.length && { suppressed }) });
    nextBlockOnly = [];
    block = undefined;
  };
  let fence: string | undefined;
  let offset = 0;
  let lineNo = 0;
  let inFrontMatter = false;
  let previousBlank = true;
  for (const line of text.split("\n")) {
    const start = offset;
    const end = start + line.length - (line.endsWith("\r") ? 1 : 0);
    offset += line.length + 1;
    lineNo++;
    if (lineNo === 1 && /^---\s*$/.test(line)) {
      inFrontMatter = true;
      continue;
    }
    if (inFrontMatter) {
      if (/^(---|\.\.\.)\s*$/.test(line)) inFrontMatter = false;
      continue;
    }
    if (fence) {
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(line)) fence = undefined;
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      close();
      fence = opening[1];
      continue;
    }
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      close();
      const ids = directive[2]!.split(/[\s,]+/).filter(Boolean);
      if (directive[1] === "disable-next-line") nextBlockOnly = ids.length ? ids : ["*"];
      else if (directive[1] === "disable") disabled = new Set([...disabled, ...(ids.length ? ids : ["*"])]);
      else disabled = ids.length ? new Set([...disabled].filter((id) => !ids.includes(id))) : new Set();
      continue;
    }
    const blank = /^\s*$/.test(line);
    const indentedCode = previousBlank && !block && /^( {4}|\t)/.test(line);
    if (blank || indentedCode || SKIPPED_LINE.test(line) || /^ {0,3}([-*_])( *\1){2,}\s*$/.test(line)) {
      close();
      previousBlank = blank;
      continue;
    }
    previousBlank = false;
    if (BLOCK_START.test(line) || /^ {0,3}#/.test(line)) close();
    if (block) block.end = end;
    else block = { start, end };
    if (/^ {0,3}#{1,6}\s/.test(line)) close(); // a heading is one line
  }
  close();
  return blocks;
}

function withMasks(text: string, span: Span): Block {
  const body = text.slice(span.start, span.end);
  const masked: Span[] = [];
  let lineStart = 0;
  for (const line of body.split("\n")) {
    const marker = LINE_MARKERS.exec(line)![0];
    if (marker.length) masked.push({ start: lineStart, end: lineStart + marker.length });
    lineStart += line.length + 1;
  }
  for (const pattern of INLINE_MASKS) for (const m of body.matchAll(pattern)) masked.push({ start: m.index, end: m.index + m[0].length });
  masked.push(...inlineMarkup(body));
  return { ...span, masked: mergeSpans(masked) };
}

function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}
