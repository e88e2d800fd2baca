/**
 * `stdin://` (a source, NDJSON unless `?format=`) and `stdout://` (a sink, NDJSON unless `?format=`).
 * Closing the stdout sink flushes but leaves the process's stdout open.
 *
 * @module
 */

import type { DataSourceUri } from "../../uri/data_source_uri.ts";
import { _sinkOptions, _sourceOptions } from "../_text_options.ts";
import type { Sink, SinkOptions, Source, SourceOptions } from "../source.ts";
import { ByteSink, ByteSource } from "./byte_source.ts";

/**
 * The process's standard input as a source.
 *
 * @param uri `stdin://` with optional codec parameters
 * @param options codec options
 * @returns the source
 * @example
 * ```ts
 * import { stdinSource } from "./stdio.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * const src = stdinSource(parseUri("stdin://?format=csv"), {}); // nothing is read until batches() is pulled
 * if (src.schema !== null) throw new Error();
 * ```
 */
export function stdinSource(uri: DataSourceUri, options: SourceOptions): Source {
  const opts = _sourceOptions(uri, options, "", "ndjson");
  return new ByteSource(uri, opts, () =>
    Promise.resolve([{
      open: () => Promise.resolve(Deno.stdin.readable),
      format: opts.format ?? "ndjson",
      compression: opts.compression ?? "none",
    }]));
}

/**
 * The process's standard output as a sink.
 *
 * @param uri `stdout://` with optional `format`, `header`, `delimiter`
 * @param options encoder options
 * @returns the sink
 * @example
 * ```ts
 * import { stdoutSink } from "./stdio.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * const sink = stdoutSink(parseUri("stdout://?format=csv"), {});
 * await sink.close(); // nothing written: no output
 * ```
 */
export function stdoutSink(uri: DataSourceUri, options: SinkOptions): Sink {
  const opts = _sinkOptions(uri, options, "", "ndjson");
  return new ByteSink(uri, { ...opts, compression: "none" }, () =>
    Promise.resolve({
      async write(bytes: Uint8Array): Promise<void> {
        let off = 0;
        while (off < bytes.length) off += await Deno.stdout.write(bytes.subarray(off));
      },
      close: () => Promise.resolve(),
    }));
}
