/**
 * Compare -> bitmask, the CPU twin. Bit `i & 31` of word `i >> 5` is set when row i satisfies the comparison;
 * bits past the last row are 0.
 *
 * @module
 */

import type { I64Array } from "./int64_lanes.ts";

/** Comparison operators and their SQL symbols. */
export const CompareOps = { lt: "<", le: "<=", eq: "=", ne: "<>", gt: ">", ge: ">=" } as const;
/** A comparison operator name. */
export type CompareOp = keyof typeof CompareOps;

/**
 * Words needed for a bitmask of n rows.
 *
 * @param n rows
 * @returns ceil(n / 32)
 * @example
 * ```ts
 * import { maskWords } from "./compare.ts";
 * if (maskWords(33) !== 2) throw new Error();
 * ```
 */
export function maskWords(n: number): number {
  return (n + 31) >>> 5;
}

function test(op: CompareOp, c: number): boolean {
  switch (op) {
    case "lt":
      return c < 0;
    case "le":
      return c <= 0;
    case "eq":
      return c === 0;
    case "ne":
      return c !== 0;
    case "gt":
      return c > 0;
    case "ge":
      return c >= 0;
  }
}

/** Safe integers compare exactly as doubles; one loop per operator keeps the hot loop branch-free. */
function compareF64Scalar(op: CompareOp, a: Float64Array, b: number, out: Uint32Array): void {
  const n = a.length;
  for (let w = 0; w < out.length; w++) {
    const base = w << 5, end = Math.min(32, n - base);
    let m = 0;
    switch (op) {
      case "lt":
        for (let j = 0; j < end; j++) m |= (a[base + j] < b ? 1 : 0) << j;
        break;
      case "le":
        for (let j = 0; j < end; j++) m |= (a[base + j] <= b ? 1 : 0) << j;
        break;
      case "eq":
        for (let j = 0; j < end; j++) m |= (a[base + j] === b ? 1 : 0) << j;
        break;
      case "ne":
        for (let j = 0; j < end; j++) m |= (a[base + j] !== b ? 1 : 0) << j;
        break;
      case "gt":
        for (let j = 0; j < end; j++) m |= (a[base + j] > b ? 1 : 0) << j;
        break;
      case "ge":
        for (let j = 0; j < end; j++) m |= (a[base + j] >= b ? 1 : 0) << j;
        break;
    }
    out[w] = m;
  }
}

/**
 * Compares an exact i64 vector with a scalar or another vector.
 *
 * @param op the comparison
 * @param a left values
 * @param b a scalar (number must be a safe integer) or a vector of the same length
 * @returns the bitmask
 * @throws {RangeError} when b is an unsafe number or a vector of another length
 * @example
 * ```ts
 * import { compareI64 } from "./compare.ts";
 * if (compareI64("gt", new Float64Array([1, 9, 3]), 2)[0] !== 0b110) throw new Error();
 * ```
 */
export function compareI64(op: CompareOp, a: I64Array, b: number | bigint | I64Array): Uint32Array {
  const n = a.length;
  const out = new Uint32Array(maskWords(n));
  if (typeof b === "number" && !Number.isSafeInteger(b)) {
    throw new RangeError(`Expected an exact integer to compare with, got ${b}`);
  }
  if (typeof b !== "number" && typeof b !== "bigint" && b.length !== n) {
    throw new RangeError(`Operand lengths differ: ${n} and ${b.length}`);
  }
  if (a instanceof Float64Array && typeof b === "number") {
    compareF64Scalar(op, a, b, out);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const xa = a[i];
    const yb = typeof b === "number" || typeof b === "bigint" ? b : b[i];
    // Mixed number/bigint comparison is exact in JavaScript.
    const c = xa < yb ? -1 : xa > yb ? 1 : 0;
    if (test(op, c)) out[i >>> 5] |= 1 << (i & 31);
  }
  return out;
}

/**
 * Compares an Int32Array (dictionary codes, dates) with a scalar or another vector.
 *
 * @param op the comparison
 * @param a left values
 * @param b an i32 scalar or a vector of the same length
 * @returns the bitmask
 * @example
 * ```ts
 * import { compareI32 } from "./compare.ts";
 * if (compareI32("eq", new Int32Array([0, 1, 0]), 0)[0] !== 0b101) throw new Error();
 * ```
 */
export function compareI32(op: CompareOp, a: Int32Array, b: number | Int32Array): Uint32Array {
  const n = a.length;
  if (typeof b !== "number" && b.length !== n) throw new RangeError(`Operand lengths differ: ${n} and ${b.length}`);
  const out = new Uint32Array(maskWords(n));
  for (let i = 0; i < n; i++) {
    const y = typeof b === "number" ? b : b[i];
    if (test(op, a[i] - y)) out[i >>> 5] |= 1 << (i & 31);
  }
  return out;
}

/**
 * ANDs two bitmasks of the same length into a new one.
 *
 * @param a mask
 * @param b mask
 * @returns a & b
 * @example
 * ```ts
 * import { andMasks } from "./compare.ts";
 * if (andMasks(new Uint32Array([6]), new Uint32Array([3]))[0] !== 2) throw new Error();
 * ```
 */
export function andMasks(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}
