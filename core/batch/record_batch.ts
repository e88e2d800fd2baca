/**
 * RecordBatch: the columnar unit that flows through everything hot.
 *
 * A batch is a view: a schema, one Column per field, optional metadata columns, and an optional selection
 * vector. `filter`-like operators return a batch that shares the columns and carries a new selection; `slice`
 * is zero-copy; `materialize` is the explicit copy that applies the selection.
 *
 * @module
 */

import type { Schema } from "../record/schema.ts";
import { EMPTY_META, type RecordMeta, StreamRecord } from "../record/stream_record.ts";
import type { Value } from "../values/value.ts";
import { type Column, columnByteSize, sliceColumn } from "./column.ts";
import { valueAt } from "./column_value.ts";
import { ColumnBuilder } from "./column_builder.ts";
import type { StringDictionary } from "./string_dictionary.ts";

/** Per-row metadata columns; each is null when the source has no such field. */
export interface BatchMeta {
  /** Source timestamp, epoch ms. */
  readonly timestamp: Float64Array | null;
  /** Offset within the partition. */
  readonly offset: Float64Array | null;
  /** Partition. */
  readonly partition: Int32Array | null;
  /** Message keys. */
  readonly key: readonly Value[] | null;
  /** Message headers. */
  readonly headers: readonly (Readonly<Record<string, string>> | null)[] | null;
  /** Event time, epoch ms (NaN where unknown). */
  readonly eventTime: Float64Array | null;
  /** Topic / subject of every row of the batch. */
  readonly topic: string | null;
}

/** A columnar batch of rows sharing one schema. */
export class RecordBatch {
  /** The schema. */
  readonly schema: Schema;
  /** One column per schema field. */
  readonly columns: readonly Column[];
  /** Physical rows in the columns. */
  readonly rowCount: number;
  /** Physical row indices of the logical rows, ascending; null means all rows in order. */
  readonly selection: Int32Array | null;
  /** Metadata columns (physical rows), or null. */
  readonly meta: BatchMeta | null;

  /**
   * Creates a RecordBatch.
   *
   * @param schema the schema
   * @param columns one column per field, all of `rowCount` rows, types matching the schema
   * @param selection physical row indices of the logical rows (null: all)
   * @param meta metadata columns or null
   * @throws {RangeError} on a column count, length or type mismatch
   * @example
   * ```ts
   * import { RecordBatch } from "./record_batch.ts";
   * import { ColumnBuilder } from "./column_builder.ts";
   * import { Schema } from "../record/schema.ts";
   * import { Types } from "../types/data_type.ts";
   * const b = new ColumnBuilder(Types.Integer);
   * b.appendValue(1); b.appendValue(2);
   * const batch = new RecordBatch(Schema.of([["n", Types.Integer]]), [b.finish()]);
   * if (batch.length !== 2 || batch.value(1, 0) !== 2) throw new Error();
   * ```
   */
  constructor(
    schema: Schema,
    columns: readonly Column[],
    selection: Int32Array | null = null,
    meta: BatchMeta | null = null,
  ) {
    if (columns.length !== schema.length) {
      throw new RangeError(`Batch has ${columns.length} columns but its schema has ${schema.length} fields`);
    }
    const rows = columns.length === 0 ? (selection === null ? 0 : selection.length) : columns[0].length;
    for (let i = 0; i < columns.length; i++) {
      if (columns[i].length !== rows) {
        throw new RangeError(
          `Column "${schema.names[i]}" has ${columns[i].length} rows but column "${schema.names[0]}" has ${rows}`,
        );
      }
      if (columns[i].type.kind !== schema.fields[i].type.kind) {
        throw new RangeError(
          `Column "${schema.names[i]}" holds ${columns[i].type.kind} but the schema says ${schema.fields[i].type.kind}`,
        );
      }
    }
    this.schema = schema;
    this.columns = columns;
    this.rowCount = rows;
    this.selection = selection;
    this.meta = meta;
  }

  /** Logical rows (the selection's length, or rowCount). */
  get length(): number {
    return this.selection === null ? this.rowCount : this.selection.length;
  }

  /**
   * The column of a field.
   *
   * @param name field name (SQL rules)
   * @returns the column (physical rows: apply `selection` when reading)
   * @throws {RangeError} for an unknown field
   */
  column(name: string): Column {
    const i = this.schema.resolve(name);
    if (i < 0) throw new RangeError(`Unknown field "${name}"; the batch has: ${this.schema.names.join(", ")}`);
    return this.columns[i];
  }

  /**
   * Physical row of a logical row.
   *
   * @param row logical row
   * @returns physical row
   */
  physicalRow(row: number): number {
    return this.selection === null ? row : this.selection[row];
  }

  /**
   * The value at a logical row and column position.
   *
   * @param row logical row
   * @param col column position
   * @returns the value
   */
  value(row: number, col: number): Value {
    if (row < 0 || row >= this.length) throw new RangeError(`Row ${row} is outside 0..${this.length - 1}`);
    return valueAt(this.columns[col], this.physicalRow(row));
  }

