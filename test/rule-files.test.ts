/** A user's rule that the schema accepts but its kind cannot use is a config error at load, naming the file and JSON pointer. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempTree } from "./cli-helpers.js";

const common = { category: "fluency/punctuation", severity: "minor", message: "m", examples: [{ text: "Fine.", valid: true }] };

test.each([
  ["an unknown script name", [{ ...common, id: "house/latin", kind: "script", scripts: ["Cyrillic"] }, { ...common, id: "house/klingon", kind: "script", scripts: ["Cyrillic", "Klingon"] }], "/rules/1/scripts/1: unknown Unicode script \"Klingon\""],
  ["a number-scale locale that is no language tag", [{ ...common, id: "house/scale", kind: "number-scale", scales: { thousand: 1000 }, locale: "en_US!!" }], '/rules/0/locale: locale "en_US!!" is not a BCP 47 language tag'],
])("%s", async (_what, rules, expected) => {
  const dir = tempTree({ "a.txt": "Some 8 thousand people said привет.\n", "house.json": JSON.stringify({ language: "en", rules }) });
  writeFileSync(join(dir, ".mtlintrc.json"), JSON.stringify({ ruleFiles: ["house.json"] }));
  const run = await runCli(["check", join(dir, "a.txt")]);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^mtlint: .*house\.json: /)]);
  expect(run.stderr).toContain(expected);
});
