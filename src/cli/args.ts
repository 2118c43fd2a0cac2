/** What the commands of the command line share: exit codes, the I/O they write to, and readers of option values. */

export const EXIT = { ok: 0, failed: 1, error: 2 } as const;

/** A repeated option replaces the value before it (yargs would collect both in an array). */
export const lastOf = <T>(value: T | T[]): T => (Array.isArray(value) ? value[value.length - 1]! : value);
/**
 * Numbers are read here rather than by yargs, whose parser takes a `1` after an earlier value
 * for a counter's increment: `--jobs 3 --jobs 1` gave 4. Not a number (or nothing): NaN, refused later.
 */
export const numberOf = (value: string | string[]): number => {
  const text = String(lastOf(value)).trim();
  return text === "" ? NaN : Number(text);
};
/** A repeatable option's values. Not a yargs array, which would take the paths after it as more values. */
export const allOf = (value: string | string[]): string[] => [value].flat();

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
  /** Reads the next bytes of stdin into `into`, 0 at its end (for streaming long input). */
  readStdinChunk?: (into: Buffer) => number;
}

