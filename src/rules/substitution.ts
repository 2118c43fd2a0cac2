/**
 * `substitution`: a table of phrases that should be something else — transliterated acronyms
 * ("OON" → "UN"), calques ("on the issues of" → "on"), missing hyphens ("US led" → "US-led").
 * Matched as whole words, case-insensitively unless `caseSensitive`; straight and curly
 * apostrophes match each other. A phrase may hold alternatives in braces, "{carry|carries|carried}
 * out talks", whose i-th choice picks the i-th choice of the same group in the replacement
 * ("{hold|holds|held} talks"). Users extend the table with rule options:
 * `{ "options": { "entries": { "GD": "State Duma" } } }`.
 *
 * The table is indexed by each phrase's first word, and a phrase is tried only where its first
 * word occurs, so that a table of thousands of phrases costs about as much as one of ten.
 */
import { tokenize } from "../analysis/text.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import type { Applicability } from "../core/types.js";
import { configError } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { escapeRegExp, expandTemplate } from "../engine/matcher.js";

interface Entry {
  /** The better text; omitted when only a person can rewrite it. */
  replace?: string;
  /** Overrides the rule's message for this entry ($0 matched text, $1 replacement). */
  message?: string;
  applicability?: Applicability;
  /** Text that must not follow this entry's match (a regular expression; built-in rules only). */
  notFollowedBy?: string;
  /** Text that must not precede this entry's match (a regular expression; built-in rules only). */
  notPrecededBy?: string;
}

interface SubstitutionSpec extends RuleSpec {
  entries: Record<string, string | Entry>;
  caseSensitive?: boolean;
  /** Text that must not follow any match (a regular expression), e.g. a determiner after "US led". */
  notFollowedBy?: string;
  /** Text that must not precede any match (a regular expression). */
  notPrecededBy?: string;
}

/** An entry with its compiled context tests. */
interface CompiledEntry extends Entry {
  after?: RegExp;
  before?: RegExp;
}

/** How far before a match `notPrecededBy` looks. */
const CONTEXT = 80;
/** More expansions than this in one phrase is a mistake in the table, not a use. */
const MAX_EXPANSIONS = 256;

const asEntry = (e: string | Entry): Entry => (typeof e === "string" ? { replace: e } : e);
const straightApostrophes = (text: string) => text.replace(/’/g, "'");

