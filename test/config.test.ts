/** Composing configs: extends (file, package), plugins, overrides. */
import { join } from "node:path";
import { runCli, tempTree } from "./cli-helpers.js";

const findings = async (args: string[]) => {
  const run = await runCli(["check", "--format", "json", ...args]);
  return { run, texts: JSON.parse(run.stdout || '{"files":[]}').files.flatMap((f: { findings: { ruleId: string; text: string }[] }) => f.findings.map((x) => `${x.ruleId} ${x.text}`)) as string[] };
};

const houseRules = {
  rules: [{ id: "house/utilize", kind: "pattern", category: "style", severity: "minor", message: "Say “use”.", pattern: "\\butilize\\b", replace: "use", examples: [{ text: "[[utilize]]", fixed: "use" }] }],
};

test("extends a config file and a mtlint-config-* package; own settings win", async () => {
  const dir = tempTree({
    "base.json": JSON.stringify({ rules: { "en/numbers/thousand-in-words": "off", "en/grammar/repeated-word": "off" }, ruleFiles: ["rules/house.json"] }),
    "rules/house.json": JSON.stringify(houseRules),
    "node_modules/mtlint-config-acme/package.json": JSON.stringify({ name: "mtlint-config-acme", main: "config.json" }),
    "node_modules/mtlint-config-acme/config.json": JSON.stringify({ terms: [{ preferred: "NRC", variants: ["SZhD"] }] }),
    "project/.mtlintrc.json": JSON.stringify({ extends: ["mtlint:recommended", "../base.json", "acme"], rules: { "en/grammar/repeated-word": "minor" } }),
    "project/a.txt": "We utilize 5 thousand SZhD the the trains.",
  });
  const { texts } = await findings([join(dir, "project/a.txt")]);
  expect(texts).toEqual(["house/utilize utilize", "en/terminology/entity-name-consistency SZhD", "en/grammar/repeated-word the the"]);
});

test("plugins: mtlint-plugin-* packages of JSON rules", async () => {
  const dir = tempTree({
    "node_modules/mtlint-plugin-house/package.json": JSON.stringify({ name: "mtlint-plugin-house", main: "rules.json" }),
    "node_modules/mtlint-plugin-house/rules.json": JSON.stringify(houseRules),
    ".mtlintrc.json": JSON.stringify({ plugins: ["house"] }),
    "a.txt": "We utilize trains.",
  });
  expect((await findings([join(dir, "a.txt")])).texts).toEqual(["house/utilize utilize"]);
});

test("overrides apply to the files their globs match", async () => {
  const dir = tempTree({
    ".mtlintrc.json": JSON.stringify({ overrides: [{ files: "docs/**/*.md", rules: { "en/numbers/*": "off" } }, { files: ["legacy/*.txt"], language: "de" }] }),
    "docs/guide/a.md": "Some 5 thousand users.",
    "news/b.txt": "Some 6 thousand users.",
    "legacy/c.txt": "Some 7 thousand users.",
  });
  const { texts } = await findings([dir]);
  expect(texts).toEqual(["en/numbers/thousand-in-words 6 thousand"]);
});

test("a missing package, an unknown preset and circular extends are config errors", async () => {
  const dir = tempTree({
    "a/.mtlintrc.json": JSON.stringify({ extends: "mtlint-config-missing" }),
    "a/x.txt": "Text.",
    "b/.mtlintrc.json": JSON.stringify({ extends: "mtlint:strict" }),
    "b/x.txt": "Text.",
    "c/.mtlintrc.json": JSON.stringify({ extends: "./other.json" }),
    "c/other.json": JSON.stringify({ extends: "./.mtlintrc.json" }),
    "c/x.txt": "Text.",
  });
  const a = await runCli(["check", join(dir, "a/x.txt")]);
  expect(a.code).toBe(2);
  expect(a.stderr).toContain('/extends: cannot find package "mtlint-config-missing"');
  expect((await runCli(["check", join(dir, "b/x.txt")])).stderr).toContain('unknown preset "mtlint:strict"');
  expect((await runCli(["check", join(dir, "c/x.txt")])).stderr).toContain("circular extends");
});
