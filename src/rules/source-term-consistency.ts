/**
 * `source-term-consistency` (bilingual, document): one source acronym or name rendered by two
 * different acronyms in the target across a document (ИГ → "IG" here, "ISIS" there). A
 * rendering is read only from segments whose source has exactly one acronym or capitalised
 * multi-word name and whose target has one acronym (or one per occurrence of the term), so
 * pairs are unambiguous; when a source term has two renderings, the minority one is flagged, with the majority (ties: the
 * first used) as a suggested fix.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";
import { proseOf, sourceOf } from "./support/bilingual.js";

const ACRONYM = /(?<![\p{L}\p{N}])\p{Lu}{2,6}(?![\p{L}\p{N}])/gu;
const NAME = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:[ \u00a0]+\p{Lu}\p{Ll}+)+(?![\p{L}\p{N}])/gu;

interface Rendering {
  segment: number;
  start: number;
  end: number;
  form: string;
}

/** Acronyms in all-capital text ("BREAKING NEWS") are words. */
const shouted = (text: string) => {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 12 && letters.replace(/[^\p{Lu}]/gu, "").length / letters.length > 0.6;
};

export const sourceTermConsistencyKind: RuleKind = {
  name: "source-term-consistency",
  fixes: () => "unsafe",
  compile(spec: RuleSpec): CompiledRule {
    return {
      spec,
      checkDocument(_document, analyses: SegmentAnalysis[], report) {
        const renderings = new Map<string, Rendering[]>();
        const sources = analyses.map((analysis) => {
          const source = sourceOf(analysis);
          return source === undefined ? undefined : proseOf(source);
        });
        // An acronym the sources use themselves ("the PMI") is a term of its own wherever the target has it, not a rendering of another.
        const sourceAcronyms = new Set(sources.flatMap((prose) => (prose ? [...prose.matchAll(ACRONYM)].map((m) => m[0]) : [])));
        analyses.forEach((analysis, segment) => {
          const prose = sources[segment];
          if (!prose) return;
          if (shouted(prose) || shouted(analysis.text)) return;
          const occurrences = [...prose.matchAll(ACRONYM), ...prose.matchAll(NAME)].map((m) => m[0].replace(/\s+/gu, " "));
          const keys = new Set(occurrences);
          if (keys.size !== 1) return;
          // One rendering throughout, or one acronym per occurrence of the source term.
          const found = [...proseOf(analysis.text).matchAll(ACRONYM)];
          if (found.length === 0 || (new Set(found.map((m) => m[0])).size !== 1 && found.length !== occurrences.length)) return;
          if (found.some((m) => m[0] !== occurrences[0] && sourceAcronyms.has(m[0]))) return;
          const [key] = keys;
          const list = renderings.get(key!) ?? [];
          for (const m of found) list.push({ segment, start: m.index, end: m.index + m[0].length, form: m[0] });
          renderings.set(key!, list);
        });
        for (const [key, list] of renderings) {
          const counts = new Map<string, number>();
          for (const r of list) counts.set(r.form, (counts.get(r.form) ?? 0) + 1);
          if (counts.size < 2) continue;
          // Most frequent, ties to the first used (Map order is first use).
          const [majority, count] = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best));
          for (const r of list) {
            if (r.form === majority) continue;
            const text = analyses[r.segment]!.text;
            report(r.segment, {
              start: r.start,
              end: r.end,
              message: expandMessage(spec.message, [key, r.form, majority, String(count)]),
              fix: makeFix(text, r, majority, "unsafe"),
            });
          }
        }
      },
    };
  },
};