  /**
   * Zero-copy view of logical rows [start, end).
   *
   * @param start first logical row (clamped to 0..length)
   * @param end logical row past the last (default length)
   * @returns the view
   */
  slice(start: number, end: number = this.length): RecordBatch {
    const n = this.length;
    start = Math.max(0, Math.min(n, start));
    end = Math.max(start, Math.min(n, end));
    if (this.selection !== null) {
      return new RecordBatch(this.schema, this.columns, this.selection.subarray(start, end), this.meta);
    }
    const meta = this.meta === null ? null : sliceMeta(this.meta, start, end);
    return new RecordBatch(this.schema, this.columns.map((c) => sliceColumn(c, start, end)), null, meta);
  }

  /** Bytes held by the columns and metadata (dictionaries included once each). */
  byteSize(): number {
    const seen = new Set<StringDictionary>();
    let b = this.selection === null ? 0 : this.selection.byteLength;
    for (const c of this.columns) {
      const fresh = c.layout === "dict" && !seen.has(c.dict);
      if (c.layout === "dict") seen.add(c.dict);
      b += columnByteSize(c, fresh);
    }
    const m = this.meta;
    if (m !== null) {
      b += (m.timestamp?.byteLength ?? 0) + (m.offset?.byteLength ?? 0) + (m.partition?.byteLength ?? 0) +
        (m.eventTime?.byteLength ?? 0) + (m.key?.length ?? 0) * 8 + (m.headers?.length ?? 0) * 8;
    }
    return b;
  }
}

/**
 * Metadata columns holding message keys only (every other metadata column null): what a keyed table hands back.
 *
 * @param key one key per physical row
 * @returns the metadata
 * @example
 * ```ts
 * import { keyMeta } from "./record_batch.ts";
 * const m = keyMeta(["a", "b"]);
 * if (m.key?.[1] !== "b" || m.timestamp !== null || m.topic !== null) throw new Error();
 * ```
 */
export function keyMeta(key: readonly Value[]): BatchMeta {
  return { timestamp: null, offset: null, partition: null, key, headers: null, eventTime: null, topic: null };
}

function sliceMeta(m: BatchMeta, start: number, end: number): BatchMeta {
  return {
    timestamp: m.timestamp?.subarray(start, end) ?? null,
    offset: m.offset?.subarray(start, end) ?? null,
    partition: m.partition?.subarray(start, end) ?? null,
    key: m.key?.slice(start, end) ?? null,
    headers: m.headers?.slice(start, end) ?? null,
    eventTime: m.eventTime?.subarray(start, end) ?? null,
    topic: m.topic,
  };
}

/**
 * A batch sharing `batch`'s columns with a new selection of its logical rows.
 *
 * @param batch the batch
 * @param rows logical row indices to keep, ascending
 * @returns the filtered view
 * @example
 * ```ts
 * import { recordsToBatch, select } from "./record_batch.ts";
 * import { Schema } from "../record/schema.ts";
 * import { Types } from "../types/data_type.ts";
 * const b = recordsToBatch(Schema.of([["n", Types.Integer]]), [[1], [2], [3]]);
 * if (select(b, Int32Array.of(0, 2)).value(1, 0) !== 3) throw new Error();
 * ```
 */
export function select(batch: RecordBatch, rows: Int32Array): RecordBatch {
  const sel = batch.selection;
  let phys = rows;
  if (sel !== null) {
    phys = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) phys[i] = sel[rows[i]];
  }
  for (let i = 0; i < phys.length; i++) {
    if (phys[i] < 0 || phys[i] >= batch.rowCount) throw new RangeError(`Selected row ${rows[i]} is outside the batch`);
  }
  return new RecordBatch(batch.schema, batch.columns, phys, batch.meta);
}

/**
 * The explicit copy: a batch whose columns hold exactly the logical rows (selection applied), dictionaries
 * shared.
 *
 * @param batch the batch
 * @returns a batch without selection
 */
