import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempTree } from "./cli-helpers.js";

// Each file has one doubled word ("the the") after text that the format escapes or quotes, so a
// position counted in decoded text instead of the file's characters would land elsewhere.
const FILES: Record<string, string> = {
  "s.jsonl": `{"id":"1","target":"A clean line."}\n{"id":"2","target":"He said \\"no\\" \\u2014 and \\\\ then the the bird sang."}\n`,
  "s.csv": `id,source,target\n1,"Текст, ""один""","He said ""no"", then the the bird sang."\n`,
  "s.xlf": `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="ru" target-language="en" datatype="plaintext" original="x"><body>\n<trans-unit id="1"><source>Текст</source>\n<target>Tom &amp; Jerry &#8217; said <x id="1"/> the the bird sang.</target></trans-unit>\n</body></file></xliff>\n`,
};
const RULE = "en/grammar/repeated-word";

/** Where "the the" is in the file, as 1-based line and column (UTF-16 units, as SARIF's default). */
function whereInFile(text: string): { line: number; column: number } {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes("the the"));
  return { line: line + 1, column: lines[line]!.indexOf("the the") + 1 };
}

describe("positions are the file's, in every reporter", () => {
  const dir = tempTree(FILES);
  for (const name of Object.keys(FILES)) {
    test(name, async () => {
      const path = join(dir, name);
      const expected = whereInFile(readFileSync(path, "utf8"));
      const sarif = JSON.parse((await runCli(["check", "--format", "sarif", "--rule", `${RULE}=major`, path])).stdout);
      const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === RULE);
      expect(results).toHaveLength(1);
      const region = results[0].locations[0].physicalLocation.region;
      expect({ line: region.startLine, column: region.startColumn }).toEqual(expected);
      const flagged = readFileSync(path, "utf8").split("\n")[region.endLine - 1]!.slice(region.startColumn - 1, region.endColumn - 1);
      expect(flagged).toBe(results[0].locations[0].physicalLocation.region.snippet.text);
      const stylish = (await runCli(["check", "--no-color", "--rule", `${RULE}=major`, path])).stdout;
      const row = stylish.split("\n").find((l) => l.includes(RULE))!;
      expect(row.trim().split(/\s+/)[0]).toBe(`${expected.line}:${expected.column}`);
    });
  }
});
