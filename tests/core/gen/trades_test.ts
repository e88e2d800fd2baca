import assert from "node:assert/strict";
import { tradeBatches } from "../../../core/gen/trades.ts";
import { ExactSum } from "../../../core/values/exact_sum.ts";
import { runDemo } from "../../../main.ts";

Deno.test("trade feed meets the WORKLOADS.md answer checks (W4 rows, W5 exact sum)", () => {
  const sum = new ExactSum();
  let rows = 0, big = 0;
  const seen = new Uint8Array(1_000_000);
  for (const b of tradeBatches()) {
    const [id, , price, qty] = b.columns;
    assert.ok(id.layout === "f64" && price.layout === "f64" && qty.layout === "f64");
    for (let i = 0; i < b.length; i++) {
      const v = price.data[i] * qty.data[i];
      sum.add(v);
      if (v > 1e10) big++;
      seen[id.data[i]]++;
    }
    rows += b.length;
  }
  assert.equal(rows, 1_000_000);
  assert.equal(sum.toBigInt(), 25046490060591356n);
  assert.equal(big, 670483);
  assert.ok(seen.every((c) => c === 1), "ids are a permutation of 0..N-1");
});

Deno.test("demo totals are exact and agree with a plain loop", () => {
  const s = runDemo(20_000);
  assert.equal(s.rows, 20_000);
  const total = new ExactSum(), buy = new ExactSum();
  for (const b of tradeBatches({ rows: 20_000 })) {
    const [, , price, qty, , side] = b.columns;
    assert.ok(price.layout === "f64" && qty.layout === "f64" && side.layout === "dict");
    for (let i = 0; i < b.length; i++) {
      total.add(price.data[i] * qty.data[i]);
      if (side.codes[i] === 0) buy.add(price.data[i] * qty.data[i]);
    }
  }
  assert.equal(BigInt(s.notional.units), total.toBigInt());
  assert.deepEqual(s.bySide.map((g) => g.symbol), ["BUY", "SELL"]);
  assert.equal(BigInt(s.bySide[0].notional.units), buy.toBigInt());
  assert.equal(s.bySide[0].count + s.bySide[1].count, 20_000);
  assert.equal(s.w3Groups, 500);
  assert.ok(s.topSymbols.length === 5);
});
