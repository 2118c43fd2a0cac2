/** Native patterns: the literal prefilter (what every match must contain, and that it never hides a match), and the checks of built-in patterns that start-up skips. */
import { readFileSync, readdirSync } from "node:fs";
import { captureGroupCount, compileMatcher, expandMessage, expandTemplate, literalPrefilter, quoteForMessage, requiredLiterals } from "../src/engine/matcher.js";

describe("requiredLiterals", () => {
  test.each([
    ["ab+c", ["ab"]],
    ["a?bc", ["bc"]],
    ["a{0,2}bc", ["bc"]],
    ["x(?:foo|bar)y", ["foo", "bar"]],
    ["(a|b)?c", ["c"]],
    ["\\.\\.\\.", ["..."]],
    ["(\\p{Ll}{2,})-(?=this)", ["-"]],
    ["(?<n>ab)\\k<n>", ["ab"]],
    // A capitalized set is preferred to a longer lowercase word: V8 finds it faster.
    ["(foreign|security)[ ]+(Ministry|Council)", ["Ministry", "Council"]],
  ])("%s requires one of %j", (pattern, literals) => {
    expect(requiredLiterals(pattern)).toEqual(literals);
  });

  test.each(["(?=abc)\\d", "[abc]+", "a|\\d", "(?i:ab)", "😀?x"])("%s gives no literal it could rely on", (pattern) => {
    const literals = requiredLiterals(pattern);
    expect(literals === undefined || !literals.some((l) => /abc|ab|😀|\ud83d/u.test(l))).toBe(true);
  });
});

describe("literalPrefilter", () => {
  test("rejects texts without the literal and accepts those with it", () => {
    const mayMatch = literalPrefilter("(\\p{Ll}{2,})-(?=this)", false);
    expect(mayMatch("no hyphen here")).toBe(false);
    expect(mayMatch("the universe-this series")).toBe(true);
  });

  test("does not filter case-insensitive letters or sets starting with a lowercase letter", () => {
    expect(literalPrefilter("Kelvin", true)("\u212Aelvin")).toBe(true);
    expect(literalPrefilter("(?:said|noted)\\s", false)("nothing")).toBe(true);
  });

  test("built-in English patterns find the same matches with and without it", () => {
    const texts = readdirSync("corpora/en").map((f) => readFileSync(`corpora/en/${f}`, "utf8"));
    for (const file of readdirSync("rules/en")) {
      for (const rule of JSON.parse(readFileSync(`rules/en/${file}`, "utf8")).rules ?? []) {
        if (typeof rule.pattern !== "string") continue;
        const filtered = compileMatcher(rule.pattern, { trusted: true, ignoreCase: rule.ignoreCase, file, pointer: rule.id });
        const unfiltered = new RegExp(rule.pattern, rule.ignoreCase ? "giu" : "gu");
        for (const text of [...texts, ...(rule.examples ?? []).map((e: { text: string }) => e.text.replace(/\[\[|\]\]/g, ""))]) {
          expect([...filtered.matchAll(text)].map((m) => m.start)).toEqual([...text.matchAll(unfiltered)].map((m) => m.index));
        }
      }
    }
  });
});

/** Every pattern of the built-in rule files that runs on the native engine: pattern rules and their exceptions, format classes, pairing attributions. */
function builtInPatterns(dir = "rules"): { where: string; pattern: string; ignoreCase: boolean }[] {
  const found: { where: string; pattern: string; ignoreCase: boolean }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...builtInPatterns(path));
    if (!entry.name.endsWith(".json")) continue;
    for (const rule of JSON.parse(readFileSync(path, "utf8")).rules ?? []) {
      const add = (pattern: string) => found.push({ where: `${path} ${rule.id}`, pattern, ignoreCase: rule.ignoreCase === true });
      if (rule.kind === "pattern") [rule.pattern, ...(rule.exceptions ?? [])].forEach(add);
      if (rule.kind === "format-consistency") rule.classes.forEach((c: { pattern: string }) => add(c.pattern));
      if (rule.kind === "pairing" && rule.attribution) add(rule.attribution);
    }
  }
  return found;
}

