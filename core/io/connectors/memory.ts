/**
 * `memory://name`: named in-process channels and tables.
 *
 * - A **channel** (the default) is a bounded queue of batches: each batch goes to one reader; a writer waits while
 *   the queue holds `capacity` batches (default 16, `?capacity=`), so a fast producer runs at its consumer's pace.
 *   Closing every sink that wrote (or a sink that never wrote) ends the readers' streams.
 * - A **table** (`?kind=table`) keeps every batch written; each read streams a snapshot of what is there when
 *   the read starts. `?capacity=` caps its rows (a write past it is a RangeError).
 *
 * Channels and tables live in a MemoryHub (the process-wide `MEMORY_HUB` unless one is given).
 *
 * @module
 */

import type { RecordBatch } from "../../batch/record_batch.ts";
import type { DataSourceUri } from "../../uri/data_source_uri.ts";
import { BatchSink, BatchSource, type Sink, type SinkOptions, type Source, type SourceOptions } from "../source.ts";

/** A bounded, closable queue of batches. */
export class MemoryChannel {
  /** The channel's name. */
  readonly name: string;
  /** Most batches held before writers wait. */
  readonly capacity: number;
  #queue: RecordBatch[] = [];
  #head = 0;
  #closed = false;
  #writers = 0;
  #readers: (() => void)[] = [];
  #waitingWriters: (() => void)[] = [];

