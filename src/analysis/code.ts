/**
 * Text that is code, not prose: a query, a command line, an expression kept in a help text. A
 * language's prose rules (spacing after punctuation, capitals, quotation marks) would read its
 * "Catalog.Nomenclature" and "a;b" as slips.
 */

/** Keywords of SQL (and the Russian 1C query language), in capitals. */
const SQL = /\b(?:SELECT|FROM|WHERE|JOIN|INNER|OUTER|LEFT|ON|AS|AND|OR|GROUP|ORDER|BY|HAVING|INSERT|INTO|VALUES|UPDATE|SET|DELETE|UNION|BETWEEN|LIKE|IN|NOT|NULL|ВЫБРАТЬ|ИЗ|ГДЕ|СОЕДИНЕНИЕ|ПО|КАК|И|ИЛИ)\b/gu;
/** Pieces that prose does not have: "Catalog.Nomenclature", "SliceLast(", "a = b", "&Date", "snake_case", "--option", "x;". */
const CODE_PIECES = /[\p{L}_][\p{L}\p{N}_]*\.\p{Lu}[\p{L}\p{N}_]*|[\p{L}_][\p{L}\p{N}_]*\(|\s[=<>!]=?\s|&[\p{L}_]\w*(?!;)|\b\w+_\w+\b|(?:^|\s)--?[a-z][\w-]*|[;{}]\s*$/gmu;

/** What every piece of CODE_PIECES holds at least one of (and SQL keywords are words in capitals). */
const CODE_MARKS = /[(&_=<>!;{}]|\.\p{Lu}|(?:^|\s)-/gmu;
const CAPITALS = /(?<![\p{L}\p{N}_])(?:\p{Lu}{2,}|И)(?![\p{L}\p{N}_])/gu;
/** A line that opens with an SQL statement: "SELECT * FROM %tables%" needs no code punctuation to be a query. */
const SQL_STATEMENT = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|ВЫБРАТЬ)\b/mu;

/** Whether the text is mostly code: at least three pieces of code (SQL keywords count when two or more), for one in three words. */
export function looksLikeCode(text: string): boolean {
  if (!/[=(.;{}&_-]/u.test(text) && !SQL_STATEMENT.test(text)) return false;
  // Each code piece or keyword holds one of these marks or a word in capitals: prose, with few, is settled cheaply, before its words are counted.
  const marks = (text.match(CODE_MARKS)?.length ?? 0) + (text.match(CAPITALS)?.length ?? 0);
  if (marks < 3) return false;
  const words = text.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (marks * 3 < words) return false;
  const keywords = text.match(SQL)?.length ?? 0;
  const pieces = (text.match(CODE_PIECES)?.length ?? 0) + (keywords >= 2 ? keywords : 0);
  return pieces >= 3 && pieces * 3 >= words;
}
