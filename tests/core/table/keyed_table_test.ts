import assert from "node:assert/strict";
import { KeyedTable } from "../../../core/table/keyed_table.ts";
import { planWhere } from "../../../core/table/table_plan.ts";
import { TXN_SCHEMA, txnBatches, txnKey } from "../../../core/gen/txns.ts";
import { TRADE_SCHEMA, tradeBatches } from "../../../core/gen/trades.ts";
import { batchToRecords, keyMeta, RecordBatch, recordsToBatch, select } from "../../../core/batch/record_batch.ts";
import { Schema } from "../../../core/record/schema.ts";
import { EMPTY_META, StreamRecord } from "../../../core/record/stream_record.ts";
import { decimalType, field, scaledType, Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { SqlBindError } from "../../../core/sql/sql_bind_error.ts";
import { SqlSyntaxError } from "../../../core/sql/sql_syntax_error.ts";
import type { F64Column } from "../../../core/batch/column.ts";

/** The S4 batches with the WORKLOADS.md key ("txn_" + 8 digits) as each row's metadata key. */
function s4Batches(rows = 100_000): RecordBatch[] {
  return [...txnBatches({ rows })].map((b) => {
    const id = (b.columns[0] as F64Column).data;
    const key = Array.from(id, (i) => txnKey(i));
    return new RecordBatch(b.schema, b.columns, null, keyMeta(key));
  });
}

Deno.test("S7 answers on the S4 table (keyed by the txn_ key)", () => {
  const t = new KeyedTable(TXN_SCHEMA);
  const progress: number[] = [];
  t.loadSync(s4Batches(), { onProgress: (p) => progress.push(p.rows) });
  assert.equal(t.size, 100_000);
  assert.equal(progress.at(-1), 100_000);
  assert.equal(progress.length, Math.ceil(100_000 / 4096));
  assert.equal(t.count("1=1"), 100_000);
  assert.equal(t.count("status = 'active'"), 25_000);
  const sum = t.sum("amount", "status = 'completed'");
  assert.ok(sum instanceof ScaledInteger);
  assert.equal(sum.units, 12_372_000_000);
  assert.equal(String(sum), "123720000.00");
  assert.equal(String(t.scalar("SUM(amount)", "status = 'completed'")), "123720000.00");
  assert.equal(t.scalar("COUNT(*)", "status = 'active'"), 25_000);
  // the same again through the plan cache
  assert.equal(t.count("status = 'active'"), 25_000);
  assert.ok(t.plans.stats().hits >= 1);
  // keys
  assert.ok(t.contains("txn_00000042"));
  assert.ok(!t.contains("txn_00100000"));
  const r = t.get("txn_00000042")!;
  assert.deepEqual(r.values.map(String), ["42", "ACC000042", "557.54", "completed", "CAT2"]);
  assert.deepEqual(r.meta, { ...EMPTY_META, key: "txn_00000042" }, "EMPTY_META with the key, field for field");
  assert.deepEqual(Object.keys(r.meta), Object.keys(EMPTY_META));
  assert.equal(t.getValue("txn_00000042", "amount")?.toString(), "557.54");
  assert.equal(t.getValue("txn_99999999", "amount"), undefined);
});

Deno.test("S7 answers on the S4 table keyed by id (columnar load path)", () => {
  const t = new KeyedTable(TXN_SCHEMA, { key: "id" });
  t.loadSync(txnBatches());
  assert.equal(t.keyIndexKind, "number");
  assert.equal(t.count("1=1"), 100_000);
  assert.equal(t.count("status = 'active'"), 25_000);
  assert.equal(String(t.sum("amount", "status = 'completed'")), "123720000.00");
  assert.equal(String(t.avg("amount", "status = 'completed'")), "4948.80000000");
  assert.equal(String(t.min("amount")), "0.10");
  assert.equal(t.max("account_id"), "ACC099999");
  assert.equal(t.max("id", "category = 'CAT3' AND amount > 9000"), 94_523);
  assert.equal(t.scalar("MAX(id)", "status = 'pending'"), 99_997);
  assert.equal(t.scalar("COUNT(id)", "id < 10"), 10);
  assert.deepEqual(t.scalar("amount", "id = 3"), t.getValue(3, "amount"));
  assert.equal(t.scalar("amount", "id = -3"), null);
  assert.throws(() => t.scalar("amount", "id < 3"), {
    name: "RangeError",
    message: 'Scalar expression "amount" matched 3 rows; it needs at most one',
  });
  assert.ok(t.exists("amount = 557.54"));
  assert.ok(!t.exists("amount = 557.545"));
  assert.deepEqual(t.columnValues("id", "amount BETWEEN 0.10 AND 0.12"), [50_730]);
});

Deno.test("trade feed: W4 and W5 answers through the table", () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(tradeBatches({ rows: 200_000 }));
  assert.equal(t.size, 200_000);
  const all = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  all.loadSync(tradeBatches({ rows: 200_000, batchSize: 777 }));
  assert.equal(String(t.sum("price * qty")), String(all.sum("price * qty")));
  assert.equal(t.count("price * qty > 1000000"), all.count("price * qty > 1000000"));
  assert.equal(t.count("side = 'BUY'") + t.count("side = 'SELL'"), 200_000);
});

