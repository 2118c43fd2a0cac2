/**
 * A large text file without blank lines (with a line longer than a batch) is still streamed in
 * batches of bounded size, with the positions of a whole read, and fixed byte for byte.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigResolver } from "../src/config/config.js";
import type { LocatedFinding } from "../src/core/results.js";
import { streamFile } from "../src/cli/stream.js";
import { tempTree } from "./cli-helpers.js";

/** One rule, so that checking megabytes stays quick: "8 thousand" is flagged wherever it is. */
const CONFIG = JSON.stringify({ rules: { "en/*": "off", "common/*": "off", "en/numbers/thousand-in-words": "minor" } });
const SENTENCE = "The council said that 8 thousand residents came to the square on Monday. ";

/** Lines of sentences without a blank line between them (batches are cut at about a million units), and one line longer than a batch. */
function textWithoutBlankLines(): string {
  const lines = Array.from({ length: 14_000 }, (_, i) => `${SENTENCE}Line ${i} ends here.`);
  lines.splice(12_000, 0, SENTENCE.repeat(18_000).trim());
  return `${lines.join("\n")}\n`;
}

/** Where each "8 thousand" is, as 1-based line and column (UTF-16 units), by reading the text whole. */
function expectedPositions(text: string): string[] {
  const positions: string[] = [];
  text.split("\n").forEach((line, i) => {
    for (let at = line.indexOf("8 thousand"); at !== -1; at = line.indexOf("8 thousand", at + 1)) positions.push(`${i + 1}:${at + 1}`);
  });
  return positions;
}

test("a text file without blank lines is read in batches of bounded size, a line longer than a batch in pieces, with the positions of a whole read", async () => {
  const text = textWithoutBlankLines();
  const dir = tempTree({ "big.txt": text, ".mtlintrc.json": CONFIG });
  const path = join(dir, "big.txt");
  const batches: LocatedFinding[][] = [];
  const { result } = await streamFile(path, {}, new ConfigResolver().forPath(path), (_path, findings) => batches.push(findings));
  // About 2.6 million units: cut after a million, inside the long line, and after it.
  expect(batches.length).toBeGreaterThanOrEqual(3);
  expect(batches.flat().map((f) => `${f.line}:${f.column}`)).toEqual(expectedPositions(text));
  expect(result!.streamed!.findings).toBe(expectedPositions(text).length);
}, 60_000);

test("fixing a streamed text file cut inside a line changes only the fixed bytes", async () => {
  const text = textWithoutBlankLines();
  const dir = tempTree({ "big.txt": text, ".mtlintrc.json": CONFIG });
  const path = join(dir, "big.txt");
  const outcome = await streamFile(path, { fix: "safe" }, new ConfigResolver().forPath(path));
  expect(outcome.errors).toEqual([]);
  expect(readFileSync(path, "utf8")).toBe(text.replaceAll("8 thousand", "8,000"));
}, 60_000);
