/**
 * `length-limit`: a target longer than the file allows (XLIFF 1.2 maxwidth with size-unit="char",
 * read into Segment.maxLength). The length is what a reader sees: markup does not count, a
 * character reference counts as its character.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { shownReference } from "../analysis/references.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { expandMessage } from "../engine/matcher.js";
import { wholeTarget } from "./bilingual.js";

/** Characters of the target as shown: unmasked text, and one for each masked character reference. */
export function shownLength(analysis: SegmentAnalysis): number {
  const { target, masked = [] } = analysis.segment;
  let length = [...target].length;
  for (const m of masked) {
    const raw = target.slice(m.start, m.end);
    length -= [...raw].length;
    if (shownReference(raw, "", "") !== undefined) length++;
  }
  return length;
}

export const lengthLimitKind: RuleKind = {
  name: "length-limit",
  fixes: () => "none",
  compile(spec: RuleSpec): CompiledRule {
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const limit = analysis.segment.maxLength;
        if (limit === undefined) return;
        const length = shownLength(analysis);
        if (length > limit) report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandMessage(spec.message, [String(length), String(limit)]) });
      },
    };
  },
};
