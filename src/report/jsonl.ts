/**
 * JSON Lines: one finding per line, with the JSON report's field names plus `path`. Findings only,
 * no summary line, so that every line of the stream has the same shape. With per-segment results
 * (--per-segment): one line per segment instead, findings or none, so that output lines pair with
 * the input's segments.
 */
import { findingsBySegment, type LocatedFinding, type RunResult, type SegmentScore } from "../core/results.js";
import type { RuleSpec } from "../core/rule.js";
import { findingJson } from "./json.js";

export function formatJsonl(result: RunResult, _rules: RuleSpec[] = []): string {
  return result.files.flatMap((file) => (file.segments ? segmentLines(file.path, file.segments, file.findings) : file.findings.map((f) => jsonlLine(file.path, f)))).join("");
}

/** One line per segment: `{ path, segmentId, line, words, score, passed, findings }`; also used for streamed files' batches. */
export function segmentLines(path: string, segments: readonly SegmentScore[], findings: readonly LocatedFinding[]): string[] {
  const bySegment = findingsBySegment(findings);
  return segments.map((s) => `${JSON.stringify({ path, ...s, findings: (bySegment.get(s.segmentId) ?? []).map(findingJson) })}\n`);
}

/** One finding as one line; also used to write findings of streamed files as they come. */
export function jsonlLine(path: string, f: LocatedFinding): string {
  // JSON.stringify never emits a raw line break (it escapes \n and \r), so each record is one line.
  return `${JSON.stringify({ path, ...findingJson(f) })}\n`;
}
