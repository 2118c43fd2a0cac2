/**
 * Clause structure of a tagged English sentence: chunks (noun phrases with their head, verb groups
 * with their finite verb, prepositions, adverbials, connectives), and for every finite verb its
 * clause — what opens it, the subject candidate with its head and number, what stands before the
 * verb, the voice, and whether a verb without a subject before it is licensed (a question, quotative
 * inversion, a negative or "only" adverbial, "so/neither/nor", a conditional "had/were/should",
 * locative inversion, a comparative "than/as", an imperative, a subject shared with the verb
 * before). Rules about word order, missing subjects and verbs, copulas and agreement read it through
 * SegmentAnalysis.clauses(k), computed on first use per sentence: one pass over the tokens makes the
 * chunks, then one leftward scan per finite verb stops at its clause's opener.
 *
 * The analysis is shallow and, where English allows a reading with a subject, takes it: a rule built
 * on it must stay quiet on clean English, where every misreading shows up as a false alarm.
 */
import type { Span } from "../core/types.js";
import {
  BE, CLAUSAL_PREPOSITION, CLAUSE_VERB, CONNECTIVE_ADVERB, FREE_RELATIVE, HAVE_DO, INTRANSITIVE_VERB, LOCATIVE_VERB, NEGATIVE_ADVERB,
  OBJECT_PRONOUN, PERSON_NOUN, PHRASE_DETERMINER, QUANTIFIER, QUANTITY_NOUN, SINGULAR_IN_S, SPEECH_VERB, SUBJECT_PRONOUN, TIME_NOUN,
  ZERO_RELATIVE_NOUN,
} from "./clause-words.js";
import type { PosTag } from "./pos.js";
import type { Token } from "./text.js";

// Punctuation between two tokens, as bits.
export const GAP_COMMA = 1 << 0;
export const GAP_SEMICOLON = 1 << 1;
export const GAP_COLON = 1 << 2;
export const GAP_DASH = 1 << 3;
export const GAP_QUOTE_OPEN = 1 << 4;
export const GAP_QUOTE_CLOSE = 1 << 5;
export const GAP_PAREN_OPEN = 1 << 6;
export const GAP_PAREN_CLOSE = 1 << 7;
/** A full stop inside a sentence ends an abbreviation ("Mr.", "Co."): not a boundary. */
export const GAP_STOP = 1 << 8;
export const GAP_QUESTION = 1 << 9;
export const GAP_EXCLAMATION = 1 << 10;
export const GAP_OTHER = 1 << 11;
/** A quotation mark around words inside a clause (a name, a title, a quoted phrase): no boundary. */
export const GAP_INNER_QUOTE = 1 << 12;
/** Brackets, or a pair of dashes, around words without a finite verb: a boundary like a comma. */
export const GAP_PARENTHESIS = 1 << 13;
/** The opening quotation mark is a single one (‘ or '). */
export const GAP_SINGLE_QUOTE = 1 << 14;
/** Marks that end a clause whatever follows. */
export const GAP_HARD = GAP_SEMICOLON | GAP_COLON | GAP_DASH | GAP_QUOTE_OPEN | GAP_QUOTE_CLOSE | GAP_PAREN_OPEN | GAP_PAREN_CLOSE | GAP_QUESTION | GAP_EXCLAMATION;
export const GAP_QUOTE = GAP_QUOTE_OPEN | GAP_QUOTE_CLOSE;
/** Marks that set off a parenthesis or a fronted phrase. */
export const GAP_SOFT = GAP_COMMA | GAP_PARENTHESIS;

export type ChunkKind = "noun" | "preposition" | "verb" | "adverb" | "coordinator" | "subordinator" | "relative" | "other";

export interface Chunk {
  kind: ChunkKind;
  /** Tokens [start, end) of the segment. */
  start: number;
  end: number;
  /** Noun phrase: its head noun (the last noun); verb group: its last verb; otherwise the first token. */
  head: number;
  /** Verb group: its finite verb (MD, VBZ, VBP, VBD), or -1 for participles and infinitives. */
  finite: number;
  /** Noun phrase: the object of the preposition before it. */
  inPrepositional: boolean;
  /** Noun phrase: made of adjectives only ("able", "the same", "many"). */
  adjectival: boolean;
}

export type GrammaticalNumber = "singular" | "plural" | "unknown";

/** What opens a clause. */
export type Opener =
  | "start" // the sentence start
  | "punctuation" // ; : dash bracket, or a comma before the subject
  | "quote" // a quotation mark
  | "coordinator" // and, but, or, nor
  | "subordinator" // that, because, if, when …
  | "relative" // who, which, that as a pronoun
  | "verb" // directly after another verb group (or its object)
  | "noun"; // directly after a noun phrase: a relative clause without a pronoun ("the man I saw"), or a fronted object

/** Why a verb may stand without a subject before it. */
export type Licence =
  | "none"
  | "question"
  | "quotative" // “…,” said the minister
  | "negative" // Never have I…, Only then did…
  | "so-neither" // so did he, nor has she
  | "conditional" // Had I known…
  | "locative" // In the room sat a man; Here comes…; Among them were…
  | "comparative" // than did X, as is the case
  | "imperative"
  | "shared-subject" // He came and saw; He came home, took a shower
  | "participle" // "Caught at last, he was sentenced": a participle read as a past tense
  | "split-verb" // the main verb of an auxiliary that stands before its subject ("should a minister trust"): the auxiliary's clause is judged
  | "optative"; // May you…

export interface Subject {
  /** Tokens [start, end) of the subject phrase (both noun phrases of a coordination). */
  start: number;
  end: number;
  /** The head noun whose number the verb follows; for a relative pronoun, the head of its antecedent (or -1). */
  head: number;
  number: GrammaticalNumber;
  coordinated: boolean;
  /** A relative pronoun ("who", "which", "that") standing for the subject. */
  relative: boolean;
  /** Prepositional phrases, a parenthesis or a relative clause stand between the head and the verb. */
  separated: boolean;
}

export interface Clause {
  /** First token of the clause (its opener, if any). */
  start: number;
  opener: Opener;
  /** The opener's word in lower case ("and", "that"), or "" for punctuation and the start. */
  openerWord: string;
  /** The finite verb group: tokens [verbStart, verbEnd); `finite` its finite verb, `main` its last verb. */
  verbStart: number;
  verbEnd: number;
  finite: number;
  main: number;
  passive: boolean;
  /** The group's last verb is a form of "be" ("is", "will be", "has been"). */
  copula: boolean;
  /** The verb's number from its form ("is": singular, "are": plural), "unknown" for past forms and modals. */
  verbNumber: GrammaticalNumber;
  /** Where the subject candidate stands: before the verb, after it, between auxiliary and main verb, or nowhere. */
  subjectPosition: "before" | "after" | "inside" | "none";
  subject?: Subject;
  /** Tokens [frontedStart, frontedEnd) between the opener and the subject or verb (adverbials, prepositional phrases). */
  frontedStart: number;
  frontedEnd: number;
  /** What the fronted material starts with. */
  fronted: "none" | "prepositional" | "adverbial" | "nominal" | "clause";
  /** The subject candidate directly follows another verb group ("said the plan is", "have these functions are"): its first token, else -1. */
  afterVerb: number;
  licence: Licence;
}

export interface SentenceClauses {
  /** Tokens [first, end) of the segment. */
  first: number;
  end: number;
  span: Span;
  /** gaps[i - first]: punctuation before token i; gaps[end - first]: after the last token. */
  gaps: Uint16Array;
  /** How the sentence ends: ".", "?", "!", or "" (no final mark: a headline, a caption, a cut-off text). */
  terminal: "." | "?" | "!" | "";
  /** The tags the analysis used, by segment token (the segment's, or this sentence's own). */
  tags: readonly PosTag[];
  chunks: Chunk[];
  clauses: Clause[];
}

