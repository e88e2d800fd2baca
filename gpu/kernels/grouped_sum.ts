/**
 * Grouped count and exact sum by dictionary code on the GPU; identical to groupedSum of
 * core/kernels/grouped_sum.ts. Runs the fused kernel with no predicate (masked-out rows go to an extra group
 * that is dropped).
 *
 * @module
 */

import type { GpuContext } from "../device.ts";
import { encodeReadback, finishReadback, guarded, STORAGE_USAGE, upload } from "../kernel_io.ts";
import { decodeFused, encodeFused, fusedResultBytes, planFused, type ResidentColumn } from "./fused_query.ts";
import type { GroupedSums } from "../../core/kernels/grouped_sum.ts";
import { type I64Array, toLanes } from "../../core/kernels/int64_lanes.ts";
import { GpuError } from "../gpu_error.ts";

/**
 * GPU twin of groupedSum.
 *
 * @param ctx the context
 * @param codes group code per row, 0..groups-1
 * @param values the values, or null to count only
 * @param groups the number of groups
 * @param mask a bitmask, or null for all rows
 * @returns counts and sums per group
 * @throws {RangeError} for a code outside 0..groups-1 or a length mismatch
 */
export async function groupedSumGpu(
  ctx: GpuContext,
  codes: Int32Array,
  values: I64Array | null,
  groups: number,
  mask: Uint32Array | null = null,
): Promise<GroupedSums> {
  const n = codes.length;
  if (values !== null && values.length !== n) {
    throw new RangeError(`Operand lengths differ: ${n} and ${values.length}`);
  }
  const coded = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = codes[i];
    const kept = mask === null || (mask[i >>> 5] & (1 << (i & 31))) !== 0;
    if (kept && !(g >= 0 && g < groups)) {
      throw new RangeError(`Group code ${g} at row ${i} is outside 0..${groups - 1}`);
    }
    coded[i] = kept ? g : groups;
  }
  const keys = Array.from({ length: groups + 1 }, (_, i) => String(i));
  return await guarded(ctx, "grouped sum", async () => {
    const cols: ResidentColumn[] = [
      {
        name: "g",
        kind: "dict",
        typeKind: "string",
        scale: 0,
        keys,
        validity: null,
        buffer: upload(ctx, coded, "sluice grouped codes"),
      },
    ];
    if (values !== null) {
      cols.push({
        name: "v",
        kind: "i64",
        typeKind: "integer",
        scale: 0,
        keys: null,
        validity: null,
        buffer: upload(ctx, toLanes(values), "sluice grouped values"),
      });
    }
    const plan = planFused(ctx, (name) => {
      const c = cols.find((x) => x.name === name);
      if (c === undefined) throw new GpuError(`grouped sum: no column ${name}`);
      return c;
    }, values === null ? { groupBy: "g" } : { groupBy: "g", sum: ["v"] });
    const bytes = fusedResultBytes(plan);
    const gather = ctx.pool.acquire(bytes, STORAGE_USAGE, "sluice grouped gather");
    const enc = ctx.device.createCommandEncoder({ label: "sluice grouped sum" });
    const e = await encodeFused(ctx, enc, n, plan, gather, 0);
    const rb = encodeReadback(ctx, enc, gather, bytes, "sluice grouped readback");
    ctx.device.queue.submit([enc.finish()]);
    const words = await finishReadback(ctx, rb);
    for (const b of [...e.buffers, gather, ...cols.map((c) => c.buffer)]) ctx.pool.release(b);
    const r = decodeFused(e, words);
    if ("overflowRow" in r) throw new GpuError("grouped sum: unexpected overflow report");
    return { counts: r.counts.slice(0, groups), sums: r.sums.slice(0, groups) as bigint[] };
  });
}
