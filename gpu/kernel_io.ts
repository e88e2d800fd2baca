/**
 * Host-side plumbing shared by the kernels: uploads, uniforms, bind groups, readback, and running a piece of
 * GPU work inside error scopes so that any device error surfaces as a GpuError.
 *
 * @module
 */

import type { GpuContext } from "./device.ts";
import { GpuError } from "./gpu_error.ts";
import { OverflowError } from "../core/errors.ts";

// Usage flags as the WebGPU spec numbers them, so that importing this module never touches the WebGPU globals.
/** Storage buffer usage for kernel inputs and outputs: STORAGE | COPY_DST | COPY_SRC. */
export const STORAGE_USAGE: number = 0x80 | 0x08 | 0x04;
/** Staging usage for readback: MAP_READ | COPY_DST. */
export const READ_USAGE: number = 0x01 | 0x08;
/** Uniform usage: UNIFORM | COPY_DST. */
export const UNIFORM_USAGE: number = 0x40 | 0x08;

/**
 * Uploads a typed array into a pooled storage buffer.
 *
 * @param ctx the context
 * @param data 4-byte-element data (an empty array still gets a buffer)
 * @param label buffer label
 * @returns the buffer (release it to ctx.pool when done)
 */
export function upload(ctx: GpuContext, data: Uint32Array | Int32Array | Float32Array, label: string): GPUBuffer {
  const buf = ctx.pool.acquire(Math.max(data.byteLength, 16), STORAGE_USAGE, label);
  if (data.byteLength > 0) ctx.device.queue.writeBuffer(buf, 0, data as unknown as BufferSource);
  return buf;
}

/**
 * A storage buffer filled with one u32 value.
 *
 * @param ctx the context
 * @param words u32 words
 * @param value fill value
 * @param label buffer label
 * @returns the buffer
 */
export function filled(ctx: GpuContext, words: number, value: number, label: string): GPUBuffer {
  return upload(ctx, new Uint32Array(Math.max(words, 4)).fill(value), label);
}

/**
 * A uniform buffer holding u32 words (padded to 16 bytes).
 *
 * @param ctx the context
 * @param words the words
 * @param label buffer label
 * @returns the buffer
 */
export function uniform(ctx: GpuContext, words: Uint32Array, label: string): GPUBuffer {
  const size = Math.max(16, Math.ceil(words.byteLength / 16) * 16);
  const buf = ctx.pool.acquire(size, UNIFORM_USAGE, label);
  ctx.device.queue.writeBuffer(buf, 0, words as unknown as BufferSource);
  return buf;
}

/**
 * A bind group over buffers in binding order.
 *
 * @param ctx the context
 * @param pipeline the pipeline (its group-0 layout)
 * @param buffers buffers by binding
 * @param label label
 * @returns the bind group
 */