const schema = new Schema([
  field("id", Types.Integer, false),
  field("name", Types.String),
  field("price", scaledType(2)),
  field("flag", Types.Boolean),
]);
const SI = (u: number) => new ScaledInteger(u, 2);

Deno.test("upsert replaces, delete removes, free slots are reused", () => {
  const t = new KeyedTable(schema, { key: "id" });
  assert.equal(t.upsert([1, "a", SI(100), true]), true);
  assert.equal(t.upsert([2, "b", SI(200), false]), true);
  assert.equal(t.upsert([1, "a2", SI(150), null]), false);
  assert.equal(t.size, 2);
  assert.deepEqual(t.get(1)?.values.map(String), ["1", "a2", "1.50", "null"]);
  const slot2 = t.slotOf(2);
  assert.equal(t.delete(2), true);
  assert.equal(t.delete(2), false);
  assert.equal(t.get(2), undefined);
  assert.equal(t.size, 1);
  t.upsert([3, "c", SI(300), true]);
  assert.equal(t.slotOf(3), slot2); // reused
  assert.equal(t.stats().slots, 2);
  assert.equal(t.count(), 2);
  assert.equal(t.count("name = 'b'"), 0);
  // a row whose non-key fields are all NULL is a tombstone
  t.upsert([3, null, null, null]);
  assert.ok(!t.contains(3));
  t.clear();
  assert.equal(t.size, 0);
  assert.equal(t.count("1 = 1"), 0);
  assert.equal(t.sum("price"), null);
});

Deno.test("key forms: string, composite, metadata, wide integers, floats", () => {
  const s = new KeyedTable(schema, { key: "name" });
  assert.equal(s.keyIndexKind, "code");
  s.upsert([1, "a", SI(1), true]);
  s.upsert([2, "a", SI(2), true]);
  assert.equal(s.size, 1);
  assert.equal(s.getValue("a", "id"), 2);
  assert.ok(!s.contains("zz"));

  const c = new KeyedTable(schema, { key: ["id", "name"] });
  assert.equal(c.keyIndexKind, "map");
  c.upsert([1, "a", SI(1), true]);
  c.upsert([1, "b", SI(2), true]);
  c.upsert([1, "a", SI(3), true]);
  assert.equal(c.size, 2);
  assert.equal(String(c.getValue([1, "a"], "price")), "0.03");
  assert.ok(c.delete([1, "b"]));
  assert.ok(!c.contains([1, "b"]));

  const m = new KeyedTable(schema);
  const rec = new StreamRecord(schema, [1, "x", SI(5), false], {
    timestamp: 0,
    offset: 0,
    partition: 0,
    key: "k1",
    headers: null,
    topic: null,
    eventTime: null,
  });
  m.upsert(rec);
  m.upsert([2, "y", SI(6), true], 7);
  assert.equal(m.get("k1")?.values[1], "x");
  assert.equal(m.get(7)?.meta.key, 7);
  assert.ok(!m.contains("7"));
  assert.equal(m.filter("id = 2").meta?.key?.[0], 7);

  const w = new KeyedTable(schema, { key: "id" });
  w.upsert([5, "small", null, null]);
  w.upsert([2n ** 60n, "wide", null, null]);
  assert.equal(w.keyIndexKind, "map");
  assert.equal(w.getValue(2n ** 60n, "name"), "wide");
  assert.equal(w.getValue(5, "name"), "small");
  assert.equal(w.getValue(5n, "name"), "small");
  assert.equal(w.count("id > 9007199254740991"), 1);

  const neg = new KeyedTable(schema, { key: "id" });
  for (const k of [-1, 0, 3_000_000_000, 7, -0]) neg.upsert([k, String(k), null, null]);
  assert.equal(neg.size, 4); // -0 and 0 are one key
  for (const k of [-1, 0, 3_000_000_000, 7]) assert.equal(neg.getValue(k, "name"), String(k === 0 ? -0 : k));

  const f = new KeyedTable(Schema.of([["x", Types.Float], ["v", Types.Integer]]), { key: "x" });
  f.upsert([0.5, 1]);
  f.upsert([1e300, 2]);
  assert.equal(f.getValue(0.5, "v"), 1);
  assert.equal(f.getValue(1e300, "v"), 2);
});

