/**
 * The HTML report's stylesheet and script, inlined into the page. The script builds everything
 * from the page's JSON block with textContent (never innerHTML), renders a file's text only when
 * the file is opened, and filters by counting over the findings without touching closed files.
 */

export const HTML_STYLE = `
:root { --minor: #b7791f; --major: #c53030; --critical: #742a2a; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
header { background: #1f2937; color: #fff; padding: 10px 20px; }
header h1 { margin: 0; font-size: 18px; }
main { padding: 16px 20px; max-width: 1400px; }
.summary { display: flex; flex-wrap: wrap; gap: 10px; align-items: stretch; }
.tile { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; display: flex; flex-direction: column; }
.tile .value { font-size: 22px; font-weight: 600; }
.tile .label { color: var(--muted); font-size: 12px; max-width: 220px; }
.severities { list-style: none; margin: 0; padding: 8px 14px; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
.charts { display: flex; flex-wrap: wrap; gap: 20px; margin: 16px 0; }
.charts figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
.charts figcaption { font-weight: 600; margin-bottom: 6px; }
.charts rect { fill: #4a6fa5; }
.charts text { font-size: 12px; fill: #333; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 12px 0; position: sticky; top: 0; background: #fafafa; padding: 6px 0; z-index: 1; }
#filter-count { color: var(--muted); }
table#files { border-collapse: collapse; width: 100%; background: #fff; }
#files th, #files td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
#files th { cursor: pointer; user-select: none; background: #f0f0f0; }
#files th[aria-sort=ascending]::after { content: " ▲"; }
#files th[aria-sort=descending]::after { content: " ▼"; }
.num { text-align: right !important; }
tr.file { cursor: pointer; }
tr.file:hover { background: #f5f8ff; }
tr.file .path::before { content: "▸ "; color: var(--muted); }
tr.file.open .path::before { content: "▾ "; }
.fail { color: var(--major); font-weight: 600; }
.pass { color: #2f855a; }
td.detail { background: #fcfcfc; padding: 10px 14px 14px; }
table.text { border-collapse: collapse; width: 100%; }
table.text td { padding: 4px 6px; border-bottom: 1px solid #eee; white-space: pre-wrap; word-break: break-word; }
table.text td.ln { color: var(--muted); text-align: right; width: 4em; white-space: nowrap; }
table.text td.src { color: #444; width: 45%; border-right: 3px double #ccc; }
mark { background: #fde68a; border-bottom: 2px solid var(--minor); cursor: pointer; padding: 0 1px; }
mark.sev-major { background: #fed7d7; border-bottom-color: var(--major); }
mark.sev-critical { background: #feb2b2; border-bottom-color: var(--critical); }
mark.point::before { content: "‸"; color: var(--major); }
.finding { margin: 4px 0 4px 2px; padding: 4px 8px; border-left: 4px solid var(--minor); background: #fff; white-space: normal; }
.finding.sev-major { border-left-color: var(--major); }
.finding.sev-critical { border-left-color: var(--critical); }
.finding.flash { outline: 2px solid #4a6fa5; }
.finding .sev { font-weight: 600; margin-right: 6px; }
.finding .rule, .finding .cat, .finding .pos { color: var(--muted); margin-left: 8px; font-size: 12px; }
.finding .fix { margin-top: 2px; }
.finding del { background: #fed7d7; text-decoration: line-through; white-space: pre-wrap; }
.finding ins { background: #c6f6d5; text-decoration: none; white-space: pre-wrap; }
.sev-minor .sev, li.sev-minor b { color: var(--minor); }
.sev-major .sev, li.sev-major b { color: var(--major); }
.sev-critical .sev, li.sev-critical b { color: var(--critical); }
button.more { margin: 8px 0; }
`;

