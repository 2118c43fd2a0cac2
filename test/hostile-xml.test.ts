/**
 * Hostile XML — entity declarations ("billion laughs", external and parameter entities), nesting
 * 100,000 deep — is refused at once with a one-line error, and nothing from outside is read;
 * well-formed XML nested deeper than 100 is read.
 */
import { parseXml } from "../src/formats/xml.js";
import { xliffFormat } from "../src/formats/xliff.js";
import { runCli, tempTree } from "./cli-helpers.js";

const xliff = (doctype: string, target: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}<xliff version="1.2"><file source-language="en" target-language="de" datatype="plaintext" original="a"><body>` +
  `<trans-unit id="1"><source>Hello</source><target>${target}</target></trans-unit></body></file></xliff>\n`;

const nested = (depth: number) => `${"<g>".repeat(depth)}Hallo${"</g>".repeat(depth)}`;

test("well-formed XML nested deeper than 100 elements is read", () => {
  const parsed = xliffFormat.parse(xliff("", nested(200)), "deep.xlf");
  expect(parsed.errors).toEqual([]);
  expect(parsed.document.segments.map((s) => s.target)).toEqual([nested(200)]);
});

test("XML nested 100,000 deep is refused with one error at the element past the limit", () => {
  const started = performance.now();
  const error = parseXml(xliff("", nested(100_000)), "deep.xlf");
  expect(performance.now() - started).toBeLessThan(20_000);
  expect(error).toMatchObject({ message: "elements nested deeper than 1000 levels; file not read", location: { file: "deep.xlf", line: 2 } });
});

test("entity declarations are refused before anything is expanded: billion laughs, external and parameter entities", () => {
  const laughs = `<!DOCTYPE xliff [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n`;
  const external = `<!DOCTYPE xliff [\n  <!-- a comment with <!ENTITY inside is no declaration -->\n  <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n`;
  const parameter = `<!DOCTYPE xliff [<!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote;]>\n`;
  const message = "the DOCTYPE declares entities (<!ENTITY>), which are not read: expanding them can take any time and memory or read other files; file not read";
  expect(parseXml(xliff(laughs, "&d;"), "a.xlf")).toMatchObject({ message, location: { line: 2, column: 18 } });
  expect(parseXml(xliff(external, "&secret;"), "b.xlf")).toMatchObject({ message, location: { line: 4, column: 3 } });
  expect(parseXml(xliff(parameter, "x"), "c.xlf")).toMatchObject({ message, location: { line: 2, column: 18 } });
  // A DOCTYPE that only names an external DTD is read (and the DTD is never fetched).
  expect(Array.isArray(parseXml(xliff(`<!DOCTYPE xliff SYSTEM "file:///etc/passwd">\n`, "x"), "d.xlf"))).toBe(true);
});

test("the CLI reports a hostile XLIFF file in one line, checks the other files, and shows nothing from outside", async () => {
  const external = `<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n`;
  const dir = tempTree({ "a.xlf": xliff(external, "&secret;"), "b.xlf": xliff("", "Hallo  Welt") });
  const run = await runCli(["check", "--format", "json", dir]);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/a\.xlf:2:18: the DOCTYPE declares entities/)]);
  const files = JSON.parse(run.stdout).files as { path: string; words: number; findings: { text: string }[] }[];
  expect(files.map((f) => [f.path.replace(/^.*[/\\]/, ""), f.words])).toEqual([["a.xlf", 0], ["b.xlf", 2]]);
  expect(run.stdout + run.stderr).not.toMatch(/root:|nologin/);
});
