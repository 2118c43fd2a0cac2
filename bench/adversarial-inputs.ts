/**
 * Inputs built to make rules slow — long runs of one character, deep nesting, one huge word,
 * many findings — and timers for every built-in rule and for the engine on them. An input's size
 * is a parameter, so that the times at two sizes show how a rule's cost grows
 * (test/bounded-time.test.ts; `node build/bench/adversarial.js` prints the table).
 */
import { SegmentAnalysis } from "#src/analysis/analysis.js";
import type { RawFinding } from "#src/core/rule.js";
import type { CompiledRule } from "#src/engine/rule-kind.js";
import type { Document, Segment, Span } from "#src/core/types.js";
import { resolveConfig } from "#src/config/config.js";
import { lint, type ActiveRule } from "#src/engine/lint.js";

/** The built-in rules (mtlint:all) that check documents in this language: its own and those for every language. */
export function builtinRulesFor(language: string): CompiledRule[] {
  return resolveConfig({ extends: "mtlint:all" })
    .ruleSet.rules.map((r) => r.rule)
    .filter((r) => r.spec.language === "*" || r.spec.language === language);
}

export interface AdversarialInput {
  name: string;
  /** The target text of about `size` UTF-16 units: one segment, or several. */
  make(size: number): string | string[];
  /** Sources for the bilingual run, one per segment (default: the target as it was made, and the target without its final full stop). */
  sources?(size: number): string[];
  /** Tags are masked (never flagged), as the XLIFF reader masks inline codes. */
  maskTags?: boolean;
}

/** `unit` repeated to `size` units, cut at a code point. */
export function repeated(unit: string, size: number): string {
  const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return /[\ud800-\udbff]$/u.test(text) ? text.slice(0, -1) : text;
}

/**
 * Two runs of `unit` in an ordinary sentence, one followed by a space and one by a letter: a rule
 * must get past each run to see what follows it.
 */
const run = (unit: string) => (size: number) => {
  const half = repeated(unit, size / 2);
  return `The report said that ${half} and then ${half}ended.`;
};

/** Distinct words of `length` letters, a number between each two so that no two unknown words are neighbours. */
function distinctWords(length: number, size: number): string {
  const words: string[] = [];
  for (let i = 0, total = 0; total < size; i++) {
    const stem = i.toString(26).replace(/./gu, (d) => String.fromCharCode(97 + parseInt(d, 26)));
    const word = (stem + repeated("lorem", length)).slice(0, length);
    words.push(word, String(i));
    total += word.length + String(i).length + 2;
  }
  return words.join(" ");
}

/** Sentences `sentence(0)`, `sentence(1)`… up to `size` units, in one text. */
function sentences(size: number, sentence: (i: number) => string): string {
  return sentenceList(size, sentence).join(" ");
}

function sentenceList(size: number, sentence: (i: number) => string): string[] {
  const out: string[] = [];
  for (let i = 0, total = 0; total < size; i++) {
    out.push(sentence(i));
    total += out[i]!.length + 1;
  }
  return out;
}

/** Items for about `size` units of text, their number fixed by the size: sources and targets made with it pair up. */
const list = (size: number, item: (i: number) => string) => Array.from({ length: Math.floor(size / 18) }, (_, i) => item(i));

const nested = (open: string, close: string) => (size: number) => {
  const depth = Math.floor(size / (open.length + close.length));
  return `Before ${open.repeat(depth)}inside${close.repeat(depth)} after.`;
};

