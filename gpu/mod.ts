/**
 * Sluice's WebGPU compute backend: exact kernels whose CPU twins (in core/kernels) define the semantics, one
 * dispatcher that picks CPU or GPU per operation and falls back to the CPU on any GPU failure, and GPU-resident
 * tables that run many fused queries per submit. Importing this module does not touch WebGPU; `openGpu` does.
 *
 * ```ts ignore
 * import { openGpu, runFused } from "./mod.ts";
 * import { tradeBatches } from "../mod.ts";
 * const ctx = await openGpu(); // null without a (hardware, or forced) adapter
 * const r = await runFused(ctx, [...tradeBatches({ rows: 1000 })], [{ sum: ["price", "qty"] }]);
 * console.log(r.path, r.value[0].sums[0]);
 * ctx?.destroy();
 * ```
 *
 * @module
 */

export * from "./device.ts";
export * from "./gpu_error.ts";
export * from "./buffer_pool.ts";
export * from "./pipeline_cache.ts";
export * from "./dispatcher.ts";
export * from "./resident_table.ts";
export * from "./resident_keyed_table.ts";
export * from "./run_fused.ts";
export * from "./ops.ts";
export { arithF32Gpu, arithI32Gpu, arithI64Gpu, arithScaledGpu } from "./kernels/arith.ts";
export { compareI32Gpu, compareI64Gpu } from "./kernels/compare.ts";
export { compactGpu } from "./kernels/compact.ts";
export { aggregateI64Gpu } from "./kernels/aggregate.ts";
export { groupedSumGpu } from "./kernels/grouped_sum.ts";
export type { ResidentColumn } from "./kernels/fused_query.ts";
export type { FusedColumnKind } from "./kernels/fused_query.wgsl.ts";

/**
 * Whether this runtime exposes `navigator.gpu` at all (an adapter may still be missing).
 *
 * @returns true when WebGPU is present
 * @example
 * ```ts
 * import { gpuAvailable } from "./mod.ts";
 * console.log(typeof gpuAvailable());
 * ```
 */
export function gpuAvailable(): boolean {
  return typeof navigator !== "undefined" && "gpu" in navigator && navigator.gpu !== undefined;
}
