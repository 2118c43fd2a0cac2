/**
 * `npm run bench:html`: how a big HTML report behaves in headless Chromium. Writes files of MT-like
 * text that give about `--findings=N` findings (default 10,000; `--files=N` files, default 200, and
 * one more file that holds a tenth of them), makes the report with the CLI, then measures in
 * /usr/bin/chromium: the time to open it (load until the script has drawn the table), to filter by a
 * rule, by search, and to open the largest file. Prints the numbers; deletes the files.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const option = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const wanted = option("findings", 10_000);
const fileCount = option("files", 200);
// Each line gives two findings (a number in words, a comma before a dash); one line in four is clean.
const LINES = [
  "The council met 8 thousand residents, – said the mayor of the northern city.",
  "The museum opened on Monday, and many people came to see the new exhibition hall.",
  "Some 3 thousand visitors waited outside, – the guide noted with a smile.",
  "About 5 thousand tickets were sold, – the director said on Tuesday.",
];
const perLine = 1.5;
const dir = mkdtempSync(join(tmpdir(), "mtlint-bench-html-"));
try {
  const big = Math.round(wanted / 10 / perLine);
  const each = Math.round((wanted - big * perLine) / perLine / fileCount);
  mkdirSync(join(dir, "docs"));
  const text = (lines: number) => Array.from({ length: lines }, (_, i) => LINES[i % LINES.length]).join("\n\n") + "\n";
  for (let i = 0; i < fileCount; i++) writeFileSync(join(dir, "docs", `article-${String(i).padStart(4, "0")}.txt`), text(each + (i % 7)));
  writeFileSync(join(dir, "docs", "big.txt"), text(big));
  const report = join(dir, "report.html");
  const bin = fileURLToPath(new URL("../../bin/mtlint.js", import.meta.url));
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, "check", join(dir, "docs"), "--format", "html", "--output-file", report], { encoding: "utf8" });
  const generated = performance.now() - started;
  if (run.status !== 1 && run.status !== 0) throw new Error(`mtlint failed: ${run.stderr}`);
  const findings = (JSON.parse(/id="mtlint-data">([^<]*)</.exec(readFileSync(report, "utf8"))![1]!) as { files: { f: unknown[] }[] }).files.reduce((n, f) => n + f.f.length, 0);

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const timed = async (action: () => Promise<unknown>) => {
      const t = performance.now();
      await action();
      return performance.now() - t;
    };
    const open = await timed(async () => {
      await page.goto(pathToFileURL(report).href);
      await page.waitForSelector("body[data-ready=true]");
    });
    const counted = () => page.textContent("#filter-count");
    const byRule = await timed(async () => {
      await page.selectOption("#filter-rule", "en/punctuation/comma-dash");
      await page.waitForFunction(() => document.getElementById("filter-count")!.textContent !== "");
    });
    const ruleCount = await counted();
    await page.selectOption("#filter-rule", "");
    const bySearch = await timed(async () => {
      await page.fill("#filter-search", "big.txt");
      await page.waitForFunction(() => document.querySelectorAll("#files tr.file:not([hidden])").length === 1);
    });
    const openBig = await timed(async () => {
      await page.locator("#files tr.file", { hasText: "big.txt" }).click();
      await page.waitForSelector("td.detail mark");
    });
    const refilterOpen = await timed(async () => {
      await page.selectOption("#filter-rule", "en/punctuation/comma-dash");
      await page.waitForFunction(() => [...document.querySelectorAll("td.detail .finding .rule")].every((r) => r.textContent === "en/punctuation/comma-dash"));
    });
    const ms = (n: number) => `${Math.round(n)} ms`;
    console.log(`findings: ${findings} in ${fileCount + 1} files (${ruleCount})`);
    console.log(`report: ${(statSync(report).size / 1024 / 1024).toFixed(2)} MB, made by the CLI in ${ms(generated)} (whole process, checking included)`);
    console.log(`open until drawn: ${ms(open)}; filter by rule: ${ms(byRule)}; search: ${ms(bySearch)}; open the largest file: ${ms(openBig)}; filter with it open: ${ms(refilterOpen)}`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
