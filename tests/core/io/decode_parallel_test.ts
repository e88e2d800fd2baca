import assert from "node:assert/strict";
import { type CsvDecodeOptions, CsvDecoder } from "../../../core/io/codecs/csv_decoder.ts";
import {
  decodeParallel,
  type ParallelDecodeOptions,
  type ParallelFormat,
} from "../../../core/io/codecs/decode_parallel.ts";
import { DecodeWorkerPool } from "../../../core/io/codecs/decode_worker_pool.ts";
import { type DeadLetter, DecodeError, newDecodeStats } from "../../../core/io/codecs/decode_error.ts";
import type { RecordBatch } from "../../../core/batch/record_batch.ts";
import { Schema } from "../../../core/record/schema.ts";
import { field, scaledType, Types } from "../../../core/types/data_type.ts";
import { decimalType } from "../../../core/types/data_type.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";
import { enc, rowsOf } from "./_helpers.ts";
import { createSource } from "../../../core/io/io.ts";
import { createDecoder, decodeBatches } from "../../../core/io/codecs/decode_batches.ts";

const SCHEMA = new Schema([
  field("id", Types.Integer),
  field("name", Types.String),
  field("price", scaledType(2)),
  field("ok", Types.Boolean),
]);

/** A seeded CSV with quoted fields (delimiters, doubled quotes, line breaks inside), CRLF, blank lines. */
function mixedCsv(seed: number, rows: number, bad: number[] = []): string {
  const r = mulberry32(seed);
  const names = [
    "A",
    "SYM001",
    "é€",
    "",
    '"with,comma"',
    '"with ""quotes"""',
    '"two\nlines"',
    '"cr\r\nlf"',
    "\ufeffbom",
  ];
  const lines = ["id,name,price,ok"];
  for (let i = 0; i < rows; i++) {
    if (bad.includes(i)) {
      lines.push(`${i},oops,not-a-price,true`);
      continue;
    }
    const name = names[Math.floor(r() * names.length)];
    const price = (Math.floor(r() * 200000) - 100000) / 100;
    lines.push(`${i},${name},${price.toFixed(2)},${r() < 0.5}`);
    if (r() < 0.02) lines.push("");
  }
  return lines.join(r() < 0.5 ? "\n" : "\r\n") + "\n";
}

interface Outcome {
  rows: string[][];
  error: string | null;
  letters: string[];
  stats: unknown;
}

/** Everything a consumer can see of one decode. */
async function outcome(batches: ReadableStream<RecordBatch>, letters: DeadLetter[], stats: unknown): Promise<Outcome> {
  const got: RecordBatch[] = [];
  let error: string | null = null;
  try {
    for await (const b of batches) got.push(b);
  } catch (e) {
    assert.ok(e instanceof DecodeError);
    error = e.message;
  }
  return {
    rows: rowsOf(got),
    error,
    letters: letters.map((l) => `${JSON.stringify(l.raw)} ${l.error.message}`),
    stats,
  };
}

function chunked(bytes: Uint8Array, seed: number): Uint8Array[] {
  const r = mulberry32(seed), out: Uint8Array[] = [];
  for (let o = 0; o < bytes.length;) {
    const n = 1 + Math.floor(r() * 700);
    out.push(bytes.slice(o, o + n));
    o += n;
  }
  return out;
}

/** The reference: one decoder reading the chunks in order. */
function sequential(chunks: Uint8Array[], options: CsvDecodeOptions, format: ParallelFormat = "csv"): Promise<Outcome> {
  const letters: DeadLetter[] = [];
  const stats = newDecodeStats();
  const d = createDecoder(format, { ...options, stats, deadLetter: undefined });
  const out: RecordBatch[] = [];
  for (const c of chunks) {
    d.write(c);
    out.push(...d.drain());
    letters.push(...d.deadLetters.splice(0));
    if (d.error !== null) break;
  }
  if (d.error === null) {
    d.end();
    out.push(...d.drain());
    letters.push(...d.deadLetters.splice(0));
  }
  async function* replay(): AsyncGenerator<RecordBatch> {
    yield* out;
    if (d.error !== null) throw d.error;
  }
  return outcome(ReadableStream.from(replay()), letters, stats);
}

