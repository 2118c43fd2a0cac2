/**
 * `length-ratio` (bilingual): a target far longer or shorter than its source for the language
 * pair — an omission, an addition, or a runaway translation. The expected ratio of target to
 * source characters is the pair's entry in `ratios` ("en-de": 1.2), else the ratio of the two
 * languages' character densities (English 1, German 1.2, Chinese 0.33…); a segment is flagged
 * when its ratio is outside [expected / tolerance, expected × tolerance] and its source has at
 * least `minSourceLength` characters. Markup, placeholders and URLs are not counted. Every
 * setting can also be given in the config's rule options.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { expandTemplate } from "../engine/matcher.js";
import { primary, proseOf, sourceLanguageOf, sourceOf, wholeTarget } from "./bilingual.js";

interface LengthRatioSpec extends RuleSpec {
  ratios?: Record<string, number>;
  tolerance?: number;
  minSourceLength?: number;
}

/** Characters a language needs for what English says in 1 (rough averages over parallel text). */
const DENSITY: Record<string, number> = {
  en: 1, de: 1.2, nl: 1.15, fr: 1.15, es: 1.15, pt: 1.15, it: 1.12, ru: 1.1, uk: 1.1, pl: 1.1, cs: 1.05, sv: 1.05,
  fi: 1.1, tr: 1.05, el: 1.15, ar: 0.95, he: 0.85, hi: 1.05, zh: 0.33, ja: 0.45, ko: 0.45, th: 0.95, vi: 1.1,
};

const length = (text: string) => proseOf(text).replace(/\s+/gu, " ").trim().length;

export const lengthRatioKind: RuleKind = {
  name: "length-ratio",
  fixes: () => "none",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as LengthRatioSpec;
    const option = <T>(name: keyof LengthRatioSpec, fallback: T): T => (env.options[name as string] as T | undefined) ?? (spec[name] as T | undefined) ?? fallback;
    const ratios = { ...spec.ratios, ...(env.options.ratios as Record<string, number> | undefined) };
    const tolerance = option("tolerance", 2.5);
    const minSourceLength = option("minSourceLength", 20);
    return {
      spec,
      checkDocument(document, analyses, report) {
        analyses.forEach((analysis: SegmentAnalysis, index) => {
          const source = sourceOf(analysis);
          if (!source) return;
          const sourceLength = length(source);
          if (sourceLength < minSourceLength) return;
          const from = sourceLanguageOf(analysis, source, document.sourceLanguage) ?? "en";
          const to = primary(analysis.language) ?? "en";
          const expected = ratios[`${from}-${to}`] ?? (DENSITY[to] ?? 1) / (DENSITY[from] ?? 1);
          const ratio = length(analysis.segment.target) / sourceLength;
          if (ratio >= expected / tolerance && ratio <= expected * tolerance) return;
          const detail = `${ratio.toFixed(2)} target characters per source character, where ${from}→${to} is expected near ${expected.toFixed(2)}`;
          report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandTemplate(spec.message, [ratio < expected ? "short" : "long", detail]) });
        });
      },
    };
  },
};
