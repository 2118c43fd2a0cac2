/**
 * Lookups in spans sorted by start and not overlapping (the masked ranges of a segment), by binary
 * search: checking every finding or item against every range would cost their product.
 */
import type { Span } from "./types.js";

/** Index of the last span that starts before `offset` (at or before it when `inclusive`), or -1. */
function lastStartingBefore(spans: readonly Span[], offset: number, inclusive: boolean): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < offset || (inclusive && spans[mid]!.start === offset)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Whether `span` overlaps one of the spans (an empty span overlaps a span around it). */
export function overlapsAny(spans: readonly Span[], span: Span): boolean {
  const m = spans[lastStartingBefore(spans, span.end, false)];
  return m !== undefined && span.start < m.end;
}

/** Whether `span` lies inside one of the spans. */
export function insideAny(spans: readonly Span[], span: Span): boolean {
  const m = spans[lastStartingBefore(spans, span.start, true)];
  return m !== undefined && span.end <= m.end;
}

/**
 * A test of whether an offset lies inside one of the spans (sorted by start, overlapping or not):
 * the spans that start at or before it, by binary search, and the farthest end among them.
 */
export function coveredBy(spans: readonly Span[]): (offset: number) => boolean {
  const farthestEnd: number[] = [];
  for (const s of spans) farthestEnd.push(Math.max(s.end, farthestEnd[farthestEnd.length - 1] ?? -Infinity));
  return (offset) => {
    const k = lastStartingBefore(spans, offset, true);
    return k >= 0 && farthestEnd[k]! > offset;
  };
}
