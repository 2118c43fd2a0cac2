/**
 * Corpus rules: checks across the documents of a run. Each document's check keeps a compact list
 * of units per corpus rule (`corpusOf`); once every file is checked, `acrossFiles` compares them
 * all and returns each file's new findings. Pure: the CLI gathers the units and merges the findings.
 */
import type { CorpusPart, CorpusUnit } from "../core/rule.js";
import type { RuleKind } from "./rule-kind.js";
import type { LocatedFinding } from "../core/results.js";
import type { ParsedFile } from "../formats/format.js";
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { fingerprint } from "./fingerprint.js";
import { isSuppressed, type ActiveRule, type RuleSet } from "./lint.js";

/** What one document gives the corpus rules active for it (one part per rule). */
export type CorpusDocument = CorpusPart[];

/** A fresh copy: a slice would keep the whole file's text alive for as long as the run lasts. */
const own = (text: string) => Buffer.from(text, "utf16le").toString("utf16le");

export function corpusOf(parsed: ParsedFile, analyses: SegmentAnalysis[], active: ActiveRule[], ruleSet: RuleSet, path: string): CorpusDocument {
  return active
    .filter(({ rule }) => rule.corpus)
    .map(({ rule, severity }) => {
      const { spec } = rule;
      const units = rule.corpus!.units(analyses).map((draft): CorpusUnit => {
        const segment = parsed.document.segments[draft.segment]!;
        const text = segment.target.slice(draft.start, draft.end);
        const start = parsed.position(draft.segment, draft.start);
        const end = parsed.position(draft.segment, draft.end);
        return {
          start: draft.start,
          end: draft.end,
          sourceKey: draft.sourceKey,
          targetKey: draft.targetKey,
          content: own(draft.content),
          source: own(draft.source),
          segmentId: own(segment.id),
          text: own(text),
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
          fingerprint: fingerprint(path, { ruleId: spec.id, text, start: draft.start, end: draft.end }, segment.target),
          flagged: draft.flagged,
          short: draft.short,
          quiet: isSuppressed(segment.suppressed, spec.id) || ruleSet.accept.has(text.trim()),
        };
      });
      return { ruleId: spec.id, kind: spec.kind, category: spec.category, severity, confidence: spec.confidence ?? 1, messages: rule.corpus!.messages, units };
    });
}

/** One file of the run: how messages name it, and its documents (one, or a streamed file's batches), in file order. */
export interface CorpusFile {
  label: string;
  documents: CorpusDocument[];
}

/**
 * The findings of the corpus rules, per file (same order as `files`), each file's in unit order.
 * `kindOf` gives the rule kinds by name: each rule's units are compared by its kind's hook.
 */
export function acrossFiles(files: CorpusFile[], kindOf: (name: string) => RuleKind | undefined): LocatedFinding[][] {
  const found: LocatedFinding[][] = files.map(() => []);
  // Per rule, flat columns indexed by unit: no object per unit beyond the units themselves.
  const byRule = new Map<string, { kind: string; units: CorpusUnit[]; parts: CorpusPart[]; documents: number[]; files: number[] }>();
  let document = 0;
  files.forEach(({ documents }, file) => {
    for (const parts of documents) {
      for (const part of parts) {
        let columns = byRule.get(part.ruleId);
        if (!columns) byRule.set(part.ruleId, (columns = { kind: part.kind, units: [], parts: [], documents: [], files: [] }));
        for (const unit of part.units) {
          columns.units.push(unit);
          columns.parts.push(part);
          columns.documents.push(document);
          columns.files.push(file);
        }
      }
      document++;
    }
  });
  for (const { kind, units, parts, documents, files: fileOf } of byRule.values()) {
    const compare = kindOf(kind)?.acrossDocuments;
    if (!compare) throw new Error(`rule kind "${kind}" keeps corpus units but compares none`);
    const flagged = compare(
      units.map((_, i) => i),
      { unit: (i) => units[i]!, document: (i) => documents[i]!, messages: (i) => parts[i]!.messages, where: (i) => `${files[fileOf[i]!]!.label}:${units[i]!.line}` },
    );
    for (const { item, message } of flagged) {
      const { ruleId, category, severity, confidence } = parts[item]!;
      const { segmentId, start, end, text, line, column, endLine, endColumn, fingerprint } = units[item]!;
      found[fileOf[item]!]!.push({ ruleId, category, severity, confidence, message, segmentId, start, end, text, line, column, endLine, endColumn, fingerprint });
    }
  }
  return found;
}
