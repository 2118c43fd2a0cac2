/**
 * `variety`: one document spelling words the ways of two varieties of a language — American
 * "organization" beside British "defence". Each listed word is evidence for its variety; when a
 * document holds words of more than one, the words of the varieties other than the clear
 * majority are flagged and respelled (a tie says nothing, so nothing is flagged). A variety set
 * in the rule options (`{ "variety": "us" }`) is enforced even on a single word.
 *
 * A majority must be clear — at least twice the other varieties' words, and at least three
 * words — because a 5:4 split, or two words against one, does not tell which variety the text means.
 *
 * Word lists stay short because inflections are generated: a pair whose forms end in the first
 * row of an `inflections` group (organ|ize / organ|ise) also yields every other row of the group
 * on the same stem (organ|izations / organ|isations). Forms in `shared`, and the forms generated
 * from them, belong to every variety ("program" in British computing, "analyses" the plural of
 * "analysis") and are neither evidence nor flagged. `accepted` endings are correct in a variety
 * besides their own (British Oxford spelling writes -ize): evidence, but not flagged there.
 * Capitalised words inside a sentence are names ("Pearl Harbor", "Labour Party") and are skipped.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { configError, pointerToken } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";

interface VarietySpec extends RuleSpec {
  /** Variety id → name used in messages, e.g. { "us": "American", "uk": "British" }. */
  varieties: Record<string, string>;
  /** One row per word: its form in each variety, in the order of `varieties`. */
  words: string[][];
  /** Groups of aligned endings; the first row is the one a word must end in to be inflected. */
  inflections?: string[][][];
  /** Forms correct in every variety (with the forms generated from them): never evidence, never flagged. */
  shared?: string[];
  /** Variety id → endings of other varieties' forms that are also correct in it, e.g. { "uk": ["ize"] }. */
  accepted?: Record<string, string[]>;
  /** Message when a variety is set in the options (default: `message`). Same $-groups as `message`. */
  preferredMessage?: string;
}

interface Form {
  variety: number;
  /** The word's forms in every variety, lower case. */
  row: string[];
}

interface Occurrence {
  segment: number;
  start: number;
  end: number;
  form: Form;
}

/** Words the majority variety needs before the other variety's words are flagged. */
const MIN_MAJORITY = 3;
const WORD = /\p{L}+/gu;
const LATIN_FORM = /^[a-z\u00c0-\u024f]+$/;
const LETTER = /\p{L}/u;

export const varietyKind: RuleKind = {
  name: "variety",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as VarietySpec;
    const ids = Object.keys(spec.varieties);
    const names = Object.values(spec.varieties);
    const rowsOf = (field: string, rows: string[][]) =>
      rows.forEach((row, i) => {
        if (row.length !== ids.length) {
          throw configError(`expected ${ids.length} forms (${ids.join(", ")}), found ${row.length}`, { file: env.file, pointer: `${env.pointer}/${field}/${pointerToken(i)}` });
        }
      });
    rowsOf("words", spec.words);
    (spec.inflections ?? []).forEach((group, i) => rowsOf(`inflections/${i}`, group));
    const preferred = env.options.variety;
    if (preferred !== undefined && (typeof preferred !== "string" || !ids.includes(preferred))) {
      throw configError(`options.variety must be one of ${ids.map((v) => `"${v}"`).join(", ")}`, { file: env.file, pointer: env.pointer });
    }
    const forms = buildForms(spec);
    const latin = latinFilter([...forms.keys()]);
    const applicability = spec.applicability ?? "safe";

    return {
      spec,
      checkDocument(_document, analyses, report) {
        const found = occurrences(analyses, forms, latin);
        const counts = ids.map((_, v) => found.filter((o) => o.form.variety === v).length);
        let target: number;
        if (preferred !== undefined) {
          target = ids.indexOf(preferred as string);
        } else {
          const top = Math.max(...counts);
          target = counts.indexOf(top);
          const others = found.length - top;
          if (others === 0 || top < 2 * others || top < MIN_MAJORITY) return;
        }
        const accepted = spec.accepted?.[ids[target]!] ?? [];
        const examples = [...new Set(found.filter((o) => o.form.variety === target).map((o) => o.form.row[target]!))].slice(0, 3).join(", ");
        for (const o of found) {
          if (o.form.variety === target || accepted.some((ending) => o.form.row[o.form.variety]!.endsWith(ending))) continue;
          const text = analyses[o.segment]!.text;
          const word = text.slice(o.start, o.end);
          const replacement = matchCase(o.form.row[target]!, word);
          const groups = [word, names[o.form.variety], names[target], String(counts[target]), examples, String(counts[o.form.variety]), replacement];
          report(o.segment, {
            start: o.start,
            end: o.end,
            message: expandMessage(preferred !== undefined ? spec.preferredMessage ?? spec.message : spec.message, groups),
            fix: makeFix(text, o, replacement, applicability),
          });
        }
      },
    };
  },
};

