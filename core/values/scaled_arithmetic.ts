/**
 * Exact ScaledInteger arithmetic and comparison.
 *
 * - `+` `-` `%`: the operands are aligned to the larger scale; the result has that scale.
 * - `*`: scales add (SCALED(2) * SCALED(4) is SCALED(6)); with `options.scale` the exact product is rounded to
 *   that scale (HALF_EVEN unless `options.rounding` says otherwise).
 * - `/`: the exact quotient rounded to the result scale `options.scale`, by default
 *   `max(a.scale, b.scale, DEFAULT_DIVISION_SCALE)`, with HALF_EVEN rounding by default.
 * - A result whose units leave i64 (or whose scale would pass 18) is an OverflowError naming the operands;
 *   never a rounded or wrapped result. (`bindArithmetic` can promote to Decimal instead.)
 *
 * Units stay JS numbers while they are safe integers; the bigint path takes over past 2^53-1.
 *
 * @module
 */

import { MAX_SCALE } from "../types/data_type.ts";
import { DivisionByZeroError, OverflowError } from "../errors.ts";
import { I64_MAX, I64_MIN, type Int64, normalizeInt64 } from "./int64.ts";
import { ScaledInteger } from "./scaled_integer.ts";
import { divideRounded, divideRoundedNumber, POW10, pow10Big, type RoundingMode } from "./rounding.ts";
import { _formatScaled } from "./_format_scaled.ts";

/**
 * The minimum result scale of ScaledInteger and Decimal division when no scale is given.
 *
 * @example
 * ```ts
 * import { DEFAULT_DIVISION_SCALE, divideScaled } from "./scaled_arithmetic.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * if (divideScaled(new ScaledInteger(1, 0), new ScaledInteger(3, 0)).scale !== DEFAULT_DIVISION_SCALE) throw new Error();
 * ```
 */
export const DEFAULT_DIVISION_SCALE = 6;

/** Options of ScaledInteger multiplication, division and rescaling. */
export interface ScaledArithmeticOptions {
  /** Result scale, 0..18 (default: the natural scale, see the module docs). */
  scale?: number;
  /** Rounding when digits are dropped (default HALF_EVEN). */
  rounding?: RoundingMode;
}

const SAFE = Number.MAX_SAFE_INTEGER;

function checkScale(scale: number): void {
  if ((scale >>> 0) !== scale || scale > MAX_SCALE) {
    throw new RangeError(`ScaledInteger scale must be an integer 0..${MAX_SCALE}, got ${scale}`);
  }
}

function fit(v: bigint, scale: number, what: string): ScaledInteger {
  if (v < I64_MIN || v > I64_MAX) {
    throw new OverflowError(
      `ScaledInteger overflow: ${what} = ${_formatScaled(v, scale)} is outside the i64 range at scale ${scale}`,
    );
  }
  return new ScaledInteger(normalizeInt64(v), scale);
}

/** units * 10^k as a number when exact and safe, else NaN. */
function upNumber(units: Int64, k: number): number {
  if (typeof units !== "number" || k > 15) return NaN;
  const x = units * POW10[k];
  return x <= SAFE && x >= -SAFE ? x : NaN;
}

function big(units: Int64): bigint {
  return typeof units === "bigint" ? units : BigInt(units);
}

/**
 * a + b at the larger scale.
 *
 * @param a left operand
 * @param b right operand
 * @returns the exact sum
 * @throws {OverflowError} when the units leave i64
 * @example
 * ```ts
 * import { addScaled } from "./scaled_arithmetic.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * if (String(addScaled(new ScaledInteger(150, 2), new ScaledInteger(5, 1))) !== "2.00") throw new Error();
 * ```
 */
export function addScaled(a: ScaledInteger, b: ScaledInteger): ScaledInteger {
  const s = a.scale > b.scale ? a.scale : b.scale;
  const x = a.scale === s && typeof a.units === "number" ? a.units : upNumber(a.units, s - a.scale);
  const y = b.scale === s && typeof b.units === "number" ? b.units : upNumber(b.units, s - b.scale);
  const r = x + y;
  if (r <= SAFE && r >= -SAFE) return new ScaledInteger(r + 0, s);
  return fit(big(a.units) * pow10Big(s - a.scale) + big(b.units) * pow10Big(s - b.scale), s, `${a} + ${b}`);
}

