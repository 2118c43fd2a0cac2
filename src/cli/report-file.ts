/** --output-file: the report, written as it comes (JSON Lines of streamed files) and at the end. */
import { accessSync, closeSync, constants, mkdirSync, openSync, statSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { usageError } from "../core/errors.js";
import { errorCode } from "./safe-write.js";

export class ReportFile {
  private fd?: number;

  /** Checks that the report can be written before the run starts, so that a long check is not wasted. */
  constructor(private readonly path: string) {
    try {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      accessSync(stat ? path : nearestFolder(dirname(resolve(path))), constants.W_OK);
    } catch (e) {
      throw this.cannotWrite(e);
    }
  }

  write(text: string): void {
    try {
      // Folders that are missing are made when the report is written, so that a run that fails early leaves none.
      if (this.fd === undefined) mkdirSync(dirname(resolve(this.path)), { recursive: true });
      this.fd ??= openSync(this.path, "w");
      writeSync(this.fd, text);
    } catch (e) {
      throw this.cannotWrite(e);
    }
  }

  /** Closes the report; a run that reported nothing still leaves an (empty) report, one that failed leaves no file. */
  close(reported: boolean): void {
    if (reported && this.fd === undefined) this.write("");
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private cannotWrite(e: unknown) {
    return usageError(`--output-file: cannot write the report (${errorCode(e)})`, { file: this.path });
  }
}

/** The folder itself or, when it does not exist yet, the closest one above it (where it would be made); a file in the way is an error. */
function nearestFolder(folder: string): string {
  const stat = statSync(folder, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
  return stat || dirname(folder) === folder ? folder : nearestFolder(dirname(folder));
}
