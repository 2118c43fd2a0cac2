/** `mtlint lsp` as an editor sees it: a child process driven over JSON-RPC, documents opened and changed, code actions applied. */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { tempTree } from "./cli-helpers.js";

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code?: string;
  source?: string;
  message: string;
}
interface TextEdit {
  range: Diagnostic["range"];
  newText: string;
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { changes: Record<string, TextEdit[]> };
}

let root: string;
let server: ChildProcess;
let rpc: MessageConnection;
let serverErrors = "";
const logs: string[] = [];
/** Diagnostics as they arrive, by document; waiters are woken by each. */
const published = new Map<string, Diagnostic[][]>();
let wake: (() => void)[] = [];

/** The next diagnostics for `uri` (after the `seen`th), waiting for them. */
async function diagnosticsAfter(uri: string, seen: number): Promise<Diagnostic[]> {
  for (;;) {
    const list = published.get(uri) ?? [];
    if (list.length > seen) return list[seen]!;
    await new Promise<void>((resolve) => wake.push(resolve));
  }
}

let version = 0;
function open(name: string, text: string, languageId = "plaintext") {
  const uri = pathToFileURL(join(root, name)).href;
  const seen = published.get(uri)?.length ?? 0;
  void rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: ++version, text } });
  return { uri, diagnostics: diagnosticsAfter(uri, seen) };
}

async function codeActions(uri: string, range: Diagnostic["range"], only?: string[]): Promise<CodeAction[]> {
  return rpc.sendRequest("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics: [], ...(only && { only }) } });
}

const applied = (text: string, uri: string, action: CodeAction) => TextDocument.applyEdits(TextDocument.create(uri, "plaintext", 1, text), action.edit!.changes[uri]!);

beforeAll(async () => {
  root = tempTree({ "docs/.mtlintrc.json": JSON.stringify({ language: "en" }) });
  server = spawn(process.execPath, [join(process.cwd(), "bin/mtlint.js"), "lsp", "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  server.stderr!.on("data", (d) => void (serverErrors += String(d)));
  rpc = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  rpc.onNotification("textDocument/publishDiagnostics", ({ uri, diagnostics }: { uri: string; diagnostics: Diagnostic[] }) => {
    published.set(uri, [...(published.get(uri) ?? []), diagnostics]);
    const waiting = wake;
    wake = [];
    for (const w of waiting) w();
  });
  rpc.onNotification("window/logMessage", ({ message }: { message: string }) => void logs.push(message));
  rpc.listen();
  const init = await rpc.sendRequest<{ capabilities: { codeActionProvider: unknown } }>("initialize", { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} });
  expect(init.capabilities.codeActionProvider).toBeTruthy();
  await rpc.sendNotification("initialized", {});
}, 30_000);

afterAll(async () => {
  await rpc.sendRequest("shutdown");
  await rpc.sendNotification("exit");
  await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
  rpc.dispose();
  expect(serverErrors).toBe("");
});

test("an opened document gets its findings with rule id, severity and UTF-16 positions past non-ASCII text", async () => {
  const text = "Intro line.\n\n😀 Über Köln: some 8 thousand people came, – the director noted.\n";
  const { diagnostics } = open("docs/a.txt", text);
  const found = await diagnostics;
  const thousand = found.find((d) => d.code === "en/numbers/thousand-in-words")!;
  const line = text.split("\n")[2]!;
  expect(thousand.range).toEqual({ start: { line: 2, character: line.indexOf("8 thousand") }, end: { line: 2, character: line.indexOf("8 thousand") + "8 thousand".length } });
  expect(line.indexOf("8 thousand")).toBe([..."😀 Über Köln: some "].length + 1); // the emoji counts two UTF-16 units
  expect(thousand).toMatchObject({ source: "mtlint", severity: 2, message: expect.stringContaining("8,000") });
  expect(found.map((d) => d.code)).toContain("en/punctuation/comma-dash");
});

test("a code action applies one fix (safe ones preferred); fix all safe applies every safe fix", async () => {
  const text = "Some 8 thousand people came, – the director noted. Later 5 thousand more came.\n";
  const { uri, diagnostics } = open("docs/b.txt", text);
  const thousand = (await diagnostics).find((d) => d.code === "en/numbers/thousand-in-words")!;
  const actions = await codeActions(uri, thousand.range, ["quickfix"]);
  const preferred = actions.find((a) => a.isPreferred)!;
  expect(preferred.title).toContain("8,000");
  expect(applied(text, uri, preferred)).toBe("Some 8,000 people came, – the director noted. Later 5 thousand more came.\n");

  const all = (await codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })).find((a) => a.kind === "source.fixAll.mtlint")!;
  const fixed = applied(text, uri, all);
  expect(fixed).toContain("Some 8,000 people");
  expect(fixed).toContain("Later 5,000 more");
  expect(fixed.length).toBeLessThan(text.length);
});

