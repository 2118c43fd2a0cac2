/**
 * `glossary` (bilingual): a termbase — config `termFiles` (CSV/TSV: source, target, forbidden; TBX)
 * and the rule's own `entries`. When a source term is in a segment's source, one of its approved
 * targets must be in the target: a forbidden variant found instead is flagged with the approved
 * term as a safe fix; with neither, the whole target is flagged (no fix). Terms match whole
 * words, case-insensitively unless written in capitals (acronyms); in scripts without spaces
 * (Chinese, Japanese) anywhere.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { caseFolded, LEADING_RUN, LETTER_DIGIT_RUN } from "../analysis/text.js";
import type { GlossaryEntry, RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { makeFix } from "../engine/fixes.js";
import { escapeRegExp, expandMessage } from "../engine/matcher.js";
import { listed, primary, proseOf, sourceLanguageOf, sourceOf, wholeTarget } from "./support/bilingual.js";

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

interface EntryPatterns {
  source: RegExp;
  targets: RegExp[];
  forbidden: { form: string; pattern: RegExp }[];
}

interface CompiledEntry {
  entry: GlossaryEntry;
  language?: string;
  sourceLanguage?: string;
  /** Built when the source term may be in a segment's source: thousands of entries take seconds to compile. */
  patterns(): EntryPatterns;
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** Terms are matched case-insensitively unless they have no lower-case letters (acronyms). */
const isCaseless = (term: string) => /\p{Ll}/u.test(term);

/** A term as a pattern: whole words, case-insensitive unless the term has no lower-case letters. */
export function termPattern(term: string): RegExp {
  const body = escapeRegExp(term.trim()).replace(/\s+/gu, "\\s+");
  const flags = isCaseless(term) ? "giu" : "gu";
  return UNSPACED.test(term) ? new RegExp(body, flags) : new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags);
}

function compileEntry(entry: GlossaryEntry, language = primary(entry.language)): CompiledEntry {
  let patterns: EntryPatterns | undefined;
  return {
    entry,
    language,
    sourceLanguage: primary(entry.sourceLanguage),
    patterns: () =>
      (patterns ??= {
        source: termPattern(entry.source),
        targets: entry.targets.map(termPattern),
        forbidden: entry.forbidden.map((form) => ({ form, pattern: termPattern(form) })),
      }),
  };
}

/**
 * Entries by where their source term can match: a spaced term that starts with a letter or digit
 * only where its first run of letters and digits is a whole run of the source, any other where its
 * first character is (case-folded for case-insensitive terms). A segment's source is looked up run
 * by run (and character by character when a term needs it), instead of every entry's pattern
 * being tried on it: a glossary of thousands of terms costs little per segment.
 */
class EntryIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly byCharacter: boolean;

  constructor(private readonly entries: CompiledEntry[]) {
    let byCharacter = false;
    entries.forEach((e, i) => {
      const term = e.entry.source.trim();
      const caseless = isCaseless(term);
      const fold = caseless ? caseFolded : (t: string) => t;
      const run = UNSPACED.test(term) ? undefined : LEADING_RUN.exec(term)?.[0];
      byCharacter ||= run === undefined;
      const key = run === undefined ? `c${caseless ? "i" : ""}:${fold(String.fromCodePoint(term.codePointAt(0)!))}` : `w${caseless ? "i" : ""}:${fold(run)}`;
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
    });
    this.byCharacter = byCharacter;
  }

  /** The entries whose source term may be in `text`, in glossary order. */
  candidates(text: string): CompiledEntry[] {
    const found = new Set<number>();
    const add = (key: string) => this.byKey.get(key)?.forEach((i) => found.add(i));
    for (const [run] of text.matchAll(LETTER_DIGIT_RUN)) {
      add(`w:${run}`);
      add(`wi:${caseFolded(run)}`);
    }
    if (this.byCharacter) {
      for (const c of new Set(text)) {
        add(`c:${c}`);
        add(`ci:${caseFolded(c)}`);
      }
    }
    return [...found].sort((a, b) => a - b).map((i) => this.entries[i]!);
  }
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
    const bySource = new EntryIndex(entries);
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
        for (const e of bySource.candidates(sourceProse)) {
          if (e.language !== undefined && e.language !== language) continue;
          if (e.sourceLanguage !== undefined && sourceLanguage !== undefined && e.sourceLanguage !== sourceLanguage) continue;
          const patterns = e.patterns();
          if (!test(patterns.source, sourceProse)) continue;
          if (patterns.targets.some((t) => test(t, text))) continue;
          const preferred = e.entry.targets[0]!;
          let found = false;
          for (const { pattern } of patterns.forbidden) {
            for (const m of text.matchAll(pattern)) {
              found = true;
              const span = { start: m.index, end: m.index + m[0].length };
              report(index, { ...span, message: expandMessage(spec.forbiddenMessage, [m[0], preferred, e.entry.source]), fix: makeFix(text, span, preferred, "safe") });
            }
          }
          if (!found) {
            report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandMessage(spec.message, [e.entry.source, listed(e.entry.targets)]) });
          }
        }
      },
    };
  },
};
