/**
 * Host side of the fused filter -> multiply -> grouped-sum kernel: plans a FusedQuery against resident columns,
 * encodes its two passes into a caller's command encoder (so many queries share one submit), and decodes the
 * read-back words into the same FusedResult the CPU twin (core/kernels/fused_query.ts) returns.
 *
 * @module
 */

import type { GpuContext } from "../device.ts";
import { GpuError } from "../gpu_error.ts";
import { getPipeline } from "../pipeline_cache.ts";
import type { BindingKind } from "../pipeline_cache.ts";
import { bindAll, encodePass, STORAGE_USAGE, uniform, upload, wordsToI128 } from "../kernel_io.ts";
import {
  type FusedColumnKind,
  type FusedShape,
  fusedShapeKey,
  fusedWgsl,
  MAX_FUSED_PREDICATES,
} from "./fused_query.wgsl.ts";
import { type FusedQuery, type FusedResult, validateFusedQuery } from "../../core/kernels/fused_query.ts";
import { toLanes } from "../../core/kernels/int64_lanes.ts";
import { COMPARE_CODE } from "./compare.ts";

/** A column kept on the GPU. */
export interface ResidentColumn {
  /** Field name. */
  readonly name: string;
  /** Storage kind: i64 lanes or i32 dictionary codes. */
  readonly kind: FusedColumnKind;
  /** The DataType kind ("integer", "scaled", "timestamp", "string"). */
  readonly typeKind: string;
  /** Scale (ScaledInteger) or 0. */
  readonly scale: number;
  /** Dictionary keys by code (String columns), else null. */
  readonly keys: readonly string[] | null;
  /** Where the column's validity bitmask lives (a table-wide buffer, slot j at word j * ceil(rows / 32)), or null
   * when no row is NULL. */
  readonly validity: { readonly buffer: GPUBuffer; readonly slot: number } | null;
  /** The GPU buffer. */
  readonly buffer: GPUBuffer;
}

/** A planned query: shape, constants and sizes. */
export interface FusedPlan {
  /** The shader shape. */
  readonly shape: FusedShape;
  /** Bound columns by slot. */
  readonly columns: readonly ResidentColumn[];
  /** The table's validity buffer when a bound column has NULLs, else null. */
  readonly validity: GPUBuffer | null;
  /** Predicate constants as (lo, hi) u32 pairs. */
  readonly constants: Uint32Array;
  /** Groups in the result. */
  readonly groups: number;
  /** Keys of the groups or null. */
  readonly keys: readonly string[] | null;
  /** Scale of the sums. */
  readonly scale: number;
}

/**
 * Plans a query against resident columns.
 *
 * @param ctx the context (its workgroup storage bounds the number of groups)
 * @param column a column by name (throws RangeError for an unknown name)
 * @param query the query
 * @returns the plan
 * @throws {TypeError} as validateFusedQuery does
 * @throws {GpuError} when the shape cannot run on this GPU (NULLs, too many groups or predicates)
 */
export function planFused(
  ctx: GpuContext,
  column: (name: string) => ResidentColumn,
  query: FusedQuery,
): FusedPlan {
  const scale = validateFusedQuery(query, (n) => {
    const c = column(n);
    return { kind: c.typeKind, scale: c.scale };
  });
  const where = query.where ?? [];
  if (where.length > MAX_FUSED_PREDICATES) {
    throw new GpuError(`fused query: ${where.length} predicates, the GPU kernel takes at most ${MAX_FUSED_PREDICATES}`);
  }
  const slots: ResidentColumn[] = [];
  const slot = (name: string): number => {
    const c = column(name);
    let i = slots.indexOf(c);
    if (i < 0) i = slots.push(c) - 1;
    return i;
  };
  const constants = new Uint32Array(MAX_FUSED_PREDICATES * 4);
  const predicates = where.map((p, j) => {
    const s = slot(p.column);
    const c = slots[s];
    if (c.kind === "dict") constants[4 * j] = c.keys!.indexOf(p.value as string) >>> 0;
    else constants.set(toLanes(BigInt64Array.of(BigInt(p.value))), 4 * j);
    return { column: s, op: COMPARE_CODE[p.op] };
  });
  const sum = (query.sum ?? []).map(slot);
  const group = query.groupBy === undefined ? -1 : slot(query.groupBy);
  const keys = group < 0 ? null : slots[group].keys!;
  const groups = keys === null ? 1 : Math.max(keys.length, 1);
  let cap = 1;
  while (cap < groups) cap *= 2;
  if (groups > 65536) throw new GpuError(`fused query: ${groups} groups, the GPU kernel takes at most 65536`);
  const accumulate = cap * (group < 0 ? 36 : 20) <= ctx.workgroupStorage && (!ctx.fallback || cap <= 64)
    ? "workgroup"
    : "global";
  const nullable = [...new Set(slots.flatMap((c) => (c.validity === null ? [] : [c.validity.slot])))];
  const validity = slots.find((c) => c.validity !== null)?.validity?.buffer ?? null;
  const shape: FusedShape = {
    columns: slots.map((c) => c.kind),
    nullable,
    predicates,
    sum,
    group,
    groupCapacity: accumulate === "workgroup" ? cap : 1,
    accumulate,
  };
  return { shape, columns: slots, validity, constants, groups, keys, scale };
}

