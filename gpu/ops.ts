/**
 * Dispatched kernels: each runs on the path `decide` picks (CPU twin or GPU) and says which one ran; a GPU
 * failure reruns the CPU twin. Work size is the row count (transient: inputs are uploaded per call).
 *
 * @module
 */

import { arithI64, type ArithI64Options, type ArithOp } from "../core/kernels/arith.ts";
import { compareI64, type CompareOp } from "../core/kernels/compare.ts";
import { compact } from "../core/kernels/compact.ts";
import { aggregateI64, type I64Aggregate } from "../core/kernels/aggregate.ts";
import { groupedSum, type GroupedSums } from "../core/kernels/grouped_sum.ts";
import type { I64Array } from "../core/kernels/int64_lanes.ts";
import type { GpuContext } from "./device.ts";
import { dispatch, type Dispatched, type DispatchOptions } from "./dispatcher.ts";
import { arithI64Gpu } from "./kernels/arith.ts";
import { compareI64Gpu } from "./kernels/compare.ts";
import { compactGpu } from "./kernels/compact.ts";
import { aggregateI64Gpu } from "./kernels/aggregate.ts";
import { groupedSumGpu } from "./kernels/grouped_sum.ts";

/**
 * Exact i64 elementwise arithmetic, dispatched.
 *
 * @param ctx the GPU context or null
 * @param op add, sub or mul
 * @param a left operands
 * @param b right operands
 * @param options factors and dispatch options
 * @returns the results and the path
 * @throws {OverflowError} as the CPU twin
 * @example
 * ```ts
 * import { arithI64Op } from "./ops.ts";
 * const r = await arithI64Op(null, "add", new Float64Array([1]), new Float64Array([2]));
 * if (r.path !== "cpu" || r.value[0] !== 3) throw new Error();
 * ```
 */
export function arithI64Op(
  ctx: GpuContext | null,
  op: ArithOp,
  a: I64Array,
  b: I64Array,
  options: ArithI64Options & DispatchOptions = {},
): Promise<Dispatched<I64Array>> {
  return dispatch(
    `arith ${op}`,
    a.length,
    ctx,
    (c) => arithI64Gpu(c, op, a, b, options),
    () => arithI64(op, a, b, options),
    options,
  );
}

/**
 * Compare -> bitmask, dispatched.
 *
 * @param ctx the GPU context or null
 * @param op the comparison
 * @param a left values
 * @param b a scalar or a vector
 * @param options dispatch options
 * @returns the bitmask and the path
 * @example
 * ```ts
 * import { compareI64Op } from "./ops.ts";
 * const r = await compareI64Op(null, "gt", new Float64Array([1, 5]), 2);
 * if (r.value[0] !== 2) throw new Error();
 * ```
 */
export function compareI64Op(
  ctx: GpuContext | null,
  op: CompareOp,
  a: I64Array,
  b: number | bigint | I64Array,
  options: DispatchOptions = {},
): Promise<Dispatched<Uint32Array>> {
  return dispatch(
    `compare ${op}`,
    a.length,
    ctx,
    (c) => compareI64Gpu(c, op, a, b),
    () => compareI64(op, a, b),
    options,
  );
}

/**
 * Filter/compaction, dispatched.
 *
 * @param ctx the GPU context or null
 * @param mask the bitmask
 * @param rows rows covered
 * @param options dispatch options
 * @returns the selection vector and the path
 * @example
 * ```ts
 * import { compactOp } from "./ops.ts";
 * const r = await compactOp(null, new Uint32Array([5]), 3);
 * if (r.value.join() !== "0,2") throw new Error();
 * ```
 */
export function compactOp(
  ctx: GpuContext | null,
  mask: Uint32Array,
  rows: number,
  options: DispatchOptions = {},
): Promise<Dispatched<Int32Array>> {
  return dispatch("compact", rows, ctx, (c) => compactGpu(c, mask, rows), () => compact(mask, rows), options);
}

/**
 * sum/min/max/count, dispatched.
 *
 * @param ctx the GPU context or null
 * @param data the values
 * @param mask a bitmask or null
 * @param options dispatch options
 * @returns the aggregate and the path
 * @example
 * ```ts
 * import { aggregateI64Op } from "./ops.ts";
 * const r = await aggregateI64Op(null, new Float64Array([2, 3]), null);
 * if (r.value.sum !== 5n) throw new Error();
 * ```
 */
export function aggregateI64Op(
  ctx: GpuContext | null,
  data: I64Array,
  mask: Uint32Array | null,
  options: DispatchOptions = {},
): Promise<Dispatched<I64Aggregate>> {
  return dispatch(
    "aggregate",
    data.length,
    ctx,
    (c) => aggregateI64Gpu(c, data, mask),
    () => aggregateI64(data, mask),
    options,
  );
}

/**
 * Grouped count and exact sum by code, dispatched.
 *
 * @param ctx the GPU context or null
 * @param codes group code per row
 * @param values the values or null
 * @param groups number of groups
 * @param mask a bitmask or null
 * @param options dispatch options
 * @returns counts and sums and the path
 * @example
 * ```ts
 * import { groupedSumOp } from "./ops.ts";
 * const r = await groupedSumOp(null, new Int32Array([0, 1, 1]), new Float64Array([1, 2, 3]), 2, null);
 * if (r.value.sums[1] !== 5n) throw new Error();
 * ```
 */
export function groupedSumOp(
  ctx: GpuContext | null,
  codes: Int32Array,
  values: I64Array | null,
  groups: number,
  mask: Uint32Array | null,
  options: DispatchOptions = {},
): Promise<Dispatched<GroupedSums>> {
  return dispatch(
    "grouped sum",
    codes.length,
    ctx,
    (c) => groupedSumGpu(c, codes, values, groups, mask),
    () => groupedSum(codes, values, groups, mask),
    options,
  );
}
