/**
 * Host side of filter/compaction; identical to compact of core/kernels/compact.ts.
 *
 * @module
 */

import type { GpuContext } from "../device.ts";
import { getPipeline, type PipelineSpec } from "../pipeline_cache.ts";
import {
  bindAll,
  encodePass,
  encodeReadback,
  filled,
  finishReadback,
  guarded,
  STORAGE_USAGE,
  uniform,
  upload,
} from "../kernel_io.ts";
import { COMPACT_WGSL } from "./compact.wgsl.ts";

function spec(entryPoint: string): PipelineSpec {
  return { key: "compact:wg256", code: COMPACT_WGSL, entryPoint, bindings: ["read", "rw", "rw", "rw", "uniform"] };
}

/**
 * GPU twin of compact: the rows whose mask bit is set, ascending (two round trips: the count, then the rows).
 *
 * @param ctx the context
 * @param mask the bitmask
 * @param rows rows covered
 * @returns the selection vector
 */
export async function compactGpu(ctx: GpuContext, mask: Uint32Array, rows: number): Promise<Int32Array> {
  const words = Math.min(mask.length, (rows + 31) >>> 5);
  if (words === 0) return new Int32Array(0);
  return await guarded(ctx, "compact", async () => {
    const [count, scan, scatter] = await Promise.all(
      ["count", "scan", "scatter"].map((e) => getPipeline(ctx.device, spec(e))),
    );
    const numWg = Math.ceil(words / 256);
    const bufs = [
      upload(ctx, mask.subarray(0, words), "sluice compact mask"),
      filled(ctx, numWg, 0, "sluice compact counts"),
      ctx.pool.acquire(Math.max(rows * 4, 16), STORAGE_USAGE, "sluice compact rows"),
      filled(ctx, 4, 0, "sluice compact total"),
      uniform(ctx, Uint32Array.of(rows, words, numWg, 0), "sluice compact params"),
    ];
    const enc = ctx.device.createCommandEncoder({ label: "sluice compact" });
    encodePass(enc, count, bindAll(ctx, count, bufs, "sluice compact bind"), numWg, "sluice compact count");
    encodePass(enc, scan, bindAll(ctx, scan, bufs, "sluice compact bind"), 1, "sluice compact scan");
    encodePass(enc, scatter, bindAll(ctx, scatter, bufs, "sluice compact bind"), numWg, "sluice compact scatter");
    const rTotal = encodeReadback(ctx, enc, bufs[3], 4, "sluice compact total readback");
    ctx.device.queue.submit([enc.finish()]);
    const total = (await finishReadback(ctx, rTotal))[0];
    const enc2 = ctx.device.createCommandEncoder({ label: "sluice compact rows" });
    const rRows = encodeReadback(ctx, enc2, bufs[2], total * 4, "sluice compact rows readback");
    ctx.device.queue.submit([enc2.finish()]);
    const out = await finishReadback(ctx, rRows);
    for (const x of bufs) ctx.pool.release(x);
    return new Int32Array(out.buffer, 0, total);
  });
}
