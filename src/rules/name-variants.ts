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
import { forEachCapitalizedWord, nameKey, type NameOccurrence } from "../analysis/names.js";
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
    return {
      spec,
      checkDocument(_document, analyses, report) {
        // First the spellings only (most documents have no two of one name), then their occurrences.
        const singles = new Set<string>();
        const pairs = new Set<string>();
        let previous = { segment: -1, index: -1, end: -1, text: "" };
        forEachCapitalizedWord(analyses, (segment, index, start, text) => {
          singles.add(text);
          if (previous.segment === segment && previous.index === index - 1 && previous.end === start - 1) pairs.add(`${previous.text} ${text}`);
          previous = { segment, index, end: start + text.length, text };
        });
        const groups = new Map<string, string[]>();
        const add = (key: string, text: string) => (groups.get(key) ?? groups.set(key, []).get(key)!).push(text);
        for (const text of singles) if (letters(text) >= minLetters) add(nameKey(text), text);
        // Two words written as one name elsewhere ("Al Khalifa" / "Al-Khalifa", "Newbury Port" / "Newburyport").
        for (const pair of pairs) {
          const space = pair.indexOf(" ");
          const [first, second] = [pair.slice(0, space), pair.slice(space + 1)];
          const joined = [`${first}-${second}`, first + second.charAt(0).toLowerCase() + second.slice(1)].find((j) => singles.has(j));
          if (joined !== undefined && letters(pair) >= minLetters) add(nameKey(joined), pair);
        }
        const candidates = [...groups.values()].filter((texts) => texts.length > 1);
        if (candidates.length === 0) return;
        const dictionary = dictionaryFor(language);
        const parts = (name: string) => name.split(/[- ]/);
        const spellings = new Map<string, Spelling>();
        for (const texts of candidates) {
          const group = texts
            .filter((text) => !parts(text).every((part) => dictionary.isKnown(part.toLowerCase())))
            .map((text): Spelling => ({ text, occurrences: [], known: parts(text).every((part) => dictionary.isKnown(part)) }));
          if (new Set(group.map((s) => s.text.toLowerCase())).size < 2 || group.every((s) => s.known)) continue;
          for (const s of group) spellings.set(s.text, s);
        }
        if (spellings.size === 0) return;
        previous = { segment: -1, index: -1, end: -1, text: "" };
        forEachCapitalizedWord(analyses, (segment, index, start, text) => {
          spellings.get(text)?.occurrences.push({ segment, start, end: start + text.length, text });
          const pair = `${previous.text} ${text}`;
          if (previous.segment === segment && previous.index === index - 1 && previous.end === start - 1 && spellings.has(pair)) {
            spellings.get(pair)!.occurrences.push({ segment, start: start - previous.text.length - 1, end: start + text.length, text: pair });
          }
          previous = { segment, index, end: start + text.length, text };
        });
        for (const texts of candidates) {
          const group = texts.map((text) => spellings.get(text)).filter((s) => s !== undefined);
          if (group.length < 2) continue;
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

const letters = (name: string) => name.length - (name.match(/[- ]/g)?.length ?? 0);

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
