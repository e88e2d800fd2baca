import assert from "node:assert/strict";
import { bindExpression, bindWhere } from "../../../core/sql/binder.ts";
import { parseExpression } from "../../../core/sql/parser.ts";
import { SqlBindError } from "../../../core/sql/sql_bind_error.ts";
import { Schema } from "../../../core/record/schema.ts";
import { decimalType, scaledType, typeName, Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";

const schema = Schema.of([
  ["id", Types.Integer],
  ["Price", scaledType(4)],
  ["qty", Types.Integer],
  ["f", Types.Float],
  ["status", Types.String],
  ["ok", Types.Boolean],
  ["d", Types.Date],
  ["dec", decimalType(10, 2)],
]);
const bind = (t: string) => bindExpression(parseExpression(t), schema, t);
const where = (t: string) => bindWhere(parseExpression(t), schema, t);

Deno.test("bind: literal types (typed literals keep every digit)", () => {
  const c = bind("123.45");
  assert.equal(c.kind, "const");
  assert.equal(typeName(c.type), "SCALED(2)");
  assert.ok(c.kind === "const" && c.value instanceof ScaledInteger && c.value.units === 12345);
  assert.equal(typeName(bind("42").type), "INTEGER");
  assert.equal(typeName(bind("1e3").type), "FLOAT");
  assert.equal(typeName(bind("'x'").type), "STRING");
  assert.equal(typeName(bind("TRUE").type), "BOOLEAN");
  assert.equal(typeName(bind("NULL").type), "NULL");
  const big = bind("9223372036854775807");
  assert.ok(big.kind === "const" && big.value === 9223372036854775807n);
  const neg = bind("-0.50");
  assert.ok(neg.kind === "const" && neg.value instanceof ScaledInteger && String(neg.value) === "-0.50");
  const trailing = bind("1.0000000000000000000000");
  assert.ok(trailing.kind === "const" && typeName(trailing.type) === "SCALED(0)");
});

Deno.test("bind: the i64 minimum, typed DATE / TIMESTAMP literals, and strings read as dates beside a date", () => {
  const min = bind("-9223372036854775808");
  assert.ok(min.kind === "const" && min.value === -(2n ** 63n) && typeName(min.type) === "INTEGER");
  const minUnits = bind("-922337203685477.5808");
  assert.ok(minUnits.kind === "const" && String(minUnits.value) === "-922337203685477.5808");
  const negZero = bind("-0.0e0");
  assert.ok(negZero.kind === "const" && Object.is(negZero.value, 0));
  const d = bind("DATE '2024-02-29'");
  assert.ok(d.kind === "const" && typeName(d.type) === "DATE" && String(d.value) === "2024-02-29");
  const ts = bind("timestamp '2024-02-29 10:00:00.25'");
  assert.ok(ts.kind === "const" && typeName(ts.type) === "TIMESTAMP" && String(ts.value) === "2024-02-29T10:00:00.25");
  // beside a DATE operand a string literal is a DATE (both sides, BETWEEN, IN); elsewhere it stays a string
  const c = where("'2024-01-31' <= d");
  assert.ok(c.kind === "compare" && c.op === ">=" && c.right.kind === "const" && typeName(c.right.type) === "DATE");
  // and a literal operand of IN beside DATE items
  const flipped = where("'2024-01-31' IN (d, DATE '2024-01-01')");
  assert.ok(flipped.kind === "in" && typeName(flipped.operand.type) === "DATE");
  assert.throws(() => where("'soon' IN (d)"), { message: /^"soon" is not a DATE at line 1, column 1: / });
  const inList = where("d IN ('2024-01-01', DATE '2024-01-02')");
  assert.ok(inList.kind === "in" && inList.list.every((e) => typeName(e.type) === "DATE"));
  const between = where("d BETWEEN '2024-01-01' AND '2024-12-31'");
  assert.ok(between.kind === "and" && between.left.kind === "compare" && typeName(between.left.right.type) === "DATE");
  const str = where("status = '2024-01-01'");
  assert.ok(str.kind === "compare" && typeName(str.right.type) === "STRING");
  // a column named date is still a column where no string follows
  const s2 = Schema.of([["date", Types.Date]]);
  const col = bindWhere(parseExpression("date = '2024-01-01'"), s2, "date = '2024-01-01'");
  assert.ok(col.kind === "compare" && col.left.kind === "column" && col.right.kind === "const");
});

Deno.test("bind: result types of arithmetic", () => {
  assert.equal(typeName(bind("qty + 1").type), "INTEGER");
  assert.equal(typeName(bind("qty / 2").type), "INTEGER");
  assert.equal(typeName(bind("price + 1.5").type), "SCALED(4)");
  assert.equal(typeName(bind("price * qty").type), "SCALED(4)");
  assert.equal(typeName(bind("price * 1.5").type), "SCALED(5)");
  assert.equal(typeName(bind("price / qty").type), "SCALED(6)");
  assert.equal(typeName(bind("qty / 1.5").type), "SCALED(6)");
  assert.equal(typeName(bind("price % 2").type), "SCALED(4)");
  assert.equal(typeName(bind("f * price").type), "FLOAT");
  assert.equal(typeName(bind("NULL + 1").type), "INTEGER");
  assert.equal(typeName(bind("-price").type), "SCALED(4)");
});

Deno.test("bind: names are case-insensitive unless quoted", () => {
  const c = bind("PRICE");
  assert.ok(c.kind === "column" && c.index === 1 && c.name === "Price");
  const q = bind(`"Price"`);
  assert.ok(q.kind === "column" && q.index === 1);
  assert.throws(() => bind(`"price"`), {
    name: "SqlBindError",
    message: 'Unknown column "price" at line 1, column 1; the columns are: id, Price, qty, f, status, ok, d, dec',
  });
});

Deno.test("bind: BETWEEN becomes two comparisons; constants move right", () => {
  const b = where("id BETWEEN 1 AND 5");
  assert.equal(b.kind, "and");
  const m = where("5 < id");
  assert.ok(m.kind === "compare" && m.op === ">" && m.left.kind === "column");
});

Deno.test("bind: every error names what is wrong", () => {
  const cases: [string, string][] = [
    ["nope = 1", 'Unknown column "nope" at line 1, column 1; the columns are: id, Price, qty, f, status, ok, d, dec'],
    [
      "id = 1 AND\n  bogus > 2",
      'Unknown column "bogus" at line 2, column 3; the columns are: id, Price, qty, f, status, ok, d, dec',
    ],
    ["status = 5", 'Cannot compare STRING column "status" with INTEGER 5'],
    ["status > price", 'Cannot compare STRING column "status" with SCALED(4) column "Price"'],
    ["5 = status", 'Cannot compare INTEGER 5 with STRING column "status"'],
    ["ok = 1", 'Cannot compare BOOLEAN column "ok" with INTEGER 1'],
    ["d = 1", 'Cannot compare DATE column "d" with INTEGER 1'],
    ["dec = 1", 'Cannot compare DECIMAL(10,2) column "dec" with INTEGER 1'],
    ["status IN ('a', 1)", 'Cannot compare STRING column "status" with INTEGER 1 in IN'],
    ["qty + status = 1", 'Operator + needs numbers, got INTEGER column "qty" and STRING column "status"'],
    ["-status = 'a'", 'Unary - needs a number, got STRING column "status"'],
    ["qty", 'WHERE needs a BOOLEAN condition, got INTEGER column "qty"'],
    ["qty + 1", 'WHERE needs a BOOLEAN condition, got INTEGER expression "qty + 1"'],
    ["'yes'", "WHERE needs a BOOLEAN condition, got STRING 'yes'"],
    ["qty AND ok", 'AND needs BOOLEAN operands, got INTEGER column "qty"'],
    ["qty IS NOT TRUE", 'IS NOT TRUE needs BOOLEAN operands, got INTEGER column "qty"'],
    ["ok OR 1", "OR needs BOOLEAN operands, got INTEGER 1"],
    ["NOT status", 'NOT needs BOOLEAN operands, got STRING column "status"'],
    ["qty LIKE 'a%'", 'LIKE needs a STRING operand, got INTEGER column "qty"'],
    ["status LIKE status", 'LIKE pattern must be a constant string, got STRING column "status"'],
    ["status LIKE 'a' ESCAPE 'xy'", "ESCAPE must be a single character, got STRING 'xy'"],
    ["status LIKE 'ab\\'", "LIKE pattern 'ab\\' ends with the escape character"],
    [
      "price * price * price * price * price > 0",
      'Scale of "price * price * price * price * price" would be 20, over the maximum 18',
    ],
    ["id = 99999999999999999999", "Integer literal 99999999999999999999 is outside the i64 range"],
    ["id = -9223372036854775809", "Integer literal -9223372036854775809 is outside the i64 range"],
    ["price = -922337203685477.5809", "Decimal literal -922337203685477.5809 does not fit a ScaledInteger (i64 units)"],
    [
      "d = '2024-13-01'",
      '"2024-13-01" is not a DATE at line 1, column 5: Cannot parse "2024-13-01" as DATE at offset 5: month 13 is out of range 1-12',
    ],
    [
      "id = 1 AND d BETWEEN '2024-01-01' AND 'soon'",
      '"soon" is not a DATE at line 1, column 39: Cannot parse "soon" as DATE at offset 0: unexpected "s"',
    ],
    [
      "d IN (DATE '2024-01-01', '2024-02-30')",
      '"2024-02-30" is not a DATE at line 1, column 26: Cannot parse "2024-02-30" as DATE at offset 8: day 30 is out of range 1-29',
    ],
    [
      "d < TIMESTAMP '2024-01-01 25:00'",
      '"2024-01-01 25:00" is not a TIMESTAMP at line 1, column 5: Cannot parse "2024-01-01 25:00" as TIMESTAMP at offset 11: hour 25 is out of range 0-23',
    ],
    ["d = TIMESTAMP '2024-01-01'", "Cannot compare DATE column \"d\" with TIMESTAMP TIMESTAMP '2024-01-01'"],
    ["status = DATE '2024-01-01'", "Cannot compare STRING column \"status\" with DATE DATE '2024-01-01'"],
    ["price = 1.0000000000000000001", "Decimal literal 1.0000000000000000001 has more than 18 digits after the point"],
    ["COUNT(*) > 1", "Function COUNT is not allowed in this expression"],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => where(text), (e) => {
      assert.ok(e instanceof SqlBindError, `${text}: ${e}`);
      assert.equal(e.message, message, text);
      return true;
    });
  }
});
