import assert from "node:assert/strict";
import { NO_GPU, withDevice } from "./_gpu.ts";
import { ResidentTable } from "../../gpu/resident_table.ts";
import { decide, dispatch } from "../../gpu/dispatcher.ts";
import { guarded } from "../../gpu/kernel_io.ts";
import { aggregateI64Op, arithI64Op, compactOp, compareI64Op, groupedSumOp } from "../../gpu/ops.ts";
import { getPipeline } from "../../gpu/pipeline_cache.ts";
import { runFusedCpu } from "../../core/kernels/fused_query.ts";
import type { FusedQuery } from "../../core/kernels/fused_query.ts";
import { tradeBatches } from "../../core/gen/trades.ts";
import { recordsToBatch, select } from "../../core/batch/record_batch.ts";
import { Schema } from "../../core/record/schema.ts";
import { scaledType, Types } from "../../core/types/data_type.ts";
import { ScaledInteger } from "../../core/values/scaled_integer.ts";
import { OverflowError } from "../../core/errors.ts";
import { mulberry32 } from "../../core/gen/mulberry32.ts";
import { i64Vector } from "../core/kernels/vectors.ts";

const W3: FusedQuery = {
  where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
  sum: ["price", "qty"],
  groupBy: "symbol",
};
const W5: FusedQuery = { sum: ["price", "qty"] };

Deno.test({
  name: "GPU fused W3/W5 on a resident trade table equal the CPU twin; many queries share one submit",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const batches = [...tradeBatches({ rows: 20_000, batchSize: 3000 })];
      const t = await ResidentTable.fromBatches(ctx, batches);
      assert.equal(t.rows, 20_000);
      const queries: FusedQuery[] = [
        W3,
        W5,
        { where: [{ column: "side", op: "ne", value: "BUY" }], groupBy: "symbol" },
        { where: [{ column: "price", op: "le", value: 5_000_000 }], sum: ["qty"], groupBy: "side" },
        { where: [{ column: "side", op: "eq", value: "NONE" }], sum: ["price"] },
      ];
      const run = await t.run(queries);
      assert.equal(run.results.length, queries.length);
      queries.forEach((q, i) => assert.deepEqual(run.results[i], runFusedCpu(batches, q), `query ${i}`));
      const d = await t.query([W3], { mode: "force" });
      assert.equal(d.path, "gpu");
      assert.deepEqual(d.value[0], runFusedCpu(batches, W3));
      t.destroy();
    }),
});

Deno.test({
  name: "GPU W5 at N = 1M: SUM(price*qty) = 2504649006059.1356 exactly, equal to the CPU twin",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const batches = [...tradeBatches()];
      const t = await ResidentTable.fromBatches(ctx, batches, { columns: ["price", "qty"] });
      const [r] = (await t.run([W5])).results;
      assert.equal(r.counts[0], 1_000_000);
      assert.equal(String(new ScaledInteger(r.sums[0], r.scale)), "2504649006059.1356");
      t.destroy();
    }),
});

Deno.test({
  name: "GPU fused sums are exact past 64 bits at ±2^63; overflow matches the CPU twin's error",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const r = mulberry32(5);
      const vals = i64Vector(31, 3000);
      const schema = Schema.of([["a", Types.Integer], ["s", scaledType(18)], ["k", Types.String]]);
      const rows = vals.map((v, i) => [v, new ScaledInteger(i % 7 === 0 ? 0 : 1, 18), "g" + Math.floor(r() * 5)]);
      const batch = recordsToBatch(schema, rows);
      const t = await ResidentTable.fromBatches(ctx, [batch, select(batch, Int32Array.of(10, 3, 2999))]);
      const queries: FusedQuery[] = [
        { sum: ["a"], groupBy: "k" },
        { sum: ["a", "s"], groupBy: "k" },
        { where: [{ column: "a", op: "gt", value: 2n ** 53n }], sum: ["a"] },
        { where: [{ column: "a", op: "lt", value: -(2n ** 62n) }, { column: "k", op: "eq", value: "g1" }], sum: ["a"] },
      ];
      const run = await t.run(queries);
      const src = [batch, select(batch, Int32Array.of(10, 3, 2999))];
      queries.forEach((q, i) => assert.deepEqual(run.results[i], runFusedCpu(src, q), `query ${i}`));
      const over: FusedQuery = { sum: ["a", "a"], where: [{ column: "k", op: "eq", value: "g2" }] };
      const cpuErr = (() => {
        try {
          runFusedCpu(src, over);
        } catch (e) {
          return e as Error;
        }
        throw new Error("expected an overflow");
      })();
      assert.ok(cpuErr instanceof OverflowError);
      await assert.rejects(() => t.run([over]), cpuErr);
      await assert.rejects(() => t.query([over], { mode: "force" }), cpuErr);
      t.destroy();
    }),
});

