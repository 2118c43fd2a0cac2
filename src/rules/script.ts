/**
 * `script`: words in a writing system the target language does not use — an untranslated
 * fragment, like Cyrillic or Chinese left in English text. The message names the script and,
 * where the letters tell, the likely language.
 */
import { configError, pointerToken } from "../core/errors.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { expandMessage } from "../engine/matcher.js";

interface ScriptSpec extends RuleSpec {
  /** Unicode script names (as in \p{Script=…}) whose words are flagged. */
  scripts: string[];
  /** Shortest run of letters to flag, so that a lone symbol (π, α) is not a "fragment". */
  minLetters?: number;
}

/** Letters that tell one language of a script from another. */
const LANGUAGE_HINTS: { script: string; test: RegExp; language: string }[] = [
  { script: "Cyrillic", test: /[іїєґ]/iu, language: "Ukrainian" },
  { script: "Cyrillic", test: /[ўі]/iu, language: "Belarusian" },
  { script: "Cyrillic", test: /[ѓќљњџ]/iu, language: "Macedonian or Serbian" },
  { script: "Cyrillic", test: /./u, language: "Russian" },
  { script: "Han", test: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, language: "Japanese" },
  { script: "Han", test: /./u, language: "Chinese" },
  { script: "Hiragana", test: /./u, language: "Japanese" },
  { script: "Katakana", test: /./u, language: "Japanese" },
  { script: "Hangul", test: /./u, language: "Korean" },
  { script: "Arabic", test: /[پچژگ]/u, language: "Persian" },
  { script: "Arabic", test: /./u, language: "Arabic" },
  { script: "Hebrew", test: /./u, language: "Hebrew" },
  { script: "Greek", test: /./u, language: "Greek" },
  { script: "Devanagari", test: /./u, language: "Hindi" },
  { script: "Thai", test: /./u, language: "Thai" },
];

const OUTSIDE_LATIN = /[^\u0000-\u024f\u1e00-\u1eff\u2000-\u2bff]/u;

export const scriptKind: RuleKind = {
  name: "script",
  fixes: () => "none",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as ScriptSpec;
    const minLetters = spec.minLetters ?? 2;
    // The schema takes any capitalised name; only Unicode's script names compile.
    spec.scripts.forEach((s, i) => {
      if (!isScriptName(s)) throw configError(`unknown Unicode script "${s}" (e.g. "Cyrillic", "Han")`, { file: env.file, pointer: `${env.pointer}/scripts/${pointerToken(i)}` });
    });
    const scriptClass = spec.scripts.map((s) => `\\p{Script=${s}}`).join("");
    // A run of the scripts' letters, possibly several words joined by spaces and marks. A Latin
    // look-alike inside a word ("Истoчник" with a Latin o) stays part of it: one word, one finding.
    const word = `[${scriptClass}](?:[${scriptClass}\\p{M}'’-]|\\p{Script=Latin}(?=[${scriptClass}]))*`;
    const run = new RegExp(`${word}(?:[\\s,.;:!?«»“”„"()-]+${word})*`, "gu");
    // Counted by a pattern, not by listing every letter of a run (a run may be a whole document).
    const enoughLetters = new RegExp(`(?:\\p{L}[^\\p{L}]*){${minLetters}}`, "u");
    const which = spec.scripts.map((s) => ({ name: s, test: new RegExp(`\\p{Script=${s}}`, "u") }));
    return {
      spec,
      checkSegment(analysis, index, report) {
        // Most segments are all Latin script: one cheap test skips them.
        if (!OUTSIDE_LATIN.test(analysis.text)) return;
        for (const m of analysis.text.matchAll(run)) {
          if (!enoughLetters.test(m[0])) continue;
          const script = which.find((s) => s.test.test(m[0]))!.name;
          const hint = LANGUAGE_HINTS.find((h) => h.script === script && h.test.test(m[0]));
          const language = hint ? `${hint.language}, going by its letters` : "language unknown";
          report(index, { start: m.index, end: m.index + m[0].length, message: expandMessage(spec.message, [m[0], script, language]) });
        }
      },
    };
  },
};

function isScriptName(name: string): boolean {
  try {
    new RegExp(`\\p{Script=${name}}`, "u");
    return true;
  } catch {
    return false;
  }
}