/** Bits of the punctuation in text[from, to). Quotation marks are opening when a word follows them directly. */
export function gapBits(text: string, from: number, to: number): number {
  let bits = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    switch (c) {
      case 32: case 9: case 10: case 13: case 0xa0:
        continue;
      case 44: bits |= GAP_COMMA; break;
      case 59: bits |= GAP_SEMICOLON; break;
      case 58: bits |= GAP_COLON; break;
      case 45: case 0x2012: case 0x2013: case 0x2014: case 0x2015: bits |= GAP_DASH; break;
      case 40: case 91: case 123: bits |= GAP_PAREN_OPEN; break;
      case 41: case 93: case 125: bits |= GAP_PAREN_CLOSE; break;
      case 46: case 0x2026: bits |= GAP_STOP; break;
      case 63: bits |= GAP_QUESTION; break;
      case 33: bits |= GAP_EXCLAMATION; break;
      case 0x201c: case 0xab: case 0x201e: case 0x2039: bits |= GAP_QUOTE_OPEN; break;
      case 0x201d: case 0xbb: case 0x203a: bits |= GAP_QUOTE_CLOSE; break;
      case 34: case 39: case 96: case 0x2018: case 0x2019: {
        // Straight and single quotes: opening when a word follows directly and none ends just before.
        const before = k > 0 ? text.charCodeAt(k - 1) : 32;
        const after = k + 1 < text.length ? text.charCodeAt(k + 1) : 32;
        // After a letter, an apostrophe ends a word ("Massachusetts' senator", "sayin'"), or closes a single quote: either way no boundary.
        if ((c === 39 || c === 0x2019) && k === from && isLetter(before)) break;
        const opening = isSpaceOrOpening(before) && !isSpace(after);
        bits |= opening ? GAP_QUOTE_OPEN | (c === 34 ? 0 : GAP_SINGLE_QUOTE) : GAP_QUOTE_CLOSE;
        break;
      }
      default:
        if (c > 0x2000 && c <= 0x200b) continue;
        bits |= GAP_OTHER;
    }
  }
  return bits;
}
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 0xbf && c < 0x2000);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
const isSpaceOrOpening = (c: number) => isSpace(c) || c === 40 || c === 91 || c === 45 || c === 0x2014 || c === 0x2013;

const isFiniteTag = (t: PosTag) => (t.coarse === "VERB" || t.coarse === "AUX") && (t.fine === "VBD" || t.fine === "VBZ" || t.fine === "VBP" || t.fine === "MD");
const isVerbTag = (t: PosTag) => t.coarse === "VERB" || t.coarse === "AUX";
const isNounTag = (t: PosTag) => t.coarse === "NOUN" || t.coarse === "PROPN";

/** One sentence being analysed: its words, word classes and punctuation, by token. */
class SentenceWork {
  readonly chunks: Chunk[] = [];
  /** chunkOf[i - first]: the chunk holding token i. */
  readonly chunkOf: Int32Array;
  /** The clause of each finite verb chunk analysed so far. */
  readonly clauseOfChunk = new Map<number, Clause>();

  constructor(
    readonly tokens: readonly Token[],
    readonly tags: readonly PosTag[],
    /** The segment's tokens in lower case, and their word classes (clause-words.ts). */
    readonly lower: readonly string[],
    readonly classes: Int32Array,
    readonly first: number,
    readonly end: number,
    readonly gaps: Uint16Array,
  ) {
    this.chunkOf = new Int32Array(end - first).fill(-1);
  }

  tag(i: number): PosTag {
    return this.tags[i]!;
  }
  word(i: number): string {
    return this.lower[i]!;
  }
  has(i: number, bit: number): boolean {
    return (this.classes[i]! & bit) !== 0;
  }
  /** Punctuation before token i (i = end: after the last token). */
  gap(i: number): number {
    return this.gaps[i - this.first]!;
  }
  chunkAt(i: number): number {
    return this.chunkOf[i - this.first]!;
  }
}

/**
 * The first token of each sentence, then the token count: sentence k holds tokens [t[k], t[k + 1]).
 * A token outside every sentence (none in practice) goes with the sentence before it.
 */
export function sentenceTokenStarts(tokens: readonly Token[], sentences: readonly Span[]): Int32Array {
  const starts = new Int32Array(sentences.length + 1);
  let t = 0;
  sentences.forEach((span, k) => {
    while (t < tokens.length && tokens[t]!.start < span.start) t++;
    starts[k] = t;
    while (t < tokens.length && tokens[t]!.end <= span.end) t++;
  });
  starts[sentences.length] = t;
  return starts;
}

/** Analyses one sentence: tokens [first, end) of a segment's tokens, with the segment's tags, its tokens in lower case and their word classes. */
export function analyseSentence(text: string, tokens: readonly Token[], tags: readonly PosTag[], lower: readonly string[], classes: Int32Array, span: Span, first: number, end: number): SentenceClauses {
  const gaps = new Uint16Array(end - first + 1);
  for (let i = first; i <= end; i++) {
    const from = i === first ? span.start : tokens[i - 1]!.end;
    const to = i === end ? span.end : tokens[i]!.start;
    gaps[i - first] = gapBits(text, from, to);
  }
  const last = gaps[end - first]!;
  const terminal = last & GAP_QUESTION ? "?" : last & GAP_EXCLAMATION ? "!" : last & GAP_STOP ? "." : "";
  pairMarks(tokens, tags, first, end, gaps);
  const s = new SentenceWork(tokens, tags, lower, classes, first, end, gaps);
  chunk(s);
  const clauses: Clause[] = [];
  s.chunks.forEach((c, k) => {
    if (c.kind !== "verb" || c.finite < 0) return;
    const clause = analyseClause(s, k);
    s.clauseOfChunk.set(k, clause);
    clauses.push(clause);
  });
  return { first, end, span, gaps, terminal, tags, chunks: s.chunks, clauses };
}

// ---------------------------------------------------------------------------------------------
// Paired marks: brackets are parentheses; quotation marks around words without a finite verb or
// around a title, opened in the middle of a clause and closed without other punctuation, or going
// on in lower case, are part of the clause; a pair of dashes around a short stretch is a parenthesis.

const PARENTHETICAL_DASH_WORDS = 25;

const startsLowerCase = (word: string) => /^\p{Ll}/u.test(word);

/** Tokens [from, to) are a title: every word of four letters or more is capitalized. */
function isTitle(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (tokens[i]!.text.length >= 4 && !/^\p{Lu}/u.test(tokens[i]!.text)) return false;
  return true;
}

