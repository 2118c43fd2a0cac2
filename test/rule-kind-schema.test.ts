/**
 * A rule kind's fields are written twice: in its spec interface (src/rules/<kind>.ts) and in its
 * branch of schema/rules.schema.json, which validates rule files. This test reads both and fails
 * when they drift apart, so a new field is never accepted by one and unknown to the other.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { RULE_KINDS } from "../src/rules/index.js";

interface SchemaBranch {
  properties: Record<string, unknown> & { kind: { const: string } };
}

const schema = JSON.parse(readFileSync("schema/rules.schema.json", "utf8")) as { $defs: { common: { properties: Record<string, unknown> }; rule: { oneOf: SchemaBranch[] } } };
const commonFields = new Set(Object.keys(schema.$defs.common.properties));
const branchFields = new Map(schema.$defs.rule.oneOf.map((b) => [b.properties.kind.const, Object.keys(b.properties).filter((k) => k !== "kind").sort()]));

/** Per kind name: the fields its spec interfaces (those extending RuleSpec) declare beyond RuleSpec's. */
function interfaceFields(): Map<string, string[]> {
  const byKind = new Map<string, string[]>();
  for (const file of readdirSync("src/rules").filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(join("src/rules", file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    let kind: string | undefined;
    const fields: string[] = [];
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node) && node.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText(source) === "RuleSpec"))) {
        for (const member of node.members) if (member.name) fields.push(member.name.getText(source));
      }
      if (ts.isVariableStatement(node)) {
        for (const d of node.declarationList.declarations) {
          if (d.type?.getText(source) !== "RuleKind" || !d.initializer || !ts.isObjectLiteralExpression(d.initializer)) continue;
          const name = d.initializer.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(source) === "name");
          if (name && ts.isPropertyAssignment(name) && ts.isStringLiteral(name.initializer)) kind = name.initializer.text;
        }
      }
    });
    if (kind) byKind.set(kind, fields.filter((f) => !commonFields.has(f)).sort());
  }
  return byKind;
}

test("every rule kind is declared in one file of src/rules, and every registered kind is found there", () => {
  expect([...interfaceFields().keys()].sort()).toEqual([...RULE_KINDS.keys()].sort());
});

test("each kind's spec interface and its schema branch name the same fields", () => {
  const drift: string[] = [];
  for (const [kind, fields] of interfaceFields()) {
    const inSchema = branchFields.get(kind) ?? [];
    for (const f of fields) if (!inSchema.includes(f)) drift.push(`${kind}.${f}: in the interface, not in the schema`);
    for (const f of inSchema) if (!fields.includes(f)) drift.push(`${kind}.${f}: in the schema, not in the interface`);
  }
  expect(drift).toEqual([]);
  // The comparison saw fields at all (a parser that found none would pass the check above).
  expect([...interfaceFields().values()].flat().length).toBeGreaterThan(50);
});
