/**
 * Sluice's WebGPU compute backend (work in progress: kernels land with issue 5).
 *
 * ```ts
 * import { gpuAvailable } from "./mod.ts";
 * console.log(typeof gpuAvailable());
 * ```
 *
 * @module
 */

/**
 * Whether this runtime exposes `navigator.gpu` at all (an adapter may still be missing).
 *
 * @returns true when WebGPU is present
 */
export function gpuAvailable(): boolean {
  return typeof navigator !== "undefined" && "gpu" in navigator && navigator.gpu !== undefined;
}
