/**
 * Filter/compaction, the CPU twin: a bitmask becomes the ascending row indices of its set bits (a selection
 * vector for RecordBatch).
 *
 * @module
 */

/**
 * Bits set in a 32-bit word.
 *
 * @param x the word
 * @returns 0..32
 * @example
 * ```ts
 * import { popcount32 } from "./compact.ts";
 * if (popcount32(0xff00ff00) !== 16) throw new Error();
 * ```
 */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * The rows whose bit is set, ascending.
 *
 * @param mask the bitmask (bit i & 31 of word i >> 5)
 * @param rows rows covered (bits at or past it are ignored)
 * @returns the selection vector
 * @example
 * ```ts
 * import { compact } from "./compact.ts";
 * if (compact(new Uint32Array([0b1010]), 4).join() !== "1,3") throw new Error();
 * ```
 */
export function compact(mask: Uint32Array, rows: number): Int32Array {
  const words = Math.min(mask.length, (rows + 31) >>> 5);
  let count = 0;
  for (let w = 0; w < words; w++) {
    let x = mask[w];
    if (w === words - 1 && (rows & 31) !== 0) x &= (1 << (rows & 31)) - 1;
    count += popcount32(x);
  }
  const out = new Int32Array(count);
  let k = 0;
  for (let w = 0; w < words && k < count; w++) {
    let x = mask[w];
    while (x !== 0 && k < count) {
      const t = x & -x;
      out[k++] = (w << 5) + 31 - Math.clz32(t);
      x ^= t;
    }
  }
  return out;
}
