/**
 * I/O benches (issue 3): URI parsing (S1), source creation (S2), CSV and NDJSON -> RecordBatch on the 1 M-row
 * trade feed (WORKLOADS.md W data), memory:// channel throughput, and JetStream publish + consume (when
 * nats-server is installed). Each group has its baseline in the same run; answers are checked once outside the
 * timed part. Figures: docs/perf/io.md.
 *
 * `deno bench -A bench/io_bench.ts` (set SLUICE_BENCH_ROWS to shrink the feed).
 *
 * @module
 */

import { parseUri } from "../core/uri/parse_uri.ts";
import { _parseUriGeneral } from "../core/uri/_parse_general.ts";
import type { DataSourceUri } from "../core/uri/data_source_uri.ts";
import { createSink, createSource } from "../core/io/io.ts";
import { CsvDecoder } from "../core/io/codecs/csv_decoder.ts";
import { JsonDecoder } from "../core/io/codecs/json_decoder.ts";
import { decodeParallel } from "../core/io/codecs/decode_parallel.ts";
import { DecodeWorkerPool } from "../core/io/codecs/decode_worker_pool.ts";
import type { RecordDecoder } from "../core/io/codecs/record_decoder.ts";
import { TRADE_SCHEMA, tradeBatches } from "../core/gen/trades.ts";
import { MEMORY_HUB } from "../core/io/connectors/memory.ts";
import type { RecordBatch } from "../core/batch/record_batch.ts";
import { ExactSum } from "../core/values/exact_sum.ts";
import { tradeFeedFile } from "./_trade_files.ts";

const ROWS = Number(Deno.env.get("SLUICE_BENCH_ROWS") ?? 1_000_000);
const W5 = 25046490060591356n; // SUM(price*qty) at scale 4 for 1 M rows

// ---------- S1 / S2 ----------
const S1 = [
  "kafka://broker1:9092,broker2:9093/orders?group_id=g1&auto_offset_reset=earliest",
  "file:///data/trades.csv?format=csv&header=true",
  "nats://user:pw@localhost:4222/orders.new?durable=d1",
];
for (const s of S1) {
  const u = parseUri(s), g = _parseUriGeneral(s);
  if (!u.equals(g) || !g.equals(u) || u.toString() !== s) throw new Error(`S1 answer ${s}`);
}
{
  const u = parseUri(S1[0]);
  if (u.hosts.length !== 2 || u.params.get("group_id") !== "g1") throw new Error("S1 answer");
}
/** Reads every part, so the parts parseUri cuts lazily are all built and timed. */
function readAll(u: DataSourceUri): number {
  return u.scheme.length + (u.userinfo?.length ?? 0) + u.hosts.length + u.path.length + u.params.size +
    (u.fragment?.length ?? 0);
}
// WHATWG URL rejects multi-host authorities: its line parses the Kafka URI with one broker.
const S1_URL = [S1[0].replace(",broker2:9093", ""), S1[1], S1[2]];
const S1_GROUP = "S1 URI parsing (3 URIs per op)";
Deno.bench({ group: S1_GROUP, name: "previous parseUri x3 (eager; now the general path)", baseline: true }, () => {
  for (const s of S1) if (_parseUriGeneral(s).scheme === "") throw new Error();
});
Deno.bench({ group: S1_GROUP, name: "WHATWG new URL x3 (one Kafka broker)" }, () => {
  for (const s of S1_URL) if (new URL(s).protocol === "") throw new Error();
});
Deno.bench({ group: S1_GROUP, name: "parseUri x3 (one RegExp check; parts cut on first access)" }, () => {
  for (const s of S1) if (parseUri(s).scheme === "") throw new Error();
});
Deno.bench({ group: S1_GROUP, name: "parseUri x3 + read every part" }, () => {
  for (const s of S1) if (readAll(parseUri(s)) === 0) throw new Error();
});

const S2_URIS = [parseUri("file:///data/trades.csv?format=csv&header=true"), parseUri("gen://trades?n=1000")];
const S2_GROUP = "S2 source creation (no I/O)";
Deno.bench({ group: S2_GROUP, name: "parseUri only (reference)", baseline: true }, () => {
  if (parseUri("file:///data/trades.csv?format=csv&header=true").scheme !== "file") throw new Error();
});
Deno.bench({ group: S2_GROUP, name: "createSource(parsed file:// URI)" }, () => {
  if (createSource(S2_URIS[0]).uri !== S2_URIS[0]) throw new Error();
});
Deno.bench({ group: S2_GROUP, name: "createSource(parsed gen:// URI)" }, () => {
  if (createSource(S2_URIS[1]).schema !== TRADE_SCHEMA) throw new Error();
});
Deno.bench({ group: S2_GROUP, name: "createSource(file:// text): parse + create" }, () => {
  if (createSource("file:///data/trades.csv?format=csv&header=true").schema !== null) throw new Error();
});

