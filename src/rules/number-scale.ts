/**
 * `number-scale`: a number followed by a scale word that the target language writes in digits,
 * as MT leaves it from Russian "8 тысяч" → "8 thousand" (→ "8,000"), ranges included
 * ("40-50 thousand" → "40,000–50,000"). Decimal commas are read as decimals ("2,5 thousand" → "2,500").
 */
import { configError } from "../core/errors.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { makeFix } from "../engine/fixes.js";
import { escapeRegExp, expandMessage } from "../engine/matcher.js";

interface NumberScaleSpec extends RuleSpec {
  /** Scale word → multiplier, e.g. { "thousand": 1000 }. */
  scales: Record<string, number>;
  /** BCP 47 locale used to format the result (grouping separator). */
  locale: string;
  /** Dash placed between the two ends of a range. */
  rangeSeparator?: string;
}

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;

export const numberScaleKind: RuleKind = {
  name: "number-scale",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as NumberScaleSpec;
    const scales = new Map(Object.entries(spec.scales).map(([word, multiplier]) => [word.toLowerCase(), multiplier]));
    const words = [...scales.keys()].map(escapeRegExp);
    const pattern = new RegExp(
      String.raw`(?<![\p{L}\p{N}.,])(${NUMBER})(?:\s*([-–—])\s*(${NUMBER}))?[ \u00a0]+(${words.join("|")})(?![\p{L}\p{N}])`,
      "giu",
    );
    // A cheap test for the scale words alone skips almost every segment.
    const anyScaleWord = new RegExp(words.join("|"), "iu");
    const format = numberFormat(spec.locale, env);
    const scaled = (raw: string, multiplier: number): string | undefined => {
      const value = Number(raw.replace(",", ".")) * multiplier;
      return Number.isInteger(value) ? format.format(value) : undefined;
    };
    return {
      spec,
      checkSegment(analysis, index, report) {
        const text = analysis.text;
        if (!anyScaleWord.test(text)) return;
        for (const m of text.matchAll(pattern)) {
          const multiplier = scales.get(m[4]!.toLowerCase())!;
          const low = scaled(m[1]!, multiplier);
          const high = m[3] === undefined ? undefined : scaled(m[3], multiplier);
          const rewrite = m[3] === undefined ? low : low && high && `${low}${spec.rangeSeparator ?? "–"}${high}`;
          const span = { start: m.index, end: m.index + m[0].length };
          report(index, {
            ...span,
            message: expandMessage(spec.message, [m[0], rewrite ?? "digits"]),
            fix: rewrite ? makeFix(text, span, rewrite, spec.applicability ?? "safe") : undefined,
          });
        }
      },
    };
  },
};

/** The schema takes any string as a locale; Intl takes only BCP 47 tags. */
function numberFormat(locale: string, env: { file: string; pointer: string }): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true });
  } catch {
    throw configError(`locale ${JSON.stringify(locale)} is not a BCP 47 language tag (e.g. "en-US")`, { file: env.file, pointer: `${env.pointer}/locale` });
  }
}
