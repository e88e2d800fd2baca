import assert from "node:assert/strict";
import { NO_GPU, withDevice } from "./_gpu.ts";
import { compareI32Gpu, compareI64Gpu } from "../../gpu/kernels/compare.ts";
import { compactGpu } from "../../gpu/kernels/compact.ts";
import { aggregateI64Gpu } from "../../gpu/kernels/aggregate.ts";
import { compareI32, compareI64, CompareOps } from "../../core/kernels/compare.ts";
import { compact } from "../../core/kernels/compact.ts";
import { aggregateI64 } from "../../core/kernels/aggregate.ts";
import { groupedSum } from "../../core/kernels/grouped_sum.ts";
import { groupedSumGpu } from "../../gpu/kernels/grouped_sum.ts";
import { asI64Array, codeVector, i32Vector, i64Vector, maskVector, safeVector } from "../core/kernels/vectors.ts";

Deno.test({
  name: "GPU compare -> bitmask equals the CPU twin (i64 scalar/vector, i32)",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const a = asI64Array(i64Vector(11, 100)), b = asI64Array(i64Vector(12, 100));
      const s = safeVector(13, 77);
      const ia = i32Vector(14, 70), ib = i32Vector(15, 70);
      for (const op of Object.keys(CompareOps) as (keyof typeof CompareOps)[]) {
        for (const k of [0n, 2n ** 53n, -(2n ** 63n), 2n ** 63n - 1n, -1n]) {
          assert.deepEqual(await compareI64Gpu(ctx, op, a, k), compareI64(op, a, k), `${op} ${k}`);
        }
        assert.deepEqual(await compareI64Gpu(ctx, op, a, b), compareI64(op, a, b));
        assert.deepEqual(await compareI64Gpu(ctx, op, s, 12345), compareI64(op, s, 12345));
        assert.deepEqual(await compareI32Gpu(ctx, op, ia, -5), compareI32(op, ia, -5));
        assert.deepEqual(await compareI32Gpu(ctx, op, ia, ib), compareI32(op, ia, ib));
      }
    }),
});

Deno.test({
  name: "GPU compaction equals the CPU twin across workgroups and ragged ends",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      for (const [rows, density] of [[1, 1], [100, 0.5], [9000, 0.3], [20000, 0.9], [8200, 0]]) {
        const m = maskVector(16 + rows, rows, density);
        assert.deepEqual(await compactGpu(ctx, m, rows), compact(m, rows), `rows ${rows}`);
      }
      assert.deepEqual(
        await compactGpu(ctx, new Uint32Array([0xffffffff]), 3),
        compact(new Uint32Array([0xffffffff]), 3),
      );
    }),
});

Deno.test({
  name: "GPU sum/min/max/count equals the CPU twin, exact past 64 bits",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const v = asI64Array(i64Vector(21, 10000));
      const many = asI64Array(Array.from({ length: 9000 }, (_, i) => (i % 3 === 0 ? -(2n ** 63n) : 2n ** 63n - 1n)));
      for (const data of [v, many, safeVector(22, 5000), new Float64Array(0)]) {
        for (const m of [null, maskVector(23, data.length, 0.4)]) {
          assert.deepEqual(await aggregateI64Gpu(ctx, data, m), aggregateI64(data, m));
        }
      }
    }),
});

Deno.test({
  name: "GPU grouped count/sum by code equals the CPU twin (both accumulator variants)",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const v = asI64Array(i64Vector(24, 6000));
      for (const groups of [7, 300]) {
        const codes = codeVector(25, 6000, groups);
        for (const m of [null, maskVector(26, 6000, 0.7)]) {
          assert.deepEqual(await groupedSumGpu(ctx, codes, v, groups, m), groupedSum(codes, v, groups, m));
          assert.deepEqual(await groupedSumGpu(ctx, codes, null, groups, m), groupedSum(codes, null, groups, m));
        }
      }
    }),
});
