/** Bytes ⇄ text: UTF-8 (with or without BOM) and UTF-16 with BOM; binary and invalid UTF-8 are refused with a position. */
import { inputError } from "../core/errors.js";

export type Encoding = "utf8" | "utf8-bom" | "utf16le" | "utf16be";

export interface Decoded {
  text: string;
  encoding: Encoding;
}

export function decode(bytes: Uint8Array, file: string): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf16be" };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.subarray(0, 8192).includes(0)) throw inputError("binary file (contains NUL bytes); expected UTF-8 or UTF-16 text", { file });
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: bom ? "utf8-bom" : "utf8" };
  } catch {
    const at = firstInvalidUtf8(body);
    const before = body.subarray(0, at);
    const line = before.filter((b) => b === 0x0a).length + 1;
    throw inputError(`invalid UTF-8 (byte 0x${body[at]?.toString(16).padStart(2, "0")} at byte offset ${at + (bom ? 3 : 0)}); expected UTF-8 or UTF-16 with BOM`, { file, line });
  }
}

export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case "utf8":
      return Buffer.from(text, "utf8");
    case "utf8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf16be": {
      const le = Buffer.from(text, "utf16le");
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
  }
}

/** Byte offset of the first malformed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >> 5 === 0b110 && b >= 0xc2 ? 2 : b >> 4 === 0b1110 ? 3 : b >> 3 === 0b11110 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (i + k >= bytes.length || bytes[i + k]! >> 6 !== 0b10) return i;
    i += length;
  }
  return bytes.length;
}
