/**
 * The clause analyser (src/analysis/clause.ts) on clean English: `node build/bench/clause-bench.js`
 * runs it over every sentence of the Brown corpus and reports how often a finite verb gets a subject
 * before it, how often a clause looks inverted or subjectless (with and without a licence), and the
 * analyser's own cost per word. These rates bound the false alarms of every check built on it.
 *
 * `node build/bench/clause-bench.js --print FILE` prints the chunks and clauses of each sentence of a
 * plain-text file instead (for reading what the analyser makes of a text).
 */
import { readFileSync } from "node:fs";
import { SegmentAnalysis } from "#src/analysis/analysis.js";
import type { Clause, SentenceClauses } from "#src/analysis/clause.js";
import { textFormat } from "#src/formats/text.js";
import { brownFileNames, readBrownFile } from "../training/brown.js";

function describe(a: SegmentAnalysis, s: SentenceClauses): string {
  const text = (from: number, to: number) => (from < to ? a.text.slice(a.tokens[from]!.start, a.tokens[to - 1]!.end) : "");
  const tags = a.tags!;
  const chunks = s.chunks.map((c) => `[${c.kind.slice(0, 4)}${c.inPrepositional ? "·pp" : ""}${c.finite >= 0 ? "·fin" : ""} ${a.tokens.slice(c.start, c.end).map((t, i) => `${t.text}/${tags[c.start + i]!.fine}`).join(" ")}]`);
  const lines = [`${a.text.slice(s.span.start, s.span.end)}`, `  ${chunks.join(" ")}  terminal “${s.terminal}”`];
  for (const c of s.clauses) lines.push(`  · ${clauseLine(c, text)}`);
  return lines.join("\n");
}

function clauseLine(c: Clause, text: (from: number, to: number) => string): string {
  const subject = c.subject ? `${c.subjectPosition} “${text(c.subject.start, c.subject.end)}” (${c.subject.number}${c.subject.coordinated ? ", coordinated" : ""}${c.subject.relative ? ", relative" : ""}${c.subject.separated ? ", separated" : ""})` : "no subject";
  const fronted = c.fronted === "none" ? "" : ` fronted ${c.fronted} “${text(c.frontedStart, c.frontedEnd)}”`;
  return `verb “${text(c.verbStart, c.verbEnd)}” (${c.verbNumber}${c.passive ? ", passive" : ""}${c.copula ? ", copula" : ""}) opener ${c.opener}${c.openerWord ? ` “${c.openerWord}”` : ""}; ${subject};${fronted}${c.afterVerb >= 0 ? " after a verb" : ""}; licence ${c.licence}`;
}

function print(path: string, onlyOdd: boolean): void {
  const parsed = textFormat.parse(readFileSync(path, "utf8"), path);
  for (const segment of parsed.document.segments) {
    const a = new SegmentAnalysis(segment, "en");
    a.sentences.forEach((_, k) => {
      const s = a.clauses(k)!;
      if (!onlyOdd || oddities(a, s).length) console.log(describe(a, s) + (onlyOdd ? `\n  ! ${oddities(a, s).join("; ")}` : "") + "\n");
    });
  }
}

/** What looks wrong in a sentence, for reading the analyser's output on MT. */
function oddities(a: SegmentAnalysis, s: SentenceClauses): string[] {
  const out: string[] = [];
  if (s.terminal && s.clauses.length === 0 && s.end - s.first >= 4) out.push("no finite verb");
  for (const c of s.clauses) {
    if (c.licence === "none" && c.subjectPosition !== "before") out.push(`verb “${a.tokens[c.finite]!.text}” without subject before it (${c.subjectPosition})`);
    if (c.subject && c.subjectPosition === "before" && c.subject.number !== "unknown" && c.verbNumber !== "unknown" && c.subject.number !== c.verbNumber && !c.subject.relative) out.push(`agreement “${a.tokens[c.subject.head]!.text}” ${c.subject.number} / “${a.tokens[c.finite]!.text}”`);
    if (c.afterVerb >= 0 && c.subjectPosition === "before") out.push(`subject after verb “${a.tokens[c.afterVerb]!.text}…”`);
  }
  return out;
}

