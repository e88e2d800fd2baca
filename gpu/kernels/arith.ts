/**
 * Host side of the elementwise kernels: exact i64 / ScaledInteger / i32 arithmetic with overflow detection and
 * f32 arithmetic. Results and errors are identical to the CPU twins in core/kernels/arith.ts.
 *
 * @module
 */

import type { GpuContext } from "../device.ts";
import { getPipeline } from "../pipeline_cache.ts";
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
import { ARITH_F32_WGSL, ARITH_I64_WGSL } from "./arith.wgsl.ts";
import { type ArithI64Options, type ArithOp, arithOverflowError, type ScaledVector } from "../../core/kernels/arith.ts";
import { fromLanes, i32ToLanes, type I64Array, laneAt, toLanes } from "../../core/kernels/int64_lanes.ts";
import { MAX_SCALE } from "../../core/types/data_type.ts";

const OP_CODE = { add: 0, sub: 1, mul: 2 } as const;
/** Workgroup size of the elementwise kernels. */
const WG = 256;

/**
 * Workgroups for a grid-stride kernel over n items (at most 4096 workgroups).
 *
 * @param n items
 * @returns workgroups
 */
export function strideGroups(n: number): number {
  return Math.max(1, Math.min(Math.ceil(n / WG), 4096));
}

function checkLengths(a: { length: number }, b: { length: number }): void {
  if (a.length !== b.length) throw new RangeError(`Operand lengths differ: ${a.length} and ${b.length}`);
}

async function runLanes(
  ctx: GpuContext,
  op: ArithOp,
  la: Uint32Array,
  lb: Uint32Array,
  fa: bigint,
  fb: bigint,
  narrow: boolean,
): Promise<{ lanes: Uint32Array; firstOverflow: number }> {
  const n = la.length >>> 1;
  const scaled = fa !== 1n || fb !== 1n;
  const key = `arith_i64:${op}:${narrow ? "i32" : "i64"}:${scaled ? "scaled" : "plain"}:wg${WG}`;
  return await guarded(ctx, `arith ${op}`, async () => {
    const pipeline = await getPipeline(ctx.device, {
      key,
      code: ARITH_I64_WGSL,
      entryPoint: "main",
      bindings: ["read", "read", "rw", "rw", "uniform"],
      constants: { OP: OP_CODE[op], NARROW: narrow ? 1 : 0, SCALED: scaled ? 1 : 0 },
    });
    const groups = strideGroups(n);
    const params = new Uint32Array(8);
    params[0] = n;
    params[1] = groups * WG;
    params.set(toLanes(BigInt64Array.of(fa, fb)), 4);
    const bufs = [
      upload(ctx, la, "sluice arith a"),
      upload(ctx, lb, "sluice arith b"),
      ctx.pool.acquire(
        Math.max(la.byteLength, 16),
        STORAGE_USAGE,
        "sluice arith out",
      ),
      filled(ctx, 4, 0xffffffff, "sluice arith first overflow"),
      uniform(ctx, params, "sluice arith params"),
    ];
    const enc = ctx.device.createCommandEncoder({ label: "sluice arith" });
    encodePass(enc, pipeline, bindAll(ctx, pipeline, bufs, "sluice arith bind"), groups, "sluice arith pass");
    const rOut = encodeReadback(ctx, enc, bufs[2], la.byteLength, "sluice arith readback");
    const rOvf = encodeReadback(ctx, enc, bufs[3], 4, "sluice arith overflow readback");
    ctx.device.queue.submit([enc.finish()]);
    const [lanes, ovf] = await Promise.all([finishReadback(ctx, rOut), finishReadback(ctx, rOvf)]);
    for (const b of bufs) ctx.pool.release(b);
    return { lanes, firstOverflow: ovf[0] === 0xffffffff ? -1 : ovf[0] };
  });
}

/**
 * GPU twin of arithI64.
 *
 * @param ctx the context
 * @param op add, sub or mul
 * @param a left operands
 * @param b right operands
 * @param options factors for scale alignment
 * @returns the results (Float64Array when all are safe integers, else BigInt64Array)
 * @throws {OverflowError} identical to the CPU twin's
 * @throws {GpuError} when the GPU fails
 */
