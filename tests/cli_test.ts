import assert from "node:assert/strict";
import { runLoad } from "../main.ts";
import { encodeBatches } from "../core/io/codecs/batch_encoder.ts";
import { tradeBatches } from "../core/gen/trades.ts";
import { runFusedCpu } from "../core/kernels/fused_query.ts";

Deno.test("sluice load: a CSV file into a keyed table, with and without workers, answers the exact W3 sum", async () => {
  const rows = 20_000;
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    const chunks = await Array.fromAsync(encodeBatches(tradeBatches({ rows }), "csv"));
    await Deno.writeFile(path, new Uint8Array(chunks.flatMap((c) => [...c])));
    const batches = [...tradeBatches({ rows })];
    const want = runFusedCpu(batches, {
      where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
      sum: ["price", "qty"],
    });
    const progress: number[] = [];
    for (const workers of [0, 1]) {
      const s = await runLoad(`file://${path}`, {
        key: "id",
        where: "qty > 5000 AND side = 'BUY'",
        sum: "price * qty",
        workers,
        onProgress: (p) => progress.push(p.records),
      });
      assert.equal(s.table.size, rows);
      assert.equal(s.count, want.counts[0]);
      assert.equal(BigInt(String(s.sum).replace(".", "")), BigInt(want.sums[0]));
      assert.equal(s.bytes, (await Deno.stat(path)).size);
    }
    assert.equal(progress.at(-1), rows);
    await assert.rejects(() => runLoad(`file://${path}`, { key: "nope" }), /nope/);
    // a mistake in the condition or the sum fails before any batch is read
    const early: number[] = [];
    const onProgress = (p: { records: number }) => early.push(p.records);
    await assert.rejects(() => runLoad(`file://${path}`, { key: "id", where: "qty > 5000 AND (side", onProgress }), {
      name: "SqlSyntaxError",
    });
    await assert.rejects(() => runLoad(`file://${path}`, { key: "id", sum: "symbol", onProgress }), {
      name: "SqlBindError",
    });
    await assert.rejects(() => runLoad(`file://${path}`, { key: "id", where: "qty > 'x'", onProgress }), {
      message: `Cannot compare INTEGER column "qty" with STRING 'x'`,
    });
    assert.deepEqual(early, []);
    // the command line says what is wrong in one message, without a stack, and exits 1
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("../main.ts", import.meta.url).pathname,
        "load",
        `file://${path}`,
        "--key",
        "id",
        "--where",
        "qty >",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 1);
    assert.match(err, /sluice: Expected an expression but found end of input at line 1, column 6\n {2}qty >\n +\^/);
    assert.doesNotMatch(err, /at .*main\.ts/);
  } finally {
    await Deno.remove(path);
  }
});
