/**
 * Regular expressions behind one interface. Built-in patterns run on the native engine
 * (fast, reviewed, tested by their examples); patterns from user rule files run on re2js,
 * whose matching time is linear in the input, so a pattern like (a+)+$ cannot hang a run.
 */
import type { RE2JS } from "re2js";
import { configError } from "../core/errors.js";
import { lazyPackage } from "../core/lazy-package.js";

const re2js = lazyPackage<typeof import("re2js")>("re2js");

export interface Match {
  start: number;
  end: number;
  /** Group texts; index 0 is the whole match. */
  groups: (string | undefined)[];
}

export interface Matcher {
  matchAll(text: string): Iterable<Match>;
  /** True when the pattern matches somewhere in `text`. */
  test(text: string): boolean;
  /** How many capture groups the pattern has ($1…$N of messages and replacements). */
  readonly groupCount: number;
}

export interface MatcherOptions {
  trusted: boolean;
  ignoreCase?: boolean;
  /** For error messages. */
  file: string;
  pointer: string;
}

export function compileMatcher(pattern: string, options: MatcherOptions): Matcher {
  return options.trusted ? nativeMatcher(pattern, options) : linearMatcher(pattern, options);
}

/**
 * Built-in patterns only. They are not run at load, not even on "" to see whether they match the
 * empty string: running compiles a pattern, and compiling the built-in ones would cost every run
 * ~70 ms before its first finding. The tests check each built-in pattern for both instead
 * (test/matcher.test.ts); V8 compiles a pattern when a text first gets past its prefilter.
 */
function nativeMatcher(pattern: string, { ignoreCase, file, pointer }: MatcherOptions): Matcher {
  let re: RegExp;
  try {
    re = new RegExp(pattern, ignoreCase ? "giu" : "gu");
  } catch (e) {
    throw configError(`invalid regular expression: ${(e as Error).message}`, { file, pointer });
  }
  const mayMatch = literalPrefilter(pattern, ignoreCase ?? false);
  return {
    groupCount: captureGroupCount(pattern),
    // A plain exec loop: this runs for every segment and rule, and most calls find nothing.
    matchAll(text) {
      const matches: Match[] = [];
      if (!mayMatch(text)) return matches;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        matches.push({ start: m.index, end: m.index + m[0].length, groups: [...m] });
        if (m[0] === "") re.lastIndex++;
      }
      return matches;
    },
    test(text) {
      if (!mayMatch(text)) return false;
      re.lastIndex = 0;
      return re.test(text);
    },
  };
}

/**
 * The capture groups of a valid Unicode-mode pattern, read from its source: each "(" that is not
 * escaped or in a class and opens no "(?:", lookaround or other "(?" group, and each named "(?<name>".
 */
export function captureGroupCount(pattern: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(" && (pattern[i + 1] !== "?" || (pattern[i + 2] === "<" && pattern[i + 3] !== "=" && pattern[i + 3] !== "!"))) count++;
  }
  return count;
}

/**
 * A quick test that is false only for texts the pattern cannot match: some literal text occurs in
 * every match (the "-" of "(\\p{Ll}+)-", one of the words of "(?:foreign|security) Ministry"), and
 * finding it is much cheaper than running a pattern that starts with Unicode lookbehinds at
 * every position. Where finding the literals would not be cheaper, the test always passes.
 */
export function literalPrefilter(pattern: string, ignoreCase: boolean): (text: string) => boolean {
  const literals = requiredLiterals(pattern);
  const always = () => true;
  // Case-insensitive letters would need Unicode case folding (K matches the Kelvin sign).
  if (!literals || (ignoreCase && literals.some((l) => /\p{L}/u.test(l)))) return always;
  if (literals.length === 1) {
    const literal = literals[0]!;
    return (text) => text.includes(literal);
  }
  // V8 skips ahead quickly on an alternation only when its first characters are rare in text;
  // one that starts with a lowercase letter stops at nearly every word.
  if (literals.some((l) => /^\p{Ll}/u.test(l))) return always;
  const re = new RegExp(literals.map(escapeRegExp).join("|"));
  return (text) => re.test(text);
}

/** Characters that stand for themselves after a backslash in a Unicode-mode pattern. */
const SYNTAX_CHARACTERS = "^$\\.*+?()[]{}|/-";

/**
 * Literal strings of which at least one occurs in every match of a Unicode-mode pattern, or
 * undefined when the pattern gives none (or uses syntax this reader does not know). Conservative:
 * lookarounds, classes and escapes other than escaped syntax characters count as unknown text.
 */
