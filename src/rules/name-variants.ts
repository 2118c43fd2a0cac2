/**
 * `name-variants`: one name spelled two ways in a document, as MT leaves it when it transliterates
 * each sentence on its own (Sergey / Sergei, Zelensky / Zelenskyy, Kiev / Kyiv, Al-Khalifa /
 * Al Khalifa, Erdoğan / Erdogan). The document's names are compared with each other under a
 * transliteration-aware key (src/analysis/names.ts), not looked up in a list. The minority
 * spelling is reported; the other one is suggested (unsafe: two people may share a name).
 * Common words ("Would" / "World"), forms that differ only in case, and pairs of spellings that
 * the English dictionary both knows (Henry / Henri) are left alone.
 */
import { dictionaryFor } from "../analysis/dictionary.js";
import { SegmentMemo, nameKey, nameOffsets, namesOf, type NameOccurrence, type SegmentNames } from "../analysis/names.js";
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { makeFix } from "../engine/fixes.js";
import { expandTemplate } from "../engine/matcher.js";

interface NameVariantsSpec extends RuleSpec {
  /** Language of the dictionary that tells common words and conventional spellings (default: the rule's language). */
  dictionary?: string;
  /** Shortest name compared, in letters (default 4): short names collide by chance. */
  minLetters?: number;
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
    return {
      spec,
      // Names are gathered while the segment's tokens are at hand (lint() drops them before document rules run).
      checkSegment: (analysis, index) => gathered.set(index, analysis, namesOf(analysis)),
      checkDocument(_document, analyses, report) {
        // First the spellings only (most documents have no two of one name), then their occurrences.
        const singles = new Set<string>();
        const found = analyses.map((a, i) => gathered.get(i, a, namesOf));
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
          const preferred = preferredSpelling(group);
          for (const o of group.flatMap((s) => (s.text.toLowerCase() === preferred.text.toLowerCase() ? [] : s.occurrences))) {
            report(o.segment, {
              start: o.start,
              end: o.end,
              message: expandTemplate(spec.message, [o.text, preferred.text, where(preferred, analyses)]),
              fix: makeFix(analyses[o.segment]!.text, o, preferred.text, "unsafe"),
            });
          }
        }
      },
    };
  },
};

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

/** The most used spelling; on a tie the one the dictionary knows (the conventional English one), then the first used. */
function preferredSpelling(spellings: Spelling[]): Spelling {
  const first = (s: Spelling) => s.occurrences[0]!;
  return [...spellings].sort(
    (a, b) => b.occurrences.length - a.occurrences.length || Number(b.known) - Number(a.known) || first(a).segment - first(b).segment || first(a).start - first(b).start,
  )[0]!;
}

/** "line 3", "3 times, first on line 3". */
function where(spelling: Spelling, analyses: SegmentAnalysis[]): string {
  const o = spelling.occurrences[0]!;
  const { segment } = analyses[o.segment]!;
  const line = segment.origin.line + (segment.target.slice(0, o.start).match(/\n/g)?.length ?? 0);
  const n = spelling.occurrences.length;
  return n === 1 ? `line ${line}` : `${n} times, first on line ${line}`;
}
