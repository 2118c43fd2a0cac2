/** Removes the folder of compiled rule tables that global-setup.ts made for the run. */
import { rmSync } from "node:fs";

export default function teardown(): void {
  if (process.env.MTLINT_CACHE_DIR) rmSync(process.env.MTLINT_CACHE_DIR, { recursive: true, force: true });
}
