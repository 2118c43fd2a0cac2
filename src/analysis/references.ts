/** XML/HTML character references: what "&amp;", "&#8217;" or "&#x2019;" stand for. */
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The character a reference's body (between "&" and ";") stands for, if it is one we know. */
export function decodeReference(name: string): string | undefined {
  if (name[0] !== "#") return ENTITIES[name];
  const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

const REFERENCE = /^&([^;\s]{1,31});$/u;

/**
 * A masked reference as rules see it: its character, then blanks to keep its length — or blanks,
 * then the character, when it opens the word that follows (an opening quote), so that the character
 * touches the text it belongs to. Undefined when `raw` is not a reference to one character.
 */
export function shownReference(raw: string, before: string, after: string): string | undefined {
  const name = REFERENCE.exec(raw)?.[1];
  const char = name === undefined ? undefined : decodeReference(name);
  if (char === undefined || char.length > raw.length) return undefined;
  const padding = " ".repeat(raw.length - char.length);
  const opens = (before === "" || /\s/u.test(before)) && after !== "" && !/\s/u.test(after);
  return opens ? padding + char : char + padding;
}