// ---------- CSV / NDJSON decode ----------
const CSV = (await tradeFeedFile(ROWS, "csv")).bytes;
const NDJSON = (await tradeFeedFile(ROWS, "ndjson")).bytes;
const CHUNK = 1 << 16;

function decodeAll(d: RecordDecoder, bytes: Uint8Array): RecordBatch[] {
  const out: RecordBatch[] = [];
  for (let o = 0; o < bytes.length; o += CHUNK) {
    d.write(bytes.subarray(o, Math.min(bytes.length, o + CHUNK)));
    for (const b of d.drain()) out.push(b);
  }
  d.end();
  for (const b of d.drain()) out.push(b);
  if (d.error !== null) throw d.error;
  return out;
}

function checkTrades(batches: RecordBatch[]): void {
  const sum = new ExactSum();
  let rows = 0;
  for (const b of batches) {
    const p = b.columns[2], q = b.columns[3];
    if (p.layout !== "f64" || q.layout !== "f64") throw new Error("layout");
    for (let i = 0; i < b.length; i++) sum.add(p.data[i] * q.data[i]);
    rows += b.length;
  }
  if (rows !== ROWS) throw new Error(`rows ${rows}`);
  if (ROWS === 1_000_000 && sum.toBigInt() !== W5) throw new Error(`W5 sum ${sum.toBigInt()}`);
}
checkTrades(decodeAll(new CsvDecoder({ schema: TRADE_SCHEMA }), CSV));
checkTrades(decodeAll(new CsvDecoder(), CSV));
checkTrades(decodeAll(new JsonDecoder({ schema: TRADE_SCHEMA }), NDJSON));
checkTrades(decodeAll(new CsvDecoder({ schema: TRADE_SCHEMA, fastPath: false }), CSV));
const POOL = new DecodeWorkerPool();
globalThis.addEventListener("unload", () => POOL.close());
checkTrades(await Array.fromAsync(decodeParallel([CSV], "csv", { schema: TRADE_SCHEMA, pool: POOL })));
checkTrades(await Array.fromAsync(decodeParallel([NDJSON], "ndjson", { schema: TRADE_SCHEMA, pool: POOL })));
checkTrades(decodeAll(new JsonDecoder({ schema: TRADE_SCHEMA, fastPath: false }), NDJSON));

interface TradeRow {
  id: number;
  symbol: string;
  price: number;
  qty: number;
  ts: number;
  side: string;
}
/** The baseline: decode the whole text, split lines and fields, one object per row (price via parseFloat). */
function handCsv(bytes: Uint8Array): TradeRow[] {
  const lines = new TextDecoder().decode(bytes).split("\n");
  const out: TradeRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const f = lines[i].split(",");
    out.push({ id: +f[0], symbol: f[1], price: parseFloat(f[2]), qty: +f[3], ts: +f[4], side: f[5] });
  }
  return out;
}
if (handCsv(CSV).length !== ROWS) throw new Error("baseline rows");

const HEAVY = { n: 5, warmup: 1 };
Deno.bench({
  group: `CSV -> batches (${ROWS} trade rows)`,
  name: "hand object-per-row parser",
  baseline: true,
  ...HEAVY,
}, () => {
  handCsv(CSV);
});
Deno.bench({
  group: `CSV -> batches (${ROWS} trade rows)`,
  name: "CsvDecoder, given schema, general path only (the previous decoder)",
  ...HEAVY,
}, () => {
  decodeAll(new CsvDecoder({ schema: TRADE_SCHEMA, fastPath: false }), CSV);
});
Deno.bench({ group: `CSV -> batches (${ROWS} trade rows)`, name: "CsvDecoder, given schema", ...HEAVY }, () => {
  decodeAll(new CsvDecoder({ schema: TRADE_SCHEMA }), CSV);
});
Deno.bench({ group: `CSV -> batches (${ROWS} trade rows)`, name: "CsvDecoder, inferred schema", ...HEAVY }, () => {
  decodeAll(new CsvDecoder(), CSV);
});
Deno.bench({
  group: `CSV -> batches (${ROWS} trade rows)`,
  name: `decodeParallel, given schema (${POOL.size} worker + this thread)`,
  ...HEAVY,
}, async () => {
  await Array.fromAsync(decodeParallel([CSV], "csv", { schema: TRADE_SCHEMA, pool: POOL }));
});
Deno.bench({
  group: `NDJSON -> batches (${ROWS} trade rows)`,
  name: "split + JSON.parse per line",
  baseline: true,
  ...HEAVY,
}, () => {
  const lines = new TextDecoder().decode(NDJSON).split("\n");
  let n = 0;
  for (const l of lines) if (l !== "") n += JSON.parse(l).qty > 0 ? 1 : 0;
  if (n !== ROWS) throw new Error();
});
Deno.bench({
  group: `NDJSON -> batches (${ROWS} trade rows)`,
  name: "JsonDecoder, given schema, general path only (the previous decoder)",
  ...HEAVY,
}, () => {
  decodeAll(new JsonDecoder({ schema: TRADE_SCHEMA, fastPath: false }), NDJSON);
});
Deno.bench({ group: `NDJSON -> batches (${ROWS} trade rows)`, name: "JsonDecoder, given schema", ...HEAVY }, () => {
  decodeAll(new JsonDecoder({ schema: TRADE_SCHEMA }), NDJSON);
});
Deno.bench({
  group: `NDJSON -> batches (${ROWS} trade rows)`,
  name: `decodeParallel, given schema (${POOL.size} worker + this thread)`,
  ...HEAVY,
}, async () => {
  await Array.fromAsync(decodeParallel([NDJSON], "ndjson", { schema: TRADE_SCHEMA, pool: POOL }));
});

