/** Running the CLI in-process with captured output, in temporary folders. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], stdin = ""): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (t) => void (stdout += t.endsWith("\n") ? t : `${t}\n`),
    stderr: (t) => void (stderr += t.endsWith("\n") ? t : `${t}\n`),
    readStdin: () => Buffer.from(stdin),
  });
  return { code, stdout, stderr };
}

const BIN = fileURLToPath(new URL("../bin/mtlint.js", import.meta.url));

/** The built CLI (dist/, compiled by `npm test` first) as a process in `cwd`, for what needs a folder or environment of its own. */
export function runBuiltCli(cwd: string, args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", input: options.stdin ?? "", env: { ...process.env, ...options.env } });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

const created: string[] = [];

/** A temporary folder with the given files (path → text or bytes), removed after the test file. */
export function tempTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), "mtlint-test-"));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

export const MT_TEXT =
  "The ministry said that 8 thousand people came, – the director noted.\n\nISIS (ISIS) is defined here. Later the IG was named again.\n";

afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});
