/** Large JSONL, text and TSV files are checked in batches; the results are those of reading the file whole. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigResolver } from "../src/config/config.js";
import type { LocatedFinding, ProblemReport } from "../src/core/results.js";
import { checkFile, writeFixes } from "../src/cli/check-file.js";
import { WorkerPool } from "../src/cli/pool.js";
import { streamFile } from "../src/cli/stream.js";
import { tempTree } from "./cli-helpers.js";

/** A streamed --fix lets signals in between batches, and so Jest's timer too: these files take longer than its default. */
const LARGE_FILES_MS = 300_000;

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
  const streamed = await streamFile(path, {}, config, (_path, findings) => streamedOut.push(...findings));
  // A fix's changes to the file are placed in the file as the finding is.
  const comparable = (f: LocatedFinding) => [f.ruleId, f.line, f.column, f.text, f.fix?.changes];
  // The consistency rule sees one batch at a time; every other finding is the same.
  const withoutDocumentRules = (fs: LocatedFinding[]) => fs.filter((f) => f.ruleId !== "en/terminology/entity-name-consistency").map(comparable);
  expect(withoutDocumentRules(streamedOut)).toEqual(withoutDocumentRules(whole.result!.findings));
  expect(streamedOut.filter((f) => f.line > 4000 && f.fix?.changes?.[0]?.line === f.line).length).toBeGreaterThan(0);
  expect(streamed.result).toMatchObject({ words: whole.result!.words, findings: [], streamed: { findings: streamedOut.length } });
  expect(streamed.errors).toEqual([expect.objectContaining({ line: 2101, message: expect.stringContaining("not valid JSON") })]);
});

test("bad lines in several batches are one error with their count, at the first, as for the file read whole", async () => {
  const bad = [...lines];
  for (const at of [4400, 3000, 150]) bad.splice(at, 0, "{broken");
  const dir = tempTree({ "bad.jsonl": `${bad.join("\n")}\n` });
  const path = join(dir, "bad.jsonl");
  const resolver = new ConfigResolver();
  const whole = checkFile({ path, settings: {} }, resolver);
  const pool = new WorkerPool(2, undefined, undefined, undefined, new URL("../dist/cli/worker.js", import.meta.url));
  try {
    for (const streamed of [await streamFile(path, {}, resolver.forPath(path)), await streamFile(path, {}, resolver.forPath(path), undefined, pool)]) {
      expect(streamed.errors.map(located)).toEqual(whole.errors.map(located));
      expect(streamed.errors).toEqual([expect.objectContaining({ line: 151, column: 2, message: expect.stringMatching(/^4 lines skipped: not valid JSON \(.*\) \(the first here\)$/u) })]);
    }
  } finally {
    await pool.close();
  }
}, LARGE_FILES_MS);

test("a baseline drops its findings before they are counted, scored or handed on", async () => {
  const dir = tempTree({ "big.jsonl": text });
  const path = join(dir, "big.jsonl");
  const config = new ConfigResolver().forPath(path);
  const accepted = "en/numbers/thousand-in-words";
  const all: LocatedFinding[] = [];
  const kept: LocatedFinding[] = [];
  const plain = await streamFile(path, {}, config, (_p, f) => all.push(...f));
  const baselined = await streamFile(path, {}, config, (_p, f) => kept.push(...f), undefined, (f) => f.ruleId !== accepted);
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
  await streamFile(a, { fix: "safe" }, resolver.forPath(a));
  const fixedLines = readFileSync(a, "utf8").split("\n");
  expect(fixedLines).toHaveLength(4500);
  expect(JSON.parse(fixedLines[0]!).target).toBe("The council met 8,000 residents, said the mayor.");
  expect(fixedLines[1]).toBe(lines[1]);
  const b = join(dir, "b.jsonl");
  const outcome = await streamFile(b, { fix: "safe" }, resolver.forPath(b));
  expect(readFileSync(b, "utf8")).toBe(text);
  expect(outcome.errors.map((e) => e.message)).toContain("fixes not written: parts of this file could not be read; file left unchanged");
  writeFileSync(b, text);
}, LARGE_FILES_MS);

test("batches checked by worker threads give the same findings, in file order, errors, fixes and score", async () => {
  const dir = tempTree({ "big.jsonl": text, "fix-one.jsonl": text.replace("{not json\n", ""), "fix-two.jsonl": text.replace("{not json\n", "") });
  const resolver = new ConfigResolver();
  const path = join(dir, "big.jsonl");
  // The built worker (dist/ is compiled by `npm test` before the tests run).
  const pool = new WorkerPool(2, undefined, undefined, undefined, new URL("../dist/cli/worker.js", import.meta.url));
  try {
    const single: LocatedFinding[] = [];
    const parallel: LocatedFinding[] = [];
    const one = await streamFile(path, {}, resolver.forPath(path), (_p, f) => single.push(...f));
    const two = await streamFile(path, {}, resolver.forPath(path), (_p, f) => parallel.push(...f), pool);
    expect(single.length).toBeGreaterThan(1000);
    expect(parallel).toEqual(single);
    expect(two).toEqual(one);
    const [a, b] = [join(dir, "fix-one.jsonl"), join(dir, "fix-two.jsonl")];
    await streamFile(a, { fix: "safe" }, resolver.forPath(a));
    await streamFile(b, { fix: "safe" }, resolver.forPath(b), undefined, pool);
    expect(readFileSync(b, "utf8")).toBe(readFileSync(a, "utf8"));
    expect(readFileSync(b, "utf8")).not.toBe(text.replace("{not json\n", ""));
  } finally {
    await pool.close();
  }
}, 120_000);

