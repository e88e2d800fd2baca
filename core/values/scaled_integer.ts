/**
 * ScaledInteger: exact money. An i64 count of 10^-scale units: `new ScaledInteger(12345, 2)` is 123.45.
 *
 * @module
 */

import { MAX_SCALE } from "../types/data_type.ts";
import { type Int64, isInt64 } from "./int64.ts";
import { _formatScaled } from "./_format_scaled.ts";

/** An exact decimal number held as an i64 `units` and a `scale` 0..18; its value is units / 10^scale. */
export class ScaledInteger {
  /** The unscaled i64 (normalised Int64: a number when safe, else a bigint). */
  readonly units: Int64;
  /** Digits after the decimal point, 0..18. */
  readonly scale: number;

  /**
   * Creates a ScaledInteger.
   *
   * @param units the unscaled value, a normalised Int64 (safe-integer number or wide bigint)
   * @param scale digits after the point, 0..18
   * @throws {RangeError} on a non-integer, unsafe-number or out-of-range units, or a bad scale
   * @example
   * ```ts
   * import { ScaledInteger } from "./scaled_integer.ts";
   * const p = new ScaledInteger(12345, 2);
   * if (p.toString() !== "123.45") throw new Error();
   * ```
   */
  constructor(units: Int64, scale: number) {
    if (typeof units === "number") {
      if (!Number.isSafeInteger(units)) {
        throw new RangeError(`ScaledInteger units must be an exact integer, got ${units} (use a bigint past 2^53-1)`);
      }
      if (units === 0) units = 0;
    } else if (!isInt64(units)) {
      throw new RangeError(`ScaledInteger units must be a normalised i64, got ${units}n`);
    }
    if ((scale >>> 0) !== scale || scale > MAX_SCALE) {
      throw new RangeError(`ScaledInteger scale must be an integer 0..${MAX_SCALE}, got ${scale}`);
    }
    this.units = units;
    this.scale = scale;
  }

  /**
   * The exact decimal text with exactly `scale` digits after the point: SI(-50, 2) is "-0.50".
   *
   * @returns the text
   */
  toString(): string {
    return _formatScaled(this.units, this.scale);
  }

  /**
   * The JSON form: the same exact text as toString, so no digit is lost.
   *
   * @returns the same text as toString, so JSON keeps every digit (as a string).
   */
  toJSON(): string {
    return this.toString();
  }
}
