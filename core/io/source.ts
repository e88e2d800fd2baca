/**
 * Sources and sinks: what the registry's factories return. A Source hands out a pull-driven
 * `ReadableStream<RecordBatch>`; a Sink takes batches through a `WritableStream<RecordBatch>` or `write`/`close`.
 * Creating either does no I/O: a source opens its input on the first read, a sink its output on the first write
 * (or at close).
 *
 * @module
 */

import type { RecordBatch } from "../batch/record_batch.ts";
import { Schema } from "../record/schema.ts";
import type { DataSourceUri } from "../uri/data_source_uri.ts";
import type { DecodeBatchesOptions, TextFormat } from "./codecs/decode_batches.ts";
import type { EncodeOptions } from "./codecs/batch_encoder.ts";

/** Options of createSource. URI parameters fill in what is not given here. */
export interface SourceOptions extends DecodeBatchesOptions {
  /** Input format for byte sources (default: from `?format=`, the extension, the content type, or ndjson). */
  format?: TextFormat;
  /** Aborts reading. */
  signal?: AbortSignal;
}

/** Options of createSink. URI parameters fill in what is not given here. */
export interface SinkOptions extends EncodeOptions {
  /** Output format for byte sinks (default: from `?format=`, the extension, or ndjson). */
  format?: TextFormat;
  /** "gzip" to compress (default: from `?compression=` or a `.gz` extension). */
  compression?: "gzip" | "none";
}

/** A readable source of RecordBatches. */
export interface Source {
  /** Where it reads from. */
  readonly uri: DataSourceUri;
  /** The schema when known without reading (given, or fixed by the source); null until inferred. */
  readonly schema: Schema | null;
  /**
   * The schema: given, fixed, or inferred from the start of the input (what is read for that is kept for
   * `batches()`).
   */
  resolveSchema(): Promise<Schema>;
  /** The batches, pull-driven (backpressure). A source is read once. */
  batches(): ReadableStream<RecordBatch>;
  /** Stops reading and releases the input. */
  close(): Promise<void>;
}

/** A writable sink of RecordBatches. */
export interface Sink {
  /** Where it writes to. */
  readonly uri: DataSourceUri;
  /** A stream view of the sink (closing it closes the sink). */
  readonly writable: WritableStream<RecordBatch>;
  /** Writes a batch; resolves when the sink accepted it (backpressure). */
  write(batch: RecordBatch): Promise<void>;
  /** Flushes and closes. */
  close(): Promise<void>;
}

/** Base of sources: single read, schema peeking, close. Subclasses implement `open()`. */
export abstract class BatchSource implements Source {
  /** Where it reads from. */
  readonly uri: DataSourceUri;
  /** Known schema or null. */
  schema: Schema | null;
  #stream: ReadableStream<RecordBatch> | null = null;
  #reader: ReadableStreamDefaultReader<RecordBatch> | null = null;
  #peeked: RecordBatch | null = null;
  #handedOut = false;
  #closed = false;

  /**
   * Creates the source; nothing is read before `resolveSchema()` or `batches()`.
   *
   * @param uri the source URI
   * @param schema the schema when known up front
   */
  constructor(uri: DataSourceUri, schema: Schema | null) {
    this.uri = uri;
    this.schema = schema;
  }

  /** Opens the input: called once, on the first read. */
  protected abstract open(): ReadableStream<RecordBatch>;

  #readerOf(): ReadableStreamDefaultReader<RecordBatch> {
    if (this.#closed) throw new TypeError(`Source ${this.uri} is closed`);
    this.#stream ??= this.open();
    return this.#reader ??= this.#stream.getReader();
  }

  /**
   * The schema: given, or taken from the first batch, which is kept for `batches()`.
   *
   * @returns the schema (peeks the first batch when it must be inferred)
   */
  async resolveSchema(): Promise<Schema> {
    if (this.schema !== null) return this.schema;
    if (this.#handedOut) throw new TypeError(`Source ${this.uri} is being read; take the schema from its batches`);
    const r = await this.#readerOf().read();
    if (r.done) this.schema = new Schema([]);
    else {
      this.#peeked = r.value;
      this.schema = r.value.schema;
    }
    return this.schema;
  }

  /**
   * The batches, pull-driven; a source is read once.
   *
   * @returns the batch stream (once per source)
   */
  batches(): ReadableStream<RecordBatch> {
    if (this.#handedOut) throw new TypeError(`Source ${this.uri} is already being read`);
    this.#handedOut = true;
    const reader = this.#readerOf();
    return new ReadableStream<RecordBatch>({
      pull: async (controller) => {
        if (this.#peeked !== null) {
          controller.enqueue(this.#peeked);
          this.#peeked = null;
          return;
        }
        const r = await reader.read();
        if (r.done) controller.close();
        else {
          this.schema ??= r.value.schema;
          controller.enqueue(r.value);
        }
      },
      cancel: async (reason) => {
        await reader.cancel(reason);
      },
    }, { highWaterMark: 0 });
  }

  /** Cancels the input. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#reader !== null) await this.#reader.cancel().catch(() => {});
  }
}

/** Base of sinks: `writable` over `write`/`close`. Subclasses implement `writeBatch` and `closeSink`. */
export abstract class BatchSink implements Sink {
  /** Where it writes to. */
  readonly uri: DataSourceUri;
  #writable: WritableStream<RecordBatch> | null = null;
  #closed: Promise<void> | null = null;

  /**
   * Creates a BatchSink.
   *
   * @param uri the sink URI
   */
  constructor(uri: DataSourceUri) {
    this.uri = uri;
  }

  /** Writes one batch. */
  protected abstract writeBatch(batch: RecordBatch): Promise<void>;
  /** Flushes and releases the output. */
  protected abstract closeSink(): Promise<void>;

  /** A WritableStream view (high-water mark 1: a writer waits while a batch is being written). */
  get writable(): WritableStream<RecordBatch> {
    return this.#writable ??= new WritableStream<RecordBatch>({
      write: (b) => this.write(b),
      close: () => this.close(),
    }, { highWaterMark: 1 });
  }

  /**
   * Writes one batch, waiting while the channel is full (backpressure).
   *
   * @param batch the batch
   * @returns when written
   */
  write(batch: RecordBatch): Promise<void> {
    if (this.#closed !== null) return Promise.reject(new TypeError(`Sink ${this.uri} is closed`));
    return this.writeBatch(batch);
  }

  /**
   * Returns when flushed and closed (idempotent).
   *
   * @returns when flushed and closed (idempotent)
   */
  close(): Promise<void> {
    return this.#closed ??= this.closeSink();
  }
}
