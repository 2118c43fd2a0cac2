/**
 * `number-parity` (bilingual): a number in the source that the target lacks or changed. Numbers
 * are compared by value, locale-aware: "8 тысяч" = "8,000" = "8 thousand", "3,5" = "3.5",
 * "25 000" = "25,000", "1.500" = "1,500", "1,5 млн" = "1.5 million", "15万" = "150,000", Chinese
 * numerals with a unit character ("十万" = "100,000", "两千" = "2,000"); a source
 * digit is also matched by a spelled-out target number ("three", "drei", "три") or month name.
 * List numbering at the start of the source is ignored. When exactly one source number is
 * unmatched and exactly one target number is left over, that target number is flagged;
 * otherwise the whole target is, naming the missing numbers.
 */
import type { SegmentAnalysis } from "../analysis/analysis.js";
import type { RuleSpec } from "../core/rule.js";
import type { CompiledRule, RuleKind } from "../engine/rule-kind.js";
import { numericValue, readNumbers } from "../engine/fixes.js";
import { expandMessage } from "../engine/matcher.js";
import { coveredBy } from "../core/spans.js";
import type { Span } from "../core/types.js";
import { blankSpans, listed, proseOf, sourceOf, wholeTarget } from "./support/bilingual.js";

/** A number in one side of the segment, with every value it can be read as. */
export interface ReadNumber {
  start: number;
  end: number;
  text: string;
  values: Set<number>;
  /** Converted values (feet to metres), matched within 15%. */
  approx: number[];
  spelled: boolean;
  /** For a number with an imperial unit: the metric units its conversion would be written in, and its unit's text. */
  metric?: RegExp;
  unit?: string;
}

/** Scale words of other languages than English (which readNumbers() applies itself). */
const MORE_SCALES: [RegExp, number][] = [
  [/^[ \u00a0]*(?:тыс\.|тысяч[аи]?|тыс(?![\p{L}]))/iu, 1e3],
  [/^[ \u00a0]*(?:млн\.?|миллион(?:а|ов)?)(?![\p{L}])/iu, 1e6],
  [/^[ \u00a0]*(?:млрд\.?|миллиард(?:а|ов)?)(?![\p{L}])/iu, 1e9],
  [/^[ \u00a0]*(?:трлн\.?|триллион(?:а|ов)?)(?![\p{L}])/iu, 1e12],
  [/^[ \u00a0]*(?:Tausend)(?![\p{L}])/u, 1e3],
  [/^[ \u00a0]*(?:Mio\.|Millionen|Million)(?![\p{L}])/u, 1e6],
  [/^[ \u00a0]*(?:Mrd\.|Milliarden|Milliarde)(?![\p{L}])/u, 1e9],
  [/^\s*(?:万亿|兆)/u, 1e12],
  [/^\s*(?:亿)/u, 1e8],
  [/^\s*(?:千万)/u, 1e7],
  [/^\s*(?:百万)/u, 1e6],
  [/^\s*(?:十万)/u, 1e5],
  [/^\s*(?:万)/u, 1e4],
  [/^\s*(?:千)/u, 1e3],
];