Deno.test({
  name: "device loss or a failing pipeline falls back to the CPU twin and the query completes",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const batches = [...tradeBatches({ rows: 5000 })];
      const t = await ResidentTable.fromBatches(ctx, batches);
      const want = runFusedCpu(batches, W3);
      // A failing GPU path: a table whose buffers were destroyed fails validation; the query still completes.
      const broken = await ResidentTable.fromBatches(ctx, batches);
      broken.destroy();
      const b = await broken.query([W3], { mode: "force" });
      assert.equal(b.path, "cpu");
      assert.match(b.reason, /^GPU failed \(resident fused queries: /);
      assert.deepEqual(b.value[0], want);
      // An injected failing pipeline (invalid WGSL) inside the guarded GPU path.
      const bad = await dispatch("bad kernel", 1e9, ctx, (c) =>
        guarded(c, "bad kernel", async () => {
          await getPipeline(c.device, { key: "bad", code: "fn oops(", entryPoint: "main", bindings: [] });
          return 1;
        }), () =>
        2, { mode: "force" });
      assert.equal(bad.path, "cpu");
      assert.equal(bad.value, 2);
      ctx.device.destroy();
      const d = await t.query([W3], { mode: "force" });
      assert.equal(d.path, "cpu");
      assert.match(d.reason, /GPU failed|device lost/);
      assert.deepEqual(d.value[0], want);
      await ctx.device.lost;
      assert.equal(ctx.lost, true);
      assert.equal(decide(1e9, ctx, { mode: "force" }).path, "cpu");
      const again = await t.query([W3], { mode: "force" });
      assert.equal(again.path, "cpu");
      assert.match(again.reason, /^GPU device lost/);
    }),
});

Deno.test("dispatcher: off, no device, software adapter and break-even choose the CPU, with reasons", async () => {
  assert.deepEqual(decide(1e9, null, { mode: "force" }), { path: "cpu", reason: "no GPU device" });
  assert.deepEqual(decide(1e9, null, { mode: "off" }), { path: "cpu", reason: "GPU disabled (mode off)" });
  const fake = { lost: false, fallback: true, description: "llvmpipe", lostReason: "" } as never;
  assert.equal(decide(1e9, fake, { mode: "auto" }).reason, "software adapter (llvmpipe); set mode force to use it");
  assert.equal(decide(1e9, fake, { mode: "force" }).path, "gpu");
  const hw = { lost: false, fallback: false, description: "H100", lostReason: "" } as never;
  assert.deepEqual(decide(10, hw, { mode: "auto" }), { path: "cpu", reason: "below break-even (10 < 1000000)" });
  assert.equal(decide(2_000_000, hw, { mode: "auto" }).path, "gpu");
  const r = await dispatch("x", 1e9, hw, () => Promise.reject(new Error("boom")), () => 7, { mode: "auto" });
  assert.deepEqual(r, { value: 7, path: "cpu", reason: "GPU failed (x: boom); ran the CPU twin" });
  await assert.rejects(
    () => dispatch("x", 1e9, hw, () => Promise.reject(new OverflowError("o")), () => 7, { mode: "auto" }),
    new OverflowError("o"),
  );
});

Deno.test({
  name: "dispatched kernels report their path and agree across paths",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const a = new Float64Array([5, -7, 2 ** 40]), b = new Float64Array([3, 3, 3]);
      const cpu = await arithI64Op(ctx, "mul", a, b, { mode: "off" });
      const gpu = await arithI64Op(ctx, "mul", a, b, { mode: "force" });
      assert.deepEqual([cpu.path, gpu.path], ["cpu", "gpu"]);
      assert.deepEqual(gpu.value, cpu.value);
      const auto = await aggregateI64Op(ctx, a, null, { mode: "auto", minWork: 10 });
      assert.equal(auto.path, "cpu");
      assert.match(auto.reason, ctx.fallback ? /^software adapter/ : /^below break-even/);
      const m = await compareI64Op(ctx, "gt", a, 0, { mode: "force" });
      assert.deepEqual((await compactOp(ctx, m.value, 3, { mode: "force" })).value, Int32Array.of(0, 2));
      const g = await groupedSumOp(ctx, Int32Array.of(0, 1, 0), a, 2, null, { mode: "force" });
      assert.deepEqual(g.value.sums, [5n + 2n ** 40n, -7n]);
    }),
});

Deno.test({
  name: "GPU fused queries over columns with NULLs drop those rows exactly as the CPU twin",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const r = mulberry32(77);
      const schema = Schema.of([["a", Types.Integer], ["s", scaledType(2)], ["k", Types.String], ["d", Types.Integer]]);
      const rows = Array.from({ length: 1500 }, (_, i) => [
        r() < 0.1 ? null : Math.floor(r() * 2e6) - 1e6,
        r() < 0.2 ? null : new ScaledInteger(Math.floor(r() * 1e5), 2),
        r() < 0.05 ? null : "k" + Math.floor(r() * 9),
        i,
      ]);
      const b1 = recordsToBatch(schema, rows.slice(0, 700)), b2 = recordsToBatch(schema, rows.slice(700));
      const src = [b1, select(b2, Int32Array.from({ length: 400 }, (_, i) => 2 * i))];
      const t = await ResidentTable.fromBatches(ctx, src);
      const queries: FusedQuery[] = [
        { sum: ["a", "s"], groupBy: "k" },
        { sum: ["a"] },
        { where: [{ column: "s", op: "ge", value: 50_000 }], sum: ["d"], groupBy: "k" },
        { where: [{ column: "k", op: "ne", value: "k3" }], sum: ["d", "d"] },
        { sum: ["d"] },
      ];
      const run = await t.run(queries);
      queries.forEach((q, i) => assert.deepEqual(run.results[i], runFusedCpu(src, q), `query ${i}`));
      assert.equal(run.results[4].counts[0], 1100);
      assert.ok(run.results[1].counts[0] < 1050 && run.results[1].counts[0] > 900);
      t.destroy();
    }),
});

Deno.test({
  name: "a resident table built from a 0-row batch uploads nothing and does not abort the process",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const [batch] = [...tradeBatches({ rows: 10 })];
      const empty = batch.slice(0, 0);
      const t = await ResidentTable.fromBatches(ctx, [empty]);
      assert.equal(t.rows, 0);
      const d = await t.query([W5], { mode: "force" });
      assert.equal(d.value[0].counts[0], 0);
    }),
});
