/**
 * `case-parity` (bilingual): a target that starts in lower case where the source starts with a
 * capital. Only when both texts open with a word (no code, placeholder, digit or mid-sentence
 * punctuation before it) in a script with case. Not compared: an acronym or a mixed-case name
 * ("ORCID", "iPhone") on either side — unless the source writes the target's word with a capital
 * ("OpenID" lowered to "openID") —, the same word opening both, a target that opens with an
 * abbreviation ("о. Буве"), a word before a quotation ("разделе «Адреса»"), or a common noun
 * before a name where the source is a title-case name ("остров Мэн" for "Isle of Man"), or, in a
 * target without case (Japanese, Chinese), an opening word with case that the source writes so
 * ("falseでなければなりません" for "This value should be false."), or a target that opens with a word
 * of four letters or more that the source has later (the head noun moved before the name: "section
 * Emploi" for "Employment section").
 * The reverse — a capital where the source starts in lower case — is not reported: a source
 * fragment that continues a sentence is often translated as a whole sentence.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { escapeRegExp, expandMessage } from "../engine/matcher.js";
import { primary, proseOf, sourceOf } from "./support/bilingual.js";

interface FirstWord {
  start: number;
  word: string;
}

/**
 * The first word, when nothing but spaces and punctuation (no digit, no code) comes before it;
 * a word with case ends where letters without case begin ("false" in "falseでなければなりません").
 */
function firstWord(text: string): FirstWord | undefined {
  const m = /^[\s\p{P}\p{S}]*?([\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*)/u.exec(text);
  if (!m || !/^\p{L}/u.test(m[1]!)) return undefined;
  // Markup and placeholders are blanked in prose: a word after a wide blank follows code; a comma before it, a sentence.
  const before = text.slice(0, m.index + m[0].length - m[1]!.length);
  if (/\s{3,}|[%{}<>[\]$#@&*_=|\\/,;:]/u.test(before)) return undefined;
  return { start: before.length, word: /^[\p{Lu}\p{Ll}\p{Lt}\p{M}\p{N}'’-]+/u.exec(m[1]!)?.[0] ?? m[1]! };
}

/** Text written mostly in letters without case (Japanese, Chinese). */
const isCaselessText = (text: string) => (text.match(/\p{Lo}/gu)?.length ?? 0) > (text.match(/[\p{Lu}\p{Ll}\p{Lt}]/gu)?.length ?? 0);
const wholeWordIn = (text: string, word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "u").test(text);

const isCased = (c: string) => c.toLowerCase() !== c.toUpperCase();
const isUpper = (c: string) => c !== c.toLowerCase();
/** "Isle of Man", "Public Client Terms": every word of two letters or more capitalised, not all in capitals. */
function isTitle(text: string): boolean {
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  return long.length > 0 && long.every((w) => /^\p{Lu}/u.test(w)) && words.some((w) => /\p{Ll}/u.test(w));
}

/** "ORCID", "iPhone", "eBay", "PDF-Datei": a capital after the first letter. */
const isNameLike = (word: string) => /\p{Lu}/u.test(word.slice(1).split(/[-’']/u)[0]!);

export const caseParityKind: RuleKind = {
  name: "case-parity",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec;
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const source = sourceOf(analysis);
        if (!source) return;
        const src = firstWord(proseOf(source));
        const tgt = firstWord(proseOf(analysis.text));
        if (!src || !tgt) return;
        const s = src.word[0]!;
        const t = tgt.word[0]!;
        if (!isCased(s) || !isCased(t) || !isUpper(s) || isUpper(t)) return;
        const language = primary(analysis.language) ?? "";
        const capitalised = t.toLocaleUpperCase(language) + tgt.word.slice(1);
        // A mixed-case name ("iPhone") or an acronym is written so, unless the source capitalises it ("OpenID" lowered to "openID").
        const lowered = isNameLike(tgt.word) && wholeWordIn(source, capitalised);
        if (!lowered && (isNameLike(src.word) || isNameLike(tgt.word))) return;
        // In text without case, an opening word with case is a term of the source ("false", "null"): written as the source writes it, it is right.
        if (isCaselessText(analysis.text) && wholeWordIn(source, tgt.word)) return;
        // "о. Буве", "разделе «Адреса»", "остров Мэн" for "Isle of Man": an abbreviation, a word before a quotation, a common noun before a name.
        const after = analysis.text.slice(tgt.start + tgt.word.length);
        if (/^\.|^\s*["«“„‘]/u.test(after) || (/^\s+\p{Lu}/u.test(after) && isTitle(proseOf(source)))) return;
        // "section Emploi" for "Employment section": the head noun moved to the front; the source's capital was the name's.
        // (Written so in the source: the source's "PubMed" later on is a name that the target lowered.)
        const laterInSource: string[] = proseOf(source).slice(src.start + src.word.length).match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
        if ([...tgt.word].length >= 4 && laterInSource.includes(tgt.word)) return;
        const changed = capitalised.slice(0, capitalised.length - tgt.word.length + 1);
        if (changed.length !== 1) return;
        report(index, {
          start: tgt.start,
          end: tgt.start + tgt.word.length,
          message: expandMessage(spec.message, [tgt.word]),
          fix: { title: "Capitalise the first letter", applicability: spec.applicability ?? "safe", edits: [{ start: tgt.start, end: tgt.start + 1, text: changed, expected: t }] },
        });
      },
    };
  },
};