// ---------- memory:// channel ----------
const BATCHES = [...tradeBatches({ rows: ROWS, batchSize: 4096 })];
let channelRun = 0;
async function throughChannel(): Promise<number> {
  const name = `bench-${channelRun++}`;
  const sink = createSink(`memory://${name}?capacity=16`);
  const producer = (async () => {
    for (const b of BATCHES) await sink.write(b);
    await sink.close();
  })();
  let rows = 0;
  for await (const b of createSource(`memory://${name}`).batches()) rows += b.length;
  await producer;
  MEMORY_HUB.delete(name);
  return rows;
}
if (await throughChannel() !== ROWS) throw new Error("channel rows");
Deno.bench({
  group: `memory:// channel (${ROWS} rows, 4096-row batches)`,
  name: "ReadableStream.from(batches) (reference)",
  baseline: true,
  ...HEAVY,
}, async () => {
  let rows = 0;
  for await (const b of ReadableStream.from(BATCHES)) rows += b.length;
  if (rows !== ROWS) throw new Error();
});
Deno.bench({
  group: `memory:// channel (${ROWS} rows, 4096-row batches)`,
  name: "sink.write -> memory:// -> source.batches()",
  ...HEAVY,
}, async () => {
  if (await throughChannel() !== ROWS) throw new Error();
});

// ---------- JetStream publish + consume (needs nats-server) ----------
const NATS_BIN = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"].find((p) => {
  try {
    return Deno.statSync(p).isFile;
  } catch {
    return false;
  }
});
if (NATS_BIN !== undefined) {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  const dir = await Deno.makeTempDir({ prefix: "sluice-bench-nats-" });
  const server = new Deno.Command(NATS_BIN, {
    args: ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", dir],
    stdout: "null",
    stderr: "null",
  }).spawn();
  globalThis.addEventListener("unload", () => {
    server.kill("SIGTERM");
    Deno.removeSync(dir, { recursive: true });
  });
  for (let i = 0;; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      break;
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const JS_ROWS = 20_000;
  const jsBatches = [...tradeBatches({ rows: JS_ROWS, batchSize: 1000 })];
  let run = 0;
  const roundTrip = async (message: "record" | "batch") => {
    const subject = `bench.${message}.${run++}`;
    const sink = createSink(`nats://127.0.0.1:${port}/${subject}?message=${message}`);
    for (const b of jsBatches) await sink.write(b);
    await sink.close();
    let rows = 0;
    const src = createSource(
      `nats://127.0.0.1:${port}/${subject}?durable=b&batch=${message === "record" ? 1000 : 4}&idle_ms=1000`,
    );
    for await (const b of src.batches()) {
      rows += b.length;
      if (rows === JS_ROWS) break;
    }
    await src.close();
    if (rows !== JS_ROWS) throw new Error(`JetStream rows ${rows}`);
  };
  Deno.bench({
    group: `JetStream publish + consume (${JS_ROWS} rows)`,
    name: "one message per record",
    baseline: true,
    n: 3,
    warmup: 0,
  }, async () => await roundTrip("record"));
  Deno.bench({
    group: `JetStream publish + consume (${JS_ROWS} rows)`,
    name: "one message per 1000-row batch",
    n: 3,
    warmup: 0,
  }, async () => await roundTrip("batch"));
}
