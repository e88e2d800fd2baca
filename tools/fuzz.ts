/**
 * Seeded fuzzing of the URI parser and the CSV / NDJSON decoders.
 *
 * `deno run -A tools/fuzz.ts [cases=1000000] [seed=1]` throws mutated URIs, CSV and NDJSON inputs at the parsers
 * (60% URIs, 20% CSV, 20% NDJSON) and reports:
 * - crashes: any throw other than the typed errors (UriError, DecodeError), or an inconsistency (a URI whose
 *   canonical form does not parse back to an equal value, a decode whose result depends on where the input was
 *   split into chunks);
 * - hangs: a case taking longer than 1 s;
 * - lost rows: a valid generated table whose decoded rows differ from the rows encoded.
 * Exit status 1 when any count is not zero. tests/tools/fuzz_test.ts runs a 10^4-case slice.
 *
 * @module
 */

import { parseUri } from "../core/uri/parse_uri.ts";
import { UriError } from "../core/uri/uri_error.ts";
import { mulberry32 } from "../core/gen/mulberry32.ts";
import { CsvDecoder } from "../core/io/codecs/csv_decoder.ts";
import { JsonDecoder } from "../core/io/codecs/json_decoder.ts";
import { DecodeError } from "../core/io/codecs/decode_error.ts";
import type { RecordDecoder } from "../core/io/codecs/record_decoder.ts";
import { createEncoder } from "../core/io/codecs/batch_encoder.ts";
import { batchToRecords, type RecordBatch, recordsToBatch } from "../core/batch/record_batch.ts";
import { Schema } from "../core/record/schema.ts";
import { type DataType, scaledType, Types } from "../core/types/data_type.ts";
import { ScaledInteger } from "../core/values/scaled_integer.ts";
import type { Value } from "../core/values/value.ts";

/** What a fuzz run found. */
export interface FuzzReport {
  /** Cases run. */
  cases: number;
  /** Unexpected throws and inconsistencies. */
  crashes: number;
  /** Cases over 1 s. */
  hangs: number;
  /** Valid inputs whose rows did not come back exactly. */
  lostRows: number;
  /** The first few problems, for reproduction. */
  samples: string[];
  /** Wall time, ms. */
  millis: number;
}

const URI_SEEDS = [
  "kafka://broker1:9092,broker2:9093/orders?group_id=g1&auto_offset_reset=earliest",
  "file:///data/trades.csv?format=csv&header=true",
  "nats://user:pw@[::1]:4222/orders.new?durable=d1#frag",
  "http://example.com:8080/a/b%20c?x=1&y=%E2%82%AC",
  "memory://chan?capacity=4",
  "gen://trades?n=10&seed=4",
  "stdin://",
];
const URI_ALPHABET = "abcXYZ019-._~!$&'()*+,;=:@/?#[]% é€😀\\\u0000\u007f\t\ud800{}<>\"^`|";
const CSV_ALPHABET = 'ab,;"\n\r\t 0123456789.-+eE€😀\u0000';
const JSON_ALPHABET = '{}[]":,\\ntrufalse0123456789.-+eE \t\r\n€😀';

function mutate(r: () => number, s: string, alphabet: string, edits: number): string {
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    const ch = alphabet[Math.floor(r() * alphabet.length)];
    if (op < 0.3) s = s.slice(0, at) + s.slice(at + 1);
    else if (op < 0.6) s = s.slice(0, at) + ch + s.slice(at + 1);
    else s = s.slice(0, at) + ch + s.slice(at);
  }
  return s;
}

const STRING_CHARS = Array.from(CSV_ALPHABET.replace("\u0000", "x"));

function randomString(r: () => number): string {
  const n = Math.floor(r() * 8);
  let s = "";
  for (let i = 0; i < n; i++) s += STRING_CHARS[Math.floor(r() * STRING_CHARS.length)];
  return s;
}

function randomTable(r: () => number): RecordBatch {
  const types: DataType[] = [Types.Integer, Types.String, scaledType(2), Types.Float, Types.Boolean];
  const ncol = 1 + Math.floor(r() * 4);
  const cols = Array.from({ length: ncol }, (_, i) => [`c${i}`, types[Math.floor(r() * types.length)]] as const);
  const schema = Schema.of(cols);
  const rows: Value[][] = [];
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    rows.push(cols.map(([, t]) => {
      if (r() < 0.1) return null;
      switch (t.kind) {
        case "integer":
          return r() < 0.1 ? 2n ** 60n + BigInt(Math.floor(r() * 1000)) : Math.floor((r() - 0.5) * 1e6);
        case "scaled":
          return new ScaledInteger(Math.floor((r() - 0.5) * 1e7), 2);
        case "float":
          return Math.round((r() - 0.5) * 1e4) / 8;
        case "boolean":
          return r() < 0.5;
        default:
          return randomString(r);
      }
    }));
  }
  return recordsToBatch(schema, rows);
}

function rowsText(batches: readonly RecordBatch[]): string {
  const out: string[] = [];
  for (const b of batches) {
    for (const rec of batchToRecords(b)) {
      out.push(rec.values.map((v) => v === null ? "\u2205" : String(v)).join("\u0001"));
    }
  }
  return out.join("\n");
}