/**
 * Rows per workgroup of the fused kernel: about n / 1024, a multiple of 256 in 4096..65536 (65536 keeps every
 * 16-bit limb sum below 2^32).
 *
 * @param n rows
 * @returns rows per workgroup
 */
export function fusedRowsPerWorkgroup(n: number): number {
  return Math.min(65536, Math.max(4096, Math.ceil(n / 1024 / 256) * 256));
}

/** Bytes of one workgroup's partial of one group: count + 8 limbs without groups, count + 4 limbs with. */
function partialBytes(plan: FusedPlan): number {
  return plan.shape.group < 0 ? 36 : 20;
}

/** Encoded work of one query: where its words land in the shared readback, and its buffers to release. */
export interface EncodedFused {
  /** The plan. */
  readonly plan: FusedPlan;
  /** Byte offset of this query's result in the result buffer. */
  readonly offset: number;
  /** Bytes of this query's result (4 header words + 5 per group). */
  readonly bytes: number;
  /** Buffers to release after the readback. */
  readonly buffers: readonly GPUBuffer[];
}

/**
 * Bytes of a plan's result region.
 *
 * @param plan the plan
 * @returns bytes
 */
export function fusedResultBytes(plan: FusedPlan): number {
  return (4 + plan.groups * 5) * 4;
}

/**
 * Encodes a planned query into `encoder`; its result region is copied into `gather` at `offset`.
 *
 * @param ctx the context
 * @param encoder the shared encoder
 * @param rows rows of the table
 * @param plan the plan
 * @param gather the buffer that collects all results (COPY_DST)
 * @param offset byte offset of this query's region
 * @param timestampWrites timestamp writes for the main and finish passes, or undefined
 * @returns what was encoded
 */
export async function encodeFused(
  ctx: GpuContext,
  encoder: GPUCommandEncoder,
  rows: number,
  plan: FusedPlan,
  gather: GPUBuffer,
  offset: number,
  timestampWrites?: readonly [GPUComputePassTimestampWrites, GPUComputePassTimestampWrites],
): Promise<EncodedFused> {
  const code = fusedWgsl(plan.shape);
  const key = fusedShapeKey(plan.shape);
  const bindings: BindingKind[] = ["uniform", "rw", "rw", ...plan.columns.map((): BindingKind => "read")];
  if (plan.validity !== null) bindings.push("read");
  const [main, finish] = await Promise.all(
    ["main", "finish"].map((entryPoint) => getPipeline(ctx.device, { key, code, entryPoint, bindings })),
  );
  const rpw = fusedRowsPerWorkgroup(rows);
  const numWg = Math.max(1, Math.ceil(rows / rpw));
  const params = new Uint32Array(4 + MAX_FUSED_PREDICATES * 4);
  params.set([rows, rpw, plan.groups, numWg]);
  params.set(plan.constants, 4);
  const bytes = fusedResultBytes(plan);
  const init = new Uint32Array(bytes / 4);
  init[0] = 0xffffffff;
  const buffers = [
    uniform(ctx, params, "sluice fused params"),
    ctx.pool.acquire(numWg * plan.groups * partialBytes(plan), STORAGE_USAGE, "sluice fused partials"),
    upload(ctx, init, "sluice fused result"),
  ];
  const all = [...buffers, ...plan.columns.map((c) => c.buffer)];
  if (plan.validity !== null) all.push(plan.validity);
  if (plan.shape.accumulate === "global") encoder.clearBuffer(buffers[1], 0, numWg * plan.groups * partialBytes(plan));
  encodePass(
    encoder,
    main,
    bindAll(ctx, main, all, "sluice fused bind"),
    numWg,
    "sluice fused main",
    timestampWrites?.[0],
  );
  encodePass(
    encoder,
    finish,
    bindAll(ctx, finish, all, "sluice fused bind"),
    Math.ceil(plan.groups / 64),
    "sluice fused finish",
    timestampWrites?.[1],
  );
  encoder.copyBufferToBuffer(buffers[2], 0, gather, offset, bytes);
  return { plan, offset, bytes, buffers };
}

/**
 * Decodes one query's result region.
 *
 * @param e the encoded query
 * @param words the gathered readback
 * @returns the result, or the first overflowing row (the caller raises the CPU twin's error)
 */
export function decodeFused(e: EncodedFused, words: Uint32Array): FusedResult | { overflowRow: number } {
  const at = e.offset / 4;
  if (words[at] !== 0xffffffff) return { overflowRow: words[at] };
  const counts = new Float64Array(e.plan.groups);
  const sums: bigint[] = [];
  for (let g = 0; g < e.plan.groups; g++) {
    const o = at + 4 + g * 5;
    sums.push(wordsToI128(words, o));
    counts[g] = words[o + 4];
  }
  return { keys: e.plan.keys, counts, sums, scale: e.plan.scale };
}
