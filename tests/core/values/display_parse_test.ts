import assert from "node:assert/strict";
import { TextWriter } from "../../../core/values/text_writer.ts";
import { formatScaled, formatScaledTrimmed, formatValue } from "../../../core/values/format_value.ts";
import {
  parseBoolean,
  parseDate,
  parseDecimal,
  parseFloat64,
  parseInt64,
  parseInterval,
  parseScaled,
  parseTimestamp,
} from "../../../core/values/parse_value.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { Decimal, DECIMAL_BOUND } from "../../../core/values/decimal.ts";
import { Interval, SqlDate, Timestamp } from "../../../core/values/temporal.ts";
import { SmallMap } from "../../../core/values/small_map.ts";
import { StructValue } from "../../../core/values/struct_value.ts";
import { arrayType, field, mapType, scaledType, structType, Types } from "../../../core/types/data_type.ts";
import { Rand } from "./_random_values.ts";

const N = 20_000;

/** Independent reference text of units / 10^scale. */
function refScaled(u: bigint, scale: number): string {
  const neg = u < 0n;
  const digits = (neg ? -u : u).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale), frac = digits.slice(digits.length - scale);
  return (neg ? "-" : "") + int + (scale > 0 ? "." + frac : "");
}

Deno.test("exact display at every scale, i64 min/max, and the trimmed form", () => {
  assert.equal(formatScaled(-50, 2), "-0.50");
  assert.equal(formatScaledTrimmed(-50, 2), "-0.5");
  assert.equal(formatScaled(12300, 2), "123.00");
  assert.equal(formatScaledTrimmed(12300, 2), "123");
  assert.equal(formatScaledTrimmed(0, 5), "0");
  assert.equal(formatScaled(0, 3), "0.000");
  assert.equal(formatScaled(-(2n ** 63n), 0), "-9223372036854775808");
  assert.equal(formatScaled(2n ** 63n - 1n, 18), "9.223372036854775807");
  assert.equal(formatScaled(-(2n ** 63n), 18), "-9.223372036854775808");
  assert.equal(formatScaled(-5, 18), "-0.000000000000000005");
  assert.equal(formatScaledTrimmed(-(2n ** 63n), 19), "-0.9223372036854775808");
  assert.equal(formatScaled(Number.MAX_SAFE_INTEGER, 0), "9007199254740991");
  assert.equal(formatScaled(-Number.MAX_SAFE_INTEGER, 16), "-0.9007199254740991");
});

Deno.test(`Integer and ScaledInteger display/parse round trips: ${N / 2} seeded values at every scale`, () => {
  const rnd = new Rand(51);
  const w = new TextWriter(8);
  for (let i = 0; i < N / 2; i++) {
    const u = rnd.i64();
    const ub = BigInt(u);
    w.reset();
    w.writeInt64(u);
    assert.equal(w.toString(), ub.toString());
    assert.equal(parseInt64(w.toString()), u);
    for (let s = 0; s <= 18; s++) {
      const v = new ScaledInteger(u, s);
      const text = formatValue(v, scaledType(s));
      assert.equal(text, refScaled(ub, s));
      assert.equal(text, v.toString());
      const back = parseScaled(text, s);
      assert.equal(back.units, u);
      const trimmed = formatScaledTrimmed(u, s);
      assert.ok(!trimmed.includes(".") || !trimmed.endsWith("0"), trimmed);
      assert.equal(parseScaled(trimmed, s).units, u);
    }
  }
});

Deno.test(`Decimal display/parse round trips: ${N} seeded values up to 38 digits`, () => {
  const rnd = new Rand(52);
  for (let i = 0; i < N; i++) {
    let u = rnd.bits(1 + rnd.int(126));
    if (u >= DECIMAL_BOUND || u <= -DECIMAL_BOUND) u /= 10n;
    const s = rnd.int(39);
    const d = new Decimal(u, s);
    const text = formatValue(d, { kind: "decimal", precision: 38, scale: s });
    assert.equal(text, refScaled(u, s));
    const back = parseDecimal(text);
    assert.equal(back.unscaled, u);
    assert.equal(back.scale, s);
  }
});

