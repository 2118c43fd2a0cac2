/**
 * `clause`: checks on the clause structure of English sentences (src/analysis/clause.ts) — the
 * structures machine translation carries over from languages with free word order and no copula:
 *
 * - `verb-before-subject`: a verb of saying after a fronted phrase and before its subject ("About
 *   this said the minister"), or an auxiliary before its subject ("Under the law must search
 *   engines delete…"), with no licence for the inversion; the rewrite puts the subject first.
 * - `missing-subject`: a finite verb whose clause has no subject and no licence for none ("Everything
 *   suggests that in the city at the match will be sold out").
 * - `missing-verb`: a sentence of running text without a finite verb ("The day before the first
 *   match of the season.").
 * - `dash-for-copula`: a dash where English needs "is" ("The aim of the law – to protect the
 *   network"); the rewrite puts the verb in.
 * - `subject-verb-agreement`: a verb that agrees with a noun between it and its subject instead of
 *   the subject's head ("The managers of the company has…"); the rewrite changes the verb.
 * - `verb-after-object`: a second finite verb right after the object of the first, with no
 *   conjunction or relative pronoun ("we have these functions are becoming…").
 * - `pronoun-for-thing`: "he", "she", "his", "her" for an organization, a country, a law or a
 *   machine named just before, with no person in sight (Russian gives such nouns a gender); the
 *   rewrite says "it" or "its".
 * - `attribution-without-subject`: a verb of reporting with no one who reports, the way Russian news
 *   attributes words ("сообщили в министерстве"): "…, said in the press service of the ministry.",
 *   "…, noted.", "In the ministry noted that…"; the rewrite makes the place the speaker ("the press
 *   service of the ministry said").
 *
 * Each check looks only at sentences of running text (ending in a full stop, not a headline), so
 * headings, captions, datelines and lists are never judged.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import { hasTagger } from "../analysis/pos.js";
import {
  GAP_COLON, GAP_COMMA, GAP_DASH, GAP_HARD, GAP_INNER_QUOTE, GAP_PARENTHESIS, GAP_QUOTE, GAP_QUOTE_CLOSE, GAP_SOFT, GAP_STOP, type Chunk, type Clause, type GrammaticalNumber, type SentenceClauses,
} from "../analysis/clause.js";
import {
  REPORTING_PAST, BE, CLAUSE_VERB, DETERMINER, INTRANSITIVE_VERB, LOCATIVE_VERB, FUNCTION_WORD, HAVE_DO, LOCATIVE_PREPOSITION, MODAL, OBJECT_DETERMINER, PERSON_NOUN, PERSON_PRONOUN, PLURAL_AUXILIARY,
  PREPOSITION, QUANTIFIER, QUANTITY_NOUN, SINGULAR_AUXILIARY, SINGULAR_IN_S, SPEECH_VERB, SUBJECT_WORD, SUBORDINATOR, THING_NOUN, TIME_NOUN,
  ZERO_RELATIVE_NOUN, wordClasses,
} from "../analysis/clause-words.js";
import type { RawFinding, RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { configError } from "../core/errors.js";
import type { Fix } from "../core/types.js";
import { expandMessage, expandTemplate } from "../engine/matcher.js";

const CHECKS = ["verb-before-subject", "missing-subject", "missing-verb", "dash-for-copula", "subject-verb-agreement", "verb-after-object", "pronoun-for-thing", "attribution-without-subject"] as const;
type CheckName = (typeof CHECKS)[number];

interface ClauseSpec extends RuleSpec {
  check: CheckName;
}

/** What a check needs: the segment, one sentence's clause structure, and where to report. */
interface SentenceContext {
  analysis: SegmentAnalysis;
  s: SentenceClauses;
  k: number;
  /** Text of tokens [from, to). */
  text(from: number, to: number): string;
  word(i: number): string;
  /** Word classes of token i (clause-words.ts). */
  classes(i: number): number;
  words: Words;
}

type Check = (c: SentenceContext, spec: ClauseSpec) => RawFinding[];

const MIN_WORDS = 4;
const MAX_WORDS = 120;

/**
 * A sentence of running text, judged without tags: it ends in a full stop or "!" (after closing
 * quotes or brackets), has 4–120 words, starts with a capital (after an opening mark; after a dash
 * also with a small letter) but not with a word in capitals, and fewer than half of its words start
 * with a capital (not a headline or a list of names).
 */
