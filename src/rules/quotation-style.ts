/**
 * `quotation-style`: quotation marks typed straight, or written another language's way, where the
 * target's typography has marks of its own (German „…“, typeset English “…” and ‘…’). A finding
 * covers one wrong mark and carries the right one as its fix, so a quotation with both marks
 * wrong gives two findings and the quoted words are never part of a span.
 *
 * Which side a mark stands on is decided as the pairing kind decides it: a space, bracket or dash
 * before and a word after open; a word before and a space or punctuation after close; where the
 * neighbours do not tell, the mark closes when a quotation is open and opens otherwise.
 * Left alone: marks in URLs, tags, attribute values (x="1") and `code`; a straight double quote
 * after a digit with no quotation open (12", an inch mark); with `apostrophes`, a single mark
 * inside a word or after one is an apostrophe (it's, the boys' toys), before a digit or a known
 * elision ('90s, 'tis) too, a prime after a digit (5'11") is skipped, and an opening single mark
 * is changed only when a closing one follows in the paragraph.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { Report, RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { configError, pointerToken } from "../core/errors.js";
import { makeFix } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";

interface QuoteStyle {
  /** The marks the target's typography opens and closes a quotation with. */
  open: string;
  close: string;
  /** Marks that may stand on either side in the text and are changed to `open` or `close`. */
  marks: string[];
  /** Single quotation marks, which also serve as apostrophes. */
  apostrophes?: boolean;
}

interface QuotationStyleSpec extends RuleSpec {
  /** $0 the mark found, $1 the mark to write. */
  styles: QuoteStyle[];
}

