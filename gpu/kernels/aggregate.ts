/**
 * Host side of sum/min/max/count; identical to aggregateI64 of core/kernels/aggregate.ts. Workgroup partials
 * (i128 sums) are read back and finished on the host in bigint.
 *
 * @module
 */

import type { GpuContext } from "../device.ts";
import { getPipeline } from "../pipeline_cache.ts";
import {
  bindAll,
  encodePass,
  encodeReadback,
  finishReadback,
  guarded,
  STORAGE_USAGE,
  uniform,
  upload,
  wordsToI128,
  wordsToI64,
} from "../kernel_io.ts";
import { AGG_PARTIAL_WORDS, AGGREGATE_WGSL } from "./aggregate.wgsl.ts";
import type { I64Aggregate } from "../../core/kernels/aggregate.ts";
import { type I64Array, toLanes } from "../../core/kernels/int64_lanes.ts";
import { normalizeInt64 } from "../../core/values/int64.ts";

/**
 * Rows per workgroup for n rows: 4096, or more so that there are at most 65535 workgroups.
 *
 * @param n rows
 * @returns rows per workgroup (a multiple of 256)
 */
export function rowsPerWorkgroup(n: number): number {
  return Math.max(4096, Math.ceil(n / 65535 / 256) * 256);
}

/**
 * GPU twin of aggregateI64.
 *
 * @param ctx the context
 * @param data the values
 * @param mask a bitmask, or null for all rows
 * @returns count, exact sum, min and max
 */
export async function aggregateI64Gpu(
  ctx: GpuContext,
  data: I64Array,
  mask: Uint32Array | null = null,
): Promise<I64Aggregate> {
  const n = data.length;
  const lanes = toLanes(data);
  return await guarded(ctx, "aggregate", async () => {
    const pipeline = await getPipeline(ctx.device, {
      key: `aggregate_i64:${mask === null ? "all" : "masked"}:wg256`,
      code: AGGREGATE_WGSL,
      entryPoint: "main",
      bindings: ["read", "read", "rw", "uniform"],
      constants: { HAS_MASK: mask === null ? 0 : 1 },
    });
    const rpw = rowsPerWorkgroup(n);
    const numWg = Math.max(1, Math.ceil(n / rpw));
    const bytes = numWg * AGG_PARTIAL_WORDS * 4;
    const bufs = [
      upload(ctx, lanes, "sluice aggregate data"),
      upload(ctx, mask ?? new Uint32Array(4), "sluice aggregate mask"),
      ctx.pool.acquire(bytes, STORAGE_USAGE, "sluice aggregate partials"),
      uniform(ctx, Uint32Array.of(n, rpw, 0, 0), "sluice aggregate params"),
    ];
    const enc = ctx.device.createCommandEncoder({ label: "sluice aggregate" });
    encodePass(enc, pipeline, bindAll(ctx, pipeline, bufs, "sluice aggregate bind"), numWg, "sluice aggregate pass");
    const rb = encodeReadback(ctx, enc, bufs[2], bytes, "sluice aggregate readback");
    ctx.device.queue.submit([enc.finish()]);
    const w = await finishReadback(ctx, rb);
    for (const x of bufs) ctx.pool.release(x);
    let count = 0, sum = 0n, min: bigint | null = null, max: bigint | null = null;
    for (let g = 0; g < numWg; g++) {
      const at = g * AGG_PARTIAL_WORDS;
      const c = w[at + 8];
      if (c === 0) continue;
      count += c;
      sum += wordsToI128(w, at);
      const mn = wordsToI64(w, at + 4), mx = wordsToI64(w, at + 6);
      if (min === null || mn < min) min = mn;
      if (max === null || mx > max) max = mx;
    }
    return count === 0
      ? { count, sum: 0n, min: null, max: null }
      : { count, sum, min: normalizeInt64(min!), max: normalizeInt64(max!) };
  });
}