function isRunningText(analysis: SegmentAnalysis, k: number): "yes" | "no" | "many capitals" {
  const span = analysis.sentences[k]!;
  const starts = analysis.sentenceTokens;
  const first = starts[k]!;
  const end = starts[k + 1]!;
  const n = end - first;
  if (n < MIN_WORDS || n > MAX_WORDS) return "no";
  const { text, tokens, lowerTokens: lower } = analysis;
  if (!/^[\s"'”’»)\]]*[.!]/u.test(text.slice(tokens[end - 1]!.end, span.end))) return "no";
  // A capital first, but not a word in capitals; after a dash (words set off from a quotation) a small letter too.
  if (tokens[first]!.text.charCodeAt(0) === lower[first]!.charCodeAt(0) && !/^[–—-]/u.test(text.slice(span.start, tokens[first]!.start).trimStart())) return "no";
  if (tokens[first]!.text.length > 1 && tokens[first]!.text.charCodeAt(1) !== lower[first]!.charCodeAt(1)) return "no";
  return capitalizedShare(analysis, first, end) < 0.5 ? "yes" : "many capitals";
}

/** The share of tokens [from, to) that start with a capital. */
function capitalizedShare(analysis: SegmentAnalysis, from: number, to: number): number {
  const { tokens, lowerTokens: lower } = analysis;
  let count = 0;
  for (let i = from; i < to; i++) if (tokens[i]!.text.charCodeAt(0) !== lower[i]!.charCodeAt(0)) count++;
  return count / Math.max(1, to - from);
}

// ---------------------------------------------------------------------------------------------
// What a sentence must contain for a check to look at it: word tests before any tagging, so that
// only the few sentences a check could flag are tagged and analysed.


/** One sentence's words: tokens [first, end) of the segment, in lower case and with their word classes. */
interface Words {
  /** Half of the words or more start with a capital: a headline or a list of names, unless a check knows better. */
  manyCapitals: boolean;
  lower: readonly string[];
  classes: Int32Array;
  first: number;
  end: number;
  analysis: SegmentAnalysis;
  k: number;
}

const isAuxiliaryWord = (w: Words, i: number) => (w.classes[i]! & (MODAL | BE | HAVE_DO)) !== 0;


/**
 * Only prepositional phrases stand between a clause start (the sentence start, or "that", "because" …)
 * and a word that `isVerb` accepts: every determiner directly follows a preposition and no subject
 * pronoun comes first ("In the event of the threat of a stable work agency will…", not "In 1990 the
 * company will…"). What missing-subject and verb-before-subject need before any tagging.
 */
function onlyPrepositionsBefore(w: Words, isVerb: (w: Words, i: number) => boolean): boolean {
  for (let start = w.first; start < w.end; start++) {
    const opens = w.classes[start]! & PREPOSITION && (start === w.first || w.classes[start - 1]! & SUBORDINATOR);
    if (!opens) continue;
    for (let i = start + 1; i < w.end && i < start + 30; i++) {
      if (isVerb(w, i)) return true;
      const classes = w.classes[i]!;
      if (classes & SUBJECT_WORD || (classes & DETERMINER && !(w.classes[i - 1]! & PREPOSITION))) break;
    }
  }
  return false;
}

const RELATIVE_WORDS = new Set(["who", "which", "that"]);

/** "as" right before a verb of reporting ("as reported the press service"). */
function asBeforeReportingVerb(w: Words): boolean {
  for (let i = w.first; i + 1 < w.end; i++) if (w.lower[i] === "as" && REPORTING_AFTER_AS.has(w.lower[i + 1]!)) return true;
  return false;
}

/** Verbs of reporting that Russian “как сообщил(а) …”, “как пишет …” puts before the subject after “as”. */
const REPORTING_AFTER_AS = new Set([...REPORTING_PAST, "reports", "says", "notes", "writes", "states", "informs", "explains", "stresses", "emphasizes", "emphasises", "adds"]);

/** Token i may start an object: a determiner, a number or a quantifier ("detained several people"). */
const startsObject = (w: Words, i: number) => i < w.end && ((w.classes[i]! & (DETERMINER | QUANTIFIER)) !== 0 || /^(?:\d|two$|three$|four$|five$|six$|seven$|eight$|nine$|ten$|dozens$|hundreds$)/u.test(w.lower[i]!));

/** "were registered 500", "was detained more than": a passive before a count. */
function passiveBeforeCount(w: Words, i: number): boolean {
  if (!(w.classes[i]! & BE) || i + 2 >= w.end || !/(?:ed|en|wn)$/u.test(w.lower[i + 1]!)) return false;
  const next = w.lower[i + 2]!;
  return /^\d/u.test(next) || ["more", "over", "about", "almost", "nearly", "some"].includes(next);
}

/** A word that may be a lexical verb in the past: "-ed", or a common irregular past of a verb that takes an object. */
const mayBeActivePast = (word: string) => word.endsWith("ed") || IRREGULAR_TRANSITIVE_PAST.has(word);
const IRREGULAR_TRANSITIVE_PAST = new Set("found held sent took brought made caught gave seized stole built sold bought won lost paid began".split(" "));

function startsAfterDash(w: Words): boolean {
  const span = w.analysis.sentences[w.k]!;
  return /^[–—-]/u.test(w.analysis.text.slice(span.start, w.analysis.tokens[w.first]!.start).trimStart());
}

function someWord(w: Words, test: (w: Words, i: number) => boolean): boolean {
  for (let i = w.first; i < w.end; i++) if (test(w, i)) return true;
  return false;
}


const personWords = (classes: Int32Array, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) if (classes[i]! & PERSON_PRONOUN) n++;
  return n;
};

const MAY_FLAG: Record<CheckName, (w: Words) => boolean> = {
  "verb-before-subject": (w) =>
    onlyPrepositionsBefore(w, (x, i) => (x.classes[i]! & (MODAL | HAVE_DO | SPEECH_VERB)) !== 0 || EVENT_VERBS.has(x.lower[i]!) || passiveBeforeCount(x, i)) || asBeforeReportingVerb(w),
  "missing-subject": (w) => onlyPrepositionsBefore(w, (x, i) => isAuxiliaryWord(x, i) || (mayBeActivePast(x.lower[i]!) && startsObject(x, i + 1))) || startsAfterDash(w),
  "missing-verb": (w) => w.end - w.first >= 8 && VERBLESS_OPENERS.has(w.lower[w.first]!) && !someWord(w, isAuxiliaryWord),
  "dash-for-copula": (w) => {
    const span = w.analysis.sentences[w.k]!;
    const dash = w.analysis.text.slice(span.start, span.end).search(/[–—-]/u);
    if (dash < 0) return false;
    // One subject phrase before the dash (no verb, no comma), and after it a determiner, "to" or a name.
    let i = w.first;
    for (; i < w.end && w.analysis.tokens[i]!.start < span.start + dash; i++) {
      if (isAuxiliaryWord(w, i) || (i > w.first && w.analysis.text.slice(w.analysis.tokens[i - 1]!.end, w.analysis.tokens[i]!.start).includes(","))) return false;
    }
    if (i >= w.end || !(w.classes[i]! & DETERMINER || w.lower[i] === "to" || w.analysis.tokens[i]!.text.charCodeAt(0) !== w.lower[i]!.charCodeAt(0))) return false;
    return !w.manyCapitals || capitalizedShare(w.analysis, w.first, i) < 0.5;
  },
  // A head and a prepositional object of opposite number before a form of "be", "have", "do": "managers of the company has".
  // Also across a relative clause ("the officials who signed the document has"), and with the noun of the verb's number anywhere between.
  "subject-verb-agreement": (w) => {
    for (let v = w.first + 3; v < w.end; v++) {
      const singular = (w.classes[v]! & SINGULAR_AUXILIARY) !== 0;
      if (!singular && !(w.classes[v]! & PLURAL_AUXILIARY)) continue;
      // A word of the verb's number just before the verb or before a preposition.
      let attracting = false;
      // (before a preposition only for a plural verb: "the head of the departments of the ministry have"; a singular word is any word)
      for (let p = v - 1; p > w.first && p >= v - 10; p--) {
        const opens = (w.classes[p]! & PREPOSITION && p >= v - 8) || w.lower[p] === "who" || w.lower[p] === "which";
        if (p === v - 1 || (!singular && w.classes[p + 1]! & PREPOSITION && !(w.classes[p]! & FUNCTION_WORD))) {
          if (singular !== w.lower[p]!.endsWith("s")) attracting = true;
        }
        if (attracting && opens && p < v - 1 && singular === w.lower[p - 1]!.endsWith("s")) return true;
      }
    }
    return false;
  },
  // A determiner after a word that may be a verb (not a function word, not a verb taking a clause), then
  // one to four words and an auxiliary: "have these functions are".
  "verb-after-object": (w) => {
    for (let d = w.first + 1; d < w.end; d++) {
      if (!(w.classes[d]! & OBJECT_DETERMINER)) continue;
      if (w.classes[d - 1]! & (PREPOSITION | FUNCTION_WORD | CLAUSE_VERB | BE | MODAL)) continue;
      for (let v = d + 2; v < w.end && v <= d + 5; v++) {
        if (isAuxiliaryWord(w, v)) return true;
        if (w.classes[v]! & (FUNCTION_WORD | PREPOSITION)) break;
      }
    }
    return false;
  },
  // A past verb of reporting after a comma, dash or quotation, or after a fronted "in/at" phrase: "…, said in the ministry".
  "attribution-without-subject": (w) => {
    const { text, tokens } = w.analysis;
    for (let i = w.first + 1; i < w.end; i++) {
      if (!REPORTING_PAST.has(w.lower[i]!)) continue;
      const next = i + 1 === w.end ? "" : w.lower[i + 1];
      if (next === "that" ? w.classes[w.first]! & PREPOSITION : (next === "" || next === "in" || next === "at") && /[,–—”"»-]/u.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start))) return true;
    }
    return false;
  },
  "pronoun-for-thing": (w) => {
    if (personWords(w.classes, w.first, w.end) !== 1 || !someWord(w, (x, i) => PERSONAL.has(x.lower[i]!))) return false;
    return w.k === 0 || personWords(w.classes, w.analysis.sentenceTokens[w.k - 1]!, w.first) === 0;
  },
};

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
/** The first letter in lower case, unless the word is "I" or looks like a name (a capital inside, or all capitals). */
const uncapitalize = (t: string, isName: boolean) => (isName || /^I\b/.test(t) ? t : t.charAt(0).toLowerCase() + t.slice(1));

function rewriteFix(c: SentenceContext, start: number, end: number, replacement: string): Fix {
  const text = c.analysis.text;
  const expected = text.slice(start, end);
  return { title: `Rewrite as “${replacement}”`, edits: [{ start, end, text: replacement, expected }], applicability: "unsafe" };
}

// ---------------------------------------------------------------------------------------------
// verb-before-subject

function verbBeforeSubject(c: SentenceContext, spec: ClauseSpec): RawFinding[] {
  const out: RawFinding[] = [];
  for (const clause of c.s.clauses) {
    if (clause.licence === "comparative" && clause.subject && c.s.terminal !== "?") {
      const found = asReportedBy(c, clause, spec);
      if (found) out.push(found);
      continue;
    }
    if ((clause.licence === "none" || clause.licence === "locative") && c.s.terminal !== "?") {
      const found = eventBeforeSubject(c, clause, spec);
      if (found) {
        out.push(found);
        continue;
      }
    }
    if (clause.licence !== "none" || !clause.subject || c.s.terminal === "?") continue;
    const { analysis } = c;
    const tags = c.s.tags;
    if (clause.subjectPosition === "inside") {
      // "…must search engines delete": auxiliary, subject, main verb.
      if (clause.fronted === "none") continue;
      const subject = clause.subject;
      const aux = c.text(clause.verbStart, clause.verbEnd);
      const rewrite = `${c.text(subject.start, subject.end)} ${aux}`;
      const start = analysis.tokens[clause.verbStart]!.start;
      const end = analysis.tokens[subject.end - 1]!.end;
      out.push({ start, end, message: expandMessage(spec.message, ["", aux, c.text(subject.start, subject.end)]), suggestions: [rewriteFix(c, start, end, rewrite)] });
    } else if (clause.subjectPosition === "after" && clause.fronted !== "none" && (clause.fronted === "prepositional" || clause.fronted === "adverbial")) {
      // "About this said the minister": a verb of saying between a fronted phrase and its subject.
      const main = clause.main;
      if (!(c.classes(main) & SPEECH_VERB) || clause.passive || tags[clause.finite]!.fine === "VBP") continue;
      const subject = subjectWithModifiers(c, clause);
      if (!subject || !endsClause(c, subject.end)) continue;
      const fronted = c.text(clause.frontedStart, clause.frontedEnd).replace(/[\s,]+$/u, "");
      const verb = c.text(clause.verbStart, clause.verbEnd);
      const subjectText = c.text(subject.start, subject.end);
      const sentenceStart = clause.frontedStart === c.s.first;
      const frontedIsName = tags[clause.frontedStart]!.coarse === "PROPN";
      // "About this said the minister" → "The minister said this": a pronoun object of "about/on/of" becomes the verb's object.
      const object = aboutPronoun(c, clause);
      const rest = object ?? (sentenceStart ? uncapitalize(fronted, frontedIsName) : fronted);
      const rewrite = `${sentenceStart ? capitalize(subjectText) : subjectText} ${verb} ${rest}`;
      const start = analysis.tokens[clause.frontedStart]!.start;
      const end = analysis.tokens[subject.end - 1]!.end;
      out.push({ start, end, message: expandMessage(spec.message, ["", verb, subjectText]), suggestions: [rewriteFix(c, start, end, rewrite)] });
    }
  }
  out.push(...asReportedByParticiple(c, spec));
  return out;
}

/**
 * Russian news puts the event after the time and place it happened in ("В регионе произошло ДТП",
 * "За сутки выявлено 500 случаев"), and machine translation keeps the order: "In the region happened
 * an accident", "In the capital on Monday were registered 500 new cases". English inverts after a
 * fronted place only with verbs of place and motion and a definite subject ("In the corner sat an old
 * man"), never with "happen", "occur", "take place", "die", nor with a passive whose subject is a count
 * ("Here was stored $1,000,000" has no prepositional phrase). A subject possibly left inside the
 * fronted phrase (a name, pronoun or noun right before the verb) leaves the clause alone. The rewrite
 * puts the subject first and the fronted phrase after the verb.
 */
function eventBeforeSubject(c: SentenceContext, clause: Clause, spec: ClauseSpec): RawFinding | undefined {
  const { s, analysis } = c;
  const tags = s.tags;
  if (clause.subjectPosition !== "after" || !clause.subject || clause.opener !== "start" || clause.fronted !== "prepositional") return undefined;
  let subjectStart = clause.subject.start;
  const main = c.word(clause.main);
  let verbEnd = clause.verbEnd;
  if (clause.passive) {
    // A count after a passive: "were registered 500 new cases", "were detained more than 20 people".
    const first = analysis.tokens[subjectStart]!.text;
    if (!(/^\d/u.test(first) || (/^(?:more|over|about|almost|nearly|some)$/iu.test(first) && subjectStart + 1 < s.end && /^\d|^than$/u.test(c.word(subjectStart + 1))))) return undefined;
  } else if (EVENT_VERBS.has(main) && clause.verbEnd - clause.verbStart === 1) {
    // "took place a meeting": the subject comes after "place".
    if (main === "took" || main === "takes") {
      if (c.word(subjectStart) !== "place" || clause.subject.end - subjectStart !== 1) return undefined;
      subjectStart++;
      verbEnd = subjectStart;
      const k = s.chunks.findIndex((ch) => ch.start === subjectStart);
      if (k < 0 || s.chunks[k]!.kind !== "noun" || gapAt(s, subjectStart) & (GAP_HARD | GAP_SOFT)) return undefined;
    }
    const first = tags[subjectStart]!;
    if (!(first.coarse === "DET" || first.coarse === "NUM" || first.coarse === "ADJ" || first.coarse === "NOUN")) return undefined;
  } else return undefined;
  let object = false;
  for (let i = clause.frontedStart + 1; i < clause.frontedEnd; i++) if (tags[i]!.coarse === "NOUN" || tags[i]!.coarse === "PROPN") object = true;
  if (!object) return undefined;
  if (mayHoldSubjectBefore(c, clause.verbStart)) return undefined;
  // The subject with its "of" phrases, closed by punctuation or the sentence end.
  let k = s.chunks.findIndex((ch) => ch.start === subjectStart);
  if (k < 0 || s.chunks[k]!.kind !== "noun") return undefined;
  let end = s.chunks[k]!.end;
  for (k++; k + 1 < s.chunks.length; k += 2) {
    const prep = s.chunks[k]!;
    const np = s.chunks[k + 1]!;
    if (prep.kind !== "preposition" || c.word(prep.start) !== "of" || np.kind !== "noun" || gapAt(s, prep.start) & (GAP_HARD | GAP_SOFT)) break;
    end = np.end;
  }
  if (!endsClause(c, end)) return undefined;
  const verb = c.text(clause.verbStart, verbEnd);
  const subjectText = c.text(subjectStart, end);
  const fronted = c.text(clause.frontedStart, clause.frontedEnd).replace(/[\s,]+$/u, "");
  const frontedIsName = tags[clause.frontedStart]!.coarse === "PROPN";
  const sentenceStart = clause.frontedStart === s.first;
  const rewrite = `${sentenceStart ? capitalize(subjectText) : subjectText} ${verb} ${sentenceStart ? uncapitalize(fronted, frontedIsName) : fronted}`;
  const start = analysis.tokens[clause.frontedStart]!.start;
  const stop = analysis.tokens[end - 1]!.end;
  return { start, end: stop, message: expandMessage(spec.message, ["", verb, subjectText]), suggestions: [rewriteFix(c, start, stop, rewrite)] };
}

/** Verbs of events that English does not invert after a fronted place or time ("In the region happened an accident"). */
const EVENT_VERBS = new Set(["happened", "happens", "occurred", "occurs", "took", "takes", "died", "dies"]);

/**
 * "As reported the press service, …": the tagger reads the verb after "as" as a participle ("as
 * reported earlier"), so no clause is made; a noun phrase after it that a comma or the sentence end
 * closes is its subject all the same.
 */
function asReportedByParticiple(c: SentenceContext, spec: ClauseSpec): RawFinding[] {
  const { s, analysis } = c;
  const out: RawFinding[] = [];
  for (let i = s.first; i + 2 < s.end; i++) {
    if (c.word(i) !== "as" || !REPORTING_PAST.has(c.word(i + 1)) || s.tags[i + 1]!.fine !== "VBN") continue;
    if (gapAt(s, i + 1) || gapAt(s, i + 2)) continue;
    const k = s.chunks.findIndex((ch) => ch.start === i + 2);
    const np = s.chunks[k];
    if (!np || np.kind !== "noun" || np.adjectival) continue;
    const first = s.tags[np.start]!;
    if (!(first.coarse === "DET" || first.fine === "PRP$" || first.coarse === "PROPN") || c.classes(np.head) & TIME_NOUN) continue;
    let end = np.end;
    for (let j = k + 1; j + 1 < s.chunks.length; j += 2) {
      const prep = s.chunks[j]!;
      const next = s.chunks[j + 1]!;
      if (prep.kind !== "preposition" || c.word(prep.start) !== "of" || next.kind !== "noun" || gapAt(s, prep.start) & (GAP_HARD | GAP_SOFT)) break;
      end = next.end;
    }
    if (!(end >= s.end || gapAt(s, end) & (GAP_HARD | GAP_SOFT))) continue;
    const verb = analysis.tokens[i + 1]!.text;
    const subjectText = c.text(i + 2, end);
    const start = analysis.tokens[i]!.start;
    const stop = analysis.tokens[end - 1]!.end;
    out.push({ start, end: stop, message: expandMessage(spec.message, ["", verb, subjectText]), suggestions: [rewriteFix(c, start, stop, `${analysis.tokens[i]!.text} ${subjectText} ${verb}`)] });
  }
  return out;
}

/**
 * "as reported the press service", "as writes the newspaper": Russian “как сообщила пресс-служба”
 * word for word. English inverts after "as" only with an auxiliary ("as did his father", "as is the
 * case"), never with a lexical verb of reporting; the rewrite puts the subject first.
 */
function asReportedBy(c: SentenceContext, clause: Clause, spec: ClauseSpec): RawFinding | undefined {
  if (clause.openerWord !== "as" || clause.subjectPosition !== "after" || clause.verbEnd - clause.verbStart !== 1) return undefined;
  const t = c.s.tags[clause.finite]!;
  if (t.coarse !== "VERB" || !(t.fine === "VBD" || t.fine === "VBZ") || !REPORTING_AFTER_AS.has(c.word(clause.finite))) return undefined;
  if (clause.start + 1 !== clause.verbStart) return undefined; // "as" directly before the verb
  const subject = subjectWithModifiers(c, clause);
  if (!subject || !(subject.end >= c.s.end || gapAt(c.s, subject.end) & (GAP_HARD | GAP_SOFT))) return undefined;
  const { analysis } = c;
  const verb = c.text(clause.verbStart, clause.verbEnd);
  const subjectText = c.text(subject.start, subject.end);
  const as = analysis.tokens[clause.start]!.text;
  const start = analysis.tokens[clause.start]!.start;
  const end = analysis.tokens[subject.end - 1]!.end;
  return { start, end, message: expandMessage(spec.message, ["", verb, subjectText]), suggestions: [rewriteFix(c, start, end, `${as} ${subjectText} ${verb}`)] };
}

/** The fronted phrase is "about/on/of" and "this/that/it" alone: that pronoun, else undefined. */
function aboutPronoun(c: SentenceContext, clause: Clause): string | undefined {
  if (clause.frontedEnd - clause.frontedStart !== 2 || !["about", "on", "of"].includes(c.word(clause.frontedStart))) return undefined;
  const object = c.word(clause.frontedStart + 1);
  return ["this", "that", "it"].includes(object) ? object : undefined;
}

/**
 * The subject after the verb with the prepositional phrases and names that belong to it ("the head
 * of the department Ilya Rogachev"), up to the next comma, verb or clause end; undefined unless it
 * looks like a subject (a name, or a noun phrase with a determiner or possessive).
 */
function subjectWithModifiers(c: SentenceContext, clause: Clause): { start: number; end: number } | undefined {
  const { s } = c;
  const tags = c.s.tags;
  const subject = clause.subject!;
  const first = tags[subject.start]!;
  if (!(first.coarse === "DET" || first.fine === "PRP$" || first.coarse === "PROPN")) return undefined;
  let end = subject.end;
  const chunkIndex = s.chunks.findIndex((ch) => ch.start === subject.start);
  for (let k = chunkIndex + 1; k + 1 < s.chunks.length; k += 2) {
    const prep: Chunk = s.chunks[k]!;
    const np: Chunk = s.chunks[k + 1]!;
    if (prep.kind !== "preposition" || c.word(prep.start) !== "of" || np.kind !== "noun" || gapAt(s, prep.start) & (GAP_HARD | GAP_SOFT)) break;
    end = np.end;
  }
  return { start: subject.start, end };
}

const gapAt = (s: SentenceClauses, i: number) => s.gaps[i - s.first]!;

/** What follows a subject after its verb ends the clause or starts an adverbial: the sentence end, punctuation, a preposition, "that". Not an infinitive or a second noun phrase (then it was an object). */
function endsClause(c: SentenceContext, i: number): boolean {
  const { s } = c;
  if (i >= s.end || gapAt(s, i) & (GAP_HARD | GAP_SOFT)) return true;
  const t = c.s.tags[i]!;
  return (t.coarse === "ADP" && t.fine === "IN") || (t.coarse === "SCONJ" && c.word(i) === "that");
}

// ---------------------------------------------------------------------------------------------
// missing-subject

function missingSubject(c: SentenceContext, spec: ClauseSpec): RawFinding[] {
  const out: RawFinding[] = [];
  const tags = c.s.tags;
  for (const clause of c.s.clauses) {
    if (clause.licence !== "none" || clause.subjectPosition === "before" || c.s.terminal === "?") continue;
    // A noun phrase after the verb may be its subject, inverted; a pronoun there certainly is ("will he").
    if (clause.subject && clause.subjectPosition !== "none" && (tags[clause.subject.head]!.coarse === "PRON" || clause.subjectPosition === "inside")) continue;
    // An auxiliary or modal after a fronted prepositional phrase ("in the city at the match will be sold out"): a
    // lexical verb there is as often a tagger's or the analyser's misreading as a missing subject.
    const t = tags[clause.finite]!;
    if (afterDialogueDash(c, clause) && t.fine === "VBD" && !(c.classes(clause.main) & SPEECH_VERB)) {
      // "“…?” — took an interest at the minister.": an attribution dash, then a verb that is not of saying, without subject
      out.push({ start: c.analysis.tokens[clause.verbStart]!.start, end: c.analysis.tokens[clause.verbEnd - 1]!.end, message: expandMessage(spec.message, ["", c.text(clause.verbStart, clause.verbEnd)]) });
      continue;
    }
    if (indefinitePersonal(c, clause)) {
      out.push({ start: c.analysis.tokens[clause.frontedStart]!.start, end: c.analysis.tokens[clause.subject!.end - 1]!.end, message: expandMessage(spec.message, ["", c.text(clause.verbStart, clause.verbEnd)]) });
      continue;
    }
    if (t.coarse !== "AUX" || t.fine === "VBP" && !(c.classes(clause.finite) & BE) || clause.fronted !== "prepositional") continue;
    if (!(clause.opener === "start" || clause.opener === "subordinator" || clause.opener === "quote" || clause.opener === "punctuation")) continue;
    if (clause.opener === "subordinator" && !["that", "because", "if", "when", "since", "although", "though", "while", "whether", "where"].includes(clause.openerWord)) continue;
    if (mayHoldItsSubject(c, clause)) continue;
    const from = clause.frontedStart < clause.frontedEnd ? clause.frontedStart : clause.verbStart;
    const start = c.analysis.tokens[from]!.start;
    const end = c.analysis.tokens[clause.verbEnd - 1]!.end;
    out.push({ start, end, message: expandMessage(spec.message, ["", c.text(clause.verbStart, clause.verbEnd)]) });
  }
  return out;
}

/**
 * Russian's indefinite-personal sentence, word for word: a fronted phrase, a verb in the past and
 * its object, with no subject ("В Москве задержали трёх человек": "In Moscow detained three
 * people"). What Brown shows in the same shape is locative inversion ("From his shoulder bag peeked
 * the barrel", "Up spoke the carpenter": verbs of place, motion and speech, and intransitive ones),
 * imperatives whose base form is the past ("In a saucepan put water"), and a subject the analyser
 * left inside the fronted phrase ("In London Lewis took the suite"): a name, pronoun or noun right
 * before the verb, or a name after it, leave the clause alone.
 */
function indefinitePersonal(c: SentenceContext, clause: Clause): boolean {
  const tags = c.s.tags;
  if (clause.subjectPosition !== "after" || !clause.subject || clause.verbEnd - clause.verbStart !== 1 || clause.passive) return false;
  if (!(clause.opener === "start" || (clause.opener === "subordinator" && clause.openerWord === "that"))) return false;
  if (clause.fronted !== "prepositional" && clause.fronted !== "adverbial") return false;
  const t = tags[clause.finite]!;
  if (t.coarse !== "VERB" || t.fine !== "VBD" || c.classes(clause.finite) & (LOCATIVE_VERB | INTRANSITIVE_VERB | CLAUSE_VERB | SPEECH_VERB) || SAME_PAST.has(c.word(clause.finite))) return false;
  // The fronted material is a prepositional phrase with its object, not a particle ("Up spoke…").
  let object = false;
  for (let i = clause.frontedStart + 1; i < clause.frontedEnd; i++) if (tags[i]!.coarse === "NOUN" || tags[i]!.coarse === "PROPN") object = true;
  if (!object) return false;
  if (mayHoldSubjectBefore(c, clause.verbStart) || c.word(clause.subject.start) === "place") return false; // "took place a rally": verb-before-subject
  return tags[clause.subject.start]!.coarse !== "PROPN";
}

/**
 * The word before verb token v may be (the end of) its subject, left inside a fronted phrase by the
 * analyser: a pronoun, a name after another word than a preposition ("In London Lewis took"; not "in
 * Moscow", nor a month or a weekday), or a noun that may start a phrase of its own ("At war's end
 * leadership passed").
 */
function mayHoldSubjectBefore(c: SentenceContext, v: number): boolean {
  const tags = c.s.tags;
  const before = tags[v - 1]!;
  if (gapAt(c.s, v) & GAP_SOFT) return false;
  if (before.coarse === "PRON") return true;
  if (before.coarse === "PROPN") return !(MONTH_NAMES.has(c.word(v - 1)) || (v - 2 >= c.s.first && tags[v - 2]!.coarse === "ADP"));
  return before.coarse === "NOUN" && !oneNounAfterDeterminer(c, v - 1);
}

/** Token i ends a noun phrase of a determiner and one common noun ("during the raid"): no subject can start inside it ("war's end leadership" can). */
function oneNounAfterDeterminer(c: SentenceContext, i: number): boolean {
  const ch = c.s.chunks.find((x) => x.start <= i && i < x.end);
  if (!ch || ch.end !== i + 1 || c.s.tags[ch.start]!.coarse !== "DET") return false;
  for (let k = ch.start + 1; k < i; k++) if (c.s.tags[k]!.coarse === "NOUN" || c.s.tags[k]!.coarse === "NUM" || /['’]s$/u.test(c.word(k))) return false;
  return true;
}

/** Verbs whose past is their base form: after a fronted phrase, an imperative ("In a saucepan put…"). */
const SAME_PAST = new Set("put set cut let hit read spread cost shut quit hurt bet burst cast split thrust".split(" "));

/**
 * What Brown shows a "fronted phrase" can really be: a quoted title that is the subject itself
 * ("“To Be Left Behind” was printed"), a sentence-initial "For" that is the conjunction ("For
 * something, clearly, has gone wrong"), and bare nouns that end in the subject.
 */
function mayHoldItsSubject(c: SentenceContext, clause: Clause): boolean {
  if (gapAt(c.s, clause.frontedStart) & GAP_QUOTE && gapAt(c.s, clause.verbStart) & GAP_QUOTE) return true;
  if (clause.frontedStart === c.s.first && c.word(clause.frontedStart) === "for") return true;
  return endsInBareSubject(c, clause);
}

/**
 * A preposition and two or more bare nouns ("in crisis order is going"): the phrase may end where
 * the subject begins, and without a determiner nothing tells where.
 */
function endsInBareSubject(c: SentenceContext, clause: Clause): boolean {
  const { frontedStart: from, frontedEnd: to } = clause;
  const tags = c.s.tags;
  if (to - from < 3 || tags[from]!.coarse !== "ADP") return false;
  for (let i = from + 1; i < to; i++) if (tags[i]!.coarse !== "NOUN" || gapAt(c.s, i) !== 0) return false;
  return true;
}

/** The clause opens its sentence right after a dash, the way Russian sets off the words after a quotation. */
function afterDialogueDash(c: SentenceContext, clause: Clause): boolean {
  return clause.start === c.s.first && clause.fronted === "none" && startsAfterDash(c.words);
}

// ---------------------------------------------------------------------------------------------
// missing-verb

/**
 * Brown shows what else a sentence without a verb is: list items, headings with a full stop,
 * fragments of dialogue, and above all sentences whose verb in -s the tagger read as a plural noun
 * ("Gauer works with the ends."). So the check takes only sentences of eight words or more that open
 * with a determiner, hold no list punctuation, and have no plural noun right after a noun or name
 * (where a verb in -s would stand).
 */
function missingVerb(c: SentenceContext, spec: ClauseSpec): RawFinding[] {
  const { s, analysis } = c;
  if (s.clauses.length || s.terminal !== ".") return [];
  const n = s.end - s.first;
  if (n < 8 || n > 40) return [];
  const tags = c.s.tags;
  if (tags[s.first]!.coarse !== "DET" || !VERBLESS_OPENERS.has(c.word(s.first))) return [];
  let commas = 0;
  for (let i = s.first; i < s.end; i++) {
    const t = tags[i]!;
    if (t.coarse === "VERB" || t.coarse === "AUX") return []; // a participle or infinitive: a verbless style, or a verb the tagger got wrong
    if (/['’](?:s|re|m|ll|d|ve)$|n['’]t$/iu.test(analysis.tokens[i]!.text) && t.coarse !== "NOUN" && t.coarse !== "PROPN") return []; // "It's", "There's"
    if ((t.fine === "NNS" || t.fine === "NNPS") && i > s.first && (isNounTag(tags[i - 1]!) || tags[i - 1]!.coarse === "PRON") && !(gapAt(s, i) & (GAP_HARD | GAP_SOFT))) return [];
    if (gapAt(s, i) & GAP_COMMA) commas++;
    if (gapAt(s, i) & (GAP_QUOTE | GAP_INNER_QUOTE | GAP_COLON) || (gapAt(s, i) & GAP_HARD && i > s.first)) return [];
    // "The town's only six miles away": a noun with 's before an adverb or determiner is "is".
    if (/['’]s$/u.test(analysis.tokens[i]!.text) && i + 1 < s.end && ["ADV", "DET", "ADP", "ADJ"].includes(tags[i + 1]!.coarse)) return [];
  }
  // Alone in its paragraph, a verbless line is a heading or a caption.
  if (commas > 1 || tags[s.end - 1]!.coarse === "NUM" || analysis.sentences.length === 1) return [];
  return [{ start: s.span.start, end: analysis.tokens[s.end - 1]!.end, message: spec.message }];
}

const VERBLESS_OPENERS = new Set(["the", "a", "an", "this", "these", "that", "those"]);
const isNounTag = (t: { coarse: string }) => t.coarse === "NOUN" || t.coarse === "PROPN";

// ---------------------------------------------------------------------------------------------
// dash-for-copula

function dashForCopula(c: SentenceContext, spec: ClauseSpec): RawFinding[] {
  const { s, analysis } = c;
  const tags = c.s.tags;
  for (let d = s.first + 1; d < s.end; d++) {
    if (!(gapAt(s, d) & GAP_DASH) || gapAt(s, d) & (GAP_QUOTE | GAP_INNER_QUOTE)) continue;
    // The clause before the dash: from the sentence start or a "that", with no finite verb of its own.
    let from = d - 1;
    while (from > s.first && !(gapAt(s, from) & (GAP_HARD & ~GAP_DASH)) && c.word(from - 1) !== "that") from--;
    if (from > s.first && c.word(from - 1) !== "that") continue;
    const before = s.chunks.filter((ch) => ch.start >= from && ch.end <= d);
    if (!before.length || before.some((ch) => ch.kind === "verb" || ch.kind === "coordinator") || before[0]!.kind !== "noun") continue;
    const subject = before[0]!;
    if (!hasCommonNoun(c, subject)) continue;
    // A subject phrase, not a list label: a determiner, an "of" phrase, or a parenthesis before the dash.
    const determined = tags[subject.start]!.coarse === "DET" || tags[subject.start]!.fine === "PRP$";
    const ofPhrase = before.some((ch) => ch.kind === "preposition" && c.word(ch.start) === "of");
    if (!determined && !ofPhrase && !(gapAt(s, d) & GAP_PARENTHESIS) && !before.some((ch) => gapAt(s, ch.start) & GAP_PARENTHESIS)) continue;
    if (/^\p{Lu}/u.test(analysis.tokens[d]!.text) && tags[d]!.coarse !== "PROPN" && tags[d]!.coarse !== "NOUN") continue;
    // After the dash: a noun phrase with a determiner, or "to" and a verb; no finite verb of the main clause.
    const next = s.chunks.find((ch) => ch.start === d);
    if (!next) continue;
    const infinitive = next.kind === "verb" && tags[next.start]!.coarse === "PART";
    const nominal = next.kind === "noun" && !next.adjectival;
    if (!infinitive && !nominal) continue;
    const mainClauseVerb = s.clauses.some((cl) => cl.verbStart > d && cl.opener !== "subordinator" && cl.opener !== "relative");
    if (mainClauseVerb) continue;
    // "The poor kid – the poor, frail kid": a restatement, not a predicate.
    const headWord = c.word(subject.head);
    let restated = false;
    for (let i = d; i < s.end; i++) if (c.word(i) === headWord) restated = true;
    if (restated) continue;
    const plural = tags[subject.head]!.fine === "NNS" && !(c.classes(subject.head) & (SINGULAR_IN_S | QUANTITY_NOUN));
    const verb = plural ? "are" : "is";
    const start = analysis.tokens[d - 1]!.end;
    const end = analysis.tokens[d]!.start;
    const fix: Fix = { title: `Replace the dash with “${verb}”`, edits: [{ start, end, text: ` ${verb} `, expected: analysis.text.slice(start, end) }], applicability: "unsafe" };
    const dashEnd = start + analysis.text.slice(start, end).trimEnd().length;
    return [{ start: analysis.tokens[subject.start]!.start, end: dashEnd, message: expandMessage(spec.message, ["", verb]), suggestions: [fix] }];
  }
  return [];
}

function hasCommonNoun(c: SentenceContext, ch: Chunk): boolean {
  const tags = c.s.tags;
  for (let i = ch.start; i < ch.end; i++) if (tags[i]!.coarse === "NOUN") return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// subject-verb-agreement

const SINGULAR_OF: Record<string, string> = { are: "is", were: "was", have: "has", do: "does", "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't", "don't": "doesn't" };
const PLURAL_OF: Record<string, string> = Object.fromEntries(Object.entries(SINGULAR_OF).map(([p, s]) => [s, p]));

function subjectVerbAgreement(c: SentenceContext, spec: ClauseSpec): RawFinding[] {
  const out: RawFinding[] = [];
  const { analysis } = c;
  const tags = c.s.tags;
  for (const clause of c.s.clauses) {
    const subject = clause.subject;
    if (clause.subjectPosition !== "before" || !subject || subject.relative || clause.afterVerb >= 0) continue;
    if (!subject.separated || subject.coordinated) continue; // next to its verb: the agreement rules of the pack see it
    if (subject.number === "unknown" || clause.verbNumber === "unknown" || subject.number === clause.verbNumber) continue;
    if (!attractedBy(c, clause)) continue;
    // Only forms of "be", "have", "do": a lexical verb in -s or without it is too often a noun the tagger misread.
    if (tags[clause.finite]!.coarse !== "AUX") continue;
    // "If the division of costs were …": a subjunctive.
    if (c.word(clause.finite) === "were" && (clause.openerWord === "if" || clause.openerWord === "though" || c.s.clauses.some((o) => o !== clause && o.verbStart < clause.verbStart && /^wish/.test(c.word(o.main))))) continue;
    // "the use and the abuse of drugs have": a coordination before the head.
    const before = c.s.chunks.findIndex((ch) => ch.start === subject.start) - 1;
    if (before >= 0 && c.s.chunks[before]!.kind === "coordinator") continue;
    if (c.classes(subject.head) & TIME_NOUN) continue;
    if (clause.opener !== "start" && clause.opener !== "subordinator" && clause.opener !== "coordinator" && clause.opener !== "punctuation") continue;
    const head = subject.head;
    if (!(tags[head]!.coarse === "NOUN" || isOneOf(c, head)) || /^\p{Lu}/u.test(analysis.tokens[head]!.text) && head !== subject.start) continue;
    if (subject.coordinated && clause.verbNumber === "plural") continue; // "either … or" and lists may take either
    const verbWord = c.word(clause.finite);
    const wanted = subject.number === "singular" ? singularForm(verbWord) : pluralForm(verbWord);
    if (!wanted) continue;
    const token = analysis.tokens[clause.finite]!;
    const fix: Fix = { title: `Replace “${token.text}” with “${wanted}”`, edits: [{ start: token.start, end: token.end, text: matchCase(wanted, token.text), expected: token.text }], applicability: "unsafe" };
    out.push({
      start: analysis.tokens[head]!.start,
      end: token.end,
      message: expandMessage(spec.message, ["", token.text, analysis.tokens[head]!.text, subject.number, wanted]),
      suggestions: [fix],
    });
  }
  return out;
}

/**
 * The verb agrees with the noun just before it, the object of a prepositional phrase after the
 * subject's head ("the managers of the company has"): the mistake of a translation that agrees with
 * the nearest noun. Only prepositional phrases stand between head and verb.
 */
function attractedBy(c: SentenceContext, clause: Clause): boolean {
  const { s } = c;
  const headChunk = s.chunks.findIndex((ch) => ch.start <= clause.subject!.head && clause.subject!.head < ch.end);
  const verbChunk = s.chunks.findIndex((ch) => ch.start === clause.verbStart);
  if (gapAt(s, clause.verbStart) & (GAP_HARD | GAP_SOFT)) return false;
  let attracting = false;
  let relative = false;
  for (let k = headChunk + 1; k < verbChunk; k++) {
    const ch = s.chunks[k]!;
    if (gapAt(s, ch.start) & (GAP_HARD | GAP_SOFT)) return false;
    if (ch.kind === "relative" && !relative && RELATIVE_WORDS.has(c.word(ch.start))) relative = true; // a restrictive relative clause: "the officials who signed the document has"
    else if (ch.kind === "noun" && (ch.inPrepositional || relative)) {
      if (nounNumber(c, ch.head) === clause.verbNumber) attracting = true;
    } else if (!(ch.kind === "preposition" || (relative && (ch.kind === "verb" || ch.kind === "adverb")))) return false;
  }
  return attracting;
}

/** A noun's number from its tag: a name in the singular is one thing ("managers of Naftogaz has"). */
function nounNumber(c: SentenceContext, i: number): GrammaticalNumber {
  const t = c.s.tags[i]!;
  if (t.fine === "NNS" && !(c.classes(i) & (SINGULAR_IN_S | QUANTITY_NOUN))) return "plural";
  if (t.fine === "NN" || t.fine === "NNP") return "singular";
  return "unknown";
}

/** "one of", "each of": a singular head whatever follows. */
const isOneOf = (c: SentenceContext, i: number) => (c.word(i) === "one" || c.word(i) === "each") && i + 1 < c.s.end && c.word(i + 1) === "of";

function singularForm(verb: string): string | undefined {
  if (SINGULAR_OF[verb]) return SINGULAR_OF[verb];
  if (!/^[a-z]+$/.test(verb) || verb.endsWith("s")) return undefined;
  return expandTemplate("${1:third-person}", ["", verb]);
}

function pluralForm(verb: string): string | undefined {
  if (PLURAL_OF[verb]) return PLURAL_OF[verb];
  if (!/^[a-z]+s$/.test(verb) || verb.endsWith("ss")) return undefined;
  if (/(?:sh|ch|x|z|o)es$/.test(verb)) return verb.slice(0, -2);
  if (/[^aeiou]ies$/.test(verb)) return `${verb.slice(0, -3)}y`;
  return verb.slice(0, -1);
}

const matchCase = (word: string, like: string) => (/^\p{Lu}/u.test(like) ? capitalize(word) : word);

// ---------------------------------------------------------------------------------------------
// verb-after-object

function verbAfterObject(c: SentenceContext, spec: ClauseSpec): RawFinding[] {
  const out: RawFinding[] = [];
  const { s, analysis } = c;
  const tags = c.s.tags;
  for (const clause of s.clauses) {
    if (clause.afterVerb < 0 || clause.subjectPosition !== "before" || !clause.subject || clause.subject.relative) continue;
    const previous = s.clauses.find((p) => p.verbStart === clause.afterVerb);
    // The verb before has its own subject and is not one that takes a clause without "that".
    if (!previous || previous.subjectPosition !== "before" || previous.licence !== "none") continue;
    if (c.classes(previous.main) & CLAUSE_VERB || previous.copula || previous.passive) continue;
    if (!(previous.opener === "start" || previous.opener === "coordinator")) continue;
    const subject = clause.subject;
    if (tags[subject.head]!.coarse === "PRON" || subject.coordinated || subject.separated || subject.start !== previous.verbEnd || previous.afterVerb >= 0) continue;
    if (twoPhrases(c, subject.start, subject.end)) continue; // "took over the week Daley was…", "have a hunch Breeding might…"
    if (tags[clause.finite]!.fine === "MD" && clause.verbEnd - clause.verbStart < 2) continue; // "acquired sufficient political might"
    if (!previous.subject || c.classes(previous.subject.head) & QUANTIFIER) continue;
    if (tags[clause.finite]!.coarse !== "AUX") continue; // a lexical verb there is mostly a noun read as one
    // The object starts right after the first verb, and the second verb cannot be a participle ("a salary believed to be").
    const startTag = tags[subject.start]!;
    if (!(startTag.coarse === "DET" || startTag.fine === "PRP$" || startTag.coarse === "ADJ")) continue;
    const finite = tags[clause.finite]!;
    if (finite.fine === "VBD" && !(c.classes(clause.finite) & BE)) continue;
    let quoted = false;
    for (let i = previous.verbStart; i <= clause.verbEnd && i <= s.end; i++) if (gapAt(s, i) & (GAP_QUOTE | GAP_INNER_QUOTE | GAP_HARD | GAP_SOFT) && i > previous.verbStart) quoted = true;
    if (quoted) continue;
    const start = analysis.tokens[clause.subject.start]!.start;
    const end = analysis.tokens[clause.verbEnd - 1]!.end;
    out.push({ start, end, message: expandMessage(spec.message, ["", c.text(previous.verbStart, previous.verbEnd), c.text(clause.verbStart, clause.verbEnd)]) });
  }
  return out;
}

/** Tokens [from, to) hold a noun after which a clause may start ("the week", "a hunch") followed by a name or another noun: two phrases. */
function twoPhrases(c: SentenceContext, from: number, to: number): boolean {
  const tags = c.s.tags;
  for (let i = from; i + 1 < to; i++) {
    if (c.classes(i) & (ZERO_RELATIVE_NOUN | TIME_NOUN)) return true;
    if (tags[i]!.coarse === "NOUN" && tags[i + 1]!.coarse === "PROPN") return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// pronoun-for-thing

const PERSONAL = new Map([["he", "it"], ["she", "it"]]);
/** Suffixes of nouns for people ("superintendent", "driver", "economist"). */
const AGENT_SUFFIX = /(?:er|or|ist|ian|ant|ent|ee)s?$/;

/**
 * "he/she" whose nearest candidate referent before it, in this sentence or the one before in
 * the paragraph, is an organization, country, law, document or machine, when nothing there or in
 * the rest of the pronoun's sentence can be a person: no other personal pronoun, no person noun
 * ("minister", "driver"), no name that is not an organization's, a place's or a date. Clean English
 * rarely lacks a person before "he"; Russian MT says "he" for "закон", "самолёт", "комитет". "his",
 * "him" and "her" are left alone: as possessives and objects they mostly point to someone else.
 */
function pronounForThing(c: SentenceContext, spec: ClauseSpec): RawFinding[] {
  const { analysis, s, k } = c;
  const tags = c.s.tags;
  const pronouns: number[] = [];
  for (let i = s.first; i < s.end; i++) if ((c.classes(i) & PERSON_PRONOUN) && tags[i]!.coarse === "PRON") pronouns.push(i);
  if (pronouns.length !== 1 || !PERSONAL.has(c.word(pronouns[0]!))) return []; // another personal pronoun: people are being talked about
  const pronoun = pronouns[0]!;
  // In a sentence with a quotation, "he said" and the like point to the speaker.
  for (let i = s.first; i <= s.end; i++) if (gapAt(s, i) & (GAP_QUOTE | GAP_INNER_QUOTE)) return [];
  const sentences = k > 0 ? [analysis.clauses(k - 1)!, s] : [s];
  let referent: Chunk | undefined;
  for (const sentence of sentences) {
    if (sentence !== s && sentence.chunks.some((ch) => ch.kind === "noun" && (c.classes(ch.head) & PERSON_PRONOUN))) return [];
    for (const ch of sentence.chunks) {
      if (ch.kind !== "noun" || ch.adjectival || ch.head === pronoun) continue;
      if (!isOrganization(c, ch) && mayBePerson(c, sentence, ch, sentence !== s || ch.start < pronoun)) return [];
    }
    // The referent: the subject of the last clause before the pronoun.
    for (const clause of sentence.clauses) {
      if (sentence === s && clause.verbStart >= pronoun) break;
      const subject = clause.subject;
      if (clause.subjectPosition !== "before" || !subject || subject.relative) continue;
      const ch = sentence.chunks.find((x) => x.start === subject.start && x.kind === "noun");
      referent = ch && isOrganization(c, ch) && isThing(c, ch) ? ch : undefined;
    }
  }
  if (!referent) return [];
  const token = analysis.tokens[pronoun]!;
  const replacement = PERSONAL.get(c.word(pronoun))!;
  const fix: Fix = { title: `Replace “${token.text}” with “${replacement}”`, edits: [{ start: token.start, end: token.end, text: matchCase(replacement, token.text), expected: token.text }], applicability: "unsafe" };
  return [{ start: token.start, end: token.end, message: expandMessage(spec.message, ["", token.text, c.text(referent.start, referent.end), replacement]), suggestions: [fix] }];
}

/** A noun phrase headed by an organization, country, law, document or machine, or by an acronym ("WADA"). */
function isOrganization(c: SentenceContext, ch: Chunk): boolean {
  return (c.classes(ch.head) & THING_NOUN) !== 0 || /^\p{Lu}{2,}$/u.test(c.analysis.tokens[ch.head]!.text);
}

/** An organization's phrase that can be the referent: not a lone capitalized word at the sentence start ("Bill shook…"). */
function isThing(c: SentenceContext, ch: Chunk): boolean {
  return ch.end - ch.start > 1 || !/^\p{Lu}/u.test(c.analysis.tokens[ch.head]!.text) || /^\p{Lu}{2,}$/u.test(c.analysis.tokens[ch.head]!.text);
}

const isDate = (c: SentenceContext, ch: Chunk) => MONTH_NAMES.has(c.word(ch.head)) || (c.classes(ch.head) & TIME_NOUN) !== 0;

/** A noun phrase that may name a person: a person noun, a noun like "driver" (with `agents`), or a name that is not a place's or a date. */
function mayBePerson(c: SentenceContext, sentence: SentenceClauses, ch: Chunk, agents: boolean): boolean {
  const tags = sentence.tags;
  if ((c.classes(ch.head) & PERSON_PRONOUN) && tags[ch.head]!.coarse === "PRON") return true;
  if (isPlace(c, sentence, ch) || isDate(c, ch)) return false;
  // "the Board of Directors", "the Council of Ministers": people inside an organization's name
  const before = sentence.chunks[sentence.chunks.indexOf(ch) - 2];
  if (ch.inPrepositional && before?.kind === "noun" && isOrganization(c, before) && /^\p{Lu}/u.test(c.analysis.tokens[ch.head]!.text)) return false;
  for (let i = ch.start; i < ch.end; i++) {
    const word = c.word(i).replace(/['’]s$/u, "");
    const t = tags[i]!;
    if ((t.coarse === "NOUN" || t.coarse === "PROPN") && (wordClasses(word) & PERSON_NOUN || wordClasses(word.replace(/s$/u, "")) & PERSON_NOUN)) return true;
    if (agents && t.coarse === "NOUN" && i === ch.head && AGENT_SUFFIX.test(word)) return true;
    if (t.coarse === "PROPN" && !/^\p{Lu}{2,}$/u.test(c.analysis.tokens[i]!.text) && !(wordClasses(word) & THING_NOUN)) return true;
  }
  return false;
}

/** A name after "in", "to", "from" … is a place; the months are no one either. */
function isPlace(c: SentenceContext, sentence: SentenceClauses, ch: Chunk): boolean {
  if (MONTH_NAMES.has(c.word(ch.head))) return true;
  const before = sentence.chunks[sentence.chunks.indexOf(ch) - 1];
  return ch.inPrepositional && before?.kind === "preposition" && (c.classes(before.start) & LOCATIVE_PREPOSITION) !== 0;
}

const MONTH_NAMES = new Set("january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday".split(" "));

// ---------------------------------------------------------------------------------------------
// attribution-without-subject

/**
 * Russian news attributes words to a place without a subject ("сообщили в пресс-службе", "отметили в
 * Кремле": "they said in the press service"), and machine translation keeps the shape: "…, said in the
 * press service of the ministry.", "…, noted.", "In the Kremlin noted that…". English needs the speaker
 * as the subject. Taken only where nothing else can be the subject: a reporting verb in the past right
 * after a comma, dash or closing quotation mark, with a complete clause before it, and after it
 * either the sentence end or "in/at" with a definite phrase or a name that runs to the end (“said in
 * a Washington interview” after a subject's apposition is English); or a reporting verb right after
 * a sentence-initial "in/at" phrase, before "that".
 */
function attributionWithoutSubject(c: SentenceContext, spec: ClauseSpec): RawFinding[] {
  const { s, analysis } = c;
  const tags = s.tags;
  const out: RawFinding[] = [];
  const report = (verb: number, from: number, to: number, rewrite?: string) => {
    const start = analysis.tokens[from]!.start;
    const end = analysis.tokens[to - 1]!.end;
    const verbText = analysis.tokens[verb]!.text;
    out.push({
      start,
      end,
      message: expandMessage(spec.message, ["", c.text(from, to), verbText.toLowerCase(), rewrite ? ` (“${rewrite}”)` : ""]),
      ...(rewrite ? { suggestions: [rewriteFix(c, start, end, rewrite)] } : {}),
    });
  };
  for (let i = s.first + 1; i < s.end; i++) {
    if (!REPORTING_PAST.has(c.word(i))) continue;
    const t = tags[i]!;
    if (!(t.fine === "VBD" || t.fine === "VBN")) continue;
    const clause = s.clauses.find((cl) => cl.verbStart <= i && i < cl.verbEnd);
    // A subject before the verb, after it ("…, said the minister"), or an auxiliary ("was reported"): not this.
    if (clause && (clause.subjectPosition !== "none" || clause.verbStart !== i || clause.verbEnd !== i + 1)) continue;
    if (i > s.first && (tags[i - 1]!.coarse === "AUX" || c.classes(i - 1) & (BE | HAVE_DO))) continue;
    const gap = gapAt(s, i);
    const place = placePhrase(c, i + 1);
    if (gap & (GAP_COMMA | GAP_DASH | GAP_QUOTE_CLOSE) && i >= s.first + 2) {
      // A complete clause or quotation before, and not a name in apposition ("F. W. Dodge, Dodge Corporation, reported").
      if (!s.clauses.some((cl) => cl.verbStart < i && cl.subjectPosition === "before")) continue;
      if (tags[i - 1]!.coarse === "PROPN" || tags[i - 1]!.coarse === "PRON") continue;
      if (i + 1 === s.end) report(i, i, i + 1);
      else if (place && place.end === s.end) report(i, i, place.end, `${c.text(place.start, place.end)} ${analysis.tokens[i]!.text}`);
    } else if (clause && clause.opener === "start" && clause.fronted === "prepositional" && clause.licence === "none" && i + 1 < s.end && c.word(i + 1) === "that") {
      // "In the Kremlin noted that…": the fronted phrase is the speaker.
      const fronted = placePhrase(c, clause.frontedStart);
      if (!fronted || fronted.end !== i || gap & (GAP_HARD | GAP_SOFT)) continue;
      const speaker = c.text(fronted.start, fronted.end);
      report(i, clause.frontedStart, i + 1, `${tags[fronted.start]!.coarse === "PROPN" ? speaker : capitalize(speaker)} ${c.word(i)}`);
    }
  }
  return out;
}

/**
 * "in/at" at token i and a place that can speak: a definite noun phrase or a name, with its "of"
 * phrases, running to the sentence end (or, at a sentence start, to a verb) with no other word
 * between; the tokens of the phrase after the preposition, or undefined.
 */
function placePhrase(c: SentenceContext, i: number): { start: number; end: number } | undefined {
  const { s } = c;
  const tags = s.tags;
  if (i + 1 >= s.end || !(c.word(i) === "in" || c.word(i) === "at")) return undefined;
  const first = tags[i + 1]!;
  if (!(c.word(i + 1) === "the" || first.coarse === "PROPN")) return undefined;
  let k = s.chunks.findIndex((ch) => ch.start === i + 1);
  if (k < 0 || s.chunks[k]!.kind !== "noun" || s.chunks[k]!.adjectival) return undefined;
  let end = s.chunks[k]!.end;
  for (k++; k + 1 < s.chunks.length; k += 2) {
    const prep = s.chunks[k]!;
    const np = s.chunks[k + 1]!;
    if (prep.kind !== "preposition" || !["of", "for"].includes(c.word(prep.start)) || np.kind !== "noun") break;
    end = np.end;
  }
  for (let j = i + 1; j < end; j++) if (j > i + 1 && gapAt(s, j) & ~(GAP_INNER_QUOTE | GAP_STOP)) return undefined;
  if (c.classes(s.chunks[s.chunks.findIndex((ch) => ch.start === i + 1)]!.head) & TIME_NOUN) return undefined; // "at the time", "in the morning"
  return { start: i + 1, end };
}

const CHECK_FUNCTIONS: Record<CheckName, Check> = {
  "verb-before-subject": verbBeforeSubject,
  "missing-subject": missingSubject,
  "missing-verb": missingVerb,
  "dash-for-copula": dashForCopula,
  "subject-verb-agreement": subjectVerbAgreement,
  "verb-after-object": verbAfterObject,
  "pronoun-for-thing": pronounForThing,
  "attribution-without-subject": attributionWithoutSubject,
};

/** What a segment must contain for a check to look at it at all. */
const PREFILTER: Partial<Record<CheckName, RegExp>> = {
  "dash-for-copula": /[–—-]/u,
  "pronoun-for-thing": /\b(?:[Hh]e|[Ss]he|[Hh]is)\b/u,
};

/**
 * Which sentences of the segment last asked for are running text, shared by all clause rules: lint()
 * runs every rule on one segment before the next, so one entry serves them all.
 */
let lastRunning: { analysis?: SegmentAnalysis; running?: (Words | undefined)[] } = {};

/** The words of each sentence of running text (undefined for the others); undefined for a language without tagger. */
function runningSentences(analysis: SegmentAnalysis): (Words | undefined)[] | undefined {
  if (!hasTagger(analysis.language)) return undefined;
  if (lastRunning.analysis !== analysis) {
    const { lowerTokens: lower, sentenceTokens: starts } = analysis;
    const classes = analysis.wordClasses;
    lastRunning = {
      analysis,
      running: analysis.sentences.map((_, k) => {
        const running = isRunningText(analysis, k);
        return running === "no" ? undefined : { manyCapitals: running === "many capitals", lower, classes, first: starts[k]!, end: starts[k + 1]!, analysis, k };
      }),
    };
  }
  return lastRunning.running;
}

export const clauseKind: RuleKind = {
  name: "clause",
  fixes: (spec) => (["verb-before-subject", "dash-for-copula", "subject-verb-agreement", "pronoun-for-thing", "attribution-without-subject"].includes(spec.check as string) ? "unsafe" : "none"),
  compile(rawSpec, env): CompiledRule {
    const spec = rawSpec as ClauseSpec;
    if (!CHECKS.includes(spec.check)) throw configError(`check must be one of ${CHECKS.join(", ")}`, { file: env.file, pointer: `${env.pointer}/check` });
    const check = CHECK_FUNCTIONS[spec.check];
    const mayFlag = MAY_FLAG[spec.check];
    // A dash for "is" is followed by names as often as not ("Authors of the bill – Senators A and B"): the dash check counts capitals before the dash only.
    const acceptsCapitals = spec.check === "dash-for-copula";
    const prefilter = PREFILTER[spec.check];
    return {
      spec,
      checkSegment(analysis, index, report) {
        if (prefilter && !prefilter.test(analysis.text)) return;
        const running = runningSentences(analysis);
        if (!running) return; // no tagger for this language
        const lower = analysis.lowerTokens;
        for (let k = 0; k < running.length; k++) {
          const words = running[k];
          if (!words || (words.manyCapitals && !acceptsCapitals) || !mayFlag(words)) continue;
          const s = analysis.clauses(k)!;
          const text = analysis.text;
          const context: SentenceContext = {
            analysis,
            s,
            k,
            text: (from, to) => (from < to ? text.slice(analysis.tokens[from]!.start, analysis.tokens[to - 1]!.end) : ""),
            word: (i) => lower[i]!,
            classes: (i) => words.classes[i]!,
            words,
          };
          for (const finding of check(context, spec)) report(index, finding);
        }
      },
    };
  },
};
