/**
 * The process's stdin and stdout at the file-descriptor level, blocking: a streamed run reads its
 * input and writes its findings a batch at a time, so neither side may queue without bound.
 */
import { readSync, writeSync } from "node:fs";

/** A short wait while a non-blocking pipe is empty (stdin) or full (stdout). */
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** Set once the reader of stdout has gone (`| head`): what is left to write has nowhere to go. */
let stdoutClosed = false;

/** Writes all of `text` to stdout before returning (process.stdout.write would queue it in memory while the pipe is full). */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length && !stdoutClosed; ) {
    try {
      at += writeSync(1, bytes, at);
    } catch (e) {
      if (codeOf(e) === "EPIPE") stdoutClosed = true;
      else if (codeOf(e) === "EAGAIN") pause();
      else throw e;
    }
  }
}

/** Reads what there is of stdin into `into` (0 at its end). */
export function readStdinChunk(into: Buffer): number {
  for (;;) {
    try {
      return readSync(0, into, 0, into.length, null);
    } catch (e) {
      if (codeOf(e) === "EOF") return 0;
      if (codeOf(e) !== "EAGAIN") throw e;
      pause();
    }
  }
}
