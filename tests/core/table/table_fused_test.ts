import assert from "node:assert/strict";
import { KeyedTable } from "../../../core/table/keyed_table.ts";
import { fusedQuery, tableViewBatch } from "../../../core/table/table_fused.ts";
import { type FusedQuery, type FusedResult, runFusedCpu } from "../../../core/kernels/fused_query.ts";
import { TRADE_SCHEMA, tradeBatches } from "../../../core/gen/trades.ts";
import { batchToRecords, recordsToBatch } from "../../../core/batch/record_batch.ts";
import { Schema } from "../../../core/record/schema.ts";
import { Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import type { Value } from "../../../core/values/value.ts";
import { OverflowError } from "../../../core/errors.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";

const W3: FusedQuery = {
  where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
  sum: ["price", "qty"],
  groupBy: "symbol",
};
const W5: FusedQuery = { sum: ["price", "qty"] };
const QUERIES: FusedQuery[] = [
  W3,
  W5,
  { where: [{ column: "side", op: "ne", value: "BUY" }], groupBy: "symbol" },
  { where: [{ column: "price", op: "le", value: 5_000_000 }], sum: ["qty"], groupBy: "side" },
  { where: [{ column: "symbol", op: "eq", value: "NEW" }], sum: ["price"] },
];

/** Groups with at least one kept row, by key (the order and zero-count groups depend on the dictionary). */
function groups(r: FusedResult): Map<string | null, [number, bigint, number]> {
  const m = new Map<string | null, [number, bigint, number]>();
  r.counts.forEach((c, g) => {
    if (c > 0 || r.keys === null) m.set(r.keys === null ? null : r.keys[g], [c, r.sums[g], r.scale]);
  });
  return m;
}

Deno.test("fusedQuery on a trade table equals runFusedCpu on the loaded batches (W3, W5 and more)", () => {
  const batches = [...tradeBatches({ rows: 20_000, batchSize: 3000 })];
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(batches);
  for (const q of QUERIES) assert.deepEqual(fusedQuery(t, q), runFusedCpu(batches, q));
  const w3 = fusedQuery(t, W3);
  assert.equal(w3.keys!.length, 500);
  assert.equal(w3.scale, 4);
  assert.equal(fusedQuery(t, W5).counts[0], 20_000);
});

Deno.test("fusedQuery after deletes and upserts equals a fresh computation; free slots are not counted", () => {
  const batches = [...tradeBatches({ rows: 6000, batchSize: 1000 })];
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(batches);
  // The model: id -> row values, kept beside the table.
  const model = new Map<number, Value[]>();
  for (const b of batches) for (const r of batchToRecords(b)) model.set(r.values[0] as number, [...r.values]);
  const rnd = mulberry32(7);
  const v0 = t.version;
  for (let i = 0; i < 800; i++) {
    const id = Math.floor(rnd() * 6000);
    assert.equal(t.delete(id), model.delete(id));
  }
  // every row of SYM007 goes: its group stays in the dictionary with count 0
  for (const [id, row] of [...model]) {
    if (row[1] === "SYM007") {
      t.delete(id);
      model.delete(id);
    }
  }
  for (let i = 0; i < 600; i++) {
    const id = Math.floor(rnd() * 7000); // updates and inserts (some into free slots)
    const row: Value[] = [
      id,
      i % 50 === 0 ? "NEW" : `SYM${String(Math.floor(rnd() * 500)).padStart(3, "0")}`,
      new ScaledInteger(1_000_000 + Math.floor(rnd() * 5_000_000), 4),
      1 + Math.floor(rnd() * 10_000),
      1_700_000_000_000 + i,
      rnd() < 0.5 ? "BUY" : "SELL",
    ];
    t.upsert(row);
    model.set(id, row);
  }
  assert.ok(t.version > v0);
  assert.equal(t.size, model.size);
  const view = t.scanView();
  assert.equal(view.dense, false);
  const fresh = [recordsToBatch(TRADE_SCHEMA, [...model.values()])];
  const batch = tableViewBatch(t.schema, view);
  assert.equal(batch.length, model.size);
  assert.equal(tableViewBatch(t.schema, t.scanView()), batch); // built once per view
  for (const q of QUERIES) {
    const r = fusedQuery(t, q);
    assert.deepEqual(groups(r), groups(runFusedCpu(fresh, q)), JSON.stringify(q));
  }
  const w3 = fusedQuery(t, W3);
  assert.equal(w3.counts[w3.keys!.indexOf("SYM007")], 0);
  assert.equal(w3.sums[w3.keys!.indexOf("SYM007")], 0n);
  assert.equal(fusedQuery(t, W5).counts[0], model.size);
  const news = fusedQuery(t, QUERIES[4]);
  assert.equal(news.counts[0], [...model.values()].filter((r) => r[1] === "NEW").length);
});

Deno.test("fusedQuery equals runFusedCpu over the table's own batch stream (a snapshot)", async () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(tradeBatches({ rows: 3000, batchSize: 700 }));
  for (let id = 0; id < 3000; id += 3) t.delete(id);
  const streamed = await Array.fromAsync(t.streamBatches(512));
  for (const q of QUERIES) assert.deepEqual(fusedQuery(t, q), runFusedCpu(streamed, q));
});

