/**
 * `repetition`: the same word twice in a row ("the the"), separated only by spaces. A
 * capitalised repeat ("Sing Sing") is taken for a name, except in `bilingual` rules: there a
 * doubled word is reported only when the segment has a source that does not double it, so a
 * capitalised one ("Die Die Datei") is reported too. Exceptions are words that the language
 * doubles correctly, for the rule's language or, in rules for every language, per language.
 */
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { makeFix } from "../engine/fixes.js";
import { escapeRegExp, expandMessage } from "../engine/matcher.js";
import { primary, sourceOf } from "./support/bilingual.js";

interface RepetitionSpec extends RuleSpec {
  /** Words that are correctly doubled ("had had", "that that"), compared in lower case. */
  exceptions?: string[];
  /** The same, per target language (for rules of every language). */
  exceptionsByLanguage?: Record<string, string[]>;
  /** Only segments with a source, and only words the source does not double; capitalised repeats included. */
  bilingual?: boolean;
}

/** Scripts written without spaces, whose reduplicated words ("谢谢", "看看") are words of their own. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

export const repetitionKind: RuleKind = {
  name: "repetition",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec): CompiledRule {
    const spec = rawSpec as RepetitionSpec;
    const lower = (words: string[] = []) => new Set(words.map((w) => w.toLowerCase()));
    const exceptions = lower(spec.exceptions);
    const byLanguage = new Map(Object.entries(spec.exceptionsByLanguage ?? {}).map(([language, words]) => [language, lower(words)]));
    return {
      spec,
      checkSegment(analysis, index, report) {
        const source = spec.bilingual ? sourceOf(analysis) : undefined;
        if (spec.bilingual && !source) return;
        const { tokens, text } = analysis;
        const languageExceptions = byLanguage.get(primary(analysis.language) ?? "");
        for (let i = 1; i < tokens.length; i++) {
          const first = tokens[i - 1]!;
          const second = tokens[i]!;
          if (first.text.length !== second.text.length) continue; // most pairs: no lower-casing needed
          const word = first.text.toLowerCase();
          if (word !== second.text.toLowerCase() || exceptions.has(word) || languageExceptions?.has(word)) continue;
          if (!/^[ \t\u00a0]*(?:\r?\n)?[ \t\u00a0]*$/u.test(text.slice(first.end, second.start))) continue;
          // "Sing Sing", "Walla Walla": a capitalised repeat is a name, not a slip — unless the source shows it is not.
          if (!spec.bilingual && /^\p{Lu}/u.test(second.text)) continue;
          // Initials and single letters ("J. J.", "a a" in lists) are not prose repetition.
          if ([...word].length < 2 || !/\p{L}/u.test(word)) continue;
          if (source !== undefined && (UNSPACED.test(word) || new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}\\s+${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "iu").test(source))) continue;
          report(index, {
            start: first.start,
            end: second.end,
            message: expandMessage(spec.message, [text.slice(first.start, second.end), first.text]),
            fix: makeFix(text, { start: first.end, end: second.end }, "", spec.applicability ?? "safe", `Delete the second “${second.text}”`),
          });
        }
      },
    };
  },
};
