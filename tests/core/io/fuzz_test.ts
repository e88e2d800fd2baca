import assert from "node:assert/strict";
import { runFuzz } from "../../../tools/fuzz.ts";

Deno.test("fuzz slice: 10^4 mutated URIs, CSV and NDJSON inputs give no crash, hang or lost row", () => {
  const r = runFuzz(10_000, 20261126);
  assert.equal(r.cases, 10_000);
  assert.deepEqual([r.crashes, r.hangs, r.lostRows], [0, 0, 0], r.samples.join("\n"));
});