interface Counts {
  sentences: number;
  judged: number;
  finite: number;
  subjectBefore: number;
  inverted: number;
  inside: number;
  subjectless: number;
  licensed: Map<string, number>;
}

function measure(): void {
  const c: Counts = { sentences: 0, judged: 0, finite: 0, subjectBefore: 0, inverted: 0, inside: 0, subjectless: 0, licensed: new Map() };
  const examples: Record<string, string[]> = { inverted: [], inside: [], subjectless: [] };
  let words = 0;
  let analyserMs = 0;
  let tagMs = 0;
  for (const name of brownFileNames()) {
    const file = readBrownFile(name);
    for (const segment of textFormat.parse(file.text, name).document.segments) {
      const a = new SegmentAnalysis(segment, "en");
      words += a.wordCount;
      const t0 = performance.now();
      void a.tags;
      const t1 = performance.now();
      const all = a.sentences.map((_, k) => a.clauses(k)!);
      analyserMs += performance.now() - t1;
      tagMs += t1 - t0;
      for (const s of all) {
        c.sentences++;
        if (s.terminal !== "." && s.terminal !== "!") continue;
        c.judged++;
        for (const clause of s.clauses) {
          c.finite++;
          if (clause.subjectPosition === "before") {
            c.subjectBefore++;
            continue;
          }
          if (clause.licence !== "none") {
            c.licensed.set(clause.licence, (c.licensed.get(clause.licence) ?? 0) + 1);
            continue;
          }
          const kind = clause.subjectPosition === "after" ? "inverted" : clause.subjectPosition === "inside" ? "inside" : "subjectless";
          c[kind]++;
          if (examples[kind]!.length < 400) examples[kind]!.push(`${name}: ${describe(a, s)}`);
        }
      }
    }
  }
  const pct = (n: number) => `${((100 * n) / c.finite).toFixed(2)}%`;
  const per10k = (n: number) => ((n / words) * 10_000).toFixed(2);
  console.log(`Brown: ${words.toLocaleString("en-US")} words, ${c.sentences.toLocaleString("en-US")} sentences, ${c.judged.toLocaleString("en-US")} ending in . or ! (judged)`);
  console.log(`finite verbs in judged sentences: ${c.finite.toLocaleString("en-US")}`);
  console.log(`  subject found before the verb: ${c.subjectBefore.toLocaleString("en-US")} (${pct(c.subjectBefore)})`);
  for (const [licence, n] of [...c.licensed].sort((x, y) => y[1] - x[1])) console.log(`  no subject before, licensed as ${licence}: ${n} (${pct(n)})`);
  console.log(`  unlicensed, subject candidate after the verb: ${c.inverted} (${pct(c.inverted)}, ${per10k(c.inverted)} per 10k words)`);
  console.log(`  unlicensed, subject between auxiliary and verb: ${c.inside} (${pct(c.inside)}, ${per10k(c.inside)} per 10k words)`);
  console.log(`  unlicensed, no subject at all: ${c.subjectless} (${pct(c.subjectless)}, ${per10k(c.subjectless)} per 10k words)`);
  console.log(`analyser: ${analyserMs.toFixed(0)} ms for all sentences (${Math.round(words / (analyserMs / 1000)).toLocaleString("en-US")} words/s); tagging ${tagMs.toFixed(0)} ms`);
  const show = Number(process.argv[process.argv.indexOf("--examples") + 1] || 0);
  if (process.argv.includes("--examples")) for (const [kind, list] of Object.entries(examples)) console.log(`\n## ${kind}\n${list.slice(0, show || 20).join("\n\n")}`);
}

const printAt = process.argv.indexOf("--print");
if (printAt >= 0) print(process.argv[printAt + 1]!, process.argv.includes("--odd"));
else measure();
