import assert from "node:assert/strict";
import { aggregateI64 } from "../../../core/kernels/aggregate.ts";
import { groupedSum } from "../../../core/kernels/grouped_sum.ts";
import { asI64Array, codeVector, i64Vector, maskVector, safeVector } from "./vectors.ts";

function refAgg(v: readonly bigint[], m: Uint32Array | null) {
  let count = 0, sum = 0n, min: bigint | null = null, max: bigint | null = null;
  v.forEach((x, i) => {
    if (m !== null && (m[i >>> 5] & (1 << (i & 31))) === 0) return;
    count++;
    sum += x;
    if (min === null || x < min) min = x;
    if (max === null || x > max) max = x;
  });
  return { count, sum, min, max };
}
const big = (x: number | bigint | null) => (x === null ? null : BigInt(x));

Deno.test("aggregateI64 sums exactly past 64 bits, with and without a mask", () => {
  const v = i64Vector(21, 500);
  const many = Array.from({ length: 64 }, () => 2n ** 63n - 1n);
  for (const data of [v, many]) {
    for (const m of [null, maskVector(22, data.length)]) {
      const a = aggregateI64(asI64Array(data), m), r = refAgg(data, m);
      assert.equal(a.count, r.count);
      assert.equal(a.sum, r.sum);
      assert.equal(big(a.min), r.min);
      assert.equal(big(a.max), r.max);
    }
  }
  assert.equal(aggregateI64(asI64Array(many)).sum, 64n * (2n ** 63n - 1n));
  assert.deepEqual(aggregateI64(new Float64Array(3), new Uint32Array(1)), { count: 0, sum: 0n, min: null, max: null });
});

Deno.test("aggregateI64 on safe doubles carries past 2^53 exactly", () => {
  const v = safeVector(23, 1000);
  const want = [...v].reduce((s, x) => s + BigInt(x), 0n);
  assert.equal(aggregateI64(v).sum, want);
  const max = new Float64Array(1000).fill(Number.MAX_SAFE_INTEGER);
  assert.equal(aggregateI64(max).sum, 1000n * BigInt(Number.MAX_SAFE_INTEGER));
});

Deno.test("groupedSum counts and sums exactly per code", () => {
  const v = i64Vector(24, 600), codes = codeVector(25, 600, 7), m = maskVector(26, 600, 0.7);
  for (const mask of [null, m]) {
    const g = groupedSum(codes, asI64Array(v), 7, mask);
    const counts = new Array(7).fill(0), sums = new Array(7).fill(0n);
    v.forEach((x, i) => {
      if (mask !== null && (mask[i >>> 5] & (1 << (i & 31))) === 0) return;
      counts[codes[i]]++;
      sums[codes[i]] += x;
    });
    assert.deepEqual([...g.counts], counts);
    assert.deepEqual(g.sums, sums);
  }
  assert.throws(
    () => groupedSum(new Int32Array([3]), null, 2),
    new RangeError("Group code 3 at row 0 is outside 0..1"),
  );
});
