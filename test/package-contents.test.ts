/**
 * What `npm pack` would publish: the program, its rules, models and schemas, and nothing of the
 * benchmarks (bench/), training scripts (training/), their build (build/), tests or corpora; and
 * every packed module can run from the package alone (it imports only packed files and the
 * package's dependencies, and the data files it opens beside itself are packed too).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, normalize } from "node:path";
import ts from "typescript";

interface PackListing {
  files: { path: string }[];
}

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string>; bin: Record<string, string> };

function packedFiles(): Set<string> {
  // --ignore-scripts: the build ran before the tests; `prepare` would only build again.
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return new Set((JSON.parse(out) as PackListing[])[0]!.files.map((f) => f.path));
}

/** The bare package name of an import specifier ("a/b" → "a", "@s/a/b" → "@s/a"). */
const packageName = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

const filesUnder = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

describe("the npm package", () => {
  const packed = packedFiles();
  const modules = [...packed].filter((p) => p.endsWith(".js"));

  test("holds the program, the command, every rule file, model and schema", () => {
    expect(packed.has("dist/index.js")).toBe(true);
    expect(packed.has("dist/cli/main.js")).toBe(true);
    for (const bin of Object.values(manifest.bin)) expect(packed.has(normalize(bin))).toBe(true);
    const data = ["rules", "models", "schema"].flatMap((dir) => filesUnder(dir)).filter((p) => !p.endsWith("README.md"));
    expect(data.length).toBeGreaterThan(40);
    expect(data.filter((p) => !packed.has(p))).toEqual([]);
  });

  test("holds no benchmark, training, test or corpus file", () => {
    expect([...packed].filter((p) => /^(bench|training|build|test|corpora|src)\//u.test(p))).toEqual([]);
    // dist/ holds only what src/ compiles to (the benchmarks and training scripts build into build/):
    // no output of a moved or deleted source, such as a dist/bench left over from an older build.
    const dist = [...packed].filter((p) => p.startsWith("dist/"));
    expect(dist.length).toBeGreaterThan(100);
    expect(dist.filter((p) => !existsSync(p.replace(/^dist\//u, "src/").replace(/(\.d\.ts|\.js\.map|\.js)$/u, ".ts")))).toEqual([]);
  });

  test("every packed module imports only packed modules, Node's own and the package's dependencies", () => {
    const unmet: string[] = [];
    for (const file of modules) {
      for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
        if (fileName.startsWith(".")) {
          if (!packed.has(normalize(join(dirname(file), fileName)))) unmet.push(`${file} -> ${fileName}`);
        } else if (!fileName.startsWith("node:") && !builtinModules.includes(fileName) && !(packageName(fileName) in manifest.dependencies)) {
          unmet.push(`${file} -> ${fileName}`);
        }
      }
    }
    expect(modules.length).toBeGreaterThan(100);
    expect(unmet).toEqual([]);
  });

  test("the data files a module opens beside itself are packed", () => {
    const opened: string[] = [];
    for (const file of modules) {
      for (const m of readFileSync(file, "utf8").matchAll(/new URL\("(\.\.?\/[^"]+)", import\.meta\.url\)/gu)) opened.push(normalize(join(dirname(file), m[1]!)));
    }
    const dataFiles = opened.filter((p) => /^(rules|models|schema)\/.+\.\w+$/u.test(p));
    expect(dataFiles.length).toBeGreaterThan(3);
    expect(dataFiles.filter((p) => !packed.has(p))).toEqual([]);
  });
});
