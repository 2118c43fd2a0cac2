/**
 * `placeholder-parity` (bilingual): placeholders, inline tags, URLs and e-mail addresses must be
 * the same multiset in source and target — printf (%s, %1$s, %@), {name}, {{name}}, %name%,
 * Magento's %1, ICU arguments, HTML tags (also written escaped, as OmegaT writes its <x1/> in
 * TMX) and XLIFF inline codes (<x id="1"/>, <g id="2">, <bpt i="1">, <ec startRef="2"/>, compared
 * by element name and id), the URLs of href and src attributes — a dropped, added or duplicated code.
 *
 * What is the same although it looks different:
 * - a positional "%1$s" for the source's "%s" (translations reorder them), and a printf glued to
 *   the next word ("%s的", "%snon") when the source has it;
 * - ICU messages are parsed (src/analysis/icu.ts): arguments are compared by name, and since
 *   plural branches differ between languages, by presence; branch text is text, so "{work}" in a
 *   branch is no placeholder. A select's branches are code and must all be kept, and a target that
 *   is not valid ICU is reported;
 * - Symfony's plural variants ("one|many") are compared by presence, as languages have more or fewer
 *   (one, in Japanese and Chinese, for the source's two; three in Russian for the source's one);
 * - an example URL or e-mail address localised on purpose (the source says "e.g.", "for example",
 *   "format"…, or uses a reserved example domain) by more than a one-letter change, or by the word
 *   "example" in it translated ("exemple@email.com"), or replaced by words (an input hint
 *   "example@email.com" translated "電子メール");
 * The raw target is read, as XLIFF masks its markup from other rules; XLIFF and TMX sources are
 * compared as written (`rawSource`), codes included. Annotations (<mrk>) and CDATA content are not
 * codes, nor are autolinks (<https://…>, <name@host>), which are URLs and e-mail addresses. A
 * missing item is reported at the whole target, an extra one where it is, one changed item where it is.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { hasIcuBranches, parseIcu, type IcuMessage } from "../analysis/icu.js";
import { editDistance, withoutTrailing } from "../analysis/text.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { coveredBy, insideAny } from "../core/spans.js";
import type { Span } from "../core/types.js";
import { URL_OR_MAIL } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";
import { blank, blankSpans, closedSpans, countKeys, isKeySource, listed, sourceOf, wholeTarget } from "./support/bilingual.js";

interface PlaceholderSpec extends RuleSpec {
  /** Message for an item in the target that the source lacks ($0 the item). */
  extraMessage: string;
  /** Message for one item of the source written otherwise in the target ($0 the target's, $1 the source's). */
  changedMessage?: string;
  /** Message for a target that breaks ICU message syntax, or loses a select branch ($0 what is wrong). */
  icuMessage?: string;
  /** Compare URLs and e-mail addresses too (default true). */
  urls?: boolean;
}

export type ItemKind = "code" | "url" | "mail" | "printf" | "placeholder" | "icu";

export interface Item {
  key: string;
  kind: ItemKind;
  start: number;
  end: number;
}

