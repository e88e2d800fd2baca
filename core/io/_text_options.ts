/**
 * Merging URI parameters into codec options (private to core/io). Explicit options win over parameters.
 *
 * Source parameters: format, compression, header, delimiter, batch_size, infer_rows, on_error.
 * Sink parameters: format, compression, header, delimiter.
 *
 * Source creation runs this on every call, so it reads the parameter list once to see which of these names are
 * present, asks the typed getters (which check the values) only for those, and looks at the path's extension
 * only when the format or compression is still open.
 *
 * @module
 */

import type { DataSourceUri } from "../uri/data_source_uri.ts";
import type { IntegerRange, UriParams } from "../uri/uri_params.ts";
import { formatFromPath, type TextFormat } from "./codecs/decode_batches.ts";
import type { SinkOptions, SourceOptions } from "./source.ts";

const FORMATS = ["csv", "tsv", "ndjson", "json"] as const;
const COMPRESSIONS = ["gzip", "none"] as const;
const POLICIES = ["fail", "skip", "dead-letter"] as const;
const BATCH_SIZE: IntegerRange = Object.freeze({ min: 1, max: 1 << 24 });
const INFER_ROWS: IntegerRange = Object.freeze({ min: 1, max: 1 << 30 });

const FORMAT = 1, COMPRESSION = 2, HEADER = 4, DELIMITER = 8, BATCH = 16, INFER = 32, ON_ERROR = 64;

/** Which of the codec parameters are present (bits above). */
function present(p: UriParams): number {
  const es = p.entries;
  let seen = 0;
  for (let i = 0; i < es.length; i++) {
    switch (es[i].name) {
      case "format":
        seen |= FORMAT;
        break;
      case "compression":
        seen |= COMPRESSION;
        break;
      case "header":
        seen |= HEADER;
        break;
      case "delimiter":
        seen |= DELIMITER;
        break;
      case "batch_size":
        seen |= BATCH;
        break;
      case "infer_rows":
        seen |= INFER;
        break;
      case "on_error":
        seen |= ON_ERROR;
        break;
    }
  }
  return seen;
}

/** Whether `path` ends in ".gz" (any case): only then can its extension name a compression (see formatFromPath). */
function mayBeGzip(path: string): boolean {
  const n = path.length;
  return n >= 3 && path.charCodeAt(n - 3) === 46 && (path.charCodeAt(n - 2) | 32) === 103 &&
    (path.charCodeAt(n - 1) | 32) === 122;
}

/** Format and compression: options, then parameters, then the extension of `path`, then fallback / "none". */
function formatAndCompression(
  p: UriParams,
  seen: number,
  options: SourceOptions | SinkOptions,
  path: string,
  fallback: TextFormat | null,
): [TextFormat | undefined, "gzip" | "none"] {
  let format = options.format ?? ((seen & FORMAT) !== 0 ? p.oneOf("format", FORMATS) : undefined);
  let compression = options.compression ??
    ((seen & COMPRESSION) !== 0 ? p.oneOf("compression", COMPRESSIONS) : undefined);
  if (format === undefined || (compression === undefined && mayBeGzip(path))) {
    const ext = formatFromPath(path);
    format ??= ext?.format ?? fallback ?? undefined;
    compression ??= ext?.compression;
  }
  return [format, compression ?? "none"];
}

/** Source options with URI parameters filled in; format from params, then `path`'s extension, then fallback. */
export function _sourceOptions(
  uri: DataSourceUri,
  options: SourceOptions,
  path: string,
  fallback: TextFormat | null,
): SourceOptions {
  const p = uri.params;
  const seen = p.size === 0 ? 0 : present(p);
  const [format, compression] = formatAndCompression(p, seen, options, path, fallback);
  if (p.size === 0) return { ...options, format, compression }; // the common case: nothing else to read
  return {
    ...options,
    format,
    compression,
    header: options.header ?? ((seen & HEADER) !== 0 ? p.boolean("header") : undefined),
    delimiter: options.delimiter ?? ((seen & DELIMITER) !== 0 ? p.get("delimiter") : undefined),
    batchSize: options.batchSize ?? ((seen & BATCH) !== 0 ? p.integer("batch_size", undefined, BATCH_SIZE) : undefined),
    inferRows: options.inferRows ?? ((seen & INFER) !== 0 ? p.integer("infer_rows", undefined, INFER_ROWS) : undefined),
    onError: options.onError ?? ((seen & ON_ERROR) !== 0 ? p.oneOf("on_error", POLICIES) : undefined),
  };
}

/** Sink options with URI parameters filled in. */
export function _sinkOptions(
  uri: DataSourceUri,
  options: SinkOptions,
  path: string,
  fallback: TextFormat,
): SinkOptions {
  const p = uri.params;
  const seen = p.size === 0 ? 0 : present(p);
  const [format, compression] = formatAndCompression(p, seen, options, path, fallback);
  return {
    ...options,
    format,
    compression,
    header: options.header ?? ((seen & HEADER) !== 0 ? p.boolean("header") : undefined),
    delimiter: options.delimiter ?? ((seen & DELIMITER) !== 0 ? p.get("delimiter") : undefined),
  };
}