Deno.test("KeyedTable.version moves on every kind of write and not on reads", () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  const seen = [t.version];
  const step = (what: string, f: () => unknown) => {
    f();
    assert.ok(t.version > seen.at(-1)!, `${what} did not move the version`);
    seen.push(t.version);
  };
  const [b] = tradeBatches({ rows: 100 });
  step("loadSync", () => t.loadSync([b]));
  step("upsertBatch", () => t.upsertBatch(b));
  step("upsert", () => t.upsert(batchToRecords(b)[5]));
  step("delete", () => t.delete(5));
  step("deleteBatch", () => t.deleteBatch(b));
  step("clear", () => t.clear());
  step("addColumn", () => t.addColumn("fee", Types.Integer));
  const v = t.version;
  fusedQuery(t, W5);
  t.count();
  t.scanView();
  assert.equal(t.version, v);
});

Deno.test("fusedQuery: NULLs drop rows, an empty table counts 0, overflow row is the live-row position", () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  assert.deepEqual(fusedQuery(t, W5), { keys: null, counts: Float64Array.of(0), sums: [0n], scale: 4 });
  t.loadSync(tradeBatches({ rows: 500 }));
  t.addColumn("fee", Types.Integer); // NULL in every row
  t.upsert([...batchToRecords([...tradeBatches({ rows: 1 })][0])[0].values, 7]);
  const r = fusedQuery(t, { sum: ["fee", "qty"] });
  assert.equal(r.counts[0], 1);
  const s = new KeyedTable(Schema.of([["id", Types.Integer], ["a", Types.Integer], ["b", Types.Integer]]), {
    key: "id",
  });
  s.upsert([1, 2, 3]);
  s.upsert([2, 2 ** 40, 2 ** 30]);
  s.upsert([3, 4, 5]);
  s.delete(1);
  assert.throws(() => fusedQuery(s, { sum: ["a", "b"] }), (e: unknown) => {
    assert.ok(e instanceof OverflowError);
    assert.equal(e.message, "Integer overflow at row 0: 1099511627776 * 1073741824 is outside the i64 range");
    return true;
  });
});

Deno.test("fusedQuery: unknown columns and unsupported types fail with exact messages", () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(tradeBatches({ rows: 10 }));
  assert.throws(
    () => fusedQuery(t, { sum: ["amount"] }),
    new RangeError('Column "amount" of the fused query is not in the table; it has: id, symbol, price, qty, ts, side'),
  );
  t.addColumn("f", Types.Float);
  assert.throws(
    () => fusedQuery(t, { sum: ["f"] }),
    new TypeError('Column "f" of type float cannot be summed exactly'),
  );
});
