/**
 * Hunspell dictionaries (.aff + .dic) checked by affix stripping, as Hunspell itself does: only
 * the stems are held in memory and a word is known when removing a prefix and/or suffix (up to
 * two suffixes) leaves a stem whose flags allow those affixes. Nothing is expanded up front, so
 * loading is one pass over the .dic file (nspell expands every form: ~9 s for French).
 * Compounds (German) follow the .aff's COMPOUNDBEGIN/MIDDLE/END, COMPOUNDFLAG, ONLYINCOMPOUND and
 * COMPOUNDPERMITFLAG. Not supported: COMPOUNDRULE (English ordinals like "21st"; digits are never
 * checked), CHECKCOMPOUND* options, morphology, and suggestions from REP/MAP tables.
 * Dictionaries come from the `dictionary-<lang>` npm packages and are read on first use only.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

interface Affix {
  prefix: boolean;
  /** Interned flag (one character). */
  flag: string;
  strip: string;
  add: string;
  /** Test on the stem (with `strip` restored): anchored at the end for suffixes, the start for prefixes. */
  condition?: RegExp;
  /** Interned continuation flags. */
  continuation: string;
  crossProduct: boolean;
}

/** One way to read a word: a stem's flags and the affixes taken off it (prefix before suffixes, inner suffix first). */
interface Reading {
  flags: string;
  affixes: Affix[];
}

type Position = "begin" | "middle" | "end";
const POSITIONS: Position[] = ["begin", "middle", "end"];
const ROLE_BITS: Record<Position, number> = { begin: 1, middle: 2, end: 4 };

/** Flags of special meaning; "" when the .aff does not use the feature. */
interface SpecialFlags {
  needAffix: string;
  onlyInCompound: string;
  forbidden: string;
  keepCase: string;
  circumfix: string;
  compound: string;
  compoundBegin: string;
  compoundMiddle: string;
  compoundEnd: string;
  compoundPermit: string;
}

const SPECIAL_FLAG_KEYS: Record<string, keyof SpecialFlags> = {
  NEEDAFFIX: "needAffix",
  PSEUDOROOT: "needAffix",
  ONLYINCOMPOUND: "onlyInCompound",
  FORBIDDENWORD: "forbidden",
  KEEPCASE: "keepCase",
  CIRCUMFIX: "circumfix",
  COMPOUNDFLAG: "compound",
  COMPOUNDBEGIN: "compoundBegin",
  COMPOUNDMIDDLE: "compoundMiddle",
  COMPOUNDEND: "compoundEnd",
  COMPOUNDPERMITFLAG: "compoundPermit",
};

/** Compounds of more parts than this are not tried (Hunspell's COMPOUNDWORDMAX is unlimited; real words rarely exceed 4). */
const MAX_COMPOUND_PARTS = 5;
const LINKING_ELEMENTS = ["", "s", "es", "n", "en", "e", "er"];
/** Words checked per dictionary are remembered (running text repeats words heavily); the memo is cleared when it grows past this. */
const MEMO_LIMIT = 200_000;

const hasFlag = (flags: string, flag: string) => flag !== "" && flags.includes(flag);

export class HunspellDictionary {
  private readonly stems = new Map<string, string[]>();
  private readonly suffixes = new Map<string, Affix[]>();
  private readonly prefixes = new Map<string, Affix[]>();
  private maxSuffix = 0;
  private maxPrefix = 0;
  /** Suffix flags that appear in another suffix's continuation (twofold suffixes). */
  private readonly outerSuffixFlags = new Set<string>();
  private readonly special: SpecialFlags;
  private readonly compoundMin: number;
  private readonly inputConversions: [string, string][] = [];
  private readonly memo = new Map<string, boolean>();
  /** Compound roles of parts (ROLE_BITS), shared by all the words that contain the part. */
  private readonly partRoles = new Map<string, number>();
  /** Letters to try in suggestions (the .aff's TRY line, lower case). */
  readonly alphabet: string[];

