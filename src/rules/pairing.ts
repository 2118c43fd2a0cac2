/**
 * `pairing`: quotation marks and brackets opened and never closed, or closed and never opened.
 * Marks are paired with a stack per pair, one paragraph (or segment) at a time, so that one
 * missing mark is reported once, at the mark, instead of unbalancing the rest of the document.
 *
 * What looks unbalanced but is correct:
 * - a quotation running over several paragraphs: each paragraph opens it again and only the
 *   last one closes it, so a quotation left open at a paragraph end is fine when the next
 *   paragraph starts with the same opening mark — unless the open quotation holds a speech
 *   attribution (", said Rogachev."), which shows it was meant to close in its paragraph;
 * - a block quotation, letter or poem set as several paragraphs, opened in the first and
 *   closed in a later one: a mark left open is paired with a closing mark up to MAX_CARRY
 *   paragraphs later before it is reported;
 * - list labels ("1)", "b)") and smileys (":)") are not brackets;
 * - a doubled bracket ("((", "))") is a typo for one mark, not a missing partner (the advice
 *   to add one would be wrong), so it is left to a check for doubled punctuation;
 * - a straight double quote after a digit, with no quotation open, is an inch mark (12");
 * - in a translation unit whose source does not balance either, a sentence was split in two units.
 * Straight quotes have one mark for both sides: the neighbours decide, else they alternate.
 */
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { configError, pointerToken } from "../core/errors.js";
import { overlapsAny } from "../core/spans.js";
import type { Span } from "../core/types.js";
import { makeFix } from "../engine/fixes.js";
import { compileMatcher, expandMessage, type Matcher } from "../engine/matcher.js";
import { proseOf, sourceOf } from "./support/bilingual.js";
import { imbalance } from "./bracket-parity.js";

interface PairingSpec extends RuleSpec {
  /**
   * Opening and closing mark; the same mark twice for one that does both (straight quotes).
   * `message` is for an opening mark never closed: $0 the mark, $1 its partner.
   */
  pairs: [string, string][];
  /** Opening marks of the pairs that are quotation marks (they may continue over paragraphs). */
  quotes?: string[];
  /** The stretch of text within which marks must balance. */
  scope?: "paragraph" | "segment";
  /** Pattern that, inside a quotation left open at a paragraph end, shows it should have closed there. */
  attribution?: string;
  /** Message for a closing mark never opened (default: `message`); $0 the mark, $1 its partner. */
  unopenedMessage?: string;
  /** Message for a quotation mark pointing the wrong way (default: `message`); $0 the mark, $1 the right one. */
  reversedMessage?: string;
  /** Opening marks of pairs the language does not use itself (guillemets in English): completing the pair is not the advice. */
  foreign?: string[];
  /** Message for a lone mark of a `foreign` pair (default: the message it would get otherwise); $0 the mark, $1 its partner. */
  foreignMessage?: string;
  /**
   * Report only in a document where marks fail to pair in at least this share of the paragraphs
   * that hold them, and at least SHARE_PARAGRAPHS paragraphs do: one slip among many quotations is
   * more often a typist's or a transcription's than a translation's; a third of them failing is not.
   */
  documentShare?: number;
}

interface Pair {
  open: string;
  close: string;
  quote: boolean;
}

