/** Records as columns and back (src/cli/columns.ts): what travels between processes comes back as it was. */
import { deserialize, serialize } from "node:v8";
import { columns, records } from "../src/cli/columns.js";
import { pack, unpack } from "../src/cli/queue-codec.js";

const finding = (i: number) => ({
  ruleId: `en/rule-${i % 3}`,
  start: i,
  end: i + 2.5,
  message: i % 2 ? "odd" : "even",
  text: `t${i}`,
  ...(i % 4 === 0 && { fix: { title: "x", edits: Array.from({ length: i % 3 }, (_, k) => ({ start: k, end: k + 1, text: "", expected: "a" })), applicability: "safe" } }),
  ...(i % 5 === 0 && { note: null }),
  ...(i % 7 === 0 && { mixed: i % 2 ? "s" : 3 }),
});

describe("records(columns(x)) is x", () => {
  const cases: Record<string, unknown> = {
    "records of several shapes, nested records and lists of records": { result: { findings: Array.from({ length: 40 }, (_, i) => finding(i)) }, errors: [] },
    "numbers that are not plain (-0, NaN, Infinity) and a key order that differs by record": Array.from({ length: 9 }, (_, i) => (i % 2 ? { a: -0, b: NaN } : { b: Infinity, a: i })),
    "keys that look like the table marker": Array.from({ length: 9 }, (_, i) => ({ $table: i, $$x: "y" })).concat([{ $table: 1, $$x: "z" }]),
    "a record that is itself named like a table": { $table: { shapes: [], shapeOf: [], columns: [] } },
    "short lists, values that are not plain (Map, typed arrays, Date)": { few: [{ a: 1 }], map: new Map([["k", [{ a: 1 }]]]), bytes: new Uint8Array([1, 2]), when: new Date(0) },
    // eslint-disable-next-line no-sparse-arrays
    "a sparse list": [{ a: 1 }, , { a: 2 }, { a: 3 }, { a: 4 }, { a: 5 }, { a: 6 }, { a: 7 }, { a: 8 }],
    "lists of lists of records, and records with undefined values": Array.from({ length: 10 }, (_, i) => ({ rows: Array.from({ length: i }, (_, k) => ({ k })), gone: undefined })),
  };
  for (const [name, value] of Object.entries(cases)) {
    test(name, () => {
      const back = records(deserialize(serialize(columns(value))));
      expect(back).toStrictEqual(value);
      expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    });
  }

  test("a list of records becomes columns: numbers in one typed array, repeated strings once", () => {
    const encoded = columns(Array.from({ length: 100 }, (_, i) => ({ ruleId: "same", start: i }))) as { $table: { columns: { strings?: string[]; numbers?: Float64Array }[][] } };
    const [ruleIds, starts] = encoded.$table.columns[0]!;
    expect(ruleIds!.strings).toEqual(["same"]);
    expect(starts!.numbers).toBeInstanceOf(Float64Array);
    expect(starts!.numbers).toHaveLength(100);
  });

  test("the queue's packing keeps a reply as it was", () => {
    const reply = { file: { result: { path: "a.txt", findings: Array.from({ length: 30 }, (_, i) => finding(i)) }, errors: [] } };
    expect(unpack(pack(reply))).toStrictEqual(reply);
  });
});
