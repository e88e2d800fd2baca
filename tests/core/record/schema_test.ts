import assert from "node:assert/strict";
import { Schema } from "../../../core/record/schema.ts";
import { StreamRecord } from "../../../core/record/stream_record.ts";
import { field, scaledType, Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";

for (const n of [2, 8, 9, 16]) {
  Deno.test(`schema of ${n} fields resolves exact and case-insensitive names`, () => {
    const s = new Schema(Array.from({ length: n }, (_, i) => field(`Field${i}`, Types.Integer)));
    for (let i = 0; i < n; i++) {
      assert.equal(s.indexOf(`Field${i}`), i);
      assert.equal(s.resolve(`FIELD${i}`), i);
    }
    assert.equal(s.indexOf("field0"), -1);
    assert.equal(s.resolve("nope"), -1);
    assert.throws(() => s.field("nope"), {
      name: "RangeError",
      message: /^Unknown field "nope"; the schema has: Field0/,
    });
  });
}

Deno.test("duplicate names are refused case-insensitively", () => {
  assert.throws(() => Schema.of([["a", Types.Integer], ["A", Types.Float]]), {
    name: "RangeError",
    message: 'Duplicate field name "A" in schema',
  });
});

Deno.test("withFields shares values and a memoised schema", () => {
  const s = Schema.of([["id", Types.Integer], ["price", scaledType(4)], ["symbol", Types.String]]);
  const price = new ScaledInteger(123456, 4);
  const a = new StreamRecord(s, [1, price, "ACME"]);
  const b = new StreamRecord(s, [2, price, "ACME"]);
  const extra = [field("doubled", scaledType(4)), field("tag", Types.String)];
  const a2 = a.withFields(extra, [new ScaledInteger(246912, 4), "x"]);
  const b2 = b.withFields(extra, [null, "y"]);
  assert.equal(a2.schema, b2.schema);
  assert.equal(a2.values[1], price, "nested values are shared, not copied");
  assert.equal(a2.meta, a.meta);
  assert.equal(String(a2.get("doubled")), "24.6912");
  assert.equal(a2.get("TAG"), "x");
  assert.equal(a.values.length, 3, "original untouched");
});
