/**
 * `translation-consistency` (bilingual, document and corpus): within one file, the same source
 * translated differently — the minority target is flagged, the majority named (ties: the first) —
 * and the same target given for different sources (the later ones are flagged). Units are
 * sentence pairs when a segment's source and target have the same number of sentences, else
 * whole segments. Texts are compared with case, spacing and final punctuation normalised; units
 * of fewer than `minWords` target words are not compared for the second check (short answers
 * like "Yes" legitimately translate many sources).
 * Across the files of a run the same two checks run on compact units (hashes of the normalised
 * texts): `corpusUnits` keeps them per document, `acrossDocuments` compares them, and reports
 * only what the document check did not already report.
 */
import { createHash } from "node:crypto";
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { splitSentences, withoutTrailing } from "../analysis/text.js";
import { configError } from "../core/errors.js";
import type { CompiledRule, CorpusUnit, DraftCorpusUnit, RuleKind, RuleSpec } from "../core/rule.js";
import type { Span } from "../core/types.js";
import { expandTemplate } from "../engine/matcher.js";
import { sourceOf } from "./bilingual.js";

interface TranslationConsistencySpec extends RuleSpec {
  /** Message for one target given to different sources ($0 the target, $1 the other source). */
  sameTargetMessage: string;
  /** The two messages for findings across files; $2 is where the other translation is ("file:line"). */
  otherFileMessage?: string;
  otherFileSameTargetMessage?: string;
  minWords?: number;
}

interface Unit extends Span {
  segment: number;
  source: string;
  target: string;
}

/** A character of the final punctuation that normalising drops. */
const FINAL_PUNCTUATION = /[\s.。!！?？:：;；,，"”'’»」)）]/u;

const normalise = (text: string) => withoutTrailing(text.normalize("NFC").toLowerCase().replace(/\s+/gu, " "), FINAL_PUNCTUATION).trim();

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text).replace(/\s+/gu, " ");

/** 72 bits of a hash: units of millions of segments are grouped without keeping their texts. */
const keyOf = (normalised: string) => createHash("sha1").update(normalised).digest("base64").slice(0, 12);

