/**
 * `mtlint lsp`: a language server over stdio. Open documents are checked with the library API
 * (check, fix) under the nearest .mtlintrc.json; findings become diagnostics, their fixes code
 * actions. Positions are the engine's: UTF-16 offsets, which is what LSP counts in by default.
 */
import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type Range,
  type TextEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ConfigResolver, CONFIG_FILE_NAME, findConfigFile, type ResolvedConfig } from "../config/config.js";
import { formatProblem, MtlintError } from "../core/errors.js";
import type { LocatedFinding, ProblemReport } from "../core/results.js";
import type { Fix } from "../core/types.js";
import { applyFixes } from "../engine/fixes.js";
import { formatFor } from "../formats/index.js";
import { check, fix } from "../index.js";
import { LEVEL } from "../report/common.js";

/** Typing pauses this long before a changed document is checked again. */
const DEBOUNCE_MS = 200;
const FIX_ALL_SAFE = `${CodeActionKind.SourceFixAll}.mtlint`;

interface Checked {
  version: number;
  path: string;
  config?: ResolvedConfig;
  findings: LocatedFinding[];
}

export function startLanguageServer(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Connection {
  const connection = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  const documents = new TextDocuments(TextDocument);
  const checked = new Map<string, Checked>();
  const timers = new Map<string, NodeJS.Timeout>();
  let root = process.cwd();
  let watchRegistration = false;
  const configs = new Configs();

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder?.startsWith("file:")) root = fileURLToPath(folder);
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_SAFE] },
      },
      serverInfo: { name: "mtlint" },
    };
  });

  connection.onInitialized(() => {
    if (watchRegistration) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] });
  });

  /** Where a document lives; one that is not a file (untitled) is read as if it were in the workspace folder. */
  const pathOf = (uri: string) => (uri.startsWith("file:") ? fileURLToPath(uri) : join(root, basename(uri.replace(/[?#].*$/u, "")) || "untitled.txt"));

  async function validate(document: TextDocument): Promise<void> {
    const path = pathOf(document.uri);
    const diagnostics: Diagnostic[] = [];
    const state: Checked = { version: document.version, path, findings: [] };
    try {
      state.config = configs.forPath(path);
      const result = await check(document.getText(), { config: state.config, format: formatFor(path).name, path });
      state.findings = result.findings;
      diagnostics.push(...result.findings.map(diagnosticOf), ...result.errors.map(problemDiagnostic));
    } catch (e) {
      if (!(e instanceof MtlintError)) {
        connection.console.error(`mtlint: checking ${path} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return;
      }
      diagnostics.push(problemDiagnostic(e.toProblem()));
      connection.console.warn(`mtlint: ${e.format()}`);
    }
    if (documents.get(document.uri)?.version !== document.version) return; // changed meanwhile: a newer check follows
    checked.set(document.uri, state);
    await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  const revalidateAll = () => {
    for (const document of documents.all()) void validate(document);
  };

  // An opened document is checked at once; the change event that comes with its opening is not a change.
  const opened = new Map<string, number>();
  documents.onDidOpen(({ document }) => {
    opened.set(document.uri, document.version);
    void validate(document);
  });
  documents.onDidChangeContent(({ document }) => {
    if (opened.get(document.uri) === document.version) return;
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) void validate(current);
      }, DEBOUNCE_MS),
    );
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    opened.delete(document.uri);
    checked.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles(() => {
    configs.reload();
    revalidateAll();
  });

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const document = documents.get(textDocument.uri);
    const state = checked.get(textDocument.uri);
    if (!document || !state || state.version !== document.version) return [];
    const wants = (kind: string) => !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const f of state.findings.filter((f) => touches(diagnosticOf(f).range, range))) {
        for (const candidate of [f.fix, ...(f.suggestions ?? [])]) {
          const edits = candidate && editsOf(document, state.path, f.segmentId, candidate);
          if (!edits) continue;
          actions.push({ title: candidate!.title, kind: CodeActionKind.QuickFix, isPreferred: candidate!.applicability === "safe", diagnostics: [diagnosticOf(f)], edit: { changes: { [document.uri]: edits } } });
        }
      }
    }
    if (wants(FIX_ALL_SAFE) && state.config && state.findings.some((f) => f.fix?.applicability === "safe")) {
      const text = document.getText();
      const fixed = await fix(text, { config: state.config, format: formatFor(state.path).name, path: state.path });
      if (fixed.applied && fixed.text !== text) actions.push({ title: "mtlint: fix all safe", kind: FIX_ALL_SAFE, edit: { changes: { [document.uri]: [changedPart(document, fixed.text)] } } });
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** Resolved configs, read again when a config file changes (on a watcher's notice, or when its modification time moved). */
class Configs {
  private resolver = new ConfigResolver();
  private readonly stamps = new Map<string, string>();

  forPath(path: string): ResolvedConfig {
    const file = findConfigFile(path);
    if (file) {
      const stamp = stampOf(file);
      if (this.stamps.has(file) && this.stamps.get(file) !== stamp) this.reload();
      this.stamps.set(file, stamp);
    }
    return this.resolver.forPath(path);
  }

  reload(): void {
    this.resolver = new ConfigResolver();
    this.stamps.clear();
  }
}

function stampOf(file: string): string {
  try {
    const { mtimeMs, size } = statSync(file);
    return `${mtimeMs}:${size}`;
  } catch {
    return "gone"; // removed between finding and reading: the resolver reports it
  }
}

function diagnosticOf(f: LocatedFinding): Diagnostic {
  return {
    range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } },
    severity: LEVEL[f.severity] === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: f.ruleId,
    source: "mtlint",
    message: `${f.message} (${f.severity}, ${f.category})`,
  };
}

/** A file that cannot be read or a config that is wrong, at its line when it has one (else the first). */
function problemDiagnostic(p: ProblemReport): Diagnostic {
  const line = Math.max(0, (p.line ?? 1) - 1);
  const character = Math.max(0, (p.column ?? 1) - 1);
  return { range: { start: { line, character }, end: { line, character } }, severity: DiagnosticSeverity.Error, source: "mtlint", message: `${p.kind} error: ${formatProblem(p)}` };
}

const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character < b.character);
const touches = (a: Range, b: Range) => !before(a.end, b.start) && !before(b.end, a.start);

/**
 * The document edits of one fix, or undefined when the engine would refuse it (stale, or changing
 * protected content such as a number, URL or markup): the same test `fix` applies.
 */
function editsOf(document: TextDocument, path: string, segmentId: string, candidate: Fix): TextEdit[] | undefined {
  const parsed = formatFor(path).parse(document.getText(), path);
  const segment = parsed.document.segments.find((s) => s.id === segmentId);
  if (!segment || applyFixes(segment.target, [candidate], (x) => x, segment.masked).applied.length !== 1) return undefined;
  return parsed.fileEdits(new Map([[segmentId, candidate.edits]])).map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.text }));
}

/** One edit from the first to the last character that differ, so that the rest of the document (and the cursor) stays. */
function changedPart(document: TextDocument, fixed: string): TextEdit {
  const text = document.getText();
  let start = 0;
  while (start < text.length && start < fixed.length && text[start] === fixed[start]) start++;
  let end = 0;
  while (end < text.length - start && end < fixed.length - start && text[text.length - 1 - end] === fixed[fixed.length - 1 - end]) end++;
  // Never between the halves of a surrogate pair.
  if (start > 0 && /[\uD800-\uDBFF]/u.test(text[start - 1]!)) start--;
  if (end > 0 && /[\uDC00-\uDFFF]/u.test(text[text.length - end]!)) end--;
  return { range: { start: document.positionAt(start), end: document.positionAt(text.length - end) }, newText: fixed.slice(start, fixed.length - end) };
}
