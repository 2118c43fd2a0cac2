/**
 * The HTML report: one self-contained page (inline CSS, one inline script, no network) with the
 * corpus summary, charts, a sortable table of files and, per file on demand, its text with the
 * findings marked in place. Text from the checked files travels only inside a JSON block and is
 * put on the page by the script as text nodes, never as markup; a content security policy that
 * allows only the page's own script is a second fence.
 */
import { createHash } from "node:crypto";
import type { LocatedFinding, RunResult, Summary } from "../core/results.js";
import { SEVERITIES } from "../core/types.js";
import { HTML_CLIENT_SCRIPT, HTML_STYLE } from "./html-client.js";

/** A segment of a checked file as the report shows it: where it starts, its target and, in bilingual files, its source. */
export interface ReportSegment {
  id: string;
  line: number;
  target: string;
  source?: string;
}

export interface HtmlOptions {
  /** The segments of a reported file (undefined when its text cannot be had: the findings are then listed without it). */
  segments?: (path: string) => ReportSegment[] | undefined;
}

/** Escapes text for element content and quoted attribute values. */
export const htmlText = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON that cannot end its <script> block or start markup: "<", ">", "&" and the JavaScript line separators as \u escapes. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function formatHtml(result: RunResult, options: HtmlOptions = {}): string {
  const data = reportData(result, options);
  const script = HTML_CLIENT_SCRIPT;
  const scriptHash = createHash("sha256").update(script).digest("base64");
  const { summary } = result;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src 'none'">
<title>mtlint report</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header><h1>mtlint report</h1></header>
<main>
${summaryHtml(summary)}
<section class="charts">
<figure><figcaption>Files by score</figcaption>${barChart(Object.entries(summary.scoreDistribution).map(([label, value]) => ({ label, value })), "score-chart")}</figure>
<figure><figcaption>Findings by category</figcaption>${barChart(byCount(summary.byCategory), "category-chart")}</figure>
</section>
<section id="problems" hidden><h2>Files that could not be read</h2><ul id="problem-list"></ul></section>
<section class="filters" aria-label="Filters">
<label>Severity <select id="filter-severity"><option value="">all</option></select></label>
<label>Category <select id="filter-category"><option value="">all</option></select></label>
<label>Rule <select id="filter-rule"><option value="">all</option></select></label>
<label>Search <input id="filter-search" type="search" placeholder="message, text, rule or file"></label>
<span id="filter-count"></span>
</section>
<table id="files">
<thead><tr><th data-sort="path">File</th><th data-sort="score" class="num">Score</th><th data-sort="words" class="num">Words</th><th data-sort="findings" class="num">Findings</th><th data-sort="passed">Result</th></tr></thead>
<tbody></tbody>
</table>
</main>
<script type="application/json" id="mtlint-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}

function summaryHtml(s: Summary): string {
  const number = (n: number) => n.toLocaleString("en-US");
  const tile = (label: string, value: string, id: string) => `<div class="tile" id="${id}"><span class="value">${htmlText(value)}</span><span class="label">${htmlText(label)}</span></div>`;
  const severities = SEVERITIES.map((sev) => `<li class="sev-${sev}">${sev} <b>${number(s.bySeverity[sev])}</b></li>`).join("");
  return `<section class="summary">
${tile("corpus score", String(s.score), "summary-score")}
${tile("files", number(s.files), "summary-files")}
${tile("words", number(s.words), "summary-words")}
${tile("findings", number(s.findings), "summary-findings")}
${tile(`passed (score ≥ ${s.minScore}, no ${s.failOn} finding${s.failOn === "critical" ? "" : " or worse"})`, number(s.filesPassed), "summary-passed")}
${tile("failed", number(s.filesFailed), "summary-failed")}
<ul class="severities">${severities}</ul>
</section>`;
}

const byCount = (counts: Partial<Record<string, number>>) =>
  Object.entries(counts)
    .map(([label, value]) => ({ label, value: value ?? 0 }))
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1));

