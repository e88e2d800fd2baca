import assert from "node:assert/strict";
import {
  exactToDecimal,
  exactToScaled,
  numericToFloat,
  scaledToFloat,
} from "../../../core/values/numeric_conversion.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { Decimal } from "../../../core/values/decimal.ts";
import { decimalType, scaledType, Types } from "../../../core/types/data_type.ts";
import { TextWriter } from "../../../core/values/text_writer.ts";
import { Rand } from "./_random_values.ts";

Deno.test("exact values convert to the correctly rounded double", () => {
  const rnd = new Rand(61);
  for (let i = 0; i < 20_000; i++) {
    const u = rnd.i64Big(), s = rnd.int(25);
    const text = `${u < 0n ? "-" : ""}${
      (u < 0n ? -u : u).toString().padStart(s + 1, "0").replace(new RegExp(`(\\d{${s}})$`), ".$1")
    }`;
    const want = Number.parseFloat(text);
    const n = Number.isSafeInteger(Number(u)) && BigInt(Number(u)) === u ? Number(u) : u;
    assert.equal(scaledToFloat(n, s), want, `${u}e-${s}`);
  }
  assert.equal(numericToFloat(2n ** 63n - 1n, Types.Integer), 9223372036854775807);
  assert.equal(numericToFloat(new ScaledInteger(12345, 2), scaledType(2)), 123.45);
  assert.equal(numericToFloat(new Decimal(10n ** 37n + 1n, 37), decimalType(38, 37)), 1);
  assert.equal(numericToFloat(0.25, Types.Float), 0.25);
  assert.throws(() => numericToFloat("1", Types.String), {
    name: "TypeError",
    message: "Expected a numeric type, got string",
  });
});

Deno.test("exact conversions to Decimal and ScaledInteger keep every digit", () => {
  assert.equal(String(exactToDecimal(-(2n ** 63n), Types.Integer)), "-9223372036854775808");
  assert.equal(String(exactToDecimal(new ScaledInteger(-5, 3), scaledType(3))), "-0.005");
  const d = new Decimal(7n, 1);
  assert.equal(exactToDecimal(d, decimalType(2, 1)), d);
  assert.throws(() => exactToDecimal(1.5, Types.Float), {
    name: "TypeError",
    message: "Expected an exact numeric type, got float",
  });
  assert.equal(String(exactToScaled(2n ** 60n, Types.Integer)), "1152921504606846976");
  assert.throws(() => exactToScaled(d, decimalType(2, 1)), {
    name: "TypeError",
    message: "Expected Integer or ScaledInteger, got decimal",
  });
});

Deno.test("TextWriter grows from a tiny buffer and keeps earlier bytes", () => {
  const w = new TextWriter(1);
  const parts: string[] = [];
  for (let i = 0; i < 500; i++) {
    w.writeScaled(-(2n ** 63n) + BigInt(i), i % 19);
    w.writeByte(44);
    w.writeTimestamp(i * 1_000_001);
    w.writeByte(10);
    parts.push(`${new ScaledInteger(-(2n ** 63n) + BigInt(i), i % 19)},`);
  }
  const lines = w.toString().split("\n");
  assert.equal(lines.length, 501);
  for (let i = 0; i < 500; i++) assert.ok(lines[i].startsWith(parts[i]), lines[i]);
  w.reset();
  assert.equal(w.length, 0);
  assert.equal(w.toString(), "");
});