/** A tag, not an autolink (<https://…>, <name@host>). */
const TAG = /<(?![\w.+-]+@|[A-Za-z][\w+.-]*:\/\/)(\/?)([A-Za-z][\w:.-]*)\b([^<>]*?)(\/?)>/gu;
/** A tag written escaped in the text ("&lt;x1/&gt;", "&lt;a href=…&gt;"). */
const ESCAPED_TAG = /&lt;(?![\w.+-]+@|[A-Za-z][\w+.-]*:\/\/)(\/?)([A-Za-z][\w:.-]*)\b((?:(?!&gt;)[^<>]){0,1000}?)(\/?)&gt;/gu;
/** Text, not tags: "<fine print>" inside CDATA (up to its "]]>") is what the reader sees. */
const CDATA_START = /<!\[CDATA\[/gu;
/** XLIFF 1.2 and TMX codes that hold native code: one item each, start tag to end tag. */
const NATIVE_CODE_START = /<(ph|bpt|ept|it|ut)\b([^<>]*)>/gu;
/** XLIFF annotations mark up text (terms, comments) and may differ between source and target. */
const ANNOTATIONS = new Set(["mrk"]);
/** The attribute that pairs a code in source and target: XLIFF id (startRef for <ec/>), TMX i or x. */
const CODE_ID = /\b(?:id|startRef|i|x)\s*=\s*["']([^"']*)["']/u;
/** Link targets inside a tag's attributes (quotes written as such or as &quot;). */
const LINK_ATTRIBUTE = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|&quot;((?:(?!&quot;).)*)&quot;)/gu;
/**
 * printf; a Latin or Cyrillic letter right after it makes it text ("100%sure"), CJK does not ("%s的").
 * A space flag before a length modifier is a percent sign and a word ("%kbd F2 % to rename", not "% t" + "o").
 */
const PRINTF = /%(?:\d+\$)?(?![-+#0 ']* (?:hh|ll|[hlLqjzt]))[-+#0 ']*\d*(?:\.\d+)?(?:hh|ll|[hlLqjzt])?[sdifuxXoeEgGcp@](?![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}])/gu;
/** {{ name }}, {name}, {0}, {name, number}. */
const BRACES = /\{\{\s*([\w.]+)\s*\}\}|\{\s*([\w.]+)\s*(?:,\s*(\w+)[^{}]*)?\}/gu;
/** Symfony's %name%, Magento's %1. */
const PERCENT_NAME = /%[A-Za-z_][\w.-]{1,30}%|%\d{1,2}(?![\d$])/gu;
/** Entities of the markup: not placeholders, and their "#160" is not a printf. */
const ENTITY = /&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w*);/gu;
/** Punctuation after a URL or address ends the sentence, not the address. */
const URL_END_PUNCTUATION = /[.,;:!?)\]}'’]/u;
/** Where a URL in CJK text ends: full-width punctuation and ideographs are not part of it. */
const URL_END = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/u;
/** The source presents its URL or address as an example that a translation may localise. */
const EXAMPLE = /\b(?:e\.\s?g\.|i\.\s?e\.|for (?:example|instance)|examples?|such as|format|z\.\s?B\.|Beispiel|exemple|ejemplo|esempio|exemplo|voorbeeld|например)|例/iu;
/** The word "example" in an address, in the languages the example lexicon knows. */
const EXAMPLE_WORD = /(?<![\p{L}])(?:example|exemple|ejemplo|beispiel|esempio|exemplo|voorbeeld|przyklad|primer|пример)(?![\p{L}])/iu;
const RESERVED_DOMAIN = /(?:^|[.@/])(?:example\.(?:com|org|net)|[\w-]+\.(?:example|test|invalid|localhost))(?:$|[/:?#])/iu;

/** Inline codes of XLIFF and TMX, and HTML elements: tags even when bare. */
const TAG_NAMES = new Set("x bx ex g ph bpt ept it ut pc sc ec sm em mrk hi sub a abbr b big blockquote br button caption cite code dd del div dl dt em font form h1 h2 h3 h4 h5 h6 hr i img input ins kbd label li mark ol option p pre q s samp select small span strike strong sup table tbody td th thead tr tt u ul var".split(" "));
/** A tag, not a word in angle brackets ("<Network>"): a known element, OmegaT's numbered tags (<x1/>, <g2>), or one with attributes or a slash. */
const isTag = (name: string, rest: string) => TAG_NAMES.has(name.replace(/^.*:/u, "")) || /^[a-z]\d+$/u.test(name) || rest !== "";

const urlKey = (url: string) => url.toLowerCase().replace(/^(https?:\/\/)?(www\.)?/u, "").replace(/\/$/u, "");

/** Placeholders, tags, URLs and e-mail addresses in text, with comparable keys. */
export function itemsIn(text: string, urls = true): { items: Item[]; icu?: IcuMessage | { error: string }; variants: boolean } {
  const items: Item[] = [];
  const push = (key: string, kind: ItemKind, start: number, end: number) => items.push({ key, kind, start, end });
  const idOf = (attributes: string) => {
    const id = CODE_ID.exec(attributes.replace(/&quot;/gu, '"'))?.[1];
    return id === undefined ? "" : ` id="${id}"`;
  };
  const links = (attributes: string, offset: number) => {
    if (!urls) return;
    for (const m of attributes.matchAll(LINK_ATTRIBUTE)) {
      const url = (m[1] ?? m[2] ?? m[3] ?? "").trim();
      if (/^(?:https?:\/\/|www\.|mailto:)/iu.test(url)) push(urlKey(url.replace(/^mailto:/iu, "")), "url", offset + m.index, offset + m.index + m[0].length);
    }
  };
  const markup = blankSpans(text, closedSpans(text, CDATA_START, () => "]]>"));
  const nativeCodes = closedSpans(markup, NATIVE_CODE_START, (open) => `</${open[1]}>`);
  for (const { open, start, end } of nativeCodes) push(`<${open[1]}${idOf(open[2]!)}>…</${open[1]}>`, "code", start, end);
  const outsideCodes = blankSpans(markup, nativeCodes);
  // Escaped tags inside a tag's attributes (XLIFF equiv-text="&lt;span&gt;") are part of that tag.
  for (const [re, scanned] of [[TAG, outsideCodes], [ESCAPED_TAG, blank(outsideCodes, TAG)]] as const) {
    for (const m of scanned.matchAll(re)) {
      const name = m[2]!.toLowerCase();
      if (ANNOTATIONS.has(name.replace(/^.*:/u, "")) || !isTag(name, m[1]! + m[3]!.trim() + m[4]!)) continue;
      push(`<${m[1]}${name}${idOf(m[3]!)}${m[4]}>`, "code", m.index, m.index + m[0].length);
      links(m[3]!, m.index + m[0].indexOf(m[3]!));
    }
  }
  // Attributes can hold URLs and braces: read the rest with tags and entities blanked.
  let rest = blank(outsideCodes, ESCAPED_TAG, TAG, ENTITY);
  if (urls) {
    for (const m of rest.matchAll(URL_OR_MAIL)) {
      const cut = m[0].search(URL_END);
      const url = withoutTrailing(cut < 0 ? m[0] : m[0].slice(0, cut), URL_END_PUNCTUATION);
      push(urlKey(url), url.includes("@") && !/^(?:https?:\/\/|www\.)/iu.test(url) ? "mail" : "url", m.index, m.index + url.length);
    }
    rest = blank(rest, URL_OR_MAIL);
  }
  let icu: IcuMessage | { error: string } | undefined;
  if (hasIcuBranches(rest)) {
    const parsed = parseIcu(rest);
    icu = parsed;
    if ("arguments" in parsed) {
      for (const a of parsed.arguments) push(a.type && ["plural", "select", "selectordinal"].includes(a.type) ? `{${a.name}, ${a.type}}` : `{${a.name}}`, "icu", a.start, a.end);
      // Branch text stays; the argument syntax around it is read.
      const text = new Set<number>();
      for (const t of parsed.text) for (let k = t.start; k < t.end; k++) text.add(k);
      rest = rest.split("").map((c, k) => (text.has(k) || c === "\n" ? c : " ")).join("");
    }
  }
  if (!icu || !("arguments" in icu)) {
    for (const m of rest.matchAll(BRACES)) push(m[1] ? `{{${m[1]}}}` : `{${m[2]}${m[3] ? `, ${m[3]}` : ""}}`, "placeholder", m.index, m.index + m[0].length);
    rest = blank(rest, BRACES);
  }
  for (const m of rest.matchAll(PRINTF)) push(m[0], "printf", m.index, m.index + m[0].length);
  for (const m of blank(rest, PRINTF).matchAll(PERCENT_NAME)) push(m[0], "placeholder", m.index, m.index + m[0].length);
  return { items: items.sort((a, b) => a.start - b.start), ...(icu && { icu }), variants: /\|/u.test(rest) };
}

export interface ItemComparison {
  missing: string[];
  extra: Item[];
  /** A source item the target writes otherwise (one URL for another): [source key, target item]. */
  changed: [string, Item][];
  /** What makes the target's ICU message wrong, when the source's is right. */
  icuProblem?: string;
}

const positionless = (printf: string) => printf.replace(/^%\d+\$/u, "%");

/**
 * `masked`: the target's masked ranges. A reader that masks the target's inline codes but gives
 * the source as plain text leaves nothing to compare with: then items inside the target's masks
 * (tags, and placeholders inside <ph>) are not compared.
 */
export function compareItems(source: string, target: string, urls = true, masked: Span[] = []): ItemComparison {
  const src = itemsIn(source, urls);
  const tgt = itemsIn(target, urls);
  if (masked.length && !src.items.some((i) => i.kind === "code")) {
    tgt.items = tgt.items.filter((i) => !insideAny(masked, i));
  }
  // Positions are for reordering: "%2$s … %1$s" translates "%s … %s".
  if (!src.items.some((i) => i.kind === "printf" && /^%\d+\$/u.test(i.key))) for (const i of tgt.items) if (i.kind === "printf") i.key = positionless(i.key);
  const icuProblem = src.icu && "arguments" in src.icu ? icuProblemOf(src.icu, tgt.icu) : undefined;
  let missing: string[];
  let extra: Item[];
  if (src.icu || tgt.icu || src.variants || tgt.variants) {
    // Plural branches and variants repeat items a different number of times per language, and a
    // language with one plural form (ja, zh) writes one variant for the source's two.
    const srcKeys = new Set(src.items.map((i) => i.key));
    const tgtKeys = new Set(tgt.items.map((i) => i.key));
    missing = [...srcKeys].filter((k) => !tgtKeys.has(k));
    const reported = new Set<string>();
    extra = tgt.items.filter((i) => !srcKeys.has(i.key) && !reported.has(i.key) && reported.add(i.key));
  } else {
    const have = countKeys(tgt.items.map((i) => i.key));
    missing = [];
    for (const item of src.items) {
      const left = have.get(item.key) ?? 0;
      if (left > 0) have.set(item.key, left - 1);
      else missing.push(item.key);
    }
    const want = countKeys(src.items.map((i) => i.key));
    extra = [];
    for (const item of tgt.items) {
      const left = want.get(item.key) ?? 0;
      if (left > 0) want.set(item.key, left - 1);
      else extra.push(item);
    }
  }
  // The kind of a key is its first source item's (its address as written too); each key's glued occurrences are looked up once.
  const firstOf = new Map<string, Item>();
  for (const i of src.items) if (!firstOf.has(i.key)) firstOf.set(i.key, i);
  const kindOf = (key: string) => firstOf.get(key)?.kind;
  const isItem = coveredBy(tgt.items);
  const glued = new Map<string, boolean>();
  const gluedKey = (key: string) => glued.get(key) ?? glued.set(key, gluedIn(target, key, isItem)).get(key)!;
  missing = missing.filter((key) => !(kindOf(key) === "printf" && gluedKey(key)));
  const isExample = EXAMPLE.test(source);
  const changed: [string, Item][] = [];
  for (const kind of ["url", "mail"] as const) {
    const lost = missing.filter((k) => kindOf(k) === kind);
    const added = extra.filter((i) => i.kind === kind);
    if (!lost.length || lost.length !== added.length) continue;
    lost.forEach((key, n) => {
      const other = added[n]!;
      // Measured on the addresses as written: "www." → "rww." is one letter, though the keys leave "www." out.
      const distance = editDistance(asWritten(source, firstOf.get(key)!), asWritten(target, other), 2);
      // "exemple@email.com" for "example@email.com": the word "example" in the address translated is one letter, and meant.
      const translatedExample = EXAMPLE_WORD.test(key) && asWritten(source, firstOf.get(key)!).replace(EXAMPLE_WORD, "\u0000") === asWritten(target, other).replace(EXAMPLE_WORD, "\u0000");
      if (!translatedExample && !(distance >= 2 && (isExample || RESERVED_DOMAIN.test(key)))) changed.push([key, other]);
    });
    const lostKeys = new Set(lost);
    const addedItems = new Set(added);
    missing = missing.filter((k) => !lostKeys.has(k));
    extra = extra.filter((i) => !addedItems.has(i));
  }
  // An example address or URL shown as one (an input hint that is the whole source, or after “e.g.”) is content, not a code:
  // a translation may put words in its place. An example domain in running text stands for a real address and stays.
  const shownAsExample = (key: string) => {
    const item = firstOf.get(key)!;
    const around = `${source.slice(0, item.start)} ${source.slice(item.end)}`;
    return (!around.trim() || EXAMPLE.test(around)) && (EXAMPLE_WORD.test(key) || RESERVED_DOMAIN.test(key));
  };
  missing = missing.filter((key) => !((kindOf(key) === "url" || kindOf(key) === "mail") && shownAsExample(key)));
  return { missing, extra, changed, ...(icuProblem && { icuProblem }) };
}

/** A URL or address as the text writes it, in lower case, without its scheme. */
const asWritten = (text: string, item: Item) => text.slice(item.start, item.end).toLowerCase().replace(/^(?:https?:\/\/|mailto:)/u, "");

/** A printf of the source written against the next word in the target ("%snon", "%s的"), where no item is. */
function gluedIn(target: string, key: string, isItem: (offset: number) => boolean): boolean {
  for (let at = target.indexOf(key); at >= 0; at = target.indexOf(key, at + 1)) {
    if (!isItem(at)) return true;
  }
  return false;
}

/** The target's ICU message against the source's: valid, with every select branch of the source. */
function icuProblemOf(source: IcuMessage, target: IcuMessage | { error: string } | undefined): string | undefined {
  if (target === undefined) return undefined;
  if (!("arguments" in target)) return target.error;
  for (const a of source.arguments) {
    if (a.type !== "select") continue;
    const b = target.arguments.find((t) => t.name === a.name && t.type === "select");
    const lost = b ? a.selectors.filter((s) => !b.selectors.includes(s)) : [];
    if (lost.length) return `the select “${a.name}” lacks the ${lost.length === 1 ? "branch" : "branches"} ${listed(lost)}`;
  }
  return undefined;
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
        const plain = sourceOf(analysis);
        if (!plain) return;
        const source = rawSource?.trim() && !isKeySource(rawSource) ? rawSource : plain;
        const target = analysis.segment.target;
        // Every item needs one of these characters; "&" for tags written escaped in XML (&lt;x1/&gt;), whose "<" the raw text lacks.
        if (!/[%{<&@:.|]/u.test(source + target)) return;
        // A raw source (XLIFF, TMX; PO, CSV and JSONL give theirs as written) has its codes to compare with; a plain one leaves the target's masked codes out.
        const { missing, extra, changed, icuProblem } = compareItems(source, target, urls, rawSource === undefined ? masked : []);
        if (icuProblem) report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandMessage(spec.icuMessage ?? spec.message, [icuProblem]) });
        if (missing.length) {
          report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandMessage(spec.message, [listed(missing)]) });
        }
        for (const item of extra) {
          report(index, { start: item.start, end: item.end, spansMarkup: true, message: expandMessage(spec.extraMessage, [target.slice(item.start, item.end)]) });
        }
        for (const [key, item] of changed) {
          const text = target.slice(item.start, item.end);
          report(index, { start: item.start, end: item.end, spansMarkup: true, message: spec.changedMessage ? expandMessage(spec.changedMessage, [text, key]) : expandMessage(spec.extraMessage, [text]) });
        }
      },
    };
  },
};
