/** Applying fixes to a whole document: lint, apply non-overlapping fixes, and repeat until nothing changes. */
import type { Applicability, Document, Edit, Finding, Fix, Span } from "../core/types.js";
import { applyFixes } from "./fixes.js";
import { lint, type RuleSet } from "./lint.js";

/** Bounded, so that two rules that undo each other cannot loop forever. */
const MAX_PASSES = 5;

export interface FixResult {
  document: Document;
  /** Findings whose fix was applied, over all passes. */
  applied: Finding[];
  /** Fixes refused because they would have changed a number, URL, placeholder or tag. */
  refused: Finding[];
}

/** The fix to apply for a finding at the allowed level: its own fix, else (unsafe only) its first suggestion. */
export function chosenFix(finding: Finding, allowed: Applicability): Fix | undefined {
  const ok = (f: Fix | undefined) => f && (f.applicability === "safe" || allowed === "unsafe") ? f : undefined;
  return ok(finding.fix) ?? (allowed === "unsafe" ? finding.suggestions?.[0] : undefined);
}

export function fixDocument(document: Document, ruleSet: RuleSet, allowed: Applicability, defaultLanguage?: string): FixResult {
  const applied: Finding[] = [];
  const refused = new Map<string, Finding>();
  let current = document;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { findings } = lint(current, ruleSet, defaultLanguage);
    const bySegment = new Map<string, Finding[]>();
    for (const f of findings) {
      if (!chosenFix(f, allowed)) continue;
      const list = bySegment.get(f.segmentId);
      if (list) list.push(f);
      else bySegment.set(f.segmentId, [f]);
    }
    let changed = false;
    const segments = current.segments.map((segment) => {
      const candidates = bySegment.get(segment.id);
      if (!candidates) return segment;
      const outcome = applyFixes(segment.target, candidates, (f) => chosenFix(f, allowed)!, segment.masked);
      for (const { item, reason } of outcome.skipped) if (reason === "protected") refused.set(`${item.ruleId}@${segment.id}:${item.start}`, item);
      if (!outcome.applied.length) return segment;
      changed = true;
      applied.push(...outcome.applied);
      const edits = outcome.applied.flatMap((f) => chosenFix(f, allowed)!.edits);
      return { ...segment, target: outcome.text, masked: segment.masked && shiftSpans(segment.masked, edits) };
    });
    if (!changed) break;
    current = { ...current, segments };
  }
  return { document: current, applied, refused: [...refused.values()] };
}

/** Moves spans that lie outside every edit by the length change of the edits before them. */
function shiftSpans(spans: Span[], edits: Edit[]): Span[] {
  return spans.map((s) => {
    const delta = edits.filter((e) => e.end <= s.start).reduce((d, e) => d + e.text.length - (e.end - e.start), 0);
    return { start: s.start + delta, end: s.end + delta };
  });
}
