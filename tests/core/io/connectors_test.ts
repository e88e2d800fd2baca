import assert from "node:assert/strict";
import { createSink, createSource } from "../../../core/io/io.ts";
import { TRADE_SCHEMA, tradeBatches } from "../../../core/gen/trades.ts";
import { txnBatches } from "../../../core/gen/txns.ts";
import { MEMORY_HUB } from "../../../core/io/connectors/memory.ts";
import { UriError } from "../../../core/uri/uri_error.ts";
import { rowsOf } from "./_helpers.ts";
import { newDecodeStats } from "../../../core/io/codecs/decode_error.ts";

Deno.test("file://: write then read each format (gzip too), format from extension or ?format=, globs", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const batches = [...tradeBatches({ rows: 500, batchSize: 200 })];
    const expected = rowsOf(batches);
    for (const name of ["a.csv", "b.ndjson", "c.json", "d.tsv", "e.csv.gz", "f.data?format=ndjson"]) {
      const uri = `file://${dir}/${name.replace("?", "%3F").replace("%3Fformat", "?format")}`;
      await ReadableStream.from(batches).pipeTo(createSink(uri).writable);
      const back = await Array.fromAsync(createSource(uri, { schema: TRADE_SCHEMA }).batches());
      assert.deepEqual(rowsOf(back), expected, name);
    }
    // a plain file tells its size to the stats (DecodeStats.inputBytes); gzip and globs do not
    const sizes: (number | undefined)[] = [];
    for (const name of ["a.csv", "e.csv.gz", "a.*"]) {
      const stats = newDecodeStats();
      await Array.fromAsync(
        createSource(`file://${dir}/${name}`, { schema: TRADE_SCHEMA, stats }).batches(),
      );
      sizes.push(stats.inputBytes);
    }
    assert.deepEqual(sizes, [(await Deno.stat(`${dir}/a.csv`)).size, undefined, undefined]);
    const gz = await Deno.readFile(`${dir}/e.csv.gz`);
    assert.deepEqual([gz[0], gz[1]], [0x1f, 0x8b]);
    await Deno.mkdir(`${dir}/sub/deep`, { recursive: true });
    await Deno.writeTextFile(`${dir}/sub/x1.csv`, "id,v\n1,a\n");
    await Deno.writeTextFile(`${dir}/sub/deep/x2.csv`, "id,v\n2,b\n");
    await Deno.writeTextFile(`${dir}/sub/x3.txt`, "nope");
    const flat = await Array.fromAsync(createSource(`file://${dir}/sub/*.csv`).batches());
    assert.deepEqual(rowsOf(flat), [["1", "a"]]);
    const deep = await Array.fromAsync(createSource(`file://${dir}/sub/**/x%3F.csv`).batches());
    assert.deepEqual(rowsOf(deep), [["2", "b"], ["1", "a"]]);
    const append = `file://${dir}/app.ndjson?append=true`;
    for (let i = 0; i < 2; i++) {
      const s = createSink(append);
      await s.write(batches[0].slice(0, 1));
      await s.close();
    }
    assert.equal((await Deno.readTextFile(`${dir}/app.ndjson`)).trim().split("\n").length, 2);
    await assert.rejects(
      () => Array.fromAsync(createSource(`file://${dir}/sub/x3.txt`).batches()),
      new RangeError(
        `Cannot tell the format of "${dir}/sub/x3.txt": add ?format=csv|tsv|ndjson|json to file://${dir}/sub/x3.txt`,
      ),
    );
    await assert.rejects(
      () => Array.fromAsync(createSource(`file://${dir}/missing.csv`).batches()),
      Deno.errors.NotFound,
    );
    assert.throws(() => createSource("file://remote/x.csv"), RangeError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("gen://: trades and txns, parameters checked", async () => {
  let rows = 0;
  for await (const b of createSource("gen://trades?n=10000&seed=42&batch_size=1000").batches()) rows += b.length;
  assert.equal(rows, 10000);
  const t = await Array.fromAsync(createSource("gen://txns?n=3&start=4").batches());
  assert.deepEqual(rowsOf(t), rowsOf([...txnBatches({ rows: 3, start: 4 })]));
  assert.throws(() => createSource("gen://nope"), new RangeError('Unknown gen:// feed "nope"; known: trades, txns'));
  assert.throws(() => createSource("gen://trades?n=-5"), UriError);
  const t0 = performance.now();
  await Array.fromAsync(createSource("gen://trades?n=300&batch_size=100&rate=1000").batches());
  assert.ok(performance.now() - t0 >= 150, "rate limits the feed");
});

Deno.test("memory://: bounded channel with backpressure, several writers, tables as snapshots", async () => {
  MEMORY_HUB.delete("t1");
  const batches = [...txnBatches({ rows: 1000, batchSize: 100 })];
  const sink = createSink("memory://t1?capacity=2");
  let written = 0;
  const producer = (async () => {
    for (const b of batches) {
      await sink.write(b);
      written++;
    }
    await sink.close();
  })();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(written, 2, "the writer waits while the channel is full");
  const got = await Array.fromAsync(createSource("memory://t1").batches());
  await producer;
  assert.equal(got.length, 10);
  assert.deepEqual(rowsOf(got), rowsOf(batches));

  MEMORY_HUB.delete("t2");
  const w1 = createSink("memory://t2"), w2 = createSink("memory://t2");
  const reading = Array.fromAsync(createSource("memory://t2").batches());
  await w1.write(batches[0]);
  await w2.write(batches[1]);
  await w1.close();
  await w2.write(batches[2]);
  await w2.close();
  assert.equal((await reading).length, 3);

  MEMORY_HUB.delete("tab");
  const ts = createSink("memory://tab?kind=table&capacity=250");
  await ts.write(batches[0]);
  await ts.write(batches[1]);
  await assert.rejects(
    () => ts.write(batches[2]),
    new RangeError("memory://tab holds 200 rows; 100 more would pass its capacity 250"),
  );
  for (let i = 0; i < 2; i++) {
    const snap = await Array.fromAsync(createSource("memory://tab?kind=table").batches());
    assert.equal(snap.length, 2);
  }
});

Deno.test("http://: streaming GET source (content type or extension) and POST sink against Deno.serve", async () => {
  const csv = "id,v\n" + Array.from({ length: 5000 }, (_, i) => `${i},${i % 7}`).join("\n") + "\n";
  const posted: { type: string | null; body: string }[] = [];
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    if (req.method === "POST") {
      posted.push({ type: req.headers.get("content-type"), body: await req.text() });
      return new Response(null, { status: url.pathname === "/fail" ? 503 : 204 });
    }
    if (url.pathname === "/data") {
      const bytes = new TextEncoder().encode(csv);
      let off = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          if (off >= bytes.length) return c.close();
          c.enqueue(bytes.slice(off, off + 777));
          off += 777;
        },
      });
      return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8" } });
    }
    if (url.pathname === "/rows.ndjson") return new Response('{"a":1}\n{"a":2}\n');
    return new Response("no", { status: 404, statusText: "Not Found" });
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const got = await Array.fromAsync(createSource(`${base}/data?x=1`, { batchSize: 1000 }).batches());
  assert.equal(got.reduce((n, b) => n + b.length, 0), 5000);
  assert.equal(got[4].value(999, 0), 4999);
  assert.deepEqual(rowsOf(await Array.fromAsync(createSource(`${base}/rows.ndjson`).batches())), [["1"], ["2"]]);
  await assert.rejects(
    () => Array.fromAsync(createSource(`${base}/missing`).batches()),
    new Error(`GET ${base}/missing failed: 404 Not Found`),
  );
  const sink = createSink(`${base}/ingest`, { format: "csv" });
  await sink.write(got[0].slice(0, 2));
  await sink.write(got[1].slice(0, 1));
  await sink.close();
  assert.deepEqual(posted, [
    { type: "text/csv", body: "id,v\n0,0\n1,1\n" },
    { type: "text/csv", body: "id,v\n1000,6\n" },
  ]);
  await assert.rejects(
    () => createSink(`${base}/fail`).write(got[0].slice(0, 1)),
    new Error(`POST ${base}/fail failed: 503 Service Unavailable`),
  );
});

Deno.test("stdin:// and stdout://: a subprocess pipes CSV in and NDJSON out", async () => {
  const script = `
    import { createSink, createSource } from ${JSON.stringify(new URL("../../../core/io/io.ts", import.meta.url).href)};
    await createSource("stdin://?format=csv").batches().pipeTo(createSink("stdout://").writable);
  `;
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", "--no-check", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = cmd.spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode('id,name\n1,"a, b"\n2,c\n'));
  await w.close();
  const out = await child.output();
  assert.equal(new TextDecoder().decode(out.stderr), "");
  assert.equal(new TextDecoder().decode(out.stdout), '{"id":1,"name":"a, b"}\n{"id":2,"name":"c"}\n');
});
