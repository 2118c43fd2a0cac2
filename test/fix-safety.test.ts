/** Fixes never lose data: each test reproduces a way a fix (or writing it) once corrupted a file. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decode, encode } from "../src/formats/encoding.js";
import { runCli, tempTree } from "./cli-helpers.js";

describe("encodings", () => {
  const le = (text: string, ...tail: number[]) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le"), Buffer.from(tail)]);

  test("UTF-16 keeps lone surrogates and an odd trailing byte through a round trip", () => {
    const bytes = le("Voici \ud800 seul, \udc00 aussi.\n", 0x41);
    const decoded = decode(bytes, "f");
    expect(decoded.text).toBe("Voici \ud800 seul, \udc00 aussi.\n");
    expect(Buffer.from(encode(decoded.text, decoded.encoding, decoded.trailingByte))).toEqual(bytes);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("A\udbff!", "utf16le").swap16(), Buffer.from([0x07])]);
    const back = decode(be, "f");
    expect(Buffer.from(encode(back.text, back.encoding, back.trailingByte))).toEqual(be);
  });

  test("--fix on UTF-16 changes only the fixed bytes, not a lone surrogate or an odd trailing byte elsewhere", async () => {
    const dir = tempTree({ "u16.txt": le("We saw 5 thousand birds.\n\nA lone \ud800 here.\n", 0x41) });
    const file = join(dir, "u16.txt");
    await runCli(["check", "--fix", file]);
    expect(readFileSync(file)).toEqual(le("We saw 5,000 birds.\n\nA lone \ud800 here.\n", 0x41));
  });

  test("a UTF-8 encoded surrogate is reported with its bytes, offset and line", async () => {
    const dir = tempTree({ "s.txt": Buffer.concat([Buffer.from("Bonjour\n"), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(" x\n")]) });
    const run = await runCli(["check", join(dir, "s.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("s.txt:2: invalid UTF-8 (bytes ed a0 80 20 at byte offset 8)");
  });

  test("overlong forms and code points past U+10FFFF are found where they are", () => {
    for (const bad of [[0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0x80]]) {
      expect(() => decode(Buffer.from([0x61, 0x0a, ...bad]), "f")).toThrow(`invalid UTF-8 (bytes ${bad.map((b) => b.toString(16)).join(" ")} at byte offset 2)`);
    }
  });
});
