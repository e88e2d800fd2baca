/**
 * Decimal: exact numbers up to 38 digits, bigint-backed.
 *
 * @module
 */

import { MAX_DECIMAL_PRECISION } from "../types/data_type.ts";
import { _formatScaled } from "./_format_scaled.ts";

/** 10^38 as a bigint: the exclusive bound on a Decimal's unscaled magnitude. */
export const DECIMAL_BOUND: bigint = 10n ** BigInt(MAX_DECIMAL_PRECISION);

/** An exact decimal: `unscaled / 10^scale`, |unscaled| < 10^38. */
export class Decimal {
  /** The unscaled integer. */
  readonly unscaled: bigint;
  /** Digits after the point, 0..38. */
  readonly scale: number;

  /**
   * Creates a Decimal.
   *
   * @param unscaled the unscaled integer, |unscaled| < 10^38
   * @param scale digits after the point, 0..38
   * @throws {RangeError} when out of range
   * @example
   * ```ts
   * import { Decimal } from "./decimal.ts";
   * if (new Decimal(-5n, 3).toString() !== "-0.005") throw new Error();
   * ```
   */
  constructor(unscaled: bigint, scale: number) {
    if (typeof unscaled !== "bigint") {
      throw new TypeError(`Decimal unscaled value must be a bigint, got ${typeof unscaled}`);
    }
    if ((scale >>> 0) !== scale || scale > MAX_DECIMAL_PRECISION) {
      throw new RangeError(`Decimal scale must be an integer 0..${MAX_DECIMAL_PRECISION}, got ${scale}`);
    }
    if (unscaled >= DECIMAL_BOUND || unscaled <= -DECIMAL_BOUND) {
      throw new RangeError(`Decimal value ${unscaled} has more than ${MAX_DECIMAL_PRECISION} digits`);
    }
    this.unscaled = unscaled;
    this.scale = scale;
  }

  /**
   * The display text (exact).
   *
   * @returns exact text with exactly `scale` digits after the point
   */
  toString(): string {
    return _formatScaled(this.unscaled, this.scale);
  }

  /**
   * The JSON form: the same exact text as toString, so no digit is lost.
   *
   * @returns the exact text (JSON keeps every digit as a string)
   */
  toJSON(): string {
    return this.toString();
  }
}
