/**
 * The message protocol between decodeParallel and its workers, and the worker side of it (private to
 * core/io/codecs). A job is one input; its segments are whole records cut at line breaks.
 *
 * @module
 */

import type { Column } from "../../batch/column.ts";
import type { RecordBatch } from "../../batch/record_batch.ts";
import { StringDictionary } from "../../batch/string_dictionary.ts";
import { Schema } from "../../record/schema.ts";
import { type DataType, field } from "../../types/data_type.ts";
import { CsvDecoder } from "./csv_decoder.ts";
import { JsonDecoder } from "./json_decoder.ts";
import type { RecordDecoder } from "./record_decoder.ts";
import { type DecodeStats, newDecodeStats } from "./decode_error.ts";

/** A schema field as plain data (types are plain frozen objects, rebuilt by kind on the other side). */
export interface _PlainField {
  name: string;
  type: DataType;
  nullable: boolean;
}

/** Starts a job: what every segment of one input is decoded with. */
export interface _JobMessage {
  kind: "job";
  job: number;
  format: "csv" | "ndjson";
  fields: _PlainField[];
  columns: string[];
  delimiter: string;
  batchSize: number;
}

/** One segment of a job, to decode on its own. */
export interface _SegmentMessage {
  kind: "segment";
  job: number;
  segment: number;
  bytes: Uint8Array;
}

/** Ends a job (its dictionaries are dropped). */
export interface _EndMessage {
  kind: "end";
  job: number;
}

/**
 * Sets up a worker: `answered[0]` counts the segments it answered, raised before each answer is posted, so the
 * thread that hands out segments sees a worker's free room without waiting for its messages.
 */
export interface _InitMessage {
  kind: "init";
  answered: Int32Array;
}

/** A message to a worker. */
export type _ToWorker = _InitMessage | _JobMessage | _SegmentMessage | _EndMessage;

/** A decoded column as plain data: its typed arrays travel by transfer. */
export interface _PlainColumn {
  layout: "f64" | "i64" | "i32" | "bool" | "dict";
  validity: Uint8Array | null;
  data: Float64Array | BigInt64Array | Int32Array | Uint8Array;
}

/** The answer for one segment. `ok: false` means the segment holds a bad record (decode it again in order). */
export interface _SegmentResult {
  job: number;
  segment: number;
  ok: boolean;
  /** Rows per batch, and the columns of each batch. */
  lengths: number[];
  columns: _PlainColumn[][];
  /** Per String field (in schema order), the strings the worker's dictionary gained with this segment. */
  added: string[][];
  /** Lines and bytes the segment held. */
  lines: number;
  bytes: number;
  /** The buffer the segment came in, handed back for the next segment (no fresh pages to fault in). */
  spare: ArrayBuffer;
}

/** Whether a field type decodes into a column layout that can travel between threads (not `values`). */
export function _transferable(type: DataType): boolean {
  const k = type.kind;
  return k === "integer" || k === "scaled" || k === "timestamp" || k === "float" || k === "date" ||
    k === "boolean" || k === "string";
}

/** A schema as plain fields. */
export function _plainFields(schema: Schema): _PlainField[] {
  return schema.fields.map((f) => ({ name: f.name, type: f.type, nullable: f.nullable }));
}

/** A column's arrays as plain data, with the buffers to transfer pushed on `transfer`. */
function plainColumn(c: Column, transfer: ArrayBuffer[]): _PlainColumn {
  let data: Float64Array | BigInt64Array | Int32Array | Uint8Array;
  switch (c.layout) {
    case "dict":
      data = c.codes;
      break;
    case "f64":
    case "i64":
    case "i32":
    case "bool":
      data = c.data;
      break;
    default:
      throw new TypeError(`a ${c.layout} column cannot leave a worker`);
  }
  transfer.push(data.buffer as ArrayBuffer);
  if (c.validity !== null) transfer.push(c.validity.buffer as ArrayBuffer);
  return { layout: c.layout, validity: c.validity, data };
}

/** Per job, on the worker: the decoder settings and the dictionaries its segments share. */
interface Job {
  /** The decoder of this job's segments (null until the first). */
  decoder: _SegmentDecoder | null;
  format: "csv" | "ndjson";
  schema: Schema;
  columns: string[];
  delimiter: string;
  batchSize: number;
  dicts: Record<string, StringDictionary>;
  sent: Map<string, number>;
}

/** The worker side: keeps jobs and answers segments. Returns the answer and the buffers to transfer, or null. */
export class _SegmentWorker {
  #jobs = new Map<number, Job>();

