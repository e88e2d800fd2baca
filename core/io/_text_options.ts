/**
 * Merging URI parameters into codec options (private to core/io). Explicit options win over parameters.
 *
 * Source parameters: format, compression, header, delimiter, batch_size, infer_rows, on_error.
 * Sink parameters: format, compression, header, delimiter.
 *
 * @module
 */

import type { DataSourceUri } from "../uri/data_source_uri.ts";
import { formatFromPath, type TextFormat } from "./codecs/decode_batches.ts";
import type { SinkOptions, SourceOptions } from "./source.ts";

const FORMATS = ["csv", "tsv", "ndjson", "json"] as const;

/** Source options with URI parameters filled in; format from params, then `path`'s extension, then fallback. */
export function _sourceOptions(
  uri: DataSourceUri,
  options: SourceOptions,
  path: string,
  fallback: TextFormat | null,
): SourceOptions {
  const p = uri.params;
  const ext = formatFromPath(path);
  const out: SourceOptions = { ...options };
  out.format = options.format ?? p.oneOf("format", FORMATS) ?? ext?.format ?? fallback ?? undefined;
  out.compression = options.compression ?? p.oneOf("compression", ["gzip", "none"] as const) ?? ext?.compression ??
    "none";
  if (p.size === 0) return out; // the common case: nothing else to read
  out.header = options.header ?? p.boolean("header");
  out.delimiter = options.delimiter ?? p.get("delimiter");
  out.batchSize = options.batchSize ?? p.integer("batch_size", undefined, { min: 1, max: 1 << 24 });
  out.inferRows = options.inferRows ?? p.integer("infer_rows", undefined, { min: 1, max: 1 << 30 });
  out.onError = options.onError ?? p.oneOf("on_error", ["fail", "skip", "dead-letter"] as const);
  return out;
}

/** Sink options with URI parameters filled in. */
export function _sinkOptions(
  uri: DataSourceUri,
  options: SinkOptions,
  path: string,
  fallback: TextFormat,
): SinkOptions {
  const p = uri.params;
  const ext = formatFromPath(path);
  return {
    ...options,
    format: options.format ?? p.oneOf("format", FORMATS) ?? ext?.format ?? fallback,
    compression: options.compression ?? p.oneOf("compression", ["gzip", "none"] as const) ?? ext?.compression ??
      "none",
    header: options.header ?? p.boolean("header"),
    delimiter: options.delimiter ?? p.get("delimiter"),
  };
}
