// Keyed tables and WHERE expressions (issue 4): S4-S8 and W1/W2 of WORKLOADS.md.
// Run: deno bench -A bench/table_bench.ts
import { KeyedTable } from "../core/table/keyed_table.ts";
import { planWhere } from "../core/table/table_plan.ts";
import { TXN_SCHEMA, txnBatches, txnKey } from "../core/gen/txns.ts";
import { TRADE_SCHEMA, tradeBatches } from "../core/gen/trades.ts";
import { mulberry32 } from "../core/gen/mulberry32.ts";
import { keyMeta, RecordBatch } from "../core/batch/record_batch.ts";
import type { DictColumn, F64Column } from "../core/batch/column.ts";
import { ScaledInteger } from "../core/values/scaled_integer.ts";

if (Deno.args[0] === "--s8") s8Child(Deno.args[1]);

/** S8 in a fresh process: build one table with GC around it and print one line. */
function s8Child(which: string): never {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --v8-flags=--expose-gc");
  const used = () => {
    const m = Deno.memoryUsage();
    return m.heapUsed + m.external;
  };
  // the generators run inside the window so that the strings the table keeps are counted; batches are garbage
  const build = (): [string, KeyedTable] => {
    if (which === "trade") {
      const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
      t.loadSync(tradeBatches({ rows: 1_000_000 }));
      return ["trade table (W data, 1M rows, key id)", t];
    }
    if (which === "s4-id") {
      const t = new KeyedTable(TXN_SCHEMA, { key: "id" });
      t.loadSync(txnBatches({ rows: 100_000 }));
      return ["S4 table (100k rows, key id)", t];
    }
    const t = new KeyedTable(TXN_SCHEMA);
    // "s4-other": keys that are not prefix + digits ("txn_00000042z"), kept in the key index's Map
    const suffix = which === "s4-other" ? "z" : "";
    for (const b of txnBatches({ rows: 100_000 })) {
      const key = Array.from((b.columns[0] as F64Column).data, (i) => txnKey(i) + suffix);
      t.upsertBatch(
        new RecordBatch(b.schema, b.columns, null, keyMeta(key)),
      );
    }
    return [`S4 table (100k rows, ${suffix === "" ? "txn_" : "other string"} metadata key)`, t];
  };
  gc();
  gc();
  const before = used();
  const [label, t] = build();
  gc();
  gc();
  const delta = used() - before;
  const s = t.stats();
  console.log(
    `S8 ${label}: heap+external delta ${(delta / t.size).toFixed(1)} B/row; stats() ${s.bytesPerRow.toFixed(1)} ` +
      `B/row; stats/delta ${(s.bytes / delta).toFixed(3)}`,
  );
  Deno.exit(0);
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`answer check failed: ${what}`);
}

// --- S4 data: 100,000 transactions keyed "txn_" + 8 digits (the key travels as each row's metadata key) -----
const S4_ROWS = 100_000;
const s4 = [...txnBatches({ rows: S4_ROWS })].map((b) =>
  new RecordBatch(b.schema, b.columns, null, keyMeta(Array.from((b.columns[0] as F64Column).data, (i) => txnKey(i))))
);
const s4Plain = [...txnBatches({ rows: S4_ROWS })];
/** The same rows under keys that are not "prefix + digits" ("txn_00000042z"): the hashed string key index. */
const hashedKey = (i: number) => txnKey(i) + "z";
const s4Hashed = s4.map((b) =>
  new RecordBatch(b.schema, b.columns, null, { ...b.meta!, key: b.meta!.key!.map((k) => k + "z") })
);

function loadS4(): KeyedTable {
  const t = new KeyedTable(TXN_SCHEMA);
  t.loadSync(s4);
  return t;
}
function loadS4Hashed(): KeyedTable {
  const t = new KeyedTable(TXN_SCHEMA);
  t.loadSync(s4Hashed);
  return t;
}
function loadS4ById(): KeyedTable {
  const t = new KeyedTable(TXN_SCHEMA, { key: "id" });
  t.loadSync(s4Plain);
  return t;
}
/** The reference engine's shape: one object per row in a Map. */
function loadS4Map(): Map<string, Record<string, unknown>> {
  const m = new Map<string, Record<string, unknown>>();
  for (const b of s4) {
    const id = (b.columns[0] as F64Column).data, acc = b.columns[1] as DictColumn;
    const amount = (b.columns[2] as F64Column).data;
    const st = b.columns[3] as DictColumn, cat = b.columns[4] as DictColumn;
    const keys = b.meta!.key!;
    for (let i = 0; i < b.length; i++) {
      m.set(keys[i] as string, {
        id: id[i],
        account_id: acc.dict.values[acc.codes[i]],
        amount: new ScaledInteger(amount[i], 2),
        status: st.dict.values[st.codes[i]],
        category: cat.dict.values[cat.codes[i]],
      });
    }
  }
  return m;
}

