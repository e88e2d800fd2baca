/**
 * Table statistics with real memory figures: what the table's typed arrays, dictionaries and indexes hold.
 *
 * @module
 */

import type { PlanCacheStats } from "../sql/plan_cache.ts";
import type { KeyedTable } from "./keyed_table.ts";

/** Bytes held by one column. */
export interface ColumnStats {
  /** Column name. */
  readonly name: string;
  /** Bytes of its arrays (data and validity, at capacity). */
  readonly bytes: number;
}

/** What a table holds. */
export interface TableStats {
  /** Rows. */
  readonly rows: number;
  /** Slots ever used (rows plus free slots). */
  readonly slots: number;
  /** Free slots waiting for reuse. */
  readonly freeSlots: number;
  /** Per-column array bytes. */
  readonly columns: readonly ColumnStats[];
  /** Bytes of the string dictionaries (strings, tables and maps; estimated per entry). */
  readonly dictionaryBytes: number;
  /** Bytes of the key index. */
  readonly keyIndexBytes: number;
  /** Bytes of the secondary indexes (estimated per entry). */
  readonly secondaryIndexBytes: number;
  /** Bytes of the slot bookkeeping (live flags, free list) and metadata keys. */
  readonly overheadBytes: number;
  /** Everything above. */
  readonly bytes: number;
  /** bytes / rows (0 for an empty table). */
  readonly bytesPerRow: number;
  /** The WHERE plan cache's counters. */
  readonly planCache: PlanCacheStats;
}

/**
 * The table's row count and the memory it holds, by part. Typed arrays count at capacity (what is really
 * allocated); JS strings and Map / Set entries are estimated per entry (see docs/perf/tables.md for how the
 * estimate compares with measured heap deltas).
 *
 * @param table the table
 * @returns the statistics
 * @example
 * ```ts
 * import { tableStats } from "./table_stats.ts";
 * import { KeyedTable } from "./keyed_table.ts";
 * import { TRADE_SCHEMA, tradeBatches } from "../gen/trades.ts";
 * const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
 * t.loadSync(tradeBatches({ rows: 1000 }));
 * const s = tableStats(t);
 * if (s.rows !== 1000 || s.bytes <= 0) throw new Error();
 * ```
 */
export function tableStats(table: KeyedTable): TableStats {
  const m = table.memoryParts();
  const view = table.scanView();
  const columns = table.schema.names.map((name, i) => ({ name, bytes: m.columns[i] }));
  const colBytes = m.columns.reduce((a, b) => a + b, 0);
  const overhead = m.slots + m.metaKeys;
  const bytes = colBytes + m.dictionaries + m.keyIndex + m.secondaryIndexes + overhead;
  return {
    rows: table.size,
    slots: view.slots,
    freeSlots: view.slots - table.size,
    columns,
    dictionaryBytes: m.dictionaries,
    keyIndexBytes: m.keyIndex,
    secondaryIndexBytes: m.secondaryIndexes,
    overheadBytes: overhead,
    bytes,
    bytesPerRow: table.size === 0 ? 0 : bytes / table.size,
    planCache: table.plans.stats(),
  };
}
