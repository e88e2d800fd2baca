import assert from "node:assert/strict";
import { batchToRecords, materialize, RecordBatch, recordsToBatch, select } from "../../../core/batch/record_batch.ts";
import { Schema } from "../../../core/record/schema.ts";
import { StreamRecord } from "../../../core/record/stream_record.ts";
import { field, scaledType, Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";
import type { Value } from "../../../core/values/value.ts";

const schema = new Schema([
  field("id", Types.Integer, false),
  field("sym", Types.String),
  field("price", scaledType(4)),
  field("ok", Types.Boolean),
]);

function randomRows(n: number, seed: number): Value[][] {
  const r = mulberry32(seed);
  const rows: Value[][] = [];
  for (let i = 0; i < n; i++) {
    const wide = r() < 0.1;
    const units = wide ? BigInt(Math.floor(r() * 2 ** 30)) * 2n ** 32n : Math.floor((r() - 0.5) * 1e12);
    rows.push([
      i,
      r() < 0.2 ? null : "S" + Math.floor(r() * 5),
      r() < 0.1 ? null : new ScaledInteger(units, 4),
      r() < 0.1 ? null : r() < 0.5,
    ]);
  }
  return rows;
}

Deno.test("records -> batch -> records is exact, nulls included", () => {
  const rows = randomRows(2000, 1);
  const batch = recordsToBatch(schema, rows);
  assert.equal(batch.length, 2000);
  const back = batchToRecords(batch).map((r) => r.values.map((v) => v === null ? null : String(v)));
  assert.deepEqual(back, rows.map((r) => r.map((v) => v === null ? null : String(v))));
});

Deno.test("slice is a zero-copy view", () => {
  const batch = recordsToBatch(schema, randomRows(100, 2));
  const s = batch.slice(10, 20);
  assert.equal(s.length, 10);
  assert.equal(s.value(0, 0), 10);
  const c = s.columns[0], orig = batch.columns[0];
  assert.ok(c.layout === "f64" && orig.layout === "f64" && c.data.buffer === orig.data.buffer);
  assert.equal(batch.slice(95, 500).length, 5);
});

Deno.test("select shares columns; materialize applies the selection", () => {
  const batch = recordsToBatch(schema, randomRows(50, 3));
  const odd = select(batch, Int32Array.from({ length: 25 }, (_, i) => 2 * i + 1));
  assert.equal(odd.columns, batch.columns);
  const oddOfOdd = select(odd, Int32Array.of(0, 2));
  assert.deepEqual([oddOfOdd.value(0, 0), oddOfOdd.value(1, 0)], [1, 5]);
  const m = materialize(oddOfOdd);
  assert.equal(m.selection, null);
  assert.equal(m.rowCount, 2);
  assert.deepEqual(
    batchToRecords(m).map((r) => r.values.map(String)),
    batchToRecords(oddOfOdd).map((r) => r.values.map(String)),
  );
  assert.deepEqual(oddOfOdd.slice(1).value(0, 0), 5);
});

Deno.test("bad rows name the row and field; nothing half-built escapes", () => {
  assert.throws(() => recordsToBatch(schema, [[1, "a", null, true], [null, "b", null, null]]), {
    name: "TypeError",
    message: 'Row 1, field "id": NULL in a NOT NULL field',
  });
  assert.throws(() => recordsToBatch(schema, [[1, "a", 1.5, true]]), {
    name: "TypeError",
    message: 'Row 0, field "price": Column of type SCALED(4) cannot take 1.5',
  });
  assert.throws(() => new RecordBatch(schema, []), {
    name: "RangeError",
    message: "Batch has 0 columns but its schema has 4 fields",
  });
});

Deno.test("metadata survives records -> batch -> records", () => {
  const s = Schema.of([["v", Types.Float]]);
  const meta = { timestamp: 5, offset: 9, partition: 2, key: "k", headers: { a: "b" }, topic: "t", eventTime: 7 };
  const batch = recordsToBatch(s, [new StreamRecord(s, [1.5], meta)]);
  const [r] = batchToRecords(batch);
  assert.deepEqual(r.meta, meta);
  assert.ok(batch.byteSize() > 8);
});
