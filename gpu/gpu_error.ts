/**
 * GpuError: a GPU operation failed (validation, out of memory, internal error, device lost, unsupported shape).
 * The dispatcher catches it and runs the CPU twin instead.
 *
 * @module
 */

/** A GPU operation failed; `message` says which operation and what the device reported. */
export class GpuError extends Error {
  /**
   * Creates a GpuError.
   *
   * @param message the operation and the device's message
   * @example
   * ```ts
   * import { GpuError } from "./gpu_error.ts";
   * if (new GpuError("x").name !== "GpuError") throw new Error();
   * ```
   */
  constructor(message: string) {
    super(message);
    this.name = "GpuError";
  }
}