const S4 = loadS4(), S4ID = loadS4ById(), S4MAP = loadS4Map(), S4H = loadS4Hashed();
check(S4.size === S4_ROWS && S4ID.size === S4_ROWS && S4MAP.size === S4_ROWS && S4H.size === S4_ROWS, "S4 rows");

Deno.bench({
  group: "S4 load 100k txns",
  name: "S4: Map of row objects (reference shape)",
  baseline: true,
  n: 20,
  warmup: 3,
}, () => {
  loadS4Map();
});
Deno.bench({ group: "S4 load 100k txns", name: "S4: KeyedTable, txn_ string key (metadata)", n: 20, warmup: 3 }, () => {
  loadS4();
});
Deno.bench({
  group: "S4 load 100k txns",
  name: "S4: KeyedTable, other string key (hashed, not prefix + digits)",
  n: 20,
  warmup: 3,
}, () => {
  loadS4Hashed();
});
Deno.bench({ group: "S4 load 100k txns", name: "S4: KeyedTable, integer id key", n: 20, warmup: 3 }, () => {
  loadS4ById();
});

// --- S5: 10,000 lookups -------------------------------------------------------------------------------------
const r5 = mulberry32(5);
const intKeys = Array.from({ length: 10_000 }, () => Math.floor(r5() * S4_ROWS));
const strKeys = intKeys.map((i) => txnKey(i));
const hashedKeys = intKeys.map((i) => hashedKey(i));
check(
  intKeys.every((k) => S4ID.contains(k)) && strKeys.every((k) => S4.contains(k)) &&
    hashedKeys.every((k) => S4H.contains(k)) && !S4.contains("txn_0000004") && !S4H.contains("txn_00000042"),
  "S5 keys present",
);
check(S4ID.getValue(42, "status") === "completed" && S4.getValue("txn_00000042", "status") === "completed", "S5 get");

Deno.bench({ group: "S5 10k lookups", name: "S5: Map.get, string key (reference)", baseline: true }, () => {
  let n = 0;
  for (const k of strKeys) if (S4MAP.get(k) !== undefined) n++;
  if (n !== 10_000) throw new Error();
});
// fresh key strings per round (as from a decoder): V8 has no hash cached in them yet (made outside the timing)
const td = new TextDecoder(), te = new TextEncoder();
const freshKeys = (): string[] => strKeys.map((k) => td.decode(te.encode(k)));
Deno.bench({ group: "S5 10k lookups", name: "S5: Map.get, fresh key strings (reference)" }, (b) => {
  const keys = freshKeys();
  b.start();
  let n = 0;
  for (const k of keys) if (S4MAP.get(k) !== undefined) n++;
  b.end();
  if (n !== 10_000) throw new Error();
});
Deno.bench({ group: "S5 10k lookups", name: "S5: contains, fresh key strings" }, (b) => {
  const keys = freshKeys();
  b.start();
  let n = 0;
  for (const k of keys) if (S4.contains(k)) n++;
  b.end();
  if (n !== 10_000) throw new Error();
});
Deno.bench({ group: "S5 10k lookups", name: "S5: contains, integer key" }, () => {
  let n = 0;
  for (const k of intKeys) if (S4ID.contains(k)) n++;
  if (n !== 10_000) throw new Error();
});
Deno.bench({ group: "S5 10k lookups", name: "S5: getValue(key, 'amount'), integer key" }, () => {
  let n = 0;
  for (const k of intKeys) if (S4ID.getValue(k, 2) !== null) n++;
  if (n !== 10_000) throw new Error();
});
Deno.bench({ group: "S5 10k lookups", name: "S5: contains, string key" }, () => {
  let n = 0;
  for (const k of strKeys) if (S4.contains(k)) n++;
  if (n !== 10_000) throw new Error();
});
Deno.bench({ group: "S5 10k lookups", name: "S5: contains, other string key (hashed)" }, () => {
  let n = 0;
  for (const k of hashedKeys) if (S4H.contains(k)) n++;
  if (n !== 10_000) throw new Error();
});
Deno.bench({ group: "S5 10k lookups", name: "S5: getValue(key, 'status'), string key" }, () => {
  let n = 0;
  for (const k of strKeys) if (S4.getValue(k, 3) !== null) n++;
  if (n !== 10_000) throw new Error();
});
Deno.bench({ group: "S5 10k lookups", name: "S5: get (whole StreamRecord), string key" }, () => {
  let n = 0;
  for (const k of strKeys) if (S4.get(k) !== undefined) n++;
  if (n !== 10_000) throw new Error();
});

