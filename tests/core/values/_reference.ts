// An independent BigInt reference for the differential tests (floor division based, not the code under test).
import type { RoundingMode } from "../../../core/values/rounding.ts";

export const I64_MIN = -(2n ** 63n);
export const I64_MAX = 2n ** 63n - 1n;

/** n / d rounded by mode, computed from the floor quotient. */
export function refDivide(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  let q = n / d;
  if (n < 0n && q * d !== n) q -= 1n; // floor
  const r = n - q * d; // 0 <= r < d
  if (r === 0n) return q;
  const twice = 2n * r;
  const neg = q < 0n; // the true value q + r/d is negative exactly when q < 0
  switch (mode) {
    case "floor":
      return q;
    case "ceiling":
      return q + 1n;
    case "down":
      return neg ? q + 1n : q;
    case "up":
      return neg ? q : q + 1n;
    case "half_up":
      if (twice > d) return q + 1n;
      if (twice < d) return q;
      return neg ? q : q + 1n;
    case "half_even":
      if (twice > d) return q + 1n;
      if (twice < d) return q;
      return q % 2n === 0n ? q : q + 1n;
  }
}

/** x as m * 2^-k with m a bigint, found by doubling (x finite). */
export function refFloatFraction(x: number): [bigint, number] {
  let k = 0;
  while (!Number.isInteger(x)) {
    x *= 2;
    k++;
  }
  return [BigInt(x), k];
}

/** Exact order of a finite double and units / 10^scale. */
export function refCompareFloat(x: number, units: bigint, scale: number): -1 | 0 | 1 {
  const [m, k] = refFloatFraction(x);
  const l = m * 10n ** BigInt(scale), r = units * 2n ** BigInt(k);
  return l < r ? -1 : l > r ? 1 : 0;
}

export function sign(v: bigint): -1 | 0 | 1 {
  return v < 0n ? -1 : v > 0n ? 1 : 0;
}
