import assert from "node:assert/strict";
import { runFusedCpu } from "../../../core/kernels/fused_query.ts";
import { tradeBatches } from "../../../core/gen/trades.ts";
import { OverflowError } from "../../../core/errors.ts";
import { recordsToBatch, select } from "../../../core/batch/record_batch.ts";
import { Schema } from "../../../core/record/schema.ts";
import { scaledType, Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";

/** The W3 query of WORKLOADS.md. */
export const W3 = {
  where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
  sum: ["price", "qty"],
  groupBy: "symbol",
} as const;

Deno.test("W5 at N = 1M: SUM(price*qty) = 2504649006059.1356 exactly", () => {
  const r = runFusedCpu(tradeBatches(), { sum: ["price", "qty"] });
  assert.equal(r.scale, 4);
  assert.equal(r.counts[0], 1_000_000);
  assert.equal(r.sums[0], 25046490060591356n);
  assert.equal(String(new ScaledInteger(r.sums[0], 4)), "2504649006059.1356");
});

Deno.test("W3 matches a row-by-row bigint reference (50k rows)", () => {
  const r = runFusedCpu(tradeBatches({ rows: 50_000 }), W3);
  const sums = new Map<string, bigint>(), counts = new Map<string, number>();
  for (const b of tradeBatches({ rows: 50_000 })) {
    for (let i = 0; i < b.length; i++) {
      if ((b.value(i, 3) as number) <= 5000 || b.value(i, 5) !== "BUY") continue;
      const s = b.value(i, 1) as string;
      const price = b.value(i, 2) as ScaledInteger;
      sums.set(s, (sums.get(s) ?? 0n) + BigInt(price.units) * BigInt(b.value(i, 3) as number));
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
  }
  assert.equal(r.keys?.length, 500);
  r.keys!.forEach((k, g) => {
    assert.equal(r.sums[g], sums.get(k) ?? 0n, k);
    assert.equal(r.counts[g], counts.get(k) ?? 0, k);
  });
});

Deno.test("fused query: overflow error names the first kept row; NULLs drop rows; selection honoured", () => {
  const schema = Schema.of([["a", Types.Integer], ["b", scaledType(2)], ["k", Types.String]]);
  const batch = recordsToBatch(schema, [
    [2n ** 62n, new ScaledInteger(1, 2), "x"],
    [2n ** 62n, new ScaledInteger(4, 2), "y"],
    [3, null, "x"],
    [5, new ScaledInteger(7, 2), "y"],
  ]);
  assert.throws(
    () => runFusedCpu([batch], { sum: ["a", "b"], where: [{ column: "k", op: "eq", value: "y" }] }),
    new OverflowError("Integer overflow at row 1: 4611686018427387904 * 4 is outside the i64 range"),
  );
  const r = runFusedCpu([batch], { sum: ["a", "b"], where: [{ column: "a", op: "lt", value: 100 }], groupBy: "k" });
  assert.deepEqual(r.keys, ["x", "y"]);
  assert.deepEqual([...r.counts], [0, 1]);
  assert.deepEqual(r.sums, [0n, 35n]);
  assert.equal(r.scale, 2);
  const picked = runFusedCpu([select(batch, new Int32Array([2, 3]))], { sum: ["a"], groupBy: "k" });
  assert.deepEqual([...picked.counts], [1, 1]);
  assert.deepEqual(picked.sums, [3n, 5n]);
  assert.throws(
    () => runFusedCpu([batch], { where: [{ column: "k", op: "gt", value: "x" }] }),
    new TypeError('Predicate on String column "k" supports = and <> only, got >'),
  );
});
