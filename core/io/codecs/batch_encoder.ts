/**
 * Encoders of RecordBatches to CSV, NDJSON and JSON-array bytes (the sink side of the codecs). Values are
 * written exactly: ScaledInteger with exactly `scale` decimals (a bare JSON number, so it decodes back to the
 * same units), integers past 2^53 in full, timestamps as ISO-8601. NULL is an empty CSV field and JSON `null`;
 * a non-finite Float is JSON `null` (JSON has no NaN).
 *
 * @module
 */

import type { RecordBatch } from "../../batch/record_batch.ts";
import type { Column } from "../../batch/column.ts";
import type { StringDictionary } from "../../batch/string_dictionary.ts";
import { valueAt } from "../../batch/column_value.ts";
import { TextWriter } from "../../values/text_writer.ts";
import type { TextFormat } from "./decode_batches.ts";

const UTF8 = new TextEncoder();

/**
 * The text of a cell the encoders do not write digit by digit: a Float (its JavaScript text), or a value of the
 * `values` or `i32` layouts (CSV unquoted form; JSON callers quote strings themselves).
 */
function cellText(col: Column, i: number): string {
  if (col.layout === "f64" || col.layout === "i64") return String(col.data[i]);
  const v = valueAt(col, i);
  return typeof v === "object" && v !== null && !Array.isArray(v) ? String(v) : JSON.stringify(v);
}

/** Per dictionary, the encoded text of each code, worked out once (a dictionary is append-only: codes keep it). */
class DictTexts {
  #texts: WeakMap<StringDictionary, string[]> = new WeakMap();
  #encode: (s: string) => string;
  constructor(encode: (s: string) => string) {
    this.#encode = encode;
  }
  get(dict: StringDictionary, code: number): string {
    let texts = this.#texts.get(dict);
    if (texts === undefined) this.#texts.set(dict, texts = []);
    return texts[code] ??= this.#encode(dict.values[code]);
  }
}

/** Turns batches into bytes of one format. */
export interface BatchEncoder {
  /** Bytes for one batch (the CSV header or "[" come with the first). */
  encode(batch: RecordBatch): Uint8Array;
  /** Closing bytes (JSON array "]"; an empty array when no batch came). */
  finish(): Uint8Array;
}

/** Options of the encoders. */
export interface EncodeOptions {
  /** CSV: write a header line first (default true). */
  header?: boolean;
  /** CSV: delimiter (default "," or tab for tsv). */
  delimiter?: string;
  /** CSV line break (default "\n"). */
  lineBreak?: "\n" | "\r\n";
}

