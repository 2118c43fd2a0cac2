/** lint(): a pure function of (document, rule set) to findings. No I/O happens here. */
import { SegmentAnalysis } from "../analysis/analysis.js";
import { looksLikeCode } from "../analysis/code.js";
import { readsAsEnglish } from "../analysis/language.js";
import { matchesRuleId, type RawFinding } from "../core/rule.js";
import type { CompiledRule } from "./rule-kind.js";
import { overlapsAny } from "../core/spans.js";
import type { Document, Finding, Severity } from "../core/types.js";
import { SEVERITY_RANK } from "./score.js";

export interface ActiveRule {
  rule: CompiledRule;
  /** Severity after the user's config. */
  severity: Severity;
}

export interface RuleSet {
  rules: ActiveRule[];
  /** Flagged text that is never reported (config `accept`). */
  accept: ReadonlySet<string>;
  /** Every rule id the config knows, on or off: a suppression naming another is a mistake. */
  known?: ReadonlySet<string>;
}

export interface LintResult {
  findings: Finding[];
  analyses: SegmentAnalysis[];
  /** The rules that ran (those for the document's languages). */
  active: ActiveRule[];
}

/** "en-US", "en_GB" and "EN" all take the "en" rules: rules are written per language, not per region. */
export const primaryLanguage = (tag: string | undefined) => tag?.split(/[-_]/)[0]!.toLowerCase();

/** Rules for a target language: those written for it and those for every language ("*"). */
export function rulesFor(ruleSet: RuleSet, languageTag: string, sourceLanguageTag: string | undefined): ActiveRule[] {
  const language = primaryLanguage(languageTag);
  const sourceLanguage = primaryLanguage(sourceLanguageTag);
  return ruleSet.rules.filter(({ rule: { spec } }) => {
    const target = spec.language ?? "*";
    if (target !== "*" && target !== language) return false;
    if (!spec.sourceLanguage || [spec.sourceLanguage].flat().includes(sourceLanguage!)) return true;
    return sourceLanguage === undefined && spec.whenSourceUnknown === true;
  });
}

export function lint(document: Document, ruleSet: RuleSet, defaultLanguage = "en"): LintResult {
  const language = document.language ?? document.segments[0]?.tgtLang ?? defaultLanguage;
  const sourceLanguage = document.sourceLanguage ?? document.segments[0]?.srcLang;
  const analyses = document.segments.map((s) => new SegmentAnalysis(s, primaryLanguage(s.tgtLang ?? language)!));
  const findings: Finding[] = [];
  const active = rulesFor(ruleSet, language, sourceLanguage);
  // Not text of the target language: a target left in the source's language, whose rules would "fix" it (French
  // spaces in English, hiding it from the check that reports it untranslated), and code (a query, a command line).
  const notProse = new Set(analyses.flatMap((a, i) => (isCopyInSourceLanguage(a, primaryLanguage(sourceLanguage)) || looksLikeCode(a.text) ? [i] : [])));
  const reporter = (rule: CompiledRule, severity: Severity) => (segmentIndex: number, raw: RawFinding) => {
    if (notProse.has(segmentIndex) && (rule.spec.language ?? "*") !== "*") return;
    const analysis = analyses[segmentIndex]!;
    const finding = toFinding(rule, severity, analysis, raw);
    if (rule.spec.keptFromSource && keptFromSource(rule.spec.keptFromSource, finding.text, analysis.segment)) return;
    if (((raw.spansMarkup && !raw.fix) || !isMasked(analysis, finding)) && !isSuppressed(analysis.segment.suppressed, finding.ruleId) && !ruleSet.accept.has(finding.text.trim())) {
      findings.push(finding);
    }
  };
  const segmentRules = active.filter((a) => a.rule.checkSegment).map((a) => ({ check: a.rule.checkSegment!.bind(a.rule), report: reporter(a.rule, a.severity) }));
  // Segment by segment, so that per-segment analysis (tokens) can be dropped once its rules have run.
  analyses.forEach((analysis, i) => {
    for (const { check, report } of segmentRules) check(analysis, i, report);
    analysis.release();
  });
  for (const { rule, severity } of active) rule.checkDocument?.(document, analyses, reporter(rule, severity));
  const order = new Map(document.segments.map((s, i) => [s.id, i]));
  findings.sort((a, b) => order.get(a.segmentId)! - order.get(b.segmentId)! || a.start - b.start || a.end - b.end || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.ruleId.localeCompare(b.ruleId));
  return { findings: withoutDeferred(withoutDuplicates(findings), active), analyses, active };
}

/**
 * Findings of rules with `deferTo` that overlap or touch a finding of a rule they defer to (which
 * says more, e.g. with a fix): “March 18 They” is one missing full stop, not also a stray “They”.
 */
function withoutDeferred(findings: Finding[], active: ActiveRule[]): Finding[] {
  const deferTo = new Map(active.filter((a) => a.rule.spec.deferTo?.length).map((a) => [a.rule.spec.id, a.rule.spec.deferTo!]));
  if (!deferTo.size) return findings;
  const dropped = new Set<Finding>();
  for (const [ruleId, patterns] of deferTo) {
    const others = new OverlapIndex(findings.filter((g) => patterns.some((p) => matchesRuleId(g.ruleId, p))));
    for (const f of findings) if (f.ruleId === ruleId && others.touchesOther(f)) dropped.add(f);
  }
  return dropped.size ? findings.filter((f) => !dropped.has(f)) : findings;
}