/**
 * Feeds bytes to a fresh decoder in the given chunks and returns every batch it emitted and the decoder.
 *
 * @param make builds the decoder
 * @param bytes the input
 * @param cuts ascending byte offsets at which a chunk ends
 * @returns the batches and the decoder (for its error and stats)
 */
export function decodeSplit(
  make: () => RecordDecoder,
  bytes: Uint8Array,
  cuts: number[],
): [RecordBatch[], RecordDecoder] {
  const d = make();
  const out: RecordBatch[] = [];
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    d.write(bytes.subarray(prev, c));
    out.push(...d.drain());
    prev = c;
  }
  d.end();
  out.push(...d.drain());
  return [out, d];
}

/** Decodes in the given chunks; returns rows text and the error message (or "") — typed errors only. */
function decode(make: () => RecordDecoder, bytes: Uint8Array, cuts: number[]): string {
  const [out, d] = decodeSplit(make, bytes, cuts);
  return rowsText(out) + "\u0002" + (d.error?.message ?? "") + "\u0002" + d.stats.skipped;
}

/**
 * Runs the fuzzer.
 *
 * @param cases number of cases
 * @param seed PRNG seed
 * @returns the report
 * @example
 * ```ts
 * import { runFuzz } from "./fuzz.ts";
 * const r = runFuzz(50, 3);
 * if (r.crashes + r.hangs + r.lostRows !== 0) throw new Error(r.samples.join("\n"));
 * ```
 */
export function runFuzz(cases: number, seed = 1): FuzzReport {
  const r = mulberry32(seed);
  const report: FuzzReport = { cases: 0, crashes: 0, hangs: 0, lostRows: 0, samples: [], millis: 0 };
  const t0 = performance.now();
  const note = (what: string) => {
    if (report.samples.length < 10) report.samples.push(what);
  };
  const enc = new TextEncoder();
  for (let k = 0; k < cases; k++) {
    const c0 = performance.now();
    const pick = r();
    let input = "";
    try {
      if (pick < 0.6) {
        input = mutate(r, URI_SEEDS[Math.floor(r() * URI_SEEDS.length)], URI_ALPHABET, 1 + Math.floor(r() * 4));
        let u;
        try {
          u = parseUri(input);
        } catch (e) {
          if (!(e instanceof UriError) || e.offset < 0 || e.offset > input.length) throw e;
          continue;
        }
        const again = parseUri(u.toString());
        if (!again.equals(u) || again.toString() !== u.toString()) {
          report.crashes++;
          note(`URI round trip: ${JSON.stringify(input)} -> ${u}`);
        }
      } else {
        const csv = pick < 0.8;
        const table = randomTable(r);
        const text = new TextDecoder().decode(createEncoder(csv ? "csv" : "ndjson").encode(table));
        const make = (): RecordDecoder =>
          csv
            ? new CsvDecoder({ schema: table.schema, onError: "skip", batchSize: 3 })
            : new JsonDecoder({ schema: table.schema, onError: "skip", batchSize: 3 });
        const bytes = enc.encode(text);
        // valid input: every row back, exactly, wherever the chunks split
        const want = rowsText([table]);
        const cut = Math.floor(r() * (bytes.length + 1));
        for (const cuts of [[], [cut]]) {
          const got = decode(make, bytes, cuts);
          if (got !== want + "\u0002\u00020") {
            report.lostRows++;
            note(`lost rows (${csv ? "csv" : "ndjson"}) cut ${cuts}: ${JSON.stringify(text)}`);
          }
        }
        // mutated input: typed errors only, and the same result for any split
        input = mutate(r, text, csv ? CSV_ALPHABET : JSON_ALPHABET, 1 + Math.floor(r() * 3));
        const mbytes = enc.encode(input);
        const whole = decode(make, mbytes, []);
        const split = decode(make, mbytes, [Math.floor(r() * (mbytes.length + 1))]);
        if (whole !== split) {
          report.crashes++;
          note(`split-dependent (${csv ? "csv" : "ndjson"}): ${JSON.stringify(input)}`);
        }
        const failing = csv ? new CsvDecoder({ schema: table.schema }) : new JsonDecoder({ schema: table.schema });
        failing.write(mbytes);
        failing.end();
        if (failing.error !== null && !(failing.error instanceof DecodeError)) throw failing.error;
      }
    } catch (e) {
      report.crashes++;
      note(`crash on ${JSON.stringify(input)}: ${e instanceof Error ? e.stack : e}`);
    } finally {
      report.cases++;
      if (performance.now() - c0 > 1000) {
        report.hangs++;
        note(`slow case (${(performance.now() - c0).toFixed(0)} ms): ${JSON.stringify(input)}`);
      }
    }
  }
  report.millis = performance.now() - t0;
  return report;
}

if (import.meta.main) {
  const cases = Number(Deno.args[0] ?? 1_000_000);
  const seed = Number(Deno.args[1] ?? 1);
  const r = runFuzz(cases, seed);
  console.log(
    `fuzz: ${r.cases} cases (seed ${seed}) in ${(r.millis / 1000).toFixed(1)} s: ` +
      `${r.crashes} crashes, ${r.hangs} hangs, ${r.lostRows} lost rows`,
  );
  for (const s of r.samples) console.log("  " + s);
  if (r.crashes + r.hangs + r.lostRows > 0) Deno.exit(1);
}
