/**
 * runFused: fused queries over RecordBatches on whichever path the dispatcher picks. On the GPU path the
 * columns are uploaded into a transient ResidentTable (keep a ResidentTable yourself to query many times).
 *
 * @module
 */

import type { RecordBatch } from "../core/batch/record_batch.ts";
import { type FusedQuery, type FusedResult, runFusedCpu } from "../core/kernels/fused_query.ts";
import type { GpuContext } from "./device.ts";
import { dispatch, type Dispatched, type DispatchOptions } from "./dispatcher.ts";
import { ResidentTable } from "./resident_table.ts";

/**
 * Runs fused queries over batches on the CPU twin or the GPU (one upload, one submit for all queries).
 *
 * @param ctx the GPU context, or null
 * @param batches the batches
 * @param queries the queries
 * @param options dispatch options
 * @returns the results and the path that ran
 * @throws {OverflowError} as the CPU twin
 * @example
 * ```ts
 * import { runFused } from "./run_fused.ts";
 * import { tradeBatches } from "../core/gen/trades.ts";
 * const r = await runFused(null, [...tradeBatches({ rows: 100 })], [{ sum: ["price", "qty"] }]);
 * if (r.path !== "cpu" || r.value[0].counts[0] !== 100) throw new Error();
 * ```
 */
export function runFused(
  ctx: GpuContext | null,
  batches: readonly RecordBatch[],
  queries: readonly FusedQuery[],
  options: DispatchOptions = {},
): Promise<Dispatched<FusedResult[]>> {
  const rows = batches.reduce((s, b) => s + b.length, 0);
  return dispatch(
    "fused queries",
    rows,
    ctx,
    async (c) => {
      const t = await ResidentTable.fromBatches(c, batches);
      try {
        return (await t.run(queries)).results;
      } finally {
        t.destroy();
      }
    },
    () => queries.map((q) => runFusedCpu(batches, q)),
    options,
  );
}