  /** `compounds: false` turns compounding off (to measure what it adds). */
  constructor(aff: string, dic: string, private readonly options: { compounds?: boolean } = {}) {
    const lines = aff.split(/\r?\n/);
    const directives = new Map<string, string[][]>();
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (!fields[0] || fields[0].startsWith("#")) continue;
      const list = directives.get(fields[0]) ?? [];
      list.push(fields);
      directives.set(fields[0], list);
    }
    const one = (name: string) => directives.get(name)?.[0]?.[1];
    const flagMode = one("FLAG") ?? "char";
    const interned = new Map<string, string>();
    const intern = (flag: string) => {
      let c = interned.get(flag);
      if (c === undefined) interned.set(flag, (c = String.fromCharCode(0xe000 + interned.size)));
      return c;
    };
    const splitFlags = (raw: string): string[] => {
      if (flagMode === "long") return raw.match(/[\s\S]{1,2}/gu) ?? [];
      if (flagMode === "num") return raw.split(",").filter(Boolean);
      return Array.from(raw);
    };
    // AF: flag sets numbered from 1, used in place of flags in the .dic and in continuations.
    const aliases = (directives.get("AF") ?? []).slice(1).map((f) => f[1] ?? "");
    const parseFlags = (raw: string) => {
      const set = aliases.length && /^\d+$/.test(raw) ? (aliases[Number(raw) - 1] ?? "") : raw;
      return splitFlags(set).map(intern).join("");
    };

    this.special = Object.fromEntries(Object.values(SPECIAL_FLAG_KEYS).map((k) => [k, ""])) as unknown as SpecialFlags;
    for (const [directive, key] of Object.entries(SPECIAL_FLAG_KEYS)) {
      const raw = one(directive);
      if (raw !== undefined) this.special[key] = intern(raw);
    }
    this.compoundMin = Number(one("COMPOUNDMIN") ?? 3);
    for (const f of (directives.get("ICONV") ?? []).slice(1)) if (f[1] && f[2] !== undefined) this.inputConversions.push([f[1], f[2]]);
    this.alphabet = [...new Set(Array.from((one("TRY") ?? "").toLowerCase()).filter((c) => /\p{L}/u.test(c)))];

    for (const kind of ["PFX", "SFX"] as const) {
      const crossProduct = new Map<string, boolean>();
      for (const f of directives.get(kind) ?? []) {
        const [, rawFlag = "", a = "", b = "", c] = f;
        // A header ("SFX A Y 3") announces the rules of one flag.
        if (!crossProduct.has(rawFlag) && /^[YN]$/.test(a) && /^\d+$/.test(b)) {
          crossProduct.set(rawFlag, a === "Y");
          continue;
        }
        const [add = "", continuation = ""] = b.split("/");
        const affix: Affix = {
          prefix: kind === "PFX",
          flag: intern(rawFlag),
          strip: a === "0" ? "" : a,
          add: add === "0" ? "" : add,
          continuation: continuation ? parseFlags(continuation) : "",
          crossProduct: crossProduct.get(rawFlag) ?? false,
        };
        if (c !== undefined && c !== ".") affix.condition = conditionRegExp(c, affix.prefix);
        const index = affix.prefix ? this.prefixes : this.suffixes;
        const list = index.get(affix.add) ?? [];
        list.push(affix);
        index.set(affix.add, list);
        if (affix.prefix) this.maxPrefix = Math.max(this.maxPrefix, affix.add.length);
        else this.maxSuffix = Math.max(this.maxSuffix, affix.add.length);
      }
    }
    const suffixFlags = new Set([...this.suffixes.values()].flat().map((s) => s.flag));
    for (const s of [...this.suffixes.values()].flat()) for (const c of s.continuation) if (suffixFlags.has(c)) this.outerSuffixFlags.add(c);