/**
 * Findings (sorted by segment, then start, without two of the same span) by segment, with the
 * furthest end so far: whether another overlaps a finding takes a binary search, not a scan.
 */
class OverlapIndex {
  private readonly bySegment = new Map<string, { findings: Finding[]; furthestEnd: number[] }>();

  constructor(findings: Finding[]) {
    for (const f of findings) {
      let entry = this.bySegment.get(f.segmentId);
      if (!entry) this.bySegment.set(f.segmentId, (entry = { findings: [], furthestEnd: [] }));
      entry.findings.push(f);
      entry.furthestEnd.push(Math.max(f.end, entry.furthestEnd.at(-1) ?? -Infinity));
    }
  }

  /** Whether another finding overlaps f or ends where it starts or starts where it ends. */
  touchesOther(f: Finding): boolean {
    const entry = this.bySegment.get(f.segmentId);
    if (!entry) return false;
    const { findings, furthestEnd } = entry;
    let lo = 0;
    let hi = findings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (findings[mid]!.start < f.start) lo = mid + 1;
      else hi = mid;
    }
    // One that starts before f and ends at its start or later; else one that starts inside f or at its end.
    if (lo > 0 && furthestEnd[lo - 1]! >= f.start) return true;
    for (let i = lo; i < findings.length && findings[i]!.start <= f.end; i++) {
      if (findings[i] !== f) return true;
    }
    return false;
  }
}

/** Two rules flagging exactly the same text report one problem: the more severe finding is kept. */
function withoutDuplicates(sorted: Finding[]): Finding[] {
  return sorted.filter((f, i) => {
    const previous = sorted[i - 1];
    return !previous || previous.segmentId !== f.segmentId || previous.start !== f.start || previous.end !== f.end;
  });
}

function toFinding(rule: CompiledRule, severity: Severity, analysis: SegmentAnalysis, raw: RawFinding): Finding {
  const { spec } = rule;
  const finding: Finding = {
    ruleId: spec.id,
    category: spec.category,
    severity,
    confidence: raw.confidence ?? spec.confidence ?? 1,
    message: raw.message ?? spec.message,
    segmentId: analysis.segment.id,
    start: raw.start,
    end: raw.end,
    text: analysis.segment.target.slice(raw.start, raw.end),
  };
  if (raw.fix) finding.fix = raw.fix;
  if (raw.suggestions?.length) finding.suggestions = raw.suggestions;
  return finding;
}

/**
 * A finding about marks that the translation writes as its source does (the straight quotation marks
 * of an interface string): the flagged text starts or ends with one of `marks`, and the source has
 * that mark at least as often as the target.
 */
export function keptFromSource(marks: string[], text: string, segment: Document["segments"][number]): boolean {
  const source = segment.source;
  if (source === undefined) return false;
  // A mark of spaces is counted between words only: indentation (of the markup around the text too) is no doubled space.
  const count = (s: string, mark: string) => (mark.trim() ? s.split(mark).length - 1 : (s.match(new RegExp(`(?<=\\S)${mark}(?=\\S)`, "gu"))?.length ?? 0));
  // A mark of spaces stands for a run of as many spaces of any kind: the one found ("\u00a0\u00a0" where an interpolation was) is counted.
  const asFound = (mark: string) => (!mark.trim() && !text.trim() && text.length === mark.length ? text : mark);
  return marks.some((m) => {
    const mark = asFound(m);
    return (text.startsWith(mark) || text.endsWith(mark)) && count(source, mark) >= count(segment.target, mark) && count(source, mark) > 0;
  });
}

/** The words and numbers of a text, in order: what stays when only its punctuation and spacing are changed. */
const wordsOf = (text: string) => (text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).join(" ");
/** A target that is its source with letters in it, as written or with only punctuation and spacing changed (“…” for "…", French spaces). */
export function isCopyOfSource(segment: Document["segments"][number]): boolean {
  const source = segment.rawSource ?? segment.source;
  return source !== undefined && /\p{L}/u.test(source) && wordsOf(source) === wordsOf(segment.target);
}

/**
 * A copy of the source in another language than the target's: the source language's, or, where
 * the file does not say it (a PO file's msgid), English, which such files mostly translate from.
 */
function isCopyInSourceLanguage(analysis: SegmentAnalysis, sourceLanguage: string | undefined): boolean {
  if (sourceLanguage === analysis.language || !isCopyOfSource(analysis.segment)) return false;
  return sourceLanguage !== undefined || (analysis.language !== "en" && readsAsEnglish(analysis.text, analysis.language));
}

export const isSuppressed = (suppressed: string[] | undefined, ruleId: string) =>
  suppressed?.some((id) => id === "*" || matchesRuleId(ruleId, id)) ?? false;

const isMasked = (analysis: SegmentAnalysis, f: Finding) => overlapsAny(analysis.segment.masked ?? [], f);
