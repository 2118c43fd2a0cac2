import { relative, resolve, sep } from "node:path";

/**
 * A file's name as fingerprints and baselines know it: relative to the working folder, with "/",
 * so "docs/a.txt", "./docs/a.txt" and its absolute path are one file. Names in angle brackets
 * ("<stdin>", "<text>") stay as they are.
 */
export const portablePath = (path: string) => (path.startsWith("<") ? path : relative(process.cwd(), resolve(path)).split(sep).join("/"));
