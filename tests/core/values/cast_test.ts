import assert from "node:assert/strict";
import { cast } from "../../../core/values/cast.ts";
import { parseTargetType } from "../../../core/types/target_type.ts";
import { arrayType, type DataType, decimalType, scaledType, Types } from "../../../core/types/data_type.ts";
import { formatValue } from "../../../core/values/format_value.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { Decimal } from "../../../core/values/decimal.ts";
import { Interval, SqlDate, Timestamp } from "../../../core/values/temporal.ts";
import type { Value } from "../../../core/values/value.ts";

const TARGETS = [
  "INTEGER",
  "SMALLINT",
  "FLOAT",
  "DECIMAL(5,2)",
  "SCALED(2)",
  "STRING",
  "VARCHAR(3)",
  "BOOLEAN",
  "DATE",
  "TIMESTAMP",
  "INTERVAL",
];

const ts = new Timestamp(Date.UTC(2024, 0, 1, 12, 30, 0, 500) * 1000);
const SOURCES: [string, DataType, Value][] = [
  ["boolean", Types.Boolean, true],
  ["integer", Types.Integer, 42],
  ["float", Types.Float, 2.5],
  ["string", Types.String, " 12.345 "],
  ["scaled", scaledType(3), new ScaledInteger(-12345, 3)],
  ["decimal", decimalType(10, 2), new Decimal(123456n, 2)],
  ["date", Types.Date, new SqlDate(19723)],
  ["timestamp", Types.Timestamp, ts],
  ["interval", Types.Interval, new Interval(1, 2, 3_500_000)],
];

/** "=text" is a result displayed as text; anything else is the CastError reason. */
const MATRIX: Record<string, string[]> = {
  // INTEGER, SMALLINT, FLOAT, DECIMAL(5,2), SCALED(2), STRING, VARCHAR(3), BOOLEAN, DATE, TIMESTAMP, INTERVAL
  boolean: [
    "=1",
    "=1",
    "no conversion from BOOLEAN",
    "no conversion from BOOLEAN",
    "no conversion from BOOLEAN",
    "=true",
    "=tru",
    "=true",
    "no conversion from BOOLEAN",
    "no conversion from BOOLEAN",
    "no conversion from BOOLEAN",
  ],
  integer: [
    "=42",
    "=42",
    "=42",
    "=42.00",
    "=42.00",
    "=42",
    "=42",
    "=true",
    "no conversion from INTEGER",
    "no conversion from INTEGER",
    "no conversion from INTEGER",
  ],
  float: [
    "=2",
    "=2",
    "=2.5",
    "=2.50",
    "=2.50",
    "=2.5",
    "=2.5",
    "no conversion from FLOAT",
    "no conversion from FLOAT",
    "no conversion from FLOAT",
    "no conversion from FLOAT",
  ],
  string: [
    "not an integer",
    "not an integer",
    "=12.345",
    "=12.35",
    "=12.35",
    "= 12.345 ",
    "= 12",
    "not a boolean",
    "not a date",
    "not a timestamp",
    "not an interval",
  ],
  scaled: [
    "=-12",
    "=-12",
    "=-12.345",
    "=-12.35",
    "=-12.35",
    "=-12.345",
    "=-12",
    "no conversion from SCALED(3)",
    "no conversion from SCALED(3)",
    "no conversion from SCALED(3)",
    "no conversion from SCALED(3)",
  ],
  decimal: [
    "=1235",
    "=1235",
    "=1234.56",
    "out of range",
    "=1234.56",
    "=1234.56",
    "=123",
    "no conversion from DECIMAL(10,2)",
    "no conversion from DECIMAL(10,2)",
    "no conversion from DECIMAL(10,2)",
    "no conversion from DECIMAL(10,2)",
  ],
  date: [
    "no conversion from DATE",
    "no conversion from DATE",
    "no conversion from DATE",
    "no conversion from DATE",
    "no conversion from DATE",
    "=2024-01-01",
    "=202",
    "no conversion from DATE",
    "=2024-01-01",
    "=2024-01-01T00:00:00",
    "no conversion from DATE",
  ],
  timestamp: [
    "no conversion from TIMESTAMP",
    "no conversion from TIMESTAMP",
    "no conversion from TIMESTAMP",
    "no conversion from TIMESTAMP",
    "no conversion from TIMESTAMP",
    "=2024-01-01T12:30:00.5",
    "=202",
    "no conversion from TIMESTAMP",
    "=2024-01-01",
    "=2024-01-01T12:30:00.5",
    "no conversion from TIMESTAMP",
  ],
  interval: [
    "no conversion from INTERVAL",
    "no conversion from INTERVAL",
    "no conversion from INTERVAL",
    "no conversion from INTERVAL",
    "no conversion from INTERVAL",
    "=P1M2DT3.5S",
    "=P1M",
    "no conversion from INTERVAL",
    "no conversion from INTERVAL",
    "no conversion from INTERVAL",
    "=P1M2DT3.5S",
  ],
};

