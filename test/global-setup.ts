/** Tests keep compiled rule tables in a folder of their own (removed by global-teardown.ts), never in the user's ~/.cache. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): void {
  process.env.MTLINT_CACHE_DIR = mkdtempSync(join(tmpdir(), "mtlint-test-tables-"));
}