export function bindAll(
  ctx: GpuContext,
  pipeline: GPUComputePipeline,
  buffers: readonly GPUBuffer[],
  label: string,
): GPUBindGroup {
  return ctx.device.createBindGroup({
    label,
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

/**
 * Encodes one compute pass dispatching `groups` workgroups (2-D when past 65535).
 *
 * @param encoder the command encoder
 * @param pipeline the pipeline
 * @param bindGroup its bind group
 * @param groups workgroups in all
 * @param label pass label
 * @param timestampWrites optional timestamp writes of the pass
 */
export function encodePass(
  encoder: GPUCommandEncoder,
  pipeline: GPUComputePipeline,
  bindGroup: GPUBindGroup,
  groups: number,
  label: string,
  timestampWrites?: GPUComputePassTimestampWrites,
): void {
  const pass = encoder.beginComputePass(timestampWrites === undefined ? { label } : { label, timestampWrites });
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  const x = Math.min(Math.max(groups, 1), 65535);
  pass.dispatchWorkgroups(x, Math.ceil(Math.max(groups, 1) / x));
  pass.end();
}

/** A pending readback: copies encoded, mapping after submit. */
export interface Readback {
  /** The staging buffer. */
  readonly staging: GPUBuffer;
  /** Bytes copied. */
  readonly bytes: number;
}

/**
 * Encodes a copy of `bytes` from a buffer into a pooled staging buffer.
 *
 * @param ctx the context
 * @param encoder the encoder
 * @param src the source buffer
 * @param bytes bytes to copy (multiple of 4)
 * @param label staging label
 * @returns the pending readback
 */
export function encodeReadback(
  ctx: GpuContext,
  encoder: GPUCommandEncoder,
  src: GPUBuffer,
  bytes: number,
  label: string,
): Readback {
  const staging = ctx.pool.acquire(Math.max(bytes, 16), READ_USAGE, label);
  if (bytes > 0) encoder.copyBufferToBuffer(src, 0, staging, 0, bytes);
  return { staging, bytes };
}

/**
 * Maps a submitted readback and copies its bytes out; the staging buffer goes back to the pool.
 *
 * @param ctx the context
 * @param r the readback
 * @returns the bytes as u32 words
 */
export async function finishReadback(ctx: GpuContext, r: Readback): Promise<Uint32Array> {
  await r.staging.mapAsync(GPUMapMode.READ, 0, Math.max(r.bytes, 16));
  const out = new Uint32Array(r.staging.getMappedRange(0, Math.max(r.bytes, 16)).slice(0, r.bytes));
  r.staging.unmap();
  ctx.pool.release(r.staging);
  return out;
}

/**
 * Runs GPU work inside validation, out-of-memory and internal error scopes; any device error, device loss, or
 * exception becomes a GpuError naming the operation.
 *
 * @param ctx the context
 * @param what the operation (for messages)
 * @param work the work (encode, submit, await readback)
 * @returns the work's result
 * @throws {GpuError} on any GPU failure
 */
export async function guarded<T>(ctx: GpuContext, what: string, work: () => Promise<T>): Promise<T> {
  if (ctx.lost) throw new GpuError(`${what}: the device is lost (${ctx.lostReason})`);
  const d = ctx.device;
  d.pushErrorScope("internal");
  d.pushErrorScope("out-of-memory");
  d.pushErrorScope("validation");
  let result: T | undefined, failure: unknown = null;
  try {
    result = await work();
  } catch (e) {
    failure = e;
  }
  const errors: string[] = [];
  for (let k = 0; k < 3; k++) {
    try {
      const e = await d.popErrorScope();
      if (e !== null) errors.push(e.message);
    } catch (e) {
      errors.push(String(e));
    }
  }
  if (failure !== null) {
    // Query errors (an overflow the kernel detected) pass through unchanged; everything else is a GPU failure.
    if (failure instanceof GpuError || failure instanceof OverflowError) throw failure;
    throw new GpuError(`${what}: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
  if (errors.length > 0) throw new GpuError(`${what}: ${errors.join("; ")}`);
  if (ctx.lost) throw new GpuError(`${what}: the device was lost (${ctx.lostReason})`);
  return result as T;
}

/**
 * A signed 128-bit value from four little-endian u32 words.
 *
 * @param w the words
 * @param at index of the lowest word
 * @returns the value
 */
export function wordsToI128(w: Uint32Array, at: number): bigint {
  const u = (BigInt(w[at + 3]) << 96n) | (BigInt(w[at + 2]) << 64n) | (BigInt(w[at + 1]) << 32n) | BigInt(w[at]);
  return BigInt.asIntN(128, u);
}

/**
 * A signed 64-bit value from two little-endian u32 words.
 *
 * @param w the words
 * @param at index of the low word
 * @returns the value
 */
export function wordsToI64(w: Uint32Array, at: number): bigint {
  return (BigInt(w[at + 1] | 0) << 32n) + BigInt(w[at]);
}