export async function arithI64Gpu(
  ctx: GpuContext,
  op: ArithOp,
  a: I64Array,
  b: I64Array,
  options: ArithI64Options = {},
): Promise<I64Array> {
  checkLengths(a, b);
  const fa = options.aFactor ?? 1n, fb = options.bFactor ?? 1n;
  const la = toLanes(a), lb = toLanes(b);
  const r = await runLanes(ctx, op, la, lb, fa, fb, false);
  if (r.firstOverflow >= 0) {
    throw arithOverflowError(op, laneAt(la, r.firstOverflow), laneAt(lb, r.firstOverflow), r.firstOverflow, fa, fb);
  }
  return fromLanes(r.lanes);
}

/**
 * GPU twin of arithScaled.
 *
 * @param ctx the context
 * @param op add, sub or mul
 * @param a left vector
 * @param b right vector
 * @returns the result vector
 * @throws {OverflowError} identical to the CPU twin's
 * @throws {RangeError} when a product's scale would pass 18
 */
export async function arithScaledGpu(
  ctx: GpuContext,
  op: ArithOp,
  a: ScaledVector,
  b: ScaledVector,
): Promise<ScaledVector> {
  if (op === "mul") {
    const scale = a.scale + b.scale;
    if (scale > MAX_SCALE) {
      throw new RangeError(`Product scale ${a.scale} + ${b.scale} = ${scale} is past the largest scale ${MAX_SCALE}`);
    }
    return { data: await arithI64Gpu(ctx, "mul", a.data, b.data), scale };
  }
  const scale = Math.max(a.scale, b.scale);
  const aFactor = 10n ** BigInt(scale - a.scale), bFactor = 10n ** BigInt(scale - b.scale);
  return { data: await arithI64Gpu(ctx, op, a.data, b.data, { aFactor, bFactor }), scale };
}

/**
 * GPU twin of arithI32 (computed in i64 lanes, checked against the i32 range).
 *
 * @param ctx the context
 * @param op add, sub or mul
 * @param a left operands
 * @param b right operands
 * @returns the results
 * @throws {OverflowError} identical to the CPU twin's
 */
export async function arithI32Gpu(ctx: GpuContext, op: ArithOp, a: Int32Array, b: Int32Array): Promise<Int32Array> {
  checkLengths(a, b);
  const la = i32ToLanes(a), lb = i32ToLanes(b);
  const r = await runLanes(ctx, op, la, lb, 1n, 1n, true);
  if (r.firstOverflow >= 0) {
    const i = r.firstOverflow;
    throw arithOverflowError(op, BigInt(a[i]), BigInt(b[i]), i, 1n, 1n, "i32");
  }
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = r.lanes[2 * i];
  return out;
}

/**
 * GPU twin of arithF32.
 *
 * @param ctx the context
 * @param op add, sub or mul
 * @param a left operands
 * @param b right operands
 * @returns the results
 */
export async function arithF32Gpu(
  ctx: GpuContext,
  op: ArithOp,
  a: Float32Array,
  b: Float32Array,
): Promise<Float32Array> {
  checkLengths(a, b);
  return await guarded(ctx, `arith f32 ${op}`, async () => {
    const pipeline = await getPipeline(ctx.device, {
      key: `arith_f32:${op}:wg${WG}`,
      code: ARITH_F32_WGSL,
      entryPoint: "main",
      bindings: ["read", "read", "rw", "uniform"],
      constants: { OP: OP_CODE[op] },
    });
    const groups = strideGroups(a.length);
    const bufs = [
      upload(ctx, a, "sluice f32 a"),
      upload(ctx, b, "sluice f32 b"),
      ctx.pool.acquire(
        Math.max(a.byteLength, 16),
        STORAGE_USAGE,
        "sluice f32 out",
      ),
      uniform(ctx, Uint32Array.of(a.length, groups * WG, 0, 0), "sluice f32 params"),
    ];
    const enc = ctx.device.createCommandEncoder({ label: "sluice f32 arith" });
    encodePass(enc, pipeline, bindAll(ctx, pipeline, bufs, "sluice f32 bind"), groups, "sluice f32 pass");
    const rb = encodeReadback(ctx, enc, bufs[2], a.byteLength, "sluice f32 readback");
    ctx.device.queue.submit([enc.finish()]);
    const words = await finishReadback(ctx, rb);
    for (const x of bufs) ctx.pool.release(x);
    return new Float32Array(words.buffer, 0, a.length);
  });
}
