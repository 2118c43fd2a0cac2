/**
 * The development loop on real MT news (`npm run eval:news -- [--split A|B|all] [--misses] [--false-alarms] [--json]`):
 * checks the annotated articles of a split with the CLI and prints the scorer's table.
 *
 * The annotated articles, sorted by name, are split in two halves: A (even positions) to build
 * detectors from, B (odd positions) to check them on before keeping them. Read the misses and
 * false alarms of A only; look at B's totals, not its sentences. The folder is --gold DIR or
 * $MTLINT_NEWS (package.json's eval:news script names the team's eval data); it is never part of the tests.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const project = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const gold = option("--gold") ?? process.env.MTLINT_NEWS;
const split = (option("--split") ?? "all").toUpperCase();
if (!gold || !["A", "B", "ALL"].includes(split)) {
  console.error("usage: node build/bench/eval-news.js --gold DIR [--split A|B|all] [--misses] [--false-alarms] [--json] [--config FILE]");
  process.exit(2);
}
const news = resolve(gold);

const annotated = readFileSync(join(news, "annotated.txt"), "utf8").split(/\s+/).filter(Boolean).sort();
const chosen = annotated.filter((_, i) => split === "ALL" || (i % 2 === 0) === (split === "A"));
const work = mkdtempSync(join(tmpdir(), "mtlint-news-"));
try {
  symlinkSync(join(news, "articles"), join(work, "articles"));
  const gold = readFileSync(join(news, "gold.jsonl"), "utf8").split("\n").filter((l) => l.trim() && chosen.includes((JSON.parse(l) as { file: string }).file));
  writeFileSync(join(work, "gold.jsonl"), `${gold.join("\n")}\n`);
  writeFileSync(join(work, "annotated.txt"), `${chosen.join("\n")}\n`);
  const config = option("--config");
  const report = join(work, "report.json");
  const checkArgs = [join(project, "bin/mtlint.js"), "check", "--format", "json", "--jobs", "1", "--output-file", report, ...(config ? ["--config", config] : []), ...chosen.map((name) => join(news, "articles", name))];
  try {
    execFileSync(process.execPath, checkArgs, { stdio: ["ignore", "ignore", "inherit"] });
  } catch (e) {
    // Exit 1 means some file failed its threshold: the report is still complete.
    if ((e as { status?: number }).status !== 1) throw e;
  }
  const scorerArgs = ["--gold", work, "--report", report, ...["--misses", "--false-alarms", "--json"].filter((a) => args.includes(a))];
  console.log(`split ${split}: ${chosen.length} annotated articles`);
  process.stdout.write(execFileSync(process.execPath, [join(news, "score.mjs"), ...scorerArgs], { encoding: "utf8" }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
