import assert from "node:assert/strict";
import {
  addInt64,
  compareInt64,
  divideInt64,
  moduloInt64,
  multiplyInt64,
  negateInt64,
  subtractInt64,
} from "../../../core/values/int64_arithmetic.ts";
import { type Int64, isInt64 } from "../../../core/values/int64.ts";
import { DivisionByZeroError, OverflowError } from "../../../core/errors.ts";
import { Rand } from "./_random_values.ts";
import { I64_MAX, I64_MIN } from "./_reference.ts";

const N = 100_000;

type Op = (a: Int64, b: Int64) => Int64;
const CASES: [string, Op, (a: bigint, b: bigint) => bigint | "div0"][] = [
  ["+", addInt64, (a, b) => a + b],
  ["-", subtractInt64, (a, b) => a - b],
  ["*", multiplyInt64, (a, b) => a * b],
  ["/", divideInt64, (a, b) => (b === 0n ? "div0" : a / b)],
  ["%", moduloInt64, (a, b) => (b === 0n ? "div0" : a % b)],
];

for (const [name, op, ref] of CASES) {
  Deno.test(`Integer ${name}: ${N} seeded cases against BigInt, i64 and 2^53 boundaries`, () => {
    const rnd = new Rand(1000 + name.charCodeAt(0));
    let overflows = 0, wide = 0;
    for (let i = 0; i < N; i++) {
      const a = rnd.i64(), b = i % 50 === 0 ? 0 : rnd.i64();
      const want = ref(BigInt(a), BigInt(b));
      let got: Int64 | Error;
      try {
        got = op(a, b);
      } catch (e) {
        got = e as Error;
      }
      if (want === "div0") {
        assert.ok(got instanceof DivisionByZeroError, `${a} ${name} ${b}`);
        assert.equal(got.message, `Division by zero: ${a} ${name} 0`);
      } else if (want < I64_MIN || want > I64_MAX) {
        overflows++;
        assert.ok(got instanceof OverflowError, `${a} ${name} ${b} should overflow`);
        assert.equal(got.message, `Integer overflow: ${a} ${name} ${b} = ${want} is outside the i64 range`);
      } else {
        if (typeof got === "bigint") wide++;
        assert.ok(isInt64(got), `${a} ${name} ${b} -> ${String(got)} is not a normalised Int64`);
        assert.equal(BigInt(got as Int64), want, `${a} ${name} ${b}`);
        assert.ok(!Object.is(got, -0));
      }
    }
    if (name === "+" || name === "*") assert.ok(overflows > 100, `only ${overflows} overflows exercised`);
    assert.ok(wide > 100 || name === "%", `only ${wide} wide results exercised`);
  });
}

Deno.test(`Integer comparison: ${N} seeded cases against BigInt`, () => {
  const rnd = new Rand(77);
  for (let i = 0; i < N; i++) {
    const a = rnd.i64(), b = i % 7 === 0 ? a : rnd.i64();
    const A = BigInt(a), B = BigInt(b);
    assert.equal(compareInt64(a, b), A < B ? -1 : A > B ? 1 : 0);
  }
});

Deno.test("Integer / Integer is truncating SQL integer division; % keeps the dividend's sign", () => {
  assert.equal(divideInt64(7, 2), 3);
  assert.equal(divideInt64(-7, 2), -3);
  assert.equal(divideInt64(7, -2), -3);
  assert.equal(moduloInt64(-7, 2), -1);
  assert.equal(moduloInt64(7, -2), 1);
  assert.ok(Object.is(divideInt64(-1, 2), 0));
  assert.throws(() => divideInt64(I64_MIN, -1), {
    name: "OverflowError",
    message: "Integer overflow: -9223372036854775808 / -1 = 9223372036854775808 is outside the i64 range",
  });
  assert.equal(moduloInt64(I64_MIN, -1), 0);
  assert.throws(() => negateInt64(I64_MIN), { name: "OverflowError" });
  assert.equal(negateInt64(2n ** 53n), -(2n ** 53n));
  assert.ok(Object.is(negateInt64(0), 0));
});
