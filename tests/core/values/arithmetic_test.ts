import assert from "node:assert/strict";
import { arithmeticResultType, bindArithmetic } from "../../../core/values/arithmetic.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { Decimal } from "../../../core/values/decimal.ts";
import { type DataType, decimalType, scaledType, typeName, Types } from "../../../core/types/data_type.ts";
import type { Value } from "../../../core/values/value.ts";
import { Rand } from "./_random_values.ts";
import { I64_MAX, I64_MIN, refDivide } from "./_reference.ts";

const SI = (u: number | bigint, s: number) => new ScaledInteger(u, s);

Deno.test("result types follow the documented table", () => {
  const rt = (op: "+" | "-" | "*" | "/" | "%", l: DataType, r: DataType) => typeName(arithmeticResultType(op, [l, r]));
  assert.equal(rt("+", Types.Integer, Types.Integer), "INTEGER");
  assert.equal(rt("/", Types.Integer, Types.Integer), "INTEGER");
  assert.equal(rt("+", Types.Integer, Types.Float), "FLOAT");
  assert.equal(rt("*", scaledType(4), Types.Float), "FLOAT");
  assert.equal(rt("+", scaledType(2), scaledType(4)), "SCALED(4)");
  assert.equal(rt("-", Types.Integer, scaledType(3)), "SCALED(3)");
  assert.equal(rt("*", scaledType(2), scaledType(4)), "SCALED(6)");
  assert.equal(rt("*", scaledType(10), scaledType(9)), "DECIMAL(38,19)");
  assert.equal(rt("/", scaledType(2), Types.Integer), "SCALED(6)");
  assert.equal(rt("/", scaledType(8), scaledType(2)), "SCALED(8)");
  assert.equal(rt("%", scaledType(8), Types.Integer), "SCALED(8)");
  assert.equal(rt("+", decimalType(10, 2), scaledType(4)), "DECIMAL(38,4)");
  assert.equal(rt("/", decimalType(10, 2), Types.Integer), "DECIMAL(38,6)");
  assert.equal(rt("+", Types.Null, scaledType(2)), "SCALED(2)");
  assert.equal(rt("+", Types.Null, Types.Null), "NULL");
  assert.equal(typeName(arithmeticResultType("*", [scaledType(4), scaledType(4)], { scale: 2 })), "SCALED(2)");
  assert.equal(
    typeName(arithmeticResultType("+", [Types.Integer, Types.Integer], { overflow: "decimal" })),
    "DECIMAL(38,0)",
  );
  assert.throws(() => bindArithmetic("+", [Types.String, Types.Integer]), {
    name: "TypeError",
    message: "Operator + is not defined for STRING and INTEGER",
  });
  assert.throws(() => bindArithmetic("*", [scaledType(18), scaledType(18)], { scale: 39 }), {
    name: "RangeError",
    message: "Result scale 39 of SCALED(18) * SCALED(18) must be an integer 0..38",
  });
});

Deno.test("NULL op x is NULL for every operator and type pair", () => {
  const types = [Types.Integer, Types.Float, scaledType(2), decimalType(10, 2), Types.Null];
  for (const op of ["+", "-", "*", "/", "%"] as const) {
    for (const l of types) {
      for (const r of types) {
        const f = bindArithmetic(op, [l, r]);
        assert.equal(f.apply(null, 1), null);
        assert.equal(f.apply(SI(1, 2), null), null);
        assert.equal(f.apply(null, null), null);
      }
    }
  }
});

Deno.test("mixed exact operands compute exactly; Float contaminates", () => {
  const mul = bindArithmetic("*", [scaledType(4), Types.Integer]);
  assert.equal(String(mul.apply(SI(123456, 4), 2)), "24.6912");
  assert.equal(String(bindArithmetic("+", [Types.Integer, scaledType(2)]).apply(1, SI(-50, 2))), "0.50");
  assert.equal(String(bindArithmetic("/", [scaledType(2), Types.Integer]).apply(SI(100, 2), 3)), "0.333333");
  assert.equal(String(bindArithmetic("%", [scaledType(2), Types.Integer]).apply(SI(-550, 2), 2)), "-1.50");
  assert.equal(bindArithmetic("/", [Types.Integer, Types.Integer]).apply(-7, 2), -3);
  const wide = bindArithmetic("*", [scaledType(10), scaledType(9)]);
  assert.ok(wide.apply(SI(1, 10), SI(3, 9)) instanceof Decimal);
  assert.equal(String(wide.apply(SI(1, 10), SI(3, 9))), "0.0000000000000000003");
  const dec = bindArithmetic("+", [decimalType(10, 2), scaledType(4)]);
  assert.equal(String(dec.apply(new Decimal(150n, 2), SI(1, 4))), "1.5001");
  assert.equal(bindArithmetic("+", [Types.Float, scaledType(1)]).apply(0.2, SI(1, 1)), 0.2 + 0.1);
  assert.equal(bindArithmetic("*", [Types.Integer, Types.Float]).apply(2n ** 60n, 0.5), 2 ** 59);
  const half = bindArithmetic("/", [scaledType(2), scaledType(2)], { scale: 1, rounding: "half_up" });
  assert.equal(String(half.apply(SI(25, 2), SI(100, 2))), "0.3");
  assert.equal(
    String(bindArithmetic("/", [scaledType(2), scaledType(2)], { scale: 1 }).apply(SI(25, 2), SI(100, 2))),
    "0.2",
  );
});