export function materialize(batch: RecordBatch): RecordBatch {
  const sel = batch.selection;
  if (sel === null) return batch;
  const n = sel.length;
  const columns = batch.columns.map((c): Column => {
    const validity = c.validity === null ? null : gather8(c.validity, sel);
    switch (c.layout) {
      case "f64": {
        const d = new Float64Array(n);
        for (let i = 0; i < n; i++) d[i] = c.data[sel[i]];
        return { layout: "f64", type: c.type, length: n, validity, data: d };
      }
      case "i64": {
        const d = new BigInt64Array(n);
        for (let i = 0; i < n; i++) d[i] = c.data[sel[i]];
        return { layout: "i64", type: c.type, length: n, validity, data: d };
      }
      case "i32": {
        const d = new Int32Array(n);
        for (let i = 0; i < n; i++) d[i] = c.data[sel[i]];
        return { layout: "i32", type: c.type, length: n, validity, data: d };
      }
      case "bool":
        return { layout: "bool", type: c.type, length: n, validity, data: gather8(c.data, sel) };
      case "dict": {
        const d = new Int32Array(n);
        for (let i = 0; i < n; i++) d[i] = c.codes[sel[i]];
        return { layout: "dict", type: c.type, length: n, validity, codes: d, dict: c.dict };
      }
      case "values": {
        const d = new Array<Value>(n);
        for (let i = 0; i < n; i++) d[i] = c.data[sel[i]];
        return { layout: "values", type: c.type, length: n, validity, data: d };
      }
    }
  });
  const m = batch.meta;
  const meta: BatchMeta | null = m === null ? null : {
    timestamp: m.timestamp === null ? null : Float64Array.from(sel, (i) => m.timestamp![i]),
    offset: m.offset === null ? null : Float64Array.from(sel, (i) => m.offset![i]),
    partition: m.partition === null ? null : Int32Array.from(sel, (i) => m.partition![i]),
    key: m.key === null ? null : Array.from(sel, (i) => m.key![i]),
    headers: m.headers === null ? null : Array.from(sel, (i) => m.headers![i]),
    eventTime: m.eventTime === null ? null : Float64Array.from(sel, (i) => m.eventTime![i]),
    topic: m.topic,
  };
  return new RecordBatch(batch.schema, columns, null, meta);
}

function gather8(a: Uint8Array, sel: Int32Array): Uint8Array {
  const d = new Uint8Array(sel.length);
  for (let i = 0; i < sel.length; i++) d[i] = a[sel[i]];
  return d;
}

/**
 * Builds a batch from rows of values, each checked against the schema's types.
 *
 * @param schema the schema
 * @param rows rows of values (or StreamRecords of that schema; their metadata is kept)
 * @param dictionaries optional shared dictionaries by column position
 * @returns the batch
 * @throws {TypeError} naming the row and field when a value does not fit
 * @example
 * ```ts
 * import { recordsToBatch } from "./record_batch.ts";
 * import { Schema } from "../record/schema.ts";
 * import { Types } from "../types/data_type.ts";
 * const b = recordsToBatch(Schema.of([["s", Types.String]]), [["a"], [null]]);
 * if (b.value(0, 0) !== "a" || b.value(1, 0) !== null) throw new Error();
 * ```
 */
export function recordsToBatch(
  schema: Schema,
  rows: readonly (readonly Value[] | StreamRecord)[],
  dictionaries: readonly (StringDictionary | undefined)[] = [],
): RecordBatch {
  const n = rows.length;
  const builders = schema.fields.map((f, i) =>
    new ColumnBuilder(f.type, { capacity: Math.max(1, n), dictionary: dictionaries[i] })
  );
  let hasMeta = false;
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    const values = row instanceof StreamRecord ? row.values : row;
    if (row instanceof StreamRecord && row.meta !== EMPTY_META) hasMeta = true;
    if (values.length !== schema.length) {
      throw new TypeError(`Row ${r} has ${values.length} values but the schema has ${schema.length} fields`);
    }
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      if (v === null && !schema.fields[c].nullable) {
        throw new TypeError(`Row ${r}, field "${schema.names[c]}": NULL in a NOT NULL field`);
      }
      try {
        builders[c].appendValue(v);
      } catch (e) {
        throw new TypeError(`Row ${r}, field "${schema.names[c]}": ${(e as Error).message}`);
      }
    }
  }
  let meta: BatchMeta | null = null;
  if (hasMeta) {
    const metas = rows.map((r) => r instanceof StreamRecord ? r.meta : EMPTY_META);
    meta = {
      timestamp: Float64Array.from(metas, (m) => m.timestamp),
      offset: Float64Array.from(metas, (m) => m.offset),
      partition: Int32Array.from(metas, (m) => m.partition),
      key: metas.map((m) => m.key),
      headers: metas.map((m) => m.headers),
      eventTime: Float64Array.from(metas, (m) => m.eventTime ?? NaN),
      topic: metas[0].topic,
    };
  }
  return new RecordBatch(schema, builders.map((b) => b.finish()), null, meta);
}

/**
 * The logical rows of a batch as StreamRecords (metadata included).
 *
 * @param batch the batch
 * @returns one record per logical row
 */
export function batchToRecords(batch: RecordBatch): StreamRecord[] {
  const n = batch.length;
  const out = new Array<StreamRecord>(n);
  const cols = batch.columns;
  const m = batch.meta;
  for (let r = 0; r < n; r++) {
    const p = batch.physicalRow(r);
    const values = new Array<Value>(cols.length);
    for (let c = 0; c < cols.length; c++) values[c] = valueAt(cols[c], p);
    let meta: RecordMeta = EMPTY_META;
    if (m !== null) {
      const et = m.eventTime?.[p];
      meta = {
        timestamp: m.timestamp?.[p] ?? 0,
        offset: m.offset?.[p] ?? -1,
        partition: m.partition?.[p] ?? -1,
        key: m.key?.[p] ?? null,
        headers: m.headers?.[p] ?? null,
        topic: m.topic,
        eventTime: et === undefined || Number.isNaN(et) ? null : et,
      };
    }
    out[r] = new StreamRecord(batch.schema, values, meta);
  }
  return out;
}
