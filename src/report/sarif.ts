/**
 * SARIF 2.1.0, for GitHub code scanning, VS Code's SARIF viewer and other static-analysis tools.
 * One run; levels: minor → warning, major and critical → error. Each checked file is an artifact
 * with its words, score and verdict; the corpus summary sits in run.properties.summary.
 */
import { readFileSync } from "node:fs";
import { sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { FileChange, LocatedFinding, ProblemReport, RunResult } from "../core/results.js";
import type { RuleExample, RuleSpec } from "../core/rule.js";
import type { Fix } from "../core/types.js";
import { LEVEL, portablePath } from "./common.js";

const SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT = "%SRCROOT%";

interface Package {
  version: string;
  homepage?: string;
}
let pkg: Package | undefined;
// src/report and dist/report are both two levels below the package root.
const packageJson = () => (pkg ??= JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as Package);

export interface SarifOptions {
  /** The folder that relative artifact URIs start from (%SRCROOT%); default the current directory. */
  cwd?: string;
}

export function formatSarif(result: RunResult, rules: RuleSpec[], options: SarifOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const { version, homepage } = packageJson();
  const fileIndex = new Map(result.files.map((f, i) => [f.path, i]));
  /** Where a checked file is; `index` points into run.artifacts, except in the artifact's own entry. */
  const artifactLocation = (path: string, withIndex = true) => {
    const rel = portablePath(path, cwd);
    // Each path segment percent-encoded, so names with spaces, "#" or "%" stay one valid URI reference.
    const where = /^([a-z]:)?\//i.test(rel) ? { uri: pathToFileURL(rel).href } : { uri: rel.split("/").map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
    const index = withIndex ? fileIndex.get(path) : undefined;
    return index === undefined ? where : { ...where, index };
  };

  // The driver describes the rules that have results, in the order of the given specs.
  const used = new Set(result.files.flatMap((f) => f.findings.map((x) => x.ruleId)));
  const specs = rules.filter((r) => used.has(r.id));
  const known = new Set(specs.map((r) => r.id));
  const descriptors = [...specs.map(descriptor), ...[...used].filter((id) => !known.has(id)).map((id) => ({ id }))];
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));

  const results = result.files.flatMap((file) => {
    const location = artifactLocation(file.path);
    const seen = new Map<string, number>();
    return file.findings.map((f) => {
      const fixes = [f.fix, ...(f.suggestions ?? [])].flatMap((fix) => (fix?.changes ? [sarifFix(fix, fix.changes, location)] : []));
      return {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId)!,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, snippet: { text: f.text } } } }],
        partialFingerprints: { "mtlintFingerprint/v1": fingerprint(f, seen) },
        ...(fixes.length ? { fixes } : {}),
        properties: { category: f.category, severity: f.severity, confidence: f.confidence, segmentId: f.segmentId, fileScore: file.score },
      };
    });
  });

  const log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "mtlint", version, semanticVersion: version, ...(homepage ? { informationUri: homepage } : {}), rules: descriptors } },
        invocations: [
          {
            executionSuccessful: result.errors.length === 0,
            ...(result.errors.length ? { toolExecutionNotifications: result.errors.map((p) => notification(p, artifactLocation)) } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
        artifacts: result.files.map((file) => ({
          location: artifactLocation(file.path, false),
          roles: ["analysisTarget"],
          properties: { words: file.words, score: file.score, passed: file.passed },
        })),
        columnKind: "utf16CodeUnits",
        results,
        properties: { summary: result.summary },
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/**
 * The engine's fingerprint (rule, file, flagged text and the text around it: stable when lines
 * are added elsewhere), numbered by occurrence in the file as GitHub's own line hashes are, so
 * that two findings with the same text and context stay two alerts.
 */
function fingerprint(f: LocatedFinding, seen: Map<string, number>): string {
  const occurrence = (seen.get(f.fingerprint) ?? 0) + 1;
  seen.set(f.fingerprint, occurrence);
  return `${f.fingerprint}:${occurrence}`;
}

/** A fix as the changes to the file that the engine placed (escaped as the file writes them). */
function sarifFix(fix: Fix, changes: readonly FileChange[], artifactLocation: object) {
  const replacements = changes.map((c) => ({ deletedRegion: { startLine: c.line, startColumn: c.column, endLine: c.endLine, endColumn: c.endColumn }, insertedContent: { text: c.text } }));
  return { description: { text: fix.title }, artifactChanges: [{ artifactLocation, replacements }], properties: { applicability: fix.applicability } };
}

function notification(p: ProblemReport, artifactLocation: (path: string) => object) {
  const region = p.line === undefined ? undefined : { startLine: p.line, ...(p.column === undefined ? {} : { startColumn: p.column }) };
  const location = p.file === undefined ? undefined : { physicalLocation: { artifactLocation: artifactLocation(p.file), ...(region ? { region } : {}) } };
  return { level: "error", message: { text: p.message }, descriptor: { id: `mtlint/${p.kind}` }, ...(location ? { locations: [location] } : {}) };
}

// "$1", "${1:capitalize}" in rule messages stand for matched text; descriptions show a placeholder.
const plainMessage = (spec: RuleSpec) => spec.message.replace(/\$\{\d+(:\w+)?\}|\$\d/g, "…");
const pascalCase = (id: string) => (id.split("/").pop() ?? id).replace(/(^|[-_])(\p{L})/gu, (_, __, c: string) => c.toUpperCase());
const markdown = (s: string) => s.replace(/[\\`*_[\]<>|]/g, "\\$&");

function descriptor(spec: RuleSpec) {
  const full = spec.description ?? plainMessage(spec);
  const examples = spec.examples.map((e) => exampleLine(e));
  return {
    id: spec.id,
    name: pascalCase(spec.id),
    shortDescription: { text: plainMessage(spec) },
    fullDescription: { text: full },
    help: {
      text: [full, ...(examples.length ? ["", "Examples:", ...examples.map((e) => `  ${e.text}`)] : [])].join("\n"),
      markdown: [markdown(full), ...(examples.length ? ["", "**Examples**", "", ...examples.map((e) => `- ${e.markdown}`)] : [])].join("\n"),
    },
    defaultConfiguration: { level: LEVEL[spec.severity] },
    properties: { category: spec.category, severity: spec.severity, tags: ["translation", ...categoryTags(spec.category)] },
  };
}

/** "fluency/punctuation" → ["fluency", "fluency/punctuation"], so viewers can filter by either level. */
const categoryTags = (category: string) => category.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"));

/** "a [[b]] c" with its fix: "✗ a b c → a B c" in text; in Markdown the flagged part as code, which keeps its spaces. */
function exampleLine(e: RuleExample): { text: string; markdown: string } {
  const plain = e.text.replace(/\[\[|\]\]/g, "");
  if (e.valid) return { text: `✓ ${plain}`, markdown: `✓ ${markdown(plain)}` };
  const marked = e.text.split(/\[\[|\]\]/).map((part, i) => (i % 2 ? codeSpan(part) : markdown(part))).join("");
  const fixed = (escape: (s: string) => string) => (e.fixed === undefined ? "" : ` → ${escape(e.fixed)}`);
  return { text: `✗ ${plain}${fixed(String)}`, markdown: `✗ ${marked}${fixed(markdown)}` };
}

const codeSpan = (s: string) => (s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``);
