/**
 * `case-parity` (bilingual): the target's first letter in the other case than the source's — a
 * sentence that starts in lower case where the source's starts with a capital, or a capital where
 * the source continues a sentence in lower case. Only when both texts open with a word (no code,
 * placeholder or digit before it) in a script with case; an acronym or a mixed-case name
 * ("ORCID", "iPhone") on either side, and in `nounCapitals` languages (German: nouns take
 * capitals) a target capital, are not compared.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { expandTemplate } from "../engine/matcher.js";
import { primary, proseOf, sourceOf } from "./bilingual.js";

interface CaseParitySpec extends RuleSpec {
  /** Message for a target capital where the source starts in lower case. */
  capitalMessage: string;
  /** Languages whose nouns are capitalised anywhere in a sentence. */
  nounCapitals?: string[];
}

interface FirstWord {
  start: number;
  word: string;
}

/** The first word, when nothing but spaces and punctuation (no digit, no code) comes before it. */
function firstWord(text: string): FirstWord | undefined {
  const m = /^[\s\p{P}\p{S}]*?([\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*)/u.exec(text);
  if (!m || !/^\p{L}/u.test(m[1]!)) return undefined;
  // Markup and placeholders are blanked in prose: a word after a wide blank follows code.
  const before = text.slice(0, m.index + m[0].length - m[1]!.length);
  if (/\s{3,}|[%{}<>[\]$#@&*_=|\\/]/u.test(before)) return undefined;
  return { start: before.length, word: m[1]! };
}

const isCased = (c: string) => c.toLowerCase() !== c.toUpperCase();
const isUpper = (c: string) => c !== c.toLowerCase();
/** "ORCID", "iPhone", "eBay", "PDF-Datei": a capital after the first letter. */
const isNameLike = (word: string) => /\p{Lu}/u.test(word.slice(1).split(/[-’']/u)[0]!);

export const caseParityKind: RuleKind = {
  name: "case-parity",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as CaseParitySpec;
    const nounCapitals = new Set(spec.nounCapitals ?? []);
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const source = sourceOf(analysis);
        if (!source) return;
        const src = firstWord(proseOf(source));
        const tgt = firstWord(analysis.text);
        if (!src || !tgt) return;
        const s = src.word[0]!;
        const t = tgt.word[0]!;
        if (!isCased(s) || !isCased(t) || isNameLike(src.word) || isNameLike(tgt.word)) return;
        if (isUpper(s) === isUpper(t)) return;
        const language = primary(analysis.language) ?? "";
        const upper = isUpper(s);
        if (!upper && nounCapitals.has(language)) return;
        // The same word opens both: a name the target keeps as the source writes it.
        if (src.word.toLowerCase() === tgt.word.toLowerCase()) return;
        const changed = upper ? t.toLocaleUpperCase(language) : t.toLocaleLowerCase(language);
        if (changed.length !== 1) return;
        report(index, {
          start: tgt.start,
          end: tgt.start + tgt.word.length,
          message: upper ? expandTemplate(spec.message, [tgt.word]) : expandTemplate(spec.capitalMessage, [tgt.word]),
          fix: {
            title: upper ? "Capitalise the first letter" : "Lower-case the first letter",
            applicability: spec.applicability ?? "safe",
            edits: [{ start: tgt.start, end: tgt.start + 1, text: changed, expected: t }],
          },
        });
      },
    };
  },
};
