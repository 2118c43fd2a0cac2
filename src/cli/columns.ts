/**
 * Lists of records turned into columns and back, for moving results between processes: a reply
 * with 10,000 findings is 10,000 objects of a few shapes, and serializing, deflating and rebuilding
 * them one by one costs more than the check's own hand-over. As columns, numbers travel as one
 * Float64Array, repeated strings (rule ids, messages, categories) as one list and indexes, and
 * rebuilding is one loop per shape.
 *
 * `columns` leaves everything but plain objects and arrays as it is (for the serializer to carry),
 * and `records(columns(x))` equals `x`: same values, same keys in the same order, absent keys absent.
 */

/** An array of plain objects, grouped by shape (their keys in order); each shape's values by key. */
interface Table {
  $table: { shapes: string[][]; shapeOf: Uint8Array | Uint16Array | number[]; columns: Column[][] };
}

/** One key's values across the records of a shape. */
type Column =
  | { numbers: Float64Array }
  | { strings: string[]; indexes: Uint32Array }
  | { records: Table }
  | { lengths: Uint32Array; items: Column }
  | { values: unknown[] };

/** Fewer records than this are left as they are: too few to gain from columns. */
const MIN_RECORDS = 8;

/** An object literal's kind of object, of any realm (deserialized objects may come from another). */
function isPlain(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto !== null && Object.getPrototypeOf(proto) === null;
}

// Keys named like the table marker are escaped ("$x" travels as "$$x"), so that no record is read back as a table.
const escaped = (key: string) => (key.startsWith("$") ? `$${key}` : key);
const unescaped = (key: string) => (key.startsWith("$") ? key.slice(1) : key);

/** Every element a plain object (a sparse list is not: `every` would skip its holes). */
function allPlain(list: unknown[]): list is Record<string, unknown>[] {
  for (let i = 0; i < list.length; i++) if (!isPlain(list[i])) return false;
  return true;
}

export function columns(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length >= MIN_RECORDS && allPlain(value)) return table(value);
    return value.map(columns);
  }
  if (isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[escaped(key)] = columns(value[key]);
    return out;
  }
  return value;
}

export function records(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(records);
  if (isPlain(value)) {
    if ("$table" in value) return rows((value as unknown as Table).$table);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[unescaped(key)] = records(value[key]);
    return out;
  }
  return value;
}

function table(list: Record<string, unknown>[]): Table {
  const shapeIds = new Map<string, number>();
  const shapes: string[][] = [];
  const shapeOf: number[] = new Array(list.length);
  const valuesOf: unknown[][][] = [];
  let last: string[] = [];
  let lastId = -1;
  for (let i = 0; i < list.length; i++) {
    const record = list[i]!;
    const keys = Object.keys(record);
    // Records of one shape mostly come together: compare with the last shape before hashing keys.
    let id = lastId;
    if (keys.length !== last.length || keys.some((k, j) => k !== last[j])) {
      const signature = keys.join("\u0000");
      id = shapeIds.get(signature) ?? -1;
      if (id === -1) {
        shapeIds.set(signature, (id = shapes.length));
        shapes.push(keys);
        valuesOf.push(keys.map(() => []));
      }
      [last, lastId] = [shapes[id]!, id];
    }
    shapeOf[i] = id;
    const values = Object.values(record);
    const target = valuesOf[id]!;
    for (let k = 0; k < values.length; k++) target[k]!.push(values[k]);
  }
  const compactShapes = shapes.length <= 0xff ? Uint8Array.from(shapeOf) : shapes.length <= 0xffff ? Uint16Array.from(shapeOf) : shapeOf;
  return { $table: { shapes: shapes.map((keys) => keys.map(escaped)), shapeOf: compactShapes, columns: valuesOf.map((cols) => cols.map(column)) } };
}

function column(values: unknown[]): Column {
  if (values.every((v) => typeof v === "number")) return { numbers: Float64Array.from(values as number[]) };
  if (values.every((v) => typeof v === "string")) {
    const ids = new Map<string, number>();
    const strings: string[] = [];
    const indexes = new Uint32Array(values.length);
    values.forEach((v, i) => {
      let id = ids.get(v as string);
      if (id === undefined) ids.set(v as string, (id = strings.push(v as string) - 1));
      indexes[i] = id;
    });
    return { strings, indexes };
  }
  // Nested records (a finding's fix) and lists (its edits) become columns too.
  if (allPlain(values)) return { records: table(values) };
  if (values.every(Array.isArray)) return { lengths: Uint32Array.from(values, (v) => v.length), items: column(values.flat()) };
  return { values: values.map(columns) };
}

function rows({ shapes, shapeOf, columns: byShape }: Table["$table"]): Record<string, unknown>[] {
  const keysOf = shapes.map((keys) => keys.map(unescaped));
  const readers = byShape.map((cols) => cols.map(reader));
  const next = shapes.map(() => 0);
  const out: Record<string, unknown>[] = new Array(shapeOf.length);
  for (let i = 0; i < shapeOf.length; i++) {
    const shape = shapeOf[i]!;
    const row = next[shape]!++;
    const keys = keysOf[shape]!;
    const read = readers[shape]!;
    const record: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) record[keys[k]!] = read[k]!(row);
    out[i] = record;
  }
  return out;
}

function reader(c: Column): (row: number) => unknown {
  if ("numbers" in c) return (row) => c.numbers[row];
  if ("strings" in c) return (row) => c.strings[c.indexes[row]!];
  if ("records" in c) {
    const decoded = rows(c.records.$table);
    return (row) => decoded[row];
  }
  if ("lengths" in c) {
    const item = reader(c.items);
    const starts = new Uint32Array(c.lengths.length);
    for (let i = 1; i < starts.length; i++) starts[i] = starts[i - 1]! + c.lengths[i - 1]!;
    return (row) => Array.from({ length: c.lengths[row]! }, (_, k) => item(starts[row]! + k));
  }
  const decoded = c.values.map(records);
  return (row) => decoded[row];
}