Deno.test(`Float display is JavaScript's shortest round-trip text: ${N} seeded doubles`, () => {
  const rnd = new Rand(53);
  const f = new Float64Array(1), b = new Uint32Array(f.buffer);
  const w = new TextWriter();
  for (let i = 0; i < N; i++) {
    b[0] = rnd.int(2 ** 32);
    b[1] = rnd.int(2 ** 32);
    const x = i % 3 === 0 ? Math.round(f[0] % 1e17) : f[0];
    w.reset();
    w.writeFloat(x);
    assert.equal(w.toString(), String(x));
    const back = parseFloat64(w.toString());
    if (x !== x) assert.ok(back !== back);
    else assert.equal(back, x + 0); // -0 prints "0", as in JavaScript
  }
  assert.equal(formatValue(1, Types.Float), "1");
  assert.equal(formatValue(1e21, Types.Float), "1e+21");
  assert.equal(formatValue(-0, Types.Float), "0");
  assert.equal(formatValue(Infinity, Types.Float), "Infinity");
  assert.equal(formatValue(-Infinity, Types.Float), "-Infinity");
  assert.equal(formatValue(NaN, Types.Float), "NaN");
  assert.equal(formatValue(0.1, Types.Float), "0.1");
  assert.equal(formatValue(2 ** 53, Types.Float), "9007199254740992");
  assert.equal(parseFloat64("NaN"), NaN);
  assert.equal(parseFloat64("-infinity"), -Infinity);
  assert.equal(parseFloat64(".5"), 0.5);
  assert.equal(parseFloat64("5."), 5);
});

Deno.test(`dates, timestamps and intervals round-trip: ${N} seeded values`, () => {
  const rnd = new Rand(54);
  const w = new TextWriter();
  for (let i = 0; i < N; i++) {
    const days = i % 10 === 0 ? rnd.int(2 ** 32) - 2 ** 31 : rnd.int(200_000) - 100_000;
    const d = new SqlDate(days);
    w.reset();
    w.writeDate(days);
    assert.equal(w.toString(), d.toString());
    assert.equal(parseDate(d.toString()).days, days);
    const micros = i % 4 === 0 ? rnd.i64() : rnd.int(2 ** 52) * (rnd.r() < 0.5 ? -1 : 1);
    const t = new Timestamp(micros);
    w.reset();
    w.writeTimestamp(micros);
    assert.equal(w.toString(), t.toString(), `${micros}`);
    assert.equal(parseTimestamp(t.toString()).micros, micros);
    const iv = new Interval(rnd.int(2000) - 1000, rnd.int(2000) - 1000, i % 3 === 0 ? 0 : rnd.i64());
    const back = parseInterval(iv.toString());
    assert.deepEqual([back.months, back.days, back.micros], [iv.months, iv.days, iv.micros], iv.toString());
  }
  for (
    const [text, days] of [["1970-01-01", 0], ["2024-02-29", 19782], ["-0001-12-31", -719529], [
      "0000-01-01",
      -719528,
    ]] as const
  ) {
    assert.equal(parseDate(text).days, days);
    assert.equal(new SqlDate(days).toString(), text);
  }
  assert.equal(parseTimestamp(new Timestamp(-(2n ** 63n)).toString()).micros, -(2n ** 63n));
  assert.equal(parseTimestamp(new Timestamp(2n ** 63n - 1n).toString()).micros, 2n ** 63n - 1n);
  assert.equal(parseTimestamp("2024-01-02 03:04").toString(), "2024-01-02T03:04:00");
  assert.equal(parseTimestamp("2024-01-02").toString(), "2024-01-02T00:00:00");
  // a zone after the time is applied (UTC micros); digits past the microseconds may be zeros
  assert.equal(parseTimestamp("2024-01-02T03:04:05Z").toString(), "2024-01-02T03:04:05");
  assert.equal(parseTimestamp("2024-01-02T03:04+02:00").toString(), "2024-01-02T01:04:00");
  assert.equal(parseTimestamp("2024-01-02 00:30-0130").toString(), "2024-01-02T02:00:00");
  assert.equal(parseTimestamp("2024-01-02T00:30:00.5+01:00").toString(), "2024-01-01T23:30:00.5");
  assert.equal(
    parseTimestamp("2024-01-02T03:04:05.123456000z").micros,
    parseTimestamp("2024-01-02T03:04:05.123456").micros,
  );
  assert.equal(parseInterval("P1W").days, 7);
  assert.equal(parseInterval("PT-1.5S").micros, -1_500_000);
});

