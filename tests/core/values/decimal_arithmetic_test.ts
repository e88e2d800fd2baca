import assert from "node:assert/strict";
import {
  addDecimal,
  compareDecimal,
  type DecimalArithmeticOptions,
  divideDecimal,
  moduloDecimal,
  multiplyDecimal,
  rescaleDecimal,
  subtractDecimal,
} from "../../../core/values/decimal_arithmetic.ts";
import { Decimal, DECIMAL_BOUND } from "../../../core/values/decimal.ts";
import { RoundingMode } from "../../../core/values/rounding.ts";
import { DivisionByZeroError, OverflowError } from "../../../core/errors.ts";
import { Rand } from "./_random_values.ts";
import { refDivide } from "./_reference.ts";

const N = 100_000;
const MODES = Object.values(RoundingMode);
const P = (n: number): bigint => 10n ** BigInt(n);

function dec(rnd: Rand): Decimal {
  const k = rnd.int(4);
  let u = k === 0 ? rnd.i64Big() : rnd.bits(1 + rnd.int(126));
  if (u >= DECIMAL_BOUND) u = DECIMAL_BOUND - 1n;
  if (u <= -DECIMAL_BOUND) u = -DECIMAL_BOUND + 1n;
  return new Decimal(u, rnd.int(10) < 8 ? rnd.scale() : rnd.int(39));
}

type Want = { unscaled: bigint; scale: number } | "overflow" | "div0";

function fits(unscaled: bigint, scale: number): Want {
  return unscaled >= DECIMAL_BOUND || unscaled <= -DECIMAL_BOUND ? "overflow" : { unscaled, scale };
}

function check(lazyLabel: () => string, f: () => Decimal, want: Want): void {
  let got: Decimal | Error;
  try {
    got = f();
  } catch (e) {
    got = e as Error;
  }
  if (
    want === "overflow" ? got instanceof OverflowError : want === "div0" ? got instanceof DivisionByZeroError : (
      got instanceof Decimal && got.scale === want.scale && got.unscaled === want.unscaled
    )
  ) return;
  const label = lazyLabel();
  if (want === "overflow") {
    assert.ok(got instanceof OverflowError, `${label} should overflow, got ${String(got)}`);
  } else if (want === "div0") {
    assert.ok(got instanceof DivisionByZeroError, label);
  } else {
    assert.ok(got instanceof Decimal, `${label} threw ${String(got)}`);
    assert.equal(got.scale, want.scale, label);
    assert.equal(got.unscaled, want.unscaled, label);
  }
}

Deno.test(`Decimal + - % and comparison: ${N} seeded cases each against BigInt`, () => {
  const rnd = new Rand(21);
  for (let i = 0; i < N; i++) {
    const a = dec(rnd), b = i % 200 === 0 ? new Decimal(0n, 2) : dec(rnd);
    const s = Math.max(a.scale, b.scale);
    const x = a.unscaled * P(s - a.scale), y = b.unscaled * P(s - b.scale);
    check(() => `${a} + ${b}`, () => addDecimal(a, b), fits(x + y, s));
    check(() => `${a} - ${b}`, () => subtractDecimal(a, b), fits(x - y, s));
    check(() => `${a} % ${b}`, () => moduloDecimal(a, b), y === 0n ? "div0" : fits(x % y, s));
    assert.equal(compareDecimal(a, b), x < y ? -1 : x > y ? 1 : 0);
  }
});

Deno.test(`Decimal * and /: ${N} seeded cases each, explicit scales and every rounding mode`, () => {
  const rnd = new Rand(22);
  for (let i = 0; i < N; i++) {
    const a = dec(rnd);
    const b = i % 2 === 0 ? new Decimal(rnd.bits(1 + rnd.int(40)), rnd.scale()) : dec(rnd);
    const opts: DecimalArithmeticOptions | undefined = i % 3 === 0
      ? undefined
      : { scale: rnd.int(39), rounding: MODES[rnd.int(MODES.length)] };
    const mode = opts?.rounding ?? "half_even";
    const p = a.unscaled * b.unscaled, natural = a.scale + b.scale;
    const mt = opts?.scale ?? natural;
    const mw: Want = opts === undefined && natural > 38
      ? "overflow"
      : fits(mt >= natural ? p * P(mt - natural) : refDivide(p, P(natural - mt), mode), mt);
    check(() => `${a} * ${b}`, () => multiplyDecimal(a, b, opts), mw);
    const t = opts?.scale ?? Math.min(38, Math.max(a.scale, b.scale, 6));
    const e = t - a.scale + b.scale;
    const dw: Want = b.unscaled === 0n ? "div0" : fits(
      e >= 0 ? refDivide(a.unscaled * P(e), b.unscaled, mode) : refDivide(a.unscaled, b.unscaled * P(-e), mode),
      t,
    );
    check(() => `${a} / ${b}`, () => divideDecimal(a, b, opts), dw);
    const rt = rnd.int(39);
    check(
      () => `rescale ${a} ${rt}`,
      () => rescaleDecimal(a, { scale: rt, rounding: mode }),
      fits(rt >= a.scale ? a.unscaled * P(rt - a.scale) : refDivide(a.unscaled, P(a.scale - rt), mode), rt),
    );
  }
});

Deno.test("Decimal error messages", () => {
  const big = new Decimal(DECIMAL_BOUND - 1n, 0);
  assert.throws(() => addDecimal(big, new Decimal(1n, 0)), {
    name: "OverflowError",
    message: `Decimal overflow: ${big} + 1 = ${DECIMAL_BOUND} has more than 38 digits`,
  });
  assert.throws(() => divideDecimal(new Decimal(1n, 0), new Decimal(0n, 2)), {
    name: "DivisionByZeroError",
    message: "Division by zero: 1 / 0.00",
  });
});
