// Source creation merges URI parameters into codec options (core/io/_text_options.ts). It reads only the
// parameters that are present and looks at the path's extension only when needed; these tests hold it to the
// straightforward merge (every getter asked, the extension always read) on many combinations.
import assert from "node:assert/strict";
import { _sinkOptions, _sourceOptions } from "../../../core/io/_text_options.ts";
import { formatFromPath, type TextFormat } from "../../../core/io/codecs/decode_batches.ts";
import type { SinkOptions, SourceOptions } from "../../../core/io/source.ts";
import { parseUri } from "../../../core/uri/parse_uri.ts";
import type { DataSourceUri } from "../../../core/uri/data_source_uri.ts";
import { UriError } from "../../../core/uri/uri_error.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";
import { createSource } from "../../../core/io/io.ts";

const FORMATS = ["csv", "tsv", "ndjson", "json"] as const;

function modelSource(uri: DataSourceUri, options: SourceOptions, path: string, fallback: TextFormat | null) {
  const p = uri.params;
  const ext = formatFromPath(path);
  const out: SourceOptions = { ...options };
  out.format = options.format ?? p.oneOf("format", FORMATS) ?? ext?.format ?? fallback ?? undefined;
  out.compression = options.compression ?? p.oneOf("compression", ["gzip", "none"] as const) ?? ext?.compression ??
    "none";
  if (p.size === 0) return out;
  out.header = options.header ?? p.boolean("header");
  out.delimiter = options.delimiter ?? p.get("delimiter");
  out.batchSize = options.batchSize ?? p.integer("batch_size", undefined, { min: 1, max: 1 << 24 });
  out.inferRows = options.inferRows ?? p.integer("infer_rows", undefined, { min: 1, max: 1 << 30 });
  out.onError = options.onError ?? p.oneOf("on_error", ["fail", "skip", "dead-letter"] as const);
  return out;
}

function modelSink(uri: DataSourceUri, options: SinkOptions, path: string, fallback: TextFormat) {
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

function result(f: () => object): unknown {
  try {
    const o = f() as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  } catch (e) {
    assert.ok(e instanceof UriError, String(e));
    return { error: e.message };
  }
}

Deno.test("source and sink options: same merge as reading every parameter (3,000 seeded combinations)", () => {
  const r = mulberry32(9);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const params = [
    "format=csv",
    "format=tsv",
    "format=xml",
    "compression=gzip",
    "compression=none",
    "compression=zip",
    "header=true",
    "header=OFF",
    "header",
    "header=maybe",
    "delimiter=%3B",
    "batch_size=100",
    "batch_size=0",
    "batch_size=1_000",
    "batch_size=-3",
    "infer_rows=50",
    "infer_rows=0010",
    "infer_rows=99999999999999999",
    "on_error=skip",
    "on_error=ignore",
    "other=1",
  ];
  const paths = ["/d/x.csv", "/d/x.CSV.GZ", "/d/x.ndjson.gz", "/d/x.txt.gz", "/d/x.gz", "/d/noext", "/d/x.json", ""];
  const optionSets: SourceOptions[] = [{}, { format: "ndjson" }, { compression: "gzip" }, { header: false }, {
    batchSize: 7,
    format: "csv",
    compression: "none",
  }];
  for (let k = 0; k < 3000; k++) {
    const n = Math.floor(r() * 4);
    const qs: string[] = [];
    for (let i = 0; i < n; i++) qs.push(pick(params));
    const path = pick(paths);
    const uri = parseUri(`file://${path === "" ? "/" : path}${n > 0 ? "?" + qs.join("&") : ""}`);
    const options = pick(optionSets);
    const fallback = pick([null, "ndjson", "csv"] as const);
    const label = `${uri} ${JSON.stringify(options)} ${fallback}`;
    assert.deepEqual(
      result(() => _sourceOptions(uri, options, path, fallback)),
      result(() => modelSource(uri, options, path, fallback)),
      label,
    );
    const sinkFallback = fallback ?? "ndjson";
    assert.deepEqual(
      result(() => _sinkOptions(uri, options as SinkOptions, path, sinkFallback)),
      result(() => modelSink(uri, options as SinkOptions, path, sinkFallback)),
      label,
    );
  }
});

Deno.test("source creation checks parameter values at once, with the value's offset", () => {
  assert.throws(() => createSource("file:///d/x.csv?format=xml"), {
    name: "UriError",
    message: 'Cannot parse URI at offset 23: parameter "format" must be one of csv, tsv, ndjson, json, got "xml"',
  });
  assert.throws(() => createSource("file:///d/x.csv?header=true&batch_size=0"), {
    name: "UriError",
    message: 'Cannot parse URI at offset 39: parameter "batch_size" must be an integer 1..16777216, got "0"',
  });
  assert.throws(() => createSource("gen://trades?n=-1"), {
    name: "UriError",
    message: 'Cannot parse URI at offset 15: parameter "n" must be an integer 0..9007199254740991, got "-1"',
  });
  assert.equal(createSource("gen://trades?n=0010&batch_size=1_024").schema?.names[0], "id");
});
