/**
 * `length-ratio` (bilingual): a target far longer or shorter than its source for the language
 * pair — an omission, an addition, or a runaway translation. Lengths are counted by character
 * class (see truncation.ts: a Han character weighs what three letters do), markup, placeholders
 * and URLs left out. The expected ratio of target to source length is the pair's entry in
 * `ratios` ("en-de": 1.2), else the ratio of the two languages' densities; a segment is flagged
 * when its ratio is outside [expected / tolerance, expected × tolerance] and its source has at
 * least `minSourceLength` weighted characters. Code (paths, identifiers, SQL) is not measured.
 * Every setting can also be given in the config's rule options.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { expandMessage } from "../engine/matcher.js";
import { primary, proseOf, sourceLanguageOf, sourceOf, wholeTarget } from "./support/bilingual.js";
import { CODE, DENSITY, weightedLength } from "./truncation.js";

interface LengthRatioSpec extends RuleSpec {
  ratios?: Record<string, number>;
  tolerance?: number;
  minSourceLength?: number;
}


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
          if (!source || CODE.test(source) || CODE.test(proseOf(analysis.text))) return;
          const sourceLength = weightedLength(source);
          if (sourceLength < minSourceLength) return;
          const from = sourceLanguageOf(analysis, source, document.sourceLanguage) ?? "en";
          const to = primary(analysis.language) ?? "en";
          const expected = ratios[`${from}-${to}`] ?? (DENSITY[to] ?? 1) / (DENSITY[from] ?? 1);
          const ratio = weightedLength(analysis.text) / sourceLength;
          if (ratio >= expected / tolerance && ratio <= expected * tolerance) return;
          const detail = `${ratio.toFixed(2)} target characters per source character, where ${from}→${to} is expected near ${expected.toFixed(2)}`;
          report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandMessage(spec.message, [ratio < expected ? "short" : "long", detail]) });
        });
      },
    };
  },
};