// Text: paragraphs of one or more lines, separated by one or more blank lines (some holding spaces),
// so that batches end at blank lines of every kind; the last line has no line break.
// A doubled word across a line break is found only when its paragraph is read whole.
const paragraphs = Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? `${targets[i % 3]} It said the\nthe rest.` : targets[i % 3]!));
const paragraphText = paragraphs.map((p, i) => `${p}\n${i % 7 === 0 ? "  \n\n" : "\n"}`).join("").trimEnd();
// TSV: a quoted target with line breaks and doubled quotes, a ragged row after the first batch, blank rows.
const rows = Array.from({ length: 4200 }, (_, i) => `s${i}\t${targets[i % 3]}`);
rows[1998] = 's1998\t"Prices rose by 2,5 percent,\n– said ""the mayor"".\n\nThe council met 8 thousand residents."';
rows[3000] = "";
const tsvText = `id\ttarget\n${rows.join("\n")}\n`;
const raggedTsvText = tsvText.replace("s2600\t", "s2600\ttoo\t");

const comparable = (f: LocatedFinding) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn, f.text];
const located = (e: ProblemReport) => [e.line, e.column, e.message];

/** Streamed findings, words, errors and --fix equal a whole-file check and fix, on one thread and with the pool. */
async function expectStreamedAsWhole(name: string, content: string | Buffer, pool?: WorkerPool): Promise<void> {
  const dir = tempTree({ [name]: content, [`whole-${name}`]: content, [`streamed-${name}`]: content });
  const resolver = new ConfigResolver();
  const path = join(dir, name);
  const whole = checkFile({ path, settings: {} }, resolver);
  const found: LocatedFinding[] = [];
  const streamed = await streamFile(path, {}, resolver.forPath(path), (_p, f) => found.push(...f), pool);
  expect(found.length).toBeGreaterThan(1000);
  if (name.endsWith(".txt")) expect(found.filter((f) => f.endLine > f.line).length).toBe(667);
  expect(found.map(comparable)).toEqual(whole.result!.findings.map(comparable));
  expect(streamed.result!.words).toBe(whole.result!.words);
  expect(streamed.errors.map(located)).toEqual(whole.errors.map(located));
  const [wholeFixed, streamFixed] = [join(dir, `whole-${name}`), join(dir, `streamed-${name}`)];
  writeFixes(wholeFixed, checkFile({ path: wholeFixed, settings: { fix: "safe" } }, resolver));
  await streamFile(streamFixed, { fix: "safe" }, resolver.forPath(streamFixed), undefined, pool);
  // A file with errors is not fixed, streamed or not.
  expect(readFileSync(wholeFixed).equals(Buffer.from(content))).toBe(whole.errors.length > 0);
  expect(readFileSync(streamFixed).equals(readFileSync(wholeFixed))).toBe(true);
}

