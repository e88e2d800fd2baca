// Seeded random operands for the differential tests: boundaries of 2^53 and 2^63 and every scale 0..18 mixed in.
import { mulberry32 } from "../../../core/gen/mulberry32.ts";
import { I64_MAX, I64_MIN, type Int64, normalizeInt64 } from "../../../core/values/int64.ts";

const B53 = 2n ** 53n;
const B63 = 2n ** 63n;
export const BOUNDARIES: readonly bigint[] = [
  0n,
  1n,
  -1n,
  2n,
  -2n,
  10n,
  -10n,
  B53 - 2n,
  B53 - 1n,
  B53,
  B53 + 1n,
  -(B53 - 2n),
  -(B53 - 1n),
  -B53,
  -(B53 + 1n),
  B63 - 1n,
  B63 - 2n,
  -B63,
  -B63 + 1n,
  -B63 + 2n,
  B63 / 10n,
  -B63 / 10n,
  10n ** 18n,
  -(10n ** 18n),
  10n ** 15n,
  999999999999999n,
];

/** Random source with helpers. */
export class Rand {
  readonly r: () => number;
  constructor(seed: number) {
    this.r = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  /** A random bigint of up to `bits` bits, either sign. */
  bits(bits: number): bigint {
    let v = 0n;
    for (let b = 0; b < bits; b += 30) v = (v << 30n) | BigInt(this.int(2 ** 30));
    v &= (1n << BigInt(bits)) - 1n;
    return this.r() < 0.5 ? -v : v;
  }
  /** An i64 as a bigint, drawn from a mix of magnitudes and the boundaries. */
  i64Big(): bigint {
    const k = this.int(10);
    let v: bigint;
    if (k === 0) v = BOUNDARIES[this.int(BOUNDARIES.length)];
    else if (k <= 3) v = this.bits(1 + this.int(20));
    else if (k <= 6) v = this.bits(1 + this.int(53));
    else if (k === 7) v = BOUNDARIES[this.int(BOUNDARIES.length)] + BigInt(this.int(5) - 2);
    else v = this.bits(1 + this.int(64));
    if (v > I64_MAX) v = I64_MAX;
    if (v < I64_MIN) v = I64_MIN;
    return v;
  }
  i64(): Int64 {
    return normalizeInt64(this.i64Big());
  }
  scale(): number {
    return this.int(19);
  }
}
