/**
 * `gen://` sources: seeded synthetic feeds for demos, tests and benches.
 *
 * - `gen://trades?n=1000000&seed=42&batch_size=4096&rate=0` is the trade feed of WORKLOADS.md (core/gen/trades.ts).
 * - `gen://txns?n=100000&start=0&batch_size=4096&rate=0` is the S4 transactions (core/gen/txns.ts).
 *
 * `rate` caps rows per second (0: as fast as read). The schema is known without reading.
 *
 * @module
 */

import type { RecordBatch } from "../../batch/record_batch.ts";
import { TRADE_SCHEMA, tradeBatches } from "../../gen/trades.ts";
import { TXN_SCHEMA, txnBatches } from "../../gen/txns.ts";
import type { DataSourceUri } from "../../uri/data_source_uri.ts";
import type { IntegerRange } from "../../uri/uri_params.ts";
import { BatchSource, type Source, type SourceOptions } from "../source.ts";

/** The feeds gen:// knows. */
export const GEN_FEEDS: readonly string[] = Object.freeze(["trades", "txns"]);

const BATCH_SIZE: IntegerRange = Object.freeze({ min: 1, max: 1 << 24 });
const NON_NEGATIVE: IntegerRange = Object.freeze({ min: 0 });

class GenSource extends BatchSource {
  #make: () => Iterator<RecordBatch>;
  #rate: number;
  constructor(uri: DataSourceUri, make: () => Iterator<RecordBatch>, rate: number, schema: typeof TRADE_SCHEMA) {
    super(uri, schema);
    this.#make = make;
    this.#rate = rate;
  }
  protected open(): ReadableStream<RecordBatch> {
    const it = this.#make();
    const rate = this.#rate;
    const t0 = performance.now();
    let rows = 0;
    return new ReadableStream<RecordBatch>({
      async pull(controller) {
        const r = it.next();
        if (r.done) {
          controller.close();
          return;
        }
        if (rate > 0) {
          const due = t0 + (rows / rate) * 1000 - performance.now();
          if (due > 1) await new Promise((res) => setTimeout(res, due));
        }
        rows += r.value.length;
        controller.enqueue(r.value);
      },
    }, { highWaterMark: 0 });
  }
}

/**
 * A gen:// source (nothing is generated until read).
 *
 * @param uri `gen://trades?...` or `gen://txns?...`
 * @param options `batchSize` overrides `?batch_size=`
 * @returns the source
 * @throws {RangeError} for an unknown feed
 * @throws {UriError} for a bad parameter value
 * @example
 * ```ts
 * import { genSource } from "./gen.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * const src = genSource(parseUri("gen://txns?n=10"), {});
 * const batches = await Array.fromAsync(src.batches());
 * if (batches[0].length !== 10 || src.schema?.names[1] !== "account_id") throw new Error();
 * ```
 */
export function genSource(uri: DataSourceUri, options: SourceOptions): Source {
  const p = uri.params;
  const feed = uri.host;
  const batchSize = options.batchSize ?? p.integer("batch_size", 4096, BATCH_SIZE);
  const rate = p.number("rate", 0);
  if (feed === "trades") {
    const rows = p.integer("n", 1_000_000, NON_NEGATIVE);
    const seed = p.integer("seed", 42);
    return new GenSource(uri, () => tradeBatches({ rows, seed, batchSize }), rate, TRADE_SCHEMA);
  }
  if (feed === "txns") {
    const rows = p.integer("n", 100_000, NON_NEGATIVE);
    const start = p.integer("start", 0, NON_NEGATIVE);
    return new GenSource(uri, () => txnBatches({ rows, start, batchSize }), rate, TXN_SCHEMA);
  }
  throw new RangeError(`Unknown gen:// feed "${feed}"; known: ${GEN_FEEDS.join(", ")}`);
}
