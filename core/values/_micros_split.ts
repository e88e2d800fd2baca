/**
 * Epoch microseconds split into days and the microseconds into the day (private to core/values): one exact split
 * for Timestamp.toString and TextWriter.writeTimestamp.
 *
 * @module
 */

import type { Int64 } from "./int64.ts";

const MICROS_PER_DAY = 86_400_000_000;

/** Where _splitMicros leaves its answer (scratch, read right after the call: no tuple per timestamp). */
export const _MICROS_SPLIT: { days: number; rem: number } = { days: 0, rem: 0 };

/**
 * Splits epoch microseconds into whole days since the epoch (floor) and the microseconds into that day, exactly
 * over the whole i64 range, into _MICROS_SPLIT.
 *
 * @param micros epoch microseconds
 */
export function _splitMicros(micros: Int64 | bigint): void {
  let days: number, rem: number;
  if (typeof micros === "number") {
    days = Math.floor(micros / MICROS_PER_DAY);
    rem = micros - days * MICROS_PER_DAY;
    if (rem < 0) { // guard the float floor at the edges of the safe range
      days--;
      rem += MICROS_PER_DAY;
    } else if (rem >= MICROS_PER_DAY) {
      days++;
      rem -= MICROS_PER_DAY;
    }
  } else {
    const D = BigInt(MICROS_PER_DAY);
    let q = micros / D;
    let r = micros % D;
    if (r < 0n) {
      q -= 1n;
      r += D;
    }
    days = Number(q);
    rem = Number(r);
  }
  _MICROS_SPLIT.days = days;
  _MICROS_SPLIT.rem = rem;
}
