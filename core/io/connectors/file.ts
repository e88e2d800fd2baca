/**
 * `file://` sources and sinks: CSV, TSV, NDJSON and JSON arrays, optionally gzip; globs (`*`, `?`, `**`) read
 * every match in sorted order. The format comes from `?format=`, else each file's extension (`.csv`, `.tsv`,
 * `.ndjson`/`.jsonl`, `.json`, plus `.gz`). `file:///abs/path`, `file:rel/path` (relative to the working
 * directory) and `file://localhost/abs` are accepted; other hosts are not. Sinks truncate, or append with
 * `?append=true`.
 *
 * @module
 */

import type { DataSourceUri } from "../../uri/data_source_uri.ts";
import { formatFromPath } from "../codecs/decode_batches.ts";
import { _sinkOptions, _sourceOptions } from "../_text_options.ts";
import type { Sink, SinkOptions, Source, SourceOptions } from "../source.ts";
import { ByteSink, ByteSource, streamOutput } from "./byte_source.ts";
import { _expandGlob, _isGlob } from "./_glob.ts";

const FORMATS = ["csv", "tsv", "ndjson", "json"] as const;

function filePath(uri: DataSourceUri): string {
  if (uri.hosts.length > 1 || (uri.hosts.length === 1 && uri.host !== "localhost")) {
    throw new RangeError(`file:// URIs name local paths; host "${uri.host}" is not supported in ${uri}`);
  }
  if (uri.path === "") throw new RangeError(`file:// URI ${uri} has no path`);
  return uri.path;
}

/**
 * A file source (no I/O until read).
 *
 * @param uri a `file:` URI
 * @param options codec options; `format` overrides the extension
 * @returns the source
 * @throws {RangeError} for a remote host or an empty path
 * @example
 * ```ts
 * import { fileSource } from "./file.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "a,b\n1,x\n");
 * const batches = await Array.fromAsync(fileSource(parseUri("file://" + path), {}).batches());
 * if (batches[0].value(0, 1) !== "x") throw new Error();
 * await Deno.remove(path);
 * ```
 */
export function fileSource(uri: DataSourceUri, options: SourceOptions): Source {
  const path = filePath(uri);
  const opts = _sourceOptions(uri, options, path, null);
  return new ByteSource(uri, opts, async () => {
    const paths = _isGlob(path) ? await _expandGlob(path) : [path];
    return paths.map((p) => {
      const ext = formatFromPath(p);
      const format = options.format ?? uri.params.oneOf("format", FORMATS) ??
        ext?.format;
      if (format === undefined) {
        throw new RangeError(`Cannot tell the format of "${p}": add ?format=csv|tsv|ndjson|json to ${uri}`);
      }
      const compression = opts.compression === "gzip" || ext?.compression === "gzip" ? "gzip" : "none";
      // one plain file: its size is the input's, which a reader may plan with (DecodeStats.inputBytes)
      const sized = opts.stats !== undefined && paths.length === 1 && p === path && compression === "none";
      return {
        open: async () => {
          const file = await Deno.open(p, { read: true });
          if (sized) opts.stats!.inputBytes = (await file.stat()).size;
          return readChunks(file);
        },
        format,
        compression,
      };
    });
  });
}

/** Bytes per read of a file source: one read op per MiB (the file's own stream reads 64 KiB per op). */
const READ_BYTES = 1 << 20;

/**
 * The file's bytes in chunks of up to READ_BYTES, each in a buffer of its own (a consumer may keep any chunk), read
 * only when pulled; the file closes at the end or when the stream is cancelled.
 */
function readChunks(f: Deno.FsFile): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      const buf = new Uint8Array(READ_BYTES);
      let n = 0;
      try {
        const k = await f.read(buf);
        if (k !== null) n = k;
        else {
          f.close();
          c.close();
          return;
        }
      } catch (e) {
        f.close();
        throw e;
      }
      c.enqueue(n === READ_BYTES ? buf : buf.subarray(0, n));
    },
    cancel() {
      f.close();
    },
  }, { highWaterMark: 0 });
}

/**
 * A file sink (the file is created on the first write or at close).
 *
 * @param uri a `file:` URI
 * @param options format (else extension, else ndjson), header, delimiter, compression
 * @returns the sink
 * @example
 * ```ts
 * import { fileSink } from "./file.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * import { recordsToBatch } from "../../batch/record_batch.ts";
 * import { Schema } from "../../record/schema.ts";
 * import { Types } from "../../types/data_type.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * const sink = fileSink(parseUri("file://" + path), {});
 * await sink.write(recordsToBatch(Schema.of([["n", Types.Integer]]), [[1]]));
 * await sink.close();
 * if (await Deno.readTextFile(path) !== "n\n1\n") throw new Error();
 * await Deno.remove(path);
 * ```
 */
export function fileSink(uri: DataSourceUri, options: SinkOptions): Sink {
  const path = filePath(uri);
  const opts = _sinkOptions(uri, options, path, "ndjson");
  const append = uri.params.boolean("append", false);
  return new ByteSink(uri, opts, async () => {
    const f = await Deno.open(path, { write: true, create: true, truncate: !append, append });
    return streamOutput(f.writable, opts.compression ?? "none");
  });
}