/**
 * a - b at the larger scale.
 *
 * @param a left operand
 * @param b right operand
 * @returns the exact difference
 * @throws {OverflowError} when the units leave i64
 * @example
 * ```ts
 * import { subtractScaled } from "./scaled_arithmetic.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * if (String(subtractScaled(new ScaledInteger(1, 2), new ScaledInteger(1, 1))) !== "-0.09") throw new Error();
 * ```
 */
export function subtractScaled(a: ScaledInteger, b: ScaledInteger): ScaledInteger {
  const s = a.scale > b.scale ? a.scale : b.scale;
  const x = a.scale === s && typeof a.units === "number" ? a.units : upNumber(a.units, s - a.scale);
  const y = b.scale === s && typeof b.units === "number" ? b.units : upNumber(b.units, s - b.scale);
  const r = x - y;
  if (r <= SAFE && r >= -SAFE) return new ScaledInteger(r + 0, s);
  return fit(big(a.units) * pow10Big(s - a.scale) - big(b.units) * pow10Big(s - b.scale), s, `${a} - ${b}`);
}

/**
 * a * b: the scales add, or the exact product is rounded to `options.scale`.
 *
 * @param a left operand
 * @param b right operand
 * @param options result scale and rounding
 * @returns the product
 * @throws {OverflowError} when the units leave i64, or the natural scale passes 18 without `options.scale`
 * @example
 * ```ts
 * import { multiplyScaled } from "./scaled_arithmetic.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * const p = new ScaledInteger(123456, 4), two = new ScaledInteger(2, 0);
 * if (String(multiplyScaled(p, two)) !== "24.6912") throw new Error();
 * if (String(multiplyScaled(p, p, { scale: 2 })) !== "152.41") throw new Error();
 * ```
 */
export function multiplyScaled(a: ScaledInteger, b: ScaledInteger, options?: ScaledArithmeticOptions): ScaledInteger {
  const natural = a.scale + b.scale;
  const target = options?.scale ?? natural;
  if (options?.scale === undefined) {
    if (natural > MAX_SCALE) {
      throw new OverflowError(
        `ScaledInteger overflow: ${a} * ${b} needs scale ${natural}, more than ${MAX_SCALE}; give a result scale`,
      );
    }
  } else checkScale(target);
  const ua = a.units, ub = b.units;
  if (typeof ua === "number" && typeof ub === "number") {
    const p = ua * ub;
    if (p <= SAFE && p >= -SAFE) {
      if (target === natural) return new ScaledInteger(p + 0, natural);
      if (target < natural) {
        if (natural - target <= 22) {
          return new ScaledInteger(divideRoundedNumber(p, POW10[natural - target], options?.rounding), target);
        }
      } else {
        const q = upNumber(p, target - natural);
        if (q === q) return new ScaledInteger(q + 0, target);
      }
    }
  }
  let v = big(ua) * big(ub);
  if (target < natural) v = divideRounded(v, pow10Big(natural - target), options?.rounding);
  else if (target > natural) v *= pow10Big(target - natural);
  return fit(v, target, `${a} * ${b}`);
}

/**
 * a / b: the exact quotient rounded to `options.scale` (default `max(a.scale, b.scale, 6)`), HALF_EVEN by default.
 *
 * @param a dividend
 * @param b divisor
 * @param options result scale and rounding
 * @returns the quotient
 * @throws {DivisionByZeroError} when b is zero
 * @throws {OverflowError} when the units leave i64
 * @example
 * ```ts
 * import { divideScaled } from "./scaled_arithmetic.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * const one = new ScaledInteger(100, 2), three = new ScaledInteger(3, 0);
 * if (String(divideScaled(one, three)) !== "0.333333") throw new Error();
 * if (String(divideScaled(one, three, { scale: 2, rounding: "up" })) !== "0.34") throw new Error();
 * ```
 */
export function divideScaled(a: ScaledInteger, b: ScaledInteger, options?: ScaledArithmeticOptions): ScaledInteger {
  if (b.units === 0) throw new DivisionByZeroError(`Division by zero: ${a} / ${b}`);
  const target = options?.scale ?? Math.max(a.scale, b.scale, DEFAULT_DIVISION_SCALE);
  if (options?.scale !== undefined) checkScale(target);
  // a/10^sa / (b/10^sb) * 10^t = a * 10^(t - sa + sb) / b
  const e = target - a.scale + b.scale;
  const mode = options?.rounding;
  if (e >= 0) {
    const n = upNumber(a.units, e);
    if (n === n && typeof b.units === "number") return new ScaledInteger(divideRoundedNumber(n, b.units, mode), target);
    return fit(divideRounded(big(a.units) * pow10Big(e), big(b.units), mode), target, `${a} / ${b}`);
  }
  const d = upNumber(b.units, -e);
  if (d === d && typeof a.units === "number") return new ScaledInteger(divideRoundedNumber(a.units, d, mode), target);
  return fit(divideRounded(big(a.units), big(b.units) * pow10Big(-e), mode), target, `${a} / ${b}`);
}

