/** Large JSONL files are checked in batches; the results are those of reading the file whole. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigResolver } from "../src/config/config.js";
import type { LocatedFinding } from "../src/core/results.js";
import { checkFile } from "../src/cli/check-file.js";
import { WorkerPool } from "../src/cli/pool.js";
import { streamJsonl } from "../src/cli/stream.js";
import { tempTree } from "./cli-helpers.js";

const targets = ["The council met 8 thousand residents, – said the mayor.", "The museum opened on Monday.", "Prices rose by 2,5 percent.", "IG and ISIS (ISIS) again."];
const lines = Array.from({ length: 4500 }, (_, i) => JSON.stringify({ id: `s${i}`, target: targets[i % 4] }));
lines.splice(2100, 0, "{not json");
const text = `${lines.join("\n")}\n`;

test("streamed findings, words and score equal a whole-file check (batch-local document rules aside)", async () => {
  const dir = tempTree({ "big.jsonl": text });
  const path = join(dir, "big.jsonl");
  const resolver = new ConfigResolver();
  const config = resolver.forPath(path);
  const whole = checkFile({ path, settings: {} }, resolver);
  const streamedOut: LocatedFinding[] = [];
  const streamed = await streamJsonl(path, {}, config, (_path, findings) => streamedOut.push(...findings));
  const comparable = (f: LocatedFinding) => [f.ruleId, f.line, f.column, f.text];
  // The consistency rule sees one batch at a time; every other finding is the same.
  const withoutDocumentRules = (fs: LocatedFinding[]) => fs.filter((f) => f.ruleId !== "en/terminology/entity-name-consistency").map(comparable);
  expect(withoutDocumentRules(streamedOut)).toEqual(withoutDocumentRules(whole.result!.findings));
  expect(streamed.result).toMatchObject({ words: whole.result!.words, findings: [], streamed: { findings: streamedOut.length } });
  expect(streamed.errors).toEqual([expect.objectContaining({ line: 2101, message: expect.stringContaining("not valid JSON") })]);
});

test("a baseline drops its findings before they are counted, scored or handed on", async () => {
  const dir = tempTree({ "big.jsonl": text });
  const path = join(dir, "big.jsonl");
  const config = new ConfigResolver().forPath(path);
  const accepted = "en/numbers/thousand-in-words";
  const all: LocatedFinding[] = [];
  const kept: LocatedFinding[] = [];
  const plain = await streamJsonl(path, {}, config, (_p, f) => all.push(...f));
  const baselined = await streamJsonl(path, {}, config, (_p, f) => kept.push(...f), undefined, (f) => f.ruleId !== accepted);
  expect(all.some((f) => f.ruleId === accepted)).toBe(true);
  expect(kept).toEqual(all.filter((f) => f.ruleId !== accepted));
  expect(baselined.result!.streamed!.findings).toBe(kept.length);
  expect(baselined.result!.score).toBeGreaterThan(plain.result!.score);
});

test("a streamed --fix changes only targets, keeps other lines byte for byte, and is not written when a line is bad", async () => {
  const good = lines.filter((l) => l !== "{not json").join("\n");
  const dir = tempTree({ "a.jsonl": good, "b.jsonl": text });
  const resolver = new ConfigResolver();
  const a = join(dir, "a.jsonl");
  await streamJsonl(a, { fix: "safe" }, resolver.forPath(a));
  const fixedLines = readFileSync(a, "utf8").split("\n");
  expect(fixedLines).toHaveLength(4500);
  expect(JSON.parse(fixedLines[0]!).target).toBe("The council met 8,000 residents, said the mayor.");
  expect(fixedLines[1]).toBe(lines[1]);
  const b = join(dir, "b.jsonl");
  const outcome = await streamJsonl(b, { fix: "safe" }, resolver.forPath(b));
  expect(readFileSync(b, "utf8")).toBe(text);
  expect(outcome.errors.map((e) => e.message)).toContain("fixes not written: parts of this file could not be read");
  writeFileSync(b, text);
});

test("batches checked by worker threads give the same findings, in file order, errors, fixes and score", async () => {
  const dir = tempTree({ "big.jsonl": text, "fix-one.jsonl": text.replace("{not json\n", ""), "fix-two.jsonl": text.replace("{not json\n", "") });
  const resolver = new ConfigResolver();
  const path = join(dir, "big.jsonl");
  // The built worker (dist/ is compiled by `npm test` before the tests run).
  const pool = new WorkerPool(2, undefined, undefined, new URL("../dist/cli/worker.js", import.meta.url));
  try {
    const single: LocatedFinding[] = [];
    const parallel: LocatedFinding[] = [];
    const one = await streamJsonl(path, {}, resolver.forPath(path), (_p, f) => single.push(...f));
    const two = await streamJsonl(path, {}, resolver.forPath(path), (_p, f) => parallel.push(...f), pool);
    expect(single.length).toBeGreaterThan(1000);
    expect(parallel).toEqual(single);
    expect(two).toEqual(one);
    const [a, b] = [join(dir, "fix-one.jsonl"), join(dir, "fix-two.jsonl")];
    await streamJsonl(a, { fix: "safe" }, resolver.forPath(a));
    await streamJsonl(b, { fix: "safe" }, resolver.forPath(b), undefined, pool);
    expect(readFileSync(b, "utf8")).toBe(readFileSync(a, "utf8"));
    expect(readFileSync(b, "utf8")).not.toBe(text.replace("{not json\n", ""));
  } finally {
    await pool.close();
  }
}, 120_000);
