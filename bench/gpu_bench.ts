/**
 * GPU kernels against their CPU twins in the same run: W3/W5 on a resident table (one query per submit, and 50
 * queries per submit), and each kernel with upload + readback. Before the timed benches it prints a summary
 * with kernel time from timestamp queries (where the adapter offers them), rows/s, effective GB/s and
 * queries/s.
 *
 * Here (no GPU): `SLUICE_GPU=force deno bench -A bench/gpu_bench.ts` runs it on Mesa's llvmpipe (forced).
 * On an H100: `bash .gpu-carry/enter.sh deno bench -A bench/gpu_bench.ts`, optionally with
 * `SLUICE_GPU_BENCH_ROWS=1000000,16000000` (default 1000000).
 */

import { tradeBatches } from "../core/gen/trades.ts";
import { type FusedQuery, type FusedResult, runFusedCpu } from "../core/kernels/fused_query.ts";
import { aggregateI64 } from "../core/kernels/aggregate.ts";
import { arithI64 } from "../core/kernels/arith.ts";
import { compareI64 } from "../core/kernels/compare.ts";
import { compact } from "../core/kernels/compact.ts";
import { groupedSum } from "../core/kernels/grouped_sum.ts";
import type { F64Column } from "../core/batch/column.ts";
import type { RecordBatch } from "../core/batch/record_batch.ts";
import { openGpu } from "../gpu/device.ts";
import { ResidentTable } from "../gpu/resident_table.ts";
import { aggregateI64Gpu } from "../gpu/kernels/aggregate.ts";
import { arithI64Gpu } from "../gpu/kernels/arith.ts";
import { compareI64Gpu } from "../gpu/kernels/compare.ts";
import { compactGpu } from "../gpu/kernels/compact.ts";
import { groupedSumGpu } from "../gpu/kernels/grouped_sum.ts";

const W5: FusedQuery = { sum: ["price", "qty"] };
const W3: FusedQuery = {
  where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
  sum: ["price", "qty"],
  groupBy: "symbol",
};
/** 50 W3-like queries with different thresholds (one pipeline: constants live in the uniform). */
const MANY: FusedQuery[] = Array.from({ length: 50 }, (_, i) => ({
  where: [{ column: "qty", op: "gt", value: 100 * i }, { column: "side", op: "eq", value: i % 2 ? "SELL" : "BUY" }],
  sum: ["price", "qty"],
  groupBy: "symbol",
}));

const rowsList = (Deno.env.get("SLUICE_GPU_BENCH_ROWS") ?? "1000000").split(",").map(Number);
const ctx = await openGpu({ allowFallback: true, label: "sluice bench" });

function same(a: FusedResult, b: FusedResult): boolean {
  return a.counts.every((c, i) => c === b.counts[i]) && a.sums.every((s, i) => s === b.sums[i]);
}
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

