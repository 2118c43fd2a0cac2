/**
 * `translation-consistency` (bilingual, document and corpus): within one file, the same source
 * translated two ways where one is clearly a slip — a target given once, where another is given at
 * least twice and differs from it by a term, a case or a letter (nine tenths of the letters the
 * same; two wordings, each right where it is shown, are not reported) — and one target given for
 * two sources where one source says more (its content words are the other's and one or two more:
 * "New Creditcard Channel Frontend" translated as "Creditcard Channel Frontend" is; when the target's
 * length, at the file's median ratios of target to source in characters and in words, fits the
 * longer source by both, the shorter source's unit is the one reported: it took a translation that
 * says more). Units are
 * sentence pairs when a segment's source and target have the same number of sentences, else whole
 * segments; units whose source has fewer than `minSourceWords` words are not compared (a label's
 * translation depends on where it is shown), nor units of fewer than `minWords` target words for
 * the second check. Texts are compared with spacing and final punctuation normalised, case kept,
 * and only within one target language.
 * Across the files of a run the same two checks run on compact units (hashes of the normalised
 * texts, the content words): `corpusUnits` keeps them per document, `acrossDocuments` compares
 * them, and reports only what the document check did not already report.
 */
import { createHash } from "node:crypto";
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { editDistance, splitSentences, withoutTrailing } from "../analysis/text.js";
import { configError } from "../core/errors.js";
import type { CorpusView, DraftCorpusUnit, RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import type { Span } from "../core/types.js";
import { expandMessage, quoteForMessage } from "../engine/matcher.js";
import { stopwords } from "../analysis/natural.js";
import { primary, sourceOf } from "./support/bilingual.js";

interface TranslationConsistencySpec extends RuleSpec {
  /** Message for one target given to different sources ($0 the target, $1 the other source). */
  sameTargetMessage: string;
  /** The two messages for findings across files; $2 is where the other translation is ("file:line"). */
  otherFileMessage?: string;
  otherFileSameTargetMessage?: string;
  minWords?: number;
  /** Units whose source has fewer words are not compared (default 3). */
  minSourceWords?: number;
}

interface Unit extends Span {
  segment: number;
  source: string;
  target: string;
  /** The target language: units of different languages are never compared. */
  language: string;
  /** The source's content words, sorted. */
  content: string;
  /** The unit's context (PO msgctxt): one source in two contexts may be translated two ways. */
  context: string;
}

/** A character of the final punctuation that normalising drops. */
const FINAL_PUNCTUATION = /[\s.。!！?？:：;；,，"”'’»」)）]/u;

/** Spacing and final punctuation do not make another text; case does ("Save" and "save" are two spellings of one string). */
const normalise = (text: string) => withoutTrailing(text.normalize("NFC").replace(/\s+/gu, " "), FINAL_PUNCTUATION).trim();

/**
 * Two translations of one source that are one translation written two ways (a term, a case, a
 * word or a letter changed: nine tenths of the letters the same), not two wordings for two contexts.
 */
function variants(a: string, b: string): boolean {
  const [x, y] = [normalise(a).toLowerCase(), normalise(b).toLowerCase()];
  const allowed = Math.max(1, Math.floor(Math.max(x.length, y.length) / 10));
  return editDistance(x, y, allowed + 1) <= allowed;
}

/** The content words of a source that says more than another: its words, and one or two more (a word the shared target lost). */
function saysMore(more: string, less: string): boolean {
  const [a, b] = [more.split(" "), new Set(less.split(" "))];
  const extra = a.filter((w) => !b.has(w));
  return b.size > 0 && [...b].every((w) => a.includes(w)) && extra.length >= 1 && extra.length <= 2;
}

/** Content words kept per corpus unit: enough for the sources of interface strings. */
const MAX_CONTENT = 200;

/** 72 bits of a hash: units of millions of segments are grouped without keeping their texts. */
const keyOf = (normalised: string) => createHash("sha1").update(normalised).digest("base64").slice(0, 12);

/** Words that do not change what a message says: function words of English and of the source's language, and politeness. */
const POLITENESS = new Set(["please", "kindly"]);
function contentOf(source: string, sourceLanguage: string | undefined): string {
  const words = source.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  const ignored = [stopwords("en"), stopwords(sourceLanguage ?? "en")];
  // A plural "s" does not make another message of a label ("file" and "files").
  return [...new Set(words.filter((w) => !POLITENESS.has(w) && !ignored.some((set) => set.has(w))).map((w) => w.replace(/(?<=\p{L}{3})s$/u, "")))].sort().join(" ");
}

/** Sentence pairs by position when both sides have as many sentences, else the whole segment; only those of `minSourceWords` source words. */
function unitsOf(analysis: SegmentAnalysis, segment: number, minSourceWords: number): Unit[] {
  const source = sourceOf(analysis);
  const target = analysis.segment.target;
  if (!source || !/\p{L}/u.test(source) || !target.trim()) return [];
  const language = primary(analysis.language) ?? "";
  const sourceLanguage = primary(analysis.segment.srcLang);
  const context = analysis.segment.context ?? "";
  const unit = (start: number, end: number, src: string): Unit => ({ segment, start, end, source: src, target: target.slice(start, end).trim(), language, content: contentOf(src, sourceLanguage), context });
  const srcSentences = splitSentences(source);
  const tgtSentences = splitSentences(target);
  const units =
    srcSentences.length > 1 && srcSentences.length === tgtSentences.length
      ? tgtSentences.map((t, i) => unit(t.start, t.end, source.slice(srcSentences[i]!.start, srcSentences[i]!.end)))
      : [unit(target.length - target.trimStart().length, target.trimEnd().length, source)];
  return units.filter((u) => (u.source.match(/[\p{L}\p{N}]+/gu) ?? []).length >= minSourceWords);
}

function groupBy<U>(units: Iterable<U>, key: (u: U) => string): Map<string, U[]> {
  const groups = new Map<string, U[]>();
  for (const u of units) {
    const group = groups.get(key(u));
    if (group) group.push(u);
    else groups.set(key(u), [u]);
  }
  return groups;
}

/** Same source, different targets: each target given once where the source's most frequent one is given at least twice and `alike` it, with that majority. */
function minorityTargets<U>(units: U[], sourceKey: (u: U) => string, targetKey: (u: U) => string, alike: (outlier: U, majority: U) => boolean): Map<U, U[]> {
  const flagged = new Map<U, U[]>();
  for (const same of groupBy(units, sourceKey).values()) {
    const targets = groupBy(same, targetKey);
    if (targets.size < 2) continue;
    const majority = [...targets.values()].reduce((best, c) => (c.length > best.length ? c : best));
    if (majority.length < 2) continue;
    for (const group of targets.values()) if (group !== majority && group.length === 1 && alike(group[0]!, majority[0]!)) flagged.set(group[0]!, majority);
  }
  return flagged;
}

/**
 * Same target, different sources: each unit (not `skipped`) whose source says more than another's of the same target, with that other —
 * or, when `fitsMore` says the shared target is the longer source's translation (the other unit took a translation that says more
 * than its source), the units of the other source, with this one.
 */
function reusedTargets<U>(units: U[], content: (u: U) => string, targetKey: (u: U) => string, skipped: (u: U) => boolean, fitsMore?: (more: U, less: U) => boolean): Map<U, U> {
  const flagged = new Map<U, U>();
  const wordCount = (c: string) => new Set(c.split(" ")).size;
  for (const same of groupBy(units, targetKey).values()) {
    // saysMore depends on the contents only, and the other content has one or two distinct words fewer: each
    // distinct content is compared once, with the first unit of each content of those sizes (not with every unit).
    const firstBySize = new Map<number, { content: string; unit: U; order: number }[]>();
    [...groupBy(same, content)].forEach(([c, [unit]], order) => {
      const size = wordCount(c);
      (firstBySize.get(size) ?? firstBySize.set(size, []).get(size)!).push({ content: c, unit: unit!, order });
    });
    const answers = new Map<string, U | undefined>();
    const firstSayingLess = (c: string) => {
      const size = wordCount(c);
      let best: { unit: U; order: number } | undefined;
      for (const other of [...(firstBySize.get(size - 1) ?? []), ...(firstBySize.get(size - 2) ?? [])]) {
        if ((!best || other.order < best.order) && saysMore(c, other.content)) best = other;
      }
      return best?.unit;
    };
    for (const u of same) {
      if (skipped(u)) continue;
      const c = content(u);
      if (!answers.has(c)) answers.set(c, firstSayingLess(c));
      const other = answers.get(c);
      if (!other) continue;
      if (!fitsMore?.(u, other)) flagged.set(u, other);
      else for (const v of same) if (content(v) === content(other) && !skipped(v)) flagged.set(v, u);
    }
  }
  return flagged;
}

/** A document's units, and those the document check flags (with the majority, or the first unit of the same target). */
function checkUnits(analyses: SegmentAnalysis[], minWords: number, minSourceWords: number) {
  const units = analyses.flatMap((a, i) => unitsOf(a, i, minSourceWords)).filter((u) => /\p{L}/u.test(normalise(u.source)));
  const source = (u: Unit) => `${u.language}\u0000${u.context}\u0000${normalise(u.source)}`;
  const target = (u: Unit) => `${u.language}\u0000${normalise(u.target)}`;
  const differentTarget = minorityTargets(units, source, target, (a, b) => variants(a.target, b.target));
  const long = units.filter((u) => normalise(u.target).split(" ").length >= minWords && u.content);
  // Which source the shared target translates: the one whose length, at the file's usual ratio of target to source, is nearer the
  // target's — in characters and in words both (a language without articles gains words in English, one with long words loses them).
  const words = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  const measures = [(text: string) => normalise(text).length, words];
  const fits = measures.map((size) => {
    const ratios = units.map((u) => size(u.target) / Math.max(1, size(u.source))).sort((a, b) => a - b);
    const ratio = ratios.length ? ratios[Math.floor(ratios.length / 2)]! : 1;
    return (target: string, src: string) => Math.abs(size(target) - ratio * size(src));
  });
  const fitsMore = (more: Unit, less: Unit) => fits.every((miss) => miss(more.target, more.source) < miss(more.target, less.source));
  const sameTarget = reusedTargets(long, (u) => u.content, target, (u) => differentTarget.has(u), fitsMore);
  return { units, differentTarget, sameTarget, long: new Set(long), source, target };
}

/**
 * Across documents (items in run order): a unit is flagged when its target is not the run's
 * majority for its source, or when an earlier document gave its target to a different source —
 * unless its own document already flagged it.
 */
function acrossDocuments<I>(items: I[], view: CorpusView<I>): { item: I; message: string }[] {
  const source = (i: I) => view.unit(i).sourceKey;
  const target = (i: I) => view.unit(i).targetKey;
  const found = new Map<I, string>();
  for (const [i, majority] of minorityTargets(items, source, target, (a, b) => variants(view.unit(a).text, view.unit(b).text))) {
    const other = majority.find((m) => view.document(m) !== view.document(i));
    if (view.unit(i).flagged || other === undefined) continue;
    found.set(i, expandMessage(view.messages(i).otherFileMessage!, [view.unit(other).text, String(majority.length), view.where(other)]));
  }
  const long = items.filter((i) => !view.unit(i).short);
  for (const [i, first] of reusedTargets(long, (j) => view.unit(j).content, target, (j) => view.unit(j).flagged || found.has(j))) {
    found.set(i, expandMessage(view.messages(i).otherFileSameTargetMessage!, [view.unit(i).text, view.unit(first).source, view.where(first)]));
  }
  return items.filter((i) => found.has(i) && !view.unit(i).quiet).map((item) => ({ item, message: found.get(item)! }));
}

export const translationConsistencyKind: RuleKind = {
  name: "translation-consistency",
  fixes: () => "none",
  acrossDocuments,
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as TranslationConsistencySpec;
    const minWords = spec.minWords ?? 3;
    const minSourceWords = spec.minSourceWords ?? 3;
    const acrossFiles = env.options.acrossFiles ?? true;
    if (typeof acrossFiles !== "boolean") throw configError("options.acrossFiles must be true or false", { file: env.file, pointer: `${env.pointer}/options/acrossFiles` });
    // lint() runs the document check, then the engine asks for the same analyses' corpus units.
    const checked = new WeakMap<SegmentAnalysis[], ReturnType<typeof checkUnits>>();
    const check = (analyses: SegmentAnalysis[]) => {
      if (!checked.has(analyses)) checked.set(analyses, checkUnits(analyses, minWords, minSourceWords));
      return checked.get(analyses)!;
    };
    const at = (u: Unit) => ({ start: u.start, end: u.end, spansMarkup: true });
    return {
      spec,
      checkDocument(_document, analyses, report) {
        const { units, differentTarget, sameTarget } = check(analyses);
        for (const u of units) {
          const majority = differentTarget.get(u);
          const first = sameTarget.get(u);
          if (majority) report(u.segment, { ...at(u), message: expandMessage(spec.message, [majority[0]!.target, String(majority.length)]) });
          else if (first) report(u.segment, { ...at(u), message: expandMessage(spec.sameTargetMessage, [u.target, first.source]) });
        }
      },
      ...(acrossFiles && {
        corpus: {
          messages: {
            otherFileMessage: spec.otherFileMessage ?? spec.message,
            otherFileSameTargetMessage: spec.otherFileSameTargetMessage ?? spec.sameTargetMessage,
          },
          units(analyses): DraftCorpusUnit[] {
            const { units, differentTarget, sameTarget, long, source, target } = check(analyses);
            return units.map((u) => ({
              segment: u.segment,
              start: u.start,
              end: u.end,
              sourceKey: keyOf(source(u)),
              targetKey: keyOf(target(u)),
              content: u.content.slice(0, MAX_CONTENT),
              source: quoteForMessage(u.source),
              flagged: differentTarget.has(u) || sameTarget.has(u),
              short: !long.has(u),
            }));
          },
        },
      }),
    };
  },
};
