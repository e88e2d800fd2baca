import assert from "node:assert/strict";
import { KeyedTable } from "../../../core/table/keyed_table.ts";
import { streamTable } from "../../../core/table/table_stream.ts";
import { TRADE_SCHEMA, tradeBatches } from "../../../core/gen/trades.ts";
import { batchToRecords } from "../../../core/batch/record_batch.ts";
import type { F64Column } from "../../../core/batch/column.ts";

function trades(rows: number): KeyedTable {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(tradeBatches({ rows }));
  return t;
}

function ids(batches: { length: number; value(r: number, c: number): unknown }[]): number[] {
  const out: number[] = [];
  for (const b of batches) for (let i = 0; i < b.length; i++) out.push(b.value(i, 0) as number);
  return out;
}

Deno.test("streamBatches: every row once, in batches of the requested size", async () => {
  const t = trades(10_000);
  const batches = await Array.fromAsync(t.streamBatches(3000));
  assert.deepEqual(batches.map((b) => b.length), [3000, 3000, 3000, 1000]);
  assert.equal(batches[0].selection, null); // dense: zero-copy views
  assert.equal(new Set(ids(batches)).size, 10_000);
  assert.throws(() => t.streamBatches(0), {
    name: "RangeError",
    message: "Batch size must be a positive integer, got 0",
  });
});

Deno.test("streamBatches: deleted slots are skipped through a selection vector", async () => {
  const t = trades(1000);
  for (let id = 0; id < 1000; id += 3) t.delete(id);
  const batches = await Array.fromAsync(streamTable(t, 100));
  const all = ids(batches);
  assert.equal(all.length, t.size);
  assert.ok(all.every((id) => id % 3 !== 0));
  assert.ok(batches.slice(0, -1).every((b) => b.length === 100));
  assert.ok(batches.some((b) => b.selection !== null));
  assert.equal(batches.reduce((n, b) => n + b.length, 0), 666);
});

Deno.test("streamBatches: snapshot isolation while the table changes", async () => {
  const t = trades(5000);
  const before = String(t.sum("price * qty"));
  const reader = t.streamBatches(1000).getReader();
  const first = await reader.read();
  // change the table while the stream is open: update, delete, insert, reuse a slot
  const id0 = first.value!.value(0, 0) as number;
  t.upsert([id0, "SYM999", t.getValue(id0, "price")!, 1, 0, "BUY"]);
  for (let id = 0; id < 5000; id += 2) t.delete(id);
  t.upsert([777_777, "SYM001", t.getValue(1, "price")!, 5, 0, "SELL"]);
  const rest: typeof first.value[] = [];
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    rest.push(r.value);
  }
  const batches = [first.value!, ...rest];
  const rows = batches.flatMap((b) => batchToRecords(b!));
  assert.equal(rows.length, 5000);
  assert.ok(!rows.some((r) => r.values[0] === 777_777));
  assert.equal(rows.find((r) => r.values[0] === id0)!.values[1] !== "SYM999", true);
  // the stream's totals are those of the snapshot
  let units = 0n;
  for (const r of rows) units += BigInt((r.values[2] as { units: number }).units) * BigInt(r.values[3] as number);
  const s = before.replace(".", "");
  assert.equal(units.toString(), s.replace(/^0+/, ""));
  // and the table has moved on
  assert.equal(t.size, 2501);
  assert.equal(t.getValue(id0 % 2 === 0 ? 1 : id0, "symbol"), id0 % 2 === 0 ? t.getValue(1, "symbol") : "SYM999");
});

Deno.test("streamBatches: backpressure (one batch per pull) and release on finish or cancel", async () => {
  const t = trades(10_000);
  const stream = t.streamBatches(1000);
  await new Promise((r) => setTimeout(r, 10));
  const reader = stream.getReader();
  // nothing is produced ahead beyond the queue's high-water mark of one batch
  const a = await reader.read();
  assert.equal(a.value!.length, 1000);
  await reader.cancel();
  // after release, writes no longer copy the storage
  const buf = () => (t.scanView().columns[3] as F64Column).data.buffer;
  const b0 = buf();
  t.upsert([1, "SYM001", t.getValue(1, "price")!, 9, 0, "BUY"]);
  assert.equal(buf(), b0);
  // while a snapshot is open, the first write copies (once)
  const s2 = t.streamBatches(5000);
  t.upsert([1, "SYM001", t.getValue(1, "price")!, 10, 0, "BUY"]);
  const b1 = buf();
  assert.notEqual(b1, b0);
  t.upsert([1, "SYM001", t.getValue(1, "price")!, 11, 0, "BUY"]);
  assert.equal(buf(), b1);
  const got = await Array.fromAsync(s2);
  assert.equal(got.reduce((n, b) => n + b.length, 0), 10_000);
  assert.equal(batchToRecords(got[0]).find((r) => r.values[0] === 1)?.values[3] ?? 9, 9);
});

Deno.test("streamBatches: a metadata-keyed table carries its keys in meta.key", async () => {
  const t = new KeyedTable(TRADE_SCHEMA);
  for (const r of batchToRecords([...tradeBatches({ rows: 10 })][0])) t.upsert(r, "k" + r.values[0]);
  const [b] = await Array.fromAsync(t.streamBatches(100));
  assert.equal(b.length, 10);
  assert.equal(b.meta?.key?.[0], "k" + b.value(0, 0));
});
