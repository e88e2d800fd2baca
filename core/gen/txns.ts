/**
 * The transaction records of ../shared/WORKLOADS.md S4, generated straight into RecordBatches.
 *
 * Row i: `id` = i, `account_id` = "ACC" + 6-digit (i % 1,000,000), `amount` = ScaledInteger((i*137+50000) %
 * 1000000, 2), `status` = [active, pending, completed, cancelled][i % 4], `category` = "CAT" + (i % 10); its key
 * is `"txn_" + 8-digit i` (see {@link txnKey}).
 *
 * @module
 */

import { Schema } from "../record/schema.ts";
import { field, scaledType, Types } from "../types/data_type.ts";
import { RecordBatch } from "../batch/record_batch.ts";
import { StringDictionary } from "../batch/string_dictionary.ts";

/** Schema of the S4 transactions: id, account_id, amount SCALED(2), status, category. */
export const TXN_SCHEMA: Schema = new Schema([
  field("id", Types.Integer, false),
  field("account_id", Types.String, false),
  field("amount", scaledType(2), false),
  field("status", Types.String, false),
  field("category", Types.String, false),
]);

/** The four statuses by i % 4. */
export const TXN_STATUSES: readonly string[] = Object.freeze(["active", "pending", "completed", "cancelled"]);

/** Options of txnBatches. */
export interface TxnFeedOptions {
  /** Rows in all (default 100,000). */
  rows?: number;
  /** Rows per batch (default 4096). */
  batchSize?: number;
  /** First row index (default 0). */
  start?: number;
}

/**
 * The key of transaction i: `"txn_" + 8-digit zero-padded i`.
 *
 * @param i the row index
 * @returns the key
 * @example
 * ```ts
 * import { txnKey } from "./txns.ts";
 * if (txnKey(42) !== "txn_00000042") throw new Error();
 * ```
 */
export function txnKey(i: number): string {
  return "txn_" + String(i).padStart(8, "0");
}

/**
 * The amount units (scale 2) of transaction i: `(i*137 + 50000) % 1000000`.
 *
 * @param i the row index
 * @returns units at scale 2
 * @example
 * ```ts
 * import { txnAmountUnits } from "./txns.ts";
 * if (txnAmountUnits(0) !== 50000) throw new Error();
 * ```
 */
export function txnAmountUnits(i: number): number {
  return (i * 137 + 50000) % 1000000;
}

/**
 * The S4 transactions as batches. Status codes equal i % 4 and category codes equal i % 10 (the dictionaries are
 * pre-filled in that order); batches share their dictionaries.
 *
 * @param options rows, batch size, first index
 * @returns a generator of batches
 * @example
 * ```ts
 * import { txnBatches } from "./txns.ts";
 * let n = 0;
 * for (const b of txnBatches({ rows: 10, batchSize: 4 })) n += b.length;
 * if (n !== 10) throw new Error();
 * ```
 */
export function* txnBatches(options: TxnFeedOptions = {}): Generator<RecordBatch> {
  const n = options.rows ?? 100_000;
  const size = options.batchSize ?? 4096;
  const first = options.start ?? 0;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`rows must be a non-negative integer, got ${n}`);
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${size}`);
  }
  if (!Number.isSafeInteger(first) || first < 0) {
    throw new RangeError(`start must be a non-negative integer, got ${first}`);
  }
  const accounts = new StringDictionary();
  const statuses = StringDictionary.from(TXN_STATUSES);
  const categories = StringDictionary.from(Array.from({ length: 10 }, (_, c) => "CAT" + c));
  const t = TXN_SCHEMA.fields;
  for (let s = 0; s < n; s += size) {
    const m = Math.min(size, n - s);
    const id = new Float64Array(m), acc = new Int32Array(m), amount = new Float64Array(m);
    const status = new Int32Array(m), cat = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const i = first + s + k;
      id[k] = i;
      acc[k] = accounts.intern("ACC" + String(i % 1_000_000).padStart(6, "0"));
      amount[k] = txnAmountUnits(i);
      status[k] = i % 4;
      cat[k] = i % 10;
    }
    yield new RecordBatch(TXN_SCHEMA, [
      { layout: "f64", type: t[0].type, length: m, validity: null, data: id },
      { layout: "dict", type: t[1].type, length: m, validity: null, codes: acc, dict: accounts },
      { layout: "f64", type: t[2].type, length: m, validity: null, data: amount },
      { layout: "dict", type: t[3].type, length: m, validity: null, codes: status, dict: statuses },
      { layout: "dict", type: t[4].type, length: m, validity: null, codes: cat, dict: categories },
    ]);
  }
}
