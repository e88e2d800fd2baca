/**
 * mulberry32: the small seeded 32-bit PRNG the benchmark workloads are defined with.
 *
 * @module
 */

/**
 * A seeded generator of doubles in [0, 1).
 *
 * @param seed 32-bit seed
 * @returns a function returning the next draw
 * @example
 * ```ts
 * import { mulberry32 } from "./mulberry32.ts";
 * const a = mulberry32(42), b = mulberry32(42);
 * if (a() !== b()) throw new Error();
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
