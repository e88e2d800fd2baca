import assert from "node:assert/strict";
import { KeyedTable } from "../../../core/table/keyed_table.ts";
import { Schema } from "../../../core/record/schema.ts";
import { StreamRecord } from "../../../core/record/stream_record.ts";
import { Types } from "../../../core/types/data_type.ts";
import { parseDate, parseTimestamp } from "../../../core/values/parse_value.ts";
import { SqlDate, Timestamp } from "../../../core/values/temporal.ts";

Deno.test("DATE and TIMESTAMP columns: literals in WHERE, typed values from MIN, MAX, columnValues and scalar", () => {
  const s = Schema.of([["id", Types.Integer], ["ts", Types.Timestamp], ["d", Types.Date]]);
  const t = new KeyedTable(s, { key: "id" });
  const at = (text: string) => parseTimestamp(text);
  t.upsert(new StreamRecord(s, [1, at("2024-01-31 09:30:00"), parseDate("2024-01-31")]));
  t.upsert(new StreamRecord(s, [2, at("2024-01-31 16:00:00.000001"), parseDate("2024-02-01")]));
  t.upsert(new StreamRecord(s, [3, at("2023-12-31 23:59:59.999999"), null]));
  assert.equal(t.count("ts >= '2024-01-31'"), 2);
  assert.equal(t.count("ts > TIMESTAMP '2024-01-31 16:00:00'"), 1);
  // a zone in the literal is applied: 11:00+02:00 is 09:00 UTC
  assert.equal(t.count("ts > '2024-01-31T11:00:00+02:00'"), 2);
  assert.equal(t.count("ts = TIMESTAMP '2024-01-31T09:30:00Z'"), 1);
  assert.equal(t.count("d BETWEEN '2024-01-01' AND DATE '2024-01-31'"), 1);
  assert.equal(t.count("d IN ('2024-02-01', '2030-01-01') OR d IS NULL"), 2);
  assert.equal(t.count("'2024-02-01' IN (d) OR DATE '2024-01-31' IN (ts)"), 1);
  const max = t.max("ts"), min = t.min("d");
  assert.ok(max instanceof Timestamp && String(max) === "2024-01-31T16:00:00.000001");
  assert.ok(min instanceof SqlDate && String(min) === "2024-01-31");
  assert.deepEqual(t.columnValues("d", "id < 3").map(String), ["2024-01-31", "2024-02-01"]);
  assert.equal(String(t.scalar("ts", "id = 3")), "2023-12-31T23:59:59.999999");
  assert.throws(() => t.count("ts > '2024-01-31 24:00'"), {
    name: "SqlBindError",
    message: /^"2024-01-31 24:00" is not a TIMESTAMP at line 1, column 6: .*hour 24 is out of range 0-23$/,
  });
});

Deno.test("DATE and TIMESTAMP literals probe a timestamp key and a date secondary index", () => {
  const s = Schema.of([["ts", Types.Timestamp], ["d", Types.Date], ["v", Types.Integer]]);
  const t = new KeyedTable(s, { key: "ts", indexes: ["d"] });
  t.upsert(new StreamRecord(s, [parseTimestamp("2024-01-31 09:30"), parseDate("2024-01-31"), 1]));
  t.upsert(new StreamRecord(s, [parseTimestamp("2024-01-31 10:30"), parseDate("2024-02-01"), 2]));
  t.upsert(new StreamRecord(s, [parseTimestamp("2024-02-01 08:00"), parseDate("2024-02-01"), 3]));
  assert.equal(t.count("ts = TIMESTAMP '2024-01-31 09:30'"), 1);
  assert.equal(t.count("ts IN ('2024-01-31 10:30', '2024-01-31 09:30:00.000001') AND v > 0"), 1);
  assert.equal(t.count("d = '2024-02-01'"), 2);
  assert.equal(t.count("d IN (DATE '2024-01-31', '2024-02-01') AND v < 3"), 2);
  assert.equal(String(t.sum("v", "d = DATE '2024-02-01'")), "5");
  t.delete(parseTimestamp("2024-02-01 08:00"));
  assert.equal(t.count("d = '2024-02-01'"), 1);
});
