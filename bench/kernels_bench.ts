/**
 * CPU kernel twins against naive baselines (bigint accumulation, per-row value access), seeded data, answers
 * checked once before timing. Run: deno bench -A bench/kernels_bench.ts
 */

import { tradeBatches } from "../core/gen/trades.ts";
import { type FusedQuery, runFusedCpu } from "../core/kernels/fused_query.ts";
import { aggregateI64 } from "../core/kernels/aggregate.ts";
import { arithI64 } from "../core/kernels/arith.ts";
import { compareI64 } from "../core/kernels/compare.ts";
import { compact } from "../core/kernels/compact.ts";
import { groupedSum } from "../core/kernels/grouped_sum.ts";
import type { RecordBatch } from "../core/batch/record_batch.ts";
import type { F64Column } from "../core/batch/column.ts";

const N = 1_000_000;
const batches: RecordBatch[] = [...tradeBatches({ rows: N })];
const W5: FusedQuery = { sum: ["price", "qty"] };
const W3: FusedQuery = {
  where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
  sum: ["price", "qty"],
  groupBy: "symbol",
};
// Flat columns for the vector kernels.
const price = new Float64Array(N), qty = new Float64Array(N), sym = new Int32Array(N);
{
  let at = 0;
  for (const b of batches) {
    price.set((b.columns[2] as F64Column).data, at);
    qty.set((b.columns[3] as F64Column).data, at);
    if (b.columns[1].layout === "dict") sym.set(b.columns[1].codes, at);
    at += b.length;
  }
}

function w5Naive(): bigint {
  let s = 0n;
  for (const b of batches) {
    const p = (b.columns[2] as F64Column).data, q = (b.columns[3] as F64Column).data;
    for (let i = 0; i < b.length; i++) s += BigInt(p[i]) * BigInt(q[i]);
  }
  return s;
}

function w3RowLoop(): Map<string, bigint> {
  const m = new Map<string, bigint>();
  for (const b of batches) {
    for (let i = 0; i < b.length; i++) {
      if ((b.value(i, 3) as number) <= 5000 || b.value(i, 5) !== "BUY") continue;
      const k = b.value(i, 1) as string;
      const p = (b.columns[2] as F64Column).data[i];
      m.set(k, (m.get(k) ?? 0n) + BigInt(p) * BigInt(b.value(i, 3) as number));
    }
  }
  return m;
}

// Answer checks, once, outside the timed part.
const w5 = runFusedCpu(batches, W5);
if (w5.sums[0] !== 25046490060591356n || w5Naive() !== 25046490060591356n) throw new Error("W5 answer check failed");
const w3 = runFusedCpu(batches, W3), w3ref = w3RowLoop();
w3.keys!.forEach((k, g) => {
  if ((w3ref.get(k) ?? 0n) !== w3.sums[g]) throw new Error(`W3 answer check failed for ${k}`);
});
const notional = arithI64("mul", price, qty);
if (aggregateI64(notional).sum !== 25046490060591356n) throw new Error("arith/aggregate answer check failed");

Deno.bench({ group: "W5 SUM(price*qty) 1M", name: "bigint per row (naive)", baseline: true, fn: () => void w5Naive() });
Deno.bench({ group: "W5 SUM(price*qty) 1M", name: "runFusedCpu", fn: () => void runFusedCpu(batches, W5) });
Deno.bench({
  group: "W3 filter+group 1M",
  name: "row values + bigint (naive)",
  baseline: true,
  fn: () => void w3RowLoop(),
});
Deno.bench({ group: "W3 filter+group 1M", name: "runFusedCpu", fn: () => void runFusedCpu(batches, W3) });
Deno.bench({
  group: "i64 mul 1M",
  name: "bigint per element (naive)",
  baseline: true,
  fn: () => {
    const out = new BigInt64Array(N);
    for (let i = 0; i < N; i++) out[i] = BigInt.asIntN(64, BigInt(price[i]) * BigInt(qty[i]));
  },
});
Deno.bench({ group: "i64 mul 1M", name: "arithI64 (checked)", fn: () => void arithI64("mul", price, qty) });
Deno.bench({
  group: "sum 1M",
  name: "bigint reduce (naive)",
  baseline: true,
  fn: () => {
    let s = 0n;
    for (let i = 0; i < N; i++) s += BigInt(notional[i]);
  },
});
Deno.bench({ group: "sum 1M", name: "aggregateI64 (sum/min/max/count)", fn: () => void aggregateI64(notional) });
const mask = compareI64("gt", qty, 5000);
Deno.bench({
  group: "filter 1M",
  name: "row loop push (naive)",
  baseline: true,
  fn: () => {
    const out: number[] = [];
    for (let i = 0; i < N; i++) if (qty[i] > 5000) out.push(i);
  },
});
Deno.bench({
  group: "filter 1M",
  name: "compareI64 + compact",
  fn: () => void compact(compareI64("gt", qty, 5000), N),
});
Deno.bench({
  group: "grouped sum 1M",
  name: "Map<code, bigint> (naive)",
  baseline: true,
  fn: () => {
    const m = new Map<number, bigint>();
    for (let i = 0; i < N; i++) m.set(sym[i], (m.get(sym[i]) ?? 0n) + BigInt(notional[i]));
  },
});
Deno.bench({ group: "grouped sum 1M", name: "groupedSum", fn: () => void groupedSum(sym, notional, 500, mask) });