function parallel(
  chunks: Uint8Array[],
  options: ParallelDecodeOptions,
  format: ParallelFormat = "csv",
): Promise<Outcome> {
  const letters: DeadLetter[] = [];
  const stats = newDecodeStats();
  return outcome(
    decodeParallel(chunks, format, { ...options, stats, deadLetter: (l) => void letters.push(l) }),
    letters,
    stats,
  );
}

Deno.test("decodeParallel (CSV): same rows, values and counters as one CsvDecoder (quotes across cuts, CRLF, BOM-like data)", async () => {
  using pool = new DecodeWorkerPool({ size: 2 });
  for (let seed = 1; seed <= 4; seed++) {
    const bytes = enc(mixedCsv(seed, 1500));
    const chunks = chunked(bytes, seed);
    const want = await sequential(chunks, { schema: SCHEMA });
    assert.equal(want.rows.length, 1500);
    for (const segmentBytes of [1, 97, 1000, 1 << 20]) {
      const before = pool.segmentsDecoded;
      assert.deepEqual(
        await parallel(chunks, { schema: SCHEMA, pool, segmentBytes }),
        want,
        `seed ${seed} ${segmentBytes}`,
      );
      if (segmentBytes < 10000) assert.ok(pool.segmentsDecoded > before, "the workers decoded segments");
    }
    // one whole buffer, schema inferred
    assert.deepEqual(
      (await parallel([bytes], { pool, segmentBytes: 500 })).rows,
      (await sequential([bytes], {})).rows,
    );
  }
});

Deno.test("decodeParallel (CSV): a bad record ends the parallel part; errors, skips and dead letters match", async () => {
  using pool = new DecodeWorkerPool({ size: 1 });
  const bytes = enc(mixedCsv(7, 3000, [5, 1700, 2999]));
  const chunks = chunked(bytes, 7);
  for (const onError of ["fail", "skip", "dead-letter"] as const) {
    const want = await sequential(chunks, { schema: SCHEMA, onError });
    const got = await parallel(chunks, { schema: SCHEMA, onError, pool, segmentBytes: 2000 });
    assert.deepEqual(got, want, onError);
  }
  // the first bad record after the head segment
  const late = enc(mixedCsv(8, 3000, [2500]));
  const want = await sequential([late], { schema: SCHEMA });
  assert.match(want.error!, /^Cannot decode line \d+, column \d+, field "price"/);
  assert.deepEqual(await parallel([late], { schema: SCHEMA, pool, segmentBytes: 1500 }), want);
});

Deno.test("decodeParallel (CSV): header order, extra columns, a missing nullable column, a tab delimiter", async () => {
  using pool = new DecodeWorkerPool({ size: 1 });
  const r = mulberry32(3);
  const lines = ["extra\tok\tid\tname"];
  for (let i = 0; i < 2000; i++) lines.push(`x${i}\t${r() < 0.5}\t${i}\tn${i % 7}`);
  const chunks = [enc(lines.join("\n"))]; // no final line break
  const options = { schema: SCHEMA, delimiter: "\t" };
  const want = await sequential(chunks, options);
  assert.deepEqual(want.rows[1999], ["1999", "n4", "null", want.rows[1999][3]]);
  assert.deepEqual(await parallel(chunks, { ...options, pool, segmentBytes: 700 }), want);
});

Deno.test("decodeParallel (CSV): without workers, with DECIMAL fields, or when the pool closes midway: same output", async () => {
  const bytes = enc(mixedCsv(11, 2000));
  const want = await sequential([bytes], { schema: SCHEMA });
  assert.deepEqual(await parallel([bytes], { schema: SCHEMA, segmentBytes: 300 }), want);
  const dec = new Schema([...SCHEMA.fields.slice(0, 2), field("price", decimalType(10, 2)), SCHEMA.fields[3]]);
  {
    using pool = new DecodeWorkerPool({ size: 1 });
    assert.deepEqual(
      await parallel([bytes], { schema: dec, pool, segmentBytes: 300 }),
      await sequential([bytes], { schema: dec }),
    );
  }
  // the pool closes after the first batch: answers still owed reject, and the rest decodes in order here
  const pool = new DecodeWorkerPool({ size: 1 });
  const got: RecordBatch[] = [];
  for await (const b of decodeParallel([bytes], "csv", { schema: SCHEMA, pool, segmentBytes: 300, batchSize: 50 })) {
    if (got.length === 0) pool.close();
    got.push(b);
  }
  assert.deepEqual(rowsOf(got), want.rows);
});

