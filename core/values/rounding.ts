/**
 * Rounding modes and exact rounded integer division, shared by ScaledInteger, Decimal and the casts.
 *
 * @module
 */

/**
 * How an exact quotient is rounded to an integer.
 *
 * @example
 * ```ts
 * import { divideRounded, RoundingMode } from "./rounding.ts";
 * if (divideRounded(25n, 10n, RoundingMode.HALF_EVEN) !== 2n) throw new Error();
 * ```
 */
export const RoundingMode = {
  /** To nearest; ties to the even neighbour (banker's rounding). Default of arithmetic. */
  HALF_EVEN: "half_even",
  /** To nearest; ties away from zero (PostgreSQL numeric casts). */
  HALF_UP: "half_up",
  /** Toward zero (truncation). */
  DOWN: "down",
  /** Away from zero. */
  UP: "up",
  /** Toward negative infinity. */
  FLOOR: "floor",
  /** Toward positive infinity. */
  CEILING: "ceiling",
} as const;

/** One of the RoundingMode values. */
export type RoundingMode = typeof RoundingMode[keyof typeof RoundingMode];

/**
 * 10^0 .. 10^22: every one is an exact double.
 *
 * @example
 * ```ts
 * import { POW10 } from "./rounding.ts";
 * if (POW10[22] !== 1e22) throw new Error();
 * ```
 */
export const POW10: readonly number[] = Object.freeze(Array.from({ length: 23 }, (_, i) => Number(10n ** BigInt(i))));

const POW10_BIG: bigint[] = Array.from({ length: 80 }, (_, i) => 10n ** BigInt(i));

/**
 * 10^n as a bigint (cached up to 10^79).
 *
 * @param n a non-negative integer exponent
 * @returns 10^n
 * @example
 * ```ts
 * import { pow10Big } from "./rounding.ts";
 * if (pow10Big(3) !== 1000n) throw new Error();
 * ```
 */
export function pow10Big(n: number): bigint {
  return POW10_BIG[n] ?? 10n ** BigInt(n);
}

function roundUpNeeded(q: bigint | number, twiceR: number, d: number, mode: RoundingMode, pos: boolean): boolean {
  // twiceR and d are magnitudes; pos is the sign of the true quotient.
  switch (mode) {
    case "down":
      return false;
    case "up":
      return true;
    case "floor":
      return !pos;
    case "ceiling":
      return pos;
    case "half_up":
      return twiceR >= d;
    case "half_even":
      return twiceR > d || (twiceR === d && (typeof q === "bigint" ? (q & 1n) !== 0n : (q % 2) !== 0));
  }
}

/**
 * The exact quotient n / d rounded to an integer.
 *
 * @param n dividend
 * @param d divisor, not zero
 * @param mode rounding mode (default HALF_EVEN)
 * @returns the rounded quotient
 * @throws {RangeError} when d is zero (callers raise DivisionByZeroError before calling)
 * @example
 * ```ts
 * import { divideRounded, RoundingMode } from "./rounding.ts";
 * if (divideRounded(5n, 2n) !== 2n || divideRounded(-5n, 2n, RoundingMode.HALF_UP) !== -3n) throw new Error();
 * ```
 */
export function divideRounded(n: bigint, d: bigint, mode: RoundingMode = "half_even"): bigint {
  if (d === 0n) throw new RangeError("divideRounded: divisor is zero");
  const q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  const pos = (n < 0n) === (d < 0n);
  const ar = r < 0n ? -r : r;
  const ad = d < 0n ? -d : d;
  const twice = ar * 2n;
  const cmp = twice > ad ? 1 : twice < ad ? -1 : 0;
  // Map the bigint comparison onto small numbers for the shared decision.
  if (!roundUpNeeded(q, cmp + 1, 1, mode, pos)) return q;
  return pos ? q + 1n : q - 1n;
}

/**
 * The exact quotient n / d of two safe integers rounded to an integer, on doubles (no allocation).
 *
 * @param n dividend, a safe integer
 * @param d divisor, a safe integer, not zero
 * @param mode rounding mode (default HALF_EVEN)
 * @returns the rounded quotient (a safe integer, never -0)
 * @example
 * ```ts
 * import { divideRoundedNumber } from "./rounding.ts";
 * if (divideRoundedNumber(7, 2) !== 4 || divideRoundedNumber(-7, 2, "down") !== -3) throw new Error();
 * ```
 */
export function divideRoundedNumber(n: number, d: number, mode: RoundingMode = "half_even"): number {
  const r = n % d; // exact for doubles
  const q = (n - r) / d; // exact: n - r is a multiple of d
  if (r === 0) return q + 0;
  const pos = (n < 0) === (d < 0);
  const ar = r < 0 ? -r : r;
  const ad = d < 0 ? -d : d;
  const twice = ar * 2; // exact: a power-of-two multiple
  const cmp = twice > ad ? 2 : twice < ad ? 0 : 1;
  if (!roundUpNeeded(q, cmp, 1, mode, pos)) return q + 0;
  return pos ? q + 1 : q - 1;
}
