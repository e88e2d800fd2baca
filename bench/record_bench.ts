// Record-level benches (WORKLOADS.md S3, DESIGN.md 3): record transformation in row and batched form, and
// field lookup (Schema.indexOf vs a bare Map). Seeded, answers checked once outside the timed parts.
// Run: deno bench -A bench/record_bench.ts   (memory per record: deno run -A --v8-flags=--expose-gc bench/memory_per_record.ts)
import { Schema } from "../core/record/schema.ts";
import { StreamRecord } from "../core/record/stream_record.ts";
import { field, scaledType, Types } from "../core/types/data_type.ts";
import { ScaledInteger } from "../core/values/scaled_integer.ts";
import { bindArithmetic } from "../core/values/arithmetic.ts";
import { bindComparison } from "../core/values/comparison.ts";
import { RecordBatch } from "../core/batch/record_batch.ts";
import { StringDictionary } from "../core/batch/string_dictionary.ts";
import type { Column } from "../core/batch/column.ts";
import { mulberry32 } from "../core/gen/mulberry32.ts";

// --- S3 row form: 10 records {id, price SCALED(4) 12.3456, symbol}, two derived fields each ---
const SCHEMA = Schema.of([["id", Types.Integer], ["price", scaledType(4)], ["symbol", Types.String]]);
const DERIVED = [field("price2", scaledType(4)), field("tag", Types.String)];
const SYMBOLS = Array.from({ length: 10 }, (_, i) => "SYM" + String(i).padStart(3, "0"));
const TIMES2 = bindArithmetic("*", [scaledType(4), Types.Integer]);
const ABOVE = bindComparison(">", [scaledType(4), scaledType(2)]);
const THRESHOLD = new ScaledInteger(1000, 2); // 10.00
const ROUNDS = 100; // 100 rounds of 10 records per iteration: 1000 records

function rowForm(): StreamRecord {
  let last!: StreamRecord;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 10; i++) {
      const rec = new StreamRecord(SCHEMA, [round * 10 + i, new ScaledInteger(123456, 4), SYMBOLS[i]]);
      const price = rec.values[1];
      last = rec.withFields(DERIVED, [TIMES2.apply(price, 2), ABOVE.apply(price, THRESHOLD) ? "HIGH" : "LOW"]);
    }
  }
  return last;
}
const OUT3 = SCHEMA.extend(DERIVED);
function rowFormPreExtended(): StreamRecord {
  // The same work, with the extended schema resolved once (what withFields costs beyond it is Schema.extend).
  let last!: StreamRecord;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 10; i++) {
      const rec = new StreamRecord(SCHEMA, [round * 10 + i, new ScaledInteger(123456, 4), SYMBOLS[i]]);
      const v = rec.values, price = v[1];
      last = new StreamRecord(OUT3, [
        v[0],
        price,
        v[2],
        TIMES2.apply(price, 2),
        ABOVE.apply(price, THRESHOLD) ? "HIGH" : "LOW",
      ]);
    }
  }
  return last;
}
interface PlainRow {
  id: number;
  price: number;
  symbol: string;
  price2?: number;
  tag?: string;
}
function plainObjects(): PlainRow {
  let last!: PlainRow;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 10; i++) {
      const o: PlainRow = { id: round * 10 + i, price: 12.3456, symbol: SYMBOLS[i] };
      last = { ...o, price2: o.price * 2, tag: o.price > 10 ? "HIGH" : "LOW" };
    }
  }
  return last;
}
{
  const r = rowForm();
  if (String(r.get("price2")) !== "24.6912" || r.get("tag") !== "HIGH" || r.get("id") !== 999) {
    throw new Error("S3 row answer");
  }
  if (plainObjects().price2 !== 24.6912) throw new Error("S3 plain answer");
  const q = rowFormPreExtended();
  if (String(q.get("price2")) !== "24.6912" || q.get("tag") !== "HIGH" || q.schema !== r.schema) {
    throw new Error("S3 pre-extended answer");
  }
}
Deno.bench(
  { group: "S3 row form (1000 records/iter)", name: "plain JS object spread (float price)", baseline: true },
  () => {
    plainObjects();
  },
);
Deno.bench({ group: "S3 row form (1000 records/iter)", name: "StreamRecord + exact price*2 + withFields" }, () => {
  rowForm();
});
Deno.bench(
  { group: "S3 row form (1000 records/iter)", name: "StreamRecord + exact price*2, schema extended once" },
  () => {
    rowFormPreExtended();
  },
);

