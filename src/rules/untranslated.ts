/**
 * `untranslated` (bilingual): a target that is its source unchanged, a target written in the
 * source's script where the target language uses another one (Russian left in an English file),
 * a target of inline codes only where the source has text, and words in the source's script left
 * in a target written in another script (Cyrillic in the English of a Russian source).
 *
 * Texts are compared as a reader sees them (markup, placeholders and URLs left out, references
 * decoded, spacing collapsed), so "&lt;x1/&gt;Save" is the source's "<x1/>Save". Identical segments
 * that need no translation are left alone: numbers, codes, URLs and placeholders only, names of
 * at most `maxNameWords` words of three letters or more, text whose every word is a name, an
 * acronym, has digits or joins the words of a name ("Microsoft Office 365", "Isle of Man"), key
 * names ("Ctrl Shift D"), formats ("hh:mm:ss"), command lines and code, and licence texts. A target
 * of punctuation only is a fragment's translation ("/" for "of"), not codes only; a target that
 * has words in the target language's script is not in the source's script.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { looksLikeCode } from "../analysis/code.js";
import { expandMessage } from "../engine/matcher.js";
import { dominantScript, primary, proseOf, sourceOf, wholeTarget } from "./support/bilingual.js";

interface UntranslatedSpec extends RuleSpec {
  /** Message for source-script words in the target ($0 the words, $1 the script). */
  scriptMessage: string;
  /** Message for a target of inline codes only. */
  codesOnlyMessage?: string;
  /** Message for a target in the source's script, not the target language's ($0 the script, $1 the language's). */
  wrongScriptMessage?: string;
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

/** The script a language is written in, for the languages written in one script only. */
const SCRIPT_OF_LANGUAGE: Record<string, string> = {
  ...Object.fromEntries("en de fr es it pt nl pl cs sk sl hr ro hu sv da no nb nn fi et lv lt tr id ms vi ca eu gl ga is sq af sw tl".split(" ").map((l) => [l, "Latin"])),
  ...Object.fromEntries("ru uk be bg mk kk ky tg mn".split(" ").map((l) => [l, "Cyrillic"])),
  el: "Greek", he: "Hebrew", ar: "Arabic", fa: "Arabic", ur: "Arabic", hi: "Devanagari", mr: "Devanagari", ne: "Devanagari", th: "Thai", ko: "Hangul", zh: "Han", ja: "Kana",
};

/** Languages whose text normally mixes in another script's letters (Japanese uses Han; Korean may). */
const SHARES: Record<string, string[]> = { ja: ["Han"], ko: ["Han"], zh: ["Kana"] };

/** Key names: a keyboard shortcut stays as the keys are labelled. */
const KEYS = /^(?:(?:ctrl|control|alt|altgr|shift|cmd|command|option|meta|super|win|fn|esc|escape|tab|enter|return|space|backspace|delete|del|ins|insert|home|end|pgup|pgdn|page ?up|page ?down|up|down|left|right|f\d{1,2}|[a-z0-9])(?:[\s+-]+|$))+$/iu;
/** A command line or code: options, paths, assignments, calls. */
const CODE = /(?:^|\s)--?[a-z]|[\w.-]+\/[\w.-]+|\b\w+\([^)]*\)|[=;{}$]|\b\w+_\w+\b|^\s*(?:sudo|npm|git|pip|apt|cd|ls|mkdir|rm|cp|mv|echo|curl|wget)\b/iu;
/** Licence texts are often kept in their original language on purpose. */
const LICENCE = /\b(?:licen[cs]e|GPL|warranty|copyright|permission is hereby granted|all rights reserved|free software)\b/iu;

/** A target that stays as its source writes it on purpose: key names, a command line or code, a licence text. */
export const keptAsWritten = (source: string, target: string) => KEYS.test(target) || CODE.test(source) || looksLikeCode(source) || LICENCE.test(source);

/** Lower-case words that join the words of a name ("Isle of Man", "Trinidad and Tobago", "Bosnia y Herzegovina"). */
const JOINING = new Set(["of", "and", "the", "de", "du", "des", "la", "le", "et", "y", "e", "del", "da", "do", "von", "und", "der", "van"]);
/** Whether the text has a word written in this script (of dominantScript()'s names). */
const hasScript = (text: string, script: string) => new RegExp(`[${script === "Latin" ? "\\p{Script=Latin}" : SCRIPT_CLASS[script] ?? "\\p{Script=Latin}"}]{2}`, "u").test(text);

const words = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*/gu) ?? [];
const isNameLike = (w: string) => /\p{N}/u.test(w) || /^\p{Lu}/u.test(w) || !/\p{L}/u.test(w);
const normalise = (text: string) => text.normalize("NFC").replace(/\s+/gu, " ").trim();

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
        const rawSource = sourceOf(analysis);
        if (!rawSource) return;
        const source = normalise(proseOf(rawSource));
        const target = normalise(proseOf(analysis.text));
        const whole = { ...wholeTarget(analysis), spansMarkup: true };
        const sourceWords = words(source).filter((w) => /\p{L}{2}/u.test(w));
        if (!/[\p{L}\p{N}]/u.test(target)) {
          // Codes only, where the source has words: the text was lost, or never translated. (Punctuation alone is a fragment's translation: "/" for "of".)
          const codes = analysis.segment.masked?.length || /<[^<>]+>/u.test(analysis.segment.target);
          if (sourceWords.length && codes && spec.codesOnlyMessage) report(index, { ...whole, message: spec.codesOnlyMessage });
          return;
        }
        const language = primary(analysis.language) ?? "";
        const sourceScript = dominantScript(source);
        const targetScript = dominantScript(target);
        if (source === target || (normalise(rawSource) === normalise(analysis.segment.target))) {
          // Text with no word of three letters is a format ("hh:mm:ss"); names and the words that join them ("Isle of Man")
          // need no translation where the target language writes the source's script, only up to `maxNameWords` where it does not.
          const ws = words(target).filter((w) => /\p{L}/u.test(w));
          const sameScript = (SCRIPT_OF_LANGUAGE[language] ?? sourceScript) === sourceScript;
          const allNames = sameScript && ws.every((w) => isNameLike(w) || JOINING.has(w));
          const exempt = allNames || !ws.some((w) => /\p{L}{3}/u.test(w)) || keptAsWritten(source, target);
          if (ws.length > maxNameWords && !exempt) report(index, whole);
          return;
        }
        // The whole target in the source's script, where the target language is written in another.
        const expected = SCRIPT_OF_LANGUAGE[language];
        if (spec.wrongScriptMessage && expected && sourceScript && sourceScript !== "Latin" && targetScript === sourceScript && expected !== sourceScript && !SHARES[language]?.includes(sourceScript) && !hasScript(target, expected)) {
          report(index, { ...whole, message: expandMessage(spec.wrongScriptMessage, [sourceScript, expected]) });
          return;
        }
        const run = sourceScript && runs.get(sourceScript);
        if (!run || SHARES[language]?.includes(sourceScript)) return;
        if (targetScript === sourceScript || targetScript === undefined) return;
        const text = proseOf(analysis.text);
        for (const m of text.matchAll(run)) {
          if ([...m[0].matchAll(/\p{L}/gu)].length < (sourceScript === "Han" || sourceScript === "Kana" ? 1 : 2)) continue;
          report(index, { start: m.index, end: m.index + m[0].length, message: expandMessage(spec.scriptMessage, [m[0], sourceScript]) });
        }
      },
    };
  },
};
