/**
 * `untranslated` (bilingual): a target that is its source unchanged (trimmed), and words in the
 * source's script left in a target written in another script (Cyrillic in the English of a
 * Russian source). Identical segments that need no translation are left alone: numbers, codes,
 * URLs and placeholders only, names of at most `maxNameWords` words, and text whose every word
 * is a name, an acronym or has digits ("Microsoft Office 365").
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { CompiledRule, RuleKind, RuleSpec } from "../core/rule.js";
import { expandTemplate } from "../engine/matcher.js";
import { dominantScript, primary, proseOf, sourceOf, wholeTarget } from "./bilingual.js";

interface UntranslatedSpec extends RuleSpec {
  /** Message for source-script words in the target ($0 the words, $1 the script). */
  scriptMessage: string;
  /** Identical texts of at most this many words are taken for names (default 2). */
  maxNameWords?: number;
}

/** Unicode script names for dominantScript()'s groups. */
const SCRIPT_CLASS: Record<string, string> = {
  Cyrillic: "\\p{Script=Cyrillic}",
  Han: "\\p{Script=Han}",
  Kana: "\\p{Script=Hiragana}\\p{Script=Katakana}",
  Hangul: "\\p{Script=Hangul}",
  Arabic: "\\p{Script=Arabic}",
  Greek: "\\p{Script=Greek}",
  Hebrew: "\\p{Script=Hebrew}",
  Devanagari: "\\p{Script=Devanagari}",
  Thai: "\\p{Script=Thai}",
};

/** Languages whose text normally mixes in another script's letters (Japanese uses Han; Korean may). */
const SHARES: Record<string, string[]> = { ja: ["Han"], ko: ["Han"], zh: ["Kana"] };

const words = (text: string) => proseOf(text).match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*/gu) ?? [];
const isNameLike = (w: string) => /\p{N}/u.test(w) || /^\p{Lu}/u.test(w) || !/\p{L}/u.test(w);

export const untranslatedKind: RuleKind = {
  name: "untranslated",
  fixes: () => "none",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as UntranslatedSpec;
    const maxNameWords = spec.maxNameWords ?? 2;
    const runs = new Map(
      Object.entries(SCRIPT_CLASS).map(([name, cls]) => [
        name,
        new RegExp(`[${cls}][${cls}\\p{M}'’-]*(?:[\\s,.;:!?«»“”„"()-]+[${cls}][${cls}\\p{M}'’-]*)*`, "gu"),
      ]),
    );
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const source = sourceOf(analysis);
        if (!source) return;
        const target = analysis.segment.target;
        if (normalise(source) === normalise(target)) {
          const ws = words(target).filter((w) => /\p{L}/u.test(w));
          if (ws.length > maxNameWords && !ws.every(isNameLike)) {
            report(index, { ...wholeTarget(analysis), spansMarkup: true });
          }
          return;
        }
        const sourceScript = dominantScript(proseOf(source));
        const run = sourceScript && runs.get(sourceScript);
        if (!run || SHARES[primary(analysis.language) ?? ""]?.includes(sourceScript)) return;
        const targetScript = dominantScript(analysis.text);
        if (targetScript === sourceScript || targetScript === undefined) return;
        const text = proseOf(analysis.text);
        for (const m of text.matchAll(run)) {
          if ([...m[0].matchAll(/\p{L}/gu)].length < (sourceScript === "Han" || sourceScript === "Kana" ? 1 : 2)) continue;
          report(index, { start: m.index, end: m.index + m[0].length, message: expandTemplate(spec.scriptMessage, [m[0], sourceScript]) });
        }
      },
    };
  },
};

const normalise = (text: string) => text.normalize("NFC").replace(/\s+/gu, " ").trim();
