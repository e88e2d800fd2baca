/**
 * Streaming a keyed table as batches over a consistent snapshot.
 *
 * Isolation: the stream reads the rows as they were when `streamTable` was called (snapshot isolation).
 * Writes made while it is open go to a copy of the storage (copy-on-write, once per snapshot), so no batch is
 * torn and no later write shows up in the stream. Batches share the snapshot's arrays (zero-copy views, with a
 * selection vector where deleted slots leave holes); dictionaries are shared (they are append-only).
 * Backpressure: one batch is produced per `pull`, so a slow reader holds the producer back. Cancelling or
 * finishing the stream releases the snapshot.
 *
 * @module
 */

import type { Column } from "../batch/column.ts";
import { sliceColumn } from "../batch/column.ts";
import { type BatchMeta, keyMeta, RecordBatch } from "../batch/record_batch.ts";
import type { KeyedTable } from "./keyed_table.ts";

/**
 * A stream of the table's rows in batches of `size` rows (the last may be shorter), in slot order.
 *
 * @param table the table
 * @param size rows per batch (default 4096)
 * @returns the stream
 * @throws {RangeError} when size is not a positive integer
 * @example
 * ```ts
 * import { streamTable } from "./table_stream.ts";
 * import { KeyedTable } from "./keyed_table.ts";
 * import { TRADE_SCHEMA, tradeBatches } from "../gen/trades.ts";
 * const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
 * t.loadSync(tradeBatches({ rows: 1000 }));
 * const batches = await Array.fromAsync(streamTable(t, 300));
 * if (batches.length !== 4 || batches[3].length !== 100) throw new Error();
 * ```
 */
export function streamTable(table: KeyedTable, size = 4096): ReadableStream<RecordBatch> {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`Batch size must be a positive integer, got ${size}`);
  }
  const { view, release } = table.snapshot();
  const schema = table.schema;
  const { columns, live, slots, dense, metaKeys } = view;
  let pos = 0;
  const sel = new Int32Array(size);
  return new ReadableStream<RecordBatch>({
    pull(controller) {
      if (pos >= slots) {
        release();
        controller.close();
        return;
      }
      const start = pos;
      let n = 0, end = start;
      if (dense) {
        end = Math.min(slots, start + size);
        n = end - start;
      } else {
        while (end < slots && n < size) {
          if (live[end] === 1) sel[n++] = end - start;
          end++;
        }
      }
      pos = end;
      if (n === 0) {
        release();
        controller.close();
        return;
      }
      const cols: Column[] = columns.map((c) => sliceColumn(c, start, end));
      const holes = n !== end - start;
      const meta: BatchMeta | null = metaKeys === null ? null : keyMeta(metaKeys.slice(start, end));
      controller.enqueue(new RecordBatch(schema, cols, holes ? sel.slice(0, n) : null, meta));
    },
    cancel() {
      release();
    },
  }, { highWaterMark: 1 });
}