// --- S6: stream all 100k rows in batches ----------------------------------------------------------------------
async function streamAll(t: KeyedTable, size: number): Promise<number> {
  let n = 0;
  for await (const b of t.streamBatches(size)) n += b.length;
  return n;
}
check(await streamAll(S4, 4096) === S4_ROWS, "S6 rows");
Deno.bench(
  { group: "S6 stream 100k", name: "Map values, one object per row (reference)", baseline: true, n: 50 },
  () => {
    let n = 0;
    for (const _ of S4MAP.values()) n++;
    if (n !== S4_ROWS) throw new Error();
  },
);
Deno.bench({ group: "S6 stream 100k", name: "streamBatches(4096)", n: 50 }, async () => {
  if (await streamAll(S4, 4096) !== S4_ROWS) throw new Error();
});
Deno.bench({ group: "S6 stream 100k", name: "streamBatches(1000)", n: 50 }, async () => {
  if (await streamAll(S4, 1000) !== S4_ROWS) throw new Error();
});

// --- S7: plan cache, 4 WHERE clauses, cold (parse + bind + compile) vs warm (cache hit) ------------------------
const S7 = ["1=1", "status = 'active'", "status = 'completed'", "amount > 5000.00 AND category IN ('CAT1', 'CAT3')"];
check(S4.count(S7[0]) === 100_000, "COUNT(*) WHERE 1=1");
check(S4.count(S7[1]) === 25_000, "status = 'active'");
const sum = S4.sum("amount", S7[2]) as ScaledInteger;
check(sum.units === 12_372_000_000 && String(sum) === "123720000.00", "SUM(amount) WHERE status = 'completed'");
check(S4.count(S7[3]) === S4.count("amount > 5000.00 AND (category = 'CAT1' OR category = 'CAT3')"), "S7 clause 4");

Deno.bench({ group: "S7 plan (4 clauses)", name: "cold: tokenize + parse + bind + compile", baseline: true }, () => {
  for (const w of S7) {
    S4.plans.invalidate();
    planWhere(S4, w);
  }
});
Deno.bench({ group: "S7 plan (4 clauses)", name: "warm: plan cache hit (exact text)" }, () => {
  for (const w of S7) planWhere(S4, w);
});
Deno.bench({ group: "S7 plan (4 clauses)", name: "warm: plan cache hit (respelled text)" }, () => {
  planWhere(S4, "STATUS  =  'active'");
});
Deno.bench({ group: "S7 query (4 clauses)", name: "cold query", baseline: true, n: 200 }, () => {
  for (const w of S7) {
    S4.plans.invalidate();
    S4.count(w);
  }
});
Deno.bench({ group: "S7 query (4 clauses)", name: "warm query", n: 200 }, () => {
  for (const w of S7) S4.count(w);
});

// S7 on point queries (the key column through the key index): here the plan is most of the work
const S7P = ["id = 42", "id IN (1, 2, 3)", "id = 99998 AND status = 'pending'", "id = 7 AND amount > 1.00"];
check(S4ID.count(S7P[0]) === 1 && S4ID.count(S7P[1]) === 3 && S4ID.count(S7P[2]) === 0, "S7 point answers");
Deno.bench({ group: "S7 point query (4 clauses)", name: "cold query", baseline: true }, () => {
  for (const w of S7P) {
    S4ID.plans.invalidate();
    S4ID.count(w);
  }
});
Deno.bench({ group: "S7 point query (4 clauses)", name: "warm query" }, () => {
  for (const w of S7P) S4ID.count(w);
});

// --- W1: trade feed -> keyed table -------------------------------------------------------------------------
const W_ROWS = 1_000_000;
const trades = [...tradeBatches({ rows: W_ROWS })];
const W = new KeyedTable(TRADE_SCHEMA, { key: "id" });
W.loadSync(trades);
check(W.size === W_ROWS, "W1 rows");
check(String(W.sum("price * qty")) === "2504649006059.1356", "W5 total through the table");
check(W.count("price * qty > 1000000") === 670_483, "W4 count through the table");

// W1 from CSV text (decoder + table, one thread and with decode workers) is bench/w1_bench.ts.