    const dicLines = dic.split(/\r?\n/);
    // Stems share a few hundred flag sets: each is parsed once.
    const parsedFlags = new Map<string, string>();
    for (let i = 1; i < dicLines.length; i++) {
      const line = dicLines[i]!;
      // Comment lines (igerman98 indents them) and morphological fields after a tab are ignored.
      if (!line || /^[\s#]/.test(line)) continue;
      const entry = line.slice(0, fieldEnd(line));
      const slash = findFlagSlash(entry);
      const stem = slash < 0 ? entry : entry.slice(0, slash);
      const word = stem.includes("\\") ? stem.replace(/\\\//g, "/") : stem;
      const rawFlags = slash < 0 ? "" : entry.slice(slash + 1);
      let flags = parsedFlags.get(rawFlags);
      if (flags === undefined) parsedFlags.set(rawFlags, (flags = rawFlags === "" ? "" : parseFlags(rawFlags)));
      const list = this.stems.get(word);
      if (list) list.push(flags);
      else this.stems.set(word, [flags]);
    }
  }

  /** Number of stems (dictionary entries). */
  get size(): number {
    return this.stems.size;
  }

  private sortedStems?: string[];

  /** Whether some stem starts with these letters and goes on (in lower case): the beginning of a word, cut. */
  beginsWord(prefix: string): boolean {
    const stems = (this.sortedStems ??= [...new Set([...this.stems.keys()].map((k) => k.toLowerCase()))].sort());
    const lower = prefix.toLowerCase();
    let lo = 0;
    let hi = stems.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (stems[mid]! < lower) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < stems.length && stems[k]!.startsWith(lower); k++) if (stems[k]!.length > lower.length) return true;
    return false;
  }

  /**
   * Word forms of the dictionary, for training models on a language's words: each stem, and the
   * stem with one suffix, one prefix, or both (cross products). Twofold suffixes and compounds are
   * not generated. A form may come more than once.
   */
  *forms(): Generator<string> {
    const byFlag = new Map<string, Affix[]>();
    for (const list of [...this.suffixes.values(), ...this.prefixes.values()]) {
      for (const a of list) (byFlag.get(a.flag) ?? byFlag.set(a.flag, []).get(a.flag)!).push(a);
    }
    const applies = (a: Affix, stem: string) =>
      (a.prefix ? stem.startsWith(a.strip) : stem.endsWith(a.strip)) && (!a.condition || a.condition.test(stem));
    const apply = (a: Affix, stem: string) =>
      a.prefix ? a.add + stem.slice(a.strip.length) : stem.slice(0, stem.length - a.strip.length) + a.add;
    for (const [stem, flagSets] of this.stems) {
      for (const flags of flagSets) {
        if (!hasFlag(flags, this.special.needAffix) && !hasFlag(flags, this.special.onlyInCompound)) yield stem;
        const affixes = [...flags].flatMap((f) => byFlag.get(f) ?? []).filter((a) => applies(a, stem));
        for (const a of affixes) yield apply(a, stem);
        for (const p of affixes) {
          if (!p.prefix || !p.crossProduct) continue;
          for (const s of affixes) if (!s.prefix && s.crossProduct) yield apply(p, apply(s, stem));
        }
      }
    }
  }

  /**
   * Whether the word is spelled right: a form of a stem, or a compound of such forms. A word
   * capitalised as at a sentence start is also tried in lower case (except KEEPCASE stems).
   */
  isKnown(word: string): boolean {
    let known = this.memo.get(word);
    if (known === undefined) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(word, (known = this.check(word)));
    }
    return known;
  }

  private check(raw: string): boolean {
    let word = raw;
    for (const [from, to] of this.inputConversions) word = word.split(from).join(to);
    const verdict = this.verdict(word, false);
    if (verdict !== undefined) return verdict;
    const lower = word.charAt(0).toLowerCase() + word.slice(1);
    if (lower !== word) {
      const lowered = this.verdict(lower, true);
      if (lowered !== undefined) return lowered;
    }
    return false;
  }

  /** true: known; false: forbidden; undefined: not found. */
  private verdict(word: string, caseChanged: boolean): boolean | undefined {
    let found = false;
    for (const r of this.readings(word)) {
      if (caseChanged && hasFlag(r.flags, this.special.keepCase)) continue;
      if (hasFlag(r.flags, this.special.forbidden)) return false;
      found ||= this.standalone(r);
    }
    if (found) return true;
    return this.isCompound(word) ? true : undefined;
  }

  private standalone({ flags, affixes }: Reading): boolean {
    const s = this.special;
    if (hasFlag(flags, s.onlyInCompound) || affixes.some((a) => hasFlag(a.continuation, s.onlyInCompound))) return false;
    return this.affixesAllowed(flags, affixes);
  }

