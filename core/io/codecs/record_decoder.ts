/**
 * RecordDecoder: the incremental bytes -> RecordBatch machine shared by the CSV and JSON decoders. Chunks may
 * split the input anywhere (inside a quoted field, inside a multi-byte character): the unfinished record is
 * carried to the next chunk. Bad records follow the DecodePolicy.
 *
 * @module
 */

import type { Schema } from "../../record/schema.ts";
import { RecordBatch } from "../../batch/record_batch.ts";
import type { StringDictionary } from "../../batch/string_dictionary.ts";
import { type _Acc, _accFor, _text } from "./_column_acc.ts";
import { type DeadLetter, DecodeError, type DecodePolicy, type DecodeStats, newDecodeStats } from "./decode_error.ts";

/** Options every decoder takes. */
export interface DecodeOptions {
  /** The schema to decode into; inferred from the first `inferRows` records when absent. */
  schema?: Schema;
  /** Rows per emitted batch (default 4096). */
  batchSize?: number;
  /** Records sampled for inference (default 1000). */
  inferRows?: number;
  /** What to do with a bad record (default "fail"). */
  onError?: DecodePolicy;
  /** Receives rejected records under the "dead-letter" policy (may be async; awaited in order). */
  deadLetter?: (entry: DeadLetter) => void | Promise<void>;
  /** Counters to fill (rows, skipped, deadLettered, bytes). */
  stats?: DecodeStats;
  /** Dictionaries to intern String fields into, by field name (default: one new dictionary per field). */
  dictionaries?: Readonly<Record<string, StringDictionary>>;
  /**
   * 1-based number of the input's first line, for error positions when the input is a later part of a file
   * (default 1). Input that starts past line 1 is not the start of a file, so a byte-order mark there is data.
   */
  firstLine?: number;
}

const EMPTY = new Uint8Array(0);
/** Bytes of a new chunk joined to the carried partial record before the rest is decoded in place. */
const HEAD = 1024;

let accsOf: (d: RecordDecoder) => _Acc[] = () => [];

/**
 * The column accumulators of a decoder, one per schema field (private to core/io/codecs: the CSV and JSON decoders
 * write into them; empty until the schema is known).
 *
 * @param d a decoder
 * @returns its accumulators
 */
export function _accsOf(d: RecordDecoder): _Acc[] {
  return accsOf(d);
}

/** Incremental decoder base: feed `write(chunk)` then `end()`, take `drain()` batches, check `error`. */
export abstract class RecordDecoder {
  /** The schema (null until known: given, or inferred once enough input arrived). */
  schema: Schema | null;
  /** The fatal DecodeError under the "fail" policy, once hit (later input is ignored). */
  error: DecodeError | null = null;
  /** Counters. */
  readonly stats: DecodeStats;
  /** Rejected records waiting for the dead-letter target. */
  readonly deadLetters: DeadLetter[] = [];
  /** Rows per batch. */
  readonly batchSize: number;
  /** Records sampled for inference. */
  readonly inferRows: number;
  /** Bad-record policy. */
  readonly policy: DecodePolicy;
  /** Column accumulators, one per schema field (empty until the schema is known); subclasses reach them by _accsOf. */
  #accs: _Acc[] = [];
  /** Rows in the current batch. */
  protected row = 0;
  /** 1-based line number of the next record's start. */
  protected line = 1;
  #out: RecordBatch[] = [];
  #carry: Uint8Array = EMPTY;
  #ready = false;
  #buf: Uint8Array = EMPTY;
  #base = 0; // absolute offset of buf[0]
  #lineStart = 0; // absolute offset of the start of the line holding buf[0]
  #dicts: Readonly<Record<string, StringDictionary>>;

  static {
    accsOf = (d) => d.#accs;
  }

