/**
 * `name-variants`: one name spelled two ways in a document, as MT leaves it when it transliterates
 * each sentence on its own (Sergey / Sergei, Zelensky / Zelenskyy, Kiev / Kyiv, Al-Khalifa /
 * Al Khalifa, Erdoğan / Erdogan). The document's names are compared with each other under a
 * transliteration-aware key (src/analysis/names.ts), not looked up in a list. The minority
 * spelling is reported; the other one is suggested (unsafe: two people may share a name).
 * Common words ("Would" / "World"), forms that differ only in case, and pairs of spellings that
 * the English dictionary both knows (Henry / Henri) are left alone. Forms of one name that no key
 * brings together (Vladimir / Volodymyr, Evgenia / Zhenya) come from the rule's `equivalents`.
 */
import { dictionaryFor } from "../analysis/dictionary.js";
import { SegmentMemo, nameKey, nameOffsets, namesOf, type NameOccurrence, type SegmentNames } from "../analysis/names.js";
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { Report, RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";

interface NameVariantsSpec extends RuleSpec {
  /** Language of the dictionary that tells common words and conventional spellings (default: the rule's language). */
  dictionary?: string;
  /** Shortest name compared, in letters (default 4): short names collide by chance. */
  minLetters?: number;
  /**
   * Forms of one given name or place in other languages, transliterations and diminutives
   * (Vladimir / Volodymyr, Evgenia / Zhenya, Dnepr / Dnipro): two of a group used for one person
   * (one surname, or none, follows the group's forms) are one name written two ways.
   */
  equivalents?: string[][];
  /** $0 the form reported, $1 the preferred one, $2 where that is. */
  equivalentMessage?: string;
}

interface Spelling {
  text: string;
  occurrences: NameOccurrence[];
  known: boolean;
}

export const nameVariantsKind: RuleKind = {
  name: "name-variants",
  fixes: () => "unsafe",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as NameVariantsSpec;
    const language = spec.dictionary ?? spec.language ?? "en";
    const minLetters = spec.minLetters ?? 4;
    const gathered = new SegmentMemo<SegmentNames>();
    const equivalents = new Map<string, number>();
    (spec.equivalents ?? []).forEach((group, g) => group.forEach((form) => equivalents.set(nameKey(form), g)));
    return {
      spec,
      // Names are gathered while the segment's tokens are at hand (lint() drops them before document rules run).
      checkSegment: (analysis, index) => gathered.set(index, analysis, namesOf(analysis)),
      checkDocument(_document, analyses, report) {
        // First the spellings only (most documents have no two of one name), then their occurrences.
        const singles = new Set<string>();
        const found = analyses.map((a, i) => gathered.get(i, a, namesOf));
        if (equivalents.size && spec.equivalentMessage) reportEquivalents(spec.equivalentMessage, equivalents, found, analyses, report);
        for (const f of found) for (const name of f.names) singles.add(name);
        // A key's spellings: one string until a second spelling comes (most names have one).
        const groups = new Map<string, string | string[]>();
        const add = (key: string, text: string) => {
          const group = groups.get(key);
          if (group === undefined) groups.set(key, text);
          else if (typeof group === "string") groups.set(key, [group, text]);
          else group.push(text);
        };
        for (const text of singles) if (letters(text) >= minLetters) add(nameKey(text), text);
        // Two words written elsewhere as one hyphenated name ("Al Khalifa" / "Al-Khalifa").
        const hyphenated = [...singles].filter((text) => text.includes("-"));
        if (hyphenated.length) {
          const pairs = new Set(found.flatMap((f) => f.follows.map((i) => `${f.names[i - 1]} ${f.names[i]}`)));
          for (const pair of pairs) if (hyphenated.includes(pair.replace(" ", "-")) && letters(pair) >= minLetters) add(nameKey(pair), pair);
        }
        const candidates = [...groups.values()].filter((texts) => typeof texts !== "string");
        if (candidates.length === 0) return;
        const dictionary = dictionaryFor(language);
        const parts = (name: string) => name.split(/[- ]/);
        for (const texts of candidates) {
          const group = texts
            .filter((text) => !parts(text).every((part) => dictionary.isKnown(part.toLowerCase())))
            .map((text): Spelling => ({ text, occurrences: occurrences(analyses, text), known: parts(text).every((part) => dictionary.isKnown(part)) }));
          if (new Set(group.map((s) => s.text.toLowerCase())).size < 2 || group.every((s) => s.known)) continue;
          const ranked = bySupport(group);
          const preferred = ranked[0]!;
          const runnerUp = ranked.find((s) => s.text.toLowerCase() !== preferred.text.toLowerCase())!;
          // On a tie the document gives no reason to prefer one spelling: both are reported, the one
          // suggested for the others without a fix (fixing both ways would swap them).
          const tie = runnerUp.occurrences.length === preferred.occurrences.length && unconventional(runnerUp.text) === unconventional(preferred.text);
          for (const s of group) {
            const isPreferred = s.text.toLowerCase() === preferred.text.toLowerCase();
            if (isPreferred && !tie) continue;
            const other = isPreferred ? runnerUp : preferred;
            // One finding per spelling, at its first use: annotators of MT news mark one use of a variant, seldom each.
            const o = s.occurrences[0]!;
            const uses = s.occurrences.length > 1 ? `, used ${s.occurrences.length} times,` : "";
            report(o.segment, {
              start: o.start,
              end: o.end,
              message: expandMessage(spec.message, [o.text, other.text, where(other, analyses), uses]),
              ...(isPreferred ? {} : { fix: makeFix(analyses[o.segment]!.text, o, preferred.text, "unsafe") }),
            });
          }
        }
      },
    };
  },
};