class CsvEncoder implements BatchEncoder {
  #started = false;
  #header: boolean;
  #delim: string;
  #nl: string;
  #special: RegExp;
  constructor(options: EncodeOptions, tab: boolean) {
    this.#header = options.header ?? true;
    this.#delim = options.delimiter ?? (tab ? "\t" : ",");
    this.#nl = options.lineBreak ?? "\n";
    const d = this.#delim.replace(/[\\^$.*+?()[\]{}|-]/g, "\\$&");
    this.#special = new RegExp(`["\\r\\n]|${d}`);
  }
  /** The batch's bytes are written here, then copied out (the buffer is kept for the next batch). */
  #w: TextWriter = new TextWriter(1 << 16);
  /** The CSV text of each dictionary string: quoted when it must be, `""` for the empty string (not NULL). */
  #dictText: DictTexts = new DictTexts((v) => v === "" ? '""' : this.#quote(v));
  #quote(s: string): string {
    return this.#special.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
  }
  encode(batch: RecordBatch): Uint8Array {
    const w = this.#w;
    w.reset();
    if (!this.#started) {
      this.#started = true;
      if (this.#header) w.writeString(batch.schema.names.map((n) => this.#quote(n)).join(this.#delim) + this.#nl);
    }
    const cols = batch.columns, nc = cols.length, d = this.#delim, nl = this.#nl;
    for (let r = 0; r < batch.length; r++) {
      const p = batch.physicalRow(r);
      for (let c = 0; c < nc; c++) {
        if (c > 0) w.writeString(d);
        const col = cols[c];
        if (col.validity !== null && col.validity[p] === 0) continue;
        switch (col.layout) {
          case "f64":
          case "i64": {
            // digits straight into the buffer: the value's own text (a seeded test checks every kind)
            const v = col.data[p], type = col.type;
            if (type.kind === "scaled") w.writeScaled(v, type.scale);
            else if (type.kind === "timestamp") w.writeTimestamp(v);
            else if (type.kind === "integer") w.writeInt64(v);
            else w.writeString(cellText(col, p));
            break;
          }
          case "bool":
            w.writeAscii(col.data[p] === 1 ? "true" : "false");
            break;
          case "dict":
            w.writeString(this.#dictText.get(col.dict, col.codes[p]));
            break;
          default: {
            const t = cellText(col, p);
            w.writeString(col.layout === "values" ? (t === "" ? '""' : this.#quote(t)) : t);
          }
        }
      }
      w.writeString(nl);
    }
    return w.bytes().slice();
  }
  finish(): Uint8Array {
    return new Uint8Array(0);
  }
}

class JsonEncoder implements BatchEncoder {
  #array: boolean;
  #count = 0;
  #keys: string[] | null = null;
  /** The batch's bytes are written here, then copied out (the buffer is kept for the next batch). */
  #w: TextWriter = new TextWriter(1 << 16);
  /** The JSON text of each dictionary string. */
  #dictText: DictTexts = new DictTexts((v) => JSON.stringify(v));
  constructor(array: boolean) {
    this.#array = array;
  }
  encode(batch: RecordBatch): Uint8Array {
    const keys = this.#keys ??= batch.schema.names.map((n) => JSON.stringify(n) + ":");
    const w = this.#w;
    w.reset();
    const cols = batch.columns, nc = cols.length;
    for (let r = 0; r < batch.length; r++) {
      const p = batch.physicalRow(r);
      if (this.#array) w.writeByte(this.#count++ === 0 ? 91 : 44); // "[" or ","
      w.writeByte(123); // "{"
      for (let c = 0; c < nc; c++) {
        if (c > 0) w.writeByte(44);
        w.writeString(keys[c]);
        const col = cols[c];
        if (col.validity !== null && col.validity[p] === 0) {
          w.writeAscii("null");
          continue;
        }
        switch (col.layout) {
          case "f64":
          case "i64": {
            const v = col.data[p], type = col.type;
            if (type.kind === "scaled") w.writeScaled(v, type.scale);
            else if (type.kind === "integer") w.writeInt64(v);
            else if (type.kind === "timestamp") {
              w.writeByte(34);
              w.writeTimestamp(v);
              w.writeByte(34);
            } else if (type.kind === "float" && !Number.isFinite(v as number)) w.writeAscii("null");
            else w.writeString(cellText(col, p));
            break;
          }
          case "bool":
            w.writeAscii(col.data[p] === 1 ? "true" : "false");
            break;
          case "dict":
            w.writeString(this.#dictText.get(col.dict, col.codes[p]));
            break;
          default: {
            const v = valueAt(col, p);
            w.writeString(JSON.stringify(v, (_k, x) => typeof x === "bigint" ? x.toString() : x));
          }
        }
      }
      if (this.#array) w.writeByte(125);
      else w.writeAscii("}\n");
    }
    return w.bytes().slice();
  }
  finish(): Uint8Array {
    if (!this.#array) return new Uint8Array(0);
    return UTF8.encode(this.#count === 0 ? "[]\n" : "]\n");
  }
}

/**
 * An encoder for a format.
 *
 * @param format csv, tsv, ndjson or json (array)
 * @param options header, delimiter, line break (CSV)
 * @returns the encoder
 * @throws {RangeError} for an unknown format
 * @example
 * ```ts
 * import { createEncoder } from "./batch_encoder.ts";
 * import { recordsToBatch } from "../../batch/record_batch.ts";
 * import { Schema } from "../../record/schema.ts";
 * import { scaledType } from "../../types/data_type.ts";
 * import { ScaledInteger } from "../../values/scaled_integer.ts";
 * const b = recordsToBatch(Schema.of([["p", scaledType(4)]]), [[new ScaledInteger(1234500, 4)]]);
 * const e = createEncoder("ndjson");
 * if (new TextDecoder().decode(e.encode(b)) !== '{"p":123.4500}\n') throw new Error();
 * ```
 */
export function createEncoder(format: TextFormat, options: EncodeOptions = {}): BatchEncoder {
  switch (format) {
    case "csv":
    case "tsv":
      return new CsvEncoder(options, format === "tsv");
    case "ndjson":
      return new JsonEncoder(false);
    case "json":
      return new JsonEncoder(true);
    default:
      throw new RangeError(`Unknown format "${format}"; known: csv, tsv, ndjson, json`);
  }
}

/**
 * Encodes a stream of batches to a byte stream (pull-driven).
 *
 * @param batches the batches
 * @param format csv, tsv, ndjson or json
 * @param options encoder options
 * @returns the bytes
 * @example
 * ```ts
 * import { encodeBatches } from "./batch_encoder.ts";
 * import { recordsToBatch } from "../../batch/record_batch.ts";
 * import { Schema } from "../../record/schema.ts";
 * import { Types } from "../../types/data_type.ts";
 * const b = recordsToBatch(Schema.of([["s", Types.String]]), [["a,b"]]);
 * const parts = await Array.fromAsync(encodeBatches([b], "csv"));
 * if (new TextDecoder().decode(parts[0]) !== 's\n"a,b"\n') throw new Error();
 * ```
 */
export function encodeBatches(
  batches: ReadableStream<RecordBatch> | AsyncIterable<RecordBatch> | Iterable<RecordBatch>,
  format: TextFormat,
  options: EncodeOptions = {},
): ReadableStream<Uint8Array> {
  const enc = createEncoder(format, options);
  async function* run(): AsyncGenerator<Uint8Array> {
    for await (const b of batches as AsyncIterable<RecordBatch>) {
      const bytes = enc.encode(b);
      if (bytes.length > 0) yield bytes;
    }
    const tail = enc.finish();
    if (tail.length > 0) yield tail;
  }
  return ReadableStream.from(run());
}
