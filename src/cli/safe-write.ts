/**
 * Replacing files without losing data. Every file mtlint writes in place (fixed files, streamed or
 * not, the cache, the baseline) goes through here, in the main thread, where signals are handled:
 * - the new bytes go to a temporary file next to the real file (a symlink is followed, so the
 *   symlink stays and its target is fixed), created exclusively (O_EXCL) under a random name, mode
 *   0600, then given the original's owner, group and mode, flushed and renamed over the file;
 * - a file with several hard links, a read-only file, or one whose owner cannot be kept is refused;
 * - a fix is refused when the file changed (identity, size, time or content) since it was read;
 * - temporary files are removed on any error and on SIGINT, SIGTERM and SIGHUP; those of a process
 *   that died without that chance (SIGKILL, a crash) are removed by later runs (their names carry
 *   the writer's pid).
 */
import { createHash, randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { inputError, type MtlintError } from "../core/errors.js";

/** The error code of a failed file-system call (ENOENT, EACCES…), or its message. */
export const errorCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** A file as it was read: a fix replaces it only while it is still exactly this. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  sha256: string;
}

export const identityOf = (stat: Stats, sha256: string): FileIdentity => ({ dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, sha256 });

/** A file's bytes and identity, from one open. */
export function readWithIdentity(path: string): { bytes: Buffer; identity: FileIdentity } {
  const fd = openSync(path, "r");
  try {
    const stat = fstatSync(fd);
    const bytes = readFullSync(fd, stat.size);
    return { bytes, identity: identityOf(stat, createHash("sha256").update(bytes).digest("hex")) };
  } finally {
    closeSync(fd);
  }
}

/** How a refused or failed fix is reported. */
export const fixError = (file: string) => (reason: string) => inputError(`fixes not written: ${reason}; file left unchanged`, { file });

/** Turns the reason a file could not be replaced into the error to report. */
export type WriteError = (reason: string) => MtlintError;

/** A file being replaced: write the new bytes, then commit (or abort, which leaves the file as it was). */
export class Replacement {
  private fd: number | undefined;

  private constructor(
    /** The file that is replaced: the given path with symlinks resolved. */
    private readonly target: string,
    private readonly temp: string,
    fd: number,
    /** The mode the new file gets. */
    private readonly mode: number,
    private readonly error: WriteError,
  ) {
    this.fd = fd;
  }

  /** Starts replacing `path` (which need not exist yet); throws the `error` of a refusal. */
  static open(path: string, error: WriteError): Replacement {
    const target = realTarget(path, error);
    const existing = statSync(target, { throwIfNoEntry: false });
    if (existing) {
      if (!existing.isFile()) throw error("not a regular file");
      if (existing.nlink > 1) throw error(`it has ${existing.nlink} hard links, which replacing it would split`);
      if ((existing.mode & 0o222) === 0) throw error("it is read-only");
      try {
        accessSync(target, constants.W_OK);
      } catch (e) {
        throw error(`it is not writable (${errorCode(e)})`);
      }
    }
    const temp = join(dirname(target), `.${basename(target)}.mtlint-${process.pid}-${randomBytes(8).toString("hex")}.tmp`);
    // Handlers first: a signal between creating the file and installing them would end the process with the file left behind.
    handleSignals();
    let fd: number;
    try {
      fd = openSync(temp, "wx", 0o600);
    } catch (e) {
      throw error(`cannot create a temporary file in its folder (${errorCode(e)})`);
    }
    live.add(temp);
    const replacement = new Replacement(target, temp, fd, existing ? existing.mode & 0o7777 : 0o666 & ~process.umask(), error);
    if (existing) {
      try {
        const created = fstatSync(fd);
        if (created.uid !== existing.uid || created.gid !== existing.gid) fchownSync(fd, existing.uid, existing.gid);
      } catch (e) {
        replacement.abort();
        throw error(`its owner and group cannot be kept (${errorCode(e)})`);
      }
    }
    return replacement;
  }

  write(bytes: Uint8Array | string): void {
    try {
      const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
      for (let done = 0; done < buffer.length; ) done += writeSync(this.fd!, buffer, done);
    } catch (e) {
      this.abort();
      throw this.error(`cannot write (${errorCode(e)})`);
    }
  }

  /** Replaces the file, unless it is no longer `original` (the file as read before the fix). */
  commit(original?: FileIdentity): void {
    try {
      fchmodSync(this.fd!, this.mode);
      fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = undefined;
      if (original && !unchanged(this.target, original)) {
        this.abort();
        throw this.error("the file changed while it was being checked");
      }
      renameSync(this.temp, this.target);
      live.delete(this.temp);
    } catch (e) {
      if (!live.has(this.temp)) throw e;
      this.abort();
      throw this.error(`cannot replace it (${errorCode(e)})`);
    }
  }

