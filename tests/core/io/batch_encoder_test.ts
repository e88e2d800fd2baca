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