/** Every form of every word, lower case, with its variety; a form claimed by two varieties is dropped as shared. */
function buildForms(spec: VarietySpec): Map<string, Form> {
  const shared = new Set((spec.shared ?? []).map((f) => f.toLowerCase()));
  const rows: string[][] = [];
  for (const word of spec.words) {
    const row = word.map((f) => f.toLowerCase());
    rows.push(row);
    for (const group of spec.inflections ?? []) {
      const base = group[0]!;
      const stems = row.map((f, v) => (f.endsWith(base[v]!) ? f.slice(0, f.length - base[v]!.length) : undefined));
      if (stems.some((s) => s === undefined)) continue;
      for (const endings of group.slice(1)) {
        const inflected = stems.map((s, v) => s + endings[v]!);
        row.forEach((f, v) => shared.has(f) && shared.add(inflected[v]!)); // "meter" shared: "metered" too
        rows.push(inflected);
      }
    }
  }
  const forms = new Map<string, Form>();
  const ambiguous = new Set<string>();
  for (const row of rows) {
    row.forEach((f, variety) => {
      if (row.indexOf(f) !== variety || row.lastIndexOf(f) !== variety) return; // the same in two varieties
      const known = forms.get(f);
      if (known && known.variety !== variety) ambiguous.add(f);
      else if (!known) forms.set(f, { variety, row });
    });
  }
  for (const f of [...shared, ...ambiguous]) forms.delete(f);
  return forms;
}

/**
 * What lets a scan pass over most words of a text without cutting them out and looking them up:
 * the lengths of the forms, and their first `prefixLength` letters as numbers (see extendKey).
 */
interface LatinFilter {
  shortest: number;
  longest: number;
  prefixLength: number;
  prefixes: Set<number>;
}

/** A filter for forms all in Latin letters; undefined when some form has others. */
function latinFilter(forms: string[]): LatinFilter | undefined {
  if (!forms.every((f) => LATIN_FORM.test(f))) return undefined;
  const lengths = forms.map((f) => f.length);
  const shortest = Math.min(...lengths);
  const prefixLength = Math.min(4, shortest);
  const prefixes = new Set<number>();
  for (const f of forms) {
    let key = 0;
    for (let i = 0; i < prefixLength; i++) key = extendKey(key, f.charCodeAt(i));
    if (key >= 0) prefixes.add(key);
  }
  return { shortest, longest: Math.max(...lengths), prefixLength, prefixes };
}

/**
 * A word's prefix key extended by its next letter: 5 bits for an ASCII letter, lower-cased; -1,
 * "look the word up", once a letter is not ASCII (no other letter lower-cases to ASCII but "İ",
 * whose "i̇" is in no Latin form).
 */
const extendKey = (key: number, c: number) => (key < 0 || c >= 128 ? -1 : key * 32 + ((c | 32) - 96));

/** With `latin` (every form in Latin letters), words are found by a scan of character codes; a run glued to another letter is part of a longer word. */
function occurrences(analyses: SegmentAnalysis[], forms: Map<string, Form>, latin: LatinFilter | undefined): Occurrence[] {
  const found: Occurrence[] = [];
  analyses.forEach((a, segment) => {
    const text = a.text;
    let sentenceStarts: Set<number> | undefined;
    const visit = (start: number, end: number) => {
      const word = text.slice(start, end);
      const form = forms.get(word.toLowerCase());
      if (!form) return;
      if (latin && (LETTER.test(text.charAt(start - 1)) || LETTER.test(text.charAt(end)))) return;
      if (/^\p{Lu}\p{Ll}/u.test(word)) {
        // A capitalised word is a name inside a sentence ("Pearl Harbor"), or when a capitalised
        // word follows ("Defence Ministry"); all capitals is a shouted word and counts.
        sentenceStarts ??= firstWords(a);
        if (!sentenceStarts.has(start) || /^[ \t]+\p{Lu}/u.test(text.slice(end, end + 3))) return;
      }
      found.push({ segment, start, end, form });
    };
    if (latin) forEachLatinWord(text, latin, visit);
    else for (const m of text.matchAll(WORD)) visit(m.index, m.index + m[0].length);
  });
  return found;
}

/**
 * Calls `visit` with the start and end of each run of Latin letters (A–Z, a–z, U+00C0–U+024F)
 * that `filter` lets through. Lower-casing keeps the length of such a run unless it holds "İ",
 * whose lower case "i̇" is in no Latin form: a run of another length than the forms' is no form.
 */
function forEachLatinWord(text: string, filter: LatinFilter, visit: (start: number, end: number) => void): void {
  const { shortest, longest, prefixLength, prefixes } = filter;
  let start = -1;
  let key = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i); // NaN past the end, which ends the last run
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f)) {
      if (start < 0) {
        start = i;
        key = 0;
      }
      if (i - start < prefixLength) key = extendKey(key, c);
      continue;
    }
    const length = i - start;
    if (start >= 0 && length >= shortest && length <= longest && (key < 0 || prefixes.has(key))) visit(start, i);
    start = -1;
  }
}

/** Offsets of the first word of each sentence (after any opening quotation mark or bracket). */
function firstWords(a: SegmentAnalysis): Set<number> {
  const starts = new Set<number>();
  for (const s of a.sentences) {
    const i = a.text.slice(s.start, s.end).search(/\p{L}/u);
    if (i >= 0) starts.add(s.start + i);
  }
  return starts;
}

/** "Defence" → "Defense", "DEFENCE" → "DEFENSE". */
function matchCase(replacement: string, word: string): string {
  if (word.length > 1 && word === word.toUpperCase()) return replacement.toUpperCase();
  if (/^\p{Lu}/u.test(word)) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}
