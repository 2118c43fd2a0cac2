/**
 * `placeholder-parity` (bilingual): placeholders, inline tags, URLs and e-mail addresses must be
 * the same multiset in source and target — printf (%s, %1$s, %@), {name}, {{name}}, ICU
 * arguments ({count, plural, …} compared by argument name; inside ICU messages by presence,
 * since plural branches differ between languages), HTML tags and XLIFF inline codes
 * (<x id="1"/>, <g id="2">, <bpt i="1">, <ec startRef="2"/>, compared by element name and id) — a
 * dropped, added or duplicated code. The raw target is read, as XLIFF masks its markup from other
 * rules; XLIFF and TMX sources are compared as written (`rawSource`), codes included. Annotations
 * (<mrk>) and CDATA content are not codes. A missing item is reported at the whole target, an
 * extra one where it is.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { insideAny } from "../core/spans.js";
import type { Span } from "../core/types.js";
import { URL_OR_MAIL } from "../engine/fixes.js";
import { expandTemplate } from "../engine/matcher.js";
import { withoutTrailing } from "../analysis/text.js";
import { blank, blankSpans, closedSpans, countKeys, listed, sourceOf, wholeTarget } from "./bilingual.js";

interface PlaceholderSpec extends RuleSpec {
  /** Message for an item in the target that the source lacks ($0 the item). */
  extraMessage: string;
  /** Compare URLs and e-mail addresses too (default true). */
  urls?: boolean;
}

export interface Item {
  key: string;
  start: number;
  end: number;
}