const WORDS: Record<string, number> = {};
const table = (values: Record<number, string>) => {
  for (const [n, words] of Object.entries(values)) for (const w of words.split(" ")) WORDS[w] = Number(n);
};
table({
  0: "zero null ноль нуль",
  1: "one first once eins erste ersten один одна одно одного одной одну первый первая первое",
  2: "two second twice both pair zwei zweite beide два две двух двум двумя второй вторая оба обе",
  3: "three third thrice drei dritte три трёх трех тремя третий третья",
  4: "four fourth vier vierte четыре четырёх четырех четвёртый",
  5: "five fifth fünf fünfte пять пяти пятый",
  6: "six sixth sechs sechste шесть шести шестой",
  7: "seven seventh sieben siebte семь семи седьмой",
  8: "eight eighth acht achte восемь восьми восьмой",
  9: "nine ninth neun neunte девять девяти девятый",
  10: "ten tenth zehn zehnte десять десяти десятый",
  11: "eleven eleventh elf elfte одиннадцать одиннадцати",
  12: "twelve twelfth dozen zwölf zwölfte Dutzend двенадцать двенадцати дюжина",
  13: "thirteen dreizehn тринадцать",
  14: "fourteen vierzehn четырнадцать",
  15: "fifteen fünfzehn пятнадцать",
  16: "sixteen sechzehn шестнадцать",
  17: "seventeen siebzehn семнадцать",
  18: "eighteen achtzehn восемнадцать",
  19: "nineteen neunzehn девятнадцать",
  20: "twenty zwanzig двадцать",
  30: "thirty dreißig тридцать",
  40: "forty vierzig сорок",
  50: "fifty fünfzig пятьдесят",
  100: "hundred hundert сто сотня",
  1000: "thousand tausend тысяча",
  1e6: "million Million миллион",
  1e9: "billion Milliarde миллиард",
  0.5: "half halb половина",
});
// French, Spanish, Italian, Portuguese and Dutch, for targets that spell out the source's digits.
table({
  0: "zéro cero zero nul",
  1: "un une uno una um uma één premier première primero primera primo prima eerste",
  2: "deux dos due dois duas twee deuxième segundo segunda secondo seconda tweede",
  3: "trois tres tre três drie troisième tercero tercera terzo terza derde",
  4: "quatre cuatro quattro quatro vier quatrième cuarto cuarta quarto quarta vierde",
  5: "cinq cinco cinque vijf cinquième quinto quinta vijfde",
  6: "six seis sei zes sixième sexto sexta sesto sesta zesde",
  7: "sept siete sette sete zeven septième séptimo séptima settimo settima zevende",
  8: "huit ocho otto oito acht huitième octavo octava ottavo ottava achtste",
  9: "neuf nueve nove negen neuvième noveno novena nono nona negende",
  10: "dix diez dieci dez tien dixième décimo décima decimo decima tiende",
  11: "onze once undici elf",
  12: "douze doce dodici doze twaalf",
  13: "treize trece tredici treze dertien",
  14: "quatorze catorce quattordici catorze veertien",
  15: "quinze quince quindici vijftien",
  16: "seize dieciséis sedici dezesseis zestien",
  17: "dix-sept diecisiete diciassette dezessete zeventien",
  18: "dix-huit dieciocho diciotto dezoito achttien",
  19: "dix-neuf diecinueve diciannove dezenove negentien",
  20: "vingt veinte venti vinte twintig",
  30: "trente treinta trenta trinta dertig",
  100: "cent cien ciento cento cem honderd",
  1000: "mille mil mil duizend",
});
/** Russian compounds that open with a numeral: "двухфакторная", "шестизначный". */
const RUSSIAN_NUMERAL_PREFIX: [RegExp, number][] = [
  [/^(?:одно)/u, 1], [/^(?:двух|дву)/u, 2], [/^(?:тр[её]х)/u, 3], [/^(?:четыр[её]х)/u, 4], [/^(?:пяти)/u, 5],
  [/^(?:шести)/u, 6], [/^(?:семи)/u, 7], [/^(?:восьми)/u, 8], [/^(?:девяти)/u, 9], [/^(?:десяти)/u, 10],
];
/** One Han numeral on its own ("二要素", "三个"): a spelled-out number that may stand for a digit. */
const HAN_SINGLE = /(?<![零〇一二两三四五六七八九十百千万亿])[一二两三四五六七八九十](?![零〇一二两三四五六七八九十百千万亿])/gu;
const SCALE_WORDS = new Map<string, number>(
  Object.entries({ thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, tausend: 1e3, millionen: 1e6, million_: 1e6, milliarden: 1e9, milliarde: 1e9, тысяч: 1e3, тысячи: 1e3, тысяча: 1e3, миллионов: 1e6, миллиона: 1e6, миллион: 1e6, миллиардов: 1e9, миллиарда: 1e9 }),
);

