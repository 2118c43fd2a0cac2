/** --output-file: the report, written as it comes (JSON Lines of streamed files) and at the end. */
import { accessSync, closeSync, constants, openSync, statSync, writeSync } from "node:fs";
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
      accessSync(stat ? path : dirname(resolve(path)), constants.W_OK);
    } catch (e) {
      throw this.cannotWrite(e);
    }
  }

  write(text: string): void {
    try {
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
