/**
 * `acronym-definition`: an acronym used without being spelled out anywhere in the document
 * ("Islamic State (ISIS)" defines ISIS). Reported once per acronym, at its first use. Well-known
 * acronyms (UN, US, NATO…) are listed in the rule and never flagged.
 */
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { expandMessage } from "../engine/matcher.js";

interface AcronymDefinitionSpec extends RuleSpec {
  /** Acronyms readers know without a definition. */
  known: string[];
}

const ACRONYM = /(?<![\p{L}\p{N}.-])\p{Lu}{2,6}s?(?![\p{L}\p{N}-])/gu;

export const acronymDefinitionKind: RuleKind = {
  name: "acronym-definition",
  fixes: () => "none",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as AcronymDefinitionSpec;
    const known = new Set([...spec.known, ...env.terms.flatMap((t) => [t.preferred, ...t.variants])]);
    return {
      spec,
      checkDocument(_document, analyses, report) {
        const text = analyses.map((a) => a.text).join("\n");
        // Defined: "(ACR)" after its long form, or "ACR (long form)".
        const defined = new Set([...text.matchAll(/\(\s*(\p{Lu}{2,6})s?\s*\)|(\p{Lu}{2,6})\s*\(\s*\p{Lu}\p{Ll}/gu)].map((m) => m[1] ?? m[2]!));
        const reported = new Set<string>();
        analyses.forEach((a, segment) => {
          for (const m of a.text.matchAll(ACRONYM)) {
            const acronym = m[0].replace(/s$/, "");
            if (acronym.length < 2 || known.has(acronym) || defined.has(acronym) || reported.has(acronym)) continue;
            // Words in an all-capitals stretch are emphasis or a heading, not acronyms.
            const around = a.text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20);
            if ((around.match(/\p{Lu}{2,}/gu) ?? []).join("").length > m[0].length + 4) continue;
            reported.add(acronym);
            report(segment, { start: m.index, end: m.index + m[0].length, message: expandMessage(spec.message, [m[0]]) });
          }
        });
      },
    };
  },
};
