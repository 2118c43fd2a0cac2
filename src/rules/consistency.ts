/**
 * `consistency`: several names for one entity in one document ("ISIS", "IG", "ISIL").
 * The preferred form is the one configured in `terms`, else the one the text defines in
 * parentheses ("Islamic State (ISIS)"), else the most frequent. A configured preference is
 * enforced even when only one variant appears; otherwise only mixed usage is flagged.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { caseFolded, LEADING_RUN, LETTER_DIGIT_RUN } from "../analysis/text.js";
import type { RuleSpec, TermGroup } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import type { Applicability } from "../core/types.js";
import { makeFix } from "../engine/fixes.js";
import { escapeRegExp, expandMessage } from "../engine/matcher.js";

interface VariantGroup {
  forms: string[];
  caseSensitive?: boolean;
}

interface ConsistencySpec extends RuleSpec {
  groups: VariantGroup[];
}

interface Group {
  forms: string[];
  configured?: string;
  caseSensitive: boolean;
  /** The first run of letters and digits of each form (folded when case does not matter); undefined when a form starts otherwise. */
  anchors?: string[];
  /** The group's pattern, sticky when tried at anchors only. Built on first use: thousands of configured terms take seconds to compile. */
  pattern(sticky: boolean): RegExp;
}
interface Occurrence {
  segment: number;
  start: number;
  end: number;
  form: string;
}

export const consistencyKind: RuleKind = {
  name: "consistency",
  // Safe for a configured or defined form, a suggestion for a merely frequent one.
  fixes: () => "varies",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as ConsistencySpec;
    const groups = mergeTerms(spec.groups, env.terms).map(compileGroup);
    // The runs the word index keeps: the anchors of the groups, exact and case-folded.
    const anchors = (caseSensitive: boolean) => new Set(groups.flatMap((g) => (g.caseSensitive === caseSensitive ? (g.anchors ?? []) : [])));
    const wanted = { exact: anchors(true), folded: anchors(false) };
    const definitions = new Map<string, RegExp>();
    return {
      spec,
      checkDocument(_document, analyses, report) {
        const words = new WordIndex(analyses, wanted);
        for (const group of groups) {
          const found = occurrences(group, analyses, words);
          if (found.length === 0) continue;
          const choice = preferredForm(group, found, analyses);
          if (!choice) continue;
          for (const o of found) {
            if (o.form === choice.form || definesPreferred(analyses[o.segment]!.text, o, choice.form, definitions)) continue;
            const text = analyses[o.segment]!.text;
            report(o.segment, {
              start: o.start,
              end: o.end,
              message: expandMessage(spec.message, [text.slice(o.start, o.end), choice.form, choice.reason]),
              fix: makeFix(text, o, choice.form, choice.applicability),
            });
          }
        }
      },
    };
  },
};

/**
 * A configured term joins the first group (built-in, or made by an earlier term) that shares one
 * of its forms, or forms a group of its own. Each form's first group is indexed: thousands of
 * terms are merged in linear time.
 */
function mergeTerms(groups: VariantGroup[], terms: TermGroup[]): (VariantGroup & { configured?: string })[] {
  const merged: (VariantGroup & { configured?: string })[] = [];
  const firstGroup = new Map<string, number>();
  const add = (index: number, forms: string[]) => {
    for (const f of forms) if (!(firstGroup.get(f)! <= index)) firstGroup.set(f, index);
  };
  const push = (group: VariantGroup & { configured?: string }) => add(merged.push(group) - 1, group.forms);
  for (const g of groups) push({ ...g, forms: [...g.forms] });
  for (const term of terms) {
    const forms = [term.preferred, ...term.variants];
    const shared = forms.map((f) => firstGroup.get(f)).filter((i) => i !== undefined);
    if (shared.length) {
      const index = Math.min(...shared);
      const match = merged[index]!;
      match.forms = [...new Set([...match.forms, ...forms])];
      match.configured = term.preferred;
      add(index, forms);
    } else {
      push({ forms, configured: term.preferred, caseSensitive: term.caseSensitive });
    }
  }
  return merged;
}

function compileGroup(g: VariantGroup & { configured?: string }): Group {
  const caseSensitive = g.caseSensitive ?? true;
  const alternatives = [...g.forms].sort((a, b) => b.length - a.length).map((f) => escapeRegExp(f).replace(/ /g, "\\s+"));
  const source = `(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`;
  const patterns = new Map<boolean, RegExp>();
  const anchors = g.forms.map((f) => LEADING_RUN.exec(f)?.[0]);
  return {
    forms: g.forms,
    configured: g.configured,
    caseSensitive,
    ...(anchors.every((a) => a !== undefined) && { anchors: anchors.map((a) => (caseSensitive ? a : caseFolded(a))) }),
    pattern(sticky) {
      let pattern = patterns.get(sticky);
      if (!pattern) patterns.set(sticky, (pattern = new RegExp(source, `${caseSensitive ? "u" : "iu"}${sticky ? "y" : "g"}`)));
      return pattern;
    },
  };
}

/**
 * Where each run of letters and digits that is a group's anchor starts in a document, exactly and
 * case-folded. A form can only match where its anchor (its first run) is a whole run, so a group's
 * pattern is tried there, instead of scanning every segment once per group (thousands of
 * configured terms); other runs are not kept.
 */