const TAG = /<(\/?)([A-Za-z][\w:.-]*)\b([^<>]*?)(\/?)>/gu;
/** Text, not tags: "<fine print>" inside CDATA (up to its "]]>") is what the reader sees. */
const CDATA_START = /<!\[CDATA\[/gu;
/** XLIFF 1.2 and TMX codes that hold native code: one item each, start tag to end tag. */
const NATIVE_CODE_START = /<(ph|bpt|ept|it|ut)\b([^<>]*)>/gu;
/** XLIFF annotations mark up text (terms, comments) and may differ between source and target. */
const ANNOTATIONS = new Set(["mrk"]);
/** The attribute that pairs a code in source and target: XLIFF id (startRef for <ec/>), TMX i or x. */
const CODE_ID = /\b(?:id|startRef|i|x)\s*=\s*["']([^"']*)["']/u;
const ICU_HEAD = /\{\s*([\w.]+)\s*,\s*(plural|select|selectordinal)\s*,/gu;
const PRINTF = /%(?:\d+\$)?[-+#0]*(?:[1-9]\d*)?(?:\.\d+)?(?:ll|l|h)?[sdifuxXeEgGc@](?!\p{L})/gu;
const BRACES = /\{\{\s*([\w.]+)\s*\}\}|\{\s*([\w.]+)\s*(?:,\s*(\w+)[^{}]*)?\}/gu;
/** Punctuation after a URL or address ends the sentence, not the address. */
const URL_END_PUNCTUATION = /[.,;:!?)\]}'’]/u;
/** Entities of the markup: not placeholders, and their "#160" is not a printf. */
const ENTITY = /&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w*);/gu;

/** Placeholders, tags, URLs and e-mail addresses in text, with comparable keys. */
export function itemsIn(text: string, urls = true): { items: Item[]; icu: boolean } {
  const items: Item[] = [];
  const push = (key: string, m: RegExpMatchArray) => items.push({ key, start: m.index!, end: m.index! + m[0].length });
  const idOf = (attributes: string) => {
    const id = CODE_ID.exec(attributes)?.[1];
    return id === undefined ? "" : ` id="${id}"`;
  };
  const markup = blankSpans(text, closedSpans(text, CDATA_START, () => "]]>"));
  const nativeCodes = closedSpans(markup, NATIVE_CODE_START, (open) => `</${open[1]}>`);
  for (const { open, start, end } of nativeCodes) items.push({ key: `<${open[1]}${idOf(open[2]!)}>…</${open[1]}>`, start, end });
  for (const m of blankSpans(markup, nativeCodes).matchAll(TAG)) {
    const name = m[2]!.toLowerCase();
    if (ANNOTATIONS.has(name.replace(/^.*:/u, ""))) continue;
    push(`<${m[1]}${name}${idOf(m[3]!)}${m[4]}>`, m);
  }
  // Attributes can hold URLs and braces: read the rest with tags and entities blanked.
  let rest = blank(text, TAG, ENTITY);
  if (urls) {
    for (const m of rest.matchAll(URL_OR_MAIL)) {
      const url = withoutTrailing(m[0], URL_END_PUNCTUATION);
      items.push({ key: url.toLowerCase().replace(/^(https?:\/\/)?(www\.)?/u, "").replace(/\/$/u, ""), start: m.index, end: m.index + url.length });
    }
    rest = blank(rest, URL_OR_MAIL);
  }
  let icu = false;
  for (const m of rest.matchAll(ICU_HEAD)) {
    icu = true;
    push(`{${m[1]}, ${m[2]}}`, m);
  }
  rest = blank(rest, ICU_HEAD);
  for (const m of rest.matchAll(BRACES)) push(m[1] ? `{{${m[1]}}}` : `{${m[2]}${m[3] ? `, ${m[3]}` : ""}}`, m);
  for (const m of blank(rest, BRACES).matchAll(PRINTF)) push(m[0], m);
  return { items: items.sort((a, b) => a.start - b.start), icu };
}

export interface ItemComparison {
  missing: string[];
  extra: Item[];
}

/**
 * `masked`: the target's masked ranges. A reader that masks the target's inline codes but gives
 * the source as plain text (the XLIFF and TMX readers do) leaves nothing to compare with: then
 * items inside the target's masks (tags, and placeholders inside <ph>) are not compared.
 */
export function compareItems(source: string, target: string, urls = true, masked: Span[] = []): ItemComparison {
  const src = itemsIn(source, urls);
  const tgt = itemsIn(target, urls);
  if (masked.length && !src.items.some((i) => i.key.startsWith("<"))) {
    tgt.items = tgt.items.filter((i) => !insideAny(masked, i));
  }
  // In ICU messages plural branches repeat arguments a different number of times per language.
  if (src.icu || tgt.icu) {
    const srcKeys = new Set(src.items.map((i) => i.key));
    const tgtKeys = new Set(tgt.items.map((i) => i.key));
    const reported = new Set<string>();
    const extra = tgt.items.filter((i) => !srcKeys.has(i.key) && !reported.has(i.key) && reported.add(i.key));
    return { missing: [...srcKeys].filter((k) => !tgtKeys.has(k)), extra };
  }
  const have = countKeys(tgt.items.map((i) => i.key));
  const missing: string[] = [];
  for (const item of src.items) {
    const left = have.get(item.key) ?? 0;
    if (left > 0) have.set(item.key, left - 1);
    else missing.push(item.key);
  }
  const want = countKeys(src.items.map((i) => i.key));
  const extra: Item[] = [];
  for (const item of tgt.items) {
    const left = want.get(item.key) ?? 0;
    if (left > 0) want.set(item.key, left - 1);
    else extra.push(item);
  }
  return { missing, extra };
}

export const placeholderParityKind: RuleKind = {
  name: "placeholder-parity",
  fixes: () => "none",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as PlaceholderSpec;
    const urls = spec.urls ?? true;
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const { rawSource, masked } = analysis.segment;
        const source = rawSource?.trim() ? rawSource : sourceOf(analysis);
        if (!source || !/[%{<@:.]/u.test(source + analysis.segment.target)) return;
        const target = analysis.segment.target;
        // A raw source (XLIFF, TMX; PO, CSV and JSONL give theirs as written) has its codes to compare with; a plain one leaves the target's masked codes out.
        const { missing, extra } = compareItems(source, target, urls, rawSource === undefined ? masked : []);
        if (missing.length) {
          report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandTemplate(spec.message, [listed(missing)]) });
        }
        for (const item of extra) {
          report(index, { start: item.start, end: item.end, spansMarkup: true, message: expandTemplate(spec.extraMessage, [target.slice(item.start, item.end)]) });
        }
      },
    };
  },
};