test("a streamed text file is cut at blank lines: findings, words and fixes are those of the whole file", async () => {
  expect(paragraphText.split("\n").length).toBeGreaterThan(2 * 2000);
  // Line 2,000, where a batch of 2,000 lines would end, is inside a paragraph, before "the".
  expect(paragraphText.split("\n")[1999]).toMatch(/ the$/);
  await expectStreamedAsWhole("big.txt", paragraphText);
  await expectStreamedAsWhole("crlf.txt", `${paragraphText.replace(/\n/g, "\r\n")}\r\n`);
  await expectStreamedAsWhole("bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(paragraphText)]));
}, LARGE_FILES_MS);

test("a streamed TSV file repeats its header in every batch and never cuts a quoted field", async () => {
  await expectStreamedAsWhole("big.tsv", tsvText);
  await expectStreamedAsWhole("crlf.tsv", tsvText.replace(/\n/g, "\r\n").slice(0, -2));
  await expectStreamedAsWhole("ragged.tsv", raggedTsvText);
  const dir = tempTree({ "big.tsv": raggedTsvText });
  const path = join(dir, "big.tsv");
  const outcome = await streamFile(path, {}, new ConfigResolver().forPath(path));
  // Line 1 is the header; the quoted target at line 2000 spans four lines, across the end of the first 2,000 lines.
  expect(outcome.errors).toEqual([expect.objectContaining({ line: 2605, message: "row skipped: not as many fields as the header (2)" })]);
  expect(outcome.result!.findings.filter((f) => f.line >= 2000 && f.line <= 2003).map((f) => [f.line, f.text])).toEqual(
    expect.arrayContaining([[2000, "2,5"], [2003, "8 thousand"]]),
  );
}, LARGE_FILES_MS);

test("a streamed CSV file separated by “;” never cuts a quoted field either (a quote opens a field after “;” there)", async () => {
  const semicolons = tsvText.replace(/^(id|s\d+)\t/gmu, "$1;");
  expect(semicolons.split("\n")[1999]).toMatch(/^s1998;"Prices/u);
  await expectStreamedAsWhole("big.csv", semicolons);
}, LARGE_FILES_MS);

test("text and TSV batches checked by worker threads give what one thread gives", async () => {
  const pool = new WorkerPool(2, undefined, undefined, undefined, new URL("../dist/cli/worker.js", import.meta.url));
  try {
    await expectStreamedAsWhole("big.txt", paragraphText, pool);
    await expectStreamedAsWhole("big.tsv", tsvText, pool);
    await expectStreamedAsWhole("ragged.tsv", raggedTsvText, pool);
  } finally {
    await pool.close();
  }
}, 120_000);

/** Reads `bytes` from `from` on in pieces of at most `piece` bytes, as a pipe hands them over. */
function pipeReader(bytes: Buffer, from: number, piece: number): (into: Buffer) => number {
  let at = from;
  return (into) => {
    const n = bytes.copy(into, 0, at, Math.min(at + piece, at + into.length, bytes.length));
    at += n;
    return n;
  };
}

test("stdin streamed in the pieces a pipe gives (cut inside lines and characters) gives what streaming the file gives", async () => {
  const withAccents = `${text}${JSON.stringify({ id: "last", target: "Le café – 8 thousand € again, – said she." })}`; // no final line break
  const dir = tempTree({ "big.jsonl": withAccents });
  const path = join(dir, "big.jsonl");
  const config = new ConfigResolver().forPath(path);
  const fromFile: LocatedFinding[] = [];
  const file = await streamFile(path, {}, config, (_p, f) => fromFile.push(...f));
  const bytes = Buffer.from(withAccents);
  const fromStdin: LocatedFinding[] = [];
  const format = (await import("../src/formats/index.js")).formatByName("jsonl")!;
  const stdin = await streamFile(path, {}, config, (_p, f) => fromStdin.push(...f), undefined, undefined, { prefix: bytes.subarray(0, 1001), read: pipeReader(bytes, 1001, 4093), format });
  expect(fromFile.length).toBeGreaterThan(1000);
  expect(fromStdin).toEqual(fromFile);
  expect(stdin.result).toEqual(file.result);
  expect(stdin.errors).toEqual(file.errors);
}, LARGE_FILES_MS);

test("the command streams stdin longer than the streaming size and reads shorter stdin whole, with the same findings", async () => {
  const { main } = await import("../src/cli/main.js");
  const run = async (bytes: Buffer, chunked: boolean) => {
    let stdout = "";
    let readWhole = false;
    const code = await main(["check", "--stdin-format", "jsonl", "--format", "jsonl", "--jobs", "1", "-"], {
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      readStdin: () => ((readWhole = true), bytes),
      ...(chunked && { readStdinChunk: pipeReader(bytes, 0, 65536) }),
    });
    return { code, lines: stdout.split("\n").filter(Boolean), readWhole };
  };
  const short = Buffer.from(`${lines.slice(0, 1200).join("\n")}\n`);
  const whole = await run(short, false);
  const pieces = await run(short, true);
  expect(pieces).toEqual({ ...whole, readWhole: false });
  expect(whole.lines.length).toBeGreaterThan(1000);
  // Past the streaming size, stdin goes through the streamed path. Long ids make the bytes with little text to check.
  const { STREAM_MIN_BYTES } = await import("../src/cli/stream.js");
  const pad = "x".repeat(400);
  const record = (i: number) => JSON.stringify({ id: `${pad}${i}`, target: "The council met 8 thousand residents." });
  const count = Math.ceil(STREAM_MIN_BYTES / record(0).length) + 100;
  const long = Buffer.from(`${Array.from({ length: count }, (_, i) => record(i)).join("\n")}\n`);
  expect(long.length).toBeGreaterThan(STREAM_MIN_BYTES);
  const streamed = await run(long, true);
  expect(streamed.readWhole).toBe(false);
  const found = streamed.lines.map((l) => JSON.parse(l) as { ruleId: string; line: number; segmentId: string });
  expect(found.map((f) => f.ruleId)).toEqual(Array(count).fill("en/numbers/thousand-in-words"));
  expect(found.map((f) => f.line)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  expect(found.at(-1)!.segmentId).toBe(`${pad}${count - 1}`);
}, LARGE_FILES_MS);
