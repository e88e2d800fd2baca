import assert from "node:assert/strict";
import { ColumnBuilder } from "../../../core/batch/column_builder.ts";
import { valueAt } from "../../../core/batch/column_value.ts";
import { arrayType, decimalType, scaledType, Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { Decimal } from "../../../core/values/decimal.ts";
import { SqlDate, Timestamp } from "../../../core/values/temporal.ts";
import { StringDictionary } from "../../../core/batch/string_dictionary.ts";

Deno.test("integer column stays f64 while safe and widens to i64 exactly", () => {
  const b = new ColumnBuilder(Types.Integer, { capacity: 2 });
  b.appendValue(Number.MAX_SAFE_INTEGER);
  b.appendValue(-5);
  b.appendValue(2n ** 63n - 1n);
  b.appendValue(-(2n ** 63n));
  b.appendNull();
  const c = b.finish();
  assert.equal(c.layout, "i64");
  assert.equal(c.length, 5);
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => valueAt(c, i)), [
    Number.MAX_SAFE_INTEGER,
    -5,
    2n ** 63n - 1n,
    -(2n ** 63n),
    null,
  ]);
});

Deno.test("integer column refuses unsafe numbers, non-integers and out-of-range bigints", () => {
  const b = new ColumnBuilder(Types.Integer);
  assert.throws(() => b.appendValue(2 ** 53), {
    name: "RangeError",
    message: "Column of type INTEGER needs an exact integer, got 9007199254740992",
  });
  assert.throws(() => b.appendValue(1.5), { name: "RangeError" });
  assert.throws(() => b.appendValue(2n ** 63n), {
    message: "Value 9223372036854775808 is outside the i64 range for a column of type INTEGER",
  });
  assert.throws(() => b.appendValue("1"), { name: "TypeError", message: 'Column of type INTEGER cannot take "1"' });
  assert.equal(b.length, 0, "refused values are not appended");
});

Deno.test("scaled column takes only its own scale", () => {
  const b = new ColumnBuilder(scaledType(2));
  b.appendValue(new ScaledInteger(-50, 2));
  assert.throws(() => b.appendValue(new ScaledInteger(5, 1)), {
    name: "TypeError",
    message: "Column of type SCALED(2) cannot take 0.5 at scale 1: rescale it explicitly",
  });
  const c = b.finish();
  assert.equal(String(valueAt(c, 0)), "-0.50");
});

Deno.test("string columns share a dictionary and nulls keep slot 0", () => {
  const dict = new StringDictionary();
  const a = new ColumnBuilder(Types.String, { dictionary: dict });
  a.appendValue("x");
  a.appendNull();
  a.appendValue("y");
  const b = new ColumnBuilder(Types.String, { dictionary: dict });
  b.appendValue("y");
  const ca = a.finish(), cb = b.finish();
  assert.equal(ca.layout, "dict");
  assert.equal(cb.layout, "dict");
  if (ca.layout !== "dict" || cb.layout !== "dict") return;
  assert.equal(ca.codes[2], cb.codes[0]);
  assert.deepEqual([...ca.validity!], [1, 0, 1]);
  assert.equal(ca.codes[1], 0);
  assert.equal(valueAt(ca, 1), null);
});

Deno.test("dates, timestamps, decimals and arrays round-trip through columns", () => {
  const cases = [
    [Types.Date, new SqlDate(-1)],
    [Types.Timestamp, new Timestamp(2n ** 62n)],
    [decimalType(38, 3), new Decimal(10n ** 37n, 3)],
    [arrayType(Types.Integer), [1, 2n ** 60n]],
    [Types.Boolean, false],
  ] as const;
  for (const [t, v] of cases) {
    const b = new ColumnBuilder(t);
    b.appendValue(v);
    const got = valueAt(b.finish(), 0);
    assert.equal(String(got), String(v), `type ${t.kind}`);
  }
});

Deno.test("finish resets the builder and trims to length", () => {
  const b = new ColumnBuilder(Types.Float, { capacity: 8 });
  b.appendValue(1.5);
  const c1 = b.finish();
  assert.equal(c1.length, 1);
  assert.equal(c1.layout === "f64" && c1.data.length, 1);
  b.appendValue(2.5);
  b.appendValue(3.5);
  const c2 = b.finish();
  assert.equal(c2.length, 2);
  assert.equal(valueAt(c1, 0), 1.5, "earlier column unaffected");
});
