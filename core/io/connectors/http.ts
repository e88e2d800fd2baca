/**
 * `http://` and `https://`: a streaming GET as a source (the response body is decoded as it arrives, pulled as
 * batches are read) and one POST per batch as a sink. The whole URI, query included, goes to the server. The
 * source format is `options.format`, else the response Content-Type (text/csv, text/tab-separated-values,
 * application/x-ndjson, application/json), else the path's extension, else NDJSON. Each POST body is a whole
 * document of the sink format (CSV with its header, a complete JSON array...). A non-2xx status is an error
 * naming it.
 *
 * @module
 */

import type { RecordBatch } from "../../batch/record_batch.ts";
import type { DataSourceUri } from "../../uri/data_source_uri.ts";
import { formatFromPath, type TextFormat } from "../codecs/decode_batches.ts";
import { createEncoder } from "../codecs/batch_encoder.ts";
import { BatchSink, type Sink, type SinkOptions, type Source, type SourceOptions } from "../source.ts";
import { ByteSource } from "./byte_source.ts";

/** Content types of the formats. */
export const CONTENT_TYPES: Readonly<Record<TextFormat, string>> = Object.freeze({
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  ndjson: "application/x-ndjson",
  json: "application/json",
});

function formatOfContentType(ct: string | null): TextFormat | null {
  const t = (ct ?? "").split(";")[0].trim().toLowerCase();
  if (t === "text/csv") return "csv";
  if (t === "text/tab-separated-values") return "tsv";
  if (t === "application/x-ndjson" || t === "application/ndjson" || t === "application/jsonl") return "ndjson";
  if (t === "application/json") return "json";
  return null;
}

/**
 * An HTTP(S) GET source (the request is made on the first read).
 *
 * @param uri the URL
 * @param options codec options and `format`
 * @returns the source
 * @example
 * ```ts
 * import { httpSource } from "./http.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * await using server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, () =>
 *   new Response("a,b\n1,2\n", { headers: { "content-type": "text/csv" } }));
 * const src = httpSource(parseUri(`http://127.0.0.1:${server.addr.port}/x`), {});
 * const [b] = await Array.fromAsync(src.batches());
 * if (b.value(0, 1) !== 2) throw new Error();
 * ```
 */
export function httpSource(uri: DataSourceUri, options: SourceOptions): Source {
  return new ByteSource(uri, options, async () => {
    const res = await fetch(uri.toString(), { signal: options.signal });
    if (!res.ok || res.body === null) {
      await res.body?.cancel();
      throw new Error(`GET ${uri} failed: ${res.status} ${res.statusText}`);
    }
    const ext = formatFromPath(uri.path);
    const format = options.format ?? formatOfContentType(res.headers.get("content-type")) ?? ext?.format ?? "ndjson";
    const body = res.body;
    return [{
      open: () => Promise.resolve(body),
      format,
      compression: options.compression ?? ext?.compression ?? "none",
    }];
  });
}

class HttpSink extends BatchSink {
  #format: TextFormat;
  #options: SinkOptions;
  constructor(uri: DataSourceUri, options: SinkOptions) {
    super(uri);
    this.#format = options.format ?? "ndjson";
    this.#options = options;
  }
  protected async writeBatch(batch: RecordBatch): Promise<void> {
    const enc = createEncoder(this.#format, this.#options);
    const head = enc.encode(batch), tail = enc.finish();
    const body = new Uint8Array(head.length + tail.length);
    body.set(head);
    body.set(tail, head.length);
    const url = this.uri.toString();
    const res = await fetch(url, { method: "POST", headers: { "content-type": CONTENT_TYPES[this.#format] }, body });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`POST ${url} failed: ${res.status} ${res.statusText}`);
  }
  protected closeSink(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * An HTTP(S) sink: one POST per batch, the body a whole document of the format.
 *
 * @param uri the URL
 * @param options `format` (default ndjson) and encoder options
 * @returns the sink
 * @example
 * ```ts
 * import { httpSink } from "./http.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * import { recordsToBatch } from "../../batch/record_batch.ts";
 * import { Schema } from "../../record/schema.ts";
 * import { Types } from "../../types/data_type.ts";
 * const bodies: string[] = [];
 * await using server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
 *   bodies.push(await req.text());
 *   return new Response(null, { status: 204 });
 * });
 * const sink = httpSink(parseUri(`http://127.0.0.1:${server.addr.port}/in`), {});
 * await sink.write(recordsToBatch(Schema.of([["n", Types.Integer]]), [[1]]));
 * if (bodies[0] !== '{"n":1}\n') throw new Error();
 * ```
 */
export function httpSink(uri: DataSourceUri, options: SinkOptions): Sink {
  return new HttpSink(uri, options);
}