/** Horizontal bars, one per item, scaled to the largest value. */
function barChart(items: { label: string; value: number }[], id: string): string {
  const row = 22;
  const labelWidth = 240;
  const barWidth = 260;
  const max = Math.max(1, ...items.map((i) => i.value));
  const height = Math.max(row, items.length * row);
  const bars = items.map(({ label, value }, i) => {
    const y = i * row;
    const width = Math.round((value / max) * barWidth);
    return `<g class="bar"><text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${htmlText(label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${row - 6}"></rect><text x="${labelWidth + width + 4}" y="${y + 15}">${value}</text></g>`;
  });
  const empty = items.length ? "" : `<text x="0" y="15">none</text>`;
  return `<svg id="${id}" role="img" viewBox="0 0 ${labelWidth + barWidth + 50} ${height}" width="${labelWidth + barWidth + 50}" height="${height}">${bars.join("")}${empty}</svg>`;
}

/** What the page's script renders from: per file its numbers, segments and findings, rule ids and categories as indexes. */
function reportData(result: RunResult, options: HtmlOptions) {
  const rules = new Index();
  const categories = new Index();
  const files = result.files.map((file) => {
    const segments = file.findings.length ? options.segments?.(file.path) : undefined;
    const segmentIndex = new Map(segments?.map((s, i) => [s.id, i]));
    const findings = file.findings.map((f) => {
      const k = segmentIndex.get(f.segmentId);
      // A finding is marked in place only where the segment still reads as it did (a file changed since it was checked does not).
      const placed = k !== undefined && segments![k]!.target.slice(f.start, f.end) === f.text ? k : -1;
      const fix = fixView(f, placed === -1 ? undefined : segments![placed]!.target);
      return {
        s: placed,
        a: f.start,
        b: f.end,
        v: SEVERITIES.indexOf(f.severity),
        c: categories.of(f.category),
        r: rules.of(f.ruleId),
        m: f.message,
        t: f.text,
        l: f.line,
        k: f.column,
        ...(fix && { x: fix }),
      };
    });
    return {
      p: file.path,
      sc: file.score,
      w: file.words,
      ok: file.passed,
      f: findings,
      ...(file.streamed && { streamed: file.streamed.findings }),
      ...(segments && { seg: segments.map((s) => (s.source === undefined ? [s.line, s.target] : [s.line, s.target, s.source])) }),
    };
  });
  return { files, rules: rules.values, cats: categories.values, problems: result.errors.map((e) => `${e.file ?? ""}${e.line ? `:${e.line}` : ""}${e.file ? ": " : ""}${e.message}`) };
}

class Index {
  readonly values: string[] = [];
  private readonly positions = new Map<string, number>();
  of(value: string): number {
    let i = this.positions.get(value);
    if (i === undefined) this.positions.set(value, (i = this.values.push(value) - 1));
    return i;
  }
}

/**
 * The finding's fix (or first suggestion) as the text before and after it: the edits with the
 * flagged text around them. From the segment when it is known, else from the flagged text when
 * the edits lie inside it, else the replaced and replacing texts alone.
 */
function fixView(f: LocatedFinding, target: string | undefined): { title: string; safe: boolean; before: string; after: string } | undefined {
  const fix = f.fix ?? f.suggestions?.[0];
  if (!fix) return undefined;
  const edits = [...fix.edits].sort((a, b) => a.start - b.start);
  const from = Math.min(f.start, ...edits.map((e) => e.start));
  const to = Math.max(f.end, ...edits.map((e) => e.end));
  const view = { title: fix.title, safe: fix.applicability === "safe" };
  const [text, base] = target !== undefined ? [target, 0] : from >= f.start && to <= f.end ? [f.text, f.start] : [undefined, 0];
  if (text === undefined) return { ...view, before: edits.map((e) => e.expected).join(" … "), after: edits.map((e) => e.text).join(" … ") };
  let after = "";
  let at = from;
  for (const e of edits) {
    after += text.slice(at - base, e.start - base) + e.text;
    at = e.end;
  }
  return { ...view, before: text.slice(from - base, to - base), after: after + text.slice(at - base, to - base) };
}

