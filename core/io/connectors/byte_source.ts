/**
 * ByteSource and ByteSink: sources and sinks over bytes (files, stdin/stdout, HTTP), decoding and encoding
 * through the codecs. The byte input or output is opened lazily, on the first read or write.
 *
 * @module
 */

import type { RecordBatch } from "../../batch/record_batch.ts";
import type { DataSourceUri } from "../../uri/data_source_uri.ts";
import { type ByteInput, decodeBatches, type TextFormat } from "../codecs/decode_batches.ts";
import { type BatchEncoder, createEncoder } from "../codecs/batch_encoder.ts";
import { BatchSink, BatchSource, type SinkOptions, type SourceOptions } from "../source.ts";

/** One input of a ByteSource: how to open it and what it holds. */
export interface ByteInputSpec {
  /** Opens the bytes (called on the first read). */
  open: () => Promise<ByteInput>;
  /** Format of these bytes (resolved per input, e.g. from each file's extension). */
  format: TextFormat;
  /** Compression of these bytes. */
  compression: "gzip" | "none";
}

/** A source decoding one or more byte inputs in order (later inputs reuse the first one's schema). */
export class ByteSource extends BatchSource {
  #inputs: () => Promise<ByteInputSpec[]>;
  #options: SourceOptions;

  /**
   * Creates a ByteSource.
   *
   * @param uri the source URI
   * @param options codec options (schema, header, policy...)
   * @param inputs resolves the inputs on the first read (a glob expands there)
   * @example
   * ```ts
   * import { ByteSource } from "./byte_source.ts";
   * import { parseUri } from "../../uri/parse_uri.ts";
   * const bytes = new TextEncoder().encode("a\n1\n2\n");
   * const s = new ByteSource(parseUri("x://"), {}, () =>
   *   Promise.resolve([{ open: () => Promise.resolve([bytes]), format: "csv", compression: "none" }]));
   * const batches = await Array.fromAsync(s.batches());
   * if (batches[0].length !== 2) throw new Error();
   * ```
   */
  constructor(uri: DataSourceUri, options: SourceOptions, inputs: () => Promise<ByteInputSpec[]>) {
    super(uri, options.schema ?? null);
    this.#options = options;
    this.#inputs = inputs;
  }

  /** Opens the stream of batches (called on first read, never before). */
  protected open(): ReadableStream<RecordBatch> {
    const options = this.#options;
    const resolveInputs = this.#inputs;
    async function* run(): AsyncGenerator<RecordBatch> {
      const inputs = await resolveInputs();
      let schema = options.schema;
      for (const spec of inputs) {
        options.signal?.throwIfAborted();
        const lazy: AsyncIterable<Uint8Array> = {
          async *[Symbol.asyncIterator]() {
            const input = await spec.open();
            if (input instanceof ReadableStream) {
              const reader = input.getReader();
              try {
                for (;;) {
                  const r = await reader.read();
                  if (r.done) return;
                  yield r.value;
                }
              } finally {
                await reader.cancel().catch(() => {});
              }
            } else yield* input as AsyncIterable<Uint8Array>;
          },
        };
        const stream = decodeBatches(lazy, spec.format, { ...options, schema, compression: spec.compression });
        for await (const b of stream) {
          schema ??= b.schema;
          yield b;
        }
      }
    }
    return ReadableStream.from(run());
  }
}

/** Where a ByteSink writes: a writer and how to finish it. */
export interface ByteOutput {
  /** Writes bytes; resolves when accepted. */
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes and closes. */
  close(): Promise<void>;
}

/**
 * A ByteOutput over a WritableStream (through CompressionStream when asked).
 *
 * @param stream the byte stream
 * @param compression "gzip" or "none"
 * @returns the output
 * @example
 * ```ts
 * import { streamOutput } from "./byte_source.ts";
 * const parts: Uint8Array[] = [];
 * const out = streamOutput(new WritableStream({ write(c) { parts.push(c); } }), "none");
 * await out.write(new Uint8Array([1, 2]));
 * await out.close();
 * if (parts.length !== 1) throw new Error();
 * ```
 */
export function streamOutput(stream: WritableStream<Uint8Array>, compression: "gzip" | "none"): ByteOutput {
  let target = stream;
  let done: Promise<void> = Promise.resolve();
  if (compression === "gzip") {
    const cs = new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>;
    done = cs.readable.pipeTo(stream);
    target = cs.writable;
  }
  const writer = target.getWriter();
  return {
    async write(bytes: Uint8Array): Promise<void> {
      await writer.ready;
      await writer.write(bytes);
    },
    async close(): Promise<void> {
      await writer.close();
      await done;
    },
  };
}

/** A sink encoding batches into a lazily opened byte output. */
export class ByteSink extends BatchSink {
  #open: () => Promise<ByteOutput>;
  #out: Promise<ByteOutput> | null = null;
  #encoder: BatchEncoder;

  /**
   * Creates a ByteSink.
   *
   * @param uri the sink URI
   * @param options format and encoder options (format required)
   * @param open opens the output (called on the first write or at close)
   */
  constructor(uri: DataSourceUri, options: SinkOptions, open: () => Promise<ByteOutput>) {
    super(uri);
    this.#encoder = createEncoder(options.format ?? "ndjson", options);
    this.#open = open;
  }

  /** Encodes and writes one batch. */
  protected async writeBatch(batch: RecordBatch): Promise<void> {
    const out = await (this.#out ??= this.#open());
    const bytes = this.#encoder.encode(batch);
    if (bytes.length > 0) await out.write(bytes);
  }

  /** Flushes what is buffered and closes the output. */
  protected async closeSink(): Promise<void> {
    const out = await (this.#out ??= this.#open());
    const tail = this.#encoder.finish();
    if (tail.length > 0) await out.write(tail);
    await out.close();
  }
}
