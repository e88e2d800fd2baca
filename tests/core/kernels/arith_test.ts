import assert from "node:assert/strict";
import { arithF32, arithI32, arithI64, arithScaled } from "../../../core/kernels/arith.ts";
import { i64At } from "../../../core/kernels/int64_lanes.ts";
import { OverflowError } from "../../../core/errors.ts";
import { asI64Array, f32Vector, i32Vector, i64Vector, nonOverflowingPair, refArith, safeVector } from "./vectors.ts";

for (const op of ["add", "sub", "mul"] as const) {
  Deno.test(`arithI64 ${op} equals bigint arithmetic on edge and random values`, () => {
    const a = i64Vector(1, 300);
    const b = nonOverflowingPair(op, a, i64Vector(2, 300));
    const r = arithI64(op, asI64Array(a), asI64Array(b));
    for (let i = 0; i < a.length; i++) assert.equal(i64At(r, i), refArith(op, a[i], b[i]), `row ${i}`);
  });
}

Deno.test("arithI64 keeps safe results in a Float64Array and widens only when needed", () => {
  const a = safeVector(3, 100, 26), b = safeVector(4, 100, 26);
  assert.ok(arithI64("mul", a, b) instanceof Float64Array);
  const w = arithI64("add", new Float64Array([Number.MAX_SAFE_INTEGER, 1]), new Float64Array([1, 1]));
  assert.ok(w instanceof BigInt64Array);
  assert.deepEqual([...w], [2n ** 53n, 2n]);
});

Deno.test("arithI64 reports the first overflowing row, never wraps", () => {
  const a = asI64Array([1n, 2n ** 62n, 2n ** 62n]), b = asI64Array([1n, 2n, 4n]);
  assert.throws(
    () => arithI64("mul", a, b),
    new OverflowError("Integer overflow at row 1: 4611686018427387904 * 2 is outside the i64 range"),
  );
  assert.throws(
    () => arithI64("sub", asI64Array([-(2n ** 63n)]), asI64Array([1n])),
    new OverflowError("Integer overflow at row 0: -9223372036854775808 - 1 is outside the i64 range"),
  );
  assert.throws(
    () => arithI64("add", new Float64Array(2), new Float64Array(3)),
    new RangeError("Operand lengths differ: 2 and 3"),
  );
});

Deno.test("arithScaled aligns scales for +/- and adds them for *", () => {
  for (const [sa, sb] of [[0, 4], [2, 2], [4, 0], [0, 18], [9, 9]]) {
    const d = BigInt(Math.abs(sa - sb));
    const a = i64Vector(5 + sa, 200, Math.max(8, 64 - Math.ceil(Number(d) * 3.33))),
      b = i64Vector(6 + sb, 200, Math.max(8, 64 - Math.ceil(Number(d) * 3.33)));
    const fa = 10n ** BigInt(Math.max(sa, sb) - sa), fb = 10n ** BigInt(Math.max(sa, sb) - sb);
    for (const op of ["add", "sub"] as const) {
      const bb = nonOverflowingPair(op, a, b, fa, fb);
      const aa = a.map((x, i) => refArith(op, x, bb[i], fa, fb) === null ? 0n : x);
      const r = arithScaled(op, { data: asI64Array(aa), scale: sa }, { data: asI64Array(bb), scale: sb });
      assert.equal(r.scale, Math.max(sa, sb));
      for (let i = 0; i < aa.length; i++) assert.equal(i64At(r.data, i), refArith(op, aa[i], bb[i], fa, fb));
    }
    if (sa + sb <= 18) {
      const bb = nonOverflowingPair("mul", a, b);
      const r = arithScaled("mul", { data: asI64Array(a), scale: sa }, { data: asI64Array(bb), scale: sb });
      assert.equal(r.scale, sa + sb);
      for (let i = 0; i < a.length; i++) assert.equal(i64At(r.data, i), a[i] * bb[i]);
    }
  }
  assert.throws(
    () => arithScaled("add", { data: asI64Array([2n ** 62n]), scale: 0 }, { data: asI64Array([0n]), scale: 1 }),
    new OverflowError("Integer overflow at row 0: (4611686018427387904 * 10) + 0 is outside the i64 range"),
  );
  assert.throws(
    () => arithScaled("mul", { data: new Float64Array(1), scale: 10 }, { data: new Float64Array(1), scale: 9 }),
    new RangeError("Product scale 10 + 9 = 19 is past the largest scale 18"),
  );
});

Deno.test("arithI32 is exact and checks the i32 range", () => {
  const a = i32Vector(7, 200), b = i32Vector(8, 200);
  for (const op of ["add", "sub", "mul"] as const) {
    const bb = Int32Array.from(b, (y, i) => {
      const r = refArith(op, BigInt(a[i]), BigInt(y));
      return r !== null && r >= -(2n ** 31n) && r < 2n ** 31n ? y : 0;
    });
    const r = arithI32(op, a, bb);
    for (let i = 0; i < a.length; i++) assert.equal(BigInt(r[i]), refArith(op, BigInt(a[i]), BigInt(bb[i])));
  }
  assert.throws(
    () => arithI32("mul", new Int32Array([65536]), new Int32Array([32768])),
    new OverflowError("Integer overflow at row 0: 65536 * 32768 is outside the i32 range"),
  );
});

Deno.test("arithF32 rounds each result once to binary32", () => {
  const a = f32Vector(9, 100), b = f32Vector(10, 100);
  const r = arithF32("mul", a, b);
  for (let i = 0; i < a.length; i++) assert.equal(r[i], Math.fround(a[i] * b[i]));
});

Deno.test("arithScaled matches bigint arithmetic for every pair of scales 0..18", () => {
  for (let sa = 0; sa <= 18; sa++) {
    for (let sb = 0; sb <= 18; sb++) {
      const bits = Math.max(8, 64 - Math.ceil(Math.abs(sa - sb) * 3.33));
      const a = i64Vector(40 + sa, 40, bits), b = i64Vector(60 + sb, 40, bits);
      const scale = Math.max(sa, sb);
      const fa = 10n ** BigInt(scale - sa), fb = 10n ** BigInt(scale - sb);
      for (const op of ["add", "sub"] as const) {
        const bb = nonOverflowingPair(op, a, b, fa, fb);
        const aa = a.map((x, i) => (refArith(op, x, bb[i], fa, fb) === null ? 0n : x));
        const r = arithScaled(op, { data: asI64Array(aa), scale: sa }, { data: asI64Array(bb), scale: sb });
        assert.equal(r.scale, scale);
        aa.forEach((x, i) =>
          assert.equal(i64At(r.data, i), refArith(op, x, bb[i], fa, fb), `${op} ${sa} ${sb} row ${i}`)
        );
      }
      if (sa + sb <= 18) {
        const bb = nonOverflowingPair("mul", a, b);
        const r = arithScaled("mul", { data: asI64Array(a), scale: sa }, { data: asI64Array(bb), scale: sb });
        assert.equal(r.scale, sa + sb);
        a.forEach((x, i) => assert.equal(i64At(r.data, i), x * bb[i]));
      }
    }
  }
});
