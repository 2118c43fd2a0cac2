/**
 * `language-mismatch`: a segment written in another language than the document's — left
 * untranslated, or pasted from the source. Detection (src/analysis/language.ts) must be sure:
 * the segment needs `minLetters` letters and a confidence of `minConfidence`; quoted passages
 * are left out when the rest is long enough, so that quoting a foreign phrase is not a mismatch.
 * Segments in another script (Cyrillic or Chinese in English…) are left to the `script` rules,
 * which already flag every run of such letters.
 */
import type { Span } from "../core/types.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { configError } from "../core/errors.js";
import { DETECTABLE_LANGUAGES, LANGUAGE_NAMES, detectWithConfidence, scriptCounts } from "../analysis/language.js";
import { expandMessage } from "../engine/matcher.js";
import { isCopyOfSource } from "../engine/lint.js";
import { proseOf, sourceOf } from "./support/bilingual.js";
import { keptAsWritten } from "./untranslated.js";

interface LanguageMismatchSpec extends RuleSpec {
  /** Fewest letters a segment needs to be judged (default 40). */
  minLetters?: number;
  /** Lowest detection confidence that is reported (default 0.8). */
  minConfidence?: number;
}

/** For each document language, the detected languages whose letters its `script` rule flags already. */
const SCRIPT_RULES_COVER: Readonly<Record<string, readonly string[]>> = {
  en: ["ru", "zh", "ja"],
  de: ["ru", "zh", "ja"],
  fr: ["ru", "zh", "ja"],
  es: ["ru", "zh", "ja"],
  ru: ["zh", "ja"],
  zh: ["ru", "ja"],
  ja: ["ru"],
};

/** Quoted passages: “…”, «…», „…“ / „…”, "…" (within one line): each opening mark's closing marks. */
const CLOSING_MARKS: Readonly<Record<string, string[]>> = { "“": ["”"], "«": ["»"], "„": ["“", "”"], '"': ['"'] };
const OPENING_MARK = /[“«„"]/gu;

/**
 * The text with its quoted passages blanked out: from an opening mark to the first closing mark
 * after it, when that comes before the line's end. The next closing mark and line break are
 * remembered, so that a line of opening marks is not searched again from each (as
 * /“[^”\n]*”/g would), and the scan stays linear.
 */
export function withoutQuoted(text: string): string {
  const next = new Map<string, number>();
  const nextOf = (mark: string, from: number) => {
    let at = next.get(mark);
    if (at === undefined || (at !== -1 && at < from)) next.set(mark, (at = text.indexOf(mark, from)));
    return at === -1 ? Infinity : at;
  };
  const parts: string[] = [];
  let copied = 0;
  // From one opening mark to the next, found by a search rather than char by char: most texts have none.
  for (let i = 0; i < text.length; i++) {
    OPENING_MARK.lastIndex = i;
    const opening = OPENING_MARK.exec(text);
    if (!opening) break;
    i = opening.index;
    const closers = CLOSING_MARKS[opening[0]]!;
    const close = Math.min(...closers.map((mark) => nextOf(mark, i + 1)));
    if (close === Infinity || close > nextOf("\n", i + 1)) continue;
    parts.push(text.slice(copied, i), " ".repeat(close + 1 - i));
    copied = close + 1;
    i = close;
  }
  parts.push(text.slice(copied));
  return parts.join("");
}

export const languageMismatchKind: RuleKind = {
  name: "language-mismatch",
  fixes: () => "none",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as LanguageMismatchSpec;
    const minLetters = spec.minLetters ?? 40;
    const minConfidence = typeof env.options.minConfidence === "number" ? env.options.minConfidence : (spec.minConfidence ?? 0.8);
    if (!(minConfidence > 0 && minConfidence <= 1)) {
      throw configError(`minConfidence must be a number in (0, 1], not ${String(minConfidence)}`, { file: env.file, pointer: `${env.pointer}/minConfidence` });
    }
    return {
      spec,
      checkSegment(analysis, index, report) {
        const expected = analysis.language;
        // Only languages detection knows: an Italian document would look "Spanish" throughout.
        if (!(expected in DETECTABLE_LANGUAGES)) return;
        const { text } = analysis;
        const counts = scriptCounts(text);
        if (counts.letters < minLetters) return;
        // A copy of its source that stays so on purpose (a licence, a command line) is no more a mismatch than it is untranslated.
        const source = sourceOf(analysis);
        if (source !== undefined && isCopyOfSource(analysis.segment) && keptAsWritten(proseOf(source), proseOf(text))) return;
        const unquoted = withoutQuoted(text);
        // Letters are counted once per text: most segments quote nothing, and detection reuses the counts.
        const unquotedCounts = unquoted === text ? counts : scriptCounts(unquoted);
        const [sample, sampleCounts] = unquotedCounts.letters >= minLetters ? [unquoted, unquotedCounts] : [text, counts];
        const detected = detectWithConfidence(sample, { language: expected, floor: minConfidence }, sampleCounts);
        if (!detected || detected.language === expected || detected.confidence < minConfidence) return;
        if (SCRIPT_RULES_COVER[expected]?.includes(detected.language)) return;
        const span = reportedSpan(text, analysis.segment.masked, analysis.sentences);
        if (!span) return;
        report(index, {
          ...span,
          confidence: detected.confidence,
          message: expandMessage(spec.message, [
            text.slice(span.start, span.end),
            LANGUAGE_NAMES[detected.language]!,
            detected.confidence.toFixed(2),
            LANGUAGE_NAMES[expected]!,
          ]),
        });
      },
    };
  },
};

/**
 * The whole segment, trimmed; when parts of it are masked (inline code, URLs), the longest
 * sentence clear of them, since a finding that overlaps a masked range is dropped.
 */
function reportedSpan(text: string, masked: Span[] | undefined, sentences: Span[]): Span | undefined {
  if (!masked?.length) {
    const start = text.search(/\S/u);
    return start < 0 ? undefined : { start, end: text.trimEnd().length };
  }
  const clear = sentences.filter((s) => !masked.some((m) => m.start < s.end && s.start < m.end));
  return clear.reduce<Span | undefined>((best, s) => (!best || s.end - s.start > best.end - best.start ? s : best), undefined);
}
