import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LineIndex } from "../src/formats/lines.js";
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

// Each file has a quotation with spaces inside its marks, written with the file's own escapes where
// it has them (\u201c, &#8220;, ""), and a repeated word: fixes whose SARIF regions must be counted
// in the file's characters and whose inserted text must be escaped as the file writes it.
const FIXABLE: Record<string, string> = {
  "f.txt": `He said "no", then “ no ” and the the bird sang.\n\nAnother clean line here.\n`,
  "f.jsonl": `{"id":"1","target":"A clean line."}\n{"id":"2","target":"He said \\"no\\" \\u2014 and then \\u201c no \\u201d and the the bird sang."}\n`,
  "f.csv": `id,source,target\n1,"Текст, ""один""","He said ""no"", then “ no ” and the the bird sang."\n`,
  "f.po": `msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Текст"\nmsgstr ""\n"He said \\"no\\", “ no ” and "\n"the the bird sang."\n`,
  "f.xlf": `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="ru" target-language="en" datatype="plaintext" original="x"><body>\n<trans-unit id="1"><source>Текст &lt;b&gt;</source>\n<target>Tom &amp; Jerry said &lt;b&gt; the the bird sang.</target></trans-unit>\n</body></file></xliff>\n`,
  "f.tmx": `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>\n<tu tuid="1"><tuv xml:lang="ru"><seg>Текст</seg></tuv><tuv xml:lang="en"><seg>Tom &amp; Jerry said the the bird sang.</seg></tuv></tu>\n</body></tmx>\n`,
};

interface Replacement {
  deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  insertedContent: { text: string };
}

/** The file with SARIF replacements applied, their regions read as the file's lines and UTF-16 columns. */
function applyReplacements(text: string, replacements: Replacement[]): string {
  const lines = new LineIndex(text);
  const offset = (line: number, column: number) => lines.lineStart(line) + column - 1;
  const edits = replacements.map((r) => ({ start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn), end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn), text: r.insertedContent.text }));
  edits.sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

describe("SARIF fixes are changes to the file that write what --fix writes", () => {
  const dir = tempTree(FIXABLE);
  for (const name of Object.keys(FIXABLE)) {
    test(name, async () => {
      const path = join(dir, name);
      const original = readFileSync(path, "utf8");
      const sarif = JSON.parse((await runCli(["check", "--format", "sarif", path])).stdout);
      const safe = sarif.runs[0].results.flatMap((r: { fixes?: { properties: { applicability: string }; artifactChanges: { replacements: Replacement[] }[] }[] }) =>
        (r.fixes ?? []).filter((f) => f.properties.applicability === "safe").slice(0, 1).flatMap((f) => f.artifactChanges[0]!.replacements),
      );
      expect(safe.length).toBeGreaterThanOrEqual(1);
      const viaSarif = applyReplacements(original, safe);
      await runCli(["check", "--fix", path]);
      const viaFix = readFileSync(path, "utf8");
      expect(viaFix).not.toBe(original);
      expect(viaSarif).toBe(viaFix);
    });
  }
});
