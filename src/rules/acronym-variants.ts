/**
 * `acronym-variants`: one body named by two acronyms, or spelled out two ways, in one document, as
 * MT leaves it when it keeps a source acronym beside its own (“Continental Hockey League (KHL)” and
 * later “CHL”), or drops a word of the long form (“Compliance Committee (CRC)”). Found by matching
 * the document's definitions — “Long Form (ACR)” — with its acronyms, by initials; no acronym is listed.
 *  - a long form whose initials are its acronym less one letter (past the first): a word is missing;
 *  - one acronym defined by two different long forms;
 *  - an acronym that spells the initials of another acronym's long form, or two acronyms defined by one long form;
 *  - (no definition needed) an acronym used once that looks like a frequent one: one letter or the order of its letters differs.
 * Foreign acronyms whose initials match nothing English (“Federal Security Service (FSB)”) are normal and left alone.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { dictionaryFor, hasDictionary, type HunspellDictionary } from "../analysis/dictionary.js";
import type { Report, RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";
import { inShoutedText } from "./consistency.js";

interface AcronymVariantsSpec extends RuleSpec {
  /** $0 the long form, $1 the acronym, $2 the letter its initials lack. */
  missingWordMessage: string;
  /** $0 the long form, $1 the acronym, $2 the other long form, $3 where that one is. */
  twoLongFormsMessage: string;
  /** $0 the acronym used once, $1 the frequent look-alike, $2 how often that one is used; without it, look-alikes are not checked. */
  lookAlikeMessage?: string;
  /** $0 the acronym reported, $1 the other acronym, $2 the definition that links them, $3 where that is. */
  message: string;
}

interface Definition {
  segment: number;
  /** The long form's span. */
  start: number;
  end: number;
  longForm: string;
  acronym: string;
}