Deno.test("errors: exact messages", () => {
  assert.throws(() => new KeyedTable(schema, { key: "nope" }), {
    name: "RangeError",
    message: 'Key column "nope" is not in the schema; it has: id, name, price, flag',
  });
  assert.throws(() => new KeyedTable(schema, { key: "id", indexes: ["zz"] }), {
    name: "RangeError",
    message: 'Index column "zz" is not in the schema; it has: id, name, price, flag',
  });
  const t = new KeyedTable(schema, { key: "id" });
  assert.throws(() => t.upsert([null, "a", null, null]), {
    name: "TypeError",
    message: 'Key column "id" cannot be NULL',
  });
  assert.throws(() => t.upsert([1, 5, null, null]), {
    name: "TypeError",
    message: 'Column "name" of type STRING cannot take 5',
  });
  assert.throws(() => t.upsert([1, "a", new ScaledInteger(1, 3), null]), {
    name: "TypeError",
    message: 'Column "price" of type SCALED(2) cannot take 0.001 at scale 3: rescale it explicitly',
  });
  assert.throws(() => t.upsert([1, "a"]), {
    name: "TypeError",
    message: "Row has 2 values but the table has 4 columns",
  });
  assert.throws(() => t.get("x"), {
    name: "TypeError",
    message: 'Key "x" does not fit the table\'s key id INTEGER',
  });
  assert.throws(() => t.getValue(1, "nope"), {
    name: "RangeError",
    message: 'Column "nope" is not in the schema; it has: id, name, price, flag',
  });
  assert.throws(() => new KeyedTable(schema).upsert([1, "a", null, null]), {
    name: "TypeError",
    message: "This table is keyed by record metadata: pass a key or a record with meta.key",
  });
  assert.throws(() => t.count("nope = 1"), (e) => {
    assert.ok(e instanceof SqlBindError);
    assert.equal(e.message, 'Unknown column "nope" at line 1, column 1; the columns are: id, name, price, flag');
    return true;
  });
  assert.throws(() => t.count("name = 1"), {
    name: "SqlBindError",
    message: 'Cannot compare STRING column "name" with INTEGER 1',
  });
  assert.throws(() => t.count("id ="), (e) => e instanceof SqlSyntaxError);
  assert.throws(() => t.count("id"), { message: 'WHERE needs a BOOLEAN condition, got INTEGER column "id"' });
  assert.throws(() => t.sum("name"), {
    name: "SqlBindError",
    message: 'SUM needs a number, got STRING expression "name"',
  });
  assert.throws(() => t.scalar("FOO(id)"), { name: "SqlBindError", message: "Unknown function FOO" });
  assert.throws(() => t.scalar("SUM(*)"), { name: "SqlBindError", message: "SUM(*) is not allowed; only COUNT(*)" });
  const other = Schema.of([["id", Types.Integer], ["nm", Types.String], ["price", scaledType(2)], [
    "flag",
    Types.Boolean,
  ]]);
  assert.throws(() => t.upsertBatch(recordsToBatch(other, [[1, "a", null, null]])), {
    name: "TypeError",
    message: 'Batch column 1 is "nm" STRING but the table has "name" STRING',
  });
});

Deno.test("batches: selection vectors, tombstones, deleteBatch, NOT NULL", () => {
  const t = new KeyedTable(schema, { key: "id" });
  const b = recordsToBatch(schema, [
    [1, "a", SI(1), true],
    [2, "b", SI(2), false],
    [1, "a2", SI(3), null], // later row wins
    [3, "c", null, null],
  ]);
  t.upsertBatch(select(b, Int32Array.of(0, 1, 2)));
  assert.equal(t.size, 2);
  assert.equal(t.getValue(1, "name"), "a2");
  assert.equal(t.getValue(1, "flag"), null);
  const tomb = recordsToBatch(schema, [[2, null, null, null], [4, "d", SI(4), true]]);
  t.upsertBatch(tomb);
  assert.ok(!t.contains(2));
  assert.ok(t.contains(4));
  assert.equal(t.deleteBatch(recordsToBatch(schema, [[4, null, null, null], [9, null, null, null]])), 1);
  assert.deepEqual(t.columnValues("id"), [1]);
  const nn = new KeyedTable(new Schema([field("id", Types.Integer, false), field("v", Types.String, false)]), {
    key: "id",
  });
  assert.throws(() => nn.upsert([1, null]), { name: "TypeError", message: 'Field "v": NULL in a NOT NULL field' });
  const loose = Schema.of([["id", Types.Integer], ["v", Types.String], ["w", Types.Integer]]);
  assert.throws(() => nn.upsertBatch(recordsToBatch(loose.extend([]), [[1, "x", 1]])), { name: "TypeError" });
});

