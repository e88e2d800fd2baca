/**
 * Elementwise arithmetic, the CPU twin (it defines the semantics the GPU kernel must match bit for bit).
 *
 * - i64 (exact): Float64Array of safe integers or BigInt64Array in, the same rule out (Float64Array when every
 *   result is safe). A result outside -2^63..2^63-1 is an OverflowError naming the first such row; never wrapped.
 * - ScaledInteger: `+`/`-` first align both sides to the larger scale (each aligned operand must fit in i64);
 *   `*` adds the scales (at most 18).
 * - i32: checked like i64 against the i32 range.
 * - f32: IEEE binary32, each result rounded once (`Math.fround`).
 *
 * @module
 */

import { OverflowError } from "../errors.ts";
import { MAX_SCALE } from "../types/data_type.ts";
import { type I64Array, normalizeI64Array } from "./int64_lanes.ts";

/** The elementwise operators and their SQL symbols. */
export const ArithOps = { add: "+", sub: "-", mul: "*" } as const;
/** An elementwise operator name. */
export type ArithOp = keyof typeof ArithOps;

/** Options of arithI64. */
export interface ArithI64Options {
  /** Factor applied to every left operand before the operator (checked; default 1n). Used for scale alignment. */
  aFactor?: bigint;
  /** Factor applied to every right operand before the operator (checked; default 1n). */
  bFactor?: bigint;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The OverflowError both paths raise for row `row` (so the CPU twin and the GPU report identically).
 *
 * @param op the operator
 * @param a left operand (before its factor)
 * @param b right operand (before its factor)
 * @param row the first row that overflowed
 * @param aFactor the left factor
 * @param bFactor the right factor
 * @param range "i64" or "i32"
 * @returns the error (not thrown)
 * @example
 * ```ts
 * import { arithOverflowError } from "./arith.ts";
 * const e = arithOverflowError("add", 2n ** 63n - 1n, 1n, 4);
 * if (e.message !== "Integer overflow at row 4: 9223372036854775807 + 1 is outside the i64 range") throw e;
 * ```
 */
export function arithOverflowError(
  op: ArithOp,
  a: bigint,
  b: bigint,
  row: number,
  aFactor: bigint = 1n,
  bFactor: bigint = 1n,
  range: "i64" | "i32" = "i64",
): OverflowError {
  const l = aFactor === 1n ? `${a}` : `(${a} * ${aFactor})`;
  const r = bFactor === 1n ? `${b}` : `(${b} * ${bFactor})`;
  return new OverflowError(`Integer overflow at row ${row}: ${l} ${ArithOps[op]} ${r} is outside the ${range} range`);
}

function checkLengths(a: { length: number }, b: { length: number }): void {
  if (a.length !== b.length) throw new RangeError(`Operand lengths differ: ${a.length} and ${b.length}`);
}

function exact(op: ArithOp, x: bigint, y: bigint): bigint {
  return op === "add" ? x + y : op === "sub" ? x - y : x * y;
}

/**
 * Exact elementwise i64 arithmetic with overflow detection.
 *
 * @param op add, sub or mul
 * @param a left operands
 * @param b right operands (same length)
 * @param options factors for scale alignment
 * @returns the results (Float64Array when all are safe integers, else BigInt64Array)
 * @throws {OverflowError} at the first row whose aligned operand or result leaves the i64 range
 * @throws {RangeError} when the lengths differ
 * @example
 * ```ts
 * import { arithI64 } from "./arith.ts";
 * const r = arithI64("mul", new Float64Array([2 ** 40]), new Float64Array([2 ** 20]));
 * if (r[0] !== 2n ** 60n) throw new Error();
 * ```
 */
export function arithI64(op: ArithOp, a: I64Array, b: I64Array, options: ArithI64Options = {}): I64Array {
  checkLengths(a, b);
  const fa = options.aFactor ?? 1n, fb = options.bFactor ?? 1n;
  const n = a.length;
  const out = new Float64Array(n);
  let i = 0;
  if (a instanceof Float64Array && b instanceof Float64Array && fa <= SAFE && fb <= SAFE) {
    const na = Number(fa), nb = Number(fb);
    for (; i < n; i++) {
      const x = a[i] * na, y = b[i] * nb;
      // A double product or sum whose magnitude is <= 2^53-1 is exact (rounding is monotone; 2^53 is a double).
      if (!(x <= SAFE && x >= -SAFE && y <= SAFE && y >= -SAFE)) break;
      const r = op === "add" ? x + y : op === "sub" ? x - y : x * y;
      if (!(r <= SAFE && r >= -SAFE)) break;
      out[i] = r === 0 ? 0 : r;
    }
    if (i === n) return out;
  }
  const wide = new BigInt64Array(n);
  for (let k = 0; k < i; k++) wide[k] = BigInt(out[k]);
  for (; i < n; i++) {
    const av = a[i], bv = b[i];
    const x0 = typeof av === "bigint" ? av : BigInt(av), y0 = typeof bv === "bigint" ? bv : BigInt(bv);
    const x = x0 * fa, y = y0 * fb;
    const r = exact(op, x, y);
    if (x < I64_MIN || x > I64_MAX || y < I64_MIN || y > I64_MAX || r < I64_MIN || r > I64_MAX) {
      throw arithOverflowError(op, x0, y0, i, fa, fb);
    }
    wide[i] = r;
  }
  return normalizeI64Array(wide);
}

/** A ScaledInteger vector: i64 units and one scale. */
export interface ScaledVector {
  /** Units (value = units / 10^scale). */
  data: I64Array;
  /** Digits after the point, 0..18. */
  scale: number;
}

/**
 * Exact elementwise ScaledInteger arithmetic: `+`/`-` at the larger scale, `*` at the sum of the scales.
 *
 * @param op add, sub or mul
 * @param a left vector
 * @param b right vector
 * @returns the result vector
 * @throws {OverflowError} at the first overflowing row (alignment or result)
 * @throws {RangeError} when a product's scale would pass 18, or the lengths differ
 * @example
 * ```ts
 * import { arithScaled } from "./arith.ts";
 * const r = arithScaled("add", { data: new Float64Array([150]), scale: 2 }, { data: new Float64Array([1]), scale: 0 });
 * if (r.scale !== 2 || r.data[0] !== 250) throw new Error();
 * ```
 */
export function arithScaled(op: ArithOp, a: ScaledVector, b: ScaledVector): ScaledVector {
  if (op === "mul") {
    const scale = a.scale + b.scale;
    if (scale > MAX_SCALE) {
      throw new RangeError(`Product scale ${a.scale} + ${b.scale} = ${scale} is past the largest scale ${MAX_SCALE}`);
    }
    return { data: arithI64("mul", a.data, b.data), scale };
  }
  const scale = Math.max(a.scale, b.scale);
  const aFactor = 10n ** BigInt(scale - a.scale), bFactor = 10n ** BigInt(scale - b.scale);
  return { data: arithI64(op, a.data, b.data, { aFactor, bFactor }), scale };
}

/**
 * Exact elementwise i32 arithmetic with overflow detection.
 *
 * @param op add, sub or mul
 * @param a left operands
 * @param b right operands
 * @returns the results
 * @throws {OverflowError} at the first row whose result leaves the i32 range
 * @example
 * ```ts
 * import { arithI32 } from "./arith.ts";
 * if (arithI32("sub", new Int32Array([5]), new Int32Array([7]))[0] !== -2) throw new Error();
 * ```
 */
export function arithI32(op: ArithOp, a: Int32Array, b: Int32Array): Int32Array {
  checkLengths(a, b);
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    // Doubles hold every i32 sum exactly; a product may round, but rounding is monotone, so it leaves the i32
    // range exactly when the exact product does, and inside the range it is exact.
    const r = op === "add" ? x + y : op === "sub" ? x - y : x * y;
    if (r < -2147483648 || r > 2147483647) throw arithOverflowError(op, BigInt(x), BigInt(y), i, 1n, 1n, "i32");
    out[i] = r;
  }
  return out;
}

/**
 * Elementwise f32 arithmetic: each result is the binary32 rounding of the exact result.
 *
 * @param op add, sub or mul
 * @param a left operands
 * @param b right operands
 * @returns the results
 * @example
 * ```ts
 * import { arithF32 } from "./arith.ts";
 * if (arithF32("add", new Float32Array([0.5]), new Float32Array([0.25]))[0] !== 0.75) throw new Error();
 * ```
 */
export function arithF32(op: ArithOp, a: Float32Array, b: Float32Array): Float32Array {
  checkLengths(a, b);
  const out = new Float32Array(a.length);
  // binary32 operands are exact in binary64, and a double sum, difference or product of two binary32 values
  // rounded to binary32 equals the directly rounded binary32 result (double has > 2*24+2 bits of precision).
  if (op === "add") { for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i]; }
  else if (op === "sub") { for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i]; }
  else for (let i = 0; i < a.length; i++) out[i] = a[i] * b[i];
  return out;
}