  private affixesAllowed(flags: string, affixes: Affix[]): boolean {
    const s = this.special;
    if (affixes.length === 0) return !hasFlag(flags, s.needAffix);
    // A NEEDAFFIX affix is only an intermediate form: another affix must come with it.
    if (affixes.length === 1 && hasFlag(affixes[0]!.continuation, s.needAffix)) return false;
    if (s.circumfix) {
      const circumfixed = (prefix: boolean) => affixes.some((a) => a.prefix === prefix && hasFlag(a.continuation, s.circumfix));
      if (circumfixed(true) !== circumfixed(false)) return false;
    }
    return true;
  }

  /** Whether the part may stand at the position in a compound. */
  private compoundPart(part: string, position: Position): boolean {
    let roles = this.partRoles.get(part);
    if (roles === undefined) {
      if (this.partRoles.size >= MEMO_LIMIT) this.partRoles.clear();
      this.partRoles.set(part, (roles = this.rolesOf(part)));
    }
    return (roles & ROLE_BITS[position]) !== 0;
  }

  /** The positions (ROLE_BITS) a part may take in a compound; 0 when it is forbidden. */
  private rolesOf(part: string): number {
    const s = this.special;
    let roles = 0;
    for (const r of this.readings(part)) {
      if (hasFlag(r.flags, s.forbidden)) return 0;
      if (!this.affixesAllowed(r.flags, r.affixes)) continue;
      const all = r.flags + r.affixes.map((a) => a.continuation).join("");
      for (const position of POSITIONS) {
        const positionFlag = position === "begin" ? s.compoundBegin : position === "middle" ? s.compoundMiddle : s.compoundEnd;
        if (!hasFlag(all, s.compound) && !hasFlag(all, positionFlag)) continue;
        // Prefixes may open a compound and suffixes close it; inside, an affix needs COMPOUNDPERMITFLAG.
        const inside = r.affixes.filter((a) => (a.prefix ? position !== "begin" : position !== "end"));
        if (inside.every((a) => hasFlag(a.continuation, s.compoundPermit))) roles |= ROLE_BITS[position];
      }
    }
    return roles;
  }

  /**
   * Whether the word is made of known words joined as German joins them (with a linking -s-, -es-,
   * -n-, -en-, -e- or -er-), whatever the compound flags say: compounds the dictionary does not
   * allow are more often rare terms ("Staunässe") than misspellings. False for dictionaries without compounds.
   */
  isLooseCompound(word: string): boolean {
    if (!this.compounds) return false;
    const min = Math.max(3, this.compoundMin);
    const known = (part: string) => this.isKnown(part) || this.isKnown(part.charAt(0).toUpperCase() + part.slice(1));
    const from = (start: number, parts: number): boolean => {
      if (parts > 0 && word.length - start >= min && known(word.slice(start))) return true;
      if (parts + 1 >= MAX_COMPOUND_PARTS) return false;
      for (let end = start + min; end <= word.length - min; end++) {
        if (!known(word.slice(start, end))) continue;
        if (LINKING_ELEMENTS.some((link) => word.startsWith(link, end) && from(end + link.length, parts + 1))) return true;
      }
      return false;
    };
    return from(0, 0);
  }

  private get compounds(): boolean {
    const s = this.special;
    return this.options.compounds !== false && Boolean(s.compound || s.compoundBegin);
  }

  private isCompound(word: string): boolean {
    if (!this.compounds || word.length < 2 * this.compoundMin) return false;
    const restFrom = new Map<number, boolean>();
    const rest = (start: number, parts: number): boolean => {
      const known = restFrom.get(start);
      if (known !== undefined) return known;
      let ok = this.compoundPart(word.slice(start), "end");
      for (let end = start + this.compoundMin; !ok && parts < MAX_COMPOUND_PARTS && end <= word.length - this.compoundMin; end++) {
        ok = this.compoundPart(word.slice(start, end), "middle") && rest(end, parts + 1);
      }
      restFrom.set(start, ok);
      return ok;
    };
    for (let end = this.compoundMin; end <= word.length - this.compoundMin; end++) {
      if (this.compoundPart(word.slice(0, end), "begin") && rest(end, 2)) return true;
    }
    return false;
  }