test("a change is checked again (after a pause in typing), and a bilingual PO file gets positions in the file", async () => {
  const { uri, diagnostics } = open("docs/c.txt", "Clean text here.\n");
  expect(await diagnostics).toEqual([]);
  const seen = published.get(uri)!.length;
  for (const [i, text] of ["Clean text here. 7", "Clean text here. 7 thousand cars.\n"].entries()) {
    void rpc.sendNotification("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
    if (i === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const after = await diagnosticsAfter(uri, seen);
  expect(after.map((d) => [d.code, d.range.start.character])).toEqual([["en/numbers/thousand-in-words", 17]]);
  expect(published.get(uri)!.length).toBe(seen + 1); // the two quick changes were checked once

  const po = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Etwa 3000 Menschen."\nmsgstr "Some 3 thousand people."\n';
  const { uri: poUri, diagnostics: poDiagnostics } = open("docs/de.po", po, "po");
  const [finding] = await poDiagnostics;
  expect(finding!.range.start).toEqual({ line: 5, character: 'msgstr "Some '.length });
  const [action] = await codeActions(poUri, finding!.range, ["quickfix"]);
  expect(applied(po, poUri, action!)).toBe(po.replace("3 thousand", "3,000"));
});

test("the nearest .mtlintrc.json applies and reloads when it changes; a broken one is a diagnostic, not a crash", async () => {
  const text = "Some 4 thousand people came.\n";
  const first = open("docs/d.txt", text);
  expect((await first.diagnostics).map((d) => d.code)).toEqual(["en/numbers/thousand-in-words"]);
  await new Promise((resolve) => setTimeout(resolve, 400)); // past the typing pause: opening is checked once, not again
  expect(published.get(first.uri)!.length).toBe(1);

  const config = join(root, "docs/.mtlintrc.json");
  writeFileSync(config, JSON.stringify({ language: "en", rules: { "en/numbers/thousand-in-words": "off" } }));
  let seen = published.get(first.uri)!.length;
  void rpc.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
  expect(await diagnosticsAfter(first.uri, seen)).toEqual([]);

  writeFileSync(config, "{ not json");
  seen = published.get(first.uri)!.length;
  void rpc.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
  const broken = await diagnosticsAfter(first.uri, seen);
  expect(broken).toEqual([expect.objectContaining({ severity: 1, message: expect.stringMatching(/^config error: .*\.mtlintrc\.json/) })]);
  expect(logs.some((l) => l.includes(".mtlintrc.json"))).toBe(true);

  // Still serving: a fixed config is picked up on the next change, without a watcher's notice.
  writeFileSync(config, JSON.stringify({ language: "en" }));
  seen = published.get(first.uri)!.length;
  void rpc.sendNotification("textDocument/didChange", { textDocument: { uri: first.uri, version: ++version }, contentChanges: [{ text }] });
  expect((await diagnosticsAfter(first.uri, seen)).map((d) => d.code)).toEqual(["en/numbers/thousand-in-words"]);
});
