/**
 * ResidentKeyedTable: a KeyedTable's fused queries (W3 / W5 shape) on the GPU when it pays, with the table's
 * columns uploaded once and kept resident until the table changes.
 *
 * Each `query` call asks the dispatcher (gpu/dispatcher.ts) with work = live rows x queries and `resident: true`.
 * Each call takes a snapshot of the table (copy-on-write, released when the call settles). On the CPU path it runs
 * the CPU twin over the snapshot's live rows (what `fusedQuery` of core/table/table_fused.ts does) and uploads
 * nothing. On the GPU path it uploads the live rows into a `ResidentTable` only when the table's `version` moved
 * since the last upload (or nothing is resident yet), runs every query of the call in one submit, and reads back
 * only the aggregates. Any GPU failure reruns the queries on the CPU twin over the same snapshot. Calls on one
 * ResidentKeyedTable run one after another (GPU error scopes are per device), each over the rows as they were
 * when it was made.
 *
 * @module
 */

import type { KeyedTable } from "../core/table/keyed_table.ts";
import type { RecordBatch } from "../core/batch/record_batch.ts";
import { type FusedQuery, type FusedResult, runFusedCpu } from "../core/kernels/fused_query.ts";
import { fusedQueryScale, tableViewBatch } from "../core/table/table_fused.ts";
import type { GpuContext } from "./device.ts";
import { GpuError } from "./gpu_error.ts";
import { dispatch, type Dispatched, type DispatchOptions } from "./dispatcher.ts";
import { ResidentTable } from "./resident_table.ts";

/** Options of the ResidentKeyedTable constructor. */
export interface ResidentKeyedTableOptions {
  /** Columns to keep on the GPU (default: every Integer, ScaledInteger, Timestamp and String column). */
  columns?: readonly string[];
}

const RESIDENT_KINDS = new Set(["integer", "scaled", "timestamp", "string"]);

/** A keyed table whose fused queries run on the GPU when the dispatcher says it pays. */
export class ResidentKeyedTable {
  /** The table (the source of truth; write to it as usual). */
  readonly table: KeyedTable;
  /** The GPU context, or null (then every query runs on the CPU). */
  readonly ctx: GpuContext | null;
  #columns: readonly string[] | undefined = undefined;
  #resident: ResidentTable | null = null;
  #residentVersion = -1;
  #uploads = 0;
  #tail: Promise<unknown> = Promise.resolve();

  /**
   * Wraps a table; nothing is uploaded until a query takes the GPU path.
   *
   * @param table the table
   * @param ctx the GPU context, or null
   * @param options which columns to keep resident
   * @throws {RangeError} for a listed column the table does not have or whose type cannot be made GPU-resident
   * @example
   * ```ts
   * import { ResidentKeyedTable } from "./resident_keyed_table.ts";
   * import { KeyedTable, TRADE_SCHEMA, tradeBatches } from "../mod.ts";
   * const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
   * t.loadSync(tradeBatches({ rows: 100 }));
   * const r = new ResidentKeyedTable(t, null);
   * const d = await r.query([{ sum: ["price", "qty"] }]);
   * if (d.path !== "cpu" || d.value[0].counts[0] !== 100 || r.uploads !== 0) throw new Error();
   * ```
   */
  constructor(table: KeyedTable, ctx: GpuContext | null, options: ResidentKeyedTableOptions = {}) {
    this.table = table;
    this.ctx = ctx;
    if (options.columns !== undefined) {
      for (const name of options.columns) {
        const i = table.schema.resolve(name);
        if (i < 0) {
          throw new RangeError(`Unknown column "${name}"; the table has: ${table.schema.names.join(", ")}`);
        }
        const kind = table.schema.fields[i].type.kind;
        if (!RESIDENT_KINDS.has(kind)) {
          throw new RangeError(`Column "${name}" of type ${kind} cannot be made GPU-resident`);
        }
      }
      this.#columns = [...options.columns];
    }
  }

  /** How many times the table has been uploaded to the GPU. */
  get uploads(): number {
    return this.#uploads;
  }

  /** The table version the GPU copy holds, or null when nothing is resident. */
  get residentVersion(): number | null {
    return this.#resident === null ? null : this.#residentVersion;
  }

  /** Bytes the resident columns hold on the GPU (0 when nothing is resident). */
  get residentBytes(): number {
    return this.#resident === null ? 0 : this.#resident.byteSize;
  }

  /**
   * Runs fused queries on the path the dispatcher picks (work = live rows x queries, resident); a GPU failure
   * reruns them on the CPU twin. The queries see the rows as they are when `query` is called (a snapshot, kept
   * intact by the table's copy-on-write until the call settles), also when earlier calls are still running.
   * Every query is checked against the schema first, so a bad one fails the same way on both paths.
   *
   * @param queries the queries
   * @param options dispatch options (mode, minWork)
   * @returns one result per query, the path that ran and why
   * @throws {OverflowError} when a kept row's product leaves i64 (on either path, the same error)
   * @throws {RangeError} for a column the table does not have
   * @throws {TypeError} for a column of a type the fused shape does not take
   */
  query(queries: readonly FusedQuery[], options: DispatchOptions = {}): Promise<Dispatched<FusedResult[]>> {
    const table = this.table;
    const { view, release } = table.snapshot();
    const version = table.version;
    const batch = tableViewBatch(table.schema, view);
    const run = this.#tail.then(() => this.#query(queries, options, batch, version)).finally(release);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #query(
    queries: readonly FusedQuery[],
    options: DispatchOptions,
    batch: RecordBatch,
    version: number,
  ): Promise<Dispatched<FusedResult[]>> {
    for (const q of queries) fusedQueryScale(batch.schema, q);
    return await dispatch(
      "resident keyed table queries",
      batch.length * Math.max(queries.length, 1),
      this.ctx,
      async (ctx) => {
        let resident = this.#resident;
        if (resident === null || this.#residentVersion !== version) {
          this.destroy();
          // Deno 2.9.6 aborts the process on writeBuffer of an empty array, which an upload of 0 rows would do.
          if (batch.length === 0) throw new GpuError("the table has no rows to upload");
          resident = await ResidentTable.fromBatches(ctx, [batch], { columns: this.#columns });
          this.#resident = resident;
          this.#residentVersion = version;
          this.#uploads++;
        }
        return (await resident.run(queries)).results;
      },
      () => queries.map((q) => runFusedCpu([batch], q)),
      { ...options, resident: true },
    );
  }

  /** Frees the GPU copy (the table is untouched; the next GPU query uploads again). */
  destroy(): void {
    this.#resident?.destroy();
    this.#resident = null;
    this.#residentVersion = -1;
  }
}