export const HTML_CLIENT_SCRIPT = `(() => {
"use strict";
const data = JSON.parse(document.getElementById("mtlint-data").textContent);
const SEV = ["minor", "major", "critical"];
const PAGE = 200;
const state = { sev: "", cat: "", rule: "", q: "" };
const byId = (id) => document.getElementById(id);
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
const active = () => state.sev !== "" || state.cat !== "" || state.rule !== "" || state.q !== "";
function matches(f, file) {
  if (state.sev && SEV[f.v] !== state.sev) return false;
  const cat = data.cats[f.c];
  if (state.cat && cat !== state.cat && !cat.startsWith(state.cat + "/")) return false;
  if (state.rule && data.rules[f.r] !== state.rule) return false;
  if (state.q) {
    const hay = (f.m + "\\n" + f.t + "\\n" + data.rules[f.r] + "\\n" + cat + "\\n" + file.p).toLowerCase();
    if (!hay.includes(state.q)) return false;
  }
  return true;
}

function fillSelect(id, values) {
  const select = byId(id);
  for (const v of values) select.append(new Option(v, v));
  select.addEventListener("change", () => { state[select.dataset.key] = select.value; refresh(); });
}
const topLevels = [...new Set(data.cats.map((c) => c.split("/")[0]))].filter((c) => !data.cats.includes(c));
byId("filter-severity").dataset.key = "sev";
byId("filter-category").dataset.key = "cat";
byId("filter-rule").dataset.key = "rule";
fillSelect("filter-severity", SEV);
fillSelect("filter-category", [...data.cats, ...topLevels].sort());
fillSelect("filter-rule", [...data.rules].sort());
let typing;
byId("filter-search").addEventListener("input", (e) => {
  clearTimeout(typing);
  typing = setTimeout(() => { state.q = e.target.value.trim().toLowerCase(); refresh(); }, 120);
});

if (data.problems.length) {
  byId("problems").hidden = false;
  for (const p of data.problems) byId("problem-list").append(el("li", "", p));
}

const tbody = document.querySelector("#files tbody");
const rows = data.files.map((file) => {
  const tr = el("tr", "file");
  const count = el("td", "num count");
  tr.append(el("td", "path", file.p), el("td", "num", String(file.sc)), el("td", "num", file.w.toLocaleString("en-US")), count,
    el("td", file.ok ? "pass" : "fail", file.ok ? "passed" : "failed"));
  const row = { file, tr, count, detail: undefined, shown: 0 };
  tr.addEventListener("click", () => toggle(row));
  tbody.append(tr);
  return row;
});

function toggle(row) {
  if (row.detail) {
    row.detail.remove();
    row.detail = undefined;
    row.tr.classList.remove("open");
    return;
  }
  const tr = el("tr", "detail-row");
  const td = el("td", "detail");
  td.colSpan = 5;
  tr.append(td);
  row.tr.after(tr);
  row.detail = tr;
  row.tr.classList.add("open");
  renderFile(row);
}

function findingCard(f) {
  const card = el("div", "finding sev-" + SEV[f.v]);
  card.append(el("span", "sev", SEV[f.v]), el("span", "msg", f.m), el("code", "rule", data.rules[f.r]), el("span", "cat", data.cats[f.c]), el("span", "pos", f.l + ":" + f.k));
  if (f.x) {
    const fix = el("div", "fix");
    fix.append(el("span", "title", f.x.title + (f.x.safe ? " (safe fix): " : " (suggestion): ")), el("del", "", f.x.before), document.createTextNode(" → "), el("ins", "", f.x.after));
    card.append(fix);
  }
  return card;
}

/** The target with its findings marked: the text cut at every finding's start and end, each piece marked by the findings over it. */
function markedText(target, findings, cards) {
  const td = el("td", "tgt");
  const cuts = new Set([0, target.length]);
  for (const f of findings) { cuts.add(f.a); cuts.add(f.b); }
  const points = [...cuts].sort((a, b) => a - b);
  const link = (mark, over) => {
    mark.title = over.map((f) => SEV[f.v] + ": " + f.m).join("\\n");
    mark.addEventListener("click", (e) => {
      e.stopPropagation();
      for (const f of over) { const c = cards.get(f); c.classList.add("flash"); setTimeout(() => c.classList.remove("flash"), 1500); }
      cards.get(over[0]).scrollIntoView({ block: "nearest" });
    });
  };
  for (let i = 0; i < points.length; i++) {
    const a = points[i];
    const atPoint = findings.filter((f) => f.a === a && f.b === a);
    if (atPoint.length) { const m = el("mark", "point sev-" + SEV[Math.max(...atPoint.map((f) => f.v))]); link(m, atPoint); td.append(m); }
    if (i === points.length - 1) break;
    const b = points[i + 1];
    const piece = target.slice(a, b);
    const over = findings.filter((f) => f.a < b && f.b > a);
    if (!over.length) { td.append(document.createTextNode(piece)); continue; }
    const mark = el("mark", "sev-" + SEV[Math.max(...over.map((f) => f.v))], piece);
    link(mark, over);
    td.append(mark);
  }
  return td;
}

function renderFile(row) {
  const { file } = row;
  const td = row.detail.firstChild;
  td.replaceChildren();
  if (file.streamed !== undefined) td.append(el("p", "note", file.streamed + " findings of this large file went to the output as they came; they are not in this report."));
  const shown = file.f.filter((f) => matches(f, file));
  const placed = new Map();
  const loose = [];
  for (const f of shown) {
    if (f.s < 0) { loose.push(f); continue; }
    if (!placed.has(f.s)) placed.set(f.s, []);
    placed.get(f.s).push(f);
  }
  if (file.seg) {
    const bilingual = file.seg.some((s) => s.length > 2);
    const indexes = active() ? [...placed.keys()].sort((a, b) => a - b) : file.seg.map((_, i) => i);
    const table = el("table", "text");
    td.append(table);
    let next = 0;
    const more = el("button", "more");
    const page = () => {
      for (const i of indexes.slice(next, next + PAGE)) {
        const [line, target, source] = file.seg[i];
        const findings = placed.get(i) || [];
        const cards = new Map(findings.map((f) => [f, findingCard(f)]));
        const tr = el("tr", "seg");
        tr.append(el("td", "ln", String(line)));
        if (bilingual) tr.append(el("td", "src", source === undefined ? "" : source));
        tr.append(markedText(target, findings, cards));
        table.append(tr);
        if (findings.length) {
          const notes = el("tr", "notes");
          const cell = el("td");
          cell.colSpan = bilingual ? 3 : 2;
          notes.append(el("td"), cell);
          cell.append(...cards.values());
          table.append(notes);
        }
      }
      next += PAGE;
      more.hidden = next >= indexes.length;
      more.textContent = "Show " + Math.min(PAGE, indexes.length - next) + " more of " + (indexes.length - next);
    };
    more.addEventListener("click", page);
    td.append(more);
    page();
  }
  if (loose.length) {
    td.append(el("p", "note", file.seg ? "Findings whose text has changed since the check:" : "Findings (the file's text is not in this report):"));
    for (const f of loose) td.append(findingCard(f));
  }
  if (!shown.length && file.streamed === undefined) td.append(el("p", "note", active() ? "No finding matches the filters." : "No findings."));
}

function refresh() {
  let files = 0;
  let total = 0;
  const filtering = active();
  for (const row of rows) {
    const n = filtering ? row.file.f.reduce((k, f) => k + (matches(f, row.file) ? 1 : 0), 0) : row.file.f.length + (row.file.streamed || 0);
    row.shown = n;
    row.count.textContent = String(n);
    const hidden = filtering && n === 0;
    row.tr.hidden = hidden;
    if (row.detail) { row.detail.hidden = hidden; if (!hidden) renderFile(row); }
    if (!hidden) { files++; total += n; }
  }
  byId("filter-count").textContent = filtering ? total + " findings in " + files + " files match" : "";
}

const KEYS = { path: (r) => r.file.p, score: (r) => r.file.sc, words: (r) => r.file.w, findings: (r) => r.shown, passed: (r) => (r.file.ok ? 1 : 0) };
let sorted = { key: "score", dir: 1 };
function sortBy(key, dir) {
  sorted = { key, dir };
  const get = KEYS[key];
  rows.sort((x, y) => { const a = get(x), b = get(y); return (a < b ? -1 : a > b ? 1 : 0) * dir || (x.file.p < y.file.p ? -1 : 1); });
  for (const row of rows) { tbody.append(row.tr); if (row.detail) tbody.append(row.detail); }
  for (const th of document.querySelectorAll("#files th")) th.setAttribute("aria-sort", th.dataset.sort === key ? (dir > 0 ? "ascending" : "descending") : "none");
}
for (const th of document.querySelectorAll("#files th")) {
  th.addEventListener("click", () => sortBy(th.dataset.sort, sorted.key === th.dataset.sort ? -sorted.dir : th.dataset.sort === "findings" ? -1 : 1));
}
refresh();
sortBy("score", 1);
document.body.dataset.ready = "true";
})();
`;
