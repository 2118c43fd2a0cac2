/**
 * Large JSONL files, checked in batches of lines so that memory stays flat however large the
 * file: each batch is parsed, checked (and fixed into a temporary file) on its own, its findings
 * are handed to `onFindings` as they come (or kept), and only counts and the score accumulate.
 * Document rules (consistency across segments) see one batch at a time.
 */
import { closeSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { MtlintError } from "../core/errors.js";
import type { FileResult, LocatedFinding, ProblemReport, StreamedCounts } from "../core/results.js";
import type { ResolvedConfig } from "../config/config.js";
import { checkText } from "../engine/check.js";
import { penaltyOf, scoreOf, SEVERITY_RANK } from "../engine/score.js";
import { jsonlFormat } from "../formats/jsonl.js";
import { withOverrides, type FileOutcome, type FileSettings } from "./check-file.js";

/** Files this large are streamed rather than read whole. */
export const STREAM_MIN_BYTES = 32 * 1024 * 1024;
const BATCH_LINES = 2000;
const READ_BYTES = 4 * 1024 * 1024;

export function isStreamable(path: string): boolean {
  try {
    return /\.(jsonl|ndjson)$/i.test(path) && statSync(path).size >= STREAM_MIN_BYTES;
  } catch {
    return false; // reported when it is read
  }
}

export function streamJsonl(path: string, settings: FileSettings, config: ResolvedConfig, onFindings?: (path: string, findings: LocatedFinding[]) => void): FileOutcome {
  const scoring = withOverrides(config.scoring, settings);
  const errors: ProblemReport[] = [];
  const kept: LocatedFinding[] = [];
  const counts: StreamedCounts = { findings: 0, byCategory: {}, bySeverity: { minor: 0, major: 0, critical: 0 }, penalty: 0 };
  let words = 0;
  let failing = false;
  const fixing = settings.fix && !settings.dryRun;
  const temp = fixing ? join(dirname(path), `.${basename(path)}.mtlint-${process.pid}.tmp`) : undefined;
  const out = temp ? openSync(temp, "w") : undefined;
  const input = openSync(path, "r");
  const size = statSync(path).size;
  const lastByte = Buffer.alloc(1);
  readSync(input, lastByte, 0, 1, size - 1);
  const endsWithNewline = lastByte[0] === 0x0a;
  try {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const buffer = Buffer.alloc(READ_BYTES);
    let carry = "";
    let firstLine = 1;
    const checkBatch = (lines: string[], last: boolean) => {
      const text = lines.join("\n");
      const outcome = checkText(text, path, jsonlFormat, {
        ruleSet: config.ruleSet,
        scoring,
        language: config.language,
        forceLanguage: settings.lang,
        sourceLanguage: settings.sourceLang ?? config.sourceLanguage,
        fix: settings.fix,
      });
      const shift = firstLine - 1;
      for (const e of outcome.errors) {
        const p = e.toProblem();
        errors.push({ ...p, ...(p.line !== undefined && { line: p.line + shift }) });
      }
      const findings = outcome.result.findings.map((f) => ({ ...f, line: f.line + shift, endLine: f.endLine + shift }));
      words += outcome.result.words;
      for (const f of findings) {
        counts.findings++;
        counts.byCategory[f.category] = (counts.byCategory[f.category] ?? 0) + 1;
        counts.bySeverity[f.severity]++;
        counts.penalty += penaltyOf(f, scoring);
        failing ||= SEVERITY_RANK[f.severity] >= SEVERITY_RANK[scoring.failOn];
      }
      if (onFindings) onFindings(path, findings);
      else kept.push(...findings);
      if (out !== undefined) writeSync(out, `${outcome.fixedText ?? text}${last && !endsWithNewline ? "" : "\n"}`);
      firstLine += lines.length;
    };
    let pending: string[] = [];
    for (;;) {
      const read = readSync(input, buffer, 0, READ_BYTES, null);
      const chunk = carry + decoder.decode(buffer.subarray(0, read), { stream: read > 0 });
      const lines = chunk.split("\n");
      carry = read > 0 ? lines.pop()! : "";
      if (read === 0 && carry === "" && lines.at(-1) === "") lines.pop();
      for (const line of lines) {
        pending.push(line);
        if (pending.length >= BATCH_LINES) {
          checkBatch(pending, false);
          pending = [];
        }
      }
      if (read === 0) break;
    }
    if (pending.length) checkBatch(pending, true);
  } catch (e) {
    if (e instanceof TypeError) errors.push({ kind: "input", file: path, message: "invalid UTF-8; expected UTF-8 text" });
    else throw e;
  } finally {
    closeSync(input);
    if (out !== undefined) closeSync(out);
  }
  if (temp) finishFix(path, temp, errors);
  const score = scoreOf(counts.penalty, words);
  const result: FileResult = {
    path,
    words,
    score: Math.floor(score * 100) / 100,
    passed: score >= scoring.minScore && !failing,
    findings: kept,
    ...(onFindings && { streamed: counts }),
  };
  return { result, errors };
}

/** The fixed copy replaces the file only when every line was read. */
function finishFix(path: string, temp: string, errors: ProblemReport[]): void {
  if (errors.length) {
    unlinkSync(temp);
    errors.push(new MtlintError("input", "fixes not written: parts of this file could not be read", { file: path }).toProblem());
    return;
  }
  chmodSync(temp, statSync(path).mode);
  renameSync(temp, path);
}
