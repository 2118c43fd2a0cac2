/**
 * `substitution`: a table of phrases that should be something else — transliterated acronyms
 * ("OON" → "UN"), calques ("on the issues of" → "on"), missing hyphens ("US led" → "US-led").
 * Matched as whole words; one compiled alternation serves the whole table. Users extend the
 * table with rule options: `{ "options": { "entries": { "GD": "State Duma" } } }`.
 */
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import type { Applicability } from "../core/types.js";
import { configError } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { escapeRegExp, expandTemplate, literalPrefilter } from "../engine/matcher.js";

interface Entry {
  /** The better text; omitted when only a person can rewrite it. */
  replace?: string;
  /** Overrides the rule's message for this entry ($0 matched text, $1 replacement). */
  message?: string;
  applicability?: Applicability;
}

interface SubstitutionSpec extends RuleSpec {
  entries: Record<string, string | Entry>;
  caseSensitive?: boolean;
  /** Text that must not follow the match (a regular expression), e.g. a determiner after "US led". */
  notFollowedBy?: string;
  /** Text that must not precede the match (a regular expression). */
  notPrecededBy?: string;
}

const asEntry = (e: string | Entry): Entry => (typeof e === "string" ? { replace: e } : e);

export const substitutionKind: RuleKind = {
  name: "substitution",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as SubstitutionSpec;
    const extra = env.options.entries;
    if (extra !== undefined && (typeof extra !== "object" || extra === null || Array.isArray(extra))) {
      throw configError("options.entries must be an object of phrase → replacement", { file: env.file, pointer: env.pointer });
    }
    if (!env.trusted && (spec.notFollowedBy !== undefined || spec.notPrecededBy !== undefined)) {
      // They become part of a backtracking regular expression, so only reviewed built-in rules may use them.
      throw configError("notFollowedBy and notPrecededBy are available to built-in rules only", { file: env.file, pointer: env.pointer });
    }
    const caseSensitive = spec.caseSensitive ?? false;
    const key = (phrase: string) => (caseSensitive ? phrase : phrase.toLowerCase()).replace(/\s+/g, " ");
    const entries = new Map<string, Entry>();
    for (const [phrase, entry] of Object.entries({ ...spec.entries, ...(extra as Record<string, string | Entry>) })) entries.set(key(phrase), asEntry(entry));
    const alternatives = [...entries.keys()].sort((a, b) => b.length - a.length).map((p) => escapeRegExp(p).replace(/ /g, "\\s+"));
    const before = spec.notPrecededBy ? `(?<!${spec.notPrecededBy})` : "";
    const after = spec.notFollowedBy ? `(?!${spec.notFollowedBy})` : "";
    // The first letters of the phrases, tested before the lookbehinds: most positions fail there, cheaply.
    const firstChars = [...new Set([...entries.keys()].map((p) => p.codePointAt(0)!))].map((c) => `\\u{${c.toString(16)}}`).join("");
    const source = `(?=[${firstChars}])${before}(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])${after}`;
    const pattern = new RegExp(source, caseSensitive ? "gu" : "giu");
    const mayMatch = literalPrefilter(source, !caseSensitive);
    return {
      spec,
      checkSegment(analysis, index, report) {
        const text = analysis.text;
        if (!mayMatch(text)) return;
        for (const m of text.matchAll(pattern)) {
          const entry = entries.get(key(m[0]))!;
          const replacement = entry.replace === undefined ? undefined : matchCase(entry.replace, m[0], caseSensitive);
          const span = { start: m.index, end: m.index + m[0].length };
          report(index, {
            ...span,
            message: expandTemplate(entry.message ?? spec.message, [m[0], replacement ?? ""]),
            fix: replacement === undefined ? undefined : makeFix(text, span, replacement, entry.applicability ?? spec.applicability ?? "safe"),
          });
        }
      },
    };
  },
};

/** "On the issues of" → "On": a case-insensitive match keeps the capital of a sentence start. */
function matchCase(replacement: string, matched: string, caseSensitive: boolean): string {
  if (caseSensitive || !replacement) return replacement;
  return /^\p{Lu}/u.test(matched) && /^\p{Ll}/u.test(replacement) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}
