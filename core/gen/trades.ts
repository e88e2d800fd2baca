/**
 * The deterministic trade feed of ../shared/WORKLOADS.md ("W data"), generated straight into RecordBatches.
 *
 * @module
 */

import { Schema } from "../record/schema.ts";
import { field, scaledType, Types } from "../types/data_type.ts";
import { RecordBatch } from "../batch/record_batch.ts";
import { StringDictionary } from "../batch/string_dictionary.ts";
import { mulberry32 } from "./mulberry32.ts";

/** Schema of the trade feed: id, symbol, price SCALED(4), qty, ts (epoch ms, Integer), side. */
export const TRADE_SCHEMA: Schema = new Schema([
  field("id", Types.Integer, false),
  field("symbol", Types.String, false),
  field("price", scaledType(4), false),
  field("qty", Types.Integer, false),
  field("ts", Types.Integer, false),
  field("side", Types.String, false),
]);

/** Options of tradeBatches. */
export interface TradeFeedOptions {
  /** Rows in all (default 1,000,000). */
  rows?: number;
  /** PRNG seed (default 42). */
  seed?: number;
  /** Rows per batch (default 4096). */
  batchSize?: number;
}

/**
 * The trade feed as batches. Symbol codes equal the symbol number (SYM000 is code 0); BUY is 0, SELL is 1.
 * The draw order follows WORKLOADS.md exactly, so its answer checks hold.
 *
 * @param options rows, seed, batch size
 * @returns a generator of batches sharing two dictionaries
 * @example
 * ```ts
 * import { tradeBatches } from "./trades.ts";
 * let n = 0;
 * for (const b of tradeBatches({ rows: 10, batchSize: 4 })) n += b.length;
 * if (n !== 10) throw new Error();
 * ```
 */
export function* tradeBatches(options: TradeFeedOptions = {}): Generator<RecordBatch> {
  const n = options.rows ?? 1_000_000;
  const size = options.batchSize ?? 4096;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`rows must be a non-negative integer, got ${n}`);
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${size}`);
  }
  const r = mulberry32(options.seed ?? 42);
  const ids = new Float64Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  for (let i = n - 1; i >= 1; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }
  const symbols = new StringDictionary();
  for (let s = 0; s < 500; s++) symbols.intern("SYM" + String(s).padStart(3, "0"));
  const sides = StringDictionary.from(["BUY", "SELL"]);
  const t = TRADE_SCHEMA.fields;
  for (let start = 0; start < n; start += size) {
    const m = Math.min(size, n - start);
    const id = ids.slice(start, start + m);
    const sym = new Int32Array(m), price = new Float64Array(m), qty = new Float64Array(m);
    const ts = new Float64Array(m), side = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const i = start + k;
      sym[k] = Math.floor(r() * 500);
      price[k] = 10000 + Math.floor(r() * 9990001);
      qty[k] = 1 + Math.floor(r() * 10000);
      ts[k] = 1700000000000 + i * 10 + Math.floor(r() * 10);
      side[k] = r() < 0.5 ? 0 : 1;
    }
    yield new RecordBatch(TRADE_SCHEMA, [
      { layout: "f64", type: t[0].type, length: m, validity: null, data: id },
      { layout: "dict", type: t[1].type, length: m, validity: null, codes: sym, dict: symbols },
      { layout: "f64", type: t[2].type, length: m, validity: null, data: price },
      { layout: "f64", type: t[3].type, length: m, validity: null, data: qty },
      { layout: "f64", type: t[4].type, length: m, validity: null, data: ts },
      { layout: "dict", type: t[5].type, length: m, validity: null, codes: side, dict: sides },
    ]);
  }
}
