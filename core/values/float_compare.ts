/**
 * Exact comparison of a double with a decimal `units / 10^scale`. A finite double is an exact binary rational
 * m * 2^e, so 0.1 (really 0.1000000000000000055511151231257827...) is greater than SI(1, 1) = 0.1 exactly, and
 * 0.5 equals SI(5, 1).
 *
 * NaN follows PostgreSQL: NaN equals NaN and is greater than every other number (so sorting is total).
 *
 * @module
 */

import { POW10, pow10Big } from "./rounding.ts";

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);
const MANTISSA_MASK = (1n << 52n) - 1n;

/** x as [m, e] with x = m * 2^e exactly (x finite). */
function floatParts(x: number): [bigint, number] {
  F64[0] = x;
  const bits = U64[0];
  const exp = Number((bits >> 52n) & 0x7ffn);
  let m = bits & MANTISSA_MASK;
  let e: number;
  if (exp === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = exp - 1075;
  }
  return [bits >> 63n ? -m : m, e];
}

function exactCompare(x: number, units: bigint, scale: number): -1 | 0 | 1 {
  const [m, e] = floatParts(x);
  // compare m * 2^e * 10^scale with units
  let l = m * pow10Big(scale), r = units;
  if (e >= 0) l <<= BigInt(e);
  else r <<= BigInt(-e);
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * Compares a double with `units / 10^scale`, exactly.
 *
 * @param x the double (NaN is greater than every number)
 * @param units the unscaled integer (a safe-integer number or any bigint)
 * @param scale digits after the point, >= 0
 * @returns -1, 0 or 1 as x is less than, equal to or greater than the decimal
 * @example
 * ```ts
 * import { compareFloatToScaled } from "./float_compare.ts";
 * if (compareFloatToScaled(0.1, 1, 1) !== 1 || compareFloatToScaled(0.5, 5, 1) !== 0) throw new Error();
 * ```
 */
export function compareFloatToScaled(x: number, units: number | bigint, scale: number): -1 | 0 | 1 {
  if (x !== x) return 1;
  if (x === Infinity) return 1;
  if (x === -Infinity) return -1;
  if (typeof units === "number" && scale <= 22) {
    if (scale === 0) return x < units ? -1 : x > units ? 1 : 0;
    // y is the correctly rounded double of the decimal (both operands are exact doubles): a double below y is
    // below the decimal, a double above y is above it; only x === y needs the exact check.
    const y = units / POW10[scale];
    if (x < y) return -1;
    if (x > y) return 1;
    return exactCompare(x, BigInt(units), scale);
  }
  return exactCompare(x, typeof units === "bigint" ? units : BigInt(units), scale);
}

/**
 * Compares two doubles with NaN equal to itself and above every number (PostgreSQL order); -0 equals 0.
 *
 * @param a left double
 * @param b right double
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * import { compareFloat } from "./float_compare.ts";
 * if (compareFloat(NaN, Infinity) !== 1 || compareFloat(NaN, NaN) !== 0) throw new Error();
 * ```
 */
export function compareFloat(a: number, b: number): -1 | 0 | 1 {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = a !== a, bn = b !== b;
  return an && bn ? 0 : an ? 1 : -1;
}
