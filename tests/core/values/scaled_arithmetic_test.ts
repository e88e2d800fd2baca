import assert from "node:assert/strict";
import {
  addScaled,
  compareScaled,
  divideScaled,
  moduloScaled,
  multiplyScaled,
  negateScaled,
  rescaleScaled,
  type ScaledArithmeticOptions,
  subtractScaled,
} from "../../../core/values/scaled_arithmetic.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { isInt64 } from "../../../core/values/int64.ts";
import { RoundingMode } from "../../../core/values/rounding.ts";
import { DivisionByZeroError, OverflowError } from "../../../core/errors.ts";
import { Rand } from "./_random_values.ts";
import { I64_MAX, I64_MIN, refDivide } from "./_reference.ts";

const N = 100_000;
const MODES = Object.values(RoundingMode);
const P = (n: number): bigint => 10n ** BigInt(n);

function si(rnd: Rand): ScaledInteger {
  return new ScaledInteger(rnd.i64(), rnd.scale());
}

type Want = { units: bigint; scale: number } | "overflow" | "div0" | "scale";

function mismatch(got: ScaledInteger | Error, want: Want): boolean {
  if (want === "overflow") {
    return !(got instanceof OverflowError) ||
      !/^ScaledInteger overflow: .* is outside the i64 range at scale \d+$/.test(got.message);
  }
  if (want === "scale") return !(got instanceof OverflowError) || !got.message.endsWith("; give a result scale");
  if (want === "div0") return !(got instanceof DivisionByZeroError);
  return !(got instanceof ScaledInteger) || got.scale !== want.scale || !isInt64(got.units) ||
    BigInt(got.units) !== want.units;
}

function check(lazyLabel: () => string, got: ScaledInteger | Error, want: Want): void {
  if (!mismatch(got, want)) return;
  const label = lazyLabel();
  if (want === "overflow" || want === "scale") {
    assert.ok(got instanceof OverflowError, `${label} should overflow, got ${String(got)}`);
    if (want === "scale") assert.match(got.message, /needs scale \d+, more than 18; give a result scale$/);
    else assert.match(got.message, /^ScaledInteger overflow: .* is outside the i64 range at scale \d+$/);
  } else if (want === "div0") {
    assert.ok(got instanceof DivisionByZeroError, label);
  } else {
    assert.ok(got instanceof ScaledInteger, `${label} threw ${String(got)}`);
    assert.ok(isInt64(got.units), `${label}: units not normalised`);
    assert.equal(got.scale, want.scale, label);
    assert.equal(BigInt(got.units), want.units, label);
  }
}

function fits(units: bigint, scale: number): Want {
  return units < I64_MIN || units > I64_MAX ? "overflow" : { units, scale };
}

function run(f: () => ScaledInteger): ScaledInteger | Error {
  try {
    return f();
  } catch (e) {
    return e as Error;
  }
}

Deno.test(`ScaledInteger + and -: ${N} seeded cases each, scales 0..18, against BigInt`, () => {
  const rnd = new Rand(11);
  for (let i = 0; i < N; i++) {
    const a = si(rnd), b = i % 5 === 0 ? new ScaledInteger(rnd.i64(), a.scale) : si(rnd);
    const s = Math.max(a.scale, b.scale);
    const x = BigInt(a.units) * P(s - a.scale), y = BigInt(b.units) * P(s - b.scale);
    check(() => `${a} + ${b}`, run(() => addScaled(a, b)), fits(x + y, s));
    check(() => `${a} - ${b}`, run(() => subtractScaled(a, b)), fits(x - y, s));
  }
});

Deno.test(`ScaledInteger *: ${N} seeded cases, natural and explicit scales, every rounding mode`, () => {
  const rnd = new Rand(12);
  for (let i = 0; i < N; i++) {
    const a = si(rnd), b = i % 3 === 0 ? new ScaledInteger(Number(rnd.bits(1 + rnd.int(30))), 0) : si(rnd);
    const opts: ScaledArithmeticOptions | undefined = i % 2 === 0
      ? undefined
      : { scale: rnd.scale(), rounding: MODES[rnd.int(MODES.length)] };
    const p = BigInt(a.units) * BigInt(b.units);
    const natural = a.scale + b.scale;
    let want: Want;
    if (opts === undefined) want = natural > 18 ? "scale" : fits(p, natural);
    else {
      const t = opts.scale!;
      want = fits(t >= natural ? p * P(t - natural) : refDivide(p, P(natural - t), opts.rounding!), t);
    }
    check(() => `${a} * ${b} ${JSON.stringify(opts)}`, run(() => multiplyScaled(a, b, opts)), want);
  }
});

