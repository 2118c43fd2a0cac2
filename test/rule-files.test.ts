/** A user's rule that the schema accepts but its kind cannot use is a config error at load, naming the file and JSON pointer. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempTree } from "./cli-helpers.js";

const common = { category: "fluency/punctuation", severity: "minor", message: "m", examples: [{ text: "Fine.", valid: true }] };

test.each([
  ["an unknown script name", [{ ...common, id: "house/latin", kind: "script", scripts: ["Cyrillic"] }, { ...common, id: "house/klingon", kind: "script", scripts: ["Cyrillic", "Klingon"] }], "/rules/1/scripts/1: unknown Unicode script \"Klingon\""],
  // Every finding's message would show “” where the group's text belongs (RE2, as user rules run).
  ["a message naming a group the pattern does not have", [{ ...common, id: "house/said", kind: "pattern", pattern: "(\\d+) thousand", message: "“$1 $2”: write the number" }], '/rules/0/message: "$2" names a group the pattern does not have (it has 1)'],
  ["a replacement naming one", [{ ...common, id: "house/said2", kind: "pattern", pattern: "\\d+ thousand", message: "m", replace: "${1:upper}" }], '/rules/0/replace: "$1" names a group the pattern does not have (it has 0)'],
  ["a number-scale locale that is no language tag", [{ ...common, id: "house/scale", kind: "number-scale", scales: { thousand: 1000 }, locale: "en_US!!" }], '/rules/0/locale: locale "en_US!!" is not a BCP 47 language tag'],
])("%s", async (_what, rules, expected) => {
  const dir = tempTree({ "a.txt": "Some 8 thousand people said привет.\n", "house.json": JSON.stringify({ language: "en", rules }) });
  writeFileSync(join(dir, ".mtlintrc.json"), JSON.stringify({ ruleFiles: ["house.json"] }));
  const run = await runCli(["check", join(dir, "a.txt")]);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^mtlint: .*house\.json: /)]);
  expect(run.stderr).toContain(expected);
});

describe("a user's rule is tested by its own examples", () => {
  const utilize = { id: "house/utilize", kind: "pattern", category: "style", severity: "minor", message: "Say “use”.", pattern: "\\butilize\\b", replace: "use" };
  const good = { ...utilize, examples: [{ text: "We [[utilize]] it.", fixed: "We use it." }, { text: "We use it.", valid: true }] };
  const wrongFix = { ...utilize, id: "house/utilise", examples: [{ text: "We [[utilize]] it.", fixed: "We employ it." }] };
  const missed = { ...utilize, id: "house/utilizes", examples: [{ text: "He [[utilizes]] it." }, { text: "Utilize it.", valid: true }] };

  test("mtlint test-rules: one line a rule, one a failing example; exit 1 when one fails", async () => {
    const dir = tempTree({ "ok.json": JSON.stringify({ language: "en", rules: [good] }), "bad.json": JSON.stringify({ language: "en", rules: [good, wrongFix, missed].map((r, i) => ({ ...r, id: `house/r${i}` })) }) });
    const ok = await runCli(["test-rules", join(dir, "ok.json")]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("✓ house/utilize (2 examples)");
    const bad = await runCli(["test-rules", join(dir, "bad.json")]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("✓ house/r0 (2 examples)");
    expect(bad.stdout).toContain("/rules/1/examples/0 \"We [[utilize]] it.\": expected the fix to give “We employ it.”, got “We use it.”");
    expect(bad.stdout).toContain("/rules/2/examples/0 \"He [[utilizes]] it.\": expected one finding at “utilizes” (3–11), got none");
    expect(bad.stdout).toContain("2 of 5 examples failed");
  });

  test("a rule whose example fails is a config error when the config loads it", async () => {
    const dir = tempTree({ "a.txt": "We utilize it.\n", "house.json": JSON.stringify({ language: "en", rules: [wrongFix] }), ".mtlintrc.json": JSON.stringify({ ruleFiles: ["house.json"] }) });
    const run = await runCli(["check", join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/house\.json: \/rules\/0\/examples\/0: the rule's example "We \[\[utilize\]\] it\." fails: expected the fix to give “We employ it\.”/);
  });
});

test("a suppression naming no rule is reported as a warning with its line, and the file is still checked", async () => {
  const po = `msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n# mtlint-disable fr/punctuation/missing-no-break-spaces\nmsgid "Delete?"\nmsgstr "Supprimer?"\n`;
  const dir = tempTree({ "fr.po": po });
  const run = await runCli(["check", "--source-lang", "en", join(dir, "fr.po")]);
  expect(run.stderr).toMatch(/mtlint: warning: .*fr\.po:7: mtlint-disable names no rule "fr\/punctuation\/missing-no-break-spaces" \(did you mean "fr\/punctuation\/missing-no-break-space"\?\); it switches nothing off/);
  expect(run.stdout).toContain("fr/punctuation/missing-no-break-space");
});
