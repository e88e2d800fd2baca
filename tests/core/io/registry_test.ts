import assert from "node:assert/strict";
import { IoRegistry } from "../../../core/io/registry.ts";
import { createSink, createSource, DEFAULT_REGISTRY, registerSource } from "../../../core/io/io.ts";
import { BatchSource } from "../../../core/io/source.ts";
import { BatchSource as ModBatchSource } from "../../../mod.ts";
import { type RecordBatch, recordsToBatch } from "../../../core/batch/record_batch.ts";
import { Schema } from "../../../core/record/schema.ts";
import { Types } from "../../../core/types/data_type.ts";
import { UriError } from "../../../core/uri/uri_error.ts";
import { TRADE_SCHEMA } from "../../../core/gen/trades.ts";
import { ByteSource } from "../../../core/io/connectors/byte_source.ts";
import { parseUri } from "../../../core/uri/parse_uri.ts";

Deno.test("registry: unknown schemes name the registered ones; bad URIs are UriErrors", () => {
  assert.throws(
    () => createSource("ftp://x/y"),
    new RangeError(
      'No source is registered for scheme "ftp"; registered: file, gen, http, https, kafka, memory, nats, stdin',
    ),
  );
  assert.throws(
    () => createSink("gen://trades"),
    new RangeError(
      'No sink is registered for scheme "gen"; registered: file, http, https, kafka, memory, nats, stdout',
    ),
  );
  assert.throws(() => createSource("file:///a b"), UriError);
  assert.throws(() => new IoRegistry().registerSource("Bad_Scheme", () => null as never), RangeError);
});

Deno.test("registry: creating sources and sinks does no I/O", () => {
  const missing = "/nonexistent/dir/x.csv";
  const s = createSource(`file://${missing}`);
  assert.equal(s.schema, null);
  createSink(`file://${missing}`);
  createSource("http://127.0.0.1:9/nothing.csv");
  createSource("nats://127.0.0.1:9/subj?durable=d");
  createSink("kafka://127.0.0.1:9/topic");
  const g = createSource("gen://trades?n=10");
  assert.equal(g.schema, TRADE_SCHEMA);
});

class ListSource extends BatchSource {
  #batches: RecordBatch[];
  opened = 0;
  constructor(batches: RecordBatch[]) {
    super(DEFAULT_REGISTRY.createSource("gen://txns").uri, null);
    this.#batches = batches;
  }
  protected open(): ReadableStream<RecordBatch> {
    this.opened++;
    return ReadableStream.from(this.#batches);
  }
}

Deno.test("registry: custom factories; schema peeking keeps the peeked batch; a source is read once", async () => {
  const b = recordsToBatch(Schema.of([["n", Types.Integer]]), [[1], [2]]);
  let made: ListSource | null = null;
  registerSource("list", () => made = new ListSource([b, b]));
  const src = createSource("list://x");
  assert.equal((made as ListSource | null)?.opened, 0);
  const schema = await src.resolveSchema();
  assert.equal(schema.names[0], "n");
  const all = await Array.fromAsync(src.batches());
  assert.equal(all.length, 2);
  assert.throws(() => src.batches(), new TypeError("Source gen://txns is already being read"));
});

Deno.test("byte sources read their input only as batches are pulled (backpressure)", async () => {
  const enc = new TextEncoder();
  let chunksRead = 0;
  async function* input(): AsyncGenerator<Uint8Array> {
    yield enc.encode("a,b\n");
    for (let i = 0; i < 100; i++) {
      chunksRead++;
      yield enc.encode("1,x\n".repeat(1000));
    }
  }
  const schema = Schema.of([["a", Types.Integer], ["b", Types.String]]);
  const src = new ByteSource(
    parseUri("test://"),
    { batchSize: 1000, schema },
    () => Promise.resolve([{ open: () => Promise.resolve(input()), format: "csv", compression: "none" }]),
  );
  assert.equal(chunksRead, 0, "nothing read before the first pull");
  const reader = src.batches().getReader();
  assert.equal((await reader.read()).value?.length, 1000);
  assert.ok(chunksRead <= 3, `read ${chunksRead} of 100 chunks for one batch`);
  await reader.cancel();
});

Deno.test("resolveSchema infers from the start of a file and keeps what it read for batches()", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    await Deno.writeTextFile(
      path,
      "id,price,ok\n" + Array.from({ length: 10 }, (_, i) => `${i},${i}.50,true`).join("\n"),
    );
    const src = createSource(`file://${path}`, { batchSize: 4 });
    const schema = await src.resolveSchema();
    assert.deepEqual(schema.fields.map((f) => f.type.kind), ["integer", "scaled", "boolean"]);
    const batches = await Array.fromAsync(src.batches());
    assert.deepEqual(batches.map((b) => b.length), [4, 4, 2]);
    assert.equal(String(batches[0].value(0, 1)), "0.50");
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("mod.ts exports the connector base classes (BatchSource was once shadowed by a table type)", () => {
  // a type-level check as much as a runtime one: this module fails to type-check if mod.ts's BatchSource is not the class
  class Empty extends ModBatchSource {
    protected open(): ReadableStream<RecordBatch> {
      return ReadableStream.from<RecordBatch>([]);
    }
  }
  assert.equal(ModBatchSource, BatchSource);
  assert.ok(new Empty(parseUri("empty://x"), null) instanceof BatchSource);
});
