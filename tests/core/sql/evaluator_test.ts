import assert from "node:assert/strict";
import { bindExpression, bindWhere } from "../../../core/sql/binder.ts";
import { compileExpression, compilePredicate, filterBatch, vectorValue } from "../../../core/sql/evaluator.ts";
import { parseExpression } from "../../../core/sql/parser.ts";
import { recordsToBatch, select } from "../../../core/batch/record_batch.ts";
import { Schema } from "../../../core/record/schema.ts";
import { scaledType, Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { DivisionByZeroError, OverflowError } from "../../../core/errors.ts";
import { SqlDate, Timestamp } from "../../../core/values/temporal.ts";
import type { Value } from "../../../core/values/value.ts";

const schema = Schema.of([
  ["id", Types.Integer],
  ["price", scaledType(4)],
  ["qty", Types.Integer],
  ["f", Types.Float],
  ["sym", Types.String],
  ["ok", Types.Boolean],
]);
const SI = (u: number | bigint) => new ScaledInteger(u, 4);
// id 5 is the all-NULL row
const rows: Value[][] = [
  [1, SI(1234500), 10, 1.5, "ABC", true],
  [2, SI(1234501), 20, -2, "A_C", false],
  [3, SI(-50), 0, 0.1, "a%c", true],
  [4, SI(99990000), 7, 1e300, "xyz", false],
  [5, null, null, null, null, null],
  [6, SI(2n ** 60n), 3, NaN, "Zed", true],
];
const batch = recordsToBatch(schema, rows);

function ids(where: string): number[] {
  const p = compilePredicate(bindWhere(parseExpression(where), schema, where));
  const out = filterBatch(p, batch);
  const r: number[] = [];
  for (let i = 0; i < out.length; i++) r.push(out.value(i, 0) as number);
  return r;
}

function tri(where: string): (boolean | null)[] {
  const p = compilePredicate(bindWhere(parseExpression(where), schema, where));
  const sel = Int32Array.from(rows.keys());
  return [...p.tri(batch.columns, sel, sel.length)].map((t) => (t === 2 ? null : t === 1));
}

function value(expr: string, row = 0): Value {
  const e = compileExpression(bindExpression(parseExpression(expr), schema, expr));
  return vectorValue(e.evaluate(batch.columns, Int32Array.of(row), 1), e.type, 0);
}

Deno.test("compare: every operator, NULL rows never selected", () => {
  assert.deepEqual(ids("qty = 10"), [1]);
  assert.deepEqual(ids("qty != 10"), [2, 3, 4, 6]);
  assert.deepEqual(ids("qty <> 10"), [2, 3, 4, 6]);
  assert.deepEqual(ids("qty < 7"), [3, 6]);
  assert.deepEqual(ids("qty <= 7"), [3, 4, 6]);
  assert.deepEqual(ids("qty > 7"), [1, 2]);
  assert.deepEqual(ids("qty >= 7"), [1, 2, 4]);
  assert.deepEqual(ids("10 = qty"), [1]);
  assert.deepEqual(ids("7 < qty"), [1, 2]);
  assert.deepEqual(tri("qty = 10"), [true, false, false, false, null, false]);
});

Deno.test("compare: ScaledInteger against typed literals is exact after scale alignment", () => {
  assert.deepEqual(ids("price = 123.45"), [1]);
  assert.deepEqual(ids("price = 123.4500"), [1]);
  assert.deepEqual(ids("price = 123.450000"), [1]);
  assert.deepEqual(ids("price = 123.45001"), []);
  assert.deepEqual(ids("price > 123.45"), [2, 4, 6]);
  assert.deepEqual(ids("price >= 123.45001"), [2, 4, 6]);
  assert.deepEqual(ids("price < 123.45001"), [1, 3]);
  assert.deepEqual(ids("price <= 123.45009"), [1, 3]);
  assert.deepEqual(ids("price != 123.45001"), [1, 2, 3, 4, 6]);
  assert.deepEqual(ids("price = -0.005"), [3]);
  assert.deepEqual(ids("price < 0"), [3]);
  assert.deepEqual(ids("price = 9999"), [4]);
  assert.deepEqual(ids("price > 9999"), [6]);
  assert.deepEqual(ids("price = 115292150460684.6976"), [6]); // 2^60 units: the wide i64 path
  assert.deepEqual(ids("price > 115292150460684.6975"), [6]);
  assert.deepEqual(ids("price + 0 = 115292150460684.6976"), [6]);
  assert.deepEqual(ids("price = qty * 12.345"), [1]);
  assert.deepEqual(ids("price > f"), [1, 2]);
  assert.deepEqual(ids("f = 1.5"), [1]);
  assert.deepEqual(ids("qty = 10.0"), [1]);
  assert.deepEqual(ids("qty = 10.5"), []);
  assert.deepEqual(ids("qty < 7.5"), [3, 4, 6]);
  assert.deepEqual(ids("qty > 1e1"), [2]);
});

Deno.test("strings: comparisons, quotes and escapes", () => {
  assert.deepEqual(ids("sym = 'ABC'"), [1]);
  assert.deepEqual(ids("sym != 'ABC'"), [2, 3, 4, 6]);
  assert.deepEqual(ids("sym > 'B'"), [3, 4, 6]);
  assert.deepEqual(ids("sym <= 'A_C'"), [1, 2]);
  assert.deepEqual(ids("sym = 'nothing'"), []);
  assert.deepEqual(ids("sym = sym"), [1, 2, 3, 4, 6]);
  assert.deepEqual(ids(`"sym" = 'xyz'`), [4]);
  assert.deepEqual(ids("sym = 'it''s'"), []);
});

Deno.test("AND / OR / NOT: precedence, parentheses and three-valued logic", () => {
  assert.deepEqual(ids("qty = 10 OR qty = 20 AND ok"), [1]);
  assert.deepEqual(ids("(qty = 10 OR qty = 20) AND NOT ok"), [2]);
  assert.deepEqual(ids("NOT qty = 10"), [2, 3, 4, 6]);
  assert.deepEqual(ids("NOT (qty = 10 OR ok)"), [2, 4]);
  // NULL AND FALSE is FALSE, NULL AND TRUE is NULL, NULL OR TRUE is TRUE, NULL OR FALSE is NULL
  assert.deepEqual(tri("ok AND FALSE"), [false, false, false, false, false, false]);
  assert.deepEqual(tri("ok AND TRUE"), [true, false, true, false, null, true]);
  assert.deepEqual(tri("ok OR TRUE"), [true, true, true, true, true, true]);
  assert.deepEqual(tri("ok OR FALSE"), [true, false, true, false, null, true]);
  assert.deepEqual(tri("NOT ok"), [false, true, false, true, null, false]);
  assert.deepEqual(tri("ok AND qty > 5"), [true, false, false, false, null, false]);
  assert.deepEqual(tri("ok OR qty > 5"), [true, true, true, true, null, true]);
  // constants fold to a constant predicate
  const c = (w: string) => compilePredicate(bindWhere(parseExpression(w), schema, w)).constant;
  assert.equal(c("1 = 1"), 1);
  assert.equal(c("1 = 2"), 0);
  assert.equal(c("NULL = NULL"), 2);
  assert.equal(c("NULL AND FALSE"), 0);
  assert.equal(c("NULL AND TRUE"), 2);
  assert.equal(c("NULL OR TRUE"), 1);
  assert.equal(c("NOT NULL"), 2);
  assert.equal(c("TRUE"), 1);
  assert.equal(c("NULL IS NULL"), 1);
  assert.equal(c("qty > 1 AND 1 = 0"), 0);
  assert.equal(c("qty > 1 OR 1 = 1"), 1);
  assert.equal(c("qty > 1"), -1);
  assert.deepEqual(ids("NULL = NULL"), []);
  assert.deepEqual(ids("NOT (NULL = 1)"), []);
  assert.deepEqual(ids("qty = NULL"), []);
  assert.deepEqual(ids("qty != NULL"), []);
  assert.deepEqual(ids("1 = 1"), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(ids("TRUE"), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(ids("FALSE"), []);
  assert.deepEqual(ids("ok = TRUE"), [1, 3, 6]);
  assert.deepEqual(ids("ok != TRUE"), [2, 4]);
});

Deno.test("IN / NOT IN with NULL items", () => {
  assert.deepEqual(ids("qty IN (10, 7)"), [1, 4]);
  assert.deepEqual(ids("qty NOT IN (10, 7)"), [2, 3, 6]);
  assert.deepEqual(ids("qty IN (10, NULL)"), [1]);
  assert.deepEqual(tri("qty IN (10, NULL)"), [true, null, null, null, null, null]);
  assert.deepEqual(ids("qty NOT IN (10, NULL)"), []); // x NOT IN (..., NULL) is never TRUE
  assert.deepEqual(ids("sym IN ('ABC', 'xyz', 'none')"), [1, 4]);
  assert.deepEqual(ids("sym NOT IN ('ABC')"), [2, 3, 4, 6]);
  assert.deepEqual(tri("sym IN ('ABC', NULL)"), [true, null, null, null, null, null]);
  assert.deepEqual(ids("price IN (123.45, -0.005, 1.00001)"), [1, 3]);
  assert.deepEqual(ids("qty IN (qty + 0, 1)"), [1, 2, 3, 4, 6]);
  assert.deepEqual(ids("qty IN (1 + 9)"), [1]);
  assert.deepEqual(ids("f IN (1.5, 0.1)"), [1, 3]); // Float vs decimal literal: compared as the nearest double
});

Deno.test("BETWEEN / NOT BETWEEN", () => {
  assert.deepEqual(ids("qty BETWEEN 7 AND 10"), [1, 4]);
  assert.deepEqual(ids("qty NOT BETWEEN 7 AND 10"), [2, 3, 6]);
  assert.deepEqual(ids("price BETWEEN 123.45 AND 123.4501"), [1, 2]);
  assert.deepEqual(ids("qty BETWEEN 10 AND 7"), []);
  assert.deepEqual(tri("qty BETWEEN NULL AND 10"), [null, false, null, null, null, null]);
  assert.deepEqual(ids("sym BETWEEN 'A' AND 'B'"), [1, 2]);
});

Deno.test("LIKE: % and _, default backslash escape, ESCAPE, NOT LIKE, NULL", () => {
  assert.deepEqual(ids("sym LIKE 'A%'"), [1, 2]);
  assert.deepEqual(ids("sym LIKE '_%C'"), [1, 2]);
  assert.deepEqual(ids("sym LIKE 'A_C'"), [1, 2]);
  assert.deepEqual(ids("sym LIKE 'A\\_C'"), [2]);
  assert.deepEqual(ids("sym LIKE 'a!%c' ESCAPE '!'"), [3]);
  assert.deepEqual(ids("sym LIKE 'a\\%c'"), [3]);
  assert.deepEqual(ids("sym LIKE '%'"), [1, 2, 3, 4, 6]);
  assert.deepEqual(ids("sym LIKE 'abc'"), []); // case-sensitive
  assert.deepEqual(ids("sym NOT LIKE 'A%'"), [3, 4, 6]);
  assert.deepEqual(ids("sym LIKE NULL"), []);
  assert.deepEqual(tri("sym NOT LIKE 'A%'"), [false, false, true, true, null, true]);
  assert.deepEqual(ids("sym LIKE '.*'"), []); // regex characters are literal
  assert.deepEqual(ids("sym LIKE 'A_C' ESCAPE ''"), [1, 2]);
});

Deno.test("IS [NOT] NULL on columns and expressions", () => {
  assert.deepEqual(ids("price IS NULL"), [5]);
  assert.deepEqual(ids("price IS NOT NULL"), [1, 2, 3, 4, 6]);
  assert.deepEqual(ids("qty + 1 IS NULL"), [5]);
  assert.deepEqual(ids("(qty = 1) IS NULL"), [5]);
  assert.deepEqual(ids("sym IS NULL OR ok"), [1, 3, 5, 6]);
});

Deno.test("arithmetic: exact Integer and ScaledInteger results, NULL propagates", () => {
  assert.equal(value("qty * 2 + 1"), 21);
  assert.equal(value("-qty"), -10);
  assert.equal(value("qty / 3"), 3); // truncates toward zero
  assert.equal(value("-qty / 3"), -3);
  assert.equal(value("qty % 3"), 1);
  assert.equal(value("-qty % 3"), -1);
  assert.equal(String(value("price * qty")), "1234.5000");
  assert.equal(String(value("price + 0.00001")), "123.45001");
  assert.equal(String(value("price - 1")), "122.4500");
  assert.equal(String(value("price / 3")), "41.150000");
  assert.equal(String(value("price / 7")), "17.635714"); // 17.6357142... HALF_EVEN at scale 6
  assert.equal(String(value("1.00 / 8")), "0.125000");
  assert.equal(String(value("0.0000005 / 1")), "0.0000005");
  assert.equal(String(value("2.5 / 1000000")), "0.000002"); // 0.0000025 -> HALF_EVEN -> 0.000002
  assert.equal(String(value("3.5 / 1000000")), "0.000004"); // 0.0000035 -> HALF_EVEN -> 0.000004
  assert.equal(String(value("price % 100")), "23.4500");
  assert.equal(value("f * 2"), 3);
  assert.equal(value("price * 1e0"), 123.45);
  assert.equal(value("qty + NULL"), null);
  assert.equal(value("qty * 2", 4), null);
  assert.equal(String(value("price * 2", 5)), "230584300921369.3952"); // wide i64 stays exact
  assert.equal(value("9007199254740991 + 2"), 9007199254740993n);
  assert.equal(value("-9007199254740991 - 2"), -9007199254740993n);
  assert.equal(String(value("price * qty", 5)), "345876451382054.0928");
});

Deno.test("arithmetic errors: division by zero and i64 overflow name the expression", () => {
  assert.throws(() => ids("qty / (qty - qty) = 1"), (e) => {
    assert.ok(e instanceof DivisionByZeroError);
    assert.equal(e.message, 'Division by zero in "qty / (qty - qty)" at row 0');
    return true;
  });
  assert.throws(() => ids("id = 1 AND qty % 0 = 1"), {
    name: "DivisionByZeroError",
    message: 'Division by zero in "qty % 0" at row 0',
  });
  assert.throws(() => value("price / 0"), {
    name: "DivisionByZeroError",
    message: 'Division by zero in "price / 0" at row 0',
  });
  assert.throws(() => value("f / 0"), { name: "DivisionByZeroError" });
  assert.throws(() => value("1 / 0"), { name: "DivisionByZeroError", message: 'Division by zero in "1 / 0" at row 0' });
  assert.throws(() => value("price * price", 5), (e) => {
    assert.ok(e instanceof OverflowError);
    assert.equal(
      e.message,
      "Integer overflow: price * price = 1329227995784915872903807060280344576 is outside the i64 range",
    );
    return true;
  });
  // NULL rows are not evaluated, so they raise nothing
  assert.deepEqual(ids("id = 5 AND qty / qty = 1"), []);
});

Deno.test("predicates over a batch with a selection vector", () => {
  const view = select(batch, Int32Array.of(1, 3, 5));
  const p = compilePredicate(bindWhere(parseExpression("ok"), schema, "ok"));
  const out = filterBatch(p, view);
  assert.equal(out.length, 1);
  assert.equal(out.value(0, 0), 6);
});

Deno.test("dates, timestamps and wide integer columns compare exactly", () => {
  const s = Schema.of([
    ["d1", Types.Date],
    ["d2", Types.Date],
    ["t1", Types.Timestamp],
    ["t2", Types.Timestamp],
    ["n", Types.Integer],
  ]);
  const b = recordsToBatch(s, [
    [new SqlDate(10), new SqlDate(11), new Timestamp(5), new Timestamp(5), 2n ** 60n],
    [new SqlDate(12), new SqlDate(11), new Timestamp(7), new Timestamp(6), 3],
    [null, new SqlDate(1), null, new Timestamp(1), null],
  ]);
  const rows = (w: string) => {
    const p = compilePredicate(bindWhere(parseExpression(w), s, w));
    const out = filterBatch(p, b);
    return Array.from({ length: out.length }, (_, i) => out.physicalRow(i));
  };
  assert.deepEqual(rows("d1 < d2"), [0]);
  assert.deepEqual(rows("d1 >= d2"), [1]);
  assert.deepEqual(rows("t1 = t2"), [0]);
  assert.deepEqual(rows("t1 > t2 OR d1 IS NULL"), [1, 2]);
  assert.deepEqual(rows("n > 9007199254740991"), [0]);
  assert.deepEqual(rows("n = 1152921504606846976"), [0]);
  assert.deepEqual(rows("n + 1 = 1152921504606846977"), [0]);
  assert.deepEqual(rows("n IN (3, 1152921504606846976)"), [0, 1]);
  assert.throws(() => rows("d1 = t1"), {
    name: "SqlBindError",
    message: 'Cannot compare DATE column "d1" with TIMESTAMP column "t1"',
  });
  // literals: DATE '1970-01-11' is day 10, TIMESTAMP '1970-01-01 00:00:00.000006' is micro 6
  assert.deepEqual(rows("d1 = DATE '1970-01-11'"), [0]);
  assert.deepEqual(rows("d1 > '1970-01-11'"), [1]);
  assert.deepEqual(rows("d2 BETWEEN '1970-01-02' AND '1970-01-12'"), [0, 1, 2]);
  assert.deepEqual(rows("d2 IN ('1970-01-02', DATE '1970-01-01')"), [2]);
  assert.deepEqual(rows("t1 < TIMESTAMP '1970-01-01 00:00:00.000006'"), [0]);
  assert.deepEqual(rows("t2 >= '1970-01-01T00:00:00.000005' AND t1 IS NOT NULL"), [0, 1]);
  assert.deepEqual(rows("'1970-01-01 00:00:00.000006' = t2"), [1]);
  // a DATE constant beside a TIMESTAMP is its midnight
  assert.deepEqual(rows("t1 >= DATE '1970-01-01'"), [0, 1]);
  assert.deepEqual(rows("t2 < DATE '1970-01-01' OR DATE '1970-01-02' <= t2"), []);
  // a date whose midnight is past the i64 micros of a TIMESTAMP is a bind error that says where
  assert.throws(() => rows("t1 < DATE '294247-01-11'"), {
    name: "SqlBindError",
    message: "DATE '294247-01-11' is outside the TIMESTAMP range at line 1, column 6",
  });
  assert.deepEqual(rows("t1 < DATE '294247-01-10'"), [0, 1]);
  assert.deepEqual(rows("n = -9223372036854775808 OR n > 2"), [0, 1]);
  // values of DATE and TIMESTAMP expressions come back typed
  const typed = compileExpression(bindExpression(parseExpression("t1"), s, "t1"));
  const v = vectorValue(typed.evaluate(b.columns, Int32Array.of(0, 1, 2), 3), typed.type, 1);
  assert.ok(v instanceof Timestamp && v.micros === 7);
  const day = compileExpression(bindExpression(parseExpression("d2"), s, "d2"));
  const dv = vectorValue(day.evaluate(b.columns, Int32Array.of(0), 1), day.type, 0);
  assert.ok(dv instanceof SqlDate && dv.days === 11);
});

Deno.test("IS [NOT] TRUE / FALSE is never NULL", () => {
  // ok: true, false, true, false, NULL, true
  assert.deepEqual(ids("ok IS TRUE"), [1, 3, 6]);
  assert.deepEqual(ids("ok IS NOT TRUE"), [2, 4, 5]);
  assert.deepEqual(ids("ok IS FALSE"), [2, 4]);
  assert.deepEqual(ids("ok IS NOT FALSE"), [1, 3, 5, 6]);
  assert.deepEqual(ids("(qty > 7) IS NOT TRUE"), [3, 4, 5, 6]);
  assert.deepEqual(ids("NOT ok IS TRUE"), [2, 4, 5]);
  assert.deepEqual(tri("(qty > 7) IS FALSE"), [false, false, true, true, false, true]);
  assert.deepEqual(tri("NULL IS NOT TRUE"), [true, true, true, true, true, true]);
});

Deno.test("FLOAT comparisons follow SQL order: NaN equals NaN and is above every other number", () => {
  // f: 1.5, -2, 0.1, 1e300, NULL, NaN (id 6)
  assert.deepEqual(ids("f > 1e299"), [4, 6]);
  assert.deepEqual(ids("f >= 1e300"), [4, 6]);
  assert.deepEqual(ids("f < 2"), [1, 2, 3]);
  assert.deepEqual(ids("f <= 1e300"), [1, 2, 3, 4]);
  assert.deepEqual(ids("f <> 1.5"), [2, 3, 4, 6]);
  assert.deepEqual(ids("f = f"), [1, 2, 3, 4, 6]);
  assert.deepEqual(ids("f <> f"), []);
  assert.deepEqual(ids("NOT (f > 1e299)"), [1, 2, 3]);
  assert.deepEqual(ids("f BETWEEN 0 AND 1e301"), [1, 3, 4]);
  // computed values and column pairs take the generic path: the same order
  assert.deepEqual(ids("f * 0 = 0"), [1, 2, 3, 4]);
  assert.deepEqual(ids("f + 0 > 1e299"), [4, 6]);
  assert.deepEqual(ids("f > qty"), [3, 4, 6]);
  assert.deepEqual(ids("qty < f"), [3, 4, 6]);
  assert.deepEqual(ids("f * 0 <> f * 0"), []);
  assert.deepEqual(ids("qty < 1e400"), [1, 2, 3, 4, 6]);
  // a NaN constant (folded from 1e400 - 1e400) is above every INTEGER and ScaledInteger, as in the generic path
  assert.deepEqual(ids("qty < 1e400 - 1e400"), [1, 2, 3, 4, 6]);
  assert.deepEqual(ids("qty >= 1e400 - 1e400"), []);
  assert.deepEqual(ids("qty + 0 < 1e400 - 1e400"), [1, 2, 3, 4, 6]);
  assert.deepEqual(ids("price < 1e400 - 1e400"), [1, 2, 3, 4, 6]);
  assert.deepEqual(ids("f = 1e400 - 1e400"), [6]);
});
