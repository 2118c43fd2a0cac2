/**
 * `length-limit`: a target longer than the file allows (XLIFF 1.2 maxwidth with size-unit="char"
 * or "byte", read into Segment.maxLength). The length is what a reader sees: markup does not
 * count, a character reference counts as its character (and in bytes, as that character's UTF-8).
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { shownReference } from "../analysis/references.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { expandMessage } from "../engine/matcher.js";
import { wholeTarget } from "./support/bilingual.js";

/** Characters (or bytes of UTF-8) of the target as shown: unmasked text, and each masked character reference as its character. */
export function shownLength(analysis: SegmentAnalysis, unit: "char" | "byte" = "char"): number {
  const { target, masked = [] } = analysis.segment;
  const measure = unit === "byte" ? utf8Length : (s: string) => [...s].length;
  let length = measure(target);
  for (const m of masked) {
    const raw = target.slice(m.start, m.end);
    length -= measure(raw);
    const shown = shownReference(raw, "", "");
    if (shown !== undefined) length += unit === "byte" ? utf8Length(shown) : 1;
  }
  return length;
}

/** Bytes of a text in UTF-8 (a lone surrogate counts as the three bytes of its replacement). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return bytes;
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
        const unit = analysis.segment.maxLengthUnit ?? "char";
        const length = shownLength(analysis, unit);
        if (length > limit) report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandMessage(spec.message, [String(length), String(limit), unit === "byte" ? "bytes" : "characters"]) });
      },
    };
  },
};
