/** The HTML report: made by the CLI, opened in headless Chromium (Debian's), filtered, sorted and checked for hostile text that runs. */
import { mkdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { runCli, tempTree } from "./cli-helpers.js";

const HOSTILE = 'Hostile <script>window.pwned = "script"</script> and "><img src=x onerror="window.pwned = \'img\'"> here; 8 thousand people came.\n';
const PLAIN = "The ministry said that 8 thousand people came, – the director noted.\n\nÜber 3 thousand people waited.\n";
const PO = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Etwa 3000 Menschen kamen."\nmsgstr "Some 3 thousand people came."\n\nmsgid "Das Museum ist offen."\nmsgstr "The museum is open."\n';
const CLEAN = "The museum opened on Monday. About 8,000 people came.\n";
/** Screenshots go here; the folder is git-ignored. */
const SHOTS = join(process.cwd(), "test-output");

let root: string;
let html: string;
/** The same run as the JSON report, what the page is compared with. */
let json: { files: { path: string; score: number }[]; summary: { scoreDistribution: Record<string, number> } };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  root = tempTree({ "docs/hostile.txt": HOSTILE, "docs/plain.txt": PLAIN, "l10n/de.po": PO, "docs/clean.txt": CLEAN });
  const out = join(root, "report.html");
  const run = await runCli(["check", join(root, "docs"), join(root, "l10n"), "--format", "html", "--output-file", out, "--jobs", "1"]);
  expect(run.stderr).toBe("");
  html = readFileSync(out, "utf8");
  json = JSON.parse((await runCli(["check", join(root, "docs"), join(root, "l10n"), "--format", "json", "--jobs", "1"])).stdout);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  // The report must not reach for the network: any request other than the file itself fails the test.
  const requests: string[] = [];
  page.on("request", (r) => void (r.url().startsWith("file:") || requests.push(r.url())));
  await page.goto(pathToFileURL(out).href);
  await page.waitForSelector("body[data-ready=true]");
  expect(requests).toEqual([]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const visibleRows = () => page.$$eval("#files tr.file:not([hidden])", (rows) => rows.map((r) => [r.querySelector(".path")!.textContent, r.querySelector(".count")!.textContent]));
const rowOf = (name: string) => page.locator("#files tr.file", { hasText: name });

test("the page is one file: its only scripts are its own, allowed by hash, and the checked text is inside the JSON block only", () => {
  const data = /<script type="application\/json" id="mtlint-data">([^<]*)<\/script>/.exec(html)![1]!;
  const page = html.replace(data, "");
  expect(page).not.toMatch(/<(link|img|iframe)\b|\bsrc=|https?:\/\/|pwned|hostile/i);
  expect(data).toContain("\\u003cscript\\u003ewindow.pwned");
  expect(JSON.parse(data).files.find((f: { p: string }) => f.p.endsWith("hostile.txt")).seg[0][1]).toBe(HOSTILE.trimEnd());
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts).toEqual(['<script type="application/json" id="mtlint-data">', "<script>"]);
  const own = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
  const hash = createHash("sha256").update(own).digest("base64");
  expect(html).toContain(`script-src 'sha256-${hash}'`);
});

test("the summary and charts show the run: files, pass/fail against the threshold, bars per score band and category", async () => {
  expect(await page.textContent("#summary-files .value")).toBe("4");
  expect(await page.textContent("#summary-passed .value")).toBe("1");
  expect(await page.textContent("#summary-failed .value")).toBe("3");
  expect(await page.textContent("#summary-passed .label")).toContain("score ≥ 95");
  const bands = await page.$$eval("#score-chart g.bar", (bars) => bars.map((b) => b.textContent));
  expect(bands).toEqual(Object.entries(json.summary.scoreDistribution).map(([band, files]) => `${band}${files}`));
  expect(json.summary.scoreDistribution["100"]).toBe(1);
  expect(await page.$$eval("#category-chart g.bar text:first-child", (t) => t.map((x) => x.textContent))).toContain("locale-convention/number-format");
});

test("hostile text in a document shows as text and runs nothing", async () => {
  await rowOf("hostile.txt").click();
  const target = page.locator("tr.seg td.tgt").first();
  expect(await target.textContent()).toBe(HOSTILE.trimEnd());
  expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
  expect(await page.locator("td.detail img, td.detail script").count()).toBe(0);
  expect(await page.locator("tr.seg mark").first().textContent()).toBe("8 thousand");
  await rowOf("hostile.txt").click(); // closed again
  expect(await page.locator("td.detail").count()).toBe(0);
});

test("a file opens with its findings marked in place, the fix as before/after; a bilingual file as source ‖ target", async () => {
  await rowOf("plain.txt").click();
  const marks = await page.$$eval("td.detail mark", (m) => m.map((x) => [x.textContent, x.className]));
  expect(marks).toEqual(expect.arrayContaining([["8 thousand", "sev-minor"], ["3 thousand", "sev-minor"]]));
  const card = page.locator("td.detail .finding", { hasText: "8 thousand" }).first();
  expect(await card.locator(".rule").textContent()).toBe("en/numbers/thousand-in-words");
  expect(await card.locator("del").textContent()).toBe("8 thousand");
  expect(await card.locator("ins").textContent()).toBe("8,000");
  await rowOf("plain.txt").click();

  await rowOf("de.po").click();
  const rows = await page.$$eval("td.detail tr.seg", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
  expect(rows).toEqual([
    ["6", "Etwa 3000 Menschen kamen.", "Some 3 thousand people came."],
    ["9", "Das Museum ist offen.", "The museum is open."],
  ]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, "html-report.png"), fullPage: true });
  await rowOf("de.po").click();
});

test("filters by severity, category, rule and search narrow the table and the open file; the table sorts by a column", async () => {
  const byScore = [...json.files].sort((a, b) => a.score - b.score || (a.path < b.path ? -1 : 1)).map((f) => f.path);
  expect(new Set(byScore.map((p) => json.files.find((f) => f.path === p)!.score)).size).toBeGreaterThan(2);
  expect((await visibleRows()).map(([path]) => path)).toEqual(byScore);
  await page.selectOption("#filter-rule", "en/punctuation/comma-dash");
  expect(await visibleRows()).toEqual([[expect.stringContaining("plain.txt"), "1"]]);
  await rowOf("plain.txt").click();
  expect(await page.$$eval("td.detail .finding .rule", (r) => r.map((x) => x.textContent))).toEqual(["en/punctuation/comma-dash"]);
  await page.selectOption("#filter-rule", "");
  await page.selectOption("#filter-severity", "critical");
  expect(await visibleRows()).toEqual([]);
  await page.selectOption("#filter-severity", "");
  await page.selectOption("#filter-category", "locale-convention");
  expect((await visibleRows()).length).toBe(3);
  await page.selectOption("#filter-category", "");
  await page.fill("#filter-search", "l10n");
  await page.waitForFunction(() => document.querySelectorAll("#files tr.file:not([hidden])").length === 1);
  expect(await visibleRows()).toEqual([[expect.stringContaining("de.po"), "1"]]);
  await page.fill("#filter-search", "");
  await page.waitForFunction(() => document.querySelectorAll("#files tr.file:not([hidden])").length === 4);
  await page.click("#files th[data-sort=path]");
  expect((await visibleRows()).map(([path]) => path!.replace(/.*\//, ""))).toEqual(["clean.txt", "hostile.txt", "plain.txt", "de.po"]);
  await page.click("#files th[data-sort=path]");
  expect((await visibleRows()).map(([path]) => path!.replace(/.*\//, ""))).toEqual(["de.po", "plain.txt", "hostile.txt", "clean.txt"]);
});
