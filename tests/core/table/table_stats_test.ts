import assert from "node:assert/strict";
import { KeyedTable } from "../../../core/table/keyed_table.ts";
import { tableStats } from "../../../core/table/table_stats.ts";
import { TRADE_SCHEMA, tradeBatches } from "../../../core/gen/trades.ts";
import { Schema } from "../../../core/record/schema.ts";
import { Types } from "../../../core/types/data_type.ts";

Deno.test("stats: rows, slots, parts that add up, at most 64 bytes per trade row", () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(tradeBatches({ rows: 262_144 }));
  const s = tableStats(t);
  assert.equal(s.rows, 262_144);
  assert.equal(s.slots, 262_144);
  assert.equal(s.freeSlots, 0);
  assert.deepEqual(s.columns.map((c) => c.name), ["id", "symbol", "price", "qty", "ts", "side"]);
  // four f64 columns and two i32 code columns at capacity 262,144
  assert.deepEqual(s.columns.map((c) => c.bytes), [8, 4, 8, 8, 8, 4].map((b) => b * 262_144));
  const cols = s.columns.reduce((a, c) => a + c.bytes, 0);
  assert.equal(s.bytes, cols + s.dictionaryBytes + s.keyIndexBytes + s.secondaryIndexBytes + s.overheadBytes);
  assert.ok(s.keyIndexBytes > 0 && s.keyIndexBytes <= 8 * 262_144);
  assert.ok(s.bytesPerRow <= 64, `bytes per row ${s.bytesPerRow}`);
  assert.equal(s.bytesPerRow, s.bytes / s.rows);
  for (let id = 0; id < 1000; id++) t.delete(id);
  const d = t.stats();
  assert.equal(d.rows, 261_144);
  assert.equal(d.freeSlots, 1000);
});

Deno.test("stats: secondary indexes and dictionaries are counted", () => {
  const schema = Schema.of([["id", Types.Integer], ["s", Types.String]]);
  const plain = new KeyedTable(schema, { key: "id" });
  const indexed = new KeyedTable(schema, { key: "id", indexes: ["s"] });
  for (let i = 0; i < 1000; i++) {
    plain.upsert([i, "v" + (i % 10)]);
    indexed.upsert([i, "v" + (i % 10)]);
  }
  assert.equal(plain.stats().secondaryIndexBytes, 0);
  assert.ok(indexed.stats().secondaryIndexBytes >= 1000 * 16);
  assert.ok(plain.stats().dictionaryBytes > 10 * 16);
  assert.equal(new KeyedTable(schema, { key: "id" }).stats().bytesPerRow, 0);
});