if (ctx === null) {
  console.log("gpu_bench: no WebGPU adapter; nothing to compare");
} else {
  const card = `${ctx.description}${ctx.fallback ? " (software fallback adapter, forced)" : ""}`;
  console.log(`gpu_bench on ${card}; timestamp queries: ${ctx.timestamps ? "yes" : "no"}`);
  for (const n of rowsList) {
    const batches: RecordBatch[] = [...tradeBatches({ rows: n })];
    let t0 = performance.now();
    const table = await ResidentTable.fromBatches(ctx, batches, { columns: ["symbol", "price", "qty", "side"] });
    await ctx.device.queue.onSubmittedWorkDone();
    const uploadMs = performance.now() - t0;
    console.log(`${n} rows: upload ${(table.byteSize / 2 ** 20).toFixed(0)} MiB in ${uploadMs.toFixed(1)} ms`);
    // Answer checks, once, outside the timed part.
    const [g3, g5] = (await table.run([W3, W5])).results;
    const c3 = runFusedCpu(batches, W3), c5 = runFusedCpu(batches, W5);
    if (!same(g3, c3) || !same(g5, c5)) throw new Error("GPU and CPU twin disagree on W3/W5");
    if (n === 1_000_000 && g5.sums[0] !== 25046490060591356n) throw new Error("W5 answer check failed");
    for (const [name, q, bytesPerRow] of [["W3", W3, 24], ["W5", W5, 16]] as const) {
      const wall: number[] = [], kern: number[] = [];
      for (let i = 0; i < 5; i++) {
        t0 = performance.now();
        const r = await table.run([q]);
        wall.push(performance.now() - t0);
        if (r.kernelNs !== null) kern.push(r.kernelNs / 1e6);
      }
      const k = kern.length > 0 ? median(kern) : null;
      const kText = k === null
        ? "kernel time n/a"
        : `kernel ${k.toFixed(3)} ms (${(n / k / 1e3).toFixed(0)} M rows/s, ${
          (n * bytesPerRow / k / 1e6).toFixed(1)
        } GB/s)`;
      console.log(`  ${name} one query per submit: wall ${median(wall).toFixed(2)} ms, ${kText}`);
    }
    t0 = performance.now();
    const many = await table.run(MANY);
    const manyMs = performance.now() - t0;
    const kMany = many.kernelNs === null ? "" : `, kernel ${(many.kernelNs / 1e6).toFixed(2)} ms`;
    console.log(
      `  50 W3-like queries in one submit: wall ${manyMs.toFixed(1)} ms (${
        (50 / manyMs * 1e3).toFixed(0)
      } queries/s)${kMany}`,
    );
    // Break-even estimate for W3: GPU wall = a + b * rows (two table sizes), CPU twin = c * rows.
    {
      const small = batches.slice(0, Math.max(1, Math.floor(batches.length / 16)));
      const smallRows = small.reduce((s, b) => s + b.length, 0);
      const st = await ResidentTable.fromBatches(ctx, small, { columns: ["symbol", "price", "qty", "side"] });
      const gpuAt = async (t: ResidentTable): Promise<number> => {
        const xs: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t1 = performance.now();
          await t.run([W3]);
          xs.push(performance.now() - t1);
        }
        return median(xs);
      };
      const cpuXs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t1 = performance.now();
        runFusedCpu(batches, W3);
        cpuXs.push(performance.now() - t1);
      }
      const gSmall = await gpuAt(st), gBig = await gpuAt(table);
      st.destroy();
      const b = (gBig - gSmall) / (n - smallRows), a = Math.max(0, gSmall - b * smallRows), c = median(cpuXs) / n;
      const be = c > b
        ? `${Math.ceil(a / (c - b)).toLocaleString("en-US")} rows`
        : "never (the CPU twin is faster per row)";
      console.log(
        `  W3 break-even: GPU ${a.toFixed(2)} ms + ${(b * 1e6).toFixed(1)} ns/row, CPU twin ${
          (c * 1e6).toFixed(1)
        } ns/row -> ${be}`,
      );
    }
    const opts = { n: 5, warmup: 1 };
    Deno.bench({
      ...opts,
      group: `W3 resident ${n}`,
      name: "CPU twin",
      baseline: true,
      fn: () => void runFusedCpu(batches, W3),
    });
    Deno.bench({ ...opts, group: `W3 resident ${n}`, name: "GPU", fn: async () => void await table.run([W3]) });
    Deno.bench({
      ...opts,
      group: `W5 resident ${n}`,
      name: "CPU twin",
      baseline: true,
      fn: () => void runFusedCpu(batches, W5),
    });
    Deno.bench({ ...opts, group: `W5 resident ${n}`, name: "GPU", fn: async () => void await table.run([W5]) });
    Deno.bench({
      ...opts,
      n: 2,
      group: `50 W3-like queries ${n}`,
      name: "CPU twin",
      baseline: true,
      fn: () => void MANY.map((q) => runFusedCpu(batches, q)),
    });
    Deno.bench({
      ...opts,
      n: 2,
      group: `50 W3-like queries ${n}`,
      name: "GPU one submit",
      fn: async () => void await table.run(MANY),
    });
  }

  // Per-kernel, transient (upload + kernel + readback per call), 1M rows of trade data.
  const N = 1_000_000;
  const price = new Float64Array(N), qty = new Float64Array(N), sym = new Int32Array(N);
  let at = 0;
  for (const b of tradeBatches({ rows: N })) {
    price.set((b.columns[2] as F64Column).data, at);
    qty.set((b.columns[3] as F64Column).data, at);
    if (b.columns[1].layout === "dict") sym.set(b.columns[1].codes, at);
    at += b.length;
  }
  const notional = arithI64("mul", price, qty);
  const mask = compareI64("gt", qty, 5000);
  if (String(await arithI64Gpu(ctx, "mul", price, qty)) !== String(notional)) throw new Error("mul parity");
  if ((await aggregateI64Gpu(ctx, notional)).sum !== aggregateI64(notional).sum) throw new Error("sum parity");
  const opts = { n: 5, warmup: 1 };
  const kernels: [string, () => unknown, () => Promise<unknown>][] = [
    ["i64 mul (checked)", () => arithI64("mul", price, qty), () => arithI64Gpu(ctx, "mul", price, qty)],
    ["compare qty > 5000", () => compareI64("gt", qty, 5000), () => compareI64Gpu(ctx, "gt", qty, 5000)],
    ["compact", () => compact(mask, N), () => compactGpu(ctx, mask, N)],
    ["sum/min/max/count", () => aggregateI64(notional), () => aggregateI64Gpu(ctx, notional)],
    ["grouped sum 500", () => groupedSum(sym, notional, 500, mask), () => groupedSumGpu(ctx, sym, notional, 500, mask)],
  ];
  for (const [name, cpu, gpu] of kernels) {
    Deno.bench({ ...opts, group: `${name} 1M transient`, name: "CPU twin", baseline: true, fn: () => void cpu() });
    Deno.bench({
      ...opts,
      group: `${name} 1M transient`,
      name: "GPU (upload+readback)",
      fn: async () => void await gpu(),
    });
  }
}