  /** Every way to read the word as stem + affixes. */
  private *readings(word: string): Generator<Reading> {
    for (const flags of this.stems.get(word) ?? []) yield { flags, affixes: [] };
    yield* this.suffixReadings(word, [], true);
    for (let n = 0; n <= Math.min(this.maxPrefix, word.length); n++) {
      for (const p of this.prefixes.get(word.slice(0, n)) ?? []) {
        const stem = p.strip + word.slice(n);
        if (!stem || (p.condition && !p.condition.test(stem))) continue;
        for (const flags of this.stems.get(stem) ?? []) if (hasFlag(flags, p.flag)) yield { flags, affixes: [p] };
        // Prefix and suffix together: both cross products, or the prefix allowed by the suffix's continuation.
        for (const r of this.suffixReadings(stem, [], false)) {
          const suffix = r.affixes.at(-1)!;
          if ((p.crossProduct && suffix.crossProduct && hasFlag(r.flags, p.flag)) || hasFlag(suffix.continuation, p.flag)) {
            yield { flags: r.flags, affixes: [p, ...r.affixes] };
          }
        }
      }
    }
  }

  /** Readings with one suffix taken off `word`; `outer` are the suffixes already taken off after it. */
  private *suffixReadings(word: string, outer: Affix[], twofold: boolean): Generator<Reading> {
    for (let n = 0; n <= Math.min(this.maxSuffix, word.length); n++) {
      for (const s of this.suffixes.get(word.slice(word.length - n)) ?? []) {
        const stem = word.slice(0, word.length - n) + s.strip;
        if (!stem || (s.condition && !s.condition.test(stem))) continue;
        const outerSuffix = outer[0];
        if (outerSuffix && !hasFlag(s.continuation, outerSuffix.flag)) continue;
        for (const flags of this.stems.get(stem) ?? []) if (hasFlag(flags, s.flag)) yield { flags, affixes: [s, ...outer] };
        if (twofold && this.outerSuffixFlags.has(s.flag)) yield* this.suffixReadings(stem, [s], false);
      }
    }
  }
}

/** Where a .dic line's first field ends: at its first tab or space. */
function fieldEnd(line: string): number {
  const tab = line.indexOf("\t");
  const space = line.indexOf(" ");
  return tab < 0 ? (space < 0 ? line.length : space) : space < 0 ? tab : Math.min(tab, space);
}

/** Where the flags start: the first "/" that is not escaped and not the word's first character. */
function findFlagSlash(entry: string): number {
  for (let i = 1; i < entry.length; i++) if (entry[i] === "/" && entry[i - 1] !== "\\") return i;
  return -1;
}

/** A Hunspell condition ("[^aeiou]y", "ss", ".") as a regular expression on the stem. */
function conditionRegExp(condition: string, prefix: boolean): RegExp {
  const source = condition.replace(/\[\^?[^\]]*\]|[^[]/gu, (part) => (part.startsWith("[") || part === "." ? part.replace(/\\/g, "\\\\") : part.replace(/[.*+?^${}()|\\\]/]/g, "\\$&")));
  return new RegExp(prefix ? `^(?:${source})` : `(?:${source})$`, "u");
}

/** Languages with a dictionary, and the npm package that ships it. */
export const DICTIONARY_PACKAGES: Readonly<Record<string, string>> = {
  en: "dictionary-en",
  de: "dictionary-de",
  fr: "dictionary-fr",
  es: "dictionary-es",
  ru: "dictionary-ru",
};

const loaded = new Map<string, HunspellDictionary>();
const require = createRequire(import.meta.url);

/** The dictionary of a language, read from its package on first use. */
export const hasDictionary = (language: string) => language in DICTIONARY_PACKAGES;

export function dictionaryFor(language: string): HunspellDictionary {
  let dictionary = loaded.get(language);
  if (dictionary) return dictionary;
  const name = DICTIONARY_PACKAGES[language];
  if (!name) throw new Error(`no spelling dictionary for language "${language}"`);
  const dir = dirname(require.resolve(name));
  dictionary = new HunspellDictionary(readFileSync(join(dir, "index.aff"), "utf8"), readFileSync(join(dir, "index.dic"), "utf8"));
  loaded.set(language, dictionary);
  return dictionary;
}

/** Languages whose dictionary has been read in this process (to check that loading stays lazy). */
export function loadedDictionaries(): string[] {
  return [...loaded.keys()];
}