Deno.test("booleans and nested values display; booleans parse PostgreSQL's words", () => {
  for (const t of ["true", "TRUE", "t", "yes", "Y", "on", "1"]) assert.equal(parseBoolean(t), true);
  for (const t of ["false", "f", "No", "n", "OFF", "0"]) assert.equal(parseBoolean(t), false);
  assert.equal(formatValue(true, Types.Boolean), "true");
  assert.equal(parseBoolean(formatValue(false, Types.Boolean)), false);
  assert.equal(formatValue([1, null, 3], arrayType(Types.Integer)), "[1, NULL, 3]");
  assert.equal(
    formatValue(new SmallMap(["a"], [new ScaledInteger(5, 2)]), mapType(Types.String, scaledType(2))),
    '{"a": 0.05}',
  );
  const st = structType([field("n", Types.Integer), field("s", Types.String)]);
  assert.equal(formatValue(new StructValue(st, [1, 'x"y']), st), '{n: 1, s: "x\\"y"}');
  const w = new TextWriter(16);
  w.writeString("naïve ✓ 😀");
  assert.equal(w.toString(), "naïve ✓ 😀");
  assert.deepEqual([...w.bytes()], [...new TextEncoder().encode("naïve ✓ 😀")]);
});

Deno.test("bad text raises ValueSyntaxError with the offset; overflow raises OverflowError", () => {
  const bad: [() => unknown, string][] = [
    [() => parseInt64("12abc"), 'Cannot parse "12abc" as INTEGER at offset 2: unexpected "a"'],
    [() => parseInt64(""), 'Cannot parse "" as INTEGER at offset 0: empty text'],
    [() => parseInt64("-"), 'Cannot parse "-" as INTEGER at offset 1: unexpected end of text'],
    [() => parseInt64("1.5"), 'Cannot parse "1.5" as INTEGER at offset 1: unexpected "."'],
    [() => parseScaled("1.2.3", 2), 'Cannot parse "1.2.3" as SCALED(2) at offset 3: unexpected "."'],
    [() => parseScaled("1e", 2), 'Cannot parse "1e" as SCALED(2) at offset 2: unexpected end of text'],
    [() => parseScaled(" 1", 2), 'Cannot parse " 1" as SCALED(2) at offset 0: unexpected " "'],
    [() => parseDecimal("."), 'Cannot parse "." as DECIMAL at offset 1: unexpected end of text'],
    [() => parseFloat64("0x10"), 'Cannot parse "0x10" as FLOAT at offset 1: unexpected "x"'],
    [() => parseBoolean("maybe"), 'Cannot parse "maybe" as BOOLEAN at offset 0: expected true or false'],
    [() => parseDate("2023-02-29"), 'Cannot parse "2023-02-29" as DATE at offset 8: day 29 is out of range 1-28'],
    [() => parseDate("2023-13-01"), 'Cannot parse "2023-13-01" as DATE at offset 5: month 13 is out of range 1-12'],
    [() => parseDate("2023-1-01"), 'Cannot parse "2023-1-01" as DATE at offset 6: unexpected "-"'],
    [
      () => parseTimestamp("2024-01-01T24:00"),
      'Cannot parse "2024-01-01T24:00" as TIMESTAMP at offset 11: hour 24 is out of range 0-23',
    ],
    [
      () => parseTimestamp("2024-01-01T10:00:00.1234567"),
      'Cannot parse "2024-01-01T10:00:00.1234567" as TIMESTAMP at offset 26: unexpected "7"',
    ],
    [
      () => parseTimestamp("2024-01-01T10:00+24:00"),
      'Cannot parse "2024-01-01T10:00+24:00" as TIMESTAMP at offset 17: zone hour 24 is out of range 0-23',
    ],
    [() => parseTimestamp("2024-01-01Z"), 'Cannot parse "2024-01-01Z" as TIMESTAMP at offset 10: unexpected "Z"'],
    [
      () => parseTimestamp("2024-01-01T10:00+2"),
      'Cannot parse "2024-01-01T10:00+2" as TIMESTAMP at offset 18: unexpected end of text',
    ],
    [() => parseInterval("P1S"), 'Cannot parse "P1S" as INTERVAL at offset 2: unexpected "S"'],
    [() => parseInterval("PT1S1M"), 'Cannot parse "PT1S1M" as INTERVAL at offset 5: unit "M" is out of order'],
    [() => parseInterval("P"), 'Cannot parse "P" as INTERVAL at offset 1: unexpected end of text'],
    [() => parseInterval("P1.5D"), 'Cannot parse "P1.5D" as INTERVAL at offset 2: only seconds take a fraction'],
  ];
  for (const [f, message] of bad) assert.throws(f, { name: "ValueSyntaxError", message });
  assert.throws(() => parseInt64("9223372036854775808"), {
    name: "OverflowError",
    message: 'Integer overflow: "9223372036854775808" is outside the i64 range',
  });
  assert.equal(parseInt64("-9223372036854775808"), -(2n ** 63n));
  assert.throws(() => parseScaled("92233720368547758.08", 2), {
    name: "OverflowError",
    message: 'ScaledInteger overflow: "92233720368547758.08" is outside the i64 range at scale 2',
  });
  assert.throws(() => parseScaled("1.234", 2), {
    name: "RangeError",
    message: 'Cannot parse "1.234" as SCALED(2) exactly: it has digits past the scale',
  });
  assert.equal(String(parseScaled("1.230", 2)), "1.23");
  assert.equal(String(parseScaled("-1.235", 2, { rounding: "half_even" })), "-1.24");
  assert.equal(String(parseScaled("1e-30", 2, { rounding: "up" })), "0.01");
  assert.equal(String(parseScaled("1.5e2", 0)), "150");
  assert.throws(() => parseDecimal("123456.7", { precision: 5, scale: 2 }), {
    name: "OverflowError",
    message: 'Decimal overflow: "123456.7" does not fit DECIMAL(5,2)',
  });
  assert.throws(() => parseFloat64("1e999"), {
    name: "OverflowError",
    message: 'Float overflow: "1e999" is outside the double range',
  });
});

Deno.test("timestamps: the number path splits days like the exact bigint path, at day edges and near +-2^53 micros", () => {
  const D = 86_400_000_000;
  const ns: number[] = [0, -1, 1, D - 1, D, -D, -D - 1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53 - 2, -(2 ** 53) + 2];
  for (let k = 0; k < 2000; k++) {
    const day = Math.floor(Math.sin(k) * 104_249_991); // spread over the safe range in days
    for (const off of [-1, 0, 1]) {
      const n = day * D + off;
      if (Number.isSafeInteger(n)) ns.push(n);
    }
  }
  const w = new TextWriter();
  for (const n of ns) {
    const exact = new Timestamp(BigInt(n)).toString();
    assert.equal(new Timestamp(n).toString(), exact, String(n));
    w.reset();
    w.writeTimestamp(n);
    assert.equal(w.toString(), exact, String(n));
  }
});
