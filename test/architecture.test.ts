import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

/** The layers of docs/architecture.md, lowest first: a file imports from its own layer or a lower one. */
const LAYERS = ["core", "analysis", "formats", "engine", "rules", "config", "report", "index.ts", "lsp", "cli"];

/** Imports against the layers that are known and due to go (docs/architecture.md, "Exceptions still open"). */
const OPEN_EXCEPTIONS: { from: RegExp; to: RegExp }[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** Each file of src/ with the files of src/ it imports (static, dynamic, type-only and re-exports). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles("src")) {
    const imported = ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((f) => f.fileName);
    const local = imported.filter((name) => name.startsWith(".")).map((name) => relative(".", join(dirname(file), name)).replace(/\.js$/u, ".ts"));
    graph.set(file, local);
  }
  return graph;
}

const layerOf = (file: string) => LAYERS.indexOf(file.split("/")[1]!);

/** Every import cycle, each as the files on it (strongly connected components with more than one file, or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)!.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe("architecture", () => {
  const graph = importGraph();
  const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

  test("every import names a file of src/ and every file is in a layer", () => {
    expect(edges.filter(({ to }) => !graph.has(to))).toEqual([]);
    expect([...graph.keys()].filter((file) => layerOf(file) < 0)).toEqual([]);
  });

  test("no import cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  test("no import goes up the layers, apart from the open exceptions", () => {
    const upward = edges.filter(({ from, to }) => layerOf(to) > layerOf(from));
    const unexplained = upward.filter(({ from, to }) => !OPEN_EXCEPTIONS.some((e) => e.from.test(from) && e.to.test(to)));
    expect(unexplained.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
    const stale = OPEN_EXCEPTIONS.filter((e) => !upward.some(({ from, to }) => e.from.test(from) && e.to.test(to)));
    expect(stale.map((e) => `${e.from.source} -> ${e.to.source}`)).toEqual([]);
  });

  test("bench/ and training/ reach the program only through #src/, and training/ nothing of bench/", () => {
    // A relative import of src/ would compile a second copy of the program into build/, where it
    // finds no rules or models; #src/ is the built dist/ at run time (package.json "imports").
    const wrong: string[] = [];
    for (const dir of ["bench", "training"]) {
      for (const file of sourceFiles(dir)) {
        for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
          const target = fileName.startsWith(".") ? relative(".", join(dirname(file), fileName)) : "";
          if (target !== "" && !/^(bench|training)\//u.test(target)) wrong.push(`${file} -> ${fileName}`);
          if (dir === "training" && target.startsWith("bench/")) wrong.push(`${file} -> ${fileName}`);
        }
      }
    }
    expect(sourceFiles("bench").length).toBeGreaterThan(10);
    expect(sourceFiles("training").length).toBeGreaterThan(3);
    expect(wrong).toEqual([]);
  });

  test("the checks find a cycle and an upward import when there is one", () => {
    const sample = new Map([
      ["src/engine/a.ts", ["src/engine/b.ts"]],
      ["src/engine/b.ts", ["src/engine/a.ts", "src/rules/c.ts"]],
      ["src/rules/c.ts", []],
    ]);
    expect(cycles(sample)).toEqual([["src/engine/a.ts", "src/engine/b.ts"]]);
    expect(layerOf("src/rules/c.ts")).toBeGreaterThan(layerOf("src/engine/b.ts"));
  });
});
