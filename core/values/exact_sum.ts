/**
 * ExactSum: an integer accumulator that never rounds. Adds safe integers on the double fast path and carries
 * into a bigint before the running double could leave the exact range, so sums may grow past 64 bits.
 *
 * @module
 */

import { type Int64, int64ToBigInt } from "./int64.ts";

/** Flush threshold: 2^52, so that lo + x stays exact for any |x| <= 2^53 - 1. */
const FLUSH = 4503599627370496;

/** An exact integer sum of unbounded width. */
export class ExactSum {
  #lo = 0;
  #hi = 0n;

  /**
   * Adds a safe integer (the caller guarantees |x| <= 2^53-1, as every f64-layout column value is).
   *
   * @param x a safe integer
   * @example
   * ```ts
   * import { ExactSum } from "./exact_sum.ts";
   * const s = new ExactSum();
   * for (let i = 0; i < 4; i++) s.add(Number.MAX_SAFE_INTEGER);
   * if (s.toBigInt() !== 4n * BigInt(Number.MAX_SAFE_INTEGER)) throw new Error();
   * ```
   */
  add(x: number): void {
    let lo = this.#lo;
    if (lo > FLUSH || lo < -FLUSH) {
      this.#hi += BigInt(lo);
      lo = 0;
    }
    this.#lo = lo + x;
  }

  /**
   * Adds any exact i64 or bigint.
   *
   * @param x the value
   */
  addInt64(x: Int64 | bigint): void {
    if (typeof x === "number") this.add(x);
    else this.#hi += x;
  }

  /**
   * Adds another sum.
   *
   * @param other the sum to add
   */
  addSum(other: ExactSum): void {
    this.#hi += other.toBigInt();
  }

  /**
   * The exact sum as a bigint.
   *
   * @returns the exact sum
   */
  toBigInt(): bigint {
    return this.#hi + int64ToBigInt(this.#lo);
  }

  /** Resets to zero. */
  clear(): void {
    this.#lo = 0;
    this.#hi = 0n;
  }
}
