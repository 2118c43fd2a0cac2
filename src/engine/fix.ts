/** Choosing the fixes of one pass over a document: per segment, non-overlapping and guarded. */
import type { Applicability, Document, Edit, Finding, Fix } from "../core/types.js";
import { applyFixes } from "./fixes.js";

/** The fix to apply for a finding at the allowed level: its own fix, else (unsafe only) its first suggestion; never one that changes nothing. */
export function chosenFix(finding: Finding, allowed: Applicability): Fix | undefined {
  const ok = (f: Fix | undefined) => f && (f.applicability === "safe" || allowed === "unsafe") && f.edits.some((e) => e.text !== e.expected) ? f : undefined;
  return ok(finding.fix) ?? (allowed === "unsafe" ? finding.suggestions?.[0] : undefined);
}

export interface FixPass {
  /** The edits to make, by segment id, in offsets of the segment's target. */
  edits: Map<string, Edit[]>;
  /** Findings whose fix is applied. */
  applied: Finding[];
  /** Fixes refused because they would have changed a number, URL, placeholder, tag or other markup. */
  refused: Finding[];
}

/** The fixes of these findings (in order: the first of two overlapping fixes wins, the other waits for the next pass). */
export function fixPass(document: Document, findings: readonly Finding[], allowed: Applicability): FixPass {
  const bySegment = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!chosenFix(f, allowed)) continue;
    const list = bySegment.get(f.segmentId);
    if (list) list.push(f);
    else bySegment.set(f.segmentId, [f]);
  }
  const pass: FixPass = { edits: new Map(), applied: [], refused: [] };
  for (const segment of document.segments) {
    const candidates = bySegment.get(segment.id);
    if (!candidates) continue;
    const outcome = applyFixes(segment.target, candidates, (f) => chosenFix(f, allowed)!, segment.masked);
    for (const { item, reason } of outcome.skipped) if (reason === "protected") pass.refused.push(item);
    if (!outcome.applied.length) continue;
    pass.applied.push(...outcome.applied);
    pass.edits.set(segment.id, outcome.applied.flatMap((f) => chosenFix(f, allowed)!.edits));
  }
  return pass;
}
