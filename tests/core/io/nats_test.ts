import assert from "node:assert/strict";
import { createSink, createSource } from "../../../core/io/io.ts";
import { natsConfig } from "../../../core/io/connectors/nats.ts";
import { parseUri } from "../../../core/uri/parse_uri.ts";
import { txnBatches } from "../../../core/gen/txns.ts";
import type { RecordBatch } from "../../../core/batch/record_batch.ts";
import { rowsOf } from "./_helpers.ts";

function natsServerPath(): string | null {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":").concat(["/usr/sbin", "/usr/bin"])) {
    try {
      const p = `${dir}/nats-server`;
      if (Deno.statSync(p).isFile) return p;
    } catch { /* not here */ }
  }
  return null;
}

const BIN = natsServerPath();
const SKIP = BIN === null ? " (SKIPPED: nats-server not installed; apt-get install nats-server)" : "";

async function withServer(fn: (url: string) => Promise<void>): Promise<void> {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  const dir = await Deno.makeTempDir({ prefix: "sluice-nats-" });
  const child = new Deno.Command(BIN!, {
    args: ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", dir],
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    for (let i = 0;; i++) {
      try {
        (await Deno.connect({ hostname: "127.0.0.1", port })).close();
        break;
      } catch (e) {
        if (i > 100) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await fn(`nats://127.0.0.1:${port}`);
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await Deno.remove(dir, { recursive: true });
  }
}

async function readAll(src: ReadableStream<RecordBatch>): Promise<RecordBatch[]> {
  return await Array.fromAsync(src);
}

Deno.test("nats:// URI mapping", () => {
  const c = natsConfig(parseUri("nats://tok@h1,h2:4333/a.b.%3E?batch=10&idle_ms=5&message=batch&create=false"));
  assert.deepEqual(c.servers, ["h1:4222", "h2:4333"]);
  assert.equal(c.token, "tok");
  assert.equal(c.user, null);
  assert.equal(c.stream, "A_B__");
  assert.equal(c.batch, 10);
  assert.equal(c.message, "batch");
  assert.equal(c.create, false);
  assert.throws(() => natsConfig(parseUri("nats://h1")), RangeError);
  assert.throws(() => natsConfig(parseUri("nats://h1/s?expires_ms=5")), {
    message: 'Cannot parse URI at offset 23: parameter "expires_ms" must be an integer 1000..3600000, got "5"',
  });
});

Deno.test({
  name: "nats:// JetStream: acked publish, exact round trip, consumers on one durable share the work" + SKIP,
  ignore: BIN === null,
  async fn() {
    await withServer(async (url) => {
      const batches = [...txnBatches({ rows: 600, batchSize: 100 })];
      const sink = createSink(`${url}/txns.in`);
      for (const b of batches) await sink.write(b);
      await sink.close();
      const uri = `${url}/txns.in?durable=workers&batch=50&idle_ms=1500`;
      const [a, b] = await Promise.all([readAll(createSource(uri).batches()), readAll(createSource(uri).batches())]);
      const ids = [...rowsOf(a), ...rowsOf(b)].map((r) => Number(r[0])).sort((x, y) => x - y);
      assert.deepEqual(ids, Array.from({ length: 600 }, (_, i) => i), "each message processed exactly once");
      assert.ok(a.length > 0 && b.length > 0, `both consumers got work (${a.length} and ${b.length} batches)`);
      const byId = new Map([...rowsOf(a), ...rowsOf(b)].map((r) => [r[0], r]));
      assert.deepEqual(rowsOf(batches).map((r) => byId.get(r[0])), rowsOf(batches), "values exact");
      const again = await readAll(createSource(uri).batches());
      assert.equal(again.length, 0, "everything was acknowledged");
    });
  },
});

Deno.test({
  name: "nats:// JetStream: a reader that dies without acking gets its batch redelivered" + SKIP,
  ignore: BIN === null,
  async fn() {
    await withServer(async (url) => {
      const sink = createSink(`${url}/jobs?message=batch`);
      for (const b of txnBatches({ rows: 30, batchSize: 10 })) await sink.write(b);
      await sink.close();
      const uri = `${url}/jobs?durable=w&batch=1&ack_wait_ms=1000&idle_ms=2500`;
      const dying = createSource(uri);
      const reader = dying.batches().getReader();
      const first = await reader.read();
      assert.equal(first.value?.length, 10);
      await reader.cancel(); // crash before finishing: nothing acknowledged
      await dying.close();
      const rest = await readAll(createSource(uri).batches());
      const ids = rowsOf(rest).map((r) => Number(r[0])).sort((x, y) => x - y);
      assert.deepEqual(ids, Array.from({ length: 30 }, (_, i) => i), "the unacked batch came back; nothing lost");
    });
  },
});