  /**
   * Creates a MemoryChannel.
   *
   * @param name the name
   * @param capacity batches held before writers wait (>= 1)
   * @example
   * ```ts
   * import { MemoryChannel } from "./memory.ts";
   * const c = new MemoryChannel("c", 1);
   * c.close();
   * if ((await c.take()) !== null) throw new Error();
   * ```
   */
  constructor(name: string, capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`Channel capacity must be a positive integer, got ${capacity}`);
    }
    this.name = name;
    this.capacity = capacity;
  }

  /** Batches waiting. */
  get size(): number {
    return this.#queue.length - this.#head;
  }

  /** Whether closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Adds a batch, waiting while the channel is full.
   *
   * @param batch the batch
   * @throws {TypeError} when the channel is closed
   */
  async put(batch: RecordBatch): Promise<void> {
    while (this.size >= this.capacity && !this.#closed) {
      await new Promise<void>((r) => this.#waitingWriters.push(r));
    }
    if (this.#closed) throw new TypeError(`memory://${this.name} is closed`);
    this.#queue.push(batch);
    this.#readers.shift()?.();
  }

  /**
   * Returns the next batch, or null once closed and drained.
   *
   * @returns the next batch, or null once closed and drained
   */
  async take(): Promise<RecordBatch | null> {
    while (this.size === 0) {
      if (this.#closed) return null;
      await new Promise<void>((r) => this.#readers.push(r));
    }
    const b = this.#queue[this.#head];
    this.#queue[this.#head++] = undefined as unknown as RecordBatch;
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    this.#waitingWriters.shift()?.();
    return b;
  }

  /** Counts a writer in (its close is then needed to end the channel). */
  addWriter(): void {
    this.#writers++;
  }

  /**
   * A writer is done: the channel closes when no writer is left.
   *
   * @param counted whether the writer was counted in
   */
  removeWriter(counted: boolean): void {
    if (counted) this.#writers--;
    if (this.#writers <= 0) this.close();
  }

  /** Ends the channel: readers drain what is queued, then end; waiting writers fail. */
  close(): void {
    this.#closed = true;
    for (const r of this.#readers.splice(0)) r();
    for (const w of this.#waitingWriters.splice(0)) w();
  }
}

/** An append-only list of batches read as snapshots. */
export class MemoryTable {
  /** The table's name. */
  readonly name: string;
  /** Most rows it may hold. */
  readonly capacity: number;
  /** The batches in write order. */
  readonly batches: RecordBatch[] = [];
  #rows = 0;

  /**
   * Creates a MemoryTable.
   *
   * @param name the name
   * @param capacity most rows (default unbounded)
   */
  constructor(name: string, capacity: number = Number.MAX_SAFE_INTEGER) {
    this.name = name;
    this.capacity = capacity;
  }

  /** Rows held. */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Appends a batch.
   *
   * @param batch the batch
   * @throws {RangeError} past the capacity
   */
  append(batch: RecordBatch): void {
    if (this.#rows + batch.length > this.capacity) {
      throw new RangeError(
        `memory://${this.name} holds ${this.#rows} rows; ${batch.length} more would pass its capacity ${this.capacity}`,
      );
    }
    this.batches.push(batch);
    this.#rows += batch.length;
  }
}

/** Named channels and tables. */
export class MemoryHub {
  #channels: Map<string, MemoryChannel> = new Map();
  #tables: Map<string, MemoryTable> = new Map();

  /**
   * The channel of a name, created on first use.
   *
   * @param name the name
   * @param capacity its capacity when created (default 16)
   * @returns the channel
   */
  channel(name: string, capacity = 16): MemoryChannel {
    let c = this.#channels.get(name);
    if (c === undefined) this.#channels.set(name, c = new MemoryChannel(name, capacity));
    return c;
  }

  /**
   * The table of a name, created on first use.
   *
   * @param name the name
   * @param capacity its row capacity when created
   * @returns the table
   */
  table(name: string, capacity?: number): MemoryTable {
    let t = this.#tables.get(name);
    if (t === undefined) this.#tables.set(name, t = new MemoryTable(name, capacity));
    return t;
  }

  /**
   * Forgets a channel and a table of a name (closing the channel).
   *
   * @param name the name
   */
  delete(name: string): void {
    this.#channels.get(name)?.close();
    this.#channels.delete(name);
    this.#tables.delete(name);
  }
}

/** The process-wide hub behind memory:// URIs. */
export const MEMORY_HUB: MemoryHub = new MemoryHub();

/** Options of the memory:// factories. */
export interface MemoryOptions {
  /** The hub holding the channels and tables (default MEMORY_HUB). */
  hub?: MemoryHub;
}

function parts(uri: DataSourceUri): { name: string; table: boolean; capacity: number | undefined } {
  const name = uri.host || uri.path.replace(/^\/+/, "");
  if (name === "") throw new RangeError(`memory:// URI ${uri} has no name`);
  const table = uri.params.oneOf("kind", ["channel", "table"] as const, "channel") === "table";
  return { name, table, capacity: uri.params.integer("capacity", undefined, { min: 1 }) };
}

class ChannelSource extends BatchSource {
  #hub: MemoryHub;
  constructor(uri: DataSourceUri, options: SourceOptions, hub: MemoryHub) {
    super(uri, options.schema ?? null);
    this.#hub = hub;
  }
  protected open(): ReadableStream<RecordBatch> {
    const p = parts(this.uri);
    const ch = this.#hub.channel(p.name, p.capacity);
    return new ReadableStream<RecordBatch>({
      async pull(controller) {
        const b = await ch.take();
        if (b === null) controller.close();
        else controller.enqueue(b);
      },
    }, { highWaterMark: 0 });
  }
}

class TableSource extends BatchSource {
  #hub: MemoryHub;
  constructor(uri: DataSourceUri, options: SourceOptions, hub: MemoryHub) {
    super(uri, options.schema ?? null);
    this.#hub = hub;
  }
  protected open(): ReadableStream<RecordBatch> {
    const p = parts(this.uri);
    const snapshot = this.#hub.table(p.name, p.capacity).batches.slice();
    let i = 0;
    return new ReadableStream<RecordBatch>({
      pull(controller) {
        if (i < snapshot.length) controller.enqueue(snapshot[i++]);
        else controller.close();
      },
    }, { highWaterMark: 0 });
  }
}

class MemorySink extends BatchSink {
  #hub: MemoryHub;
  #counted = false;
  constructor(uri: DataSourceUri, hub: MemoryHub) {
    super(uri);
    this.#hub = hub;
  }
  protected async writeBatch(batch: RecordBatch): Promise<void> {
    const p = parts(this.uri);
    if (p.table) {
      this.#hub.table(p.name, p.capacity).append(batch);
      return;
    }
    const ch = this.#hub.channel(p.name, p.capacity);
    if (!this.#counted) {
      this.#counted = true;
      ch.addWriter();
    }
    await ch.put(batch);
  }
  protected closeSink(): Promise<void> {
    const p = parts(this.uri);
    if (!p.table) this.#hub.channel(p.name, p.capacity).removeWriter(this.#counted);
    return Promise.resolve();
  }
}

/**
 * A memory:// source.
 *
 * @param uri `memory://name[?kind=table][&capacity=N]`
 * @param options `schema` when known, and the `hub` (default MEMORY_HUB)
 * @returns the source
 * @example
 * ```ts
 * import { memorySink, memorySource } from "./memory.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * import { recordsToBatch } from "../../batch/record_batch.ts";
 * import { Schema } from "../../record/schema.ts";
 * import { Types } from "../../types/data_type.ts";
 * const uri = parseUri("memory://doc-example");
 * const sink = memorySink(uri, {});
 * const done = (async () => {
 *   await sink.write(recordsToBatch(Schema.of([["n", Types.Integer]]), [[1]]));
 *   await sink.close();
 * })();
 * const batches = await Array.fromAsync(memorySource(uri, {}).batches());
 * await done;
 * if (batches.length !== 1) throw new Error();
 * ```
 */
export function memorySource(uri: DataSourceUri, options: SourceOptions & MemoryOptions = {}): Source {
  const p = parts(uri);
  const hub = options.hub ?? MEMORY_HUB;
  return p.table ? new TableSource(uri, options, hub) : new ChannelSource(uri, options, hub);
}

/**
 * A memory:// sink.
 *
 * @param uri `memory://name[?kind=table][&capacity=N]`
 * @param options the `hub` (default MEMORY_HUB)
 * @returns the sink
 * @example
 * ```ts
 * import { MEMORY_HUB, memorySink } from "./memory.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * import { recordsToBatch } from "../../batch/record_batch.ts";
 * import { Schema } from "../../record/schema.ts";
 * import { Types } from "../../types/data_type.ts";
 * const sink = memorySink(parseUri("memory://doc-table?kind=table"), {});
 * await sink.write(recordsToBatch(Schema.of([["n", Types.Integer]]), [[1], [2]]));
 * if (MEMORY_HUB.table("doc-table").rows !== 2) throw new Error();
 * ```
 */
export function memorySink(uri: DataSourceUri, options: SinkOptions & MemoryOptions = {}): Sink {
  parts(uri);
  return new MemorySink(uri, options.hub ?? MEMORY_HUB);
}
