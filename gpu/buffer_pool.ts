/**
 * Buffers pooled by usage and size class (powers of two from 256 bytes), so repeated kernels reuse
 * allocations instead of creating and destroying GPU buffers per call.
 *
 * @module
 */

/**
 * The size class of a request: the next power of two, at least 256 bytes.
 *
 * @param bytes requested size
 * @returns the class size in bytes
 * @example
 * ```ts
 * import { sizeClass } from "./buffer_pool.ts";
 * if (sizeClass(1000) !== 1024 || sizeClass(1) !== 256) throw new Error();
 * ```
 */
export function sizeClass(bytes: number): number {
  let s = 256;
  while (s < bytes) s *= 2;
  return s;
}

/** A pool of GPU buffers of one device. */
export class BufferPool {
  /** The device. */
  readonly device: GPUDevice;
  #free: Map<string, GPUBuffer[]> = new Map();
  #created = 0;
  #reused = 0;

  /**
   * Creates a BufferPool.
   *
   * @param device the device whose buffers are pooled
   */
  constructor(device: GPUDevice) {
    this.device = device;
  }

  /** Buffers created so far. */
  get created(): number {
    return this.#created;
  }

  /** Acquisitions served from the pool. */
  get reused(): number {
    return this.#reused;
  }

  /**
   * A buffer of at least `bytes` with exactly `usage`, labelled.
   *
   * @param bytes minimum size
   * @param usage GPUBufferUsage flags
   * @param label label for debugging (Deno keeps the label a buffer was created with, so a reused buffer shows
   *   its first label)
   * @returns the buffer (size is its class size)
   */
  acquire(bytes: number, usage: number, label: string): GPUBuffer {
    const size = sizeClass(bytes);
    const list = this.#free.get(`${usage}:${size}`);
    const b = list?.pop();
    if (b !== undefined) {
      this.#reused++;
      return b;
    }
    this.#created++;
    return this.device.createBuffer({ size, usage, label });
  }

  /**
   * Returns a buffer to the pool (it must be unmapped and no longer used by pending work's results).
   *
   * @param buffer a buffer from acquire
   */
  release(buffer: GPUBuffer): void {
    const key = `${buffer.usage}:${buffer.size}`;
    const list = this.#free.get(key);
    if (list === undefined) this.#free.set(key, [buffer]);
    else list.push(buffer);
  }

  /** Destroys every pooled buffer. */
  clear(): void {
    for (const list of this.#free.values()) for (const b of list) b.destroy();
    this.#free.clear();
  }
}
