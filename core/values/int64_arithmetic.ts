/**
 * Exact Integer (i64) arithmetic: JS numbers while the operands and the result are safe integers, bigint past
 * 2^53-1, never a rounded or wrapped result. Overflow past i64 is an OverflowError naming the operands.
 *
 * Integer / Integer is SQL integer division (as in PostgreSQL): the exact quotient truncated toward zero,
 * `7 / 2 = 3`, `-7 / 2 = -3`; `%` takes the sign of the dividend, `-7 % 2 = -1`, so `a = (a / b) * b + a % b`.
 *
 * @module
 */

import { DivisionByZeroError } from "../errors.ts";
import { checkedInt64, type Int64 } from "./int64.ts";

/**
 * a + b, exact.
 *
 * @param a left operand
 * @param b right operand
 * @returns the normalised sum
 * @throws {OverflowError} when the sum leaves i64
 * @example
 * ```ts
 * import { addInt64 } from "./int64_arithmetic.ts";
 * if (addInt64(Number.MAX_SAFE_INTEGER, 1) !== 2n ** 53n) throw new Error();
 * ```
 */
export function addInt64(a: Int64, b: Int64): Int64 {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (r <= Number.MAX_SAFE_INTEGER && r >= -Number.MAX_SAFE_INTEGER) return r + 0;
  }
  return checkedInt64(BigInt(a) + BigInt(b), `${a} + ${b}`);
}

/**
 * a - b, exact.
 *
 * @param a left operand
 * @param b right operand
 * @returns the normalised difference
 * @throws {OverflowError} when the difference leaves i64
 * @example
 * ```ts
 * import { subtractInt64 } from "./int64_arithmetic.ts";
 * if (subtractInt64(5, 7) !== -2) throw new Error();
 * ```
 */
export function subtractInt64(a: Int64, b: Int64): Int64 {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (r <= Number.MAX_SAFE_INTEGER && r >= -Number.MAX_SAFE_INTEGER) return r + 0;
  }
  return checkedInt64(BigInt(a) - BigInt(b), `${a} - ${b}`);
}

/**
 * a * b, exact.
 *
 * @param a left operand
 * @param b right operand
 * @returns the normalised product
 * @throws {OverflowError} when the product leaves i64
 * @example
 * ```ts
 * import { multiplyInt64 } from "./int64_arithmetic.ts";
 * if (multiplyInt64(2 ** 40, 2 ** 20) !== 2n ** 60n) throw new Error();
 * ```
 */
export function multiplyInt64(a: Int64, b: Int64): Int64 {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    // A true product inside the safe range is exact in a double; one outside rounds to >= 2^53 in magnitude.
    if (r <= Number.MAX_SAFE_INTEGER && r >= -Number.MAX_SAFE_INTEGER) return r + 0;
  }
  return checkedInt64(BigInt(a) * BigInt(b), `${a} * ${b}`);
}

/**
 * a / b as SQL integer division: truncated toward zero.
 *
 * @param a dividend
 * @param b divisor
 * @returns the truncated quotient
 * @throws {DivisionByZeroError} when b is 0
 * @throws {OverflowError} for -2^63 / -1
 * @example
 * ```ts
 * import { divideInt64 } from "./int64_arithmetic.ts";
 * if (divideInt64(-7, 2) !== -3) throw new Error();
 * ```
 */
export function divideInt64(a: Int64, b: Int64): Int64 {
  if (b === 0) throw new DivisionByZeroError(`Division by zero: ${a} / 0`);
  if (typeof a === "number" && typeof b === "number") {
    const r = a % b;
    return (a - r) / b + 0;
  }
  return checkedInt64(BigInt(a) / BigInt(b), `${a} / ${b}`);
}

/**
 * a % b with the sign of the dividend (SQL and JS semantics).
 *
 * @param a dividend
 * @param b divisor
 * @returns the remainder
 * @throws {DivisionByZeroError} when b is 0
 * @example
 * ```ts
 * import { moduloInt64 } from "./int64_arithmetic.ts";
 * if (moduloInt64(-7, 2) !== -1) throw new Error();
 * ```
 */
export function moduloInt64(a: Int64, b: Int64): Int64 {
  if (b === 0) throw new DivisionByZeroError(`Division by zero: ${a} % 0`);
  if (typeof a === "number" && typeof b === "number") return (a % b) + 0;
  return checkedInt64(BigInt(a) % BigInt(b), `${a} % ${b}`);
}

/**
 * -a, exact.
 *
 * @param a the operand
 * @returns its negation
 * @throws {OverflowError} for -(-2^63)
 * @example
 * ```ts
 * import { negateInt64 } from "./int64_arithmetic.ts";
 * if (negateInt64(5) !== -5) throw new Error();
 * ```
 */
export function negateInt64(a: Int64): Int64 {
  if (typeof a === "number") return 0 - a;
  return checkedInt64(-a, `-(${a})`);
}

/**
 * Three-way comparison of two Int64 values (exact for every mix of number and bigint).
 *
 * @param a left operand
 * @param b right operand
 * @returns -1, 0 or 1
 * @example
 * ```ts
 * import { compareInt64 } from "./int64_arithmetic.ts";
 * if (compareInt64(2n ** 60n, 3) !== 1) throw new Error();
 * ```
 */
export function compareInt64(a: Int64, b: Int64): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