Deno.test("decodeParallel (CSV): String codes from workers land in the shared dictionaries", async () => {
  using pool = new DecodeWorkerPool({ size: 2 });
  const lines = ["id,name"];
  for (let i = 0; i < 5000; i++) lines.push(`${i},s${(i * 7919) % 301}`);
  const schema = Schema.of([["id", Types.Integer], ["name", Types.String]]);
  const batches = await Array.fromAsync(
    decodeParallel([enc(lines.join("\n"))], "csv", { schema, pool, segmentBytes: 256 }),
  );
  const dict = batches[0].columns[1].layout === "dict" ? batches[0].columns[1].dict : null;
  assert.ok(dict !== null);
  let i = 0;
  for (const b of batches) {
    const c = b.columns[1];
    assert.ok(c.layout === "dict" && c.dict === dict);
    for (let k = 0; k < b.length; k++, i++) assert.equal(dict.values[c.codes[k]], `s${(i * 7919) % 301}`);
  }
  assert.equal(i, 5000);
  assert.equal(dict.size, 301);
});

Deno.test("CsvDecoder: columns names header-less input; firstLine numbers its lines; a BOM past line 1 is data", () => {
  const schema = Schema.of([["a", Types.Integer], ["b", Types.String]]);
  const d = new CsvDecoder({ schema, header: false, columns: ["b", "a"], firstLine: 41 });
  d.write(enc("\ufeffx,1\ny,oops\n"));
  d.end();
  assert.deepEqual(rowsOf(d.drain()), [["1", "\ufeffx"]]);
  assert.equal(d.error?.message, 'Cannot decode line 42, column 3, field "a": "oops" is not a valid INTEGER value');
  const h = new CsvDecoder({ schema });
  h.write(enc("\ufeffb,a\nx,1\n"));
  h.end();
  assert.deepEqual(h.columns, ["b", "a"]);
  assert.equal(h.nextLine, 3);
  assert.deepEqual(rowsOf(h.drain()), [["1", "x"]]);
  const strict = new Schema([field("a", Types.Integer, false)]);
  const m = new CsvDecoder({ schema: strict, header: false, columns: ["z"] });
  m.write(enc("1\n"));
  assert.equal(m.error?.message, 'Cannot decode line 1, column 1, field "a": columns has no column "a"');
  assert.throws(() => new CsvDecoder({ columns: ["a"] }), RangeError);
  assert.throws(() => new CsvDecoder({ header: false, firstLine: 0 }), RangeError);
});

Deno.test("decodeParallel (CSV): a file:// source with a pool gives what it gives without one; bad options throw at once", async () => {
  const path = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    await Deno.writeFile(path, enc(mixedCsv(21, 3000)));
    using pool = new DecodeWorkerPool({ size: 1 });
    const read = async (extra: object) => {
      const source = createSource(`file://${path}`, { schema: SCHEMA, ...extra });
      return rowsOf(await Array.fromAsync(source.batches()));
    };
    const before = pool.segmentsDecoded;
    const want = await read({});
    assert.equal(want.length, 3000);
    assert.deepEqual(await read({ pool, segmentBytes: 4096 }), want);
    assert.ok(pool.segmentsDecoded > before);
    assert.throws(() => decodeParallel([], "csv", { delimiter: "ab" }), RangeError);
    assert.throws(() => decodeParallel([], "csv", { segmentBytes: 0 }), RangeError);
  } finally {
    await Deno.remove(path);
  }
});

/** The text's bytes with 1 to 4 seeded edits: a run of up to 5 bytes cut, or one of `pieces` inserted. */
function mutate(text: string, r: () => number, pieces: readonly number[][]): Uint8Array {
  const bytes = Array.from(enc(text));
  for (let m = 1 + Math.floor(r() * 4); m > 0; m--) {
    const at = Math.floor(r() * bytes.length);
    if (r() < 0.3) bytes.splice(at, 1 + Math.floor(r() * 5));
    else bytes.splice(at, 0, ...pieces[Math.floor(r() * pieces.length)]);
  }
  return new Uint8Array(bytes);
}

