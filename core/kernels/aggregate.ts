/**
 * sum/min/max/count over an exact i64 vector, the CPU twin. Sums are exact at any width (a bigint), so a sum
 * of many values near ±2^63 is never wrapped; min and max are exact Int64s.
 *
 * @module
 */

import { type Int64, normalizeInt64 } from "../values/int64.ts";
import type { I64Array } from "./int64_lanes.ts";

/** The result of aggregateI64. */
export interface I64Aggregate {
  /** Rows counted (selected by the mask, or all). */
  count: number;
  /** Exact sum (0n when no row). */
  sum: bigint;
  /** Smallest value, or null when no row. */
  min: Int64 | null;
  /** Largest value, or null when no row. */
  max: Int64 | null;
}

const FLUSH = 4503599627370496; // 2^52: lo + x stays exact for |x| <= 2^53 - 1

/**
 * Aggregates an exact i64 vector, optionally only the rows whose mask bit is set.
 *
 * @param data the values
 * @param mask a bitmask of data.length rows, or null for all rows
 * @returns count, exact sum, min and max
 * @example
 * ```ts
 * import { aggregateI64 } from "./aggregate.ts";
 * const a = aggregateI64(new Float64Array([5, -2, 9]), null);
 * if (a.sum !== 12n || a.min !== -2 || a.max !== 9 || a.count !== 3) throw new Error();
 * ```
 */
export function aggregateI64(data: I64Array, mask: Uint32Array | null = null): I64Aggregate {
  const n = data.length;
  let count = 0;
  if (data instanceof Float64Array) {
    let lo = 0, hi = 0n, min = Infinity, max = -Infinity;
    for (let i = 0; i < n; i++) {
      if (mask !== null && (mask[i >>> 5] & (1 << (i & 31))) === 0) continue;
      const v = data[i];
      if (lo > FLUSH || lo < -FLUSH) {
        hi += BigInt(lo);
        lo = 0;
      }
      lo += v;
      if (v < min) min = v;
      if (v > max) max = v;
      count++;
    }
    return count === 0
      ? { count, sum: 0n, min: null, max: null }
      : { count, sum: hi + BigInt(lo), min: min === 0 ? 0 : min, max: max === 0 ? 0 : max };
  }
  let sum = 0n, min = 0n, max = 0n;
  for (let i = 0; i < n; i++) {
    if (mask !== null && (mask[i >>> 5] & (1 << (i & 31))) === 0) continue;
    const v = data[i];
    sum += v;
    if (count === 0 || v < min) min = v;
    if (count === 0 || v > max) max = v;
    count++;
  }
  return count === 0
    ? { count, sum: 0n, min: null, max: null }
    : { count, sum, min: normalizeInt64(min), max: normalizeInt64(max) };
}
