/**
 * The table layer's fused W3/W5 path: `fusedQuery` over a KeyedTable's live rows against `runFusedCpu` over the
 * source batches, and `ResidentKeyedTable` (kept on the GPU, re-uploaded only when the table changed) against the
 * CPU twin. Answers are checked once outside the timed parts.
 *
 * Run: `deno bench -A bench/table_fused_bench.ts` (the GPU groups need an adapter; on a software adapter they run
 * forced, which the dispatcher never does by itself).
 *
 * @module
 */

import { TRADE_SCHEMA, tradeBatches } from "../core/gen/trades.ts";
import { type FusedQuery, type FusedResult, runFusedCpu } from "../core/kernels/fused_query.ts";
import { KeyedTable } from "../core/table/keyed_table.ts";
import { fusedQuery } from "../core/table/table_fused.ts";
import { openGpu } from "../gpu/device.ts";
import { ResidentKeyedTable } from "../gpu/resident_keyed_table.ts";

const W3: FusedQuery = {
  where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
  sum: ["price", "qty"],
  groupBy: "symbol",
};
const W5: FusedQuery = { sum: ["price", "qty"] };

function same(a: FusedResult, b: FusedResult): boolean {
  return a.counts.length === b.counts.length && a.counts.every((c, i) => c === b.counts[i]) &&
    a.sums.every((s, i) => s === b.sums[i]);
}

// --- CPU: 1 M trade rows ---
const N = 1_000_000;
const batches = [...tradeBatches({ rows: N })];
const dense = new KeyedTable(TRADE_SCHEMA, { key: "id" });
dense.loadSync(batches);
const holed = new KeyedTable(TRADE_SCHEMA, { key: "id" });
holed.loadSync(batches);
for (let id = 0; id < N; id += 10) holed.delete(id); // 10% of the rows deleted: free slots the query must skip
if (!same(fusedQuery(dense, W3), runFusedCpu(batches, W3))) throw new Error("fusedQuery(dense) != runFusedCpu");
if (fusedQuery(holed, W5).counts[0] !== N - N / 10) throw new Error("deleted rows counted");

Deno.bench({ group: "W3 1M rows, CPU", name: "runFusedCpu over the source batches", baseline: true }, () => {
  runFusedCpu(batches, W3);
});
Deno.bench({ group: "W3 1M rows, CPU", name: "fusedQuery over a KeyedTable" }, () => {
  fusedQuery(dense, W3);
});
Deno.bench({ group: "W3 1M rows, CPU", name: "fusedQuery, 10% of rows deleted" }, () => {
  fusedQuery(holed, W3);
});

// --- GPU: 200 k rows resident, W3 + W5 per call ---
const ctx = await openGpu({ allowFallback: true, label: "sluice table_fused bench" });
if (ctx === null) {
  console.log("table_fused_bench: no WebGPU adapter; GPU groups skipped");
} else {
  const small = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  small.loadSync(tradeBatches({ rows: 200_000 }));
  const resident = new ResidentKeyedTable(small, ctx);
  const first = await resident.query([W3, W5], { mode: "force" });
  if (first.path !== "gpu" || !same(first.value[0], fusedQuery(small, W3))) throw new Error("GPU != CPU");
  const label = `${ctx.description}${ctx.fallback ? ", software adapter forced" : ""}`;
  const group = `W3 + W5 on 200k rows (${label})`;
  Deno.bench({ group, name: "CPU fusedQuery x2", baseline: true }, () => {
    fusedQuery(small, W3);
    fusedQuery(small, W5);
  });
  Deno.bench({ group, name: "ResidentKeyedTable, already uploaded" }, async () => {
    await resident.query([W3, W5], { mode: "force" });
  });
  let flip = 0;
  Deno.bench({ group, name: "ResidentKeyedTable after a write (re-upload)" }, async () => {
    small.upsert([0, "SYM000", batches[0].value(0, 2), 1 + (flip++ % 2), 1700000000000, "BUY"]);
    await resident.query([W3, W5], { mode: "force" });
  });
}
