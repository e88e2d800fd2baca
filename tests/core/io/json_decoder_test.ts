import assert from "node:assert/strict";
import { JsonDecoder } from "../../../core/io/codecs/json_decoder.ts";
import { DecodeError } from "../../../core/io/codecs/decode_error.ts";
import { decodeBatches } from "../../../core/io/codecs/decode_batches.ts";
import { Schema } from "../../../core/record/schema.ts";
import { field, scaledType, typeName, Types } from "../../../core/types/data_type.ts";
import { decodeSplit, enc, rowsOf } from "./_helpers.ts";

const NDJSON =
  '{"id":1,"sym":"A\\"é","price":123.4500,"ok":true,"tags":[1,{"x":"}"}],"ts":"2024-01-02T03:04:05Z"}\r\n' +
  '\n  {"sym":"😀€","id":2,"price":-0.0500,"ok":false,"ts":null}\n' +
  '{"id":9007199254740993,"price":1.0000,"extra":{"deep":[1,2]},"sym":"x"}';

Deno.test("NDJSON: inference, key order, nested values, escapes, big integers", () => {
  const [b] = decodeSplit(() => new JsonDecoder(), enc(NDJSON), []);
  assert.deepEqual(b[0].schema.fields.map((f) => `${f.name} ${typeName(f.type)}`), [
    "id INTEGER",
    "sym STRING",
    "price SCALED(4)",
    "ok BOOLEAN",
    "tags STRING",
    "ts TIMESTAMP",
    "extra STRING",
  ]);
  assert.deepEqual(rowsOf(b), [
    ["1", 'A"é', "123.4500", "true", '[1,{"x":"}"}]', "2024-01-02T03:04:05", "null"],
    ["2", "😀€", "-0.0500", "false", "null", "null", "null"],
    ["9007199254740993", "x", "1.0000", "null", "null", "null", '{"deep":[1,2]}'],
  ]);
});

Deno.test("NDJSON and JSON array: every split point gives the same rows", () => {
  const arr = '[\n {"id":1,"s":"a,\\u00e9"},\r\n {"id":2,"s":"😀"} , {"id":3,"s":null}\n]\n';
  for (const [text, layout] of [[NDJSON, "ndjson"], [arr, "array"]] as const) {
    const bytes = enc(text);
    const [whole] = decodeSplit(() => new JsonDecoder({ layout, batchSize: 2 }), bytes, []);
    const expected = rowsOf(whole);
    assert.equal(expected.length, 3);
    for (let i = 0; i <= bytes.length; i++) {
      const [b, d] = decodeSplit(() => new JsonDecoder({ layout, batchSize: 2 }), bytes, [i]);
      assert.equal(d.error, null);
      assert.deepEqual(rowsOf(b), expected, `${layout} split at ${i}`);
    }
  }
});

Deno.test("JSON array: empty array, given schema, errors", async () => {
  const [e] = decodeSplit(() => new JsonDecoder({ layout: "array" }), enc(" [ ] "), []);
  assert.deepEqual(rowsOf(e), []);
  const schema = new Schema([field("id", Types.Integer, false), field("p", scaledType(2))]);
  const rows = await Array.fromAsync(decodeBatches([enc('[{"id":1,"p":"2.50"},{"id":2}]')], "json", { schema }));
  assert.deepEqual(rowsOf(rows), [["1", "2.50"], ["2", "null"]]);
  const cases: [string, string][] = [
    ['[{"id":1},{"id":2}', "Cannot decode line 1, column 19, field (record): unexpected end of input"],
    ['[{"id":1} {"id":2}]', 'Cannot decode line 1, column 11, field (record): expected "," or "]"'],
    ['[{"id":1}] x', 'Cannot decode line 1, column 12, field (record): unexpected text after "]"'],
    ['[{"p":1.5}]', 'Cannot decode line 1, column 2, field "id": missing key: NULL in a NOT NULL field'],
    ['[\n{"id":"a"}]', 'Cannot decode line 2, column 7, field "id": "a" is not a valid INTEGER value'],
  ];
  for (const [text, message] of cases) {
    const [, d] = decodeSplit(() => new JsonDecoder({ layout: "array", schema }), enc(text), []);
    assert.ok(d.error instanceof DecodeError, text);
    assert.equal(d.error.message, message, text);
  }
});

Deno.test("NDJSON: policies keep every good row and report line/column/field", async () => {
  const schema = Schema.of([["id", Types.Integer], ["p", scaledType(2)]]);
  const text = '{"id":1,"p":1.00}\n{"id":2,"p":1.001}\nnot json\n{"id":3,"p":3.00\n{"id":4,"p":4.00}\n';
  const letters: string[] = [];
  const rows = await Array.fromAsync(
    decodeBatches([enc(text)], "ndjson", {
      schema,
      onError: "dead-letter",
      deadLetter: (l) => void letters.push(l.error.message),
    }),
  );
  assert.deepEqual(rowsOf(rows), [["1", "1.00"], ["4", "4.00"]]);
  assert.deepEqual(letters, [
    'Cannot decode line 2, column 13, field "p": "1.001" has more decimal digits than SCALED(2) holds',
    "Cannot decode line 3, column 1, field (record): expected an object",
    "Cannot decode line 4, column 17, field (record): unexpected end of line",
  ]);
  const reader = decodeBatches([enc(text)], "ndjson", { schema }).getReader();
  assert.equal((await reader.read()).value?.length, 1);
  await assert.rejects(() => reader.read(), DecodeError);
});
