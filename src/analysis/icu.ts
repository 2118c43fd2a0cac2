/**
 * ICU MessageFormat, parsed: arguments ({name}, {n, number}, {d, date, short}), plural, select and
 * selectordinal arguments with their branches (=0 {…} one {…} other {…}), "#" inside plural
 * branches, and apostrophe quoting ('{' is a literal brace; a lone apostrophe, as in "l'avis", is
 * text). Only the structure is read: what the branches say is text, whatever it looks like
 * ({work} inside a branch is the word "work", not an argument).
 */

export interface IcuArgument {
  name: string;
  /** "plural", "select", "selectordinal", "number", "date"…; undefined for a simple {name}. */
  type?: string;
  /** Branch selectors of plural and select arguments ("one", "=0", "male"), in order. */
  selectors: string[];
  start: number;
  end: number;
}

export interface IcuMessage {
  /** Every argument at any depth, in order. */
  arguments: IcuArgument[];
  /** "#" inside plural branches. */
  pounds: number;
  /** Offsets of text that is literal text of the message (branch contents and text between arguments). */
  text: { start: number; end: number }[];
}

export interface IcuError {
  error: string;
  at: number;
}

const BRANCHING = new Set(["plural", "select", "selectordinal"]);
/** Branches nested deeper are not read: each level is a call, and no message nests this deep (a deeper one would overflow the stack). */
const MAX_DEPTH = 50;

/** The message's structure, or where and why it is not valid ICU. */
export function parseIcu(source: string): IcuMessage | IcuError {
  const message: IcuMessage = { arguments: [], pounds: 0, text: [] };
  let i = 0;
  let depth = 0;
  const fail = (error: string): IcuError => ({ error, at: i });
  const space = () => {
    while (i < source.length && /\s/u.test(source[i]!)) i++;
  };
  const word = () => {
    const m = /^[^\s{}|,]+/u.exec(source.slice(i, i + 200));
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };

  /** Text and arguments up to an unmatched "}" or the end; `inPlural`: "#" is the number. */
  const body = (inPlural: boolean, nested: boolean): IcuError | undefined => {
    let textStart = i;
    const flush = () => {
      if (i > textStart) message.text.push({ start: textStart, end: i });
    };
    while (i < source.length) {
      const c = source[i]!;
      if (c === "'") {
        const next = source[i + 1];
        if (next === "'") i += 2;
        else if (next === "{" || next === "}" || (inPlural && next === "#")) {
          const close = source.indexOf("'", i + 1);
          i = close < 0 ? source.length : close + 1;
        } else i++;
        continue;
      }
      if (c === "#" && inPlural) {
        flush();
        message.pounds++;
        i++;
        textStart = i;
        continue;
      }
      if (c === "}") {
        if (!nested) return fail("“}” without its “{”");
        break;
      }
      if (c === "{") {
        flush();
        const error = argument();
        if (error) return error;
        textStart = i;
        continue;
      }
      i++;
    }
    flush();
    if (nested && i >= source.length) return fail("“{” not closed");
    return undefined;
  };

  const argument = (): IcuError | undefined => {
    const start = i++;
    space();
    const name = word();
    if (!name) return fail("an argument without a name");
    space();
    const arg: IcuArgument = { name, selectors: [], start, end: start };
    message.arguments.push(arg);
    if (source[i] === "}") {
      arg.end = ++i;
      return undefined;
    }
    if (source[i] !== ",") return fail(`“,” or “}” expected after the argument name “${name}”`);
    i++;
    space();
    const type = word();
    if (!type) return fail(`an argument type expected after “${name},”`);
    arg.type = type;
    space();
    if (source[i] === "}") {
      arg.end = ++i;
      return undefined;
    }
    if (source[i] !== ",") return fail(`“,” or “}” expected after “${type}”`);
    i++;
    if (!BRANCHING.has(type)) {
      // A style ("short", "::currency/EUR") runs to the argument's end.
      const close = source.indexOf("}", i);
      if (close < 0) return fail("“{” not closed");
      i = close;
      arg.end = ++i;
      return undefined;
    }
    space();
    const offset = /^offset:\s*\d+/u.exec(source.slice(i, i + 40));
    if (offset) i += offset[0].length;
    for (;;) {
      space();
      if (source[i] === "}") break;
      const selector = word();
      if (!selector) return fail(i >= source.length ? "“{” not closed" : `a branch selector expected in “${name}”`);
      space();
      if (source[i] !== "{") return fail(`“{” expected after the selector “${selector}”`);
      i++;
      arg.selectors.push(selector);
      if (++depth > MAX_DEPTH) return fail(`branches nested deeper than ${MAX_DEPTH} levels`);
      const error = body(type !== "select", true);
      depth--;
      if (error) return error;
      i++; // the branch's "}"
    }
    if (!arg.selectors.includes("other")) return fail(`“${name}” has no “other” branch`);
    arg.end = ++i;
    return undefined;
  };

  return body(false, false) ?? message;
}

/** Whether the text uses ICU's branching arguments ({n, plural, …}), so that it must be read as ICU. */
export const hasIcuBranches = (text: string) => /\{\s*[^\s{}|,]+\s*,\s*(?:plural|select|selectordinal)\s*,/u.test(text);