export const ADVERSARIAL_INPUTS: AdversarialInput[] = [
  { name: "spaces", make: run(" ") },
  { name: "blanks and no-break spaces", make: run(" \t\u00a0\u202f") },
  { name: "line breaks", make: run(" \n") },
  { name: "hyphens", make: run("-") },
  { name: "spaced dashes", make: run(" – ") },
  { name: "em dashes", make: run("—") },
  { name: "straight quotes", make: run('"') },
  { name: "curly quotes", make: run("“”‘’") },
  { name: "guillemets and low quotes", make: run("«»„“") },
  { name: "apostrophes", make: run("'") },
  { name: "digits", make: run("7") },
  { name: "digit groups", make: run("1,000,") },
  { name: "space-grouped digits", make: run("1 000 ") },
  { name: "decimal commas", make: run("2,5 ") },
  { name: "numbers with scale words", make: run("8 thousand ") },
  { name: "a percent sign before zeros", make: (size) => `The rate is %${"0".repeat(size)}d today.` },
  { name: "capitals", make: run("A") },
  { name: "capitalised words", make: run("Foreign Ministry Of State ") },
  { name: "acronyms", make: run("USA IG ISIS U.S. ") },
  { name: "one long word", make: run("qwertyuiopasdfghjklzxcvbnm") },
  { name: "200-letter words", make: (size) => distinctWords(200, size) },
  { name: "nested brackets", make: nested("([{", "}])") },
  { name: "nested quotes", make: nested("“‘«„", "“»’”") },
  { name: "nested markup", make: nested("<b><i>", "</i></b>") },
  { name: "nested ICU branches", make: nested("{n, select, other {", "}}") },
  { name: "unclosed brackets", make: run("(") },
  { name: "full stops", make: run(".") },
  { name: "exclamation and question marks", make: run("!?") },
  { name: "commas", make: run(",") },
  { name: "ellipses", make: run("…") },
  { name: "colons and semicolons", make: run(" ;: ") },
  { name: "spaced full stops", make: run(" . ") },
  { name: "Han text", make: (size) => repeated("中华人民共和国国务院新闻办公室发表白皮书", size) },
  { name: "Han and kana text", make: (size) => repeated("東京都のひらがなとカタカナの文章", size) },
  { name: "Han with ASCII punctuation", make: (size) => repeated("中文,汉字.测试?", size) },
  { name: "Cyrillic and Latin mixed", make: run("аaоoеe") },
  { name: "short sentences", make: (size) => sentences(size, (i) => `It was ${i % 7 === 0 ? "so" : "it"}.`) },
  { name: "questions and answers", make: (size) => sentences(size, (i) => (i % 2 ? "Yes!" : `Who came ${i}?`)) },
  {
    name: "inconsistent translations",
    make: (size) => list(size, (i) => (i % 3 ? "Das ist sehr gut." : "Es ist sehr gut.")).join(" "),
    sources: (size) => [list(size, () => "It is very good.").join(" ")],
  },
  {
    name: "one translation for many sources",
    make: (size) => list(size, () => "Das ist sehr gut.").join(" "),
    sources: (size) => [list(size, (i) => `It is good ${i}.`).join(" ")],
  },
  { name: "repeated words", make: run("the ") },
  { name: "e-mail-like text", make: run("a.b+c-") },
  { name: "at signs", make: run("a@") },
  { name: "URL-like text", make: run("http://www.") },
  { name: "markup", make: run("<b>x</b>"), maskTags: true },
  { name: "unclosed markup", make: run("<a ") },
  { name: "unclosed codes and CDATA", make: run('<ph id="1"><![CDATA[') },
  { name: "entities and placeholders", make: run("&amp;%s{{x}}{0}") },
  { name: "many segments", make: (size) => sentenceList(size, (i) => `The ministry said ${i} people came.`) },
  {
    name: "many segments, inconsistent translations",
    make: (size) => list(size, (i) => (i % 3 ? "Das ist sehr gut." : "Es ist sehr gut.")),
    sources: (size) => list(size, () => "It is very good."),
  },
];

const TAG = /<[^<>]*>/gu;

/** The input as a document of the language; bilingual: with sources (see AdversarialInput.sources). */
export function adversarialDocument(input: AdversarialInput, size: number, language: string, bilingual: boolean): Document {
  const made = [input.make(size)].flat();
  const sources = input.sources?.(size) ?? made;
  const targets = bilingual && !input.sources ? made.map((t) => t.replace(/\.$/u, "")) : made;
  const sourceLanguage = language === "en" ? "ru" : "en";
  const segments: Segment[] = targets.map((target, i) => {
    const segment: Segment = { id: String(i + 1), target, tgtLang: language, origin: { file: input.name, line: i + 1, column: 1 } };
    // A length limit as XLIFF's maxwidth gives one, so that length-limit has something to measure.
    if (bilingual) Object.assign(segment, { source: sources[i] ?? "", srcLang: sourceLanguage, maxLength: 100 });
    if (input.maskTags) segment.masked = [...target.matchAll(TAG)].map((m): Span => ({ start: m.index, end: m.index + m[0].length }));
    return segment;
  });
  return { path: input.name, language, ...(bilingual && { sourceLanguage }), segments };
}

/**
 * Milliseconds of CPU this process has used: unlike the wall clock, not lengthened when other
 * processes share the cores (the tests run on a busy machine).
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The document's segment analyses, computed (sentences, paragraphs, tokens, tags), and the milliseconds that took. */
export function analysed(document: Document, language: string): { analyses: SegmentAnalysis[]; ms: number } {
  const started = cpuMs();
  const analyses = document.segments.map((s) => new SegmentAnalysis(s, language));
  for (const a of analyses) void [a.sentences, a.paragraphs, a.tokens, a.tags];
  return { analyses, ms: cpuMs() - started };
}

export interface RuleRun {
  ms: number;
  /** What the rule reported, by segment index. */
  findings: [number, RawFinding][];
}

/** The rule on the analysed document (segment and document checks, corpus units): its time and findings. */
export function timeRule(rule: CompiledRule, document: Document, analyses: SegmentAnalysis[]): RuleRun {
  const findings: [number, RawFinding][] = [];
  const report = (segment: number, finding: RawFinding) => void findings.push([segment, finding]);
  const started = cpuMs();
  const check = rule.checkSegment?.bind(rule);
  if (check) analyses.forEach((a, i) => check(a, i, report));
  rule.checkDocument?.(document, analyses, report);
  rule.corpus?.units(analyses);
  return { ms: cpuMs() - started, findings };
}

/**
 * Milliseconds lint() spends on its own — masking, filtering, de-duplicating and sorting the
 * findings — when every rule's findings (from timeRule) come back at once.
 */
export function timeEngine(rules: CompiledRule[], findings: Map<string, [number, RawFinding][]>, document: Document): number {
  const replayed: ActiveRule[] = rules.map((rule) => ({
    rule: { spec: { ...rule.spec, language: "*", sourceLanguage: undefined }, checkDocument: (_d, _a, report) => findings.get(rule.spec.id)?.forEach(([i, f]) => report(i, f)) },
    severity: rule.spec.severity,
  }));
  const started = cpuMs();
  lint(document, { rules: replayed, accept: new Set() });
  return cpuMs() - started;
}
