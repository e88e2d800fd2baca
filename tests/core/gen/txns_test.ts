import assert from "node:assert/strict";
import { TXN_SCHEMA, txnBatches, txnKey } from "../../../core/gen/txns.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";

Deno.test("txns meet the WORKLOADS.md S7 answer checks", () => {
  let rows = 0, active = 0, completedSum = 0;
  for (const b of txnBatches()) {
    const [, , amount, status] = b.columns;
    assert.ok(amount.layout === "f64" && status.layout === "dict");
    for (let i = 0; i < b.length; i++) {
      if (status.dict.values[status.codes[i]] === "active") active++;
      if (status.codes[i] === 2) completedSum += amount.data[i];
    }
    rows += b.length;
  }
  assert.equal(rows, 100_000);
  assert.equal(active, 25_000);
  assert.equal(completedSum, 12_372_000_000);
});

Deno.test("txn row values and keys", () => {
  const [b] = txnBatches({ rows: 3, start: 1_000_001 });
  assert.equal(b.schema, TXN_SCHEMA);
  assert.equal(b.value(0, 0), 1_000_001);
  assert.equal(b.value(0, 1), "ACC000001");
  assert.deepEqual(b.value(0, 2), new ScaledInteger((1_000_001 * 137 + 50000) % 1000000, 2));
  assert.equal(b.value(0, 3), "pending");
  assert.equal(b.value(0, 4), "CAT1");
  assert.equal(txnKey(7), "txn_00000007");
  assert.throws(() => [...txnBatches({ rows: -1 })], new RangeError("rows must be a non-negative integer, got -1"));
});
