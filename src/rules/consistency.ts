/**
 * `consistency`: several names for one entity in one document ("ISIS", "IG", "ISIL").
 * The preferred form is the one configured in `terms`, else the one the text defines in
 * parentheses ("Islamic State (ISIS)"), else the most frequent. A configured preference is
 * enforced even when only one variant appears; otherwise only mixed usage is flagged.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, RuleKind, RuleSpec, TermGroup } from "../core/rule.js";
import type { Applicability } from "../core/types.js";
import { makeFix } from "../engine/fixes.js";
import { escapeRegExp, expandTemplate } from "../engine/matcher.js";

interface VariantGroup {
  forms: string[];
  caseSensitive?: boolean;
}

interface ConsistencySpec extends RuleSpec {
  groups: VariantGroup[];
}

interface Group {
  forms: string[];
  configured?: string;
  caseSensitive: boolean;
  pattern: RegExp;
}

interface Occurrence {
  segment: number;
  start: number;
  end: number;
  form: string;
}

export const consistencyKind: RuleKind = {
  name: "consistency",
  // Safe for a configured or defined form, a suggestion for a merely frequent one.
  fixes: () => "varies",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as ConsistencySpec;
    const groups = mergeTerms(spec.groups, env.terms).map(compileGroup);
    return {
      spec,
      checkDocument(_document, analyses, report) {
        for (const group of groups) {
          const found = occurrences(group, analyses);
          if (found.length === 0) continue;
          const choice = preferredForm(group, found, analyses);
          if (!choice) continue;
          for (const o of found) {
            if (o.form === choice.form || definesPreferred(analyses[o.segment]!.text, o, choice.form)) continue;
            const text = analyses[o.segment]!.text;
            report(o.segment, {
              start: o.start,
              end: o.end,
              message: expandTemplate(spec.message, [text.slice(o.start, o.end), choice.form, choice.reason]),
              fix: makeFix(text, o, choice.form, choice.applicability),
            });
          }
        }
      },
    };
  },
};

/** A configured term joins the built-in group that shares one of its forms, or forms a group of its own. */
function mergeTerms(groups: VariantGroup[], terms: TermGroup[]): (VariantGroup & { configured?: string })[] {
  const merged: (VariantGroup & { configured?: string })[] = groups.map((g) => ({ ...g, forms: [...g.forms] }));
  for (const term of terms) {
    const forms = [term.preferred, ...term.variants];
    const match = merged.find((g) => g.forms.some((f) => forms.includes(f)));
    if (match) {
      match.forms = [...new Set([...match.forms, ...forms])];
      match.configured = term.preferred;
    } else {
      merged.push({ forms, configured: term.preferred, caseSensitive: term.caseSensitive });
    }
  }
  return merged;
}

function compileGroup(g: VariantGroup & { configured?: string }): Group {
  const caseSensitive = g.caseSensitive ?? true;
  const alternatives = [...g.forms].sort((a, b) => b.length - a.length).map((f) => escapeRegExp(f).replace(/ /g, "\\s+"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, caseSensitive ? "gu" : "giu");
  return { forms: g.forms, configured: g.configured, caseSensitive, pattern };
}

function occurrences(group: Group, analyses: SegmentAnalysis[]): Occurrence[] {
  const canonical = new Map(group.forms.map((f) => [normalise(f, group.caseSensitive), f]));
  const found: Occurrence[] = [];
  analyses.forEach((a, segment) => {
    for (const m of a.text.matchAll(group.pattern)) {
      const form = canonical.get(normalise(m[0], group.caseSensitive));
      if (form && !inShoutedText(a.text, m.index, m.index + m[0].length)) {
        found.push({ segment, start: m.index, end: m.index + m[0].length, form });
      }
    }
  });
  return found;
}

const normalise = (s: string, caseSensitive: boolean) => (caseSensitive ? s : s.toLowerCase()).replace(/\s+/g, " ");

/** An all-capitals acronym inside an all-capitals headline ("THIS IS NEWS") is an ordinary word. */
export function inShoutedText(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - 30), Math.min(text.length, end + 30));
  const letters = around.replace(/[^\p{L}]/gu, "");
  const upper = letters.replace(/[^\p{Lu}]/gu, "");
  return letters.length >= 12 && upper.length / letters.length > 0.8;
}

interface Choice {
  form: string;
  reason: string;
  applicability: Applicability;
}

function preferredForm(group: Group, found: Occurrence[], analyses: SegmentAnalysis[]): Choice | undefined {
  if (group.configured) return { form: group.configured, reason: "the term set in the config", applicability: "safe" };
  const counts = new Map<string, number>();
  for (const o of found) counts.set(o.form, (counts.get(o.form) ?? 0) + 1);
  if (counts.size < 2) return undefined;
  const defined = found.find((o) => isParenthesised(analyses[o.segment]!.text, o));
  if (defined) return { form: defined.form, reason: "the form the text defines in parentheses", applicability: "safe" };
  // Most frequent, ties to the first used; a guess, so its fix is only suggested.
  const [form, count] = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best));
  const tied = [...counts.values()].filter((n) => n === count).length > 1;
  return { form, reason: tied ? "the form used first in this document" : `the form used most often in this document, ${count} times`, applicability: "unsafe" };
}

const isParenthesised = (text: string, o: Occurrence) =>
  /\(\s*$/.test(text.slice(Math.max(0, o.start - 3), o.start)) && /^\s*\)/.test(text.slice(o.end, o.end + 3));

/** The long form in a definition, "Islamic State (ISIS)", is not a competing variant. */
const definesPreferred = (text: string, o: Occurrence, preferred: string) =>
  new RegExp(`^["”’']?\\s*\\(\\s*${escapeRegExp(preferred)}\\s*\\)`).test(text.slice(o.end, o.end + preferred.length + 8));
