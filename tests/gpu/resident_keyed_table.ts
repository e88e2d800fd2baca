import assert from "node:assert/strict";
import { NO_GPU, withDevice } from "./_gpu.ts";
import { ResidentKeyedTable } from "../../gpu/resident_keyed_table.ts";
import { KeyedTable } from "../../core/table/keyed_table.ts";
import { fusedQuery } from "../../core/table/table_fused.ts";
import type { FusedQuery } from "../../core/kernels/fused_query.ts";
import { TRADE_SCHEMA, tradeBatches } from "../../core/gen/trades.ts";
import { ScaledInteger } from "../../core/values/scaled_integer.ts";
import { OverflowError } from "../../core/errors.ts";
import { Schema } from "../../core/record/schema.ts";
import { Types } from "../../core/types/data_type.ts";

const W3: FusedQuery = {
  where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
  sum: ["price", "qty"],
  groupBy: "symbol",
};
const W5: FusedQuery = { sum: ["price", "qty"] };
const BY_SIDE: FusedQuery = { where: [{ column: "price", op: "le", value: 5_000_000 }], sum: ["qty"], groupBy: "side" };

/** A trade table with holes (deleted rows), so the upload goes through a selection. */
function tradeTable(rows: number): KeyedTable {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  t.loadSync(tradeBatches({ rows, batchSize: 1500 }));
  for (let id = 0; id < rows; id += 7) t.delete(id);
  return t;
}

async function withEnv<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const old = Deno.env.get("SLUICE_GPU");
  if (value === undefined) Deno.env.delete("SLUICE_GPU");
  else Deno.env.set("SLUICE_GPU", value);
  try {
    return await fn();
  } finally {
    if (old === undefined) Deno.env.delete("SLUICE_GPU");
    else Deno.env.set("SLUICE_GPU", old);
  }
}

Deno.test("ResidentKeyedTable without a GPU context runs fusedQuery on the CPU and uploads nothing", async () => {
  const t = tradeTable(2000);
  const r = new ResidentKeyedTable(t, null);
  const d = await r.query([W3, W5], { mode: "force" });
  assert.equal(d.path, "cpu");
  assert.equal(d.reason, "no GPU device");
  assert.deepEqual(d.value, [fusedQuery(t, W3), fusedQuery(t, W5)]);
  assert.equal(r.uploads, 0);
  assert.equal(r.residentVersion, null);
  assert.equal(r.residentBytes, 0);
  await assert.rejects(
    () => r.query([{ sum: ["amount"] }]),
    new RangeError('Column "amount" of the fused query is not in the table; it has: id, symbol, price, qty, ts, side'),
  );
  assert.throws(
    () => new ResidentKeyedTable(t, null, { columns: ["nope"] }),
    new RangeError('Unknown column "nope"; the table has: id, symbol, price, qty, ts, side'),
  );
  t.addColumn("f", Types.Float);
  assert.throws(
    () => new ResidentKeyedTable(t, null, { columns: ["f"] }),
    new RangeError('Column "f" of type float cannot be made GPU-resident'),
  );
});

Deno.test("ResidentKeyedTable answers from a snapshot taken at call time, also while earlier calls run", async () => {
  const t = tradeTable(1000);
  const r = new ResidentKeyedTable(t, null);
  const before = fusedQuery(t, W5);
  const p1 = r.query([W5]);
  t.upsert([999_999, "SYM001", new ScaledInteger(10_000, 4), 3, 0, "BUY"]);
  const p2 = r.query([W5]);
  const after = fusedQuery(t, W5);
  assert.deepEqual((await p1).value[0], before);
  assert.deepEqual((await p2).value[0], after);
  assert.equal(after.sums[0] - before.sums[0], 30_000n);
});