/** Sentence pairs by position when both sides have as many sentences, else the whole segment. */
function unitsOf(analysis: SegmentAnalysis, segment: number): Unit[] {
  const source = sourceOf(analysis);
  const target = analysis.segment.target;
  if (!source || !/\p{L}/u.test(source) || !target.trim()) return [];
  const srcSentences = splitSentences(source);
  const tgtSentences = splitSentences(target);
  if (srcSentences.length > 1 && srcSentences.length === tgtSentences.length) {
    return tgtSentences.map((t, i) => ({ segment, start: t.start, end: t.end, source: source.slice(srcSentences[i]!.start, srcSentences[i]!.end), target: target.slice(t.start, t.end) }));
  }
  const start = target.length - target.trimStart().length;
  return [{ segment, start, end: target.trimEnd().length, source, target: target.trim() }];
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

/** Same source, different targets: each unit outside its source's most frequent target (ties: the first), with that majority. */
function minorityTargets<U>(units: U[], sourceKey: (u: U) => string, targetKey: (u: U) => string): Map<U, U[]> {
  const flagged = new Map<U, U[]>();
  for (const same of groupBy(units, sourceKey).values()) {
    const targets = groupBy(same, targetKey);
    if (targets.size < 2) continue;
    const majority = [...targets.values()].reduce((best, c) => (c.length > best.length ? c : best));
    for (const group of targets.values()) if (group !== majority) for (const u of group) flagged.set(u, majority);
  }
  return flagged;
}

/** Same target, different sources: each later unit (not `skipped`) whose source differs from the first one's, with that first. */
function reusedTargets<U>(units: U[], sourceKey: (u: U) => string, targetKey: (u: U) => string, skipped: (u: U) => boolean): Map<U, U> {
  const flagged = new Map<U, U>();
  for (const same of groupBy(units, targetKey).values()) {
    const first = same[0]!;
    for (const u of same.slice(1)) if (!skipped(u) && sourceKey(u) !== sourceKey(first)) flagged.set(u, first);
  }
  return flagged;
}

/** A document's units, and those the document check flags (with the majority, or the first unit of the same target). */
function checkUnits(analyses: SegmentAnalysis[], minWords: number) {
  const units = analyses.flatMap(unitsOf).filter((u) => /\p{L}/u.test(normalise(u.source)));
  const source = (u: Unit) => normalise(u.source);
  const target = (u: Unit) => normalise(u.target);
  const differentTarget = minorityTargets(units, source, target);
  const long = units.filter((u) => target(u).split(" ").length >= minWords);
  const sameTarget = reusedTargets(long, source, target, (u) => differentTarget.has(u));
  return { units, differentTarget, sameTarget, long: new Set(long) };
}

export interface CorpusMessages {
  otherFileMessage: string;
  otherFileSameTargetMessage: string;
}

/** How `acrossDocuments` sees the items it compares (indexes, say, so that no object is made per unit). */
export interface CorpusView<I> {
  unit(item: I): CorpusUnit;
  /** Documents are numbered in run order. */
  document(item: I): number;
  messages(item: I): CorpusMessages;
  /** Where an item is, for messages ("file:line"). */
  where(item: I): string;
}

/**
 * Across documents (items in run order): a unit is flagged when its target is not the run's
 * majority for its source, or when an earlier document gave its target to a different source —
 * unless its own document already flagged it.
 */
export function acrossDocuments<I>(items: I[], view: CorpusView<I>): { item: I; message: string }[] {
  const source = (i: I) => view.unit(i).sourceKey;
  const target = (i: I) => view.unit(i).targetKey;
  const found = new Map<I, string>();
  for (const [i, majority] of minorityTargets(items, source, target)) {
    const other = majority.find((m) => view.document(m) !== view.document(i));
    if (view.unit(i).flagged || other === undefined) continue;
    found.set(i, expandTemplate(view.messages(i).otherFileMessage, [shorten(view.unit(other).text), String(majority.length), view.where(other)]));
  }
  const long = items.filter((i) => !view.unit(i).short);
  for (const [i, first] of reusedTargets(long, source, target, (j) => view.unit(j).flagged || found.has(j))) {
    found.set(i, expandTemplate(view.messages(i).otherFileSameTargetMessage, [shorten(view.unit(i).text), view.unit(first).source, view.where(first)]));
  }
  return items.filter((i) => found.has(i) && !view.unit(i).quiet).map((item) => ({ item, message: found.get(item)! }));
}

export const translationConsistencyKind: RuleKind = {
  name: "translation-consistency",
  fixes: () => "none",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as TranslationConsistencySpec;
    const minWords = spec.minWords ?? 3;
    const acrossFiles = env.options.acrossFiles ?? true;
    if (typeof acrossFiles !== "boolean") throw configError("options.acrossFiles must be true or false", { file: env.file, pointer: `${env.pointer}/options/acrossFiles` });
    // lint() runs the document check, then the engine asks for the same analyses' corpus units.
    const checked = new WeakMap<SegmentAnalysis[], ReturnType<typeof checkUnits>>();
    const check = (analyses: SegmentAnalysis[]) => {
      if (!checked.has(analyses)) checked.set(analyses, checkUnits(analyses, minWords));
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
          if (majority) report(u.segment, { ...at(u), message: expandTemplate(spec.message, [shorten(majority[0]!.target), String(majority.length)]) });
          else if (first) report(u.segment, { ...at(u), message: expandTemplate(spec.sameTargetMessage, [shorten(u.target), shorten(first.source)]) });
        }
      },
      ...(acrossFiles && {
        corpus: {
          otherFileMessage: spec.otherFileMessage ?? spec.message,
          otherFileSameTargetMessage: spec.otherFileSameTargetMessage ?? spec.sameTargetMessage,
          units(analyses): DraftCorpusUnit[] {
            const { units, differentTarget, sameTarget, long } = check(analyses);
            return units.map((u) => ({
              segment: u.segment,
              start: u.start,
              end: u.end,
              sourceKey: keyOf(normalise(u.source)),
              targetKey: keyOf(normalise(u.target)),
              source: shorten(u.source),
              flagged: differentTarget.has(u) || sameTarget.has(u),
              short: !long.has(u),
            }));
          },
        },
      }),
    };
  },
};
