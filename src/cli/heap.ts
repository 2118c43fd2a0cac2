/**
 * Streamed batches allocate far more than they keep, and V8 lets its old generation grow to
 * several times the live data before collecting it (≈ 320 MB of memory for ≈ 40 MB of live data
 * on a large JSONL file). A full collection whenever the heap passes a budget keeps memory flat.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Heap in use above which a batch is followed by a full collection. */
const HEAP_BUDGET_BYTES = 48 * 1024 * 1024;

let collect: (() => void) | undefined;
/** What stayed after the last collection: the budget never drops below twice that, so collections stay rare. */
let liveAfterCollection = 0;

export function collectWhenOverBudget(): void {
  const used = process.memoryUsage().heapUsed;
  if (used < Math.max(HEAP_BUDGET_BYTES, 2 * liveAfterCollection)) return;
  if (!collect) {
    // `gc` is only exposed to contexts created after the flag is set.
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
  liveAfterCollection = process.memoryUsage().heapUsed;
}
