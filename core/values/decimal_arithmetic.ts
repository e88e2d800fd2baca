/**
 * Exact Decimal arithmetic and comparison (bigint-backed, up to 38 digits).
 *
 * The same rules as ScaledInteger: `+` `-` `%` align to the larger scale; `*` adds scales (or rounds to
 * `options.scale`); `/` rounds the exact quotient to `options.scale`, by default
 * `max(a.scale, b.scale, DEFAULT_DIVISION_SCALE)`, HALF_EVEN by default. A result with more than 38 digits, or a
 * natural scale past 38 without `options.scale`, is an OverflowError naming the operands.
 *
 * @module
 */

import { MAX_DECIMAL_PRECISION } from "../types/data_type.ts";
import { DivisionByZeroError, OverflowError } from "../errors.ts";
import { Decimal, DECIMAL_BOUND } from "./decimal.ts";
import { divideRounded, pow10Big, type RoundingMode } from "./rounding.ts";
import { DEFAULT_DIVISION_SCALE } from "./scaled_arithmetic.ts";
import { _formatScaled } from "./_format_scaled.ts";

/** Options of Decimal multiplication, division and rescaling. */
export interface DecimalArithmeticOptions {
  /** Result scale, 0..38 (default: the natural scale, see the module docs). */
  scale?: number;
  /** Rounding when digits are dropped (default HALF_EVEN). */
  rounding?: RoundingMode;
}

function checkScale(scale: number): void {
  if ((scale >>> 0) !== scale || scale > MAX_DECIMAL_PRECISION) {
    throw new RangeError(`Decimal scale must be an integer 0..${MAX_DECIMAL_PRECISION}, got ${scale}`);
  }
}

function fit(v: bigint, scale: number, what: string): Decimal {
  if (v >= DECIMAL_BOUND || v <= -DECIMAL_BOUND) {
    throw new OverflowError(
      `Decimal overflow: ${what} = ${_formatScaled(v, scale)} has more than ${MAX_DECIMAL_PRECISION} digits`,
    );
  }
  return new Decimal(v, scale);
}

/**
 * a + b at the larger scale.
 *
 * @param a left operand
 * @param b right operand
 * @returns the exact sum
 * @throws {OverflowError} past 38 digits
 * @example
 * ```ts
 * import { addDecimal } from "./decimal_arithmetic.ts";
 * import { Decimal } from "./decimal.ts";
 * if (String(addDecimal(new Decimal(1n, 1), new Decimal(2n, 2))) !== "0.12") throw new Error();
 * ```
 */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const s = a.scale > b.scale ? a.scale : b.scale;
  return fit(a.unscaled * pow10Big(s - a.scale) + b.unscaled * pow10Big(s - b.scale), s, `${a} + ${b}`);
}

/**
 * a - b at the larger scale.
 *
 * @param a left operand
 * @param b right operand
 * @returns the exact difference
 * @throws {OverflowError} past 38 digits
 * @example
 * ```ts
 * import { subtractDecimal } from "./decimal_arithmetic.ts";
 * import { Decimal } from "./decimal.ts";
 * if (String(subtractDecimal(new Decimal(1n, 1), new Decimal(2n, 2))) !== "0.08") throw new Error();
 * ```
 */
export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  const s = a.scale > b.scale ? a.scale : b.scale;
  return fit(a.unscaled * pow10Big(s - a.scale) - b.unscaled * pow10Big(s - b.scale), s, `${a} - ${b}`);
}

/**
 * a * b: the scales add, or the exact product is rounded to `options.scale`.
 *
 * @param a left operand
 * @param b right operand
 * @param options result scale and rounding
 * @returns the product
 * @throws {OverflowError} past 38 digits, or a natural scale past 38 without `options.scale`
 * @example
 * ```ts
 * import { multiplyDecimal } from "./decimal_arithmetic.ts";
 * import { Decimal } from "./decimal.ts";
 * if (String(multiplyDecimal(new Decimal(15n, 1), new Decimal(15n, 1))) !== "2.25") throw new Error();
 * ```
 */
