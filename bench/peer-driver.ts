/**
 * Child process of `npm run bench:peers` for the peers that have a library API but no command
 * line that takes a folder: it loads the peer from the benchmark's peer cache (never from this
 * project's dependencies), checks every `.txt` file of a folder in this one process, one document
 * per file, and prints `{"files": N, "findings": N}` on stdout. Imports nothing but Node built-ins,
 * so the measured start-up is the peer's own.
 *
 *   node build/bench/peer-driver.js harper.js|write-good PEERS_DIR CORPUS_DIR
 */
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

type Checker = (text: string) => Promise<number>;

/** The file a package's `exports` map gives for `import` of a subpath ("." or "./binary"). */
function esmEntry(peersDir: string, pkg: string, subpath: string): string {
  const root = join(peersDir, "node_modules", pkg);
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports?: Record<string, unknown> };
  let target: unknown = manifest.exports?.[subpath];
  while (target && typeof target === "object") {
    const conditions = target as Record<string, unknown>;
    target = conditions["import"] ?? conditions["node"] ?? conditions["default"];
  }
  if (typeof target !== "string") throw new Error(`${pkg}: no ESM entry for "${subpath}" in its exports`);
  return pathToFileURL(join(root, target)).href;
}

async function harper(peersDir: string): Promise<Checker> {
  interface HarperModule {
    LocalLinter: new (init: { binary: unknown }) => {
      setup(): Promise<void>;
      lint(text: string, options: { language: "plaintext" }): Promise<unknown[]>;
    };
  }
  const { LocalLinter } = (await import(esmEntry(peersDir, "harper.js", "."))) as HarperModule;
  const { binary } = (await import(esmEntry(peersDir, "harper.js", "./binary"))) as { binary: unknown };
  // LocalLinter runs in this thread (WorkerLinter needs a browser Web Worker); default rules, American English.
  const linter = new LocalLinter({ binary });
  await linter.setup();
  return async (text) => (await linter.lint(text, { language: "plaintext" })).length;
}

function writeGood(peersDir: string): Checker {
  const check = createRequire(join(peersDir, "package.json"))("write-good") as (text: string) => unknown[];
  return async (text) => check(text).length; // default checks
}

const [peer, peersDir, dir] = process.argv.slice(2);
if (!peer || !peersDir || !dir) {
  console.error("usage: peer-driver harper.js|write-good PEERS_DIR CORPUS_DIR");
  process.exit(2);
}
const check = peer === "harper.js" ? await harper(peersDir) : peer === "write-good" ? writeGood(peersDir) : undefined;
if (!check) {
  console.error(`peer-driver: unknown peer "${peer}"`);
  process.exit(2);
}
let files = 0;
let findings = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith(".txt")).sort()) {
  findings += await check(readFileSync(join(dir, name), "utf8"));
  files++;
}
console.log(JSON.stringify({ files, findings }));