/** Metric units after a number, by dimension (English, German, French, Russian, Chinese). */
const metric = (units: string) => new RegExp(`^[ \\u00a0-]*(?:${units})(?![\\p{L}])`, "u");
const LENGTH = metric("k?m|cm|mm|Meter\\p{L}*|Kilometer\\p{L}*|Zentimeter\\p{L}*|(?:kilo|centi|milli)?(?:metres?|meters?)|mètres?|kilomètres?|centimètres?|метр\\p{L}*|километр\\p{L}*|сантиметр\\p{L}*|米|公里|厘米");
const MASS = metric("k?g|Kilo(?:gramm)?\\p{L}*|Gramm|kilo(?:gram(?:me)?s?)?|grams?|grammes?|килограмм\\p{L}*|грамм\\p{L}*|公斤|千克|克");
const VOLUME = metric("l|Liter\\p{L}*|lit(?:re|er)s?|litres?|литр\\p{L}*|升");
const CELSIUS = metric("°\\s?C|Grad(?: Celsius)?|degrees Celsius|degrés|градус\\p{L}*|摄氏度");

/** Imperial units, their metric conversions ("200 feet" = "60 Meter"), and the metric units for them. */
const UNITS: [RegExp, (v: number) => number, RegExp][] = [
  [/^[ \u00a0-]*(?:feet|foot|ft)\b/iu, (v) => v * 0.3048, LENGTH],
  [/^[ \u00a0-]*(?:miles?|mi)\b/iu, (v) => v * 1.609, LENGTH],
  [/^[ \u00a0-]*(?:inch(?:es)?|in\.)/iu, (v) => v * 2.54, LENGTH],
  [/^[ \u00a0-]*(?:pounds?|lbs?)\b/iu, (v) => v * 0.4536, MASS],
  [/^[ \u00a0-]*(?:gallons?)\b/iu, (v) => v * 3.785, VOLUME],
  [/^[ \u00a0-]*(?:ounces?|oz)\b/iu, (v) => v * 28.35, MASS],
  [/^[ \u00a0]*(?:°\s?F|degrees Fahrenheit)/iu, (v) => ((v - 32) * 5) / 9, CELSIUS],
  [/^[ \u00a0-]*(?:yards?)\b/iu, (v) => v * 0.9144, LENGTH],
];

/**
 * Chinese numerals with a unit character ("十万", "两千", "一百三十亿"), read whole (no numeral
 * next to the match). A lone 十/百/千/万/亿 is too often part of a word (百姓, 万物, 十字), and
 * approximate ones (几十亿, 二十多, 上百) or the words 万一, 千万, 亿万, 十分 ("very") are not exact numbers.
 */
const HAN_NUMERAL = /(?<![零〇一二两三四五六七八九十百千万亿几数上成])[零〇一二两三四五六七八九十百千万亿]{2,}(?![零〇一二两三四五六七八九十百千万亿几多余来])/gu;
const NOT_A_NUMBER = /^(?:万一|千万|万万|千千万万|亿万|千百|十分(?!钟))/u;
const HAN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const HAN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a Chinese numeral, or undefined when it is not one ("十二五", digits without units). */
export function hanNumeralValue(numeral: string): number | undefined {
  if (!/[十百千万亿]/u.test(numeral)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const c of numeral) {
    if (c in HAN_DIGITS) {
      if (digit !== undefined && HAN_DIGITS[c] !== 0 && digit !== 0) return undefined;
      digit = HAN_DIGITS[c];
    } else if (c in HAN_UNITS) {
      section += (digit ?? 1) * HAN_UNITS[c]!;
      digit = undefined;
    } else if (c === "万") {
      total += (section + (digit ?? 0) || 1) * 1e4;
      section = 0;
      digit = undefined;
    } else {
      total = (total + section + (digit ?? 0) || 1) * 1e8;
      section = 0;
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}

let wordValues: Map<string, number> | undefined;

/**
 * Number words, and month names (with their genitive and short forms), which stand for month
 * numbers in dates: built when a check first reads a number word, since the locale data of the
 * month names costs 20–50 ms at a thread's start and checks without a source never need them.
 */
function numberWordValues(): Map<string, number> {
  if (wordValues) return wordValues;
  // One formatter per locale and style serves all twelve months.
  for (const locale of ["en", "de", "ru", "fr", "es"]) {
    const formats = ([{ month: "long" }, { month: "short" }, { month: "long", day: "numeric" }] as Intl.DateTimeFormatOptions[]).map((options) => new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }));
    for (let month = 0; month < 12; month++) {
      const date = new Date(Date.UTC(2020, month, 15));
      for (const format of formats) {
        const name = format.formatToParts(date).find((p) => p.type === "month")?.value.replace(/\.$/, "");
        if (name && /^\p{L}{3,}$/u.test(name)) WORDS[name.toLowerCase()] ??= month + 1;
      }
    }
  }
  return (wordValues = new Map(Object.entries(WORDS).map(([w, n]) => [w.toLowerCase(), n])));
}