class WordIndex {
  private exact?: Map<string, number[]>;
  private caseless?: Map<string, number[]>;

  /** `wanted`: the only runs looked up, exact and case-folded; the others are not kept. */
  constructor(
    private readonly analyses: SegmentAnalysis[],
    private readonly wanted: { exact: ReadonlySet<string>; folded: ReadonlySet<string> },
  ) {}

  /** (segment, offset) pairs, flattened and in order, where one of the anchors is a run. */
  positions(anchors: string[], caseSensitive: boolean): number[] {
    const index = caseSensitive ? (this.exact ??= this.build((s) => s, this.wanted.exact)) : (this.caseless ??= this.build(caseFolded, this.wanted.folded));
    const lists = [...new Set(anchors)].map((a) => index.get(a)).filter((l) => l !== undefined);
    if (lists.length < 2) return lists[0] ?? [];
    const pairs: [number, number][] = [];
    for (const list of lists) for (let i = 0; i < list.length; i += 2) pairs.push([list[i]!, list[i + 1]!]);
    return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]).flat();
  }

  private build(key: (run: string) => string, wanted: ReadonlySet<string>): Map<string, number[]> {
    const index = new Map<string, number[]>();
    this.analyses.forEach((a, segment) => {
      for (const m of a.text.matchAll(LETTER_DIGIT_RUN)) {
        const run = key(m[0]);
        if (!wanted.has(run)) continue;
        const list = index.get(run);
        if (list) list.push(segment, m.index);
        else index.set(run, [segment, m.index]);
      }
    });
    return index;
  }
}

function occurrences(group: Group, analyses: SegmentAnalysis[], words: WordIndex): Occurrence[] {
  const positions = group.anchors && words.positions(group.anchors, group.caseSensitive);
  const found: Occurrence[] = [];
  if (positions?.length === 0) return found;
  const canonical = new Map(group.forms.map((f) => [normalise(f, group.caseSensitive), f]));
  const take = (segment: number, m: RegExpExecArray) => {
    const form = canonical.get(normalise(m[0], group.caseSensitive));
    const end = m.index + m[0].length;
    if (form && !inShoutedText(analyses[segment]!.text, m.index, end)) found.push({ segment, start: m.index, end, form });
    return end;
  };
  if (!positions) {
    analyses.forEach((a, segment) => {
      for (const m of a.text.matchAll(group.pattern(false))) take(segment, m);
    });
    return found;
  }
  // Matches of one group do not overlap: a candidate inside the last match is passed over.
  const pattern = group.pattern(true);
  for (let i = 0, segment = -1, resume = 0; i < positions.length; i += 2) {
    if (positions[i] !== segment) [segment, resume] = [positions[i]!, 0];
    if (positions[i + 1]! < resume) continue;
    pattern.lastIndex = positions[i + 1]!;
    const m = pattern.exec(analyses[segment]!.text);
    if (m) resume = take(segment, m);
  }
  return found;
}

const normalise = (s: string, caseSensitive: boolean) => (caseSensitive ? s : s.toLowerCase()).replace(/\s+/g, " ");

/** An all-capitals acronym inside an all-capitals headline ("THIS IS NEWS") is an ordinary word. */
export function inShoutedText(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - 30), Math.min(text.length, end + 30));
  const letters = around.replace(/[^\p{L}]/gu, "");
  const upper = letters.replace(/[^\p{Lu}]/gu, "");
  return letters.length >= 12 && upper.length / letters.length > 0.8;
}

interface Choice {
  form: string;
  reason: string;
  applicability: Applicability;
}

function preferredForm(group: Group, found: Occurrence[], analyses: SegmentAnalysis[]): Choice | undefined {
  if (group.configured) return { form: group.configured, reason: "the term set in the config", applicability: "safe" };
  const counts = new Map<string, number>();
  for (const o of found) counts.set(o.form, (counts.get(o.form) ?? 0) + 1);
  if (counts.size < 2) return undefined;
  const defined = found.find((o) => isParenthesised(analyses[o.segment]!.text, o));
  if (defined) return { form: defined.form, reason: "the form the text defines in parentheses", applicability: "safe" };
  // Most frequent, ties to the first used; a guess, so its fix is only suggested.
  const [form, count] = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best));
  const tied = [...counts.values()].filter((n) => n === count).length > 1;
  return { form, reason: tied ? "the form used first in this document" : `the form used most often in this document, ${count} times`, applicability: "unsafe" };
}

const isParenthesised = (text: string, o: Occurrence) =>
  /\(\s*$/.test(text.slice(Math.max(0, o.start - 3), o.start)) && /^\s*\)/.test(text.slice(o.end, o.end + 3));

/** The long form in a definition, "Islamic State (ISIS)", is not a competing variant. `definitions` keeps the pattern of each form. */
function definesPreferred(text: string, o: Occurrence, preferred: string, definitions: Map<string, RegExp>): boolean {
  let definition = definitions.get(preferred);
  if (!definition) definitions.set(preferred, (definition = new RegExp(`^["”’']?\\s*\\(\\s*${escapeRegExp(preferred)}\\s*\\)`)));
  return definition.test(text.slice(o.end, o.end + preferred.length + 8));
}