Deno.test("decodeParallel (CSV): mutated inputs (stray quotes, cut lines, bad bytes) give what one decoder gives", async () => {
  using pool = new DecodeWorkerPool({ size: 2 });
  const r = mulberry32(1234);
  const pieces = ['"', '""', "\n", "\r", "\r\n", ",", "x", "9", "-", "."].map((p) => [...enc(p)]);
  pieces.push([0xff], [0xe2, 0x82]); // bytes that are not UTF-8
  for (let n = 0; n < 120; n++) {
    const input = mutate(mixedCsv(100 + n, 60), r, pieces);
    const onError = (["fail", "skip", "dead-letter"] as const)[n % 3];
    const segmentBytes = 1 + Math.floor(r() * 400);
    const want = await sequential([input], { schema: SCHEMA, onError });
    assert.deepEqual(await parallel([input], { schema: SCHEMA, onError, pool, segmentBytes }), want, `case ${n}`);
  }
});

Deno.test("decodeParallel (CSV): cancelling the output cancels the input stream", async () => {
  using pool = new DecodeWorkerPool({ size: 1 });
  const bytes = enc(mixedCsv(31, 4000));
  let cancelled = false, pulled = 0;
  const input = new ReadableStream<Uint8Array>({
    pull(c) {
      const at = pulled++ * 1000;
      if (at >= bytes.length) c.close();
      else c.enqueue(bytes.slice(at, at + 1000));
    },
    cancel() {
      cancelled = true;
    },
  });
  const reader = decodeParallel(input, "csv", { schema: SCHEMA, pool, segmentBytes: 5000, batchSize: 100 }).getReader();
  assert.equal((await reader.read()).value?.length, 100);
  await reader.cancel();
  assert.ok(cancelled);
  assert.ok(pulled * 1000 < bytes.length, "the input was not read to its end");
});

/** A seeded NDJSON text: keys in varying order, escapes, nested values, NULLs, blank lines, some bad lines. */
function mixedNdjson(seed: number, rows: number, bad: number[] = []): string {
  const r = mulberry32(seed);
  const names = ['"A"', '"SYM001"', '"\\u00e9\\u20ac"', '""', '"with \\"quotes\\""', '"tab\\there"', "null"];
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    if (bad.includes(i)) {
      lines.push(`{"id":${i},"price":"oops"}`);
      continue;
    }
    const price = ((Math.floor(r() * 200000) - 100000) / 100).toFixed(2);
    const parts = [
      `"id":${i}`,
      `"name":${names[Math.floor(r() * names.length)]}`,
      `"price":${price}`,
      `"ok":${r() < 0.5}`,
    ];
    if (r() < 0.1) parts.reverse();
    if (r() < 0.05) parts.push(`"extra":{"a":[1,2]}`);
    lines.push(`{${parts.join(r() < 0.2 ? ", " : ",")}}`);
    if (r() < 0.02) lines.push("");
  }
  return lines.join("\n") + "\n";
}

Deno.test("decodeParallel (NDJSON): same rows, errors, skips and dead letters as one JsonDecoder", async () => {
  using pool = new DecodeWorkerPool({ size: 2 });
  for (let seed = 1; seed <= 3; seed++) {
    const bytes = enc(mixedNdjson(seed, 2000, seed === 1 ? [] : [7, 1500]));
    const chunks = chunked(bytes, seed);
    for (const onError of ["fail", "skip", "dead-letter"] as const) {
      const want = await sequential(chunks, { schema: SCHEMA, onError }, "ndjson");
      for (const segmentBytes of [1, 333, 5000]) {
        const before = pool.segmentsDecoded;
        const got = await parallel(chunks, { schema: SCHEMA, onError, pool, segmentBytes }, "ndjson");
        assert.deepEqual(got, want, `seed ${seed} ${onError} ${segmentBytes}`);
        if (seed === 1) assert.ok(pool.segmentsDecoded > before, "the workers decoded segments");
      }
    }
    // schema inferred from the first segment
    assert.deepEqual(
      (await parallel([bytes], { pool, segmentBytes: 20_000, onError: "skip" }, "ndjson")).rows,
      (await sequential([bytes], { onError: "skip" }, "ndjson")).rows,
    );
  }
});