Deno.test(`ScaledInteger /: ${N} seeded cases, default and explicit scales, every rounding mode`, () => {
  const rnd = new Rand(13);
  for (let i = 0; i < N; i++) {
    const a = si(rnd);
    const b = i % 100 === 0
      ? new ScaledInteger(0, rnd.scale())
      : i % 3 === 0
      ? new ScaledInteger(rnd.int(1000) - 500 || 7, rnd.int(4))
      : si(rnd);
    const opts: ScaledArithmeticOptions | undefined = i % 2 === 0
      ? undefined
      : { scale: rnd.scale(), rounding: MODES[rnd.int(MODES.length)] };
    let want: Want;
    const t = opts?.scale ?? Math.max(a.scale, b.scale, 6);
    if (b.units === 0) want = "div0";
    else {
      const e = t - a.scale + b.scale;
      const n = BigInt(a.units), d = BigInt(b.units);
      const q = e >= 0
        ? refDivide(n * P(e), d, opts?.rounding ?? "half_even")
        : refDivide(n, d * P(-e), opts?.rounding ?? "half_even");
      want = fits(q, t);
    }
    check(() => `${a} / ${b} ${JSON.stringify(opts)}`, run(() => divideScaled(a, b, opts)), want);
  }
});

Deno.test(`ScaledInteger % and comparison: ${N} seeded cases each`, () => {
  const rnd = new Rand(14);
  for (let i = 0; i < N; i++) {
    const a = si(rnd),
      b = i % 100 === 0
        ? new ScaledInteger(0, 3)
        : i % 4 === 0
        ? new ScaledInteger(rnd.int(99999) + 1, rnd.int(6))
        : si(rnd);
    const s = Math.max(a.scale, b.scale);
    const x = BigInt(a.units) * P(s - a.scale), y = BigInt(b.units) * P(s - b.scale);
    check(() => `${a} % ${b}`, run(() => moduloScaled(a, b)), y === 0n ? "div0" : fits(x % y, s));
    assert.equal(compareScaled(a, b), x < y ? -1 : x > y ? 1 : 0, `${a} cmp ${b}`);
    const same = new ScaledInteger(a.units, a.scale);
    assert.equal(compareScaled(a, same), 0);
  }
});

Deno.test(`ScaledInteger rescale: ${N} seeded cases, every rounding mode`, () => {
  const rnd = new Rand(15);
  for (let i = 0; i < N; i++) {
    const a = si(rnd), t = rnd.scale(), mode = MODES[rnd.int(MODES.length)];
    const u = BigInt(a.units);
    const want = fits(t >= a.scale ? u * P(t - a.scale) : refDivide(u, P(a.scale - t), mode), t);
    check(() => `rescale(${a}, ${t}, ${mode})`, run(() => rescaleScaled(a, { scale: t, rounding: mode })), want);
  }
});

Deno.test("ScaledInteger error messages name the operands", () => {
  const max = new ScaledInteger(2n ** 63n - 1n, 2);
  assert.throws(() => addScaled(max, new ScaledInteger(1, 2)), {
    name: "OverflowError",
    message:
      "ScaledInteger overflow: 92233720368547758.07 + 0.01 = 92233720368547758.08 is outside the i64 range at scale 2",
  });
  assert.throws(() => divideScaled(new ScaledInteger(100, 2), new ScaledInteger(0, 1)), {
    name: "DivisionByZeroError",
    message: "Division by zero: 1.00 / 0.0",
  });
  assert.throws(() => moduloScaled(new ScaledInteger(100, 2), new ScaledInteger(0, 0)), {
    name: "DivisionByZeroError",
    message: "Division by zero: 1.00 % 0",
  });
  assert.throws(() => multiplyScaled(new ScaledInteger(1, 10), new ScaledInteger(1, 9)), {
    name: "OverflowError",
    message: "ScaledInteger overflow: 0.0000000001 * 0.000000001 needs scale 19, more than 18; give a result scale",
  });
  assert.equal(String(negateScaled(new ScaledInteger(-50, 2))), "0.50");
  assert.throws(() => negateScaled(new ScaledInteger(-(2n ** 63n), 0)), { name: "OverflowError" });
});

Deno.test("division rounds HALF_EVEN by default at max(scales, 6)", () => {
  const d = (a: number, as: number, b: number, bs: number, o?: ScaledArithmeticOptions) =>
    String(divideScaled(new ScaledInteger(a, as), new ScaledInteger(b, bs), o));
  assert.equal(d(1, 0, 3, 0), "0.333333");
  assert.equal(d(2, 0, 3, 0), "0.666667");
  assert.equal(d(25, 1, 10, 0, { scale: 0 }), "0"); // 0.25 -> 0
  assert.equal(d(25, 0, 10, 0, { scale: 0 }), "2"); // 2.5 -> 2 (even)
  assert.equal(d(35, 0, 10, 0, { scale: 0 }), "4"); // 3.5 -> 4 (even)
  assert.equal(d(-25, 0, 10, 0, { scale: 0, rounding: "half_up" }), "-3");
  assert.equal(d(123456, 4, 7, 0, { scale: 8 }), "1.76365714");
});