Deno.test("load: from a ReadableStream and from an async iterable, with progress", async () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  const seen: number[] = [];
  const p = await t.load(ReadableStream.from(tradeBatches({ rows: 10_000, batchSize: 1000 })), {
    onProgress: (x) => seen.push(x.records),
  });
  assert.deepEqual(p, { batches: 10, records: 10_000, rows: 10_000 });
  assert.deepEqual(seen, [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
  async function* gen() {
    yield* tradeBatches({ rows: 500, batchSize: 100 });
  }
  const u = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  assert.equal((await u.load(gen())).rows, 500);
});

Deno.test("secondary indexes: probes narrow the scan and stay consistent", () => {
  const t = new KeyedTable(schema, { key: "id", indexes: ["name", "price", "flag"] });
  for (let i = 0; i < 100; i++) t.upsert([i, "n" + (i % 7), SI(i % 5 * 100), i % 2 === 0]);
  assert.notEqual(planWhere(t, "name = 'n3' AND price > 1").probe, null);
  assert.notEqual(planWhere(t, "price IN (1.00, 2)").probe, null);
  assert.equal(planWhere(t, "name = 'n3' OR price > 1").probe, null);
  assert.equal(t.count("name = 'n3'"), 14);
  assert.equal(t.count("name = 'n3' AND price = 3"), 3);
  assert.equal(t.count("price IN (1.00, 2, 2.001)"), 40);
  assert.equal(t.count("flag = TRUE AND name = 'n0'"), 8);
  assert.equal(t.count("name = 'missing'"), 0);
  // update moves a row between index keys; delete removes it
  t.upsert([3, "n0", SI(0), true]);
  assert.equal(t.count("name = 'n3'"), 13);
  assert.equal(t.count("name = 'n0'"), 16);
  t.delete(0);
  assert.equal(t.count("name = 'n0'"), 15);
  assert.deepEqual(t.columnValues("id", "name = 'n0' AND id < 20"), [3, 7, 14]);
  // an index created later is built from the rows
  const u = new KeyedTable(schema, { key: "id" });
  u.upsert([1, "x", null, null]);
  u.createIndex("name");
  assert.equal(u.count("name = 'x'"), 1);
  assert.throws(() => u.createIndex("nope"), { name: "RangeError" });
});

Deno.test("key probes: equality and IN on the key column are point lookups", () => {
  const t = new KeyedTable(TXN_SCHEMA, { key: "id" });
  t.loadSync(txnBatches({ rows: 1000 }));
  assert.equal(planWhere(t, "id = 42").probe?.index, "key");
  assert.equal(planWhere(t, "status = 'active' AND id IN (1, 2, 4)").probe?.index, "key");
  assert.equal(planWhere(t, "id = 42.0").probe, null);
  assert.equal(planWhere(t, "id = 42 OR id = 43").probe, null);
  assert.equal(t.count("id = 42"), 1);
  assert.equal(t.count("id = 4200"), 0);
  assert.equal(t.count("id = 42.0"), 1);
  assert.equal(t.count("status = 'active' AND id IN (1, 2, 4, 4, NULL, 5000)"), 1);
  assert.deepEqual(t.columnValues("id", "id IN (7, 3, 5)"), [3, 5, 7]);
  const s = new KeyedTable(TXN_SCHEMA, { key: "account_id" });
  s.loadSync(txnBatches({ rows: 1000 }));
  assert.equal(planWhere(s, "account_id = 'ACC000042'").probe?.index, "key");
  assert.equal(s.scalar("amount", "account_id = 'ACC000042'")?.toString(), "557.54");
});

Deno.test("key probes: a bare key equality or IN is answered by the probe alone, like the full scan", () => {
  const t = new KeyedTable(TXN_SCHEMA, { key: "id" });
  t.loadSync(txnBatches({ rows: 1000 }));
  for (let id = 0; id < 1000; id += 7) t.delete(id); // free slots, so slot order differs from key order
  t.loadSync(txnBatches({ rows: 20 }));
  const s = new KeyedTable(TXN_SCHEMA, { key: "account_id" });
  s.loadSync(txnBatches({ rows: 300 }));
  const f = new KeyedTable(Schema.of([["k", Types.Float], ["v", Types.Integer]]), { key: "k" });
  f.upsertBatch(recordsToBatch(f.schema, [[-0, 1], [0.5, 2], [3, 3], [1e300, 4]]));
  const cases: [KeyedTable, string, boolean][] = [
    [t, "id = 42", true],
    [t, "id = 7", true],
    [t, "id IN (999, 3, 14, 3, NULL, 5000, 8)", true],
    [t, "id IN (NULL)", true],
    [t, "id IN (5, 6) AND status = 'active'", false],
    [t, "NOT (id IN (5, 6))", false],
    [s, "account_id IN ('ACC000042', 'ACC000007', 'nope')", true],
    [f, "k = 0", true],
    [f, "k IN (3, 2)", true],
    [f, "k IN (3, 0.5)", false], // a decimal literal is compared exactly, not probed
    [f, "k = 1e300", true],
  ];
  for (const [table, where, exact] of cases) {
    assert.equal(planWhere(table, where).exact, exact, where);
    // the same condition under an OR that adds nothing: no probe, the predicate runs on every row
    const scan = `${where} OR ${table.schema.names[table.keyColumns[0]]} IS NULL`;
    assert.equal(planWhere(table, scan).probe, null);
    assert.equal(table.count(where), table.count(scan), where);
    assert.deepEqual(batchToRecords(table.filter(where)).map(String), batchToRecords(table.filter(scan)).map(String));
  }
  const slotOrder = t.columnValues("id", "id IN (999, 3, 14, 3, 8) OR id IS NULL");
  assert.deepEqual(t.columnValues("id", "id IN (999, 3, 14, 3, 8)"), slotOrder);
  assert.equal(slotOrder.length, 4);
});

Deno.test("schema change: addColumn invalidates cached plans", () => {
  const t = new KeyedTable(schema, { key: "id" });
  t.upsert([1, "a", SI(1), true]);
  assert.equal(t.count("id = 1"), 1);
  const before = t.plans.stats().invalidations;
  t.addColumn("extra", Types.Integer);
  assert.equal(t.plans.stats().invalidations, before + 1);
  assert.equal(t.count("extra IS NULL"), 1);
  t.upsert([2, "b", SI(2), true, 5]);
  assert.equal(t.count("extra = 5"), 1);
  assert.equal(t.schemaVersion, 1);
});

Deno.test("errors: key types, index types, capacity, NaN and NULL keys, batch shapes", () => {
  const odd = Schema.of([["id", Types.Integer], ["d", decimalType(10, 2)], ["f", Types.Float]]);
  assert.throws(() => new KeyedTable(odd, { key: "d" }), {
    name: "TypeError",
    message: 'Key column "d" has type DECIMAL(10,2), which cannot be a key',
  });
  assert.throws(() => new KeyedTable(odd, { key: "id", indexes: ["d"] }), {
    name: "TypeError",
    message: 'Column "d" has type DECIMAL(10,2), which cannot be indexed',
  });
  assert.throws(() => new KeyedTable(odd, { capacity: 0 }), {
    name: "RangeError",
    message: "Table capacity must be a positive integer, got 0",
  });
  const byFloat = new KeyedTable(odd, { key: "f" });
  assert.throws(() => byFloat.upsertBatch(recordsToBatch(odd, [[1, null, 1.5], [2, null, NaN]])), {
    name: "TypeError",
    message: 'Row 1: Key column "f" cannot be NaN',
  });
  const meta = new KeyedTable(odd);
  const b = recordsToBatch(odd, [[1, null, 1]]);
  const withKeys = new RecordBatch(odd, b.columns, null, keyMeta([null]));
  assert.throws(() => meta.upsertBatch(withKeys), { name: "TypeError", message: "Row 0: the key cannot be NULL" });
  assert.throws(() => meta.upsertBatch(b), {
    name: "TypeError",
    message: "Row 0: This table is keyed by record metadata: pass a key or a record with meta.key",
  });
  const t = new KeyedTable(schema, { key: "id" });
  assert.throws(() => t.upsertBatch(recordsToBatch(odd, [[1, null, 1]])), {
    name: "TypeError",
    message: "Batch has 3 columns but the table has 4",
  });
  const composite = new KeyedTable(schema, { key: ["id", "name"] });
  assert.throws(() => composite.get(1), {
    name: "TypeError",
    message: "Key 1 does not fit the table's key [id INTEGER, name STRING]",
  });
  assert.throws(() => meta.get([1, 2]), { name: "TypeError", message: "A key cannot be [1, 2]" });
});

/** Every row of a table as text, in key order (for comparing two tables). */
function dump(t: KeyedTable): string[] {
  return batchToRecords(t.filter()).map((r) => r.values.map((v) => (v === null ? "NULL" : String(v))).join("|"))
    .sort();
}

/** The same logical rows upserted one at a time (the general path). */
function rowByRow(s: Schema, batches: readonly RecordBatch[]): KeyedTable {
  const t = new KeyedTable(s, { key: "id", capacity: 4 });
  for (const b of batches) for (const r of batchToRecords(b)) t.upsert(r);
  return t;
}

Deno.test("batch loads by a number key agree with row-by-row upserts (claim, block copy, fallbacks)", () => {
  const trades = [...tradeBatches({ rows: 5000, batchSize: 700 })];
  // a fresh load: every batch lands in consecutive slots and is copied as blocks
  const fresh = new KeyedTable(TRADE_SCHEMA, { key: "id", capacity: 4 });
  for (const b of trades) fresh.upsertBatch(b);
  assert.deepEqual(dump(fresh), dump(rowByRow(TRADE_SCHEMA, trades)));
  assert.equal(fresh.stats().slots, 5000);
  // an array source reserves every row once: same rows, capacity exactly the row count
  const reserved = new KeyedTable(TRADE_SCHEMA, { key: "id", capacity: 4 });
  reserved.loadSync(trades);
  assert.deepEqual(dump(reserved), dump(fresh));
  assert.equal(reserved.memoryParts().columns[0], 8 * 5000);
  // selections, updates of loaded keys, and keys repeated inside one batch (the later row wins)
  const sel = trades.map((b, i) => select(b, Int32Array.from({ length: 200 }, (_, j) => (j * 7 + i) % b.length)));
  const dup = (b: RecordBatch) => select(b, Int32Array.of(5, 9, 5, 2, 9, 9, 0));
  const mixed = [trades[0], ...sel, dup(trades[1]), trades[2], dup(trades[3])];
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id", capacity: 4 });
  for (const b of mixed) t.upsertBatch(b);
  assert.deepEqual(dump(t), dump(rowByRow(TRADE_SCHEMA, mixed)));
  // after deletes the free slots are reused (the two-pass path), then the load goes on
  const d = new KeyedTable(TRADE_SCHEMA, { key: "id", capacity: 4 });
  d.loadSync(trades.slice(0, 3));
  const ids = [...(trades[1].columns[0] as F64Column).data].slice(0, 300);
  for (const id of ids) d.delete(id);
  for (const b of trades.slice(1)) d.upsertBatch(b);
  assert.deepEqual(dump(d), dump(fresh));
  assert.equal(d.size, 5000);
});

Deno.test("batch loads: dense keys fall back to hashing when a batch is sparse, negative or fractional", () => {
  const s = Schema.of([["id", Types.Float], ["v", Types.Integer]]);
  const batch = (ids: number[]) => recordsToBatch(s, ids.map((id, i) => [id, i]));
  const cases: number[][][] = [
    [[3, 1, 2], [4_000_000_000, 5, 1]], // far past the others
    [[0, 7], [-4, 7, 8]], // negative
    [[1, 2], [2.5, 3, 2]], // fractional
    [[2, -0, 1], [0, 3]], // -0 is the key 0
    [[9, 8, 9], [1e300, 8, 9, 1e300]], // duplicates on both sides of the switch
  ];
  for (const parts of cases) {
    const batches = parts.map(batch);
    const t = new KeyedTable(s, { key: "id", capacity: 2 });
    for (const b of batches) t.upsertBatch(b);
    assert.deepEqual(dump(t), dump(rowByRow(s, batches)), JSON.stringify(parts));
    for (const id of parts.flat()) assert.ok(t.contains(id), `key ${id}`);
    assert.equal(t.count("id = 0"), parts.flat().some((x) => x === 0) ? 1 : 0);
  }
  // a sparse key first: the index hashes from the start, and a later dense run still loads
  const h = new KeyedTable(s, { key: "id", capacity: 2 });
  const hb = [batch([1e12]), batch(Array.from({ length: 3000 }, (_, i) => 2999 - i))];
  for (const b of hb) h.upsertBatch(b);
  assert.deepEqual(dump(h), dump(rowByRow(s, hb)));
});

Deno.test("batch loads: NULL and NaN keys are rejected before the batch changes anything", () => {
  const s = Schema.of([["id", Types.Float], ["v", Types.Integer]]);
  const t = new KeyedTable(s, { key: "id" });
  t.upsertBatch(recordsToBatch(s, [[1, 1]]));
  assert.throws(() => t.upsertBatch(recordsToBatch(s, [[2, 2], [null, 3]])), {
    name: "TypeError",
    message: 'Row 1: Key column "id" cannot be NULL',
  });
  assert.throws(() => t.upsertBatch(recordsToBatch(s, [[3, 2], [NaN, 3]])), {
    name: "TypeError",
    message: 'Row 1: Key column "id" cannot be NaN',
  });
  assert.deepEqual(dump(t), ["1|1"]);
  // the row index in the message is the logical row of a selection
  assert.throws(() => t.upsertBatch(select(recordsToBatch(s, [[NaN, 1], [4, 2]]), Int32Array.of(1, 0))), {
    name: "TypeError",
    message: 'Row 1: Key column "id" cannot be NaN',
  });
});

Deno.test("batch loads by string metadata keys agree with row-by-row upserts (shaped, Map, mid-batch switch)", () => {
  const s = Schema.of([["id", Types.Integer], ["v", Types.String]]);
  const batch = (keys: string[]) =>
    new RecordBatch(s, recordsToBatch(s, keys.map((k, i) => [i, k + "#" + i])).columns, null, keyMeta(keys));
  const cases: string[][][] = [
    [["u1", "u2", "u1"], ["u3", "u2"]], // shaped, a key repeated in a batch: the later row wins
    [["a", "b", "a", "c"], ["c", "d"]], // no digits: a Map from the first key
    [["k10", "k11", "x-y", "k10", "k12"], ["x-y", "k12", "z"]], // shaped, then a Map in the middle of a batch
  ];
  for (const parts of cases) {
    const batches = parts.map(batch);
    const t = new KeyedTable(s, { capacity: 2 });
    for (const b of batches) t.upsertBatch(b);
    const ref = new KeyedTable(s, { capacity: 2 });
    for (const b of batches) b.meta!.key!.forEach((k, r) => ref.upsert(batchToRecords(b)[r], k));
    assert.deepEqual(dump(t), dump(ref), JSON.stringify(parts));
    for (const k of parts.flat()) assert.equal(t.get(k)?.values[1], ref.get(k)?.values[1], k);
    assert.equal(t.size, new Set(parts.flat()).size);
    // a selection, after deletes (free slots reused)
    t.delete(parts[0][0]);
    t.delete(parts[1][0]);
    t.upsertBatch(select(batches[1], Int32Array.of(1, 0)));
    assert.equal(t.get(parts[1][0])?.values[1], parts[1][0] + "#0");
    assert.equal(t.contains(parts[0][0]), parts[1].includes(parts[0][0]));
  }
});

Deno.test("growth moves the storage, yet an open stream keeps its snapshot and a released one does not hold it", async () => {
  const s = Schema.of([["id", Types.Integer], ["v", Types.String], ["w", Types.Integer]]);
  const t = new KeyedTable(s, { key: "id", capacity: 2 });
  t.upsertBatch(recordsToBatch(s, [[1, "a", null], [2, "b", 20]]));
  const stream = t.streamBatches(1);
  const rows = (n: number, from: number) => recordsToBatch(s, Array.from({ length: n }, (_, i) => [from + i, "x", i]));
  for (let i = 0; i < 20; i++) t.upsertBatch(rows(100, 10 + 100 * i)); // grows 2 -> 4096 slots
  t.loadSync([rows(3000, 5000)].values());
  const seen = (await Array.fromAsync(stream)).flatMap((b) => batchToRecords(b).map(String));
  assert.deepEqual(seen, batchToRecords(recordsToBatch(s, [[1, "a", null], [2, "b", 20]])).map(String));
  assert.equal(t.size, 2 + 2000 + 3000);
  assert.equal(t.getValue(1, "w"), null);
  assert.equal(t.getValue(5999, "w"), 999);
  // a snapshot taken and released: the next growth may move the arrays it saw
  const { release } = t.snapshot();
  release();
  t.loadSync([rows(10_000, 100_000)].values());
  assert.equal(t.count("w IS NULL"), 1);
  assert.equal(t.size, 15_002);
});

Deno.test("reserve and expectedRows: room for rows once, the same rows and answers, snapshots and views intact", async () => {
  const s = Schema.of([["id", Types.Integer], ["v", Types.String], ["w", Types.Integer]]);
  const rows = (n: number, from: number) =>
    recordsToBatch(s, Array.from({ length: n }, (_, i) => [from + ((i * 7919) % n), "x" + (i % 5), i % 3 ? i : null]));
  const columnBytes = (t: KeyedTable) => t.memoryParts().columns.reduce((a, b) => a + b);
  const plain = new KeyedTable(s, { key: "id", capacity: 2 });
  plain.upsertBatch(rows(3, 0));
  const t = new KeyedTable(s, { key: "id", capacity: 2 });
  t.upsertBatch(rows(3, 0));
  // an open stream over the storage before the move
  const stream = t.streamBatches(2);
  t.reserve(5000);
  const reserved = columnBytes(t);
  t.loadSync([rows(2000, 10), rows(2000, 1000)].values()); // ids overlap: upserts too
  assert.equal(columnBytes(t), reserved, "no growth within the reserve");
  plain.loadSync([rows(2000, 10), rows(2000, 1000)].values());
  assert.equal(t.size, plain.size);
  assert.deepEqual(batchToRecords(t.filter()).map(String), batchToRecords(plain.filter()).map(String));
  assert.equal(String(t.sum("w", "v = 'x3'")), String(plain.sum("w", "v = 'x3'")));
  const seen = (await Array.fromAsync(stream)).flatMap((b) => batchToRecords(b).map(String));
  assert.deepEqual(seen, batchToRecords(rows(3, 0)).map(String));
  // a view taken before the move is not served after it
  const w = new KeyedTable(s, { key: "id", capacity: 2 });
  w.upsertBatch(rows(3, 0));
  assert.equal(w.scanView().slots, 3);
  w.reserve(100);
  assert.deepEqual([...(w.scanView().columns[0] as F64Column).data], [0, 2, 1]);
  // never shrinks; 0 and the current size are no-ops
  t.reserve(0);
  t.reserve(t.size);
  assert.equal(columnBytes(t), reserved);
  // the load hint: from a stream and from an iterator, counted on top of the rows held
  const u = new KeyedTable(s, { key: "id", capacity: 2 });
  await u.load(ReadableStream.from([rows(1000, 0)]), { expectedRows: 3000 });
  const hinted = columnBytes(u);
  u.loadSync([rows(2000, 1000)].values(), { expectedRows: 2000 });
  assert.equal(columnBytes(u), hinted);
  const v = new KeyedTable(s, { key: "id", capacity: 2 });
  v.loadSync([rows(1000, 0), rows(2000, 1000)].values());
  assert.equal(u.size, 3000);
  assert.deepEqual(batchToRecords(u.filter()).map(String), batchToRecords(v.filter()).map(String));
  // a hint that is too small lets the table grow as before: to the next power of two, not to twice the hint
  const small = new KeyedTable(s, { key: "id", capacity: 2 });
  small.loadSync([rows(3000, 0)].values(), { expectedRows: 2500 });
  assert.equal(small.size, 3000);
  const idBytes = (t: KeyedTable) => t.stats().columns[0].bytes; // the Integer key column: 8 bytes a slot
  assert.equal(idBytes(small), 4096 * 8);
  const unhinted = new KeyedTable(s, { key: "id", capacity: 2 });
  unhinted.loadSync([rows(3000, 0)].values());
  assert.deepEqual(batchToRecords(small.filter()).map(String), batchToRecords(unhinted.filter()).map(String));
  assert.equal(idBytes(unhinted), 4096 * 8);
  assert.throws(() => t.reserve(-1), new RangeError("Rows to reserve must be a non-negative integer, got -1"));
  assert.throws(() => t.reserve(1.5), new RangeError("Rows to reserve must be a non-negative integer, got 1.5"));
  await assert.rejects(
    () => u.load(ReadableStream.from([rows(1, 0)]), { expectedRows: NaN }),
    new RangeError("expectedRows must be a non-negative integer, got NaN"),
  );
});

Deno.test("MIN and MAX of FLOAT put NaN above every number, wherever it comes in the rows", () => {
  const s = Schema.of([["id", Types.Integer], ["f", Types.Float]]);
  for (const order of [[NaN, 1, 2], [1, NaN, 2], [1, 2, NaN], [2, 1, NaN]]) {
    const t = new KeyedTable(s, { key: "id" });
    order.forEach((f, i) => t.upsert(new StreamRecord(s, [i, f])));
    assert.ok(Number.isNaN(t.max("f")), `MAX of ${order}`);
    assert.equal(t.min("f"), 1, `MIN of ${order}`);
    assert.equal(t.max("f", "f < 1e308"), 2, `MAX of ${order} below 1e308`);
  }
});

Deno.test("a batch that breaks NOT NULL or carries a NaN key changes nothing; upsert refuses a NaN key", () => {
  const s = new Schema([field("id", Types.Integer, false), field("v", Types.Integer, false)]);
  const t = new KeyedTable(s, { key: "id" });
  t.upsert([1, 10]);
  const bad = new RecordBatch(s, [
    { layout: "f64", type: Types.Integer, length: 4, validity: null, data: Float64Array.of(1, 2, 3, 4) },
    {
      layout: "f64",
      type: Types.Integer,
      length: 4,
      validity: Uint8Array.of(1, 1, 0, 1),
      data: Float64Array.of(11, 20, 0, 40),
    },
  ]);
  const version = t.version;
  assert.throws(() => t.upsertBatch(bad), { name: "TypeError", message: 'Row 2: Field "v": NULL in a NOT NULL field' });
  assert.equal(t.size, 1);
  assert.equal(t.getValue(1, "v"), 10);
  assert.equal(t.version, version);
  // the same through the row path of an indexed table, and with a selection
  const ix = new KeyedTable(s, { key: "id", indexes: ["v"] });
  ix.upsert([1, 10]);
  assert.throws(() => ix.upsertBatch(select(bad, Int32Array.of(3, 2, 0))), { message: /^Row 1: Field "v"/ });
  assert.deepEqual([ix.size, ix.getValue(1, "v"), ix.count("v = 10")], [1, 10, 1]);
  ix.upsertBatch(select(bad, Int32Array.of(3, 0)));
  assert.deepEqual([ix.size, ix.getValue(1, "v"), ix.count("v = 40")], [2, 11, 1]);
  const byFloat = new KeyedTable(Schema.of([["f", Types.Float], ["v", Types.Integer]]), { key: "f" });
  assert.throws(() => byFloat.upsert([NaN, 1]), { name: "TypeError", message: 'Key column "f" cannot be NaN' });
  assert.equal(byFloat.size, 0);
});

Deno.test("the columnar path of a composite or metadata key checks every key before it places one", () => {
  const s = Schema.of([["a", Types.Float], ["b", Types.String], ["v", Types.Integer]]);
  const t = new KeyedTable(s, { key: ["a", "b"] });
  t.upsert([1, "x", 100]);
  const before = t.size;
  assert.throws(() => t.upsertBatch(recordsToBatch(s, [[2, "y", 200], [3, null, 300]])), {
    name: "TypeError",
    message: 'Row 1: Key column "b" cannot be NULL',
  });
  // the same words as the row path (an indexed table) gives
  const ix = new KeyedTable(s, { key: ["a", "b"], indexes: ["v"] });
  assert.throws(() => ix.upsertBatch(recordsToBatch(s, [[2, "y", 200], [3, null, 300]])), {
    message: 'Row 1: Key column "b" cannot be NULL',
  });
  assert.throws(() => ix.upsertBatch(recordsToBatch(s, [[2, "y", 200], [NaN, "z", 300]])), {
    message: 'Row 1: Key column "a" cannot be NaN',
  });
  assert.throws(() => t.upsertBatch(recordsToBatch(s, [[2, "y", 200], [NaN, "z", 300]])), {
    name: "TypeError",
    message: 'Row 1: Key column "a" cannot be NaN',
  });
  assert.equal(t.size, before);
  assert.deepEqual(batchToRecords(t.filter()).map((r) => r.values), [[1, "x", 100]]);
  const m = new KeyedTable(Schema.of([["v", Types.Integer]]));
  m.upsert([1], "k1");
  const keyed = (key: (string | number | null)[]) =>
    new RecordBatch(m.schema, recordsToBatch(m.schema, key.map((_, i) => [10 * (i + 1)])).columns, null, keyMeta(key));
  assert.throws(() => m.upsertBatch(keyed(["a", 5, null])), { message: "Row 2: the key cannot be NULL" });
  assert.deepEqual([m.size, m.contains("a"), m.contains(5)], [1, false, false]);
  m.upsertBatch(keyed(["a", 5]));
  assert.deepEqual([m.size, m.getValue("a", "v"), m.getValue(5, "v")], [3, 10, 20]);
});
