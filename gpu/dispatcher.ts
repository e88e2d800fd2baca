/**
 * The one place that decides CPU or GPU per operation, runs it, and falls back to the CPU twin when the GPU
 * fails. Results say which path ran and why.
 *
 * Rules, in order: mode "off" (option or SLUICE_GPU) -> CPU; no context or a lost device -> CPU; a software
 * (fallback) adapter -> CPU unless mode is "force"; work below the break-even size -> CPU unless "force";
 * otherwise GPU. Any GPU failure (validation, device loss, out of memory, unsupported shape) reruns the
 * operation on the CPU twin; an OverflowError is the query's answer on both paths and is rethrown.
 *
 * @module
 */

import { OverflowError } from "../core/errors.ts";
import { type GpuContext, type GpuMode, gpuModeFromEnv } from "./device.ts";

/** Where an operation ran. */
export type ComputePath = "cpu" | "gpu";

/**
 * Break-even work sizes (rows, or rows x queries for resident tables) below which the CPU twin is used in mode
 * "auto". Derived from the H100 figures of DESIGN.md section 7 (every readback costs ~11 ms in Deno; the CPU
 * twins run the fused W3 shape at ~60-100 M rows/s on one core): one round trip pays off from about 1 M rows;
 * a resident table's batched queries need no upload, so the same ~11 ms is amortised over rows x queries.
 */
export const BREAK_EVEN = {
  /** Operations that upload their inputs and read back per call. */
  transient: 1_000_000,
  /** Queries on a resident table (rows x queries per submit). */
  resident: 1_000_000,
} as const;

/** Options of decide and dispatch. */
export interface DispatchOptions {
  /** off, auto or force (default: SLUICE_GPU, else auto). */
  mode?: GpuMode;
  /** Work size from which the GPU is used in mode auto (default BREAK_EVEN.transient or .resident). */
  minWork?: number;
  /** Whether the data is GPU-resident (default false). */
  resident?: boolean;
}

/** A decision. */
export interface Decision {
  /** The path. */
  readonly path: ComputePath;
  /** Why. */
  readonly reason: string;
}

/** A value and the path that computed it. */
export interface Dispatched<T> {
  /** The result. */
  readonly value: T;
  /** The path that produced it. */
  readonly path: ComputePath;
  /** Why this path (and, after a fallback, the GPU error). */
  readonly reason: string;
}

/**
 * Decides CPU or GPU for an operation of `work` rows.
 *
 * @param work rows (or rows x queries)
 * @param ctx the GPU context, or null when there is none
 * @param options mode, threshold, residency
 * @returns the decision
 * @example
 * ```ts
 * import { decide } from "./dispatcher.ts";
 * if (decide(10, null, { mode: "auto" }).path !== "cpu") throw new Error();
 * ```
 */
export function decide(work: number, ctx: GpuContext | null, options: DispatchOptions = {}): Decision {
  const mode = options.mode ?? gpuModeFromEnv();
  if (mode === "off") return { path: "cpu", reason: "GPU disabled (mode off)" };
  if (ctx === null) return { path: "cpu", reason: "no GPU device" };
  if (ctx.lost) return { path: "cpu", reason: `GPU device lost (${ctx.lostReason})` };
  if (mode === "force") return { path: "gpu", reason: "GPU forced" };
  if (ctx.fallback) return { path: "cpu", reason: `software adapter (${ctx.description}); set mode force to use it` };
  const min = options.minWork ?? (options.resident ? BREAK_EVEN.resident : BREAK_EVEN.transient);
  if (work < min) return { path: "cpu", reason: `below break-even (${work} < ${min})` };
  return { path: "gpu", reason: `at or above break-even (${work} >= ${min})` };
}

/**
 * Runs an operation on the path `decide` picks; a GPU failure reruns it on the CPU twin.
 *
 * @param what the operation (for reasons)
 * @param work rows (or rows x queries)
 * @param ctx the GPU context or null
 * @param gpu the GPU implementation
 * @param cpu the CPU twin
 * @param options mode, threshold, residency
 * @returns the value, the path and the reason
 * @throws {OverflowError} from either path (an answer, not a failure)
 * @example
 * ```ts
 * import { dispatch } from "./dispatcher.ts";
 * const r = await dispatch("sum", 3, null, () => Promise.resolve(1), () => 1);
 * if (r.path !== "cpu" || r.value !== 1) throw new Error();
 * ```
 */
export async function dispatch<T>(
  what: string,
  work: number,
  ctx: GpuContext | null,
  gpu: (ctx: GpuContext) => Promise<T>,
  cpu: () => T,
  options: DispatchOptions = {},
): Promise<Dispatched<T>> {
  const d = decide(work, ctx, options);
  if (d.path === "cpu" || ctx === null) return { value: cpu(), path: "cpu", reason: d.reason };
  try {
    return { value: await gpu(ctx), path: "gpu", reason: d.reason };
  } catch (e) {
    if (e instanceof OverflowError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    return { value: cpu(), path: "cpu", reason: `GPU failed (${what}: ${msg}); ran the CPU twin` };
  }
}
