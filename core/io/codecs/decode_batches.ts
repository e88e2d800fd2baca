/**
 * decodeBatches: a byte stream (any chunking) to a pull-driven `ReadableStream<RecordBatch>`, in CSV, NDJSON or
 * JSON-array form, optionally gzip-compressed (through the platform's `DecompressionStream`).
 *
 * The stream reads input only as batches are pulled (backpressure). Under the "fail" policy the rows accepted
 * before a bad record are delivered first (the partial batch), and the next read rejects with the DecodeError.
 *
 * @module
 */

import type { RecordBatch } from "../../batch/record_batch.ts";
import { type CsvDecodeOptions, CsvDecoder } from "./csv_decoder.ts";
import { type JsonDecodeOptions, JsonDecoder } from "./json_decoder.ts";
import type { RecordDecoder } from "./record_decoder.ts";
import type { DecodeWorkerPool } from "./decode_worker_pool.ts";
import { decodeParallel } from "./decode_parallel.ts";
import { _chunksOf } from "./_byte_chunks.ts";

/** The text formats. */
export const TextFormats = {
  /** RFC 4180 CSV. */
  Csv: "csv",
  /** Tab-separated (CSV with a tab delimiter). */
  Tsv: "tsv",
  /** One JSON object per line. */
  Ndjson: "ndjson",
  /** One JSON array of objects. */
  Json: "json",
} as const;

/** One of TextFormats. */
export type TextFormat = typeof TextFormats[keyof typeof TextFormats];

/** Options of decodeBatches: the format's own options plus compression. */
export interface DecodeBatchesOptions extends CsvDecodeOptions, Omit<JsonDecodeOptions, "layout"> {
  /** "gzip" to decompress first (default "none"). */
  compression?: "gzip" | "none";
  /**
   * Workers to share CSV, TSV and NDJSON decoding with (see decodeParallel; same output as decoding in order).
   * Default: none, every format decodes on the calling thread.
   */
  pool?: DecodeWorkerPool;
  /** Bytes per segment handed to a worker (default 1 MiB; with `pool` only). */
  segmentBytes?: number;
}

/** Where bytes can come from. */
export type ByteInput = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * A decoder for a format.
 *
 * @param format csv, tsv, ndjson or json
 * @param options decoder options
 * @returns the incremental decoder
 * @throws {RangeError} for an unknown format
 * @example
 * ```ts
 * import { createDecoder } from "./decode_batches.ts";
 * const d = createDecoder("tsv");
 * d.write(new TextEncoder().encode("a\tb\n1\t2\n"));
 * d.end();
 * if (d.drain()[0].schema.names.join() !== "a,b") throw new Error();
 * ```
 */
export function createDecoder(format: TextFormat, options: DecodeBatchesOptions = {}): RecordDecoder {
  switch (format) {
    case "csv":
      return new CsvDecoder(options);
    case "tsv":
      return new CsvDecoder({ ...options, delimiter: options.delimiter ?? "\t" });
    case "ndjson":
      return new JsonDecoder({ ...options, layout: "ndjson" });
    case "json":
      return new JsonDecoder({ ...options, layout: "array" });
    default:
      throw new RangeError(`Unknown format "${format}"; known: csv, tsv, ndjson, json`);
  }
}

/**
 * The format and compression a path's extension names (`.csv`, `.tsv`, `.ndjson`/`.jsonl`, `.json`, each
 * optionally `.gz`).
 *
 * @param path a file path or URL path
 * @returns the format and compression, or null when the extension says nothing
 * @example
 * ```ts
 * import { formatFromPath } from "./decode_batches.ts";
 * const f = formatFromPath("/data/x.ndjson.gz");
 * if (f?.format !== "ndjson" || f.compression !== "gzip") throw new Error();
 * ```
 */
export function formatFromPath(path: string): { format: TextFormat; compression: "gzip" | "none" } | null {
  let end = path.length;
  let compression: "gzip" | "none" = "none";
  if (end >= 3 && path.charCodeAt(end - 3) === 46 && path.slice(end - 2).toLowerCase() === "gz") {
    compression = "gzip";
    end -= 3;
  }
  const dot = path.lastIndexOf(".", end - 1);
  if (dot < 0 || end - dot > 7) return null;
  const ext = path.slice(dot + 1, end).toLowerCase();
  const format: TextFormat | null = ext === "csv"
    ? "csv"
    : ext === "tsv"
    ? "tsv"
    : ext === "ndjson" || ext === "jsonl"
    ? "ndjson"
    : ext === "json"
    ? "json"
    : null;
  return format === null ? null : { format, compression };
}

/**
 * Decodes bytes into a stream of RecordBatches.
 *
 * @param input bytes (a stream, an async iterable or an array of chunks)
 * @param format csv, tsv, ndjson or json
 * @param options schema, header, delimiter, batch size, policy, dead letters, counters, compression
 * @returns a pull-driven stream of batches
 * @example
 * ```ts
 * import { decodeBatches } from "./decode_batches.ts";
 * const bytes = [new TextEncoder().encode('{"n":1}\n{"n":2}\n')];
 * const batches = await Array.fromAsync(decodeBatches(bytes, "ndjson"));
 * if (batches[0].length !== 2) throw new Error();
 * ```
 */
export function decodeBatches(
  input: ByteInput,
  format: TextFormat,
  options: DecodeBatchesOptions = {},
): ReadableStream<RecordBatch> {
  let source = input;
  if (options.compression === "gzip") {
    const rs = input instanceof ReadableStream ? input : ReadableStream.from(input as AsyncIterable<Uint8Array>);
    source = rs.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
  }
  if (options.pool !== undefined && (format === "csv" || format === "tsv" || format === "ndjson")) {
    return decodeParallel(source, format, options);
  }
  const decoder = createDecoder(format, options);
  const deadLetter = options.deadLetter;
  async function* run(): AsyncGenerator<RecordBatch> {
    const send = async () => {
      const letters = decoder.deadLetters.splice(0);
      if (deadLetter !== undefined) { for (const l of letters) await deadLetter(l); }
    };
    for await (const chunk of _chunksOf(source)) {
      decoder.write(chunk);
      await send();
      yield* decoder.drain();
      if (decoder.error !== null) throw decoder.error;
    }
    decoder.end();
    await send();
    yield* decoder.drain();
    if (decoder.error !== null) throw decoder.error;
  }
  return ReadableStream.from(run());
}