/**
 * a % b at the larger scale, with the sign of the dividend.
 *
 * @param a dividend
 * @param b divisor
 * @returns the remainder
 * @throws {DivisionByZeroError} when b is zero
 * @example
 * ```ts
 * import { moduloScaled } from "./scaled_arithmetic.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * if (String(moduloScaled(new ScaledInteger(-550, 2), new ScaledInteger(2, 0))) !== "-1.50") throw new Error();
 * ```
 */
export function moduloScaled(a: ScaledInteger, b: ScaledInteger): ScaledInteger {
  if (b.units === 0) throw new DivisionByZeroError(`Division by zero: ${a} % ${b}`);
  const s = a.scale > b.scale ? a.scale : b.scale;
  const x = upNumber(a.units, s - a.scale);
  const y = upNumber(b.units, s - b.scale);
  if (x === x && y === y) return new ScaledInteger((x % y) + 0, s);
  return fit((big(a.units) * pow10Big(s - a.scale)) % (big(b.units) * pow10Big(s - b.scale)), s, `${a} % ${b}`);
}

/**
 * -a.
 *
 * @param a the operand
 * @returns its negation at the same scale
 * @throws {OverflowError} for units -2^63
 * @example
 * ```ts
 * import { negateScaled } from "./scaled_arithmetic.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * if (String(negateScaled(new ScaledInteger(5, 1))) !== "-0.5") throw new Error();
 * ```
 */
export function negateScaled(a: ScaledInteger): ScaledInteger {
  if (typeof a.units === "number") return new ScaledInteger(0 - a.units, a.scale);
  return fit(-a.units, a.scale, `-(${a})`);
}

/**
 * The value at another scale: exact when the scale grows, rounded (HALF_EVEN by default) when it shrinks.
 *
 * @param a the value
 * @param options `scale` (required) and `rounding`
 * @returns the rescaled value
 * @throws {OverflowError} when the units leave i64
 * @example
 * ```ts
 * import { rescaleScaled } from "./scaled_arithmetic.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * if (String(rescaleScaled(new ScaledInteger(125, 2), { scale: 1 })) !== "1.2") throw new Error();
 * ```
 */
export function rescaleScaled(a: ScaledInteger, options: ScaledArithmeticOptions & { scale: number }): ScaledInteger {
  const t = options.scale;
  checkScale(t);
  if (t === a.scale) return a;
  if (t > a.scale) {
    const x = upNumber(a.units, t - a.scale);
    if (x === x) return new ScaledInteger(x + 0, t);
    return fit(big(a.units) * pow10Big(t - a.scale), t, `rescale(${a}, ${t})`);
  }
  const k = a.scale - t;
  if (typeof a.units === "number") {
    return new ScaledInteger(divideRoundedNumber(a.units, POW10[k], options.rounding), t);
  }
  return fit(divideRounded(a.units, pow10Big(k), options.rounding), t, `rescale(${a}, ${t})`);
}

/**
 * Exact three-way comparison after scale alignment: SI(12345, 2) equals SI(123450, 3).
 *
 * @param a left operand
 * @param b right operand
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * import { compareScaled } from "./scaled_arithmetic.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * if (compareScaled(new ScaledInteger(12345, 2), new ScaledInteger(123450, 3)) !== 0) throw new Error();
 * ```
 */
export function compareScaled(a: ScaledInteger, b: ScaledInteger): -1 | 0 | 1 {
  if (a.scale === b.scale) return a.units < b.units ? -1 : a.units > b.units ? 1 : 0;
  const s = a.scale > b.scale ? a.scale : b.scale;
  const x = upNumber(a.units, s - a.scale);
  const y = upNumber(b.units, s - b.scale);
  if (x === x && y === y) return x < y ? -1 : x > y ? 1 : 0;
  const p = big(a.units) * pow10Big(s - a.scale), q = big(b.units) * pow10Big(s - b.scale);
  return p < q ? -1 : p > q ? 1 : 0;
}