  /**
   * Creates a RecordDecoder.
   *
   * @param options schema, batch size, policy, counters
   */
  constructor(options: DecodeOptions = {}) {
    this.schema = options.schema ?? null;
    this.batchSize = options.batchSize ?? 4096;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${options.batchSize}`);
    }
    this.inferRows = options.inferRows ?? 1000;
    this.policy = options.onError ?? "fail";
    if (this.policy !== "fail" && this.policy !== "skip" && this.policy !== "dead-letter") {
      throw new RangeError(`onError must be fail, skip or dead-letter, got "${this.policy}"`);
    }
    this.stats = options.stats ?? newDecodeStats();
    this.#dicts = options.dictionaries ?? {};
    this.line = options.firstLine ?? 1;
    if (!Number.isSafeInteger(this.line) || this.line < 1) {
      throw new RangeError(`firstLine must be a positive integer, got ${options.firstLine}`);
    }
  }

  /** 1-based line number where the next record starts (after end(): one past the last line). */
  get nextLine(): number {
    return this.line;
  }

  /**
   * Decodes a chunk (any split of the input).
   *
   * @param chunk the next bytes
   */
  write(chunk: Uint8Array): void {
    if (this.error !== null) return;
    let carry = this.#carry;
    if (carry.length > 0 && this.#ready) {
      // Finish the carried record on a small joined buffer, then decode the rest of the chunk in place (no copy
      // of the whole chunk). When the record runs past the head, join everything as below.
      const head = Math.min(chunk.length, Math.max(HEAD, carry.length));
      const joined = new Uint8Array(carry.length + head);
      joined.set(carry);
      joined.set(chunk.subarray(0, head), carry.length);
      const used = this.#run(joined, false);
      if (head === chunk.length || this.error !== null) return;
      if (used >= carry.length) {
        this.#carry = EMPTY;
        this.#run(chunk.subarray(used - carry.length), false);
        return;
      }
      carry = this.#carry;
      chunk = chunk.subarray(head);
    }
    let buf = chunk;
    if (carry.length > 0) {
      buf = new Uint8Array(carry.length + chunk.length);
      buf.set(carry);
      buf.set(chunk, carry.length);
    }
    this.#run(buf, false);
  }

  /** Decodes what is left and finishes the last (partial) batch. */
  end(): void {
    if (this.error !== null) return;
    const buf = this.#carry;
    this.#carry = EMPTY;
    this.#run(buf, true);
    if (this.error === null) {
      if (!this.#ready) this.#setup(this.schema ?? this.inferSchema(EMPTY, true)!);
      this.flush();
    }
  }

  /**
   * Ends the current batch now, shorter than `batchSize`, so `drain()` returns the rows decoded so far (for a live
   * stream that went quiet, or a part of an input). A record split across chunks stays carried; decoding goes on.
   *
   * @example
   * ```ts
   * import { CsvDecoder } from "./csv_decoder.ts";
   * import { Schema } from "../../record/schema.ts";
   * import { Types } from "../../types/data_type.ts";
   * const d = new CsvDecoder({ schema: Schema.of([["n", Types.Integer]]), batchSize: 100 });
   * d.write(new TextEncoder().encode("n\n1\n2\n3"));
   * d.flushBatch();
   * if (d.drain()[0].length !== 2) throw new Error(); // "3" may go on: it stays carried
   * ```
   */
  flushBatch(): void {
    if (this.error === null && this.#ready) this.flush();
  }

  /**
   * Takes the batches the decoder finished since the last call.
   *
   * @returns the batches finished since the last call
   */
  drain(): RecordBatch[] {
    const o = this.#out;
    this.#out = [];
    return o;
  }

  /** Decodes buf; returns the bytes consumed (the rest is carried). */
  #run(buf: Uint8Array, final: boolean): number {
    if (!this.#ready) {
      const schema = this.schema ?? this.inferSchema(buf, final);
      if (schema === null) {
        this.#carry = buf.slice();
        return 0;
      }
      this.#setup(schema);
    }
    this.#buf = buf;
    const used = this.parse(buf, final);
    this.#buf = EMPTY;
    this.stats.bytes += used;
    const lf = buf.subarray(0, used).lastIndexOf(10);
    if (lf >= 0) this.#lineStart = this.#base + lf + 1;
    this.#base += used;
    if (!final && this.error === null) this.#carry = used === buf.length ? EMPTY : buf.slice(used);
    return used;
  }

  #setup(schema: Schema): void {
    this.schema = schema;
    this.#accs = schema.fields.map((f) => _accFor(f, this.batchSize, this.#dicts[f.name]));
    this.#ready = true;
    this.prepare(schema);
  }

  /** Called once the schema is known (map header columns, name bytes). */
  protected prepare(_schema: Schema): void {}

  /**
   * Infers the schema from the start of the input, or returns null when more input is needed.
   *
   * @param buf all input so far
   * @param final whether the input is complete
   */
  protected abstract inferSchema(buf: Uint8Array, final: boolean): Schema | null;

  /**
   * Decodes whole records from buf; returns the offset of the first byte not consumed.
   *
   * @param buf input (carry + chunk)
   * @param final whether the input is complete
   */
  protected abstract parse(buf: Uint8Array, final: boolean): number;

  /** Counts the current row as accepted; emits a batch when full. */
  protected commitRow(): void {
    this.stats.rows++;
    if (++this.row === this.batchSize) this.flush();
  }

  /** Emits the rows of the current batch (if any). */
  protected flush(): void {
    const n = this.row;
    if (n === 0) return;
    this.row = 0;
    this.#out.push(new RecordBatch(this.schema!, this.#accs.map((a) => a.finish(n))));
  }

  /**
   * A bad record: applies the policy. Returns true when decoding must stop (the "fail" policy).
   *
   * @param err the error
   * @param buf the input
   * @param rawStart start of the record's bytes
   * @param rawEnd end of the record's bytes
   */
  protected reject(err: DecodeError, buf: Uint8Array, rawStart: number, rawEnd: number): boolean {
    if (this.policy === "fail") {
      this.flush();
      this.error = err;
      return true;
    }
    if (this.policy === "skip") this.stats.skipped++;
    else {
      this.stats.deadLettered++;
      this.deadLetters.push({ raw: _text(buf, rawStart, rawEnd) ?? "(invalid UTF-8)", error: err });
    }
    return false;
  }

  /**
   * The line and column of a byte, counting from a record start at `line`.
   *
   * @param buf input
   * @param recStart offset of the record's first byte (on line `line`)
   * @param at offset of the byte
   * @returns [line, column]
   */
  protected position(buf: Uint8Array, recStart: number, at: number): [number, number] {
    let line = this.line, lineStart = -1;
    for (let i = recStart; i < at; i++) {
      if (buf[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    if (lineStart < 0) {
      const lf = buf.subarray(0, Math.min(recStart, buf.length)).lastIndexOf(10);
      lineStart = lf >= 0 || buf !== this.#buf ? lf + 1 : this.#lineStart - this.#base;
    }
    return [line, at - lineStart + 1];
  }

  /**
   * Builds a DecodeError at a byte of the current record.
   *
   * @param buf input
   * @param recStart record start
   * @param at fault offset
   * @param field field name or null
   * @param reason why
   * @returns the error
   */
  protected errorAt(buf: Uint8Array, recStart: number, at: number, field: string | null, reason: string): DecodeError {
    const [line, column] = this.position(buf, recStart, at);
    return new DecodeError(line, column, field, reason);
  }
}