  #answered: Int32Array | null = null;

  /** Handles one message; the caller posts the answer (when there is one) right after. */
  handle(m: _ToWorker): { result: _SegmentResult; transfer: ArrayBuffer[] } | null {
    if (m.kind === "init") {
      this.#answered = m.answered;
      return null;
    }
    if (m.kind === "job") {
      const schema = new Schema(m.fields.map((f) => field(f.name, f.type, f.nullable)));
      const dicts: Record<string, StringDictionary> = {};
      const sent = new Map<string, number>();
      for (const f of schema.fields) {
        if (f.type.kind === "string") {
          dicts[f.name] = new StringDictionary();
          sent.set(f.name, 0);
        }
      }
      this.#jobs.set(m.job, {
        decoder: null,
        format: m.format,
        schema,
        columns: m.columns,
        delimiter: m.delimiter,
        batchSize: m.batchSize,
        dicts,
        sent,
      });
      return null;
    }
    if (m.kind === "end") {
      this.#jobs.delete(m.job);
      return null;
    }
    const job = this.#jobs.get(m.job);
    if (job === undefined) throw new Error(`segment of unknown job ${m.job}`);
    const answer = _decodeSegment(job, m);
    if (this.#answered !== null) Atomics.add(this.#answered, 0, 1);
    return answer;
  }
}

function _decodeSegment(job: Job, m: _SegmentMessage): { result: _SegmentResult; transfer: ArrayBuffer[] } {
  const out = (job.decoder ??= new _SegmentDecoder(
    job.format,
    job.schema,
    job.columns,
    job.delimiter,
    job.batchSize,
    job.dicts,
  )).decode(m.bytes);
  const result: _SegmentResult = {
    job: m.job,
    segment: m.segment,
    ok: out !== null,
    lengths: [],
    columns: [],
    added: [],
    lines: out?.lines ?? 0,
    bytes: m.bytes.length,
    spare: m.bytes.buffer as ArrayBuffer,
  };
  const transfer: ArrayBuffer[] = [result.spare];
  for (const b of out?.batches ?? []) {
    result.lengths.push(b.length);
    result.columns.push(b.columns.map((c) => plainColumn(c, transfer)));
  }
  // the dictionaries grew even when the segment failed: report it, so codes stay in step with the main thread
  for (const [name, from] of job.sent) {
    const values = job.dicts[name].values;
    result.added.push(values.slice(from));
    job.sent.set(name, values.length);
  }
  return { result, transfer };
}

/** What a segment decoded to. */
export interface _DecodedSegment {
  batches: RecordBatch[];
  /** Lines, rows and bytes it held. */
  lines: number;
  rows: number;
  bytes: number;
}

/**
 * One thread's decoder of a job's segments (segments after the first: no header, CSV columns mapped by the
 * header's names), kept across them so its string tables stay warm. Segments decode as if they started past line
 * 1, so a leading byte-order mark is data; their lines are counted, not numbered.
 */
export class _SegmentDecoder {
  #d: RecordDecoder;
  #stats: DecodeStats = newDecodeStats();

  constructor(
    format: "csv" | "ndjson",
    schema: Schema,
    columns: readonly string[],
    delimiter: string,
    batchSize: number,
    dicts: Record<string, StringDictionary>,
  ) {
    const common = { schema, batchSize, dictionaries: dicts, firstLine: 2, stats: this.#stats };
    this.#d = format === "csv"
      ? new CsvDecoder({ ...common, header: false, columns, delimiter })
      : new JsonDecoder({ ...common, layout: "ndjson" });
  }

  /**
   * Decodes one segment: a segment that ends with a line break ends with a whole record, so the batch is just cut
   * there; the input's last segment may end without one, and ends the decoder.
   *
   * @returns its batches and counts, or null when it holds a bad record (the decoder stops there)
   */
  decode(bytes: Uint8Array): _DecodedSegment | null {
    const d = this.#d, st = this.#stats;
    const line = d.nextLine, rows = st.rows, used = st.bytes;
    d.write(bytes);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 10) d.flushBatch();
    else d.end();
    if (d.error !== null) return null;
    const batches = d.drain();
    if (st.rows - rows !== batches.reduce((n, b) => n + b.length, 0)) {
      throw new Error("a segment decoded more rows than it emitted");
    }
    return { batches, lines: d.nextLine - line, rows: st.rows - rows, bytes: st.bytes - used };
  }
}