describe("built-in patterns, checked here rather than at every start-up", () => {
  const patterns = builtInPatterns();

  test("are found in every language's rule files", () => {
    expect(patterns.length).toBeGreaterThan(100);
    expect(new Set(patterns.map((p) => p.where.split("/")[1])).size).toBeGreaterThanOrEqual(6);
  });

  test("none matches the empty string", () => {
    expect(patterns.filter((p) => new RegExp(p.pattern, p.ignoreCase ? "iu" : "u").test("")).map((p) => p.where)).toEqual([]);
  });

  test("the group count read from the source is the one the engine finds", () => {
    // An alternative that matches the empty string gives a match with every group, set or not.
    const mismatched = patterns.filter((p) => captureGroupCount(p.pattern) !== new RegExp(`${p.pattern}|`, "u").exec("")!.length - 1);
    expect(mismatched.map((p) => p.where)).toEqual([]);
  });
});

describe("captureGroupCount", () => {
  test("counts plain and named groups, not other groups, escaped brackets or brackets in classes", () => {
    expect(captureGroupCount("(a)(?:b)(?<name>c)(?<=d)(?<!e)(?=f)(?!g)[(]\\(")).toBe(2);
    expect(captureGroupCount("[\\]()](x)")).toBe(1);
    expect(captureGroupCount("\\\\(y)")).toBe(1);
    expect(captureGroupCount("no groups")).toBe(0);
  });

  test("agrees with the engine on patterns written for the test", () => {
    for (const p of ["((a)|(b))+", "(?<x>(?<y>z))\\k<x>", "[^)(](?:(?<=\\()(q))", "\\p{L}+(?=\\))"]) {
      expect(captureGroupCount(p)).toBe(new RegExp(`${p}|`, "u").exec("")!.length - 1);
    }
  });
});

describe("expandTemplate", () => {
  test.each([
    ["1", "elsewhere (once)"],
    ["2", "elsewhere (twice)"],
    ["17", "elsewhere (17 times)"],
  ])("${1:times} says %s as a count", (count, expected) => {
    expect(expandTemplate("elsewhere (${1:times})", ["x", count])).toBe(expected);
  });
});

describe("expandMessage", () => {
  const long = "Первое слово второе слово третье слово четвёртое слово пятое слово шестое слово седьмое слово восьмое конец";

  it("keeps a short quote whole and puts a multi-line one on one line", () => {
    expect(expandMessage("“$0” is wrong", ["a\n  b"])).toBe("“a b” is wrong");
  });

  it("shortens a long quote at word boundaries, keeping its first and last words", () => {
    const quoted = quoteForMessage(long);
    expect(quoted.length).toBeLessThanOrEqual(80);
    expect(quoted.startsWith("Первое слово")).toBe(true);
    expect(quoted.endsWith("восьмое конец")).toBe(true);
    expect(quoted).toContain(" … ");
    for (const word of quoted.replace(" … ", " ").split(" ")) expect(long.split(" ")).toContain(word);
  });

  it("shortens only what the message quotes, never its own wording", () => {
    const detail = "92 % of the length the document's translations give such a source, and it breaks off";
    expect(expandMessage("Truncated: $0.", [detail])).toBe(`Truncated: ${detail}.`);
    expect(expandMessage("“$0” in $1", [long, detail])).toBe(`“${quoteForMessage(long)}” in ${detail}`);
    expect(expandMessage("“$0 $1”", ["x", long])).toBe(`“x ${quoteForMessage(long)}”`);
  });

  it("never shortens a replacement", () => {
    expect(expandTemplate("“$1”", ["", long])).toBe(`“${long}”`);
  });
});