// --- S3 batched form over a 4096-row RecordBatch ---
const ROWS = 4096;
const rnd = mulberry32(42);
const symDict = StringDictionary.from(SYMBOLS);
const tagDict = StringDictionary.from(["LOW", "HIGH"]);
const ids = new Float64Array(ROWS), prices = new Float64Array(ROWS), syms = new Int32Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  ids[i] = i;
  prices[i] = 10000 + Math.floor(rnd() * 9990001);
  syms[i] = i % 10;
}
const BATCH = new RecordBatch(SCHEMA, [
  { layout: "f64", type: Types.Integer, length: ROWS, validity: null, data: ids },
  { layout: "f64", type: scaledType(4), length: ROWS, validity: null, data: prices },
  { layout: "dict", type: Types.String, length: ROWS, validity: null, codes: syms, dict: symDict },
]);
const OUT_SCHEMA = SCHEMA.extend(DERIVED);

function batchedForm(batch: RecordBatch): RecordBatch {
  const col = batch.columns[1];
  if (col.layout !== "f64") throw new TypeError("this bench covers the f64 layout");
  const src = col.data, n = batch.rowCount;
  const price2 = new Float64Array(n), tag = new Int32Array(n);
  const limit = 10 * 10000; // 10.00 at scale 4
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const p = src[i] * 2;
    bad |= p > Number.MAX_SAFE_INTEGER || p < -Number.MAX_SAFE_INTEGER ? 1 : 0;
    price2[i] = p;
    tag[i] = src[i] > limit ? 1 : 0;
  }
  if (bad) throw new RangeError("price*2 left the exact range; use the i64 path");
  const cols: Column[] = [
    ...batch.columns,
    { layout: "f64", type: scaledType(4), length: n, validity: null, data: price2 },
    { layout: "dict", type: Types.String, length: n, validity: null, codes: tag, dict: tagDict },
  ];
  return new RecordBatch(OUT_SCHEMA, cols, batch.selection, batch.meta);
}
const RECORDS = Array.from(
  { length: ROWS },
  (_, i) => new StreamRecord(SCHEMA, [i, new ScaledInteger(prices[i], 4), SYMBOLS[i % 10]]),
);
function rowFormOverBatchRows(): StreamRecord {
  let last!: StreamRecord;
  for (let i = 0; i < ROWS; i++) {
    const rec = RECORDS[i], price = rec.values[1];
    last = rec.withFields(DERIVED, [TIMES2.apply(price, 2), ABOVE.apply(price, THRESHOLD) ? "HIGH" : "LOW"]);
  }
  return last;
}
{
  const out = batchedForm(BATCH);
  const rows = rowFormOverBatchRows();
  for (const i of [0, 1, ROWS - 1]) {
    const rec = RECORDS[i].withFields(DERIVED, [
      TIMES2.apply(RECORDS[i].values[1], 2),
      ABOVE.apply(RECORDS[i].values[1], THRESHOLD) ? "HIGH" : "LOW",
    ]);
    if (String(out.value(i, 3)) !== String(rec.values[3]) || out.value(i, 4) !== rec.values[4]) {
      throw new Error(`S3 batched answer differs at row ${i}`);
    }
  }
  if (String(rows.values[3]) !== String(out.value(ROWS - 1, 3))) throw new Error("S3 batched last row");
}
Deno.bench(
  { group: "S3 batched (4096 rows/iter)", name: "row form: StreamRecord.withFields per row", baseline: true },
  () => {
    rowFormOverBatchRows();
  },
);
Deno.bench({ group: "S3 batched (4096 rows/iter)", name: "columnar: two derived typed-array columns" }, () => {
  batchedForm(BATCH);
});

// --- field lookup: Schema.indexOf vs a bare Map, 2..16 fields (a linear scan lost to Map at every size) ---
for (const n of [2, 4, 8, 16]) {
  const names = Array.from({ length: n }, (_, i) => `field_${i}`);
  const schema = Schema.of(names.map((name) => [name, Types.Integer] as const));
  const map = new Map(names.map((name, i) => [name, i]));
  const probe = Array.from({ length: 1000 }, (_, i) => schema.names[(i * 7) % n]);
  let a = 0, b = 0;
  for (const p of probe) {
    a += schema.indexOf(p);
    b += map.get(p)!;
  }
  if (a !== b) throw new Error("lookup answer");
  Deno.bench({ group: `field lookup, ${n} fields (1000/iter)`, name: "Map.get", baseline: true }, () => {
    let s = 0;
    for (let i = 0; i < 1000; i++) s += map.get(probe[i])!;
    if (s < 0) throw new Error();
  });
  Deno.bench({ group: `field lookup, ${n} fields (1000/iter)`, name: "Schema.indexOf" }, () => {
    let s = 0;
    for (let i = 0; i < 1000; i++) s += schema.indexOf(probe[i]);
    if (s < 0) throw new Error();
  });
}
