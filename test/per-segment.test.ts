/** --per-segment: one JSON line per segment of the input, with its words, score and findings. */
import { join } from "node:path";
import { ConfigResolver } from "../src/config/config.js";
import type { LocatedFinding, SegmentScore } from "../src/core/results.js";
import { streamFile } from "../src/cli/stream.js";
import { runCli, tempTree } from "./cli-helpers.js";

interface SegmentLine extends SegmentScore {
  path: string;
  findings: { ruleId: string; segmentId: string; severity: string }[];
}

const parse = (stdout: string) => stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as SegmentLine);

const records = [
  { id: "a", target: "The council met 8 thousand residents." },
  { id: "b", target: "All is well here." },
  { id: "c", target: "Visitors saw the the clock, – said the guide." },
];
const jsonl = `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;

test("every segment gets one line, in order, findings or none, scored on its own words and findings", async () => {
  const dir = tempTree({ "segments.jsonl": jsonl });
  const path = join(dir, "segments.jsonl");
  const perSegment = await runCli(["check", "--format", "jsonl", "--per-segment", path]);
  const plain = await runCli(["check", "--format", "jsonl", path]);
  const lines = parse(perSegment.stdout);
  expect(lines.map((l) => [l.segmentId, l.line])).toEqual([["a", 1], ["b", 2], ["c", 3]]);
  expect(lines[1]).toMatchObject({ words: 4, score: 100, passed: true, findings: [] });
  // The findings are those of the plain report, each under its segment.
  const findings = parse(plain.stdout) as unknown as { segmentId: string }[];
  expect(findings.length).toBeGreaterThanOrEqual(2);
  expect(lines.flatMap((l) => l.findings)).toEqual(findings.map(({ path: _path, ...f }: { segmentId: string; path?: string }) => f));
  const weights: Record<string, number> = { minor: 1, major: 5, critical: 25 };
  for (const l of lines) {
    const penalty = l.findings.reduce((sum, f) => sum + weights[f.severity]!, 0);
    expect(l.score).toBe(Math.floor(Math.max(0, 100 * (1 - penalty / l.words)) * 100) / 100);
  }
  expect(lines[0]!.score).toBeLessThan(100);
  expect(perSegment.code).toBe(plain.code);
});

test("a baseline's accepted findings leave their segments, which are scored again", async () => {
  const dir = tempTree({ "segments.jsonl": jsonl });
  const path = join(dir, "segments.jsonl");
  const baseline = join(dir, "accepted.json");
  await runCli(["check", `--write-baseline=${baseline}`, path]);
  const lines = parse((await runCli(["check", "--format", "jsonl", "--per-segment", "--baseline", baseline, path])).stdout);
  expect(lines.map((l) => [l.segmentId, l.score, l.findings.length])).toEqual([["a", 100, 0], ["b", 100, 0], ["c", 100, 0]]);
});

test("--per-segment without --format jsonl is a usage error", async () => {
  const run = await runCli(["check", "--per-segment", "-"], "Text.\n");
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/--per-segment goes with --format jsonl/);
});

test("a streamed file's batches give every segment once, at its line, with the findings of the plain stream", async () => {
  const many = Array.from({ length: 4500 }, (_, i) => JSON.stringify({ id: `s${i}`, target: records[i % 3]!.target })).join("\n");
  const dir = tempTree({ "big.jsonl": `${many}\n` });
  const path = join(dir, "big.jsonl");
  const config = new ConfigResolver().forPath(path);
  const plain: LocatedFinding[] = [];
  await streamFile(path, {}, config, (_p, f) => plain.push(...f));
  const segments: SegmentScore[] = [];
  const withSegments: LocatedFinding[] = [];
  await streamFile(path, { perSegment: true }, config, (_p, f, s) => {
    withSegments.push(...f);
    segments.push(...(s ?? []));
  });
  expect(withSegments).toEqual(plain);
  expect(segments.map((s) => [s.segmentId, s.line])).toEqual(Array.from({ length: 4500 }, (_, i) => [`s${i}`, i + 1]));
  expect(segments.filter((s) => s.score === 100).length).toBe(1500);
}, 120_000);