Deno.test({
  name: "ResidentKeyedTable on the GPU: equals the CPU bit for bit, uploads once per table version, falls back",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const t = tradeTable(3000);
      const r = new ResidentKeyedTable(t, ctx);
      const queries = [W3, W5, BY_SIDE];
      const d1 = await r.query(queries, { mode: "force" });
      assert.equal(d1.path, "gpu");
      assert.equal(d1.reason, "GPU forced");
      assert.deepEqual(d1.value, queries.map((q) => fusedQuery(t, q)));
      assert.equal(r.uploads, 1);
      assert.equal(r.residentVersion, t.version);
      assert.ok(r.residentBytes >= t.size * (8 * 4 + 4 * 2));
      // a second call on the unchanged table reuses the resident columns
      const d2 = await r.query([W5, W3], { mode: "force" });
      assert.equal(d2.path, "gpu");
      assert.equal(r.uploads, 1);
      assert.deepEqual(d2.value, [d1.value[1], d1.value[0]]);
      // an upsert (a new row in a new group, and a changed row) moves the version: one re-upload
      t.upsert([50_000, "NEW", new ScaledInteger(20_000, 4), 6000, 0, "BUY"]);
      t.upsert([1, "SYM000", new ScaledInteger(10_000, 4), 1, 0, "SELL"]);
      const d3 = await r.query([W3, W5], { mode: "force" });
      assert.equal(d3.path, "gpu");
      assert.equal(r.uploads, 2);
      assert.deepEqual(d3.value, [fusedQuery(t, W3), fusedQuery(t, W5)]);
      const w3 = d3.value[0];
      assert.equal(w3.counts[w3.keys!.indexOf("NEW")], 1);
      assert.equal(w3.sums[w3.keys!.indexOf("NEW")], 20_000n * 6000n);
      assert.equal(d3.value[1].counts[0], d1.value[1].counts[0] + 1);
      // SLUICE_GPU unset: a software adapter (or a small table on hardware) stays on the CPU, no upload
      const d4 = await withEnv(undefined, () => r.query([W5]));
      assert.equal(d4.path, "cpu");
      assert.match(d4.reason, ctx.fallback ? /^software adapter / : /^below break-even /);
      assert.deepEqual(d4.value, [fusedQuery(t, W5)]);
      const d5 = await withEnv("off", () => r.query([W5], {}));
      assert.equal(d5.reason, "GPU disabled (mode off)");
      assert.equal(r.uploads, 2);
      // the same OverflowError on both paths
      const s = new KeyedTable(Schema.of([["id", Types.Integer], ["a", Types.Integer], ["b", Types.Integer]]), {
        key: "id",
      });
      s.upsert([1, 2, 3]);
      s.upsert([2, 2 ** 40, 2 ** 30]);
      const rs = new ResidentKeyedTable(s, ctx);
      const err = new OverflowError("Integer overflow at row 1: 1099511627776 * 1073741824 is outside the i64 range");
      await assert.rejects(() => rs.query([{ sum: ["a", "b"] }], { mode: "force" }), err);
      await assert.rejects(() => rs.query([{ sum: ["a", "b"] }], { mode: "off" }), err);
      rs.destroy();
      // a column left off the GPU: the GPU path fails and the CPU twin answers over the same snapshot
      const partial = new ResidentKeyedTable(t, ctx, { columns: ["price", "qty"] });
      const d6 = await partial.query([W5, W3], { mode: "force" });
      assert.equal(d6.path, "cpu");
      assert.match(d6.reason, /^GPU failed \(resident keyed table queries: .*"side" is not resident/);
      assert.deepEqual(d6.value, [fusedQuery(t, W5), fusedQuery(t, W3)]);
      partial.destroy();
      // an empty table, forced: nothing is uploaded and the CPU twin answers
      const empty = new ResidentKeyedTable(new KeyedTable(TRADE_SCHEMA, { key: "id" }), ctx);
      const d7 = await empty.query([W5], { mode: "force" });
      assert.equal(d7.path, "cpu");
      assert.equal(
        d7.reason,
        "GPU failed (resident keyed table queries: the table has no rows to upload); ran the CPU twin",
      );
      assert.deepEqual(d7.value, [{ keys: null, counts: Float64Array.of(0), sums: [0n], scale: 4 }]);
      assert.equal(empty.uploads, 0);
      r.destroy();
      assert.equal(r.residentVersion, null);
    }),
});
