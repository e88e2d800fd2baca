/**
 * Host side of compare -> bitmask; identical to compareI64 / compareI32 of core/kernels/compare.ts.
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
} from "../kernel_io.ts";
import { COMPARE_I32_WGSL, COMPARE_I64_WGSL } from "./compare.wgsl.ts";
import { type CompareOp, maskWords } from "../../core/kernels/compare.ts";
import { type I64Array, toLanes } from "../../core/kernels/int64_lanes.ts";
import { strideGroups } from "./arith.ts";

/** Operator codes shared with the WGSL. */
export const COMPARE_CODE: Readonly<Record<CompareOp, number>> = { lt: 0, le: 1, eq: 2, ne: 3, gt: 4, ge: 5 };

async function run(
  ctx: GpuContext,
  kind: "i64" | "i32",
  op: CompareOp,
  a: Uint32Array | Int32Array,
  n: number,
  b: Uint32Array | Int32Array | null,
  k: Uint32Array,
): Promise<Uint32Array> {
  return await guarded(ctx, `compare ${kind} ${op}`, async () => {
    const pipeline = await getPipeline(ctx.device, {
      key: `compare_${kind}:${b === null ? "scalar" : "vector"}:wg256`,
      code: kind === "i64" ? COMPARE_I64_WGSL : COMPARE_I32_WGSL,
      entryPoint: "main",
      bindings: ["read", "read", "rw", "uniform"],
      constants: { B_VEC: b === null ? 0 : 1 },
    });
    const words = maskWords(n);
    const groups = strideGroups(words);
    const bufs = [
      upload(ctx, a, "sluice compare a"),
      upload(ctx, b ?? new Uint32Array(4), "sluice compare b"),
      ctx.pool.acquire(Math.max(words * 4, 16), STORAGE_USAGE, "sluice compare mask"),
      uniform(ctx, Uint32Array.of(n, words, groups * 256, COMPARE_CODE[op], k[0], k[1], 0, 0), "sluice compare params"),
    ];
    const enc = ctx.device.createCommandEncoder({ label: "sluice compare" });
    encodePass(enc, pipeline, bindAll(ctx, pipeline, bufs, "sluice compare bind"), groups, "sluice compare pass");
    const rb = encodeReadback(ctx, enc, bufs[2], words * 4, "sluice compare readback");
    ctx.device.queue.submit([enc.finish()]);
    const out = await finishReadback(ctx, rb);
    for (const x of bufs) ctx.pool.release(x);
    return out;
  });
}

/**
 * GPU twin of compareI64.
 *
 * @param ctx the context
 * @param op the comparison
 * @param a left values
 * @param b a scalar (safe-integer number or bigint in i64) or a vector of the same length
 * @returns the bitmask
 */
export function compareI64Gpu(
  ctx: GpuContext,
  op: CompareOp,
  a: I64Array,
  b: number | bigint | I64Array,
): Promise<Uint32Array> {
  if (typeof b === "number" && !Number.isSafeInteger(b)) {
    throw new RangeError(`Expected an exact integer to compare with, got ${b}`);
  }
  if (typeof b !== "number" && typeof b !== "bigint" && b.length !== a.length) {
    throw new RangeError(`Operand lengths differ: ${a.length} and ${b.length}`);
  }
  const scalar = typeof b === "number" || typeof b === "bigint";
  const k = scalar ? toLanes(BigInt64Array.of(BigInt(b))) : new Uint32Array(2);
  return run(ctx, "i64", op, toLanes(a), a.length, scalar ? null : toLanes(b), k);
}

/**
 * GPU twin of compareI32.
 *
 * @param ctx the context
 * @param op the comparison
 * @param a left values
 * @param b an i32 scalar or a vector of the same length
 * @returns the bitmask
 */
export function compareI32Gpu(
  ctx: GpuContext,
  op: CompareOp,
  a: Int32Array,
  b: number | Int32Array,
): Promise<Uint32Array> {
  if (typeof b !== "number" && b.length !== a.length) {
    throw new RangeError(`Operand lengths differ: ${a.length} and ${b.length}`);
  }
  const k = Uint32Array.of(typeof b === "number" ? b >>> 0 : 0, 0);
  return run(ctx, "i32", op, a, a.length, typeof b === "number" ? null : b, k);
}
