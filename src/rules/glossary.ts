/**
 * `glossary` (bilingual): a termbase — config `termFiles` (CSV/TSV: source, target, forbidden; TBX)
 * and the rule's own `entries`. When a source term is in a segment's source, one of its approved
 * targets must be in the target: a forbidden variant found instead is flagged with the approved
 * term as a safe fix; with neither, the whole target is flagged (no fix). Terms match whole
 * words, case-insensitively unless written in capitals (acronyms); in scripts without spaces
 * (Chinese, Japanese) anywhere.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, GlossaryEntry, RuleKind, RuleSpec } from "../core/rule.js";
import { makeFix } from "../engine/fixes.js";
import { escapeRegExp, expandTemplate } from "../engine/matcher.js";
import { listed, primary, proseOf, sourceLanguageOf, sourceOf, wholeTarget } from "./bilingual.js";

interface InlineEntry {
  source: string;
  /** Approved targets, the first preferred. */
  target: string | string[];
  forbidden?: string[];
  /** Only for this target language. */
  language?: string;
}

interface GlossarySpec extends RuleSpec {
  /** Message for a forbidden variant ($0 the variant, $1 the approved term, $2 the source term). */
  forbiddenMessage: string;
  entries?: InlineEntry[];
}

interface CompiledEntry {
  entry: GlossaryEntry;
  language?: string;
  sourceLanguage?: string;
  source: RegExp;
  targets: RegExp[];
  forbidden: { form: string; pattern: RegExp }[];
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** A term as a pattern: whole words, case-insensitive unless the term has no lower-case letters. */
export function termPattern(term: string): RegExp {
  const body = escapeRegExp(term.trim()).replace(/\s+/gu, "\\s+");
  const flags = /\p{Ll}/u.test(term) ? "giu" : "gu";
  return UNSPACED.test(term) ? new RegExp(body, flags) : new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags);
}

function compileEntry(entry: GlossaryEntry, language = primary(entry.language)): CompiledEntry {
  return {
    entry,
    language,
    sourceLanguage: primary(entry.sourceLanguage),
    source: termPattern(entry.source),
    targets: entry.targets.map(termPattern),
    forbidden: entry.forbidden.map((form) => ({ form, pattern: termPattern(form) })),
  };
}

const test = (re: RegExp, text: string) => {
  re.lastIndex = 0;
  return re.test(text);
};

export const glossaryKind: RuleKind = {
  name: "glossary",
  fixes: () => "safe",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as GlossarySpec;
    const entries = [
      ...(spec.entries ?? []).map((e) =>
        compileEntry({ source: e.source, targets: [e.target].flat(), forbidden: e.forbidden ?? [] }, e.language === undefined ? undefined : primary(e.language)),
      ),
      ...(env.glossary ?? []).map((e) => compileEntry(e)),
    ].filter((e) => e.entry.targets.length > 0 && e.entry.source.trim() !== "");
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        if (entries.length === 0) return;
        const source = sourceOf(analysis);
        if (!source) return;
        const sourceProse = proseOf(source);
        const text = analysis.text;
        const language = primary(analysis.language);
        const sourceLanguage = sourceLanguageOf(analysis, source);
        for (const e of entries) {
          if (e.language !== undefined && e.language !== language) continue;
          if (e.sourceLanguage !== undefined && sourceLanguage !== undefined && e.sourceLanguage !== sourceLanguage) continue;
          if (!test(e.source, sourceProse)) continue;
          if (e.targets.some((t) => test(t, text))) continue;
          const preferred = e.entry.targets[0]!;
          let found = false;
          for (const { pattern } of e.forbidden) {
            for (const m of text.matchAll(pattern)) {
              found = true;
              const span = { start: m.index, end: m.index + m[0].length };
              report(index, { ...span, message: expandTemplate(spec.forbiddenMessage, [m[0], preferred, e.entry.source]), fix: makeFix(text, span, preferred, "safe") });
            }
          }
          if (!found) {
            report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandTemplate(spec.message, [e.entry.source, listed(e.entry.targets)]) });
          }
        }
      },
    };
  },
};
