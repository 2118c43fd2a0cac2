/**
 * Bytes ⇄ text: UTF-8 (with or without BOM) and UTF-16 with BOM; binary and invalid UTF-8 are refused with a position.
 * UTF-16 is decoded code unit by code unit, so that a lone surrogate survives a round trip, and an odd
 * trailing byte is kept aside and written back: fixing a file never rewrites what no fix touched.
 */
import { inputError } from "../core/errors.js";

export type Encoding = "utf8" | "utf8-bom" | "utf16le" | "utf16be";

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
  }
}

/** The bytes of a fixed text, refused unless they decode back to exactly that text (a lone surrogate has no UTF-8 form). */
export function encodeChecked(text: string, decoded: Decoded, file: string): Uint8Array {
  const bytes = encode(text, decoded.encoding, decoded.trailingByte);
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
