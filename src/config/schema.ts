/** JSON Schema validation of config and rule files (ajv), with errors that name the file and the JSON pointer. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { configError } from "../core/errors.js";

export const PACKAGE_ROOT = new URL("../../", import.meta.url);

// ajv is loaded on the first validation: a run without a config file never needs it.
let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

function validator(name: "rules" | "config"): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    if (!ajv) {
      const { Ajv2020 } = createRequire(import.meta.url)("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
      ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true });
    }
    const schema = JSON.parse(readFileSync(new URL(`schema/${name}.schema.json`, PACKAGE_ROOT), "utf8"));
    validators.set(name, (v = ajv.compile(schema)));
  }
  return v;
}

/** Throws a config error for the first, most specific schema violation. */
export function validate(name: "rules" | "config", data: unknown, file: string): void {
  const v = validator(name);
  if (v(data)) return;
  const error = mostSpecific(v.errors ?? []);
  throw configError(describe(error), { file, pointer: error.instancePath });
}

/** The deepest error wins; among equals, a concrete one (enum, type, unknown property) over a summary (oneOf). */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject) => e.instancePath.split("/").length + (e.keyword === "unevaluatedProperties" || e.keyword === "additionalProperties" ? 1 : 0);
  return [...errors].sort((a, b) => depth(b) - depth(a) || Number(a.keyword === "oneOf") - Number(b.keyword === "oneOf"))[0]!;
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties":
      return `unknown property "${String(p.additionalProperty)}"`;
    case "unevaluatedProperties":
      return `unknown property "${String(p.unevaluatedProperty)}" for this rule kind`;
    case "enum":
      return `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "required":
      return `missing required property "${String(p.missingProperty)}"`;
    case "type":
      return `expected ${String(p.type)}`;
    case "const":
      return `expected ${JSON.stringify(p.allowedValue)}`;
    default:
      return e.message ?? "invalid value";
  }
}

/**
 * JSON.parse with the error position turned into line:column. The parser's own message quotes
 * the text around an unexpected character; that is never shown, since the file may be no
 * config at all (`extends: "/etc/shadow"`).
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    const message = (e as Error).message;
    const what = message.includes('"') ? "unexpected character" : message.replace(/ in JSON at position \d+.*$/, "");
    const at = /at position (\d+)/.exec(message);
    if (!at) throw configError(`invalid JSON: ${what}`, { file });
    const before = text.slice(0, Number(at[1]));
    const line = before.split("\n").length;
    const column = Number(at[1]) - before.lastIndexOf("\n");
    throw configError(`invalid JSON: ${what}`, { file, line, column });
  }
}
