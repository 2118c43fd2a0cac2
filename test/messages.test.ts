/** Error messages never show the content of a file that is not a config, nor raw control characters. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { MT_TEXT, runCli, tempTree } from "./cli-helpers.js";

const SECRET = "SHELL=/bin/bash\nAPI_TOKEN=hunter2-0123456789\nroot:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n";
/** XML whose parser messages quote its tag names. */
const SECRET_XML = '<API_TOKEN value="hunter2-0123456789"></API_TOKENS>\n';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

describe("config files that are not configs", () => {
  test.each([
    ["extends", (secret: string) => ({ extends: [secret] })],
    ["ruleFiles", (secret: string) => ({ ruleFiles: [secret] })],
    ["termFiles (TBX)", (secret: string) => ({ termFiles: [secret] })],
  ])("%s pointing at a secret file: an error naming the file, without its content", async (_key, config) => {
    const dir = tempTree({ "a.txt": MT_TEXT, "secret.tbx": SECRET_XML, "secret.json": SECRET });
    const secret = join(dir, _key.startsWith("termFiles") ? "secret.tbx" : "secret.json");
    writeFileSync(join(dir, ".mtlintrc.json"), JSON.stringify(config(secret)));
    const run = await runCli(["check", join(dir, "a.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/secret\.(json|tbx)(:\d+:\d+)?: (invalid JSON|term file: malformed XML)/);
    for (const piece of ["SHELL", "bin/bash", "hunter2", "API_TOKEN", "root:", "saltsalt"]) expect(run.stderr).not.toContain(piece);
  });

  test("a config with a JSON typo still says where and what", async () => {
    const dir = tempTree({ "a.txt": MT_TEXT, ".mtlintrc.json": '{\n  "language": "en",\n}\n' });
    const run = await runCli(["check", join(dir, "a.txt")]);
    expect(run.stderr).toMatch(/\.mtlintrc\.json:3:1: invalid JSON: Expected double-quoted property name/);
  });
});

describe("control characters in messages are escaped", () => {
  test("ESC and OSC sequences from a bad JSONL line", async () => {
    const dir = tempTree({ "a.jsonl": `{"id": "1", "target": "fine"}\n{"id": "2", "target": \u001b]0;owned\u0007\u001b[2J}\n` });
    const run = await runCli(["check", join(dir, "a.jsonl")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("a.jsonl:2:");
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain("\\x1b");
  });

  test("in file names, in errors and in the stylish report", async () => {
    const name = "evil\u001b]0;owned\u0007\u202e.txt";
    const dir = tempTree({ [name]: MT_TEXT, [`bad\u001b[31m.jsonl`]: "{not json\n" });
    const run = await runCli(["check", dir]);
    expect(run.stdout).toContain("evil\\x1b]0;owned\\x07\\u202e.txt");
    expect(run.stderr).toContain("bad\\x1b[31m.jsonl:1:");
    // The report's own colours are the only escape sequences left.
    expect(run.stdout.replace(/\u001b\[[0-9;]*m/g, "")).not.toMatch(RAW_CONTROL);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });
});