const OPENING_CONTEXT = /[\s([{—–\-/„“‘«‹]/u;
const CLOSING_CONTEXT = /[\s.,;:!?)\]}—–…”’»›"']/u;
const WORD = /[\p{L}\p{N}]/u;
/** What a closing mark follows: the last quoted word or the punctuation that ends it. */
const QUOTED_END = /[\p{L}\p{N}.,;:!?…]/u;
/** Elisions written with an opening apostrophe: 'tis, 'twas, 'em, rock 'n' roll, 'cause, 'til. */
const ELISION = /^(?:tis|twas|em|im|n|cause|til|bout|round|kay)(?![\p{L}\p{N}])/iu;
/** Where no mark is text: URLs, tags, attribute values, code spans. */
const INERT = /(?:https?:\/\/|www\.)\S+|<[^<>\n]*>|`[^`\n]*`|[\p{L}\p{N}_:-]+=(?:"[^"\n]*"|'[^'\n]*')/gu;

export const quotationStyleKind: RuleKind = {
  name: "quotation-style",
  fixes: (spec) => spec.applicability ?? "safe",
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as QuotationStyleSpec;
    // Each mark belongs to one style, or its side could not be decided.
    const owner = new Map<string, number>();
    spec.styles.forEach((style, i) => {
      for (const mark of new Set([style.open, style.close, ...style.marks])) {
        if (owner.has(mark)) throw configError(`the mark ${mark} belongs to two styles`, { file: env.file, pointer: `${env.pointer}/styles/${pointerToken(i)}` });
        owner.set(mark, i);
      }
    });
    const applicability = spec.applicability ?? "safe";
    const anyMark = new RegExp(`[${[...owner.keys()].map((m) => `\\u{${m.codePointAt(0)!.toString(16)}}`).join("")}]`, "gu");
    // Straight marks are a bilingual file's own style when no target of it opens a quotation the typographic way and
    // another unit keeps the source's straight marks (an interface's strings: "Ampelwert ""GELB""" for "Result ""YELLOW""").
    const straightIsHouseStyle = (analyses: SegmentAnalysis[]) =>
      analyses.every((a) => !spec.styles.some((style) => !style.marks.includes(style.open) && a.text.includes(style.open))) &&
      analyses.some((a) => /"[^"\n]*\p{L}[^"\n]*"/u.test(a.text) && /"[^"\n]*\p{L}[^"\n]*"/u.test(a.segment.source ?? ""));
    return {
      spec,
      checkDocument(_document, analyses, report) {
        const houseStyle = straightIsHouseStyle(analyses);
        analyses.forEach((analysis, index) => checkOne(analysis, index, houseStyle ? (i, raw) => analysis.text[raw.start] !== '"' && report(i, raw) : report));
      },
    };
    function checkOne(analysis: SegmentAnalysis, index: number, report: Report): void {
      {
        const text = analysis.text;
        anyMark.lastIndex = 0;
        if (!anyMark.test(text)) return;
        const inert = [...text.matchAll(INERT)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
        const isInert = (at: number) => inert.some((s) => s.start <= at && at < s.end);
        for (const paragraph of analysis.paragraphs) {
          for (const style of spec.styles) {
            const changeable = new Set(style.marks);
            const positions: number[] = [];
            for (let at = paragraph.start; at < paragraph.end; at++) {
              const ch = text[at]!;
              if ((ch === style.open || ch === style.close || changeable.has(ch)) && !isInert(at)) positions.push(at);
            }
            let depth = 0;
            positions.forEach((at, n) => {
              const ch = text[at]!;
              const before = at > paragraph.start ? text[at - 1]! : " ";
              const after = at + 1 < paragraph.end ? text[at + 1]! : " ";
              const rest = text.slice(at + 1, Math.min(paragraph.end, at + 8));
              // A fragment the program joins after a quoted value ("“ hervorheben") opens with the mark that closes it; one joined before the value ends with the opening mark.
              const fragmentEdge = !style.apostrophes && changeable.has(ch) && (text.slice(paragraph.start, at).trim() === "" ? /\s/u.test(after) && "close" : text.slice(at + 1, paragraph.end).trim() === "" && /\s/u.test(before) && "open");
              const role = fragmentEdge || sideOf(ch, style, changeable, before, after, rest, depth, () => positions.slice(n + 1).some((later) => closesAt(text, later, paragraph.end)));
              if (role === undefined) return;
              if (role === "open") depth++;
              else if (role === "close") depth = Math.max(0, depth - 1);
              const right = role === "open" ? style.open : style.close;
              if (ch === right || !changeable.has(ch)) return;
              report(index, {
                start: at,
                end: at + 1,
                message: expandMessage(spec.message, [ch, right]),
                fix: makeFix(text, { start: at, end: at + 1 }, right, applicability),
              });
            });
          }
        }
      }
    }
  },
};

/** "open", "close", "apostrophe" (the closing mark, no quotation opened or closed), or undefined to leave the mark alone. */
function sideOf(
  ch: string,
  style: QuoteStyle,
  changeable: Set<string>,
  before: string,
  after: string,
  rest: string,
  depth: number,
  closedLater: () => boolean,
): "open" | "close" | "apostrophe" | undefined {
  // A correct mark that never stands for the other side keeps its role.
  if (!changeable.has(ch)) return ch === style.open ? "open" : "close";
  const digitBefore = /\p{N}/u.test(before);
  if (style.apostrophes) {
    if (digitBefore && (/\p{N}/u.test(after) || after === '"' || after === " ")) return undefined; // 5'11", a prime
    if ((WORD.test(before) || before === ".") && /\p{L}/u.test(after)) return "apostrophe"; // it's, U.N.'s
    if (QUOTED_END.test(before) && !WORD.test(after)) return depth > 0 ? "close" : "apostrophe"; // the boys' toys
    if (OPENING_CONTEXT.test(before) && WORD.test(after)) {
      if (/\p{N}/u.test(after) || ELISION.test(rest)) return "apostrophe";
      return closedLater() ? "open" : undefined;
    }
  } else if (digitBefore && depth === 0) return undefined; // 12", an inch mark
  const opens = OPENING_CONTEXT.test(before);
  const closes = CLOSING_CONTEXT.test(after);
  if (opens && !closes) return "open";
  if (closes && !opens) return "close";
  return depth > 0 ? "close" : "open";
}

/** Whether the mark at `at` can close a single quotation: a word or its punctuation before it and no word after. */
function closesAt(text: string, at: number, end: number): boolean {
  return QUOTED_END.test(text[at - 1] ?? " ") && !WORD.test(at + 1 < end ? text[at + 1]! : " ");
}