/** Characters before a mark that make it an opening one, and after it a closing one. */
const OPENING_CONTEXT = /[\s([{“‘«—–\-/]/u;
const CLOSING_CONTEXT = /[\s.,;:!?)\]}”’»—–…]/u;
/** A closing mark right after an opening quotation mark ("“»The") is a stray second mark, not one turned the wrong way. */
const QUOTE_OPENERS = /[“‘«„]/u;
/** ":)", ";-)", "=(": the bracket is a face, not a bracket — but not after a closing bracket ("[from]:[to]", a range's notation). */
const SMILEY = /(?:^|[^\])}])[:;=][-^']?$/u;
/** A share of failing paragraphs says something about a document from this many paragraphs with marks on (a lone sentence may be cut from its quotation). */
const SHARE_PARAGRAPHS = 3;
/** How many paragraphs later a mark left open may still be closed (a quoted letter, a poem). */
const MAX_CARRY = 8;
/** "1)", "b)", "iv)", "2a)" starting a list item or inline enumeration. */
const LIST_LABEL = /(?:^|[\s(])(?:\d{1,3}[a-z]?|[a-zA-Z]|[ivx]{1,5})\.?$/u;
/** What an opening quotation mark can stand before, once spaces are skipped. */
const QUOTABLE = /[\p{L}\p{N}([{‘'"«¿¡$€£…-]/u;

/** Whether quoted words follow `from` within the unit: an opening mark with only punctuation or the unit's end after it opens nothing. */
function startsWord(text: string, from: number, end: number): boolean {
  let at = from;
  while (at < end && /\s/u.test(text[at]!)) at++;
  return at < end && QUOTABLE.test(text[at]!);
}

interface OpenMark {
  segment: number;
  at: number;
  unit: number;
}

/** Marks left open, taken back newest first (a later closing mark) or oldest first (reported): Array#shift would copy the rest each time. */
class Pending {
  private readonly marks: OpenMark[] = [];
  private head = 0;

  get size(): number {
    return this.marks.length - this.head;
  }

  push(mark: OpenMark): void {
    this.marks.push(mark);
  }

  pop(): void {
    this.marks.pop();
  }

  oldest(): OpenMark {
    return this.marks[this.head]!;
  }

  shift(): OpenMark {
    return this.marks[this.head++]!;
  }
}

/** The masks (sorted, not overlapping) whose text holds the mark, per mask list and mark: looked up by binary search. */
const holding = new WeakMap<Span[], Map<string, Span[]>>();
function masksHolding(masked: Span[], target: string, mark: string): Span[] {
  const byMark = holding.get(masked) ?? holding.set(masked, new Map()).get(masked)!;
  return byMark.get(mark) ?? byMark.set(mark, masked.filter((m) => target.slice(m.start, m.end).includes(mark))).get(mark)!;
}

export const pairingKind: RuleKind = {
  name: "pairing",
  // Only a reversed curly quotation mark has a certain fix; where a missing mark belongs is unknown.
  fixes: (spec) => {
    const { pairs, quotes = [] } = spec as PairingSpec;
    return pairs.some(([open, close]) => open !== close && quotes.includes(open)) ? spec.applicability ?? "safe" : "none";
  },
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as PairingSpec;
    const quotes = new Set(spec.quotes ?? []);
    const pairs: Pair[] = spec.pairs.map(([open, close]) => ({ open, close, quote: quotes.has(open) }));
    // Each mark must belong to one pair only, or its role would be ambiguous.
    const owner = new Map<string, number>();
    pairs.forEach((p, i) =>
      [p.open, p.close].forEach((mark, side) => {
        if (owner.has(mark) && owner.get(mark) !== i) {
          throw configError(`the mark ${mark} belongs to two pairs`, { file: env.file, pointer: `${env.pointer}/pairs/${pointerToken(i)}/${side}` });
        }
        owner.set(mark, i);
      }),
    );
    const attribution: Matcher | undefined = spec.attribution
      ? compileMatcher(spec.attribution, { trusted: env.trusted, file: env.file, pointer: `${env.pointer}/attribution` })
      : undefined;
    const applicability = spec.applicability ?? "safe";
    // Jumps from mark to mark: a map lookup per character was the rule's whole cost.
    const marks = new RegExp(`[${[...owner.keys()].filter((mark) => mark.length === 1).map((mark) => `\\u{${mark.codePointAt(0)!.toString(16)}}`).join("")}]`, "gu");

    return {
      spec,
      checkDocument(_document, analyses, reportAny) {
        // A translation unit whose source does not balance either is a fragment of a sentence split in two units.
        const fragment = analyses.map((a) => {
          const source = sourceOf(a);
          return source !== undefined && imbalance(proseOf(source)).some((n) => n !== 0);
        });
        /** Findings with the unit they were found in, held back until the document's share is known. */
        const held: { segment: number; unit: number; finding: Parameters<typeof reportAny>[1] }[] = [];
        let unitWithMarks = 0;
        const report = (segment: number, finding: Parameters<typeof reportAny>[1], unit: number) => {
          if (!fragment[segment]) held.push({ segment, unit, finding });
        };
        const units = analyses.flatMap((a, segment) =>
          (spec.scope === "segment" ? [{ start: 0, end: a.text.length }] : a.paragraphs).map((span) => ({ segment, ...span })),
        );
        /** Marks left open at the end of an earlier unit, per pair, each with the unit it was left in (oldest first, from `head`). */
        const pending = pairs.map(() => new Pending());
        /** Straight marks with a space on both sides: taken to open when nothing is open, but which side they are on is unknown. */
        const sideless = new Set<string>();
        const loneMessage = (pair: Pair, otherwise: string) => (spec.foreignMessage && spec.foreign?.includes(pair.open) ? spec.foreignMessage : otherwise);
        const unclosed = (segment: number, at: number, pair: Pair, unit: number) => {
          if (!sideless.has(`${segment}:${at}`)) report(segment, { start: at, end: at + 1, message: expandMessage(loneMessage(pair, spec.message), [pair.open, pair.close]) }, unit);
        };

        units.forEach((unit, u) => {
          const { text, segment: { target, masked } } = analyses[unit.segment]!;
          /** The partner may sit in masked text (a Markdown link's "](url)", inline code), where it cannot be seen. */
          const hidden = (from: number, to: number, mark: string) => (masked ? overlapsAny(masksHolding(masked, target, mark), { start: from, end: to }) : false);
          /** A closing bracket that is a list label ("b)") or the second of a doubled mark ("))") is no missing partner. */
          const excused = (at: number, pair: Pair) =>
            hidden(unit.start, at, pair.open) ||
            (!pair.quote && (LIST_LABEL.test(text.slice(Math.max(unit.start, at - 6), at)) || text[at - 1] === pair.close));
          const next = units[u + 1];
          const nextStart = next ? analyses[next.segment]!.text.slice(next.start, next.end).trimStart()[0] : undefined;
          const stacks = pairs.map((): number[] => []);

          marks.lastIndex = unit.start;
          let m = marks.exec(text);
          if (m && m.index < unit.end) unitWithMarks++;
          for (; m && m.index < unit.end; m = marks.exec(text)) {
            const at = m.index;
            const ch = m[0];
            const index = owner.get(ch)!;
            const pair = pairs[index]!;
            const stack = stacks[index]!;
            const before = at > unit.start ? text[at - 1]! : " ";
            const after = at + 1 < unit.end ? text[at + 1]! : " ";
            // Where the neighbours say an opening mark belongs (" x") and a closing one (x" ).
            const opensHere = OPENING_CONTEXT.test(before);
            const closesHere = CLOSING_CONTEXT.test(after);
            if (!pair.quote && SMILEY.test(text.slice(Math.max(unit.start, at - 3), at))) continue;

            let role: "open" | "close";
            if (pair.open === pair.close) {
              if (/\d/u.test(before) && stack.length === 0) continue; // inch mark: 12"
              if (/\s/u.test(before) && /\s/u.test(after)) sideless.add(`${unit.segment}:${at}`);
              role = opensHere && !closesHere ? "open" : !opensHere && closesHere ? "close" : stack.length ? "close" : "open";
            } else if (pair.quote && ch === pair.open && stack.length && closesHere && (!opensHere || !startsWord(text, at + 1, unit.end))) {
              reversed(at, pair.close); // “quoted text“ and “quoted text “, — the second mark closes
              role = "close";
            } else if (pair.quote && ch === pair.close && !stack.length && opensHere && !closesHere && !QUOTE_OPENERS.test(before)) {
              reversed(at, pair.open); // ”quoted text” — the first mark opens
              role = "open";
            } else {
              role = ch === pair.open ? "open" : "close";
            }

            if (role === "open") stack.push(at);
            else if (stack.length) stack.pop();
            else if (pending[index]!.size) pending[index]!.pop(); // closes a block quotation or aside begun paragraphs earlier
            else if (!excused(at, pair)) {
              report(unit.segment, { start: at, end: at + 1, message: expandMessage(loneMessage(pair, spec.unopenedMessage ?? spec.message), [pair.close, pair.open]) }, u);
            }
          }

          stacks.forEach((stack, i) => {
            const pair = pairs[i]!;
            const last = stack[stack.length - 1];
            // The one quotation open at the end may go on in the next paragraph, which opens it again.
            const continues = last !== undefined && pair.quote && nextStart === pair.open && !attribution?.test(text.slice(last + 1, unit.end));
            for (const at of continues ? stack.slice(0, -1) : stack) {
              if (!pair.quote && text[at + 1] === pair.open) continue; // "((": a doubled mark, not a missing partner
              if (hidden(at, unit.end, pair.close)) continue;
              pending[i]!.push({ segment: unit.segment, at, unit: u });
            }
            // Marks not closed within a few paragraphs are reported.
            while (pending[i]!.size && (pending[i]!.oldest().unit <= u - MAX_CARRY || !next)) {
              const p = pending[i]!.shift();
              unclosed(p.segment, p.at, pair, p.unit);
            }
          });

          function reversed(at: number, right: string) {
            report(unit.segment, {
              start: at,
              end: at + 1,
              message: expandMessage(spec.reversedMessage ?? spec.message, [text[at], right]),
              fix: makeFix(text, { start: at, end: at + 1 }, right, applicability),
            }, u);
          }
        });

        const failing = new Set(held.map((h) => h.unit)).size;
        if (spec.documentShare !== undefined && (unitWithMarks < SHARE_PARAGRAPHS || failing < spec.documentShare * unitWithMarks)) return;
        for (const { segment, finding } of held) reportAny(segment, finding);
      },
    };
  },
};