Deno.test("division by zero is a DivisionByZeroError for every numeric type, Float included", () => {
  const cases: [DataType, Value, string][] = [
    [Types.Integer, 0, "Division by zero: 5 / 0"],
    [Types.Float, 0, "Division by zero: 5 / 0"],
    [scaledType(2), SI(0, 2), "Division by zero: 5 / 0.00"],
    [decimalType(5, 1), new Decimal(0n, 1), "Division by zero: 5 / 0.0"],
  ];
  for (const [t, zero, message] of cases) {
    assert.throws(() => bindArithmetic("/", [Types.Integer, t]).apply(5, zero), {
      name: "DivisionByZeroError",
      message,
    });
  }
  assert.throws(() => bindArithmetic("%", [Types.Float, Types.Float]).apply(1.5, 0), {
    name: "DivisionByZeroError",
    message: "Division by zero: 1.5 % 0",
  });
});

Deno.test("overflow is an error naming the operands, or a Decimal when asked", () => {
  const add = bindArithmetic("+", [Types.Integer, Types.Integer]);
  assert.throws(() => add.apply(I64_MAX, 1), {
    name: "OverflowError",
    message: "Integer overflow: 9223372036854775807 + 1 = 9223372036854775808 is outside the i64 range",
  });
  const promoted = bindArithmetic("+", [Types.Integer, Types.Integer], { overflow: "decimal" });
  const big = promoted.apply(I64_MAX, 1);
  assert.ok(big instanceof Decimal);
  assert.equal(String(big), "9223372036854775808");
  assert.equal(String(promoted.apply(1, 2)), "3");
  assert.ok(promoted.apply(1, 2) instanceof Decimal);
  const mul = bindArithmetic("*", [scaledType(4), Types.Integer], { overflow: "decimal" });
  assert.equal(String(mul.apply(SI(I64_MAX, 4), 10)), "9223372036854775.8070");
  assert.equal(
    String(bindArithmetic("/", [Types.Integer, Types.Integer], { overflow: "decimal" }).apply(I64_MIN, -1)),
    "9223372036854775808",
  );
});

Deno.test("bound Integer and ScaledInteger operators agree with BigInt on 100,000 seeded mixed cases", () => {
  const rnd = new Rand(41);
  const ops = ["+", "-", "*", "/", "%"] as const;
  for (let i = 0; i < 100_000; i++) {
    const op = ops[i % 5];
    const s = rnd.int(8);
    const f = bindArithmetic(op, [Types.Integer, scaledType(s)], { overflow: "decimal" });
    const a = rnd.i64(), b = SI(i % 97 === 0 ? 0 : rnd.i64(), s);
    const A = BigInt(a) * 10n ** BigInt(s), B = BigInt(b.units);
    let want: bigint | null;
    let scale = s;
    if (op === "+") want = A + B;
    else if (op === "-") want = A - B;
    else if (op === "*") want = BigInt(a) * B;
    else if (B === 0n) want = null;
    else if (op === "%") want = A % B;
    else {
      scale = Math.max(s, 6);
      want = refDivide(BigInt(a) * 10n ** BigInt(scale + s), B, "half_even");
    }
    if (want === null) {
      assert.throws(() => f.apply(a, b), { name: "DivisionByZeroError" });
      continue;
    }
    const got = f.apply(a, b) as Decimal;
    assert.ok(got instanceof Decimal);
    assert.equal(got.scale, scale, `${a} ${op} ${b}`);
    assert.equal(got.unscaled, want, `${a} ${op} ${b}`);
  }
});