function pairMarks(tokens: readonly Token[], tags: readonly PosTag[], first: number, end: number, gaps: Uint16Array): void {
  const at = (i: number) => gaps[i - first]!;
  const set = (i: number, bits: number) => (gaps[i - first] = bits);
  const finiteIn = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (isFiniteTag(tags[i]!)) return true;
    return false;
  };
  let open = -1;
  for (let i = first; i <= end; i++) {
    const g = at(i);
    if (g & GAP_PAREN_OPEN && i < end) open = i;
    else if (g & GAP_PAREN_CLOSE && open >= 0) {
      set(open, (at(open) & ~GAP_PAREN_OPEN) | GAP_PARENTHESIS);
      // A question or exclamation mark inside the brackets ends nothing outside them.
      if (i < end) set(i, (g & ~(GAP_PAREN_CLOSE | GAP_QUESTION | GAP_EXCLAMATION)) | GAP_PARENTHESIS);
      open = -1;
    }
  }
  for (let i = first; i < end; i++) {
    const g = at(i);
    if (!(g & GAP_QUOTE_OPEN)) continue;
    let j = i + 1;
    while (j <= end && !(at(j) & GAP_QUOTE_CLOSE)) j++;
    // A quotation that goes on the sentence in lower case ("the jury said, "is lacking …") is part of it.
    const continues = i > first && startsLowerCase(tokens[i]!.text);
    if (j > end) {
      // An opening single quote whose closing mark read as an apostrophe, or a quotation going on in lower case.
      if (continues || g & GAP_SINGLE_QUOTE) set(i, (g & ~GAP_QUOTE_OPEN) | GAP_INNER_QUOTE);
      continue;
    }
    const inner = at(j);
    const midClause = i > first && !(g & ~GAP_QUOTE_OPEN) && (j === end || !(inner & ~GAP_QUOTE_CLOSE));
    if (midClause || continues || !finiteIn(i, j) || isTitle(tokens, i, j)) {
      set(i, (g & ~GAP_QUOTE_OPEN) | GAP_INNER_QUOTE);
      if (j < end) set(j, (inner & ~GAP_QUOTE_CLOSE) | GAP_INNER_QUOTE);
    }
    i = j - 1;
  }
  for (let i = first + 1; i < end; i++) {
    if (!(at(i) & GAP_DASH)) continue;
    let j = i + 1;
    while (j < end && j - i <= PARENTHETICAL_DASH_WORDS && !(at(j) & (GAP_DASH | GAP_HARD))) j++;
    if (j < end && at(j) & GAP_DASH) {
      set(i, (at(i) & ~GAP_DASH) | GAP_PARENTHESIS);
      set(j, (at(j) & ~GAP_DASH) | GAP_PARENTHESIS);
    }
    i = j - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Chunks

function chunk(s: SentenceWork): void {
  const { first, end } = s;
  let afterPreposition = false;
  let i = first;
  while (i < end) {
    const t = s.tag(i);
    const start = i;
    let kind: ChunkKind;
    let head = i;
    let finite = -1;
    let adjectival = false;
    const inPrepositional = afterPreposition && !(s.gap(i) & (GAP_HARD | GAP_SOFT));
    afterPreposition = false;
    if (i + 1 < end && !(s.gap(i + 1) & (GAP_HARD | GAP_SOFT)) && ADVERBIAL_IDIOMS.has(`${s.word(i)} ${s.word(i + 1)}`)) {
      kind = "adverb"; // "at least", "of course"
      i += 2;
    } else if (s.has(i, CONNECTIVE_ADVERB) && (t.coarse === "ADV" || t.fine === "WRB" || t.coarse === "SCONJ")) {
      kind = "adverb";
      i++;
    } else if (startsNounPhrase(s, i)) {
      kind = "noun";
      ({ end: i, head, adjectival } = nounPhrase(s, i));
    } else if ((t.coarse === "PRON" && (t.fine === "WP" || t.fine === "WDT" || t.fine === "WP$")) || (t.coarse === "DET" && t.fine === "WDT")) {
      kind = "relative";
      i++;
    } else if (t.coarse === "PRON") {
      kind = "noun";
      i++;
    } else if (isVerbTag(t) || (t.coarse === "PART" && t.fine === "TO" && i + 1 < end && isVerbTag(s.tag(i + 1)))) {
      kind = "verb";
      ({ end: i, head, finite } = verbGroup(s, i));
    } else if (t.coarse === "ADP" && t.fine === "IN" && !(APPROXIMATORS.has(s.word(i)) && i + 1 < end && /^\d/.test(s.tokens[i + 1]!.text))) {
      kind = "preposition";
      afterPreposition = true;
      i++;
    } else if (s.word(i) === "about" && i + 1 < end && !(s.gap(i + 1) & (GAP_HARD | GAP_SOFT)) && ABOUT_OBJECTS.has(s.word(i + 1)) && s.word(i + 2 < end ? i + 2 : i) !== "same") {
      kind = "preposition"; // "About this…": the tagger reads it as the "about" of "about 50"
      afterPreposition = true;
      i++;
    } else if (t.coarse === "ADV" && t.fine === "WRB") {
      kind = "subordinator";
      i++;
    } else if (t.coarse === "ADV" || (t.coarse === "PART" && t.fine === "RB")) {
      kind = "adverb";
      i++;
      while (i < end && !(s.gap(i) & (GAP_HARD | GAP_SOFT)) && s.tag(i).coarse === "ADV" && s.tag(i).fine !== "WRB" && !s.has(i, CONNECTIVE_ADVERB)) i++;
    } else if (t.coarse === "CCONJ") {
      kind = "coordinator";
      i++;
    } else if (t.coarse === "SCONJ") {
      kind = "subordinator";
      i++;
    } else {
      kind = "other";
      i++;
    }
    const index = s.chunks.length;
    s.chunks.push({ kind, start, end: i, head, finite, inPrepositional: kind === "noun" && inPrepositional, adjectival });
    for (let k = start; k < i; k++) s.chunkOf[k - first] = index;
  }
  reviseConnectives(s);
}

/** Prepositions that mean "more/less than" before a number ("over 200", "about 50"): adverbs there. */
const APPROXIMATORS = new Set(["over", "under", "about", "around", "nearly", "almost", "some", "upwards"]);

const ADVERBIAL_IDIOMS = new Set([
  "or not", "at least", "at most", "at last", "at first", "at once", "at all", "of course", "in fact", "at times", "in particular", "in general",
  "for example", "for instance", "at present", "in short", "above all", "after all", "in turn", "so far", "at any rate", "by far",
]);

const ABOUT_OBJECTS = new Set(["this", "that", "it", "these", "those", "the", "his", "her", "its", "their", "our", "him", "them"]);

/**
 * Fixes what only the next chunks show: a preposition that introduces a clause ("after the war
 * ended") is a subordinator; "as/than/like" before a noun phrase that no verb follows is a
 * preposition ("as a legislator"); and the object of a preposition directly before a finite verb
 * loses a name or a second noun phrase that is really the subject ("in the event Congress acts",
 * "for the convenience of guests bundle centers have been…").
 */
function reviseConnectives(s: SentenceWork): void {
  const { chunks } = s;
  for (let k = 0; k + 1 < chunks.length; k++) {
    const ch = chunks[k]!;
    const next = chunks[k + 1]!;
    if (ch.kind === "subordinator" && s.word(ch.start) === "because" && next.kind === "preposition" && s.word(next.start) === "of") {
      ch.kind = "preposition"; // "because of"
      continue;
    }
    if (next.kind !== "noun" || s.gap(next.start) & (GAP_HARD | GAP_SOFT)) continue;
    let a = k + 2;
    while (a < chunks.length && chunks[a]!.kind === "adverb" && !(s.gap(chunks[a]!.start) & (GAP_HARD | GAP_SOFT))) a++;
    const after = chunks[a];
    const verbDirectly = after?.kind === "verb" && after.finite >= 0 && !(s.gap(after.start) & (GAP_HARD | GAP_SOFT));
    const verbFollows = verbDirectly || finiteVerbAfterPrepositions(s, k + 2);
    const word = s.word(ch.start);
    const clauseStart = k === 0 || (s.gap(ch.start) & GAP_HARD) !== 0;
    if (ch.kind === "preposition" && !next.adjectival && ((s.has(ch.start, CLAUSAL_PREPOSITION) && verbFollows) || (word === "for" && clauseStart && verbFollows))) {
      ch.kind = "subordinator"; // "after the war ended"; "For Larkin is content"
      next.inPrepositional = false;
    } else if (ch.kind === "subordinator" && (word === "as" || word === "than" || word === "like") && ((!verbFollows && after?.kind !== "relative") || isSubjectBefore(s, k))) {
      ch.kind = "preposition"; // "as a legislator"
      next.inPrepositional = true;
    } else if (next.inPrepositional && (verbFollows || yearBeforeName(s, next))) {
      splitSubjectFromObject(s, k + 1);
    }
  }
}

/** Chunk k directly follows a noun phrase at a clause start: "We as a nation can…" ("as" then introduces a phrase, not a clause). */
function isSubjectBefore(s: SentenceWork, k: number): boolean {
  const before = s.chunks[k - 1];
  return before?.kind === "noun" && !before.inPrepositional && !(s.gap(s.chunks[k]!.start) & (GAP_HARD | GAP_SOFT)) && (k - 1 === 0 || (s.gap(before.start) & (GAP_HARD | GAP_SOFT)) !== 0);
}

/** From chunk k on, prepositional phrases or adverbs and then a finite verb, with no punctuation between. */
function finiteVerbAfterPrepositions(s: SentenceWork, k: number): boolean {
  const { chunks } = s;
  for (;;) {
    const ch = chunks[k];
    if (ch && s.gap(ch.start) & (GAP_HARD | GAP_SOFT)) break;
    if (ch && (ch.kind === "adverb" || (ch.kind === "verb" && ch.finite < 0 && s.tag(ch.start).coarse === "VERB"))) k++; // "clinics associated with dental schools will…"
    else if (k + 1 < chunks.length && ch!.kind === "coordinator" && chunks[k + 1]!.kind === "noun") k += 2;
    else if (k + 1 < chunks.length && chunks[k]!.kind === "preposition" && chunks[k + 1]!.kind === "noun" && !(s.gap(chunks[k]!.start) & (GAP_HARD | GAP_SOFT))) k += 2;
    else break;
  }
  const ch = chunks[k];
  return ch !== undefined && k > 0 && ch.kind === "verb" && ch.finite >= 0 && !(s.gap(ch.start) & (GAP_HARD | GAP_SOFT));
}

/**
 * Splits noun phrase chunk k (a prepositional object directly before a finite verb) where a subject
 * can start inside it — English often sets no comma after a fronted phrase ("In 1957 Nixon
 * delivered", "Regardless of the decision two facts are clear", "in the event Congress acts"):
 * at a name after a common word, a number, a determiner or possessive, a title, a noun after a
 * plural, or a word after "way/time/day…". Without such a point ("in the text of the document is
 * written") the verb has no subject there.
 */
function splitSubjectFromObject(s: SentenceWork, k: number): void {
  const ch = s.chunks[k]!;
  const at = splitPoint(s, ch);
  if (at < 0) return;
  const tail: Chunk = { kind: "noun", start: at, end: ch.end, head: ch.head, finite: -1, inPrepositional: false, adjectival: false };
  ch.end = at;
  ch.head = at - 1;
  s.chunks.splice(k + 1, 0, tail);
  for (let c = k + 1; c < s.chunks.length; c++) for (let i = s.chunks[c]!.start; i < s.chunks[c]!.end; i++) s.chunkOf[i - s.first] = c;
}

const MONTHS = new Set("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split(" "));

/** A year and a name in one prepositional object ("in 1946 Sir Winston Churchill"): always two phrases. */
function yearBeforeName(s: SentenceWork, ch: Chunk): boolean {
  return s.tag(ch.start).coarse === "NUM" && ch.end - ch.start > 1 && s.tag(ch.start + 1).coarse === "PROPN" && !MONTHS.has(s.word(ch.start + 1));
}

/** "the third Frank Robinson", "the latter year": an ordinal ends a phrase before a name (an adjective like "Russian" does not). */
const DEMONSTRATIVES = new Set(["this", "that", "these", "those"]);

const ORDINAL = /^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|next|final|latter|former)$/;

function splitPoint(s: SentenceWork, ch: Chunk): number {
  const nameHead = s.tag(ch.head).coarse === "PROPN";
  for (let i = ch.start + 1; i < ch.end; i++) {
    const previous = s.tag(i - 1);
    const t = s.tag(i);
    const afterNoun = isNounTag(previous) || previous.coarse === "NUM";
    const ordinal = previous.coarse === "ADJ" && ORDINAL.test(s.word(i - 1));
    if (nameHead && t.coarse === "PROPN" && (previous.coarse === "NOUN" || ordinal || (previous.coarse === "NUM" && !MONTHS.has(s.word(i))))) return i;
    if (nameHead && t.coarse === "PROPN" && previous.coarse === "PROPN" && s.has(i, PERSON_NOUN)) return i; // "in Philadelphia Mr. Nixon"
    if (afterNoun && (t.coarse === "NUM" || t.coarse === "DET" || t.fine === "PRP$" || (t.coarse === "ADJ" && previous.coarse !== "NUM"))) return i;
    if ((previous.fine === "NNS" || previous.fine === "NNPS") && isNounTag(t)) return i;
    if ((previous.fine === "NN" || previous.fine === "NNP" || previous.coarse === "NUM") && t.fine === "NNS" && i === ch.head) return i; // "in normal use weights are hung"
    if ((previous.coarse === "PRON" || (previous.fine === "DT" && DEMONSTRATIVES.has(s.word(i - 1)))) && t.coarse === "PROPN") return i; // "upon most of these Christianity had left"
    if (DEMONSTRATIVES.has(s.word(i - 1)) && (t.fine === "NNS") !== (s.word(i - 1) === "these" || s.word(i - 1) === "those") && isNounTag(t)) return i; // "from this doctors can read"
    if (previous.coarse === "NUM" && t.coarse === "NOUN" && i === ch.head && s.tag(i - 1).coarse === "NUM" && /^\d{4}$/.test(s.word(i - 1))) return i; // "in November 1900 surveying was done"
    if (isNounTag(previous) && /['’]s$/u.test(s.word(i)) && t.coarse === "PROPN") return i; // "the venture Fosdick's report"
    if (s.has(i - 1, ZERO_RELATIVE_NOUN) && isNounTag(previous) && (isNounTag(t) || t.coarse === "ADJ")) return i;
    if (s.has(i, PHRASE_DETERMINER) && t.coarse !== "NOUN") return i;
  }
  return -1;
}

function startsNounPhrase(s: SentenceWork, i: number): boolean {
  const t = s.tag(i);
  switch (t.coarse) {
    case "NOUN": case "PROPN": case "NUM": case "ADJ":
      return true;
    case "DET":
      return t.fine !== "WDT";
    case "PRON":
      return t.fine === "PRP$";
    default:
      return false;
  }
}

/** A noun phrase from token i: determiners, possessives, numbers, adjectives, participles before a noun, nouns. */
function nounPhrase(s: SentenceWork, i: number): { end: number; head: number; adjectival: boolean } {
  const { end } = s;
  let head = -1;
  let lastNominal = i;
  for (let k = i; k < end; k++) {
    if (k > i && s.gap(k) & (GAP_HARD | GAP_SOFT)) break;
    const t = s.tag(k);
    const headIsNoun = head >= 0 && isNounTag(s.tag(head));
    if (k > i && s.has(k, PHRASE_DETERMINER) && t.coarse !== "NOUN" && t.coarse !== "ADJ" || (k > i && s.has(k, PHRASE_DETERMINER) && lastNominal >= 0 && s.tag(lastNominal).coarse !== "DET" && s.tag(lastNominal).fine !== "PDT" && t.coarse !== "NOUN")) break;
    if (isNounTag(t) || t.coarse === "NUM") {
      head = k;
      lastNominal = k;
    } else if (t.coarse === "ADJ") {
      if (headIsNoun) break; // "found the room dark": a complement
      lastNominal = k;
    } else if (t.coarse === "ADV" && t.fine !== "WRB" && k > i && head < 0 && k + 1 < end && !(s.gap(k + 1) & (GAP_HARD | GAP_SOFT)) && s.tag(k + 1).coarse === "ADJ") {
      lastNominal = k; // "the more familiar plans", "a very good idea"
    } else if ((t.coarse === "DET" || (t.coarse === "PRON" && t.fine === "PRP$")) && k === i) {
      lastNominal = k;
    } else if (t.coarse === "DET" && (s.tag(k - 1).fine === "PDT" || s.tag(k - 1).coarse === "DET") && head < 0) {
      lastNominal = k; // "all the", "such a"
    } else if ((t.fine === "VBG" || t.fine === "VBN") && !headIsNoun && k > i && k + 1 < end && !(s.gap(k + 1) & (GAP_HARD | GAP_SOFT)) && isNounTag(s.tag(k + 1))) {
      lastNominal = k; // "the adopted law", "a growing problem"
    } else break;
  }
  if (head < 0 || s.tag(head).coarse === "NUM" && lastNominal > head) return { end: lastNominal + 1, head: lastNominal, adjectival: head < 0 && s.tag(i).coarse !== "DET" && s.tag(i).fine !== "PRP$" };
  return { end: Math.max(head, lastNominal) + 1, head, adjectival: false };
}

/** A verb group from token i: auxiliaries, "not" and adverbs between them, the main verb, a particle; or "to" and an infinitive. */
function verbGroup(s: SentenceWork, i: number): { end: number; head: number; finite: number } {
  const { end } = s;
  const infinitive = s.tag(i).coarse === "PART";
  const finite = !infinitive && isFiniteTag(s.tag(i)) ? i : -1;
  let head = infinitive ? i + 1 : i;
  let k = head + 1;
  for (; k < end; k++) {
    if (s.gap(k) & (GAP_HARD | GAP_SOFT)) break;
    const t = s.tag(k);
    if (isVerbTag(t)) {
      // A verb after a lexical verb starts a new group ("the man I saw left").
      if (!isAuxiliary(s, head)) break;
      head = k;
    } else if ((t.coarse === "PART" && t.fine === "RB") || (t.coarse === "ADV" && t.fine !== "WRB" && k + 1 < end && isVerbTag(s.tag(k + 1)) && isAuxiliary(s, head))) {
      continue; // "has not yet been"
    } else if (t.coarse === "ADP" && t.fine === "RP") {
      k++; // a particle ends the group: "gave up"
      break;
    } else break;
  }
  // "not" and adverbs with no verb after them are not part of the group.
  let last = k;
  while (last - 1 > head && !isVerbTag(s.tag(last - 1)) && s.tag(last - 1).fine !== "RP") last--;
  return { end: last, head, finite };
}

/** Token i is an auxiliary that another verb form may follow: a modal, "be", "have", "do", "get". */
function isAuxiliary(s: SentenceWork, i: number): boolean {
  return s.tag(i).coarse === "AUX" || s.has(i, BE | HAVE_DO) || s.word(i) === "get" || s.word(i) === "got" || s.word(i) === "gets";
}

// ---------------------------------------------------------------------------------------------
// Clauses

/** A hard boundary (quotation mark, dash, bracket, semicolon, colon) before chunk k. */
const hardBefore = (s: SentenceWork, k: number) => (s.gap(s.chunks[k]!.start) & GAP_HARD) !== 0;
/** A comma or parenthesis before chunk k. */
const softBefore = (s: SentenceWork, k: number) => k < s.chunks.length && (s.gap(s.chunks[k]!.start) & GAP_SOFT) !== 0;

interface SubjectSearch {
  subject: number; // chunk index, -1
  coordinatedFrom: number; // chunk index of the first conjunct, -1
  relative: boolean;
  antecedent: number; // chunk index of a relative pronoun's antecedent, -1
  /** The chunk where the clause starts and what it is. */
  startChunk: number;
  opener: Opener;
  /** The verb chunk the subject candidate directly follows, -1. */
  afterVerb: number;
  separated: boolean;
  /** A comma between the previous verb (or its complement) and this verb: verb phrases sharing one subject. */
  commaList: boolean;
  /** The main verb of an auxiliary before it ("should a minister trust"). */
  continuation: boolean;
}

const newSearch = (): SubjectSearch => ({ subject: -1, coordinatedFrom: -1, relative: false, antecedent: -1, startChunk: 0, opener: "start", afterVerb: -1, separated: false, commaList: false, continuation: false });

function analyseClause(s: SentenceWork, c: number): Clause {
  const { chunks } = s;
  const vg = chunks[c]!;
  const parenthetical = isParentheticalSpeech(s, c);
  let search: SubjectSearch;
  if (parenthetical) {
    search = newSearch();
    search.startChunk = c;
    search.opener = "punctuation";
  } else search = findSubject(s, c);
  if (search.subject >= 0 && search.afterVerb >= 0 && search.commaList && !s.has(chunks[search.afterVerb]!.head, CLAUSE_VERB)) {
    // "He came home, took a shower": the noun phrase is the previous verb's object; the verbs share a subject.
    search.subject = search.coordinatedFrom = -1;
    search.startChunk = search.afterVerb + 1;
    search.opener = "verb";
  }
  const { startChunk, opener } = search;
  const openerWord = opener === "coordinator" || opener === "subordinator" || opener === "relative" ? s.word(chunks[startChunk]!.start) : "";
  const start = startChunk < chunks.length ? chunks[startChunk]!.start : vg.start;
  const firstContent = (opener === "coordinator" || opener === "subordinator" || opener === "relative") && !search.relative ? startChunk + 1 : startChunk;
  let subjectPosition: Clause["subjectPosition"] = "none";
  let subject: Subject | undefined;
  let frontedEnd = vg.start;
  if (search.subject >= 0) {
    subjectPosition = "before";
    const from = search.coordinatedFrom >= 0 ? search.coordinatedFrom : search.subject;
    frontedEnd = chunks[from]!.start;
    const headChunk = search.relative ? (search.antecedent >= 0 ? chunks[search.antecedent]! : undefined) : chunks[search.coordinatedFrom >= 0 ? from : search.subject]!;
    const head = headChunk ? headChunk.head : -1;
    subject = {
      start: chunks[from]!.start,
      end: chunks[search.subject]!.end,
      head,
      number: search.coordinatedFrom >= 0 ? coordinatedNumber(s, from) : headChunk ? phraseNumber(s, headChunk) : "unknown",
      coordinated: search.coordinatedFrom >= 0,
      relative: search.relative,
      separated: search.separated,
    };
  } else {
    const after = subjectAfter(s, c);
    if (after) ({ position: subjectPosition, subject } = after);
  }
  const frontedStart = firstContent < chunks.length && chunks[firstContent]!.start < frontedEnd ? chunks[firstContent]!.start : frontedEnd;
  const clause: Clause = {
    start,
    opener,
    openerWord,
    verbStart: vg.start,
    verbEnd: vg.end,
    finite: vg.finite,
    main: vg.head,
    passive: isPassive(s, vg),
    copula: s.has(vg.head, BE),
    verbNumber: verbNumber(s, vg.finite),
    subjectPosition,
    subject,
    frontedStart,
    frontedEnd,
    fronted: frontedKind(s, frontedStart, frontedEnd),
    afterVerb: search.afterVerb >= 0 ? chunks[search.afterVerb]!.start : -1,
    licence: "none",
  };
  clause.licence = parenthetical ? "quotative" : licence(s, clause, search);
  return clause;
}

/** Verb chunk c is a verb of saying set off by commas with its subject after it: "The reason, says the report, is…". */
function isParentheticalSpeech(s: SentenceWork, c: number): boolean {
  const { chunks } = s;
  const vg = chunks[c]!;
  if (!s.has(vg.head, SPEECH_VERB) || !softBefore(s, c)) return false;
  const next = chunks[c + 1];
  return next?.kind === "noun" && !next.inPrepositional && (softBefore(s, c + 2) || (c + 2 < chunks.length && hardBefore(s, c + 2)));
}

/**
 * The subject before verb chunk c: scans left over adverbials, prepositional phrases and parentheses
 * to the nearest noun phrase outside a prepositional phrase, a relative pronoun, or the clause's
 * opener. A relative or subordinate clause met on the way (“the men who build houses are”) is
 * skipped; a noun phrase with a comma after it is kept only if nothing further left is a subject
 * (“Putin, the president, said”: Putin).
 */
function findSubject(s: SentenceWork, c: number): SubjectSearch {
  const { chunks } = s;
  const result = newSearch();
  let timeNoun = -1;
  let tentative = -1;
  let commaSeen = softBefore(s, c);
  const settle = () => (tentative >= 0 ? withSubject(s, result, tentative, commaSeen) : timeNoun >= 0 ? withSubject(s, result, timeNoun, commaSeen) : undefined);
  for (let k = c - 1; ; k--) {
    if (k < 0 || hardBefore(s, k + 1)) {
      const settled = settle();
      if (settled) return settled;
      result.startChunk = k + 1;
      result.opener = s.gap(chunks[k + 1]!.start) & GAP_QUOTE ? "quote" : k < 0 ? "start" : "punctuation";
      return result;
    }
    const ch = chunks[k]!;
    let skipTo: number | undefined;
    switch (ch.kind) {
      case "adverb":
      case "other":
      case "preposition":
        break;
      case "noun": {
        if (ch.inPrepositional) {
          if (tentative < 0) result.separated = true;
          break;
        }
        if (isTimeAdverbial(s, ch)) {
          if (timeNoun < 0) timeNoun = k;
          break;
        }
        const before = k > 0 && !softBefore(s, k) && !hardBefore(s, k) ? chunks[k - 1]! : undefined;
        if (before?.kind === "verb" && isAuxiliaryOnly(s, before)) {
          // "should a minister trust", "must search engines delete": the auxiliary's clause is judged.
          result.afterVerb = k - 1;
          result.continuation = true;
          return opened(result, k, "verb");
        }
        // The object or complement of a verb in a relative or subordinate clause: skip that clause.
        if (before?.kind === "verb" && !startsClause(s, ch, before)) skipTo = skipEmbedded(s, k - 1);
        if (skipTo !== undefined) break;
        if (softBefore(s, k + 1) && before?.kind !== "verb") {
          tentative = k; // an apposition or the end of a parenthesis: look further left
          break;
        }
        return withSubject(s, result, k, commaSeen);
      }
      case "relative":
        if (tentative >= 0) return withSubject(s, result, tentative, commaSeen);
        result.subject = result.startChunk = k;
        result.relative = true;
        result.opener = "relative";
        result.antecedent = antecedentOf(s, k);
        return result;
      case "subordinator":
        if (s.word(ch.start) === "that" && k === c - 1) {
          result.subject = result.startChunk = k;
          result.relative = true;
          result.opener = "relative";
          result.antecedent = antecedentOf(s, k);
          return result;
        }
        if (isElliptic(s, k, c)) break; // "while opposed to slavery, placed…": scan on past the elliptic clause
        return settle() ?? opened(result, k, "subordinator");
      case "coordinator":
        return settle() ?? opened(result, k, "coordinator");
      case "verb": {
        skipTo = skipEmbedded(s, k) ?? skipParentheticalSpeech(s, k);
        if (skipTo !== undefined) break;
        if (ch.finite < 0 && !softBefore(s, k + 1)) {
          // A gerund or infinitive at the clause start is the subject ("Keeping it was hard"); elsewhere a
          // participle or infinitive phrase belongs to the subject ("the man arrested yesterday").
          if (isClauseStart(s, k) && (s.tag(ch.start).fine === "VBG" || s.tag(ch.start).coarse === "PART")) {
            result.subject = k;
            return withOpener(s, result, k);
          }
          break;
        }
        if (tentative === k + 1) return withSubject(s, result, tentative, commaSeen);
        if (timeNoun >= 0 && s.has(ch.head, CLAUSE_VERB)) return withSubject(s, result, timeNoun, commaSeen); // "says another two years … will be"
        if (ch.finite >= 0 && isAuxiliaryOnly(s, ch) && !commaSeen) {
          result.afterVerb = k; // "could at the time hardly face": the auxiliary's clause is judged
          result.continuation = true;
          return opened(result, k + 1, "verb");
        }
        const reduced = reducedRelativeSubject(s, k);
        if (reduced !== undefined && !commaSeen) {
          result.separated = true;
          return withSubject(s, result, reduced, false);
        }
        result.afterVerb = k;
        result.commaList = commaSeen;
        return opened(result, k + 1, "verb");
      }
    }
    if (skipTo !== undefined) {
      result.separated = true;
      k = skipTo; // the loop goes on with the chunk before the skipped clause's opener
      if (skipTo >= 0 && isClauseSubject(s, skipTo)) {
        // "What could rescue the bill would be…", "That such expansion can be obtained is due…"
        result.subject = skipTo;
        return withOpener(s, result, skipTo);
      }
    }
    if (k >= 0 && softBefore(s, k)) commaSeen = true;
  }
}

/** A verb group of one finite auxiliary and nothing else: a modal, or "be", "have", "do" without a participle. */
function isAuxiliaryOnly(s: SentenceWork, vg: Chunk): boolean {
  return vg.finite >= 0 && vg.head === vg.finite && (s.tag(vg.finite).fine === "MD" || (s.has(vg.finite, HAVE_DO) && s.tag(vg.finite).coarse === "AUX"));
}

/**
 * Noun phrase `np` directly after verb chunk `verb` starts a new clause rather than being its
 * object: a subject pronoun ("before it ended she left"), or after a passive or intransitive verb
 * ("if the timetable is followed a vote will…", "when police arrived the man was…").
 */
function startsClause(s: SentenceWork, np: Chunk, verb: Chunk): boolean {
  if (np.end - np.start === 1 && s.has(np.start, SUBJECT_PRONOUN) && s.word(np.start) !== "you" && s.word(np.start) !== "it") return true;
  if (s.has(verb.head, CLAUSE_VERB | INTRANSITIVE_VERB) || isPassive(s, verb)) return true;
  // After an adverbial clause set first without a comma ("As the play opens the audience is…"), the noun phrase is the next subject.
  const clause = s.clauseOfChunk.get(s.chunkAt(verb.start));
  return clause?.opener === "subordinator" && ADVERBIAL_SUBORDINATORS.has(clause.openerWord) && isClauseStart(s, s.chunkAt(clause.start));
}

const ADVERBIAL_SUBORDINATORS = new Set(["when", "as", "if", "after", "before", "since", "while", "until", "till", "although", "though", "because", "once", "unless", "whenever", "whereas"]);

/**
 * Verb chunk k is a single past form right after its subject, directly before another verb:
 * a participle read as a past tense ("The people visited were glad"); that subject is the next verb's.
 */
function reducedRelativeSubject(s: SentenceWork, k: number): number | undefined {
  const clause = s.clauseOfChunk.get(k);
  const vg = s.chunks[k]!;
  if (!clause?.subject || clause.subject.relative || clause.subjectPosition !== "before" || vg.end - vg.start !== 1 || s.tag(vg.finite).fine !== "VBD") return undefined;
  const subject = s.chunkAt(clause.subject.start);
  return subject === k - 1 && s.chunks[subject]!.kind === "noun" && s.tag(s.chunks[subject]!.head).coarse !== "PRON" ? subject : undefined;
}

/** Subordinator chunk k opens a clause without subject or finite verb before verb chunk c: an adverb or two, then a participle or adjective ("although born in Boston, was…"). */
function isElliptic(s: SentenceWork, k: number, c: number): boolean {
  if (s.word(s.chunks[k]!.start) === "that") return false;
  let j = k + 1;
  while (j < c && s.chunks[j]!.kind === "adverb") j++;
  const ch = s.chunks[j];
  if (!ch || j >= c) return false;
  const t = s.tag(ch.start);
  if (ch.kind === "preposition") {
    // "if in our present group, would…": a prepositional phrase set off by a comma
    const after = s.chunks[j + 2];
    return j + 2 <= c && (j + 2 === c || (after !== undefined && softBefore(s, j + 2)));
  }
  return (ch.kind === "verb" && ch.finite < 0 && (t.fine === "VBN" || t.fine === "VBG")) || (ch.kind === "noun" && ch.adjectival);
}

/** The clause opened at chunk k is itself a subject: a free relative ("what he said") or a "that/whether/how" clause at a clause start. */
function isClauseSubject(s: SentenceWork, k: number): boolean {
  const ch = s.chunks[k]!;
  const w = s.word(ch.start);
  const opens = (ch.kind === "relative" && (s.has(ch.start, FREE_RELATIVE) || antecedentOf(s, k) < 0)) || (ch.kind === "subordinator" && (w === "that" || w === "whether" || w === "how" || w === "why"));
  let before = k;
  while (before > 0 && s.chunks[before - 1]!.kind === "adverb" && !hardBefore(s, before) && !softBefore(s, before)) before--;
  return opens && isClauseStart(s, before);
}

function opened(result: SubjectSearch, k: number, opener: Opener): SubjectSearch {
  result.startChunk = k;
  result.opener = opener;
  return result;
}

/** A subject found at chunk k: its coordination, whether it follows a verb, and the clause's opener before it. */
function withSubject(s: SentenceWork, result: SubjectSearch, k: number, commaSeen: boolean): SubjectSearch {
  const { chunks } = s;
  result.subject = k;
  let from = k;
  // "the president and the minister": two noun phrases joined by "and"/"or"
  if (k >= 2 && chunks[k - 1]!.kind === "coordinator" && chunks[k - 2]!.kind === "noun" && !chunks[k - 2]!.inPrepositional && !hardBefore(s, k) && !hardBefore(s, k - 1) && !softBefore(s, k - 1)) {
    result.coordinatedFrom = from = k - 2;
  }
  if (from > 0 && chunks[from - 1]!.kind === "verb" && !softBefore(s, from) && !hardBefore(s, from)) {
    result.afterVerb = from - 1;
    result.commaList = commaSeen;
  }
  return withOpener(s, result, from);
}

/** The clause's opener: the nearest connective or boundary left of chunk k, across adverbials and prepositional phrases. */
function withOpener(s: SentenceWork, result: SubjectSearch, k: number): SubjectSearch {
  const { chunks } = s;
  for (let j = k - 1; ; j--) {
    if (j < 0 || hardBefore(s, j + 1)) {
      result.startChunk = j + 1;
      result.opener = s.gap(chunks[j + 1]!.start) & GAP_QUOTE ? "quote" : j < 0 ? "start" : "punctuation";
      return result;
    }
    const ch = chunks[j]!;
    if (ch.kind === "coordinator" || ch.kind === "subordinator" || ch.kind === "relative") return opened(result, j, ch.kind);
    if (ch.kind === "verb" || (ch.kind === "noun" && !ch.inPrepositional && !isTimeAdverbial(s, ch))) {
      return opened(result, j + 1, softBefore(s, j + 1) ? "punctuation" : ch.kind);
    }
  }
}

/**
 * Verb chunk k ends a relative or subordinate clause analysed before (“who build houses”, “the man
 * I saw”, also “he liked and trusted”): the chunk of that clause's opener, to go on scanning before
 * it; undefined if it does not.
 */
function skipEmbedded(s: SentenceWork, k: number): number | undefined {
  const clause = s.clauseOfChunk.get(k);
  if (!clause) return undefined;
  if (clause.opener === "coordinator" && clause.subjectPosition === "none") {
    const conjunction = s.chunkAt(clause.start);
    const before = s.chunks[conjunction - 1];
    return before?.kind === "verb" ? skipEmbedded(s, conjunction - 1) : undefined;
  }
  if (!(clause.opener === "relative" || clause.opener === "subordinator" || clause.opener === "noun")) return undefined;
  return s.chunkAt(clause.start);
}

/** Verb chunk k is a parenthetical "…, he said, …" or "…, says the report, …": the chunk to go on scanning before it. */
function skipParentheticalSpeech(s: SentenceWork, k: number): number | undefined {
  const clause = s.clauseOfChunk.get(k);
  let after = k + 1;
  while (after < s.chunks.length && s.chunks[after]!.kind === "adverb" && !softBefore(s, after)) after++;
  if (!clause || !s.has(clause.main, SPEECH_VERB | CLAUSE_VERB) || !softBefore(s, after)) return undefined;
  if (clause.licence === "quotative" && clause.subjectPosition === "after") return k;
  if (clause.subjectPosition === "before" && clause.subject && !clause.subject.relative && softBefore(s, s.chunkAt(clause.subject.start))) return s.chunkAt(clause.subject.start);
  return undefined;
}

/** The noun phrase a relative pronoun at chunk k refers to: the one before it. */
function antecedentOf(s: SentenceWork, k: number): number {
  const before = s.chunks[k - 1];
  return before?.kind === "noun" && !before.adjectival ? k - 1 : -1;
}

function isClauseStart(s: SentenceWork, k: number): boolean {
  if (k === 0 || hardBefore(s, k) || softBefore(s, k)) return true;
  const before = s.chunks[k - 1]!;
  return before.kind === "coordinator" || before.kind === "subordinator";
}

/** A short noun phrase of time without a preposition ("yesterday", "last week", "this year"): an adverbial unless nothing else is a subject. */
function isTimeAdverbial(s: SentenceWork, ch: Chunk): boolean {
  return s.has(ch.head, TIME_NOUN) && ch.end - ch.start <= 3;
}

/** The subject after a verb group with no subject before it: between the auxiliary and the main verb (“must search engines delete”) or after the verb. */
function subjectAfter(s: SentenceWork, c: number): { position: "after" | "inside"; subject: Subject } | undefined {
  const { chunks } = s;
  const vg = chunks[c]!;
  let n = c + 1;
  while (n < chunks.length && chunks[n]!.kind === "adverb" && !hardBefore(s, n) && !softBefore(s, n)) n++;
  const next = chunks[n];
  if (!next || hardBefore(s, n) || softBefore(s, n)) return undefined;
  if (next.kind === "relative" && s.has(next.start, FREE_RELATIVE) && s.has(vg.head, BE)) {
    return { position: "after", subject: { start: next.start, end: next.end, head: next.head, number: "singular", coordinated: false, relative: false, separated: false } };
  }
  if (next.kind !== "noun" || next.adjectival) return undefined;
  // "him", "them"; and "that", "this" there are a conjunction or an object, not the subject.
  if (next.end - next.start === 1 && (s.has(next.start, OBJECT_PRONOUN) || s.tag(next.start).fine === "DT")) return undefined;
  const afterNext = chunks[n + 1];
  const inside =
    isAuxiliaryOnly(s, vg) &&
    afterNext?.kind === "verb" && afterNext.finite < 0 && s.tag(afterNext.start).coarse !== "PART" && !hardBefore(s, n + 1) && !softBefore(s, n + 1);
  return {
    position: inside ? "inside" : "after",
    subject: { start: next.start, end: next.end, head: next.head, number: phraseNumber(s, next), coordinated: false, relative: false, separated: false },
  };
}

function frontedKind(s: SentenceWork, start: number, end: number): Clause["fronted"] {
  if (start >= end) return "none";
  const ch = s.chunks[s.chunkAt(start)]!;
  switch (ch.kind) {
    case "preposition": return "prepositional";
    case "adverb": return "adverbial";
    case "noun": return ch.inPrepositional ? "prepositional" : "nominal";
    default: return "clause";
  }
}

function isPassive(s: SentenceWork, vg: Chunk): boolean {
  if (s.tag(vg.head).fine !== "VBN") return false;
  for (let i = vg.start; i < vg.head; i++) if (s.has(i, BE) || s.word(i) === "get" || s.word(i) === "got") return true;
  return false;
}

const SINGULAR_VERBS = new Set(["is", "was", "has", "does", "isn't", "wasn't", "hasn't", "doesn't"]);
const PLURAL_VERBS = new Set(["are", "were", "have", "do", "aren't", "weren't", "haven't", "don't"]);

function verbNumber(s: SentenceWork, finite: number): GrammaticalNumber {
  const w = s.word(finite);
  if (SINGULAR_VERBS.has(w)) return "singular";
  if (PLURAL_VERBS.has(w)) return "plural";
  const t = s.tag(finite);
  if (t.coarse === "VERB" && t.fine === "VBZ") return "singular";
  if (t.coarse === "VERB" && t.fine === "VBP") return "plural";
  return "unknown";
}

const SINGULAR_PRONOUNS = new Set(["he", "she", "it", "this", "that", "one", "everyone", "everybody", "someone", "somebody", "anyone", "anybody", "nobody", "nothing", "everything", "something", "anything", "each", "either", "neither"]);
const PLURAL_PRONOUNS = new Set(["we", "they", "these", "those", "both", "many", "several", "few"]);
const IRREGULAR_PLURALS = new Set(["men", "women", "children", "feet", "teeth", "mice", "geese", "criteria", "phenomena"]);

/** The number of a noun phrase from its head; "unknown" for quantities, collectives, names and numbers. */
function phraseNumber(s: SentenceWork, ch: Chunk): GrammaticalNumber {
  const head = ch.head;
  const t = s.tag(head);
  const w = s.word(head);
  if ((w === "one" || w === "each") && ch.end - ch.start === 1 && ch.end < s.end && s.word(ch.end) === "of") return "singular"; // "one of the leaders"
  if (t.coarse === "PRON" || ch.adjectival) return SINGULAR_PRONOUNS.has(w) ? "singular" : PLURAL_PRONOUNS.has(w) ? "plural" : "unknown";
  if (s.has(head, QUANTITY_NOUN | QUANTIFIER) || /^\d|-(?:half|halves|third|thirds|quarter|quarters|tenth|tenths)$|percent$/u.test(w)) return "unknown";
  for (let i = ch.start; i < ch.end; i++) if (s.tag(i).coarse === "NUM" || s.has(i, QUANTIFIER)) return "unknown";
  if (t.coarse === "NOUN") {
    if (t.fine === "NNS") return s.has(head, SINGULAR_IN_S) || (!w.endsWith("s") && !IRREGULAR_PLURALS.has(w)) ? "unknown" : "plural";
    return "singular";
  }
  return "unknown";
}

function coordinatedNumber(s: SentenceWork, from: number): GrammaticalNumber {
  return s.word(s.chunks[from + 1]!.start) === "and" ? "plural" : "unknown";
}

// ---------------------------------------------------------------------------------------------
// Licences

function licence(s: SentenceWork, clause: Clause, search: SubjectSearch): Licence {
  if (clause.subjectPosition === "before") return "none";
  // A question mark after the verb, in the sentence or inside its quotation.
  for (let i = clause.verbStart + 1; i <= s.end; i++) if (s.gap(i) & GAP_QUESTION) return "question";
  if (search.continuation) return "split-verb";
  const firstWord = clause.frontedStart < clause.frontedEnd ? s.word(clause.frontedStart) : "";
  if (["so", "neither", "nor"].includes(clause.openerWord) || ["so", "neither", "nor"].includes(firstWord)) return "so-neither";
  if (search.opener === "coordinator" || search.commaList) return "shared-subject";
  // After a semicolon or a dash, a verb phrase may go on with the subject of the clause before.
  if (clause.opener === "punctuation" && s.gap(clause.start) & (GAP_SEMICOLON | GAP_DASH) && clause.fronted !== "prepositional" && hasEarlierSubject(s, clause)) return "shared-subject";
  const verbWord = s.word(clause.finite);
  if (clause.opener === "subordinator" && (clause.openerWord === "as" || clause.openerWord === "than")) return "comparative";
  if (firstWord && (s.has(clause.frontedStart, NEGATIVE_ADVERB) || hasNegativeWord(s, clause.frontedStart, clause.frontedEnd))) return "negative";
  if (s.has(s.first, NEGATIVE_ADVERB) && s.tag(s.first).coarse === "ADV" && clause.subjectPosition !== "none") return "negative"; // "Never until then have I…"
  const alone = clause.verbEnd - clause.verbStart === 1;
  if (alone && (verbWord === "had" || verbWord === "were" || verbWord === "should") && clause.subjectPosition !== "none") return "conditional";
  if (clause.fronted === "none" && verbWord === "may" && clause.subjectPosition === "inside") return "optative";
  const after = clause.subjectPosition === "after" || clause.subjectPosition === "inside";
  // "Are we…", "How often have I…": a question's word order, with or without its question mark.
  if (after && s.tag(clause.finite).coarse === "AUX" && s.tag(clause.subject!.head).coarse === "PRON" && ((clause.opener === "start" && clause.fronted === "none") || (clause.opener === "subordinator" && WH_WORDS.has(clause.openerWord)))) return "question";
  if (s.has(clause.main, SPEECH_VERB) && ((clause.subjectPosition === "after" && isQuotative(s, clause)) || s.gap(clause.verbEnd) & GAP_COLON)) return "quotative";
  if (clause.opener === "start" && clause.fronted === "none" && clause.verbEnd - clause.verbStart === 1 && s.tag(clause.finite).fine === "VBD" && laterSubjectAfterComma(s, clause)) return "participle";
  const fronted = clause.fronted !== "none" || clause.opener === "punctuation";
  if (fronted && clause.subjectPosition === "after" && (s.has(clause.main, LOCATIVE_VERB) || clause.copula || clause.passive)) return "locative";
  // "In the tintable group are high heels", "Here is what…", "On the hillside was caged what…", "Out of this may come: …"
  if (clause.fronted !== "none" && clause.subjectPosition === "none" && (((clause.copula || clause.passive) && !isAbleTo(s, clause) && nominalFollows(s, clause)) || ((s.has(clause.main, LOCATIVE_VERB) || clause.copula) && s.gap(clause.verbEnd) & GAP_COLON))) return "locative";
  // A base form without a subject: an imperative ("In a saucepan put water…", "Don't worry").
  const t = s.tag(clause.finite);
  if (t.fine === "VBP" && (t.coarse === "VERB" || ((verbWord === "do" || verbWord === "don't") && clause.fronted === "none"))) return "imperative";
  return "none";
}

const WH_WORDS = new Set(["how", "what", "why", "where", "when", "which", "who"]);

/** A noun phrase, an adjective or a free relative follows the verb group directly. */
function nominalFollows(s: SentenceWork, clause: Clause): boolean {
  const k = s.chunkAt(clause.verbStart) + 1;
  const next = s.chunks[k];
  if (!next || hardBefore(s, k) || softBefore(s, k)) return false;
  return next.kind === "noun" || (next.kind === "relative" && s.has(next.start, FREE_RELATIVE)) || (next.kind === "other" && /^\p{Lu}/u.test(s.tokens[next.start]!.text));
}

/** "be able to": a modal meaning, not a copula. */
const isAbleTo = (s: SentenceWork, clause: Clause) => clause.verbEnd < s.end && s.word(clause.verbEnd) === "able";

/** A later clause of the sentence has its subject before its verb, after a comma: "Caught at last, he was…". */
function laterSubjectAfterComma(s: SentenceWork, clause: Clause): boolean {
  for (const other of s.clauseOfChunk.values()) {
    if (other.verbStart > clause.verbStart && other.subjectPosition === "before" && other.subject && s.gap(other.subject.start) & GAP_SOFT) return true;
  }
  return false;
}

/** Another clause of the sentence, before this one, has its subject. */
function hasEarlierSubject(s: SentenceWork, clause: Clause): boolean {
  for (const other of s.clauseOfChunk.values()) if (other.subjectPosition === "before" && other.verbStart < clause.verbStart) return true;
  return false;
}

/** "no", "not" or "only" among the first fronted words ("at no time", "not until", "only then"). */
function hasNegativeWord(s: SentenceWork, from: number, to: number): boolean {
  for (let i = from; i < to && i < from + 4; i++) {
    const w = s.word(i);
    if (w === "no" || w === "not" || w === "only") return true;
  }
  return false;
}

/**
 * A verb of saying before its subject in a sentence with a quotation (unless a prepositional phrase is fronted), at the start of a sentence
 * ("Asked Palmer of an official."), or after a complete clause ("The plan will fail, said the senator").
 */
function isQuotative(s: SentenceWork, clause: Clause): boolean {
  // "About this said the minister": a fronted phrase, not a quotation, stands before the verb.
  if (clause.fronted === "prepositional" && clause.opener !== "quote") return false;
  for (let i = s.first; i <= s.end; i++) if (s.gap(i) & (GAP_QUOTE | GAP_INNER_QUOTE)) return true;
  if (clause.fronted === "none" && clause.opener === "start") return true;
  return (clause.opener === "punctuation" || clause.opener === "verb") && hasEarlierSubject(s, clause);
}
