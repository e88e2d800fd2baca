/**
 * i64 as pairs of u32 lanes: the layout both the GPU (`vec2<u32>`, WGSL has no i64) and the kernel test vectors
 * use. Lane 2i is the low word, lane 2i+1 the high word of the two's-complement value of row i.
 *
 * An exact i64 column is a Float64Array of safe integers (the fast layout) or a BigInt64Array (the wide one).
 * Kernel outputs follow the same rule as the column builder: a Float64Array when every value is safe, else a
 * BigInt64Array.
 *
 * @module
 */

/** An exact i64 vector: safe integers in doubles, or a BigInt64Array. */
export type I64Array = Float64Array | BigInt64Array;

const TWO32 = 4294967296;
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Converts an exact i64 vector to interleaved (lo, hi) u32 lanes.
 *
 * @param data safe-integer doubles or a BigInt64Array
 * @returns 2 * length lanes (a copy for doubles; for a BigInt64Array a copy of its bytes)
 * @throws {RangeError} when a double is not a safe integer (it may already be rounded)
 * @example
 * ```ts
 * import { toLanes } from "./int64_lanes.ts";
 * const l = toLanes(new Float64Array([-1, 2 ** 32 + 5]));
 * if (l[0] !== 0xffffffff || l[1] !== 0xffffffff || l[2] !== 5 || l[3] !== 1) throw new Error();
 * ```
 */
export function toLanes(data: I64Array): Uint32Array {
  const n = data.length;
  if (data instanceof BigInt64Array) {
    return new Uint32Array(data.buffer.slice(data.byteOffset, data.byteOffset + n * 8));
  }
  const out = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (!(v >= -SAFE && v <= SAFE) || Math.floor(v) !== v) {
      throw new RangeError(`Expected an exact integer at row ${i}, got ${v}`);
    }
    out[2 * i] = v >>> 0;
    out[2 * i + 1] = Math.floor(v / TWO32) >>> 0;
  }
  return out;
}

/**
 * Sign-extends Int32Array values to i64 lanes.
 *
 * @param data the 32-bit values
 * @returns 2 * length lanes
 * @example
 * ```ts
 * import { i32ToLanes } from "./int64_lanes.ts";
 * if (i32ToLanes(new Int32Array([-2]))[1] !== 0xffffffff) throw new Error();
 * ```
 */
export function i32ToLanes(data: Int32Array): Uint32Array {
  const out = new Uint32Array(2 * data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    out[2 * i] = v >>> 0;
    out[2 * i + 1] = v < 0 ? 0xffffffff : 0;
  }
  return out;
}

/**
 * The i64 value of row i of a lane array, as a bigint.
 *
 * @param lanes interleaved lanes
 * @param i row
 * @returns the signed value
 * @example
 * ```ts
 * import { laneAt, toLanes } from "./int64_lanes.ts";
 * if (laneAt(toLanes(new Float64Array([-7])), 0) !== -7n) throw new Error();
 * ```
 */
export function laneAt(lanes: Uint32Array, i: number): bigint {
  const hi = lanes[2 * i + 1] | 0;
  return (BigInt(hi) << 32n) + BigInt(lanes[2 * i]);
}

/**
 * Converts lanes back to an exact i64 vector: a Float64Array when every value is safe, else a BigInt64Array.
 *
 * @param lanes interleaved lanes
 * @returns the vector
 * @example
 * ```ts
 * import { fromLanes, toLanes } from "./int64_lanes.ts";
 * const v = fromLanes(toLanes(new Float64Array([3, -4])));
 * if (!(v instanceof Float64Array) || v[1] !== -4) throw new Error();
 * ```
 */
export function fromLanes(lanes: Uint32Array): I64Array {
  const n = lanes.length >>> 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hi = lanes[2 * i + 1] | 0;
    const v = hi * TWO32 + lanes[2 * i];
    // |hi| < 2^21 keeps hi * 2^32 + lo exact and safe (the bounds -2^53..2^53 excluded below).
    if (hi >= -2097152 && hi < 2097152 && v >= -SAFE && v <= SAFE) out[i] = v;
    else {
      const b = new BigInt64Array(n);
      new Uint32Array(b.buffer).set(lanes.subarray(0, 2 * n));
      return b;
    }
  }
  return out;
}

/**
 * Normalises an exact i64 vector: BigInt64Array values all in the safe range become a Float64Array.
 *
 * @param data the vector
 * @returns the normalised vector (the same object when already normal)
 * @example
 * ```ts
 * import { normalizeI64Array } from "./int64_lanes.ts";
 * if (!(normalizeI64Array(new BigInt64Array([1n])) instanceof Float64Array)) throw new Error();
 * ```
 */
export function normalizeI64Array(data: I64Array): I64Array {
  if (data instanceof Float64Array) return data;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v > 9007199254740991n || v < -9007199254740991n) return data;
    out[i] = Number(v);
  }
  return out;
}

/**
 * The value of row i of an exact i64 vector as a bigint.
 *
 * @param data the vector
 * @param i row
 * @returns the value
 * @example
 * ```ts
 * import { i64At } from "./int64_lanes.ts";
 * if (i64At(new Float64Array([9]), 0) !== 9n) throw new Error();
 * ```
 */
export function i64At(data: I64Array, i: number): bigint {
  const v = data[i];
  return typeof v === "bigint" ? v : BigInt(v);
}
