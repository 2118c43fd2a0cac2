/**
 * Bytes ⇄ text: UTF-8 (with or without BOM), UTF-16 with BOM, and a legacy charset that the file
 * declares (an XML `encoding` declaration, a PO header's `charset=`: CP1251, ISO-8859-1, Shift_JIS…)
 * when its bytes are not UTF-8; binary and undeclared invalid UTF-8 are refused with a position.
 * UTF-16 is decoded code unit by code unit, so that a lone surrogate survives a round trip, and an odd
 * trailing byte is kept aside and written back: fixing a file never rewrites what no fix touched.
 */
import { inputError, MtlintError } from "../core/errors.js";

export type Encoding = "utf8" | "utf8-bom" | "utf16le" | "utf16be" | `legacy:${string}`;

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** The last byte of a UTF-16 file of odd length: no code unit, but part of the file. */
  trailingByte?: number;
}

export function decode(bytes: Uint8Array, file: string): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, "utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, "utf16be");
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.subarray(0, 8192).includes(0)) throw inputError("binary file (contains NUL bytes); expected UTF-8 or UTF-16 text", { file });
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: bom ? "utf8-bom" : "utf8" };
  } catch {
    const declared = bom ? undefined : declaredCharset(body);
    if (declared) return legacy(body, declared, file);
    const at = firstInvalidUtf8(body);
    const line = body.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    const sequence = [...body.subarray(at, at + 4)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    throw inputError(`invalid UTF-8 (bytes ${sequence} at byte offset ${at + (bom ? 3 : 0)}); expected UTF-8 or UTF-16 with BOM`, { file, line });
  }
}

function utf16(bytes: Uint8Array, encoding: "utf16le" | "utf16be"): Decoded {
  const even = 2 + ((bytes.length - 2) & ~1);
  const units = Buffer.from(bytes.subarray(2, even));
  if (encoding === "utf16be") units.swap16();
  const decoded: Decoded = { text: units.toString("utf16le"), encoding };
  if (even < bytes.length) decoded.trailingByte = bytes[even]!;
  return decoded;
}

/** The charset an XML declaration or a PO header names, when it is one TextDecoder knows and not UTF-8. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const label = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/u.exec(head)?.[1] ?? /"Content-Type:[^"]*?\bcharset=([\w.:-]+)/iu.exec(head)?.[1];
  if (!label) return undefined;
  try {
    const name = new TextDecoder(label).encoding;
    return name === "utf-8" || name.startsWith("utf-16") ? undefined : name;
  } catch {
    return undefined;
  }
}

function legacy(bytes: Uint8Array, charset: string, file: string): Decoded {
  try {
    return { text: new TextDecoder(charset, { fatal: true }).decode(bytes), encoding: `legacy:${charset}` };
  } catch {
    throw inputError(`not valid ${charset}, the charset the file declares`, { file });
  }
}

/** Character → bytes of a legacy charset, built once from what its decoder gives for every one- and two-byte sequence. */
const legacyTables = new Map<string, Map<string, number[]>>();
function legacyTable(charset: string): Map<string, number[]> {
  let table = legacyTables.get(charset);
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder(charset, { fatal: true });
  const add = (sequence: number[]) => {
    try {
      const char = decoder.decode(Uint8Array.from(sequence));
      if ([...char].length === 1 && char !== "\ufffd" && !table!.has(char)) table!.set(char, sequence);
    } catch {
      // not a character of this charset
    }
  };
  for (let b = 0; b < 256; b++) add([b]);
  for (let lead = 0x80; lead < 256; lead++) for (let trail = 0x40; trail < 256; trail++) add([lead, trail]);
  legacyTables.set(charset, table);
  return table;
}

function encodeLegacy(text: string, charset: string): Uint8Array {
  const table = legacyTable(charset);
  const bytes: number[] = [];
  for (const char of text) {
    const sequence = table.get(char);
    if (!sequence) throw inputError(`fixes not written: “${char}” cannot be written in ${charset}; file left unchanged`, {});
    bytes.push(...sequence);
  }
  return Uint8Array.from(bytes);
}

export function encode(text: string, encoding: Encoding, trailingByte?: number): Uint8Array {
  const tail = trailingByte === undefined ? [] : [Buffer.from([trailingByte])];
  switch (encoding) {
    case "utf8":
      return Buffer.from(text, "utf8");
    case "utf8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le"), ...tail]);
    case "utf16be":
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16(), ...tail]);
    default:
      return encodeLegacy(text, encoding.slice("legacy:".length));
  }
}

/** The bytes of a fixed text, refused unless they decode back to exactly that text (a lone surrogate has no UTF-8 form). */
export function encodeChecked(text: string, decoded: Decoded, file: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = encode(text, decoded.encoding, decoded.trailingByte);
  } catch (e) {
    if (e instanceof MtlintError) throw inputError(e.message, { file });
    throw e;
  }
  const back = decode(bytes, file);
  if (back.text !== text || back.encoding !== decoded.encoding) {
    throw inputError(`fixes not written: the fixed text cannot be written back as ${decoded.encoding}; file left unchanged`, { file });
  }
  return bytes;
}

/** The second byte's range per lead byte (RFC 3629): no overlong forms, no surrogates (ED A0–BF), nothing past U+10FFFF. */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** Byte offset of the first malformed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    const [low, high] = secondByteRange(b);
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}
