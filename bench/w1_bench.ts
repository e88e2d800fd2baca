/**
 * W1 end to end (WORKLOADS.md): the 1 M-row trade feed as a CSV file -> a KeyedTable keyed by `id`, price exact.
 * The baseline is one CsvDecoder on this thread feeding upsertBatch; the other lines share the decoding with a
 * DecodeWorkerPool (decodeParallel), from bytes in memory and from a `file://` source, and the last line is the
 * CLI's `runLoad`, which also sizes the table from the file's bytes per row. The answer (rows, exact
 * SUM(price*qty)) is checked once outside the timed part. Figures: docs/perf/io.md.
 *
 * `deno bench -A bench/w1_bench.ts` (SLUICE_BENCH_ROWS shrinks the feed; the CSV is cached in /tmp).
 *
 * @module
 */

import { KeyedTable } from "../core/table/keyed_table.ts";
import { TRADE_SCHEMA } from "../core/gen/trades.ts";
import { CsvDecoder } from "../core/io/codecs/csv_decoder.ts";
import { decodeParallel } from "../core/io/codecs/decode_parallel.ts";
import { DecodeWorkerPool } from "../core/io/codecs/decode_worker_pool.ts";
import { createSource } from "../core/io/io.ts";
import { tradeFeedFile } from "./_trade_files.ts";
import { runLoad } from "../main.ts";

const ROWS = Number(Deno.env.get("SLUICE_BENCH_ROWS") ?? 1_000_000);
const { path: PATH, bytes: CSV } = await tradeFeedFile(ROWS, "csv");
const pool = new DecodeWorkerPool();

function inOrder(): KeyedTable {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  const d = new CsvDecoder({ schema: TRADE_SCHEMA });
  const CHUNK = 1 << 20;
  for (let o = 0; o < CSV.length; o += CHUNK) {
    d.write(CSV.subarray(o, Math.min(CSV.length, o + CHUNK)));
    for (const b of d.drain()) t.upsertBatch(b);
  }
  d.end();
  for (const b of d.drain()) t.upsertBatch(b);
  if (d.error !== null) throw d.error;
  return t;
}
async function shared(): Promise<KeyedTable> {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  await t.load(decodeParallel([CSV], "csv", { schema: TRADE_SCHEMA, pool }));
  return t;
}
async function fromFile(): Promise<KeyedTable> {
  const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
  await t.load(createSource(`file://${PATH}`, { schema: TRADE_SCHEMA, pool }).batches());
  return t;
}

/** The CLI's path (`sluice load`): the file source with the pool, the table sized from the file's bytes per row. */
async function cliPath(): Promise<KeyedTable> {
  return (await runLoad(`file://${PATH}`, { key: "id", pool })).table;
}

function check(t: KeyedTable, what: string): void {
  if (t.size !== ROWS) throw new Error(`${what}: ${t.size} rows`);
  if (ROWS === 1_000_000 && String(t.sum("price * qty")) !== "2504649006059.1356") throw new Error(`${what}: sum`);
}
check(inOrder(), "in order");
check(await shared(), "shared");
check(await fromFile(), "file");
check(await cliPath(), "cli");

const GROUP = `W1 ${ROWS} trades: CSV -> KeyedTable`;
Deno.bench({ group: GROUP, name: "CsvDecoder on this thread + upsertBatch", baseline: true, n: 8, warmup: 2 }, () => {
  inOrder();
});
Deno.bench(
  { group: GROUP, name: `decodeParallel (${pool.size} worker + this thread) + load`, n: 8, warmup: 2 },
  async () => {
    await shared();
  },
);
Deno.bench(
  { group: GROUP, name: "file:// source with the pool + load (reads the file too)", n: 8, warmup: 2 },
  async () => {
    await fromFile();
  },
);
Deno.bench(
  { group: GROUP, name: "runLoad (sluice load): file:// + the pool + room sized from the file", n: 8, warmup: 2 },
  async () => {
    await cliPath();
  },
);
globalThis.addEventListener("unload", () => pool.close());
