/**
 * Regular expressions behind one interface. Built-in patterns run on the native engine
 * (fast, reviewed, tested by their examples); patterns from user rule files run on re2js,
 * whose matching time is linear in the input, so a pattern like (a+)+$ cannot hang a run.
 */
import { RE2JS } from "re2js";
import { configError } from "../core/errors.js";

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

function nativeMatcher(pattern: string, { ignoreCase, file, pointer }: MatcherOptions): Matcher {
  let re: RegExp;
  try {
    re = new RegExp(pattern, ignoreCase ? "giu" : "gu");
  } catch (e) {
    throw configError(`invalid regular expression: ${(e as Error).message}`, { file, pointer });
  }
  if (re.test("")) throw configError("the pattern matches the empty string", { file, pointer });
  return {
    // A plain exec loop: this runs for every segment and rule, and most calls find nothing.
    matchAll(text) {
      const matches: Match[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        matches.push({ start: m.index, end: m.index + m[0].length, groups: [...m] });
        if (m[0] === "") re.lastIndex++;
      }
      return matches;
    },
    test(text) {
      re.lastIndex = 0;
      return re.test(text);
    },
  };
}

function linearMatcher(pattern: string, { ignoreCase, file, pointer }: MatcherOptions): Matcher {
  let re: RE2JS;
  try {
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
  grouped: (s) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ","),
  /** "1,250,000.5" → "1.250.000,5": English grouping to the German (and most of Europe's). */
  "swapped-separators": (s) => s.replace(/[.,]/g, (mark) => (mark === "," ? "." : ",")),
};

/** English third person singular of a verb: raise → raises, push → pushes, rely → relies, have → has. */
function thirdPerson(verb: string): string {
  const irregular: Record<string, string> = { have: "has", be: "is", do: "does", go: "goes" };
  if (irregular[verb]) return irregular[verb];
  if (/(?:s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** Expands $0..$9, ${n:lower|upper|capitalize|third-person|grouped|swapped-separators} and $$ in a replacement or message template. */
export function expandTemplate(template: string, groups: readonly (string | undefined)[]): string {
  return template.replace(/\$(?:(\$)|(\d)|\{(\d):(lower|upper|capitalize|third-person|grouped|swapped-separators)\})/g, (_, dollar?: string, plain?: string, cased?: string, change?: string) => {
    if (dollar) return "$";
    const text = groups[Number(plain ?? cased)] ?? "";
    return change ? CASE_CHANGES[change]!(text) : text;
  });
}

export const escapeRegExp = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
