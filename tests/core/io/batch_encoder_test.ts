import assert from "node:assert/strict";
import { createEncoder, encodeBatches } from "../../../core/io/codecs/batch_encoder.ts";
import { decodeBatches } from "../../../core/io/codecs/decode_batches.ts";
import { TRADE_SCHEMA, tradeBatches } from "../../../core/gen/trades.ts";
import { recordsToBatch, select } from "../../../core/batch/record_batch.ts";
import { Schema } from "../../../core/record/schema.ts";
import { field, scaledType, Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { Timestamp } from "../../../core/values/temporal.ts";
import { rowsOf } from "./_helpers.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";

Deno.test("encode -> decode round-trips the trade feed exactly in every format", async () => {
  const batches = [...tradeBatches({ rows: 3000, batchSize: 1000 })];
  const expected = rowsOf(batches);
  for (const format of ["csv", "tsv", "ndjson", "json"] as const) {
    const bytes = encodeBatches(batches, format);
    const back = await Array.fromAsync(decodeBatches(bytes, format, { schema: TRADE_SCHEMA }));
    assert.deepEqual(rowsOf(back), expected, format);
    const inferred = await Array.fromAsync(decodeBatches(encodeBatches(batches, format), format));
    assert.deepEqual(inferred[0].schema.fields.map((f) => f.type.kind), [
      "integer",
      "string",
      "scaled",
      "integer",
      "integer",
      "string",
    ], format);
    assert.deepEqual(rowsOf(inferred), expected, format);
  }
});

Deno.test("encoders: quoting, NULL, empty strings, big integers, timestamps, selections", async () => {
  const schema = new Schema([
    field("s", Types.String),
    field("n", Types.Integer),
    field("p", scaledType(2)),
    field("t", Types.Timestamp),
    field("f", Types.Float),
    field("b", Types.Boolean),
  ]);
  const b = recordsToBatch(schema, [
    ['a,"b"\nc', 2n ** 60n, new ScaledInteger(-5, 2), new Timestamp(1_500_000), NaN, true],
    ["", null, null, null, null, null],
    ["x", 1, new ScaledInteger(100, 2), null, 1.5, false],
  ]);
  const dec = new TextDecoder();
  assert.equal(
    dec.decode(createEncoder("csv").encode(b)),
    's,n,p,t,f,b\n"a,""b""\nc",1152921504606846976,-0.05,1970-01-01T00:00:01.5,NaN,true\n"",,,,,\nx,1,1.00,,1.5,false\n',
  );
  const j = createEncoder("json");
  assert.equal(
    dec.decode(j.encode(select(b, Int32Array.of(0, 2)))) + dec.decode(j.finish()),
    '[{"s":"a,\\"b\\"\\nc","n":1152921504606846976,"p":-0.05,"t":"1970-01-01T00:00:01.5","f":null,"b":true},' +
      '{"s":"x","n":1,"p":1.00,"t":null,"f":1.5,"b":false}]\n',
  );
  assert.equal(dec.decode(createEncoder("json").finish()), "[]\n");
  const back = await Array.fromAsync(decodeBatches(encodeBatches([b], "csv"), "csv", { schema }));
  assert.deepEqual(rowsOf(back), rowsOf([b]));
});

Deno.test("CSV and NDJSON encoders: every number and timestamp cell is the value's own text (seeded, incl. +-2^53, +-2^63, -0)", () => {
  const r = mulberry32(2026);
  const schema = new Schema([
    field("i", Types.Integer),
    field("s4", scaledType(4)),
    field("s0", scaledType(0)),
    field("s18", scaledType(18)),
    field("t", Types.Timestamp),
    field("f", Types.Float),
  ]);
  const edge = [0, -0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n)];
  const pick = (): number | bigint => {
    if (r() < 0.2) return edge[Math.floor(r() * edge.length)];
    const v = Math.floor((r() - 0.5) * 2 ** (1 + Math.floor(r() * 53)));
    return v;
  };
  const floats = [NaN, Infinity, -Infinity, -0, 0.1, 1e21, 5e-324, -1.5, 123456789.125];
  const rows: unknown[][] = [];
  for (let k = 0; k < 3000; k++) {
    const i = pick(), u = pick(), t = pick();
    rows.push([
      i,
      new ScaledInteger(u, 4),
      new ScaledInteger(pick(), 0),
      new ScaledInteger(u, 18),
      new Timestamp(typeof t === "bigint" ? t / 1000n : t),
      r() < 0.3 ? floats[Math.floor(r() * floats.length)] : (r() - 0.5) * 10 ** Math.floor(r() * 30 - 10),
    ]);
  }
  const b = recordsToBatch(schema, rows as never);
  const lines = new TextDecoder().decode(createEncoder("csv", { header: false }).encode(b)).split("\n");
  for (let k = 0; k < rows.length; k++) {
    const want = rows[k].map((v) => String(typeof v === "number" && Object.is(v, -0) ? 0 : v)).join(",");
    assert.equal(lines[k], want, `row ${k}`);
  }
  // NDJSON: the same texts, timestamps quoted, non-finite floats null
  const json = new TextDecoder().decode(createEncoder("ndjson").encode(b)).split("\n");
  for (let k = 0; k < rows.length; k++) {
    const cells = rows[k].map((v, c) => {
      const name = schema.names[c];
      if (v instanceof Timestamp) return `"${name}":"${v}"`;
      if (typeof v === "number" && !Number.isFinite(v)) return `"${name}":null`;
      return `"${name}":${String(typeof v === "number" && Object.is(v, -0) ? 0 : v)}`;
    });
    assert.equal(json[k], `{${cells.join(",")}}`, `json row ${k}`);
  }
});