const key = (v: number) => Number(v.toPrecision(12));

/** Alternative readings of how a number is written: "1.500" is 1.5 or 1500, "3,500" is 3500 or 3.5. */
function readings(raw: string): number[] {
  const values = [numericValue(raw)];
  if (/^\d{1,3}[.,]\d{3}$/u.test(raw)) values.push(Number(raw.replace(/[.,]/u, "")), Number(raw.replace(",", ".")));
  return values;
}

/**
 * "1.299,99", "1 299,99", Swiss "80’000" and "1'299.50" written the English way, at the same
 * offsets ("1,299.99"), so that readNumbers() reads them whole. "1.299" and "1 299" alone are left:
 * readNumbers() and readings() know them.
 */
const LOCALE_NUMBER = /(?<![\d.,])\d{1,3}(?:([.\u00a0\u202f ’'])\d{3})(?:\1\d{3})*(,\d+|\.\d+)?(?![\d.,]\d)/gu;
function asEnglishNumbers(text: string): string {
  return text.replace(LOCALE_NUMBER, (m, separator: string, decimals: string | undefined) => {
    const swiss = separator === "’" || separator === "'";
    if (!swiss && !decimals?.startsWith(",")) return m;
    if (!swiss && separator === "." && decimals === undefined) return m;
    return m.replaceAll(separator, ",").replace(/,(\d+)$/u, decimals ? ".$1" : ",$1");
  });
}

/** A date of three numbers ("03/04/2024", "04.03.2024", "2024-03-04"), read in any order. */
const DATE = /(?<![\d.,/-])(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?![\d/-]|[.,]\d)/gu;
const dateKey = (m: RegExpMatchArray) => [m[1]!, m[3]!, m[4]!].map(Number).sort((a, b) => a - b).join("-");
const isDate = (m: RegExpMatchArray) => [m[1]!, m[4]!].some((part) => part.length === 4) || (m[2] !== "." && Number(m[1]) <= 31 && Number(m[3]) <= 31);

/** Source and target with the dates they share blanked (the same day written in each locale's order). */
const withoutSharedDates = (source: string, target: string) => withoutShared(source, target, (text) => [...text.matchAll(DATE)].filter(isDate), dateKey);

/**
 * Source and target with the matches they share blanked: each source match takes the first target
 * match of the same key not taken yet (the same day, the same telephone number, written two ways).
 */
function withoutShared(source: string, target: string, matches: (text: string) => RegExpMatchArray[], key: (m: RegExpMatchArray) => string): [string, string] {
  const byKey = new Map<string, RegExpMatchArray[]>();
  for (const t of matches(target)) {
    const k = key(t);
    (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(t);
  }
  if (!byKey.size) return [source, target];
  const blanks: [Span[], Span[]] = [[], []];
  for (const m of matches(source)) {
    const t = byKey.get(key(m))?.shift();
    if (!t) continue;
    blanks[0].push({ start: m.index!, end: m.index! + m[0].length });
    blanks[1].push({ start: t.index!, end: t.index! + t[0].length });
  }
  return [blankSpans(source, blanks[0]), blankSpans(target, blanks[1].sort((x, y) => x.start - y.start))];
}

/** A telephone number: an optional "+49" and "(0)", then groups of digits (seven or more in all) joined by spaces, dots, slashes, hyphens or brackets. */
const PHONE = /(?<![\p{L}\p{N}.,+])(?:\+\d{1,3}[ \u00a0]?)?(?:\(0\)[ \u00a0]?)?\(?\d[\d \u00a0./()-]{5,20}\d(?![\p{L}\p{N}]|[.,]\d)/gu;
/** Its digits as dialled inside the country: without the country code and the trunk "0" ("+49 (0) 431 259-68" and "0431/25968" are 43125968). */
function nationalDigits(phone: string): string {
  const international = /^\+\d{1,3}/u.exec(phone);
  const rest = (international ? phone.slice(international[0].length) : phone).replace(/\(0\)/u, "").replace(/\D/gu, "");
  return rest.replace(/^0/u, "");
}

/** Source and target with the telephone numbers they share blanked: one number, written the international or the national way. */
const withoutSharedPhones = (source: string, target: string) =>
  withoutShared(source, target, (text) => [...text.matchAll(PHONE)].filter((m) => m[0].replace(/\D/gu, "").length >= 7), (m) => nationalDigits(m[0]));

/** Digits (with every reading and scale) and spelled-out numbers in prose. */
export function numbersIn(original: string): ReadNumber[] {
  const found: ReadNumber[] = [];
  const text = asEnglishNumbers(original);
  for (const n of readNumbers(text)) {
    const after = text.slice(n.end, n.end + 12);
    const extra = n.scale === 1 ? MORE_SCALES.find(([re]) => re.test(after)) : undefined;
    const scaleEnd = extra ? n.end + after.match(extra[0])![0].length : n.end;
    const pm = /^\s*(?:p\.\s?m\.|pm\b|Uhr nachmittags)/iu.test(after);
    n.parts.forEach((part, i) => {
      // Digits glued to letters on the left ("G20", "COVID-19" keep their number) still count.
      const start = n.partStarts[i] ?? n.start;
      const end = i === n.parts.length - 1 ? scaleEnd : start + part.length;
      const values = new Set<number>();
      for (const v of readings(part)) {
        values.add(key(v));
        values.add(key(v * n.scale));
        if (extra) values.add(key(v * extra[1]));
        if (pm && v < 12) values.add(v + 12);
      }
      const unit = i === n.parts.length - 1 ? UNITS.find(([re]) => re.test(after)) : undefined;
      const approx = unit ? [...values].map(unit[1]) : [];
      const number: ReadNumber = { start, end, text: original.slice(start, end).trim(), values, approx, spelled: false };
      if (unit) Object.assign(number, { metric: unit[2], unit: after.match(unit[0])![0] });
      found.push(number);
    });
  }
  for (const m of text.matchAll(HAN_NUMERAL)) {
    const value = NOT_A_NUMBER.test(text.slice(m.index, m.index + 8)) ? undefined : hanNumeralValue(m[0]);
    if (value !== undefined) found.push({ start: m.index, end: m.index + m[0].length, text: m[0], values: new Set([key(value)]), approx: [], spelled: false });
  }
  const inNumber = coveredBy([...found].sort((a, b) => a.start - b.start));
  for (const m of text.matchAll(HAN_SINGLE)) {
    if (!inNumber(m.index)) found.push({ start: m.index, end: m.index + 1, text: m[0], values: new Set([HAN_DIGITS[m[0]] ?? 10]), approx: [], spelled: true });
  }
  for (const m of text.matchAll(/\p{L}+(?:-\p{L}+)?/gu)) {
    const word = m[0].toLowerCase();
    // German compounds ("zehnmal", "zehnfache"), Russian ones ("двухфакторная").
    const wordValues = numberWordValues();
    const value =
      wordValues.get(word) ?? wordValues.get(word.split("-")[0]!) ?? wordValues.get(/^(\p{L}+?)(?:mal|fach\p{L}*)$/u.exec(word)?.[1] ?? "") ?? RUSSIAN_NUMERAL_PREFIX.find(([re]) => re.test(word))?.[1];
    if (value === undefined) continue;
    // The scale of "two billion" or "2 billion" is part of that number, not a billion of its own.
    const previous = /([\p{L}\d.,]+)[ \u00a0]+$/u.exec(text.slice(Math.max(0, m.index - 40), m.index))?.[1];
    if (SCALE_WORDS.has(word) && previous && (/\d$/u.test(previous) || numberWordValues().has(previous.toLowerCase()))) continue;
    const values = new Set([value]);
    // "fourteen billion", "zwei Millionen", "три тысячи".
    const scale = /^[ \u00a0]+(\p{L}+)/u.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 20));
    const multiplier = scale && SCALE_WORDS.get(scale[1]!.toLowerCase());
    if (multiplier) values.add(key(value * multiplier));
    found.push({ start: m.index, end: m.index + m[0].length, text: m[0], values, approx: [], spelled: true });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "1. ", "2) ", "(3) " opening the segment: list numbering, not content. */
const isListNumber = (text: string, n: ReadNumber) => /^\s*\(?$/u.test(text.slice(0, n.start)) && /^[.)、．]\s/u.test(text.slice(n.end, n.end + 2) + " ") && !n.spelled;

export interface NumberComparison {
  missing: ReadNumber[];
  /** Target digits no source number accounts for. */
  extra: ReadNumber[];
}

/** Units written against their number ("5GB", "24h", "10px"): the number is a quantity, not part of a name. */
const GLUED_UNIT = /^(?:[KMGTP]i?B|[kMG]?Hz|px|pt|em|rem|ms|fps|dpi|bps|MP|[smhdDKkx%])(?![\p{L}\d])/u;
/** Ordinal endings written against the number: English "1st", French "1er", "2e", Dutch "1ste", Spanish "1º". */
const ORDINAL = /^(?:st|nd|rd|th|er|re|e|ème|eme|ste|de|ᵉ|ᵉʳ|ʳᵉ|[ºª°])(?![\p{L}\d])/u;
/** Digits inside a name or identifier ("CVV2", "snippet_4", "2FA", "G20"): not a quantity a translation must keep. */
const inIdentifier = (text: string, n: ReadNumber) => {
  // The code point before the number and a few after it are all the patterns look at (a whole prefix would be rescanned per number).
  const before = text.slice(Math.max(0, n.start - 2), n.start);
  const after = text.slice(n.end, n.end + 8);
  return !n.spelled && (/[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}_]$/u.test(before) || (/^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(after) && !GLUED_UNIT.test(after) && !ORDINAL.test(after)));
};

export function compareNumbers(rawSource: string, rawTarget: string): NumberComparison {
  const [source, target] = withoutSharedDates(...withoutSharedPhones(rawSource, rawTarget));
  // ":00" minutes go unsaid ("15:00" is "3 p.m.").
  const src = numbersIn(source).filter((n) => !isListNumber(source, n) && !inIdentifier(source, n) && !(n.values.has(0) && /\d[:：]$/u.test(source.slice(Math.max(0, n.start - 2), n.start))));
  const tgt = numbersIn(target).filter((n) => !inIdentifier(target, n));
  const used = new Set<ReadNumber>();
  const usedValues = new Set<number>();
  const use = (t: ReadNumber) => {
    used.add(t);
    for (const v of t.values) usedValues.add(v);
  };
  const digits = new TargetIndex(tgt.filter((t) => !t.spelled), used);
  const all = new TargetIndex(tgt, used);
  // The first unused target number sharing a value, digits before spelled-out numbers.
  const find = (n: ReadNumber, digitsOnly: boolean) => digits.first(n.values) ?? (digitsOnly ? undefined : all.first(n.values));
  const targetValues = tgt.flatMap((t) => [...t.values]).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const close = (n: ReadNumber) => n.approx.some((a) => hasValueNear(targetValues, a));
  const swapped: [ReadNumber, ReadNumber][] = [];
  const missing = src.filter((n) => {
    if (n.spelled) return false;
    const match = find(n, false);
    // "200 feet" written "200 Meter": the unit was converted, the number was not.
    const metricUnit = match && n.metric?.exec(target.slice(match.end, match.end + 24))?.[0];
    if (match && metricUnit) {
      swapped.push([{ ...n, text: `${n.text}${n.unit}`.trim() }, { ...match, end: match.end + metricUnit.length, text: `${match.text}${metricUnit}`.trim() }]);
      return false;
    }
    if (match) use(match);
    return !match && !close(n);
  });
  // Spelled-out source numbers ("three") account for target digits, but are not required.
  // (A lone Han numeral is too often part of a word, "两个", to claim a digit.)
  for (const n of src) {
    const match = n.spelled && n.text.length > 1 ? find(n, true) : undefined;
    if (match) use(match);
  }
  // A target figure that repeats a matched one ("8,000 … these 8,000") is not a changed number.
  const swappedStarts = new Set(swapped.map(([, s]) => s.start));
  const extra = tgt.filter((t) => !t.spelled && !used.has(t) && ![...t.values].some((v) => usedValues.has(v)) && !swappedStarts.has(t.start));
  // A swapped unit is a changed number: report it as the one missing number and its changed form.
  if (swapped.length && !missing.length) return { missing: swapped.map(([s]) => s), extra: swapped.map(([, t]) => t) };
  return { missing: [...missing, ...swapped.map(([s]) => s)], extra };
}

/**
 * Target numbers by value, for finding the first unused one (in text order) that shares a value
 * with a source number without rescanning the target for each: numbers once used stay used, so
 * each value's list is walked past them once.
 */
class TargetIndex {
  private readonly byValue = new Map<number, { numbers: ReadNumber[]; order: number[]; next: number }>();

  constructor(
    numbers: ReadNumber[],
    private readonly used: ReadonlySet<ReadNumber>,
  ) {
    numbers.forEach((n, order) => {
      for (const v of n.values) {
        const list = this.byValue.get(v) ?? { numbers: [], order: [], next: 0 };
        list.numbers.push(n);
        list.order.push(order);
        this.byValue.set(v, list);
      }
    });
  }

  first(values: Iterable<number>): ReadNumber | undefined {
    let best: { number: ReadNumber; order: number } | undefined;
    for (const v of values) {
      const list = this.byValue.get(v);
      if (!list) continue;
      while (list.next < list.numbers.length && this.used.has(list.numbers[list.next]!)) list.next++;
      const order = list.order[list.next];
      if (order !== undefined && (!best || order < best.order)) best = { number: list.numbers[list.next]!, order };
    }
    return best?.number;
  }
}

/** Whether a value within 15% of `a` is in `sorted` (ascending): converted units ("200 feet" ≈ "60 m"). */
function hasValueNear(sorted: number[], a: number): boolean {
  const near = (v: number) => Math.abs(v - a) <= 0.15 * Math.abs(a);
  // The first value not below the window (widened a little, then each candidate checked exactly).
  const low = a - 0.16 * Math.abs(a);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < low) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i]! <= a + 0.16 * Math.abs(a); i++) if (near(sorted[i]!)) return true;
  return false;
}

export const numberParityKind: RuleKind = {
  name: "number-parity",
  fixes: () => "none",
  compile(spec: RuleSpec): CompiledRule {
    return {
      spec,
      checkSegment(analysis: SegmentAnalysis, index, report) {
        const source = sourceOf(analysis);
        if (!source || !/[\d十百千万亿]/u.test(source)) return;
        const target = proseOf(analysis.text);
        // A target of codes only is the untranslated rule's to report, once.
        if (!/[\p{L}\p{N}]/u.test(target)) return;
        const { missing, extra } = compareNumbers(proseOf(source), target);
        if (missing.length === 0) return;
        if (missing.length === 1 && extra.length === 1) {
          const changed = extra[0]!;
          const detail = `the source's “${missing[0]!.text}” is “${changed.text}” here`;
          report(index, { start: changed.start, end: changed.end, message: expandMessage(spec.message, [detail]) });
          return;
        }
        const names = listed(missing.map((n) => n.text));
        const detail = `${names} in the source ${missing.length === 1 ? "is" : "are"} missing from the target`;
        report(index, { ...wholeTarget(analysis), spansMarkup: true, message: expandMessage(spec.message, [detail]) });
      },
    };
  },
};
