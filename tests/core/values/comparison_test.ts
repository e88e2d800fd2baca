import assert from "node:assert/strict";
import { bindComparator, bindComparison } from "../../../core/values/comparison.ts";
import { compareFloat, compareFloatToScaled } from "../../../core/values/float_compare.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { Decimal } from "../../../core/values/decimal.ts";
import { scaledToFloat } from "../../../core/values/numeric_conversion.ts";
import { decimalType, scaledType, Types } from "../../../core/types/data_type.ts";
import { Interval, SqlDate, Timestamp } from "../../../core/values/temporal.ts";
import { Rand } from "./_random_values.ts";
import { refCompareFloat, sign } from "./_reference.ts";

const N = 100_000;

/** A double near units/10^scale (often the nearest one, or one ulp off), or a random one. */
function nearFloat(rnd: Rand, units: bigint, scale: number): number {
  const k = rnd.int(6);
  const y = scaledToFloat(units, scale);
  if (k === 0) return y;
  if (k === 1) return y + y * Number.EPSILON * (rnd.int(3) - 1);
  if (k === 2) return Math.round(y);
  if (k === 3) return (rnd.r() - 0.5) * 10 ** (rnd.int(40) - 20);
  if (k === 4) return [0, -0, 0.1, 0.5, 1e21, 2 ** 53, -(2 ** 63), 2 ** 63, 5e-324][rnd.int(9)];
  return Number(units);
}

Deno.test(`Float vs ScaledInteger and Decimal: ${N} seeded exact comparisons against BigInt`, () => {
  const rnd = new Rand(31);
  const cmpSI = bindComparator([Types.Float, scaledType(0)]);
  for (let i = 0; i < N; i++) {
    const units = i % 3 === 0 ? BigInt(rnd.int(2000) - 1000) : rnd.i64Big();
    const scale = rnd.scale();
    const x = nearFloat(rnd, units, scale);
    const want = refCompareFloat(x, units, scale);
    const u = Number.isSafeInteger(Number(units)) && BigInt(Number(units)) === units ? Number(units) : units;
    assert.equal(compareFloatToScaled(x, u, scale), want, `${x} vs ${units}e-${scale}`);
    assert.equal(cmpSI(x, new ScaledInteger(u, scale)), want);
    assert.equal(compareFloatToScaled(x, units, scale), want);
  }
});

Deno.test(`Float vs Integer and Integer vs ScaledInteger: ${N} seeded cases each`, () => {
  const rnd = new Rand(32);
  const fi = bindComparator([Types.Float, Types.Integer]);
  const ifl = bindComparator([Types.Integer, Types.Float]);
  const is = bindComparator([Types.Integer, scaledType(3)]);
  const si = bindComparator([scaledType(3), Types.Integer]);
  const ds = bindComparator([decimalType(38, 4), scaledType(2)]);
  for (let i = 0; i < N; i++) {
    const a = rnd.i64();
    const x = nearFloat(rnd, BigInt(a), 0);
    const w = refCompareFloat(x, BigInt(a), 0);
    assert.equal(fi(x, a), w, `${x} vs ${a}`);
    assert.equal(ifl(a, x), 0 - w);
    const s = rnd.scale();
    const b = i % 4 === 0
      ? new ScaledInteger(rnd.int(100) * 10 ** Math.min(s, 13), Math.min(s, 13))
      : new ScaledInteger(rnd.i64(), s);
    const wi = sign(BigInt(a) * 10n ** BigInt(b.scale) - BigInt(b.units));
    assert.equal(is(a, b), wi);
    assert.equal(si(b, a), 0 - wi);
    const d = new Decimal(BigInt(a), rnd.int(30));
    assert.equal(ds(d, b), sign(BigInt(a) * 10n ** BigInt(b.scale) - BigInt(b.units) * 10n ** BigInt(d.scale)));
  }
});

Deno.test("0.1 as a double is not SI(1,1); 0.5 is SI(5,1); price = 123.45 is exact", () => {
  const eq = bindComparison("=", [Types.Float, scaledType(1)]);
  assert.equal(eq.apply(0.1, new ScaledInteger(1, 1)), false);
  assert.equal(bindComparison(">", [Types.Float, scaledType(1)]).apply(0.1, new ScaledInteger(1, 1)), true);
  assert.equal(eq.apply(0.5, new ScaledInteger(5, 1)), true);
  const price = bindComparison("=", [scaledType(4), decimalType(5, 2)]);
  assert.equal(price.apply(new ScaledInteger(1234500, 4), new Decimal(12345n, 2)), true);
  assert.equal(price.apply(new ScaledInteger(1234501, 4), new Decimal(12345n, 2)), false);
  const two53 = bindComparison("<", [Types.Integer, Types.Float]);
  assert.equal(two53.apply(2n ** 53n + 1n, 2 ** 53), false);
  assert.equal(bindComparison(">", [Types.Integer, Types.Float]).apply(2n ** 53n + 1n, 2 ** 53), true);
});

Deno.test("NULL compares as unknown; NaN sorts above every number and equals itself", () => {
  for (const op of ["=", "<>", "<", "<=", ">", ">="] as const) {
    const c = bindComparison(op, [Types.Integer, Types.Integer]);
    assert.equal(c.apply(null, 1), null);
    assert.equal(c.apply(1, null), null);
    assert.equal(c.apply(null, null), null);
  }
  assert.equal(compareFloat(NaN, NaN), 0);
  assert.equal(compareFloat(NaN, Infinity), 1);
  assert.equal(compareFloat(-Infinity, NaN), -1);
  assert.equal(compareFloat(-0, 0), 0);
  assert.equal(compareFloatToScaled(NaN, 2n ** 63n - 1n, 0), 1);
  assert.equal(compareFloatToScaled(-Infinity, -(2n ** 63n), 0), -1);
  assert.equal(bindComparison("=", [Types.Float, Types.Integer]).apply(NaN, 1), false);
  assert.equal(bindComparison(">", [Types.Integer, Types.Float]).apply(1, NaN), false);
});

Deno.test("strings, booleans, dates, timestamps and intervals compare; unrelated types are a TypeError", () => {
  assert.equal(bindComparison("<", [Types.String, Types.String]).apply("ACME", "acme"), true);
  assert.equal(bindComparison("<", [Types.Boolean, Types.Boolean]).apply(false, true), true);
  assert.equal(
    bindComparison("=", [Types.Date, Types.Timestamp]).apply(new SqlDate(1), new Timestamp(86_400_000_000)),
    true,
  );
  assert.equal(
    bindComparison(">", [Types.Timestamp, Types.Timestamp]).apply(new Timestamp(2n ** 60n), new Timestamp(5)),
    true,
  );
  assert.equal(
    bindComparison("=", [Types.Interval, Types.Interval]).apply(new Interval(1, 0, 0), new Interval(0, 30, 0)),
    true,
  );
  assert.throws(() => bindComparison("=", [Types.String, Types.Integer]), {
    name: "TypeError",
    message: "Cannot compare STRING with INTEGER",
  });
});
