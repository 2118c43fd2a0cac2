/**
 * A package loaded on first use, through its CommonJS build: synchronously, so that it can serve
 * code that is not async, and only by runs that need it. Start-up pays for every module it
 * loads (Node 20 keeps no compile cache): the regular expressions of user rules (re2js), the diff
 * of a dry run (diff) and XML (fast-xml-parser, whose one-file CommonJS build also loads in a
 * seventh of the time of its ESM modules) are needed by few runs.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
