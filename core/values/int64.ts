/**
 * Exact 64-bit integers in JavaScript: a JS number while |v| <= 2^53 - 1, a bigint beyond.
 *
 * Every `Int64` handed around by Sluice is normalised: a safe integer is always a number, and a bigint is always
 * outside the safe range. That keeps the common case on V8's fast number path and the rare case exact.
 *
 * @module
 */

import { OverflowError } from "../errors.ts";

/** An exact i64: a safe-integer number, or a bigint outside the safe range (see module docs). */
export type Int64 = number | bigint;

/** -2^63 */
export const I64_MIN: bigint = -(2n ** 63n);
/** 2^63 - 1 */
export const I64_MAX: bigint = 2n ** 63n - 1n;
/** Number.MAX_SAFE_INTEGER as a bigint. */
export const SAFE_MAX_BIG: bigint = BigInt(Number.MAX_SAFE_INTEGER);
/** Number.MIN_SAFE_INTEGER as a bigint. */
export const SAFE_MIN_BIG: bigint = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * Normalises a bigint known to be in i64 range to an Int64 (a number when safe).
 *
 * @param v the value
 * @returns a number when |v| <= 2^53-1, else v
 * @example
 * ```ts
 * import { normalizeInt64 } from "./int64.ts";
 * if (normalizeInt64(5n) !== 5) throw new Error();
 * ```
 */
export function normalizeInt64(v: bigint): Int64 {
  return v >= SAFE_MIN_BIG && v <= SAFE_MAX_BIG ? Number(v) : v;
}

/**
 * Checks a bigint against the i64 range and normalises it.
 *
 * @param v the exact result
 * @param what description of the operation for the error message
 * @returns the normalised Int64
 * @throws {OverflowError} when v is outside -2^63..2^63-1
 * @example
 * ```ts
 * import { checkedInt64 } from "./int64.ts";
 * if (checkedInt64(2n ** 60n, "x") !== 2n ** 60n) throw new Error();
 * ```
 */
export function checkedInt64(v: bigint, what: string): Int64 {
  if (v < I64_MIN || v > I64_MAX) throw new OverflowError(`Integer overflow: ${what} = ${v} is outside the i64 range`);
  return v >= SAFE_MIN_BIG && v <= SAFE_MAX_BIG ? Number(v) : v;
}

/**
 * Whether a JS value is a valid, normalised Int64.
 *
 * @param v anything
 * @returns true for a safe integer number or a bigint in i64 range outside the safe range
 * @example
 * ```ts
 * import { isInt64 } from "./int64.ts";
 * if (!isInt64(2n ** 62n) || isInt64(1.5)) throw new Error();
 * ```
 */
export function isInt64(v: unknown): v is Int64 {
  if (typeof v === "number") return Number.isSafeInteger(v);
  if (typeof v === "bigint") return v >= I64_MIN && v <= I64_MAX && (v < SAFE_MIN_BIG || v > SAFE_MAX_BIG);
  return false;
}

/**
 * Converts a number or bigint to a normalised Int64, or fails.
 *
 * @param v a safe-integer number or any bigint
 * @returns the normalised value
 * @throws {RangeError} for a non-integer or unsafe number (it may already be rounded)
 * @throws {OverflowError} for a bigint outside i64
 * @example
 * ```ts
 * import { toInt64 } from "./int64.ts";
 * if (toInt64(7n) !== 7) throw new Error();
 * ```
 */
export function toInt64(v: number | bigint): Int64 {
  if (typeof v === "bigint") return checkedInt64(v, "value");
  if (!Number.isSafeInteger(v)) {
    throw new RangeError(`Expected an exact integer, got ${v}: numbers beyond 2^53-1 must be given as bigint`);
  }
  return v === 0 ? 0 : v; // fold -0
}

/**
 * The Int64 as a bigint.
 *
 * @param v the value
 * @returns v as bigint
 * @example
 * ```ts
 * import { int64ToBigInt } from "./int64.ts";
 * if (int64ToBigInt(3) !== 3n) throw new Error();
 * ```
 */
export function int64ToBigInt(v: Int64): bigint {
  return typeof v === "bigint" ? v : BigInt(v);
}