export function multiplyDecimal(a: Decimal, b: Decimal, options?: DecimalArithmeticOptions): Decimal {
  const natural = a.scale + b.scale;
  const target = options?.scale ?? natural;
  if (options?.scale === undefined) {
    if (natural > MAX_DECIMAL_PRECISION) {
      throw new OverflowError(
        `Decimal overflow: ${a} * ${b} needs scale ${natural}, more than ${MAX_DECIMAL_PRECISION}; give a result scale`,
      );
    }
  } else checkScale(target);
  let v = a.unscaled * b.unscaled;
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
 * @throws {OverflowError} past 38 digits
 * @example
 * ```ts
 * import { divideDecimal } from "./decimal_arithmetic.ts";
 * import { Decimal } from "./decimal.ts";
 * if (String(divideDecimal(new Decimal(2n, 0), new Decimal(3n, 0))) !== "0.666667") throw new Error();
 * ```
 */
export function divideDecimal(a: Decimal, b: Decimal, options?: DecimalArithmeticOptions): Decimal {
  if (b.unscaled === 0n) throw new DivisionByZeroError(`Division by zero: ${a} / ${b}`);
  const target = options?.scale ?? Math.min(MAX_DECIMAL_PRECISION, Math.max(a.scale, b.scale, DEFAULT_DIVISION_SCALE));
  checkScale(target);
  const e = target - a.scale + b.scale;
  const mode = options?.rounding;
  const v = e >= 0
    ? divideRounded(a.unscaled * pow10Big(e), b.unscaled, mode)
    : divideRounded(a.unscaled, b.unscaled * pow10Big(-e), mode);
  return fit(v, target, `${a} / ${b}`);
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
 * import { moduloDecimal } from "./decimal_arithmetic.ts";
 * import { Decimal } from "./decimal.ts";
 * if (String(moduloDecimal(new Decimal(55n, 1), new Decimal(2n, 0))) !== "1.5") throw new Error();
 * ```
 */
export function moduloDecimal(a: Decimal, b: Decimal): Decimal {
  if (b.unscaled === 0n) throw new DivisionByZeroError(`Division by zero: ${a} % ${b}`);
  const s = a.scale > b.scale ? a.scale : b.scale;
  return fit((a.unscaled * pow10Big(s - a.scale)) % (b.unscaled * pow10Big(s - b.scale)), s, `${a} % ${b}`);
}

/**
 * The value at another scale: exact when the scale grows, rounded (HALF_EVEN by default) when it shrinks.
 *
 * @param a the value
 * @param options `scale` (required) and `rounding`
 * @returns the rescaled value
 * @throws {OverflowError} past 38 digits
 * @example
 * ```ts
 * import { rescaleDecimal } from "./decimal_arithmetic.ts";
 * import { Decimal } from "./decimal.ts";
 * if (String(rescaleDecimal(new Decimal(-125n, 2), { scale: 1, rounding: "half_up" })) !== "-1.3") throw new Error();
 * ```
 */
export function rescaleDecimal(a: Decimal, options: DecimalArithmeticOptions & { scale: number }): Decimal {
  const t = options.scale;
  checkScale(t);
  if (t === a.scale) return a;
  const v = t > a.scale
    ? a.unscaled * pow10Big(t - a.scale)
    : divideRounded(a.unscaled, pow10Big(a.scale - t), options.rounding);
  return fit(v, t, `rescale(${a}, ${t})`);
}

/**
 * Exact three-way comparison after scale alignment.
 *
 * @param a left operand
 * @param b right operand
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * import { compareDecimal } from "./decimal_arithmetic.ts";
 * import { Decimal } from "./decimal.ts";
 * if (compareDecimal(new Decimal(10n, 1), new Decimal(1n, 0)) !== 0) throw new Error();
 * ```
 */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const s = a.scale > b.scale ? a.scale : b.scale;
  const p = a.unscaled * pow10Big(s - a.scale), q = b.unscaled * pow10Big(s - b.scale);
  return p < q ? -1 : p > q ? 1 : 0;
}