export function requiredLiterals(pattern: string): string[] | undefined {
  let at = 0;
  class Unreadable extends Error {}
  const skipPast = (close: string) => {
    const end = pattern.indexOf(close, at);
    if (end < 0) throw new Unreadable();
    at = end + 1;
  };
  /** Reads a quantifier, if any, and returns its minimum count (undefined when there is none). */
  const quantifier = (): number | undefined => {
    const q = /^(?:([*+?])|\{(\d+)(?:,\d*)?\})\??/.exec(pattern.slice(at, at + 24));
    if (!q) return undefined;
    at += q[0].length;
    return q[1] ? (q[1] === "+" ? 1 : 0) : Number(q[2]);
  };
  // Longer literals are rarer, and a set whose members all start with a capital or a mark is cheap to search for.
  const quality = (literals: string[]) =>
    (literals.some((l) => /^\p{Ll}/u.test(l)) ? 0 : 1_000_000) + Math.min(...literals.map((l) => l.length)) * 1000 - literals.length;

  function alternation(): string[] | undefined {
    const alternatives = [sequence()];
    while (pattern[at] === "|") {
      at++;
      alternatives.push(sequence());
    }
    if (alternatives.some((a) => a === undefined)) return undefined;
    return [...new Set(alternatives.flat() as string[])];
  }

  function sequence(): string[] | undefined {
    let best: string[] | undefined;
    let run = "";
    const consider = (literals: string[] | undefined) => {
      if (literals?.length && literals.every((l) => l) && (!best || quality(literals) > quality(best))) best = literals;
    };
    const endRun = () => {
      consider([run]);
      run = "";
    };
    while (at < pattern.length && pattern[at] !== "|" && pattern[at] !== ")") {
      const c = pattern[at]!;
      let literal: string | undefined;
      let group: string[] | undefined;
      if (c === "\\") {
        const escaped = pattern[at + 1];
        at += 2;
        if (escaped === undefined) throw new Unreadable();
        if (SYNTAX_CHARACTERS.includes(escaped)) literal = escaped;
        else if ((escaped === "p" || escaped === "P" || escaped === "u") && pattern[at] === "{") skipPast("}");
        else if (escaped === "k") skipPast(">");
        else if (escaped === "u") at += 4;
        else if (escaped === "x") at += 2;
        else if (escaped === "c") at += 1;
        else if (/[0-9]/.test(escaped)) while (/[0-9]/.test(pattern[at] ?? "")) at++;
        else if (!"dDwWsSbBnrtvf".includes(escaped)) throw new Unreadable();
      } else if (c === "[") {
        at++;
        while (pattern[at] !== "]") {
          if (at >= pattern.length) throw new Unreadable();
          at += pattern[at] === "\\" ? 2 : 1;
        }
        at++;
      } else if (c === "(") {
        const lookaround = /^\(\?<?[=!]/.exec(pattern.slice(at, at + 4));
        const opener = lookaround?.[0] ?? /^\((?:\?:|\?<[A-Za-z_$][\w$]*>)?/.exec(pattern.slice(at))![0];
        if (pattern[at + opener.length - 1] === "?" && !lookaround) throw new Unreadable();
        at += opener.length;
        const inner = alternation();
        if (pattern[at] !== ")") throw new Unreadable();
        at++;
        // A lookaround matches no text of its own: what it requires may lie outside the match.
        if (!lookaround) group = inner;
      } else if ("*+?{}]".includes(c)) {
        throw new Unreadable();
      } else {
        at++;
        // A lone surrogate is half of a character a quantifier might apply to as a whole.
        if (!/[\ud800-\udfff.^$]/.test(c)) literal = c;
      }
      const min = quantifier();
      if (literal !== undefined && min === undefined) {
        run += literal;
        continue;
      }
      // A repeated literal ends the run ("ab+c" contains "ab", not "abc"); an optional one is not required.
      if (literal !== undefined && min! > 0) run += literal;
      endRun();
      if (min === undefined || min > 0) consider(group);
    }
    endRun();
    return best;
  }

  try {
    const literals = alternation();
    return at === pattern.length ? literals : undefined;
  } catch (e) {
    if (e instanceof Unreadable) return undefined;
    throw e;
  }
}

function linearMatcher(pattern: string, { ignoreCase, file, pointer }: MatcherOptions): Matcher {
  let re: RE2JS;
  try {
    const { RE2JS } = re2js();
    re = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (e) {
    throw configError(
      `invalid regular expression for the linear-time engine (RE2 syntax: no backreferences or lookaround): ${(e as Error).message}`,
      { file, pointer },
    );
  }
  if (re.matches("")) throw configError("the pattern matches the empty string", { file, pointer });
  const groupCount = re.groupCount();
  return {
    groupCount,
    *matchAll(text) {
      const m = re.matcher(text);
      while (m.find()) {
        const groups: (string | undefined)[] = [];
        for (let g = 0; g <= groupCount; g++) groups.push(m.group(g) ?? undefined);
        yield { start: m.start(), end: m.end(), groups };
      }
    },
    test(text) {
      return re.matcher(text).find();
    },
  };
}

const CASE_CHANGES: Record<string, (s: string) => string> = {
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1),
  "third-person": thirdPerson,
  /** Digits grouped by thousands with commas, the English way ("1 500 000" and "1500000" → "1,500,000"). */
  grouped: (s) => s.replace(/[ \u00a0\u202f]/gu, "").replace(/\B(?=(\d{3})+(?!\d))/g, ","),
  /** "1,250,000.5" → "1.250.000,5": English grouping to the German (and most of Europe's). */
  "swapped-separators": (s) => s.replace(/[.,]/g, (mark) => (mark === "," ? "." : ",")),
  /** A count as English says it: "once", "twice", "3 times" (never "1 times"). */
  times: (s) => (s === "1" ? "once" : s === "2" ? "twice" : `${s} times`),
  /** A quotation mark as it closes (the apostrophe is the closing single mark): ‘ → ’, “ → ”. */
  "closing-quote": (s) => s.replace(/[‘“]/g, (mark) => (mark === "‘" ? "’" : "”")),
};

/** English third person singular of a verb: raise → raises, push → pushes, rely → relies, have → has. */
function thirdPerson(verb: string): string {
  const irregular: Record<string, string> = { have: "has", be: "is", do: "does", go: "goes" };
  if (irregular[verb]) return irregular[verb];
  if (/(?:s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** Expands $0..$9, ${n:lower|upper|capitalize|third-person|grouped|swapped-separators|times|closing-quote} and $$ in a replacement or message template. */
export function expandTemplate(template: string, groups: readonly (string | undefined)[], quote?: (text: string) => string): string {
  return template.replace(/\$(?:(\$)|(\d)|\{(\d):(lower|upper|capitalize|third-person|grouped|swapped-separators|times|closing-quote)\})/g, (_, dollar: string | undefined, plain: string | undefined, cased: string | undefined, change: string | undefined, offset: number) => {
    if (dollar) return "$";
    const group = groups[Number(plain ?? cased)] ?? "";
    const text = quote && insideQuotation(template, offset) ? quote(group) : group;
    return change ? CASE_CHANGES[change]!(text) : text;
  });
}

/** The highest group a template names ($2, ${3:lower}), 0 for none. */
export function highestGroup(template: string): number {
  let highest = 0;
  for (const m of template.matchAll(/\$(?:\$|(\d)|\{(\d):[a-z-]+\})/g)) highest = Math.max(highest, Number(m[1] ?? m[2] ?? 0));
  return highest;
}

/** Whether a template quotes what stands at `offset` (more “ or « than closing marks before it). */
function insideQuotation(template: string, offset: number): boolean {
  let depth = 0;
  for (let i = 0; i < offset; i++) {
    const ch = template[i];
    if (ch === "“" || ch === "«") depth++;
    else if ((ch === "”" || ch === "»") && depth > 0) depth--;
  }
  return depth > 0;
}

/** Longest quoted text a message keeps whole; longer text keeps its first and last words around “…”. */
const MESSAGE_QUOTE_LIMIT = 80;

/** Shortens a quoted span for a message at word boundaries (an editor sees the span itself; the message only has to name it), on one line. */
export function quoteForMessage(text: string): string {
  const flatten = (part: string) => part.replace(/\s+/gu, " ");
  // Only the two ends are read: a finding may quote a whole long segment, once per finding.
  const whole = text.length <= 4 * MESSAGE_QUOTE_LIMIT ? flatten(text) : undefined;
  if (whole !== undefined && whole.length <= MESSAGE_QUOTE_LIMIT) return whole;
  const start = flatten(text.slice(0, 2 * MESSAGE_QUOTE_LIMIT)).slice(0, 50);
  const end = flatten(text.slice(-MESSAGE_QUOTE_LIMIT)).slice(-24);
  const head = start.replace(/\s*\S*$/u, "") || start;
  const tail = end.replace(/^\S*\s*/u, "") || end;
  return `${head} … ${tail}`;
}

/** expandTemplate for a message: groups the message quotes are shortened by quoteForMessage; its own wording (details, reasons, places) and any replacement are never cut. */
export function expandMessage(template: string, groups: readonly (string | undefined)[]): string {
  return expandTemplate(template, groups, quoteForMessage);
}

export const escapeRegExp = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