Deno.test("the whole cast matrix: every source type to every target, results and exact messages", () => {
  for (const [key, type, value] of SOURCES) {
    const row = MATRIX[key];
    TARGETS.forEach((text, j) => {
      const target = parseTargetType(text);
      const want = row[j];
      const label = `${key} -> ${text}`;
      if (want.startsWith("=")) {
        const got = cast(value, type, target);
        assert.equal(formatValue(got, target.type), want.slice(1), label);
      } else {
        const shown = typeof value === "string" ? value : formatValue(value, type);
        assert.throws(() => cast(value, type, target), {
          name: "CastError",
          message: `Cannot cast ${JSON.stringify(shown)} to ${target.name}: ${want}`,
        }, label);
      }
      assert.equal(cast(null, type, target), null, `NULL ${label}`);
    });
  }
});

function ok(value: Value, type: DataType, target: string): string {
  return formatValue(cast(value, type, parseTargetType(target)), parseTargetType(target).type);
}
function refused(value: Value, type: DataType, target: string): string {
  try {
    cast(value, type, parseTargetType(target));
  } catch (e) {
    assert.equal((e as Error).name, "CastError");
    assert.ok(e instanceof TypeError);
    return (e as Error).message;
  }
  throw new Error(`cast to ${target} did not fail`);
}

Deno.test("text casts trim, and refuse with the brief's exact message", () => {
  assert.equal(refused("12abc", Types.String, "INTEGER"), 'Cannot cast "12abc" to INTEGER: not a number');
  assert.equal(refused("12abc", Types.String, "int"), 'Cannot cast "12abc" to INTEGER: not a number');
  assert.equal(ok(" 42\n", Types.String, "INT"), "42");
  assert.equal(ok("\t-7 ", Types.String, "BIGINT"), "-7");
  assert.equal(refused("", Types.String, "INTEGER"), 'Cannot cast "" to INTEGER: not a number');
  assert.equal(refused("1e3", Types.String, "INTEGER"), 'Cannot cast "1e3" to INTEGER: not an integer');
  assert.equal(
    refused("9223372036854775808", Types.String, "INTEGER"),
    'Cannot cast "9223372036854775808" to INTEGER: out of range',
  );
  assert.equal(ok("-9223372036854775808", Types.String, "INTEGER"), "-9223372036854775808");
  assert.equal(refused("40000", Types.String, "SMALLINT"), 'Cannot cast "40000" to SMALLINT: out of range');
  assert.equal(ok("  1.005 ", Types.String, "DECIMAL(5,2)"), "1.01");
  assert.equal(ok("-1.005", Types.String, "SCALED(2)"), "-1.01");
  assert.equal(refused("1000", Types.String, "DECIMAL(5,2)"), 'Cannot cast "1000" to DECIMAL(5,2): out of range');
  assert.equal(refused("abc", Types.String, "FLOAT"), 'Cannot cast "abc" to FLOAT: not a number');
  assert.equal(refused("1e999", Types.String, "DOUBLE"), 'Cannot cast "1e999" to FLOAT: out of range');
  assert.ok(Number.isNaN(cast(" NaN ", Types.String, parseTargetType("REAL"))));
  assert.equal(ok(" YES ", Types.String, "BOOLEAN"), "true");
  assert.equal(refused("maybe", Types.String, "BOOL"), 'Cannot cast "maybe" to BOOLEAN: not a boolean');
  assert.equal(
    refused("2024-02-30", Types.String, "DATE"),
    'Cannot cast "2024-02-30" to DATE: day 30 is out of range 1-29',
  );
  assert.equal(ok(" 2024-02-29 10:00 ", Types.String, "TIMESTAMP"), "2024-02-29T10:00:00");
  assert.equal(ok("PT90S", Types.String, "INTERVAL"), "PT90S");
  assert.equal(ok("héllo wörld", Types.String, "VARCHAR(5)"), "héllo");
});