Deno.test("decodeParallel (NDJSON): mutated lines give what one decoder gives", async () => {
  using pool = new DecodeWorkerPool({ size: 1 });
  const r = mulberry32(77);
  const pieces = ['"', "{", "}", "\n", ",", ":", "x", "9", "\\", "[", "\r\n"].map((p) => [...enc(p)]);
  pieces.push([0xff]);
  for (let n = 0; n < 90; n++) {
    const input = mutate(mixedNdjson(300 + n, 50), r, pieces);
    const onError = (["fail", "skip", "dead-letter"] as const)[n % 3];
    const segmentBytes = 1 + Math.floor(r() * 400);
    const want = await sequential([input], { schema: SCHEMA, onError }, "ndjson");
    assert.deepEqual(
      await parallel([input], { schema: SCHEMA, onError, pool, segmentBytes }, "ndjson"),
      want,
      `case ${n}`,
    );
  }
  assert.throws(() => decodeParallel([], "json" as ParallelFormat), RangeError);
});

Deno.test("decodeParallel (CSV): one column with blank lines (NULL rows) and no final line break", async () => {
  using pool = new DecodeWorkerPool({ size: 1 });
  const schema = Schema.of([["n", Types.Integer]]);
  const r = mulberry32(9);
  const lines = ["n"];
  for (let i = 0; i < 400; i++) lines.push(r() < 0.3 ? "" : String(i));
  for (const tail of ["", "\n", "\n\n"]) {
    const bytes = enc(lines.join("\n") + tail);
    const want = await sequential([bytes], { schema });
    for (const segmentBytes of [1, 2, 7, 50]) {
      assert.deepEqual(
        await parallel([bytes], { schema, pool, segmentBytes }),
        want,
        `${JSON.stringify(tail)} ${segmentBytes}`,
      );
    }
  }
});

Deno.test("decodeBatches with a pool: gzip input and a pool of size 0 give what one decoder gives", async () => {
  const text = mixedCsv(41, 2500);
  const gz = new Uint8Array(
    await new Response(
      ReadableStream.from([enc(text)]).pipeThrough(new CompressionStream("gzip") as unknown as TransformStream),
    ).arrayBuffer(),
  );
  const want = await sequential([enc(text)], { schema: SCHEMA });
  using pool = new DecodeWorkerPool({ size: 1 });
  const before = pool.segmentsDecoded;
  const got = rowsOf(
    await Array.fromAsync(
      decodeBatches([gz], "csv", { schema: SCHEMA, compression: "gzip", pool, segmentBytes: 4096 }),
    ),
  );
  assert.deepEqual(got, want.rows);
  assert.ok(pool.segmentsDecoded > before);
  using none = new DecodeWorkerPool({ size: 0 });
  assert.deepEqual(
    rowsOf(
      await Array.fromAsync(decodeParallel([enc(text)], "csv", { schema: SCHEMA, pool: none, segmentBytes: 999 })),
    ),
    want.rows,
  );
  assert.equal(none.segmentsDecoded, 0);
  assert.throws(() => new DecodeWorkerPool({ size: -1 }), RangeError);
});

Deno.test("decodeParallel (CSV): no header line, schema inferred (columns c1, c2, ...)", async () => {
  using pool = new DecodeWorkerPool({ size: 1 });
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) lines.push(`${i},n${i % 13},${(i / 4).toFixed(2)}`);
  const bytes = enc(lines.join("\n") + "\n");
  const want = await sequential([bytes], { header: false, inferRows: 100 });
  assert.equal(want.rows.length, 3000);
  const before = pool.segmentsDecoded;
  const got = await parallel([bytes], { header: false, inferRows: 100, pool, segmentBytes: 2000 });
  assert.deepEqual(got, want);
  assert.ok(pool.segmentsDecoded > before, "inference ended in the first segment, so the workers took part");
});