  /** Removes the temporary file; the original is untouched. */
  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    removeQuietly(this.temp);
    live.delete(this.temp);
  }
}

/** Replaces a file with these bytes in one go (see Replacement). */
export function replaceFile(path: string, bytes: Uint8Array | string, error: WriteError, original?: FileIdentity): void {
  const replacement = Replacement.open(path, error);
  replacement.write(bytes);
  replacement.commit(original);
}

/**
 * Removes temporary copies of these files left by mtlint processes that are gone (killed, or
 * crashed): `.<name>.mtlint-<pid>-<random>.tmp` (and the older `.<name>.mtlint-<pid>.tmp`),
 * next to the file and next to its symlink's target; with `bareSuffix`, also `<name>.<pid>.tmp`
 * (how older versions wrote the cache). A copy of a process still running is left alone.
 */
export function removeStaleTemporaries(paths: Iterable<string>, bareSuffix = false): void {
  const namesByDir = new Map<string, Set<string>>();
  const add = (path: string) => {
    const dir = dirname(path);
    if (!namesByDir.has(dir)) namesByDir.set(dir, new Set());
    namesByDir.get(dir)!.add(basename(path));
  };
  for (const path of paths) {
    add(resolve(path));
    try {
      add(realpathSync(path));
    } catch {
      // a missing file has no target, and no temporary copies but those next to its name
    }
  }
  for (const [dir, names] of namesByDir) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const m = TEMPORARY.exec(entry) ?? (bareSuffix ? BARE_TEMPORARY.exec(entry) : null);
      if (!m || !names.has(m[1]!) || writerAlive(Number(m[2]), join(dir, entry))) continue;
      const stale = join(dir, entry);
      // Only files (or a symlink planted under that name, whose target unlink leaves alone).
      const stat = lstatSync(stale, { throwIfNoEntry: false });
      if (stat && (stat.isFile() || stat.isSymbolicLink())) removeQuietly(stale);
    }
  }
}

const TEMPORARY = /^\.(.+)\.mtlint-(\d+)(?:-[0-9a-z]+)?\.tmp$/;
const BARE_TEMPORARY = /^(.+)\.(\d+)\.tmp$/;

function writerAlive(pid: number, temp: string): boolean {
  if (pid === process.pid) return live.has(temp);
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) === "EPERM"; // alive, another user's
  }
}

/** Where the new file goes: the path, or its symlink's final target; a missing file's folder must exist. */
function realTarget(path: string, error: WriteError): string {
  try {
    return realpathSync(path);
  } catch (e) {
    if (errorCode(e) !== "ENOENT") throw error(`cannot resolve its path (${errorCode(e)})`);
  }
  if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) throw error("it is a symlink to nothing");
  try {
    return join(realpathSync(dirname(resolve(path))), basename(path));
  } catch (e) {
    throw error(`its folder cannot be opened (${errorCode(e)})`);
  }
}

/** Whether the file is still the one that was read: same inode, size, modification time and content. */
function unchanged(path: string, original: FileIdentity): boolean {
  const fd = openSync(path, "r");
  try {
    const now = fstatSync(fd);
    if (now.dev !== original.dev || now.ino !== original.ino || now.size !== original.size || now.mtimeMs !== original.mtimeMs) return false;
    const hash = createHash("sha256");
    const buffer = Buffer.alloc(Math.min(now.size, 1024 * 1024));
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, read));
    return hash.digest("hex") === original.sha256;
  } finally {
    closeSync(fd);
  }
}

function readFullSync(fd: number, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  let done = 0;
  for (let read; done < size && (read = readSync(fd, buffer, done, size - done, done)) > 0; ) done += read;
  // A file that grew while it was read is read to its end (its identity then no longer matches).
  return done < size ? buffer.subarray(0, done) : buffer;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or not ours to remove
  }
}

/** Temporary files of this process not yet renamed or removed. */
const live = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let signalsHandled = false;

/**
 * From the first temporary file on, a signal that would end the process first removes the
 * temporary files, then ends it as the signal would have. (The handlers stay: removed while
 * the signal was pending, they would let it pass unnoticed.)
 */
function handleSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      for (const temp of live) removeQuietly(temp);
      live.clear();
      SIGNALS.forEach((s, i) => process.removeListener(s, handlers[i]!));
      process.kill(process.pid, signal);
    };
    process.on(signal, handler);
    return handler;
  });
}
