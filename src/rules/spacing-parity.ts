/**
 * `spacing-parity` (bilingual): spaces at the edges of the target, and doubled spaces inside it,
 * that the source does not have — or a leading or trailing space of the source the target lost
 * (strings joined in code need it). Only plain spaces and tabs count: a run with a line break is
 * layout (indented XML, wrapped PO text), and no-break spaces are typography. Sources are read as
 * written (`rawSource`), since a reader's plain source may hold two spaces where a tag was; spaces
 * in the target's masked ranges (markup) are not counted. A trailing space is not reported where the
 * source's bracket stays open (a sentence split at "(see", which the next unit continues).
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { trailingRunStart } from "../analysis/text.js";
import { overlapsAny } from "../core/spans.js";
import type { Span } from "../core/types.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";
import { isKeySource, proseOf } from "./support/bilingual.js";
import { imbalance } from "./bracket-parity.js";

interface SpacingParitySpec extends RuleSpec {
  /** Messages for a space the target lacks, at its start ($0 "start") or end ($0 "end"). */
  missingMessage: string;
  /** Message for a doubled space. */
  doubledMessage: string;
}

/** Spaces and tabs, not line breaks. */
/** A run of spaces at the text's start or end: its offset and text. */
type Edge = { index: number; 0: string } | null;
const leading = (text: string): Edge => /^[ \t]+/u.exec(text);
/** By a backward scan: /[ \t]+$/ would rescan a long run of spaces inside the text from each of them. */
const trailing = (text: string): Edge => {
  const start = trailingRunStart(text, /[ \t]/u);
  return start < text.length ? { index: start, 0: text.slice(start) } : null;
};
const DOUBLED = /(?<![ \t\n\r])[ \t]{2,}(?![ \t\n\r])/gu;
const HAS_DOUBLED = new RegExp(DOUBLED.source, "u");

const inMask = (masked: Span[] | undefined, start: number, end: number) => (masked ? overlapsAny(masked, { start, end }) : false);

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
        const edge = (find: (text: string) => Edge, where: "start" | "end") => {
          const inTarget = find(target);
          const inSource = find(source);
          // Both sides have one, or the run touches a line break (layout): nothing to say.
          if (Boolean(inTarget) === Boolean(inSource)) return;
          const touchesBreak = (text: string) => (where === "start" ? /^[ \t]*[\r\n]/u : /[\r\n][ \t]*$/u).test(text);
          if (touchesBreak(target) || touchesBreak(source)) return;
          if (inTarget) {
            const span = { start: inTarget.index, end: inTarget.index + inTarget[0].length };
            // A source whose bracket stays open ("(см.") goes on in the next unit: the space joins the translation to it.
            if (inMask(masked, span.start, span.end) || (where === "end" && imbalance(proseOf(source)).some((n) => n > 0))) return;
            report(index, { ...span, message: expandMessage(spec.message, [where]), fix: makeFix(target, span, "", "safe", `Delete the space at the ${where}`) });
            return;
          }
          // The first or last word is flagged; the fix adds the space beside it.
          const word = where === "start" ? { start: 0, end: /^\S+/u.exec(target)![0].length } : { start: trailingRunStart(target, /\S/u), end: target.length };
          const at = where === "start" ? 0 : target.length;
          const space = inSource![0];
          report(index, {
            ...word,
            message: expandMessage(spec.missingMessage, [where]),
            fix: { title: `Add the source's space at the ${where}`, applicability: "safe", edits: [{ start: at, end: at, text: space, expected: "" }] },
          });
        };
        edge(leading, "start");
        edge(trailing, "end");
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
