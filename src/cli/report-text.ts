/** The text of reported files for the HTML report: each file read and parsed again, after the run (and its fixes). */
import { readFileSync } from "node:fs";
import { MtlintError } from "../core/errors.js";
import type { ReportSegment } from "../report/html.js";
import { decode } from "../formats/encoding.js";
import { fileFormat, type FileSettings } from "./check-file.js";
import { STDIN } from "./files.js";

/**
 * The segments of a file by the name it is reported under. Stdin is parsed from the bytes the run
 * read (`stdin()` is undefined when it read none). A file that cannot be read or parsed now gives
 * undefined: the report then lists its findings without the text.
 */
export function segmentReader(settings: Pick<FileSettings, "stdinFormat" | "stdinFilename">, stdin: () => Buffer | undefined): (path: string) => ReportSegment[] | undefined {
  const stdinName = settings.stdinFilename ?? "<stdin>";
  return (path) => {
    try {
      const fromStdin = path === stdinName ? stdin() : undefined;
      const bytes = fromStdin ?? readFileSync(path);
      const source = fromStdin ? STDIN : path;
      const { document } = fileFormat(source, settings).parse(decode(bytes, path).text, path);
      return document.segments.map((s) => ({ id: s.id, line: s.origin.line, target: s.target, ...(s.source !== undefined && { source: s.source }) }));
    } catch (e) {
      // Unreadable or unparsable now (reported by the check, or changed since): the findings are listed without text.
      if (e instanceof MtlintError || (e instanceof Error && "code" in e)) return undefined;
      throw e;
    }
  };
}
