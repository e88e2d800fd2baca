/**
 * Fused filter -> multiply -> grouped-sum queries (WORKLOADS.md W3 / W5, `FusedQuery`) over a keyed table, on
 * the CPU twin of core/kernels/fused_query.ts.
 *
 * The query reads the table's storage in place (zero-copy): one batch over slots [0, slots) whose selection
 * lists the live slots when deleted rows left free slots, so free slots are never counted. The call is
 * synchronous, so it sees one consistent state of the table. The GPU-resident form is `ResidentKeyedTable`
 * (gpu/resident_keyed_table.ts), which uploads `tableViewBatch(table.schema, table.snapshot().view)`.
 *
 * @module
 */

import { RecordBatch } from "../batch/record_batch.ts";
import type { Schema } from "../record/schema.ts";
import { type FusedQuery, type FusedResult, runFusedCpu, validateFusedQuery } from "../kernels/fused_query.ts";
import type { KeyedTable, TableView } from "./keyed_table.ts";

/** Batches already built per view (a table hands out the same view object until its next write). */
const BATCHES = new WeakMap<TableView, RecordBatch>();

/**
 * The live rows of a table view as one RecordBatch sharing the view's arrays (slot order; a selection vector
 * skips free slots when the view has holes). Built once per view object.
 *
 * @param schema the table's schema (the view's columns follow it)
 * @param view a view from `scanView()` or `snapshot()`
 * @returns the batch (length = live rows)
 * @throws {RangeError} when the view's columns do not match the schema
 * @example
 * ```ts
 * import { tableViewBatch } from "./table_fused.ts";
 * import { KeyedTable } from "./keyed_table.ts";
 * import { TRADE_SCHEMA, tradeBatches } from "../gen/trades.ts";
 * const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
 * t.loadSync(tradeBatches({ rows: 10 }));
 * t.delete(3);
 * const b = tableViewBatch(t.schema, t.scanView());
 * if (b.length !== 9 || b.selection === null) throw new Error();
 * ```
 */
export function tableViewBatch(schema: Schema, view: TableView): RecordBatch {
  const cached = BATCHES.get(view);
  if (cached !== undefined && cached.schema === schema) return cached;
  let selection: Int32Array | null = null;
  if (!view.dense) {
    const live = view.live, n = view.slots;
    let count = 0;
    for (let s = 0; s < n; s++) count += live[s];
    selection = new Int32Array(count);
    for (let s = 0, k = 0; s < n; s++) if (live[s] === 1) selection[k++] = s;
  }
  const batch = new RecordBatch(schema, view.columns, selection);
  BATCHES.set(view, batch);
  return batch;
}

/**
 * Runs a fused query over the rows a keyed table holds now, on the CPU (see `runFusedCpu` for the semantics:
 * NULLs drop a row, sums are exact bigints, a product outside i64 is an OverflowError). Groups are listed in the
 * order of the table's String dictionary, which keeps the strings of deleted rows: such groups have count 0.
 *
 * @param table the table
 * @param query the query
 * @returns counts and exact sums per group
 * @throws {OverflowError} when a kept row's product leaves i64 (row = position among the live rows, slot order)
 * @throws {TypeError} for a column of a type the fused shape does not take
 * @throws {RangeError} for an unknown column
 * @example
 * ```ts
 * import { fusedQuery } from "./table_fused.ts";
 * import { KeyedTable } from "./keyed_table.ts";
 * import { TRADE_SCHEMA, tradeBatches } from "../gen/trades.ts";
 * const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
 * t.loadSync(tradeBatches({ rows: 100 }));
 * t.delete(0);
 * const r = fusedQuery(t, { sum: ["price", "qty"] });
 * if (r.counts[0] !== 99 || r.scale !== 4) throw new Error();
 * ```
 */
export function fusedQuery(table: KeyedTable, query: FusedQuery): FusedResult {
  fusedQueryScale(table.schema, query);
  return runFusedCpu([tableViewBatch(table.schema, table.scanView())], query);
}

/**
 * Checks a fused query against a table's schema (columns exist, types fit the fused shape) and returns the scale
 * of its sums. `fusedQuery` and the GPU-resident path both call it first, so a bad query fails the same way on
 * either path.
 *
 * @param schema the table's schema
 * @param query the query
 * @returns the scale of the sums
 * @throws {RangeError} for a column the schema does not have
 * @throws {TypeError} for a column of a type the fused shape does not take
 * @example
 * ```ts
 * import { fusedQueryScale } from "./table_fused.ts";
 * import { TRADE_SCHEMA } from "../gen/trades.ts";
 * if (fusedQueryScale(TRADE_SCHEMA, { sum: ["price", "qty"] }) !== 4) throw new Error();
 * ```
 */
export function fusedQueryScale(schema: Schema, query: FusedQuery): number {
  return validateFusedQuery(query, (name) => {
    const i = schema.resolve(name);
    if (i < 0) {
      throw new RangeError(
        `Column "${name}" of the fused query is not in the table; it has: ${schema.names.join(", ")}`,
      );
    }
    const t = schema.fields[i].type;
    return { kind: t.kind, scale: t.kind === "scaled" ? t.scale : 0 };
  });
}
