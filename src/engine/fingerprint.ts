/**
 * A finding's identity across edits: rule, file, the flagged text and a little of the text
 * around it, never line numbers, so that edits elsewhere in the file do not change it.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../core/types.js";

const CONTEXT = 24;
const normalise = (s: string) => s.replace(/\s+/g, " ");

/** `path` is the file's name as its caller makes it portable (config/paths.ts), so the engine reads no working folder. */
export function fingerprint(path: string, finding: Pick<Finding, "ruleId" | "text" | "start" | "end">, segmentText: string): string {
  const before = normalise(segmentText.slice(Math.max(0, finding.start - CONTEXT), finding.start));
  const after = normalise(segmentText.slice(finding.end, finding.end + CONTEXT));
  return createHash("sha1").update([finding.ruleId, path, finding.text, before, after].join("\0")).digest("hex").slice(0, 20);
}