/** Words an acronym may take a letter from or skip. */
const FUNCTION_WORDS = new Set(["of", "and", "for", "the", "on", "in", "at", "to", "de", "du", "des", "la", "le", "del", "di", "da", "von", "van", "der", "&"]);
/** The capitalised words (and function words between them) right before "(ACR)". */
const LONG_FORM_BEFORE = /(?:(?:\p{Lu}[\p{L}\p{M}’'-]*|of|and|for|the|on|in|at|to|de|du|des|la|le|del|di|da|von|van|der|&)\s+){1,10}$/u;
const DEFINED = /\(\s*(\p{Lu}{2,8})\s*\)/gu;
const ACRONYM_TOKEN = /^\p{Lu}{2,8}$/u;

export const acronymVariantsKind: RuleKind = {
  name: "acronym-variants",
  fixes: () => "unsafe",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as AcronymVariantsSpec;
    return {
      spec,
      checkDocument(_document, analyses, report) {
        const definitions = analyses.flatMap((a, segment) => definitionsIn(a, segment));
        const uses = acronymUses(analyses);
        if (spec.lookAlikeMessage) reportLookAlikes(spec.lookAlikeMessage, uses, definitions, analyses, report, spec.language);
        if (definitions.length === 0) return;
        const at = (d: Definition) => lineOf(analyses, d.segment, d.start);
        const reported = new Set<Definition>();
        for (const d of definitions) {
          const letter = missingLetter(d);
          if (letter === undefined) continue;
          reported.add(d);
          report(d.segment, { start: d.start, end: d.end, message: expandMessage(spec.missingWordMessage, [d.longForm, d.acronym, letter]) });
        }
        // One acronym, two long forms of one body (they share a word; neither is a shortening of the other): the later one is reported.
        for (const [i, d] of definitions.entries()) {
          if (reported.has(d)) continue;
          const earlier = definitions.slice(0, i).find((e) => e.acronym === d.acronym && !sameLongForm(e.longForm, d.longForm) && shareAWord(e.longForm, d.longForm));
          if (!earlier) continue;
          reported.add(d);
          report(d.segment, {
            start: d.start,
            end: d.end,
            message: expandMessage(spec.twoLongFormsMessage, [d.longForm, d.acronym, earlier.longForm, `line ${at(earlier)}`]),
            fix: makeFix(analyses[d.segment]!.text, d, earlier.longForm, "unsafe"),
          });
        }
        // Another acronym for a defined long form names the same body: the less used one is reported
        // (on a tie the one used later; the first used, often in the definition, names the body).
        const defined = new Set(definitions.map((d) => d.acronym));
        const linked = new Set<string>();
        for (const [other, used] of uses) {
          const d = definitions.find(
            (e) => e.acronym !== other && (defined.has(other) ? sameLongFormOf(definitions, other, e) : explains(other, words(e.longForm))),
          );
          const mine = d && uses.get(d.acronym);
          if (!d || !mine || linked.has(`${d.acronym} ${other}`)) continue;
          linked.add(`${other} ${d.acronym}`);
          const otherFirst = used.length > mine.length || (used.length === mine.length && earlier(used[0]!, mine[0]!));
          const [loser, winner, losing] = otherFirst ? [d.acronym, other, mine] : [other, d.acronym, used];
          const shown = definitions.find((e) => e.acronym === winner) ?? d;
          for (const u of losing) {
            report(u.segment, {
              start: u.start,
              end: u.end,
              message: expandMessage(spec.message, [loser, winner, `${shown.longForm} (${shown.acronym})`, `line ${at(shown)}`]),
              fix: makeFix(analyses[u.segment]!.text, u, winner, "unsafe"),
            });
          }
        }
      },
    };
  },
};

type Use = { segment: number; start: number; end: number };

/** Where each acronym is used, outside text in capitals. */
function acronymUses(analyses: SegmentAnalysis[]): Map<string, Use[]> {
  const uses = new Map<string, Use[]>();
  analyses.forEach((a, segment) => {
    for (const token of a.tokens) {
      if (!ACRONYM_TOKEN.test(token.text) || inShoutedText(a.text, token.start, token.end)) continue;
      (uses.get(token.text) ?? uses.set(token.text, []).get(token.text)!).push({ segment, start: token.start, end: token.end });
    }
  });
  return uses;
}

/** A frequent acronym has its look-alike used once only when the count is this or more: two bodies are each named more than once. */
const LOOK_ALIKE_MIN_USES = 3;

/**
 * An acronym used once beside one used three times or more that differs from it by one letter past
 * the first (“DNR” … “DNI”, “LNR” … “LPR”: a letter of a source word kept) or only by the order of
 * its letters (“AFU” … “UAF”: the source's word order). Two bodies with such acronyms are each
 * named more than once; a pair both defined in the document is left alone.
 */
function reportLookAlikes(message: string, uses: Map<string, Use[]>, definitions: Definition[], analyses: SegmentAnalysis[], report: Report, language?: string): void {
  const defined = new Set(definitions.map((d) => d.acronym));
  // A word in capitals that the dictionary knows (“ANY STRING”, “AND”, “NOT NULL”) is an ordinary word, not an acronym.
  // The dictionary is read only once a look-alike pair is found.
  let dictionary: HunspellDictionary | null | undefined;
  const word = (acronym: string) => (dictionary ??= language && hasDictionary(language) ? dictionaryFor(language) : null)?.isKnown(acronym.toLowerCase()) ?? false;
  const frequent = [...uses].filter(([acronym, used]) => acronym.length >= 3 && used.length >= LOOK_ALIKE_MIN_USES);
  for (const [rare, [use, ...more]] of uses) {
    if (rare.length < 3 || more.length > 0) continue;
    const like = frequent.find(([acronym]) => lookAlike(rare, acronym) && !(defined.has(rare) && defined.has(acronym)) && !word(acronym));
    if (!like || word(rare)) continue;
    report(use!.segment, {
      start: use!.start,
      end: use!.end,
      message: expandMessage(message, [rare, like[0], String(like[1].length)]),
      fix: makeFix(analyses[use!.segment]!.text, use!, like[0], "unsafe"),
    });
  }
}

/** Same length; one letter past the first differs, or the same letters in another order. */
function lookAlike(a: string, b: string): boolean {
  if (a.length !== b.length || a === b || a.charAt(0) !== b.charAt(0) && [...a].sort().join("") !== [...b].sort().join("")) return false;
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a.charAt(i) !== b.charAt(i)) differ++;
  return differ === 1 || [...a].sort().join("") === [...b].sort().join("");
}

/** "Long Form (ACR)" definitions in a segment; the long form starts at its first capitalised word that the acronym needs. */
function definitionsIn(a: SegmentAnalysis, segment: number): Definition[] {
  const found: Definition[] = [];
  for (const m of a.text.matchAll(DEFINED)) {
    const run = LONG_FORM_BEFORE.exec(a.text.slice(Math.max(0, m.index - 160), m.index))?.[0];
    if (!run || inShoutedText(a.text, m.index, m.index + m[0].length)) continue;
    const acronym = m[1]!;
    const parts = [...run.matchAll(/\S+/g)];
    const all = words(run);
    // Leading words the acronym does not need ("Russian President", "the") are not part of the long form;
    // a foreign acronym ("Federal Security Service (FSB)") is taken to have one word a letter.
    let first = all.findIndex((w, i) => !FUNCTION_WORDS.has(w.toLowerCase()) && explainsLoosely(acronym, all.slice(i)));
    if (first < 0) first = lastContentWords(all, acronym.length);
    while (first < all.length && FUNCTION_WORDS.has(all[first]!.toLowerCase())) first++;
    if (all.length - first < 2) continue;
    const runStart = m.index - run.length;
    const start = runStart + parts[first]!.index;
    const end = runStart + run.trimEnd().length;
    found.push({ segment, start, end, longForm: a.text.slice(start, end).replace(/\s+/g, " "), acronym });
  }
  return found;
}

/** Where the last `n` words that are not function words start. */
function lastContentWords(ws: string[], n: number): number {
  let i = ws.length;
  for (let seen = 0; i > 0 && seen < n; i--) if (!FUNCTION_WORDS.has(ws[i - 1]!.toLowerCase())) seen++;
  return i;
}

const words = (longForm: string) => longForm.trim().split(/\s+/).map((w) => w.replace(/['’]s$/, ""));

/** The letters a word may give an acronym: its initial, or one per hyphenated part; a function word may give none. */
function contributions(word: string): string[] {
  const initial = word.charAt(0).toUpperCase();
  if (FUNCTION_WORDS.has(word.toLowerCase())) return ["", initial];
  const parts = word.split("-").filter(Boolean);
  return parts.length > 1 ? [initial, parts.map((p) => p.charAt(0).toUpperCase()).join("")] : [initial];
}

/** Whether the words' initials spell the acronym, every word used. */
function explains(acronym: string, ws: string[]): boolean {
  const from = (w: number, a: number): boolean => {
    if (w === ws.length) return a === acronym.length;
    return contributions(ws[w]!).some((c) => acronym.startsWith(c, a) && from(w + 1, a + c.length));
  };
  return ws.length > 1 && from(0, 0);
}

/** Whether the words spell the acronym, or the acronym less one letter. */
const explainsLoosely = (acronym: string, ws: string[]) => explains(acronym, ws) || shortenings(acronym).some((s) => explains(s, ws));

const shortenings = (acronym: string) => [...acronym].slice(1).map((_, i) => acronym.slice(0, i + 1) + acronym.slice(i + 2));

/** The letter of the acronym (past the first) that no word of the long form gives, when all the others do. */
function missingLetter(d: Definition): string | undefined {
  const ws = words(d.longForm);
  if (d.acronym.length < 3 || explains(d.acronym, ws)) return undefined;
  if (ws.filter((w) => !FUNCTION_WORDS.has(w.toLowerCase())).length < 2) return undefined;
  const i = shortenings(d.acronym).findIndex((s) => explains(s, ws));
  return i < 0 ? undefined : d.acronym.charAt(i + 1);
}

const sameLongForm = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.endsWith(y) || y.endsWith(x);
};

const contentWords = (longForm: string) => words(longForm.toLowerCase()).filter((w) => !FUNCTION_WORDS.has(w));
const shareAWord = (a: string, b: string) => contentWords(a).some((w) => contentWords(b).includes(w));

/** Whether an acronym defined in the document is defined by the same long form as `d`. */
const sameLongFormOf = (definitions: Definition[], acronym: string, d: Definition) =>
  definitions.some((e) => e.acronym === acronym && sameLongForm(e.longForm, d.longForm));

const earlier = (a: { segment: number; start: number }, b: { segment: number; start: number }) => a.segment < b.segment || (a.segment === b.segment && a.start < b.start);

function lineOf(analyses: SegmentAnalysis[], segment: number, offset: number): number {
  const s = analyses[segment]!.segment;
  return s.origin.line + (s.target.slice(0, offset).match(/\n/g)?.length ?? 0);
}