export const substitutionKind: RuleKind = {
  name: "substitution",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as SubstitutionSpec;
    const at = { file: env.file, pointer: env.pointer };
    const extra = env.options.entries;
    if (extra !== undefined && (typeof extra !== "object" || extra === null || Array.isArray(extra))) {
      throw configError("options.entries must be an object of phrase → replacement", at);
    }
    const entrySpecs = Object.entries({ ...spec.entries, ...(extra as Record<string, string | Entry>) });
    const usesContext = spec.notFollowedBy !== undefined || spec.notPrecededBy !== undefined || entrySpecs.some(([, e]) => typeof e === "object" && (e.notFollowedBy !== undefined || e.notPrecededBy !== undefined));
    if (!env.trusted && usesContext) {
      // They become part of backtracking regular expressions, so only reviewed built-in rules may use them.
      throw configError("notFollowedBy and notPrecededBy are available to built-in rules only", at);
    }
    const caseSensitive = spec.caseSensitive ?? false;
    const key = (phrase: string) => straightApostrophes(caseSensitive ? phrase : phrase.toLowerCase()).replace(/\s+/g, " ");
    const entries = new Map<string, CompiledEntry>();
    for (const [pattern, raw] of entrySpecs) {
      const entry = asEntry(raw);
      const compiled: CompiledEntry = {
        ...entry,
        after: entry.notFollowedBy === undefined ? undefined : new RegExp(`(?:${entry.notFollowedBy})`, "uy"),
        before: entry.notPrecededBy === undefined ? undefined : new RegExp(`(?:${entry.notPrecededBy})$`, "u"),
      };
      for (const { phrase, choices } of expandPhrase(pattern, at)) {
        entries.set(key(phrase), { ...compiled, replace: entry.replace === undefined ? undefined : chooseAlternatives(entry.replace, choices, pattern, at) });
      }
    }
    const before = spec.notPrecededBy ? `(?<!${spec.notPrecededBy})` : "";
    const after = spec.notFollowedBy ? `(?!${spec.notFollowedBy})` : "";
    // One sticky pattern per first word: the phrases that start with it, longest first.
    const byFirstWord = new Map<string, string[]>();
    for (const phrase of entries.keys()) {
      const first = tokenize(phrase)[0];
      if (!first) throw configError(`phrase "${phrase}" has no word`, at);
      byFirstWord.set(first.text, [...(byFirstWord.get(first.text) ?? []), phrase]);
    }
    const patterns = new Map<string, RegExp>();
    for (const [first, phrases] of byFirstWord) {
      const alternatives = phrases.sort((a, b) => b.length - a.length).map((p) => escapeRegExp(p).replace(/ /g, "\\s+").replace(/'/g, "['’]"));
      patterns.set(first, new RegExp(`${before}(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])${after}`, caseSensitive ? "uy" : "iuy"));
    }
    const wordKey = (text: string) => straightApostrophes(caseSensitive ? text : text.toLowerCase());
    return {
      spec,
      checkSegment(analysis, index, report) {
        const text = analysis.text;
        let end = 0;
        for (const token of analysis.tokens) {
          if (token.start < end) continue;
          const pattern = patterns.get(wordKey(token.text));
          if (!pattern) continue;
          pattern.lastIndex = token.start;
          const m = pattern.exec(text);
          if (!m) continue;
          const span = { start: token.start, end: token.start + m[0].length };
          const entry = entries.get(key(m[0]))!;
          if (!contextAllows(entry, text, span)) continue;
          const replacement = entry.replace === undefined ? undefined : matchCase(entry.replace, m[0], caseSensitive);
          report(index, {
            ...span,
            message: expandTemplate(entry.message ?? spec.message, [m[0], replacement ?? ""]),
            fix: replacement === undefined ? undefined : makeFix(text, span, replacement, entry.applicability ?? spec.applicability ?? "safe"),
          });
          end = span.end;
        }
      },
    };
  },
};

/** Whether the text around a match passes the entry's notFollowedBy and notPrecededBy. */
function contextAllows(entry: CompiledEntry, text: string, span: { start: number; end: number }): boolean {
  if (entry.after) {
    entry.after.lastIndex = span.end;
    if (entry.after.test(text)) return false;
  }
  return !entry.before?.test(text.slice(Math.max(0, span.start - CONTEXT), span.start));
}

/** The phrases a pattern with {a|b|} groups stands for, each with the index chosen in each group. */
function expandPhrase(pattern: string, at: { file: string; pointer: string }): { phrase: string; choices: number[] }[] {
  const groups = [...pattern.matchAll(/\{([^{}]*)\}/g)];
  let expansions = [{ phrase: "", choices: [] as number[] }];
  let from = 0;
  for (const g of groups) {
    const literal = pattern.slice(from, g.index);
    const options = g[1]!.split("|");
    expansions = expansions.flatMap((e) => options.map((o, i) => ({ phrase: e.phrase + literal + o, choices: [...e.choices, i] })));
    from = g.index + g[0].length;
    if (expansions.length > MAX_EXPANSIONS) throw configError(`phrase "${pattern}" stands for more than ${MAX_EXPANSIONS} phrases`, at);
  }
  return expansions.map((e) => ({ phrase: (e.phrase + pattern.slice(from)).replace(/\s+/g, " ").trim(), choices: e.choices }));
}

/** The replacement for one expansion: its k-th {…} group takes the choice made in the phrase's k-th group. */
function chooseAlternatives(replace: string, choices: number[], pattern: string, at: { file: string; pointer: string }): string {
  let k = 0;
  const chosen = replace.replace(/\{([^{}]*)\}/g, (_, options: string) => {
    const option = options.split("|")[choices[k++]!];
    if (option === undefined) throw configError(`replacement "${replace}" does not match the alternatives of "${pattern}"`, at);
    return option;
  });
  return chosen.replace(/\s+/g, " ").trim();
}

/** "On the issues of" → "On": a case-insensitive match keeps the capital of a sentence start. */
function matchCase(replacement: string, matched: string, caseSensitive: boolean): string {
  if (caseSensitive || !replacement) return replacement;
  return /^\p{Lu}/u.test(matched) && /^\p{Ll}/u.test(replacement) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}
