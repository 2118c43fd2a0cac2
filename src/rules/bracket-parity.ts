/**
 * `bracket-parity` (bilingual): brackets and quotation marks that do not balance in the target
 * while every kind balances in the source — a closing mark lost or an opening one left over. Any
 * language: marks are counted by class, so the target may use other marks than the source
 * (“…” for «…», （…） for (…)). A class balances when its opening and closing marks are as many;
 * double quotation marks (“ ” „ ‟, whose roles differ between languages) and straight ones when
 * there is an even number. A source that does not balance is a fragment (a sentence split in two
 * units): nothing is compared. List labels opening a line ("1)", "b)") and smileys are not brackets; markup,
 * URLs and placeholders are not read. A mark standing alone at the target's start or end, a space between
 * it and the words ("Werk „", "“ hervorheben"), quotes a value the program puts beside the string: not counted.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { expandMessage } from "../engine/matcher.js";
import { blankSpans, proseOf, sourceOf, wholeTarget } from "./support/bilingual.js";

interface MarkClass {
  opening: string;
  closing: string;
}

/** Opening and closing marks of each class; a class with no closing marks balances by parity. */
const CLASSES: MarkClass[] = [
  { opening: "(（", closing: ")）" },
  { opening: "[［【〔", closing: "]］】〕" },
  { opening: "「", closing: "」" },
  { opening: "『", closing: "』" },
  { opening: "«", closing: "»" },
  { opening: "‹", closing: "›" },
  { opening: "“”„‟", closing: "" },
  { opening: '"', closing: "" },
];

/** ":)", ";-)", "=(" are faces; "1)", "b)", "iv)" opening a line are list labels. */
const NOT_A_BRACKET = /[:;=][-^']?[()]|^[ \t]*(?:\d{1,3}[a-z]?|\p{L}|[ivx]{1,5})\.?\)/gmu;

/** A closing mark alone at the start or an opening one alone at the end of a string, spaced from its words: it wraps what the program inserts there (French « … » spaced inside is no such mark). */
const EDGE_MARK = /^\s*[)）\]»›“”"](?=\s)|(?<=\s)[(（[«‹“„‟"]\s*$/gu;

/** The prose with the edge marks of the target as written blanked (read there: a masked URL before a bracket is no space). */
function withoutEdgeMarks(prose: string, written: string): string {
  if (prose.length !== written.length) return prose;
  return blankSpans(prose, [...written.matchAll(EDGE_MARK)].map((m) => ({ start: m.index, end: m.index + m[0].length })));
}

/** How far each class is from balancing: opening minus closing marks, or 1 for an odd number of marks that do both. */
export function imbalance(text: string): number[] {
  const prose = text.replace(NOT_A_BRACKET, (m) => " ".repeat(m.length));
  return CLASSES.map(({ opening, closing }) => {
    let open = 0;
    let close = 0;
    for (const c of prose) {
      if (opening.includes(c)) open++;
      else if (closing.includes(c)) close++;
    }
    return closing ? open - close : open % 2;
  });
}

export const bracketParityKind: RuleKind = {
  name: "bracket-parity",
  fixes: () => "none",
  compile(spec: RuleSpec): CompiledRule {
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const source = sourceOf(analysis);
        if (!source) return;
        const target = analysis.text;
        if (!/[()（）[\]［］【】〔〕「」『』«»‹›“”„‟"]/u.test(target)) return;
        if (imbalance(proseOf(source)).some((n) => n !== 0)) return;
        const prose = proseOf(target);
        if (imbalance(prose).every((n) => n === 0)) return;
        // An edge mark may explain an imbalance, never make one: “said - " Oh? "” ends with a closing mark, not a value's.
        const off = imbalance(withoutEdgeMarks(prose, analysis.segment.target));
        const k = off.findIndex((n) => n !== 0);
        if (k < 0) return;
        const { opening, closing } = CLASSES[k]!;
        const marks = closing ? `${opening[0]}…${closing[0]}` : `${opening[0]}…${opening.length > 1 ? opening[1] : opening[0]}`;
        const detail = closing && off[k]! < 0 ? `a closing “${closing[0]}” without its opening mark` : `“${marks}” not closed`;
        report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandMessage(spec.message, [detail]) });
      },
    };
  },
};
