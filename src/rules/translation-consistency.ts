/**
 * `translation-consistency` (bilingual, document): within one file, the same source translated
 * differently — the minority target is flagged, the majority named (ties: the first) — and the
 * same target given for different sources (the later ones are flagged). Units are sentence
 * pairs when a segment's source and target have the same number of sentences, else whole
 * segments. Texts are compared with case, spacing and final punctuation normalised; units of
 * fewer than `minWords` target words are not compared for the second check (short answers
 * like "Yes" legitimately translate many sources).
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { splitSentences } from "../analysis/text.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import type { Span } from "../core/types.js";
import { expandTemplate } from "../engine/matcher.js";
import { sourceOf } from "./bilingual.js";

interface TranslationConsistencySpec extends RuleSpec {
  /** Message for one target given to different sources ($0 the target, $1 the other source). */
  sameTargetMessage: string;
  minWords?: number;
}

interface Unit extends Span {
  segment: number;
  source: string;
  target: string;
}

const normalise = (text: string) =>
  text.normalize("NFC").toLowerCase().replace(/\s+/gu, " ").replace(/[\s.。!！?？:：;；,，"”'’»」)）]+$/u, "").trim();

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text).replace(/\s+/gu, " ");

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

export const translationConsistencyKind: RuleKind = {
  name: "translation-consistency",
  fixes: () => "none",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as TranslationConsistencySpec;
    const minWords = spec.minWords ?? 3;
    return {
      spec,
      checkDocument(_document, analyses: SegmentAnalysis[], report) {
        const units = analyses.flatMap(unitsOf).filter((u) => /\p{L}/u.test(normalise(u.source)));
        const group = (by: (u: Unit) => string) => {
          const groups = new Map<string, Unit[]>();
          for (const u of units) groups.set(by(u), [...(groups.get(by(u)) ?? []), u]);
          return groups;
        };
        const flagged = new Set<Unit>();
        const at = (u: Unit) => ({ start: u.start, end: u.end, spansMarkup: true });
        for (const same of group((u) => normalise(u.source)).values()) {
          const targets = new Map<string, Unit[]>();
          for (const u of same) targets.set(normalise(u.target), [...(targets.get(normalise(u.target)) ?? []), u]);
          if (targets.size < 2) continue;
          const [, majority] = [...targets].reduce((best, c) => (c[1].length > best[1].length ? c : best));
          for (const units of targets.values()) {
            if (units === majority) continue;
            for (const u of units) {
              flagged.add(u);
              report(u.segment, { ...at(u), message: expandTemplate(spec.message, [shorten(majority[0]!.target), String(majority.length)]) });
            }
          }
        }
        for (const [target, same] of group((u) => normalise(u.target))) {
          if (target.split(" ").length < minWords) continue;
          const first = same[0]!;
          for (const u of same.slice(1)) {
            if (flagged.has(u) || normalise(u.source) === normalise(first.source)) continue;
            report(u.segment, { ...at(u), message: expandTemplate(spec.sameTargetMessage, [shorten(u.target), shorten(first.source)]) });
          }
        }
      },
    };
  },
};
