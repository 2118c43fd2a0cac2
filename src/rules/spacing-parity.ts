/**
 * `spacing-parity` (bilingual): spaces at the edges of the target, and doubled spaces inside it,
 * that the source does not have — or a leading or trailing space of the source the target lost
 * (strings joined in code need it). Only plain spaces and tabs count: a run with a line break is
 * layout (indented XML, wrapped PO text), and no-break spaces are typography. Sources are read as
 * written (`rawSource`), since a reader's plain source may hold two spaces where a tag was; spaces
 * in the target's masked ranges (markup) are not counted.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import type { Span } from "../core/types.js";
import { makeFix } from "../engine/fixes.js";
import { expandTemplate } from "../engine/matcher.js";
import { isKeySource } from "./bilingual.js";

interface SpacingParitySpec extends RuleSpec {
  /** Messages for a space the target lacks, at its start ($0 "start") or end ($0 "end"). */
  missingMessage: string;
  /** Message for a doubled space. */
  doubledMessage: string;
}

/** Spaces and tabs, not line breaks. */
const LEADING = /^[ \t]+/u;
const TRAILING = /[ \t]+$/u;
const DOUBLED = /(?<![ \t\n\r])[ \t]{2,}(?![ \t\n\r])/gu;
const HAS_DOUBLED = new RegExp(DOUBLED.source, "u");

const inMask = (masked: Span[] | undefined, start: number, end: number) => masked?.some((m) => m.start < end && start < m.end) ?? false;

export const spacingParityKind: RuleKind = {
  name: "spacing-parity",
  fixes: () => "safe",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as SpacingParitySpec;
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const { target, masked, rawSource } = analysis.segment;
        const source = rawSource ?? analysis.segment.source;
        if (source === undefined || !source.trim() || !target.trim() || isKeySource(source)) return;
        const edge = (re: RegExp, where: "start" | "end") => {
          const inTarget = re.exec(target);
          const inSource = re.exec(source);
          // Both sides have one, or the run touches a line break (layout): nothing to say.
          if (Boolean(inTarget) === Boolean(inSource)) return;
          const touchesBreak = (text: string) => (where === "start" ? /^[ \t]*[\r\n]/u : /[\r\n][ \t]*$/u).test(text);
          if (touchesBreak(target) || touchesBreak(source)) return;
          if (inTarget) {
            const span = { start: inTarget.index, end: inTarget.index + inTarget[0].length };
            if (inMask(masked, span.start, span.end)) return;
            report(index, { ...span, message: expandTemplate(spec.message, [where]), fix: makeFix(target, span, "", "safe", `Delete the space at the ${where}`) });
            return;
          }
          // The first or last word is flagged; the fix adds the space beside it.
          const word = (where === "start" ? /^\S+/u : /\S+$/u).exec(target)!;
          const at = where === "start" ? 0 : target.length;
          const space = inSource![0];
          report(index, {
            start: word.index,
            end: word.index + word[0].length,
            message: expandTemplate(spec.missingMessage, [where]),
            fix: { title: `Add the source's space at the ${where}`, applicability: "safe", edits: [{ start: at, end: at, text: space, expected: "" }] },
          });
        };
        edge(LEADING, "start");
        edge(TRAILING, "end");
        if (HAS_DOUBLED.test(source.trim())) return;
        const trimmedStart = target.length - target.trimStart().length;
        const trimmedEnd = target.trimEnd().length;
        for (const m of target.matchAll(DOUBLED)) {
          const start = m.index;
          const end = start + m[0].length;
          if (start < trimmedStart || end > trimmedEnd || inMask(masked, start, end)) continue;
          report(index, { start, end, message: spec.doubledMessage, fix: makeFix(target, { start, end }, " ", "safe", "Replace the doubled space with one") });
        }
      },
    };
  },
};
