/**
 * Grouped count and exact sum by dictionary code, the CPU twin.
 *
 * @module
 */

import type { I64Array } from "./int64_lanes.ts";

/** Per-group counts and exact sums, indexed by group code. */
export interface GroupedSums {
  /** Rows per group. */
  counts: Float64Array;
  /** Exact sum per group (0n for an empty group). */
  sums: bigint[];
}

const FLUSH = 4503599627370496; // 2^52

/**
 * Counts and sums `values` per group code, optionally only the rows whose mask bit is set.
 *
 * @param codes group code per row, 0..groups-1
 * @param values the values (same length), or null to count only
 * @param groups the number of groups
 * @param mask a bitmask, or null for all rows
 * @returns counts and sums per group
 * @throws {RangeError} for a code outside 0..groups-1 or a length mismatch
 * @example
 * ```ts
 * import { groupedSum } from "./grouped_sum.ts";
 * const g = groupedSum(new Int32Array([1, 0, 1]), new Float64Array([5, 6, 7]), 2, null);
 * if (g.sums[1] !== 12n || g.counts[0] !== 1) throw new Error();
 * ```
 */
export function groupedSum(
  codes: Int32Array,
  values: I64Array | null,
  groups: number,
  mask: Uint32Array | null = null,
): GroupedSums {
  const n = codes.length;
  if (values !== null && values.length !== n) {
    throw new RangeError(`Operand lengths differ: ${n} and ${values.length}`);
  }
  const counts = new Float64Array(groups);
  const lo = new Float64Array(groups);
  const hi: bigint[] = new Array(groups).fill(0n);
  for (let i = 0; i < n; i++) {
    if (mask !== null && (mask[i >>> 5] & (1 << (i & 31))) === 0) continue;
    const g = codes[i];
    if (!(g >= 0 && g < groups)) throw new RangeError(`Group code ${g} at row ${i} is outside 0..${groups - 1}`);
    counts[g]++;
    if (values === null) continue;
    const v = values[i];
    if (typeof v === "bigint") hi[g] += v;
    else {
      const s = lo[g];
      if (s > FLUSH || s < -FLUSH) {
        hi[g] += BigInt(s);
        lo[g] = v;
      } else lo[g] = s + v;
    }
  }
  const sums = hi.map((h, g) => h + BigInt(lo[g]));
  return { counts, sums };
}