/**
 * Two forms of one equivalence group for one person: the surnames right after the group's forms
 * tell the people apart ("Vladimir Putin" and "Volodymyr Zelensky" are two). With one surname or
 * none, all the forms used are compared; with more, the forms before each surname. The form of
 * the first full name (else the most used) is preferred; each other one is reported at its first use.
 */
function reportEquivalents(message: string, equivalents: Map<string, number>, found: SegmentNames[], analyses: SegmentAnalysis[], report: Report): void {
  // Per group: the forms used (by key, the first spelling kept) and the surname after each use ("" for none).
  const used = new Map<number, { form: string; surname: string; surnameText: string }[]>();
  for (const f of found) {
    const follows = new Set(f.follows);
    f.names.forEach((name, i) => {
      const g = equivalents.get(nameKey(name));
      if (g === undefined) return;
      const next = follows.has(i + 1) ? f.names[i + 1]! : undefined;
      const surname = next && !equivalents.has(nameKey(next)) ? nameKey(next) : "";
      (used.get(g) ?? used.set(g, []).get(g)!).push({ form: name, surname, surnameText: surname ? next! : "" });
    });
  }
  for (const uses of used.values()) {
    if (new Set(uses.map((u) => nameKey(u.form))).size < 2) continue;
    const surnames = new Set(uses.map((u) => u.surname).filter(Boolean));
    const people = surnames.size <= 1 ? [uses] : [...surnames].map((s) => uses.filter((u) => u.surname === s));
    for (const person of people) {
      // Where a form is used for this person: its first use before the surname when people are told apart by one.
      const firstUse = (text: string): NameOccurrence | undefined => {
        const full = people.length > 1 ? person.find((u) => u.form === text && u.surnameText) : undefined;
        const o = occurrences(analyses, full ? `${text} ${full.surnameText}` : text)[0];
        return o && { ...o, end: o.start + text.length, text };
      };
      const forms = new Map<string, string>();
      const counts = new Map<string, number>();
      for (const u of person) {
        const key = nameKey(u.form);
        if (!forms.has(key)) forms.set(key, u.form);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      if (forms.size < 2) continue;
      const firstFull = person.find((u) => u.surname);
      const preferred = firstFull ? nameKey(firstFull.form) : [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      const shown: Spelling = { text: forms.get(preferred)!, occurrences: occurrences(analyses, forms.get(preferred)!), known: false };
      for (const [key, text] of forms) {
        if (key === preferred) continue;
        const o = firstUse(text);
        if (!o || !shown.occurrences.length) continue;
        report(o.segment, {
          start: o.start,
          end: o.end,
          message: expandMessage(message, [o.text, shown.text, where(shown, analyses)]),
          fix: makeFix(analyses[o.segment]!.text, o, shown.text, "unsafe"),
        });
      }
    }
  }
}

/** Every use of a spelling in the document, in order. */
function occurrences(analyses: SegmentAnalysis[], text: string): NameOccurrence[] {
  return analyses.flatMap((a, segment) => nameOffsets(a.text, text).map((start) => ({ segment, start, end: start + text.length, text })));
}

/** Letters of a name: hyphens and spaces not counted. */
function letters(name: string): number {
  let n = name.length;
  for (let i = name.indexOf("-"); i >= 0; i = name.indexOf("-", i + 1)) n--;
  for (let i = name.indexOf(" "); i >= 0; i = name.indexOf(" ", i + 1)) n--;
  return n;
}

/**
 * The spellings, best first: the one that follows English usage for names from Russian and Ukrainian
 * (AP and BBC style) before one that does not, then the most used; on a tie the one the dictionary
 * knows (the conventional English one), then the first used.
 */
function bySupport(spellings: Spelling[]): Spelling[] {
  const first = (s: Spelling) => s.occurrences[0]!;
  return [...spellings].sort(
    (a, b) =>
      unconventional(a.text) - unconventional(b.text) ||
      b.occurrences.length - a.occurrences.length ||
      Number(b.known) - Number(a.known) ||
      first(a).segment - first(b).segment ||
      first(a).start - first(b).start,
  );
}

/**
 * Marks of a scholarly, Ukrainian-official or other-language romanization that English news style
 * does not use: -ski, -skiy, -skyi, -skii for -sky (Zelensky, Zhirinovsky), -iy, -ii, -yi, -ij for a final
 * -y (Dmitry, Navalny), -ey for -ei (Sergei, Alexei), and j or w for y and v (Sergej, Tschaikowski).
 */
function unconventional(name: string): number {
  const word = name.toLowerCase();
  let marks = 0;
  if (/sk(?:i|iy|yi|ii|ij)$/.test(word)) marks++;
  else if (/(?:iy|ii|yi|ij)$/.test(word)) marks++;
  if (/ey$/.test(word)) marks++;
  if (/.j|w/.test(word)) marks++;
  return marks;
}

/** "line 3", "3 times, first on line 3". */
function where(spelling: Spelling, analyses: SegmentAnalysis[]): string {
  const o = spelling.occurrences[0]!;
  const { segment } = analyses[o.segment]!;
  const line = segment.origin.line + (segment.target.slice(0, o.start).match(/\n/g)?.length ?? 0);
  const n = spelling.occurrences.length;
  return n === 1 ? `line ${line}` : `${n} times, first on line ${line}`;
}