Deno.test("numeric casts: rounding, overflow, NaN and Infinity", () => {
  // FLOAT -> INTEGER rounds half to even (PostgreSQL rint); numeric -> INTEGER rounds half away from zero.
  assert.equal(ok(2.5, Types.Float, "INTEGER"), "2");
  assert.equal(ok(3.5, Types.Float, "INTEGER"), "4");
  assert.equal(ok(-2.5, Types.Float, "INTEGER"), "-2");
  assert.equal(ok(-0.4, Types.Float, "INTEGER"), "0");
  assert.equal(ok(new ScaledInteger(25, 1), scaledType(1), "INTEGER"), "3");
  assert.equal(ok(new ScaledInteger(-25, 1), scaledType(1), "INTEGER"), "-3");
  assert.equal(ok(new Decimal(-5n, 1), decimalType(3, 1), "INTEGER"), "-1");
  assert.equal(refused(NaN, Types.Float, "INTEGER"), 'Cannot cast "NaN" to INTEGER: not a finite number');
  assert.equal(
    refused(Infinity, Types.Float, "DECIMAL(5,2)"),
    'Cannot cast "Infinity" to DECIMAL(5,2): not a finite number',
  );
  assert.equal(
    refused(-Infinity, Types.Float, "SCALED(2)"),
    'Cannot cast "-Infinity" to SCALED(2): not a finite number',
  );
  assert.equal(refused(2 ** 63, Types.Float, "INTEGER"), 'Cannot cast "9223372036854776000" to INTEGER: out of range');
  assert.equal(ok(-(2 ** 63), Types.Float, "INTEGER"), "-9223372036854775808");
  assert.equal(ok(2 ** 60, Types.Float, "INTEGER"), "1152921504606846976");
  assert.equal(refused(40000, Types.Integer, "SMALLINT"), 'Cannot cast "40000" to SMALLINT: out of range');
  assert.equal(ok(-32768, Types.Integer, "SMALLINT"), "-32768");
  assert.equal(
    refused(2n ** 62n, Types.Integer, "SCALED(2)"),
    'Cannot cast "4611686018427387904" to SCALED(2): out of range',
  );
  assert.equal(ok(2n ** 62n, Types.Integer, "FLOAT"), "4611686018427388000");
  assert.equal(ok(2n ** 63n - 1n, Types.Integer, "DECIMAL(38)"), "9223372036854775807");
  assert.equal(ok(2.675, Types.Float, "SCALED(2)"), "2.68");
  assert.equal(ok(0.1, Types.Float, "DECIMAL(20,18)"), "0.100000000000000000");
  assert.equal(refused(1e300, Types.Float, "SCALED(2)"), 'Cannot cast "1e+300" to SCALED(2): out of range');
  assert.equal(ok(1e-300, Types.Float, "SCALED(2)"), "0.00");
  // DECIMAL(10,2) -> DECIMAL(5,2): overflow is an error; scale reduction rounds half away from zero.
  assert.equal(
    refused(new Decimal(123456n, 2), decimalType(10, 2), "DECIMAL(5,2)"),
    'Cannot cast "1234.56" to DECIMAL(5,2): out of range',
  );
  assert.equal(
    refused(new Decimal(999995n, 3), decimalType(10, 3), "DECIMAL(5,2)"),
    'Cannot cast "999.995" to DECIMAL(5,2): out of range',
  );
  assert.equal(ok(new Decimal(-999994n, 3), decimalType(10, 3), "DECIMAL(5,2)"), "-999.99");
  assert.equal(ok(new ScaledInteger(12345, 2), scaledType(2), "SCALED(1)"), "123.5"); // half away from zero
  assert.equal(ok(new ScaledInteger(12355, 2), scaledType(2), "SCALED(1)"), "123.6");
  assert.equal(ok(new ScaledInteger(-12345, 2), scaledType(2), "SCALED(4)"), "-123.4500");
  assert.equal(
    refused(new ScaledInteger(2n ** 62n, 0), scaledType(0), "SCALED(18)"),
    'Cannot cast "4611686018427387904" to SCALED(18): out of range',
  );
  assert.equal(ok(new ScaledInteger(1, 18), scaledType(18), "FLOAT"), "1e-18");
  assert.equal(ok(0, Types.Integer, "BOOLEAN"), "false");
  assert.equal(ok(-(2n ** 62n), Types.Integer, "BOOLEAN"), "true");
});

Deno.test("temporal and nested casts", () => {
  assert.equal(ok(new Timestamp(-1), Types.Timestamp, "DATE"), "1969-12-31");
  const far = new Timestamp(-(2n ** 62n));
  assert.equal(ok(far, Types.Timestamp, "DATE"), far.toString().slice(0, far.toString().indexOf("T")));
  assert.equal(ok(new SqlDate(-1), Types.Date, "TIMESTAMP"), "1969-12-31T00:00:00");
  // past 2^53 micros (after 2255) the midnight is exact through a bigint; past i64 it is out of range
  assert.equal(ok(new SqlDate(120_000), Types.Date, "TIMESTAMP"), "2298-07-20T00:00:00");
  assert.equal(ok(new SqlDate(-2_000_000), Types.Date, "TIMESTAMP"), new SqlDate(-2_000_000).toString() + "T00:00:00");
  assert.equal(refused(new SqlDate(200_000_000), Types.Date, "TIMESTAMP").endsWith("to TIMESTAMP: out of range"), true);
  assert.equal(ok([1, 2], arrayType(Types.Integer), "TEXT"), "[1, 2]");
  assert.equal(
    refused([1, 2], arrayType(Types.Integer), "INT"),
    'Cannot cast "[1, 2]" to INTEGER: no conversion from ARRAY<INTEGER>',
  );
});
