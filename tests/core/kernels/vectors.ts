/**
 * Test vectors shared by the CPU-twin tests (tests/core/kernels) and the GPU parity tests (tests/gpu): seeded
 * random exact i64 data with the edge values ±2^53, ±2^63, 0, ±1 and values of every scale.
 */

import { mulberry32 } from "../../../core/gen/mulberry32.ts";
import { type I64Array, normalizeI64Array } from "../../../core/kernels/int64_lanes.ts";

/** Edge values every i64 vector contains. */
export const EDGES: readonly bigint[] = [
  0n,
  1n,
  -1n,
  2n ** 31n - 1n,
  -(2n ** 31n),
  2n ** 32n,
  2n ** 53n - 1n,
  -(2n ** 53n - 1n),
  2n ** 53n,
  -(2n ** 53n),
  2n ** 63n - 1n,
  -(2n ** 63n),
  10n ** 18n,
  -(10n ** 18n),
];

/** A random bigint in [-2^(bits-1), 2^(bits-1)). */
function randomBits(r: () => number, bits: number): bigint {
  let v = 0n;
  for (let k = 0; k < bits; k += 16) v = (v << 16n) | BigInt(Math.floor(r() * 65536));
  v &= (1n << BigInt(bits)) - 1n;
  return BigInt.asIntN(bits, v);
}

/**
 * A seeded i64 vector of n rows: edge values first, then random values of mixed widths (8..64 bits).
 *
 * @param seed PRNG seed
 * @param n rows (>= EDGES.length keeps every edge)
 * @param maxBits widest random value (64 for the full i64 range, 53 for safe-only data)
 */
export function i64Vector(seed: number, n: number, maxBits = 64): bigint[] {
  const r = mulberry32(seed);
  const out: bigint[] = [];
  const limit = 2n ** BigInt(maxBits - 1);
  for (const e of EDGES) if (out.length < n && e < limit && e >= -limit) out.push(e);
  const widths = [8, 16, 24, 32, 40, 48, 53, 56, 64].filter((w) => w <= maxBits);
  while (out.length < n) out.push(randomBits(r, widths[Math.floor(r() * widths.length)]));
  return out;
}

/** The exact column form of bigints (Float64Array when all are safe). */
export function asI64Array(values: readonly bigint[]): I64Array {
  return normalizeI64Array(BigInt64Array.from(values));
}

/** Safe-integer doubles (the fast column layout): random values up to 2^bits. */
export function safeVector(seed: number, n: number, bits = 53): Float64Array {
  const r = mulberry32(seed);
  const out = new Float64Array(n);
  const lim = 2 ** (bits - 1);
  for (let i = 0; i < n; i++) out[i] = Math.floor((r() * 2 - 1) * lim);
  if (n > 1 && bits >= 53) {
    out[0] = Number.MAX_SAFE_INTEGER;
    out[1] = -Number.MAX_SAFE_INTEGER;
  }
  return out;
}

/** Random i32 values including the extremes. */
export function i32Vector(seed: number, n: number): Int32Array {
  const r = mulberry32(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r() * 4294967296) | 0;
  if (n > 3) {
    out[0] = 2147483647;
    out[1] = -2147483648;
    out[2] = 0;
    out[3] = -1;
  }
  return out;
}

/** Random f32 values (normal range, both signs, some exact integers). */
export function f32Vector(seed: number, n: number): Float32Array {
  const r = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (r() - 0.5) * 2 ** Math.floor(r() * 40 - 20);
  return out;
}

/** Group codes 0..groups-1. */
export function codeVector(seed: number, n: number, groups: number): Int32Array {
  const r = mulberry32(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r() * groups);
  return out;
}

/** A seeded bitmask of n rows with about `density` of the bits set. */
export function maskVector(seed: number, n: number, density = 0.5): Uint32Array {
  const r = mulberry32(seed);
  const out = new Uint32Array((n + 31) >>> 5);
  for (let i = 0; i < n; i++) if (r() < density) out[i >>> 5] |= 1 << (i & 31);
  return out;
}

/** Reference i64 arithmetic over bigints: null where the result leaves i64 (or an aligned operand does). */
export function refArith(op: "add" | "sub" | "mul", a: bigint, b: bigint, fa = 1n, fb = 1n): bigint | null {
  const lim = 2n ** 63n;
  const x = a * fa, y = b * fb;
  if (x < -lim || x >= lim || y < -lim || y >= lim) return null;
  const r = op === "add" ? x + y : op === "sub" ? x - y : x * y;
  return r < -lim || r >= lim ? null : r;
}

/** Vector pairs for arithmetic that do not overflow: each row's b is replaced by 1 where op(a, b) overflows. */
export function nonOverflowingPair(
  op: "add" | "sub" | "mul",
  a: readonly bigint[],
  b: readonly bigint[],
  fa = 1n,
  fb = 1n,
): bigint[] {
  return b.map((y, i) => {
    if (refArith(op, a[i], y, fa, fb) !== null) return y;
    for (const c of [0n, 1n, -1n]) if (refArith(op, a[i], c, fa, fb) !== null) return c;
    return 0n;
  });
}