Deno.bench({
  group: "W1 1M trades -> table",
  name: "W1: from RecordBatches (tradeBatches)",
  baseline: true,
  n: 8,
  warmup: 2,
}, () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(trades);
});
Deno.bench({
  group: "W1 1M trades -> table",
  name: "W1: from RecordBatches through an iterator (size unknown: the table doubles into it)",
  n: 8,
  warmup: 2,
}, () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(trades.values());
});

// the decoder's shape (decodeParallel: one batch per 1 MiB CSV segment, ~44 of ~22.7k rows) through load(stream)
const trades22k = [...tradeBatches({ rows: W_ROWS, batchSize: 22_728 })];
for (const expectedRows of [undefined, W_ROWS]) {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  await t.load(ReadableStream.from(trades22k), { expectedRows });
  check(
    t.size === W_ROWS && String(t.sum("price * qty")) === "2504649006059.1356",
    `W1 22.7k batches, ${expectedRows}`,
  );
}
Deno.bench({
  group: "W1 1M trades -> table",
  name: "W1: 44 batches of 22.7k rows through load(ReadableStream) (size unknown: doubling)",
  n: 8,
  warmup: 2,
}, async () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  await t.load(ReadableStream.from(trades22k));
});
Deno.bench({
  group: "W1 1M trades -> table",
  name: "W1: the same with load(stream, { expectedRows: 1M }) (room reserved once)",
  n: 8,
  warmup: 2,
}, async () => {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  await t.load(ReadableStream.from(trades22k), { expectedRows: W_ROWS });
});

// --- W2: 1M random lookups (mulberry32 seed 7), sum of qty -----------------------------------------------------
const r7 = mulberry32(7);
const probes = new Float64Array(W_ROWS);
for (let i = 0; i < W_ROWS; i++) probes[i] = Math.floor(r7() * W_ROWS);
function w2(): number {
  let s = 0;
  for (let i = 0; i < probes.length; i++) s += W.getValue(probes[i], 3) as number;
  return s;
}
function w2Slots(): number {
  const qty = (W.scanView().columns[3] as F64Column).data;
  let s = 0;
  for (let i = 0; i < probes.length; i++) s += qty[W.slotOf(probes[i])];
  return s;
}
const slotsOut = new Int32Array(W_ROWS);
function w2Batched(): number {
  W.lookupSlots(probes, slotsOut);
  const qty = (W.scanView().columns[3] as F64Column).data;
  let s = 0;
  for (let i = 0; i < slotsOut.length; i++) s += qty[slotsOut[i]];
  return s;
}
const qtySum = w2();
check(qtySum === w2Slots() && qtySum === w2Batched() && qtySum > 0, "W2 sum of qty");
console.log(`W2 sum of qty over 1M random lookups: ${qtySum}`);
const wMap = new Map<number, number>();
for (const b of trades) {
  const id = (b.columns[0] as F64Column).data, q = (b.columns[3] as F64Column).data;
  for (let i = 0; i < b.length; i++) wMap.set(id[i], q[i]);
}
Deno.bench(
  { group: "W2 1M lookups", name: "Map<number, qty>.get (reference)", baseline: true, n: 10, warmup: 2 },
  () => {
    let s = 0;
    for (let i = 0; i < probes.length; i++) s += wMap.get(probes[i])!;
    if (s !== qtySum) throw new Error();
  },
);
Deno.bench({ group: "W2 1M lookups", name: "getValue(id, qty)", n: 10, warmup: 2 }, () => {
  if (w2() !== qtySum) throw new Error();
});
Deno.bench({ group: "W2 1M lookups", name: "slotOf(id) + qty column view", n: 10, warmup: 2 }, () => {
  if (w2Slots() !== qtySum) throw new Error();
});
Deno.bench({ group: "W2 1M lookups", name: "lookupSlots(ids) batched + qty column view", n: 10, warmup: 2 }, () => {
  if (w2Batched() !== qtySum) throw new Error();
});

// --- S8: memory per row: each table built in a fresh process (a measurement after other work in the same
// isolate is distorted), heap + external delta around the load after GC, against the table's own stats() ---------
const s8: string[] = [];
for (const which of ["trade", "s4-id", "s4-key", "s4-other"]) {
  const out = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", new URL(import.meta.url).pathname, "--s8", which],
    stdout: "piped",
    stderr: "inherit",
  }).outputSync();
  s8.push(new TextDecoder().decode(out.stdout).trim());
}
console.log(s8.join("\n"));
