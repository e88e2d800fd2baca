import assert from "node:assert/strict";
import { runLoad } from "../main.ts";
import { encodeBatches } from "../core/io/codecs/batch_encoder.ts";
import { tradeBatches } from "../core/gen/trades.ts";
import { runFusedCpu } from "../core/kernels/fused_query.ts";

Deno.test("sluice load: a file of updates to few keys gets no room for its line count", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    const lines = Array.from({ length: 50_000 }, (_, i) => `${i % 100},${i}`);
    await Deno.writeTextFile(path, "id,v\n" + lines.join("\n") + "\n");
    const s = await runLoad(`file://${path}`, { key: "id", sum: "v", workers: 0 });
    assert.equal(s.table.size, 100);
    assert.equal(String(s.sum), String(Array.from({ length: 100 }, (_, k) => 49_900 + k).reduce((a, b) => a + b)));
    assert.ok(s.stats.columns[0].bytes / 8 < 50_000, `${s.stats.columns[0].bytes / 8} slots for 100 keys`);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("sluice load: a plain file gets room for its rows once; rows that change shape get none", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    // 200 k trade rows (~9 MB, 1 MiB segments): the bytes per row agree at 1/16 and 1/8 of the file
    const rows = 200_000;
    const chunks = await Array.fromAsync(encodeBatches(tradeBatches({ rows }), "csv"));
    await Deno.writeFile(path, new Uint8Array(chunks.flatMap((c) => [...c])));
    for (const workers of [0, 1]) {
      const s = await runLoad(`file://${path}`, { key: "id", sum: "qty", workers });
      const slots = s.stats.columns[0].bytes / 8;
      assert.ok(slots >= rows && slots <= rows * 1.05, `${slots} slots for ${rows} rows (was 262,144 by doubling)`);
      const want = [...tradeBatches({ rows })].reduce(
        (n, b) => n + (b.columns[3] as { data: Float64Array }).data.reduce((a, q) => a + q, 0),
        0,
      );
      assert.equal(s.sum, want);
    }
    // 60 k short rows, then 100 k long ones (~21 MB): a hint from the start would ask for ~8x the rows
    const long = "x".repeat(200);
    const lines = Array.from({ length: 160_000 }, (_, i) => (i < 60_000 ? `${i},s` : `${i},${long}`));
    await Deno.writeTextFile(path, "id,v\n" + lines.join("\n") + "\n");
    const s = await runLoad(`file://${path}`, { key: "id", workers: 1 });
    assert.equal(s.table.size, 160_000);
    const slots = s.stats.columns[0].bytes / 8;
    assert.ok(slots <= 2 * 160_000, `${slots} slots for 160,000 rows`);
  } finally {
    await Deno.remove(path);
  }
});

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
      message: `Cannot compare INTEGER column "qty" with STRING 'x'\n  qty > 'x'\n  ^`,
    });
    await assert.rejects(
      () => runLoad(`file://${path}`, { key: "id", where: "qty > 1 AND\n    nope = 2", onProgress }),
      { name: "SqlBindError", message: /column "nope" at line 2, column 5;.*\n {2} {4}nope = 2\n {2} {4}\^$/ },
    );
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
