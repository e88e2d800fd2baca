import assert from "node:assert/strict";
import { compareI32, compareI64, CompareOps, maskWords } from "../../../core/kernels/compare.ts";
import { compact } from "../../../core/kernels/compact.ts";
import { asI64Array, i32Vector, i64Vector, maskVector } from "./vectors.ts";

const bit = (m: Uint32Array, i: number): boolean => (m[i >>> 5] & (1 << (i & 31))) !== 0;
const ref = (op: string, x: bigint, y: bigint): boolean =>
  op === "lt"
    ? x < y
    : op === "le"
    ? x <= y
    : op === "eq"
    ? x === y
    : op === "ne"
    ? x !== y
    : op === "gt"
    ? x > y
    : x >= y;

Deno.test("compareI64 against scalars and vectors matches bigint comparison", () => {
  const a = i64Vector(11, 100), b = i64Vector(12, 100);
  b[5] = a[5];
  for (const op of Object.keys(CompareOps) as (keyof typeof CompareOps)[]) {
    for (const s of [0n, 2n ** 53n, -(2n ** 63n), a[7]]) {
      const m = compareI64(op, asI64Array(a), s);
      assert.equal(m.length, maskWords(100));
      for (let i = 0; i < 100; i++) assert.equal(bit(m, i), ref(op, a[i], s), `${op} ${s} row ${i}`);
    }
    const m = compareI64(op, asI64Array(a), asI64Array(b));
    for (let i = 0; i < 100; i++) assert.equal(bit(m, i), ref(op, a[i], b[i]));
    const f = compareI64(op, new Float64Array([1, 2, 3]), 2);
    assert.deepEqual([0, 1, 2].map((i) => bit(f, i)), [1n, 2n, 3n].map((x) => ref(op, x, 2n)));
  }
  assert.throws(
    () => compareI64("eq", new Float64Array(1), 0.5),
    new RangeError("Expected an exact integer to compare with, got 0.5"),
  );
});

Deno.test("compareI32 matches integer comparison; bits past the last row stay 0", () => {
  const a = i32Vector(13, 70);
  const m = compareI32("ge", a, -5);
  for (let i = 0; i < 70; i++) assert.equal(bit(m, i), a[i] >= -5);
  for (let i = 70; i < 96; i++) assert.equal(bit(m, i), false);
});

Deno.test("compact lists the set bits in order and ignores bits past rows", () => {
  const m = maskVector(14, 1000, 0.3);
  const idx = compact(m, 1000);
  const want: number[] = [];
  for (let i = 0; i < 1000; i++) if (bit(m, i)) want.push(i);
  assert.deepEqual([...idx], want);
  assert.deepEqual([...compact(new Uint32Array([0xffffffff]), 3)], [0, 1, 2]);
  assert.deepEqual([...compact(new Uint32Array([0x80000000]), 32)], [31]);
});
