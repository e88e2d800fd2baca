import assert from "node:assert/strict";
import { NO_GPU, withDevice } from "./_gpu.ts";
import { arithF32Gpu, arithI32Gpu, arithI64Gpu, arithScaledGpu } from "../../gpu/kernels/arith.ts";
import { arithF32, arithI32, arithI64, arithScaled } from "../../core/kernels/arith.ts";
import {
  asI64Array,
  f32Vector,
  i32Vector,
  i64Vector,
  nonOverflowingPair,
  refArith,
  safeVector,
} from "../core/kernels/vectors.ts";

Deno.test({
  name: "GPU arith i64/scaled/i32/f32 is bit-identical to the CPU twin",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      for (const op of ["add", "sub", "mul"] as const) {
        const a = i64Vector(1, 300);
        const b = nonOverflowingPair(op, a, i64Vector(2, 300));
        assert.deepEqual(
          await arithI64Gpu(ctx, op, asI64Array(a), asI64Array(b)),
          arithI64(op, asI64Array(a), asI64Array(b)),
        );
        const sa = safeVector(3, 300, 26), sb = safeVector(4, 300, 26);
        const cpu = arithI64(op, sa, sb);
        assert.ok(cpu instanceof Float64Array);
        assert.deepEqual(await arithI64Gpu(ctx, op, sa, sb), cpu);
        const ia = i32Vector(7, 200);
        const ib = Int32Array.from(i32Vector(8, 200), (y, i) => {
          const r = refArith(op, BigInt(ia[i]), BigInt(y));
          return r !== null && r >= -(2n ** 31n) && r < 2n ** 31n ? y : 0;
        });
        assert.deepEqual(await arithI32Gpu(ctx, op, ia, ib), arithI32(op, ia, ib));
        const fa = f32Vector(9, 200), fb = f32Vector(10, 200);
        assert.deepEqual(await arithF32Gpu(ctx, op, fa, fb), arithF32(op, fa, fb));
      }
      for (const [sa, sb] of [[0, 4], [4, 0], [2, 9], [0, 18]]) {
        const d = Math.abs(sa - sb);
        const a = i64Vector(5, 200, Math.max(8, 64 - Math.ceil(d * 3.33)));
        const b = i64Vector(6, 200, Math.max(8, 64 - Math.ceil(d * 3.33)));
        for (const op of ["add", "sub", "mul"] as const) {
          const fa = op === "mul" ? 1n : 10n ** BigInt(Math.max(sa, sb) - sa);
          const fb = op === "mul" ? 1n : 10n ** BigInt(Math.max(sa, sb) - sb);
          const bb = nonOverflowingPair(op, a, b, fa, fb);
          const aa = a.map((x, i) => (refArith(op, x, bb[i], fa, fb) === null ? 0n : x));
          const va = { data: asI64Array(aa), scale: sa }, vb = { data: asI64Array(bb), scale: sb };
          if (op === "mul" && sa + sb > 18) continue;
          assert.deepEqual(await arithScaledGpu(ctx, op, va, vb), arithScaled(op, va, vb));
        }
      }
    }),
});

Deno.test({
  name: "GPU arith reports the same overflow error as the CPU twin (first row)",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const cases: [("add" | "sub" | "mul"), bigint[], bigint[]][] = [
        ["mul", [1n, 3n, 2n ** 62n, 2n ** 62n], [1n, 5n, 2n, 4n]],
        ["add", [0n, 2n ** 63n - 1n], [0n, 1n]],
        ["sub", [-(2n ** 63n), 5n], [1n, 6n]],
        ["mul", [-(2n ** 63n)], [-1n]],
      ];
      for (const [op, a, b] of cases) {
        const cpu = (() => {
          try {
            arithI64(op, asI64Array(a), asI64Array(b));
          } catch (e) {
            return e as Error;
          }
          throw new Error("no overflow");
        })();
        await assert.rejects(() => arithI64Gpu(ctx, op, asI64Array(a), asI64Array(b)), cpu);
      }
      // -2^63 * 1 and -2^62 * 2 fit exactly.
      const ok = await arithI64Gpu(ctx, "mul", asI64Array([-(2n ** 63n), -(2n ** 62n)]), asI64Array([1n, 2n]));
      assert.deepEqual([...ok], [-(2n ** 63n), -(2n ** 63n)]);
      await assert.rejects(
        () =>
          arithScaledGpu(ctx, "add", { data: asI64Array([2n ** 62n]), scale: 0 }, { data: asI64Array([0n]), scale: 1 }),
        (e: Error) =>
          e.message === "Integer overflow at row 0: (4611686018427387904 * 10) + 0 is outside the i64 range",
      );
      await assert.rejects(
        () => arithI32Gpu(ctx, "mul", new Int32Array([1, 65536]), new Int32Array([1, 32768])),
        (e: Error) =>
          e.name === "OverflowError" &&
          e.message === "Integer overflow at row 1: 65536 * 32768 is outside the i32 range",
      );
    }),
});

Deno.test({
  name: "GPU ScaledInteger arithmetic equals the CPU twin for every scale 0..18",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      for (let sa = 0; sa <= 18; sa++) {
        for (const sb of new Set([0, sa, 18 - sa])) {
          const bits = Math.max(8, 64 - Math.ceil(Math.abs(sa - sb) * 3.33));
          const a = i64Vector(40 + sa, 48, bits), b = i64Vector(60 + sb, 48, bits);
          for (const op of ["add", "sub", "mul"] as const) {
            if (op === "mul" && sa + sb > 18) continue;
            const fa = op === "mul" ? 1n : 10n ** BigInt(Math.max(sa, sb) - sa);
            const fb = op === "mul" ? 1n : 10n ** BigInt(Math.max(sa, sb) - sb);
            const bb = nonOverflowingPair(op, a, b, fa, fb);
            const aa = a.map((x, i) => (refArith(op, x, bb[i], fa, fb) === null ? 0n : x));
            const va = { data: asI64Array(aa), scale: sa }, vb = { data: asI64Array(bb), scale: sb };
            assert.deepEqual(await arithScaledGpu(ctx, op, va, vb), arithScaled(op, va, vb), `${op} ${sa} ${sb}`);
          }
        }
      }
    }),
});
