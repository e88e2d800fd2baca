/**
 * KeyedTable: an in-memory table with KTable semantics (the last value per key wins; a tombstone deletes),
 * stored columnar in growable typed arrays indexed by slot, with an O(1) key index, free-slot reuse, declared
 * secondary indexes, a plan cache for its WHERE queries and snapshot-consistent batch streaming.
 *
 * @module
 */

import type { Column } from "../batch/column.ts";
import { valueAt } from "../batch/column_value.ts";
import type { RecordBatch } from "../batch/record_batch.ts";
import type { Schema } from "../record/schema.ts";
import { EMPTY_META, type RecordMeta, StreamRecord } from "../record/stream_record.ts";
import { type DataType, typeEquals, typeName } from "../types/data_type.ts";
import { normalizeInt64 } from "../values/int64.ts";
import { ScaledInteger } from "../values/scaled_integer.ts";
import { SqlDate, Timestamp } from "../values/temporal.ts";
import type { Value } from "../values/value.ts";
import { PlanCache } from "../sql/plan_cache.ts";
import { _grownBuffer, _TableColumn } from "./_table_column.ts";
import { type EncodedKey, KeyIndex, type KeyIndexKind, MAP_ENTRY_BYTES } from "./key_index.ts";
import { type IndexKey, SecondaryIndex } from "./secondary_index.ts";
import type { ExpressionPlan, TablePlan } from "./table_plan.ts";
import { aggregateWhere, columnValuesWhere, countWhere, existsWhere, filterTable, scalarWhere } from "./table_query.ts";
import { streamTable } from "./table_stream.ts";
import { type TableStats, tableStats } from "./table_stats.ts";

/** Options of a KeyedTable. */
export interface KeyedTableOptions {
  /**
   * The key column(s). Omitted: the table is keyed by each record's metadata key (`meta.key` of a
   * StreamRecord or of a batch), Kafka-KTable style.
   */
  key?: string | readonly string[];
  /** Columns to keep secondary indexes on (default none). */
  indexes?: readonly string[];
  /** Slots to allocate up front (default 1024); the table doubles as needed. */
  capacity?: number;
  /** Most cached query plans (default 256). */
  planCacheSize?: number;
  /**
   * Whether a row whose non-key fields are all NULL is a tombstone that deletes its key (default true; only
   * for tables with at least one non-key column).
   */
  tombstones?: boolean;
}

/** Progress of a load, reported after each batch. */
export interface LoadProgress {
  /** Batches applied so far. */
  readonly batches: number;
  /** Source rows applied so far (upserts and tombstones). */
  readonly records: number;
  /** Rows in the table now. */
  readonly rows: number;
}

/** Options of KeyedTable.load. */
export interface LoadOptions {
  /** Called after each batch (default none). Keep it cheap: it runs on the load path. */
  onProgress?: (progress: LoadProgress) => void;
  /**
   * About how many rows the source brings (default unknown). The table makes room for that many more rows once,
   * before the first batch, instead of doubling into them: see `KeyedTable.reserve`. A hint about memory only:
   * what is loaded is the same whatever it says.
   */
  expectedRows?: number;
}

/** A key: one value for a single-column (or metadata) key, an array of values for a composite key. */
export type TableKey = Value | readonly Value[];

/** A batch source a table can load. */
export type BatchInput = ReadableStream<RecordBatch> | Iterable<RecordBatch> | AsyncIterable<RecordBatch>;

/** A read-only view of a table's storage (slots [0, slots)); low level, for core/table's query operators. */
export interface TableView {
  /** One Column per schema field, `slots` long, indexed by slot. */
  readonly columns: readonly Column[];
  /** 1 = the slot holds a row. */
  readonly live: Uint8Array;
  /** Slots in use or once used (the high-water mark). */
  readonly slots: number;
  /** Whether every slot below `slots` is live (no holes). */
  readonly dense: boolean;
  /** Metadata keys by slot for a table keyed by metadata, else null. */
  readonly metaKeys: readonly Value[] | null;
}

function describeValue(v: Value): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(describeValue).join(", ")}]`;
  return String(v);
}

/** Primitive form of one key value (ScaledInteger -> units, Date -> days, Timestamp -> micros). */
function keyPrimitive(v: Value): EncodedKey {
  if (typeof v === "number") return v === 0 ? 0 : v;
  if (typeof v === "bigint") return normalizeInt64(v);
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof ScaledInteger) return v.units;
  if (v instanceof SqlDate) return v.days;
  if (v instanceof Timestamp) return v.micros;
  throw new TypeError(`A key cannot be ${describeValue(v)}`);
}

function keyPart(v: Value): string {
  const p = keyPrimitive(v);
  return typeof p === "string" ? "s" + p.length + ":" + p : (typeof p === "boolean" ? "b" : "n") + String(p);
}

/** A keyed, columnar, in-memory table. */
export class KeyedTable {
  /** The schema of the rows. */
  readonly schema: Schema;
  /** Positions of the key columns (empty: keyed by record metadata). */
  readonly keyColumns: readonly number[];
  #cols: _TableColumn[];
  #live: Uint8Array;
  #metaKeys: Value[] | null;
  #cap: number;
  #hwm = 0;
  #size = 0;
  #free: Int32Array = new Int32Array(64);
  #freeCount = 0;
  #index: KeyIndex;
  #secondary: Map<number, SecondaryIndex> = new Map();
  #tombstones: boolean;
  #shared = 0; // open snapshots of the current storage
  #storageGen = 0;
  #version = 0;
  #schemaVersion = 0;
  /** The plan cache of this table's WHERE conditions (invalidated when the schema changes). */
  readonly plans: PlanCache<TablePlan>;
  /** The plan cache of this table's value and aggregate expressions (invalidated with `plans`). */
  readonly expressionPlans: PlanCache<ExpressionPlan>;

  /**
   * Creates a KeyedTable.
   *
   * @param schema the row schema
   * @param options key column(s), secondary indexes, capacity, plan cache size, tombstone rule
   * @throws {RangeError} on an unknown key or index column, or a bad capacity
   * @throws {TypeError} when a key column's type cannot be a key
   * @example
   * ```ts
   * import { KeyedTable } from "./keyed_table.ts";
   * import { Schema } from "../record/schema.ts";
   * import { Types } from "../types/data_type.ts";
   * const t = new KeyedTable(Schema.of([["id", Types.Integer], ["name", Types.String]]), { key: "id" });
   * t.upsert([1, "a"]);
   * t.upsert([1, "b"]);
   * if (t.size !== 1 || t.getValue(1, "name") !== "b") throw new Error();
   * ```
   */
  constructor(schema: Schema, options: KeyedTableOptions = {}) {
    this.schema = schema;
    const cap = options.capacity ?? 1024;
    if (!Number.isSafeInteger(cap) || cap < 1) {
      throw new RangeError(`Table capacity must be a positive integer, got ${cap}`);
    }
    this.#cap = cap;
    const keyNames = options.key === undefined
      ? []
      : typeof options.key === "string"
      ? [options.key]
      : [...options.key];
    this.keyColumns = Object.freeze(keyNames.map((k) => this.#resolve(k, "Key column")));
    for (const k of this.keyColumns) {
      const t = schema.fields[k].type.kind;
      if (!["integer", "float", "string", "scaled", "boolean", "date", "timestamp"].includes(t)) {
        throw new TypeError(
          `Key column "${schema.names[k]}" has type ${typeName(schema.fields[k].type)}, which cannot be a key`,
        );
      }
    }
    this.#cols = schema.fields.map((f) => new _TableColumn(f.name, f.type, cap));
    this.#live = new Uint8Array(cap);
    this.#metaKeys = this.keyColumns.length === 0 ? [] : null;
    let kind: KeyIndexKind = this.keyColumns.length === 0 ? "string" : "map";
    if (this.keyColumns.length === 1) {
      const t = schema.fields[this.keyColumns[0]].type.kind;
      if (t === "integer" || t === "float") kind = "number";
      else if (t === "string") kind = "code";
    }
    this.#index = new KeyIndex(kind, cap);
    if (kind === "number") this.#index.attachKeys(this.#cols[this.keyColumns[0]].f64!);
    if (kind === "string") this.#index.attachStrings(this.#metaKeys!);
    this.#tombstones = (options.tombstones ?? true) && this.keyColumns.length < schema.length;
    this.plans = new PlanCache<TablePlan>({ capacity: options.planCacheSize ?? 256 });
    this.expressionPlans = new PlanCache<ExpressionPlan>({ capacity: options.planCacheSize ?? 256 });
    for (const name of options.indexes ?? []) this.createIndex(name);
  }

  #resolve(name: string, what: string): number {
    const i = this.schema.resolve(name);
    if (i < 0) throw new RangeError(`${what} "${name}" is not in the schema; it has: ${this.schema.names.join(", ")}`);
    return i;
  }

  /** Rows held. */
  get size(): number {
    return this.#size;
  }

  /** Increases with every change of the rows. */
  get version(): number {
    return this.#version;
  }

  /** Increases with every change of the schema (plans bound to an older one are dropped). */
  get schemaVersion(): number {
    return this.#schemaVersion;
  }

  /** The key index's form. */
  get keyIndexKind(): KeyIndexKind {
    return this.#index.kind;
  }

  // --- keys ------------------------------------------------------------------------------------------------

  #keyError(key: TableKey): never {
    const names = this.keyColumns.map((k) => `${this.schema.names[k]} ${typeName(this.schema.fields[k].type)}`);
    const want = names.length === 0 ? "a metadata key" : names.length === 1 ? names[0] : `[${names.join(", ")}]`;
    throw new TypeError(`Key ${describeValue(key as Value)} does not fit the table's key ${want}`);
  }

  #encode(key: TableKey): EncodedKey {
    const kc = this.keyColumns;
    if (kc.length <= 1) {
      const v = Array.isArray(key) && kc.length === 1 ? (key.length === 1 ? key[0] : this.#keyError(key)) : key;
      if (v === null) this.#keyError(key);
      if (kc.length === 1 && this.#cols[kc[0]].check(v as Value) !== null) this.#keyError(key);
      if (kc.length === 0 && (v instanceof ScaledInteger)) return `SI${v.scale}:${v.units}`;
      return keyPrimitive(v as Value);
    }
    if (!Array.isArray(key) || key.length !== kc.length) this.#keyError(key);
    const parts: string[] = [];
    for (let i = 0; i < kc.length; i++) {
      const v = key[i];
      if (v === null || this.#cols[kc[i]].check(v) !== null) this.#keyError(key);
      parts.push(keyPart(v));
    }
    return parts.join("\u0001");
  }

  #storedKey(slot: number): EncodedKey {
    if (this.#metaKeys !== null) return this.#encode(this.#metaKeys[slot]);
    const kc = this.keyColumns;
    if (kc.length === 1) return keyPrimitive(this.#cols[kc[0]].get(slot));
    return kc.map((k) => keyPart(this.#cols[k].get(slot))).join("\u0001");
  }

  /**
   * The slot of a key (low level: slots are reused after deletes).
   *
   * @param key the key
   * @returns the slot, or -1 when absent
   * @throws {TypeError} when the key does not fit the key column types
   */
  slotOf(key: TableKey): number {
    const ix = this.#index;
    if (typeof key === "number" && ix.kind === "number") return ix.findNumber(key === 0 ? 0 : key);
    if (typeof key === "string" && ix.kind === "string") return ix.findString(key);
    return this.#slotOfOther(key);
  }

  #slotOfOther(key: TableKey): number {
    const ix = this.#index;
    if (ix.kind === "string") {
      this.#encode(key); // validates; a string-form index holds only string keys
      return -1;
    }
    if (ix.kind === "number") {
      if (typeof key === "bigint") {
        const n = normalizeInt64(key);
        return typeof n === "number" ? ix.findNumber(n) : -1;
      }
      if (Array.isArray(key) && key.length === 1) return this.slotOf(key[0]);
      this.#keyError(key);
    }
    if (ix.kind === "code") {
      if (typeof key === "string") return ix.findCode(this.#cols[this.keyColumns[0]].dict!.lookup(key));
      if (Array.isArray(key) && key.length === 1) return this.slotOf(key[0]);
      this.#keyError(key);
    }
    return ix.findKey(this.#encode(key));
  }

  /**
   * The slots of many keys at once (low level; read the values through `scanView()` columns). For a number key
   * index this is one tight loop over the keys: the fast way to answer a batch of point lookups.
   *
   * @param keys the keys
   * @param out receives one slot per key, -1 where absent (default: a new array)
   * @returns `out`
   * @example
   * ```ts
   * import { KeyedTable } from "./keyed_table.ts";
   * import { TRADE_SCHEMA, tradeBatches } from "../gen/trades.ts";
   * const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
   * t.loadSync(tradeBatches({ rows: 100 }));
   * const slots = t.lookupSlots([5, 500]);
   * if (slots[0] < 0 || slots[1] !== -1) throw new Error();
   * ```
   */
  lookupSlots(keys: ArrayLike<TableKey>, out: Int32Array = new Int32Array(keys.length)): Int32Array {
    const ix = this.#index, n = keys.length;
    if (ix.kind === "number" && (keys instanceof Float64Array || keys instanceof Int32Array)) {
      ix.findNumbers(keys, out);
      return out;
    }
    for (let i = 0; i < n; i++) out[i] = this.slotOf(keys[i]);
    return out;
  }

  /**
   * Whether a key is present. O(1).
   *
   * @param key the key
   * @returns true when the table holds a row for it
   */
  contains(key: TableKey): boolean {
    return this.slotOf(key) >= 0;
  }

  /**
   * The row of a key. O(1).
   *
   * @param key the key
   * @returns the row as a StreamRecord (its meta.key set for metadata-keyed tables), or undefined
   */
  get(key: TableKey): StreamRecord | undefined {
    const s = this.slotOf(key);
    return s < 0 ? undefined : this.recordAt(s);
  }

  /**
   * One field of the row of a key, without building the row. O(1).
   *
   * @param key the key
   * @param column the field name (SQL rules) or position
   * @returns the value, or undefined when the key is absent
   * @throws {RangeError} for an unknown column
   */
  getValue(key: TableKey, column: string | number): Value | undefined {
    const c = typeof column === "number" ? column : this.#resolve(column, "Column");
    const col = this.#cols[c];
    if (col === undefined) throw new RangeError(`Column ${column} is outside 0..${this.#cols.length - 1}`);
    const s = this.slotOf(key);
    return s < 0 ? undefined : col.get(s);
  }

  /**
   * The row in a slot (low level).
   *
   * @param slot a live slot
   * @returns the row
   */
  recordAt(slot: number): StreamRecord {
    const cols = this.#cols, n = cols.length, values: Value[] = [];
    for (let c = 0; c < n; c++) values.push(cols[c].get(slot));
    const mk = this.#metaKeys;
    return new StreamRecord(this.schema, values, mk === null ? EMPTY_META : _metaWithKey(mk[slot]));
  }

  // --- storage -------------------------------------------------------------------------------------------

  #beforeWrite(): void {
    this.#version++;
    if (this.#shared > 0) this.#unshare();
  }

  /** Copies the storage that open snapshots hold, so that this table can change its own copy. */
  #unshare(): void {
    this.#cols = this.#cols.map((c) => c.clone());
    this.#live = this.#live.slice();
    if (this.#metaKeys !== null) this.#metaKeys = this.#metaKeys.slice();
    this.#shared = 0;
    this.#storageGen++;
    if (this.#index.kind === "number") this.#index.attachKeys(this.#cols[this.keyColumns[0]].f64!);
    if (this.#index.kind === "string") this.#index.attachStrings(this.#metaKeys!);
  }

  /**
   * Makes room for `rows` rows in all, so that a load of that many allocates its storage once instead of doubling
   * into it (each doubling copies every column). A hint about memory only: the rows, keys and every answer are
   * the same whatever it says, and it never shrinks the table; room beyond the rows loaded stays allocated.
   *
   * @param rows the rows the table is expected to hold
   * @throws {RangeError} when `rows` is not a non-negative integer
   * @example
   * ```ts
   * import { KeyedTable } from "./keyed_table.ts";
   * import { TRADE_SCHEMA, tradeBatches } from "../gen/trades.ts";
   * const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
   * t.reserve(5000);
   * const columnBytes = () => t.memoryParts().columns.reduce((a, b) => a + b);
   * const before = columnBytes();
   * t.loadSync(tradeBatches({ rows: 5000 })); // a generator: the table cannot know its size
   * if (t.size !== 5000 || columnBytes() !== before) throw new Error();
   * ```
   */
  reserve(rows: number): void {
    if (!Number.isSafeInteger(rows) || rows < 0) {
      throw new RangeError(`Rows to reserve must be a non-negative integer, got ${rows}`);
    }
    if (rows <= this.#cap) return;
    // growing moves the buffers: storage a snapshot holds is copied first, and the cached view is dropped
    if (this.#shared > 0) this.#unshare();
    this.#view = null;
    this.#growTo(rows);
  }

  #alloc(): number {
    if (this.#freeCount > 0) return this.#free[--this.#freeCount];
    if (this.#hwm === this.#cap) this.#growTo(_grownCapacity(this.#hwm + 1));
    return this.#hwm++;
  }

  #release(slot: number): void {
    this.#live[slot] = 0;
    if (this.#metaKeys !== null) this.#metaKeys[slot] = null;
    for (const c of this.#cols) if (c.values !== null && slot < c.values.length) c.values[slot] = null;
    if (this.#freeCount === this.#free.length) {
      const f = new Int32Array(this.#free.length * 2);
      f.set(this.#free);
      this.#free = f;
    }
    this.#free[this.#freeCount++] = slot;
    this.#size--;
  }

  /** The stored payload of a slot for a secondary index. */
  #indexKey(col: number, slot: number): IndexKey {
    const c = this.#cols[col];
    if (c.validity !== null && c.validity[slot] === 0) return null;
    switch (c.layout) {
      case "f64":
        return c.f64![slot];
      case "i64":
        return normalizeInt64(c.i64![slot]);
      case "i32":
      case "dict":
        return c.i32![slot];
      case "bool":
        return c.u8![slot];
      default:
        return null;
    }
  }

  #unindex(slot: number): void {
    for (const [c, ix] of this.#secondary) ix.remove(this.#indexKey(c, slot), slot);
  }

  #reindex(slot: number): void {
    for (const [c, ix] of this.#secondary) ix.add(this.#indexKey(c, slot), slot);
  }

  /** Rebuilds the key index as a Map (an Integer key column just received a value past 2^53-1). */
  #toMapIndex(): void {
    const ix = new KeyIndex("map");
    this.#index = ix;
    for (let s = 0; s < this.#hwm; s++) if (this.#live[s] === 1) ix.setKey(this.#storedKey(s), s);
  }

  #removeKeyOf(slot: number): void {
    const ix = this.#index;
    if (ix.kind === "number") ix.removeNumber(this.#cols[this.keyColumns[0]].f64![slot]);
    else if (ix.kind === "string") ix.removeString(this.#metaKeys![slot] as string);
    else if (ix.kind === "code") ix.removeCode(this.#cols[this.keyColumns[0]].i32![slot]);
    else ix.removeKey(this.#storedKey(slot));
  }

  #addKeyOf(slot: number): void {
    const ix = this.#index;
    if (ix.kind === "number") ix.insertNumber(this.#cols[this.keyColumns[0]].f64![slot], slot);
    else if (ix.kind === "string") ix.insertString(this.#metaKeys![slot] as string, slot);
    else if (ix.kind === "code") ix.setCode(this.#cols[this.keyColumns[0]].i32![slot], slot);
    else ix.setKey(this.#storedKey(slot), slot);
  }

  // --- writes --------------------------------------------------------------------------------------------

  #isTombstone(values: readonly Value[]): boolean {
    if (!this.#tombstones) return false;
    const kc = this.keyColumns;
    for (let c = 0; c < values.length; c++) if (values[c] !== null && !kc.includes(c)) return false;
    return true;
  }

  /**
   * Inserts or replaces the row of its key. A row whose non-key fields are all NULL is a tombstone and
   * deletes the key instead (unless the table was made with `tombstones: false`).
   *
   * @param row the values in schema order, or a StreamRecord of this schema
   * @param key the key, for a table keyed by metadata (default: the record's `meta.key`)
   * @returns true when a new key was inserted, false when a row was replaced or deleted
   * @throws {TypeError} naming the field when a value does not fit, a NOT NULL field gets NULL, or the key is missing
   */
  upsert(row: readonly Value[] | StreamRecord, key?: Value): boolean {
    const values = row instanceof StreamRecord ? row.values : row;
    return this.#applyRow(values, this.#checkRow(values, row, key));
  }

  /**
   * Checks a row for upsert without changing anything: value types, NULL and NaN keys, NOT NULL fields, the
   * metadata key. Returns the metadata key (null for a table keyed by columns).
   */
  #checkRow(values: readonly Value[], row: readonly Value[] | StreamRecord, key: Value | undefined): Value {
    const fields = this.schema.fields;
    if (values.length !== fields.length) {
      throw new TypeError(`Row has ${values.length} values but the table has ${fields.length} columns`);
    }
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      if (v === null) {
        if (this.keyColumns.includes(c)) throw new TypeError(`Key column "${this.schema.names[c]}" cannot be NULL`);
        if (!fields[c].nullable) throw new TypeError(`Field "${this.schema.names[c]}": NULL in a NOT NULL field`);
        continue;
      }
      const why = this.#cols[c].check(v);
      if (why !== null) throw new TypeError(why);
      if (v !== v && this.keyColumns.includes(c)) {
        throw new TypeError(`Key column "${this.schema.names[c]}" cannot be NaN`);
      }
    }
    if (this.#metaKeys === null) return null;
    const k = key !== undefined ? key : row instanceof StreamRecord ? row.meta.key : null;
    if (k === null) {
      throw new TypeError("This table is keyed by record metadata: pass a key or a record with meta.key");
    }
    if (typeof k !== "string") this.#encode(k); // throws for a value that cannot be a key
    return k;
  }

  /** Upserts a row #checkRow accepted (k: its metadata key). */
  #applyRow(values: readonly Value[], k: Value): boolean {
    if (this.#isTombstone(values)) {
      this.delete(
        this.#metaKeys !== null
          ? k
          : this.keyColumns.length === 1
          ? values[this.keyColumns[0]]
          : this.keyColumns.map((c) => values[c]),
      );
      return false;
    }
    if (this.#index.kind === "number") {
      const kv = values[this.keyColumns[0]];
      if (typeof kv === "bigint" && typeof normalizeInt64(kv) === "bigint") this.#toMapIndex();
    }
    if (this.#index.kind === "string" && typeof k !== "string") {
      this.#encode(k); // validates before the index changes form
      this.#toMapIndex();
    }
    const lookup: TableKey = this.#metaKeys !== null
      ? k
      : this.keyColumns.length === 1
      ? values[this.keyColumns[0]]
      : this.keyColumns.map((c) => values[c]);
    let slot = this.slotOf(lookup);
    this.#beforeWrite();
    const fresh = slot < 0;
    if (fresh) slot = this.#alloc();
    else if (this.#secondary.size > 0) this.#unindex(slot);
    for (let c = 0; c < values.length; c++) this.#cols[c].set(slot, values[c]);
    if (this.#metaKeys !== null) this.#metaKeys[slot] = k;
    if (fresh) {
      this.#live[slot] = 1;
      this.#size++;
      this.#addKeyOf(slot);
    }
    if (this.#secondary.size > 0) this.#reindex(slot);
    return fresh;
  }

  /**
   * Deletes the row of a key.
   *
   * @param key the key
   * @returns true when a row was deleted
   */
  delete(key: TableKey): boolean {
    const slot = this.slotOf(key);
    if (slot < 0) return false;
    this.#beforeWrite();
    this.#removeKeyOf(slot);
    if (this.#secondary.size > 0) this.#unindex(slot);
    this.#release(slot);
    return true;
  }

  /** Removes every row (keeps the schema, indexes and capacity). */
  clear(): void {
    this.#beforeWrite();
    this.#live.fill(0);
    this.#hwm = 0;
    this.#size = 0;
    this.#freeCount = 0;
    this.#index.clear();
    if (this.#metaKeys !== null) this.#metaKeys.length = 0;
    for (const c of this.#cols) if (c.values !== null) c.values.length = 0;
    for (const ix of this.#secondary.values()) ix.clear();
  }

  #checkBatch(batch: RecordBatch): void {
    const s = batch.schema;
    if (s === this.schema) return;
    if (s.length !== this.schema.length) {
      throw new TypeError(`Batch has ${s.length} columns but the table has ${this.schema.length}`);
    }
    for (let i = 0; i < s.length; i++) {
      const a = s.fields[i], b = this.schema.fields[i];
      if (a.name.toLowerCase() !== b.name.toLowerCase() || !typeEquals(a.type, b.type)) {
        throw new TypeError(
          `Batch column ${i} is "${a.name}" ${typeName(a.type)} but the table has "${b.name}" ${typeName(b.type)}`,
        );
      }
    }
  }

  /**
   * Upserts every logical row of a batch in order (tombstones delete), columnar where it can.
   *
   * @param batch rows of this table's schema (same names and types in the same order)
   * @returns rows applied
   * @throws {TypeError} when the batch's schema does not match, or a value does not fit
   */
  upsertBatch(batch: RecordBatch): number {
    this.#checkBatch(batch);
    const n = batch.length;
    if (n === 0) return 0;
    const kind = this.#index.kind;
    const cols = batch.columns;
    const kc = this.keyColumns;
    const keyLayout = kc.length === 1 ? cols[kc[0]].layout : "";
    const fast = this.#secondary.size === 0 && this.#notNullOk(batch) &&
      ((kind === "number" && keyLayout === "f64") || (kind === "code" && keyLayout === "dict") ||
        ((kind === "map" || kind === "string") && (this.#metaKeys === null || batch.meta?.key != null)));
    if (!fast) {
      // every row is checked before the first one is applied: a bad row leaves the table as it was
      const rows: Value[][] = new Array(n), keys: Value[] = new Array(n);
      for (let r = 0; r < n; r++) {
        const p = batch.physicalRow(r);
        const values = rows[r] = cols.map((c) => valueAt(c, p));
        try {
          keys[r] = this.#checkRow(values, values, this.#metaKeys !== null ? batch.meta?.key?.[p] ?? null : undefined);
        } catch (e) {
          throw e instanceof TypeError ? new TypeError(`Row ${r}: ${e.message}`) : e;
        }
      }
      for (let r = 0; r < n; r++) this.#applyRow(rows[r], keys[r]);
      return n;
    }
    this.#beforeWrite();
    const rows = batch.selection;
    const slots = new Int32Array(n);
    const tomb = this.#tombstones ? this.#tombstoneRows(batch) : null;
    const key = kc.length === 1 ? cols[kc[0]] : cols[0];
    if (kc.length === 1 && key.validity !== null) {
      for (let r = 0; r < n; r++) {
        if (key.validity[rows === null ? r : rows[r]] === 0) {
          throw new TypeError(`Row ${r}: Key column "${this.schema.names[kc[0]]}" cannot be NULL`);
        }
      }
    }
    const ix = this.#index;
    const kcol = this.#cols[kc.length === 1 ? kc[0] : 0];
    let base = -1;
    if (kind === "string" && tomb === null && (base = this.#stringPass(batch.meta!.key!, rows, slots)) !== -2) {
      // done: every key was a string
    } else if (kind === "map" || kind === "string") {
      base = -1;
      this.#mapPass(batch, slots, tomb);
    } else if (key.layout === "f64") {
      base = this.#numberPass(key.data, rows, slots, tomb, kcol);
    } else if (key.layout === "dict") {
      const codes = key.codes, m = kcol.remap(key.dict);
      for (let r = 0; r < n; r++) {
        const p = rows === null ? r : rows[r];
        const c = codes[p];
        let code = m[c];
        if (code < 0) code = kcol.codeOf(key.dict, m, c);
        let s = ix.findCode(code);
        if (tomb !== null && tomb[r] === 1) {
          if (s >= 0) {
            ix.removeCode(code);
            this.#release(s);
          }
          slots[r] = -1;
          continue;
        }
        if (s < 0) {
          s = this.#alloc();
          kcol.i32![s] = code;
          ix.setCode(code, s);
          this.#live[s] = 1;
          this.#size++;
        }
        slots[r] = s;
      }
    }
    for (let c = 0; c < cols.length; c++) {
      if ((kind === "number" || kind === "code") && c === kc[0]) continue;
      this.#cols[c].copyFrom(cols[c], rows, slots, n, base);
    }
    return n;
  }

  /**
   * Pass 1 of a columnar batch upsert for a number key column: the slot of every row (-1: tombstone), new keys
   * inserted. The keys are probed all at once first (one tight loop of independent index reads, so the CPU
   * overlaps their cache misses), then only the misses are inserted; a key repeated in the batch finds the slot
   * its first occurrence took. Without tombstones a found slot cannot move within the batch.
   *
   * @returns the first slot when the rows landed in consecutive slots (a fresh load), else -1
   */
  #numberPass(
    kd: Float64Array,
    rows: Int32Array | null,
    slots: Int32Array,
    tomb: Uint8Array | null,
    kcol: _TableColumn,
  ): number {
    const ix = this.#index, n = slots.length;
    let keys = kd;
    if (rows !== null) {
      keys = new Float64Array(n);
      for (let r = 0; r < n; r++) keys[r] = kd[rows[r]];
    }
    let negZero = false;
    for (let r = 0; r < n; r++) {
      const k = keys[r];
      if (k !== k) throw new TypeError(`Row ${r}: Key column "${this.schema.names[this.keyColumns[0]]}" cannot be NaN`);
      if (k === 0 && 1 / k < 0) negZero = true;
    }
    if (negZero) {
      if (keys === kd) keys = kd.slice(0, n);
      for (let r = 0; r < n; r++) if (keys[r] === 0) keys[r] = 0;
    }
    if (keys.length !== n) keys = keys.subarray(0, n);
    if (tomb === null && this.#freeCount === 0) {
      // the common load: one pass finds or claims every key (direct addressing)
      const first = this.#hwm;
      const claimed = ix.claimNumbers(keys, slots, first);
      if (claimed >= 0) {
        if (claimed === 0) return -1;
        this.#reserve(claimed);
        this.#hwm += claimed;
        this.#size += claimed;
        this.#live.fill(1, first, first + claimed);
        const kf = kcol.f64!;
        if (claimed === n) {
          kf.set(keys, first);
          return first;
        }
        for (let r = 0; r < n; r++) if (slots[r] >= first) kf[slots[r]] = keys[r];
        return -1;
      }
    }
    if (tomb !== null) {
      for (let r = 0; r < n; r++) {
        const k = keys[r];
        let s = ix.findNumber(k);
        if (tomb[r] === 1) {
          if (s >= 0) {
            ix.removeNumber(k);
            this.#release(s);
          }
          slots[r] = -1;
          continue;
        }
        if (s < 0) {
          s = this.#alloc();
          kcol.f64![s] = k;
          ix.insertNumber(k, s);
          this.#live[s] = 1;
          this.#size++;
        }
        slots[r] = s;
      }
      return -1;
    }
    ix.findNumbers(keys, slots);
    let misses = 0;
    for (let r = 0; r < n; r++) if (slots[r] < 0) misses++;
    if (misses === 0) return -1;
    this.#reserve(misses);
    const kd2 = kcol.f64!, live = this.#live;
    const first = this.#freeCount === 0 ? this.#hwm : -2;
    let consecutive = misses === n && first >= 0;
    for (let r = 0; r < n; r++) {
      let s = slots[r];
      if (s < 0) {
        const k = keys[r];
        s = ix.findNumber(k);
        if (s < 0) {
          s = this.#freeCount > 0 ? this.#free[--this.#freeCount] : this.#hwm++;
          kd2[s] = k;
          ix.insertNumber(k, s);
          live[s] = 1;
          this.#size++;
        }
        slots[r] = s;
      }
      if (s !== first + r) consecutive = false;
    }
    return consecutive ? first : -1;
  }

  /** Grows the storage so that `extra` more slots can be allocated without growing. */
  #reserve(extra: number): void {
    const need = this.#hwm + Math.max(0, extra - this.#freeCount);
    if (need <= this.#cap) return;
    this.#growTo(_grownCapacity(need));
  }

  #growTo(cap: number): void {
    for (const c of this.#cols) c.grow(cap);
    this.#live = new Uint8Array(_grownBuffer(this.#live, cap));
    this.#cap = cap;
    if (this.#index.kind === "number") this.#index.attachKeys(this.#cols[this.keyColumns[0]].f64!);
  }

  /**
   * Pass 1 of a columnar batch upsert for string metadata keys without tombstones: the slot of every row, new
   * keys inserted.
   *
   * @returns the first slot when the rows landed in consecutive slots, -1 when not, -2 (nothing done) when a
   *   key is not a string
   */
  #stringPass(bk: readonly Value[], rows: Int32Array | null, slots: Int32Array): number {
    const n = slots.length;
    for (let r = 0; r < n; r++) {
      const k = bk[rows === null ? r : rows[r]];
      if (typeof k !== "string") {
        if (k === null) throw new TypeError(`Row ${r}: the key cannot be NULL`);
        return -2;
      }
    }
    const ix = this.#index, metaKeys = this.#metaKeys!;
    const first = this.#freeCount === 0 ? this.#hwm : -2;
    let consecutive = first >= 0;
    for (let r = 0; r < n; r++) {
      const k = bk[rows === null ? r : rows[r]] as string;
      let s = ix.probeString(k);
      if (s < 0) {
        s = this.#alloc();
        metaKeys[s] = k;
        ix.insertString(k, s);
        this.#live[s] = 1;
        this.#size++;
      }
      slots[r] = s;
      if (s !== first + r) consecutive = false;
    }
    return consecutive ? first : -1;
  }

  /** Pass 1 of a columnar batch upsert for a Map-indexed key: the slot of every row (-1: tombstone). */
  #mapPass(batch: RecordBatch, slots: Int32Array, tomb: Uint8Array | null): void {
    let ix = this.#index;
    const kc = this.keyColumns, cols = batch.columns, n = batch.length;
    const metaKeys = this.#metaKeys, bk = batch.meta?.key ?? null;
    // every key is checked before the first one is placed: a bad key leaves the table as it was
    const keys: TableKey[] = new Array(n);
    for (let r = 0; r < n; r++) {
      const p = batch.physicalRow(r);
      let kv: TableKey;
      if (metaKeys !== null) kv = bk![p];
      else if (kc.length === 1) kv = valueAt(cols[kc[0]], p);
      else kv = kc.map((c) => valueAt(cols[c], p));
      if (kv === null) {
        throw new TypeError(
          metaKeys !== null
            ? `Row ${r}: the key cannot be NULL`
            : `Row ${r}: Key column "${this.schema.names[kc[0]]}" cannot be NULL`,
        );
      }
      if (Array.isArray(kv) && kv.includes(null)) {
        throw new TypeError(`Row ${r}: Key column "${this.schema.names[kc[kv.indexOf(null)]]}" cannot be NULL`);
      }
      if (metaKeys === null) {
        for (let i = 0; i < kc.length; i++) {
          const v = kc.length === 1 ? kv : (kv as Value[])[i];
          if (v !== v) throw new TypeError(`Row ${r}: Key column "${this.schema.names[kc[i]]}" cannot be NaN`);
        }
      } else if (typeof kv !== "string") {
        try {
          this.#encode(kv);
        } catch (e) {
          throw e instanceof TypeError ? new TypeError(`Row ${r}: ${e.message}`) : e;
        }
      }
      keys[r] = kv;
    }
    for (let r = 0; r < n; r++) {
      const kv = keys[r];
      if (ix.kind === "string") {
        if (typeof kv === "string") {
          let s = ix.probeString(kv);
          if (tomb !== null && tomb[r] === 1) {
            if (s >= 0) {
              ix.removeString(kv);
              this.#release(s);
            }
            slots[r] = -1;
            continue;
          }
          if (s < 0) {
            s = this.#alloc();
            metaKeys![s] = kv;
            ix.insertString(kv, s);
            this.#live[s] = 1;
            this.#size++;
          }
          slots[r] = s;
          continue;
        }
        this.#encode(kv);
        this.#toMapIndex();
        ix = this.#index;
      }
      const k = this.#encode(kv);
      let s = ix.findKey(k);
      if (tomb !== null && tomb[r] === 1) {
        if (s >= 0) {
          ix.removeKey(k);
          this.#release(s);
        }
        slots[r] = -1;
        continue;
      }
      if (s < 0) {
        s = this.#alloc();
        ix.setKey(k, s);
        this.#live[s] = 1;
        this.#size++;
        if (metaKeys !== null) metaKeys[s] = kv as Value;
      }
      slots[r] = s;
    }
  }

  /** Whether the batch's NULLs respect the table's NOT NULL fields (throws naming the first offender). */
  #notNullOk(batch: RecordBatch): boolean {
    const f = this.schema.fields;
    for (let c = 0; c < f.length; c++) {
      const v = batch.columns[c].validity;
      if (f[c].nullable || v === null) continue;
      for (let r = 0; r < batch.length; r++) {
        if (v[batch.physicalRow(r)] === 0) {
          // a tombstone may carry NULLs in NOT NULL fields; let the row path judge it
          return false;
        }
      }
    }
    return true;
  }

  /** 1 per logical row whose non-key columns are all NULL, or null when no row can be. */
  #tombstoneRows(batch: RecordBatch): Uint8Array | null {
    const kc = this.keyColumns;
    const vs: Uint8Array[] = [];
    for (let c = 0; c < batch.columns.length; c++) {
      if (kc.includes(c)) continue;
      const v = batch.columns[c].validity;
      if (v === null) return null;
      vs.push(v);
    }
    const n = batch.length, out = new Uint8Array(n);
    let any = false;
    for (let r = 0; r < n; r++) {
      const p = batch.physicalRow(r);
      let all = 1;
      for (const v of vs) {
        if (v[p] !== 0) {
          all = 0;
          break;
        }
      }
      out[r] = all;
      if (all === 1) any = true;
    }
    return any ? out : null;
  }

  /**
   * Deletes the keys of every logical row of a batch (its key columns, or `meta.key` for a metadata-keyed
   * table).
   *
   * @param batch rows of this table's schema
   * @returns rows deleted
   */
  deleteBatch(batch: RecordBatch): number {
    this.#checkBatch(batch);
    let d = 0;
    const kc = this.keyColumns;
    for (let r = 0; r < batch.length; r++) {
      const p = batch.physicalRow(r);
      const key: TableKey = this.#metaKeys !== null
        ? batch.meta?.key?.[p] ?? null
        : kc.length === 1
        ? valueAt(batch.columns[kc[0]], p)
        : kc.map((c) => valueAt(batch.columns[c], p));
      if (this.delete(key)) d++;
    }
    return d;
  }

  /** Applies a load's `expectedRows` hint. */
  #reserveFor(expected: number | undefined): void {
    if (expected === undefined) return;
    if (!Number.isSafeInteger(expected) || expected < 0) {
      throw new RangeError(`expectedRows must be a non-negative integer, got ${expected}`);
    }
    this.reserve(this.#size + expected);
  }

  /**
   * Loads batches from a synchronous source.
   *
   * @param source an iterable of batches
   * @param options progress callback, expected rows
   * @returns the final progress
   * @throws {RangeError} when `expectedRows` is not a non-negative integer
   */
  loadSync(source: Iterable<RecordBatch>, options: LoadOptions = {}): LoadProgress {
    this.#reserveFor(options.expectedRows);
    if (Array.isArray(source) && this.#size === 0) {
      // an empty table loading an array of batches: allocate every row once instead of doubling into it
      let rows = 0;
      for (const b of source as readonly RecordBatch[]) rows += b.length;
      this.reserve(rows);
    }
    let batches = 0, records = 0;
    const cb = options.onProgress;
    for (const b of source) {
      records += this.upsertBatch(b);
      batches++;
      if (cb !== undefined) cb({ batches, records, rows: this.#size });
    }
    return { batches, records, rows: this.#size };
  }

  /**
   * Loads batches from any source: a `ReadableStream<RecordBatch>`, an async iterable or an iterable.
   *
   * @param source the batches
   * @param options progress callback, expected rows
   * @returns the final progress
   * @throws {RangeError} when `expectedRows` is not a non-negative integer
   * @example
   * ```ts
   * import { KeyedTable } from "./keyed_table.ts";
   * import { TRADE_SCHEMA, tradeBatches } from "../gen/trades.ts";
   * const t = new KeyedTable(TRADE_SCHEMA, { key: "id" });
   * const p = await t.load(ReadableStream.from(tradeBatches({ rows: 100 })));
   * if (p.rows !== 100) throw new Error();
   * ```
   */
  async load(source: BatchInput, options: LoadOptions = {}): Promise<LoadProgress> {
    if (Symbol.iterator in source) return this.loadSync(source as Iterable<RecordBatch>, options);
    this.#reserveFor(options.expectedRows);
    let batches = 0, records = 0;
    const cb = options.onProgress;
    for await (const b of source as AsyncIterable<RecordBatch>) {
      records += this.upsertBatch(b);
      batches++;
      if (cb !== undefined) cb({ batches, records, rows: this.#size });
    }
    return { batches, records, rows: this.#size };
  }

  // --- schema and indexes --------------------------------------------------------------------------------

  /**
   * Declares a secondary index on a column; it is built now and kept consistent on every write. Equality and
   * IN conditions on the column then read only the matching slots.
   *
   * @param column the column name
   * @throws {RangeError} for an unknown column
   * @throws {TypeError} for a column type without a flat layout (Decimal, Array, Map, Struct, Interval)
   */
  createIndex(column: string): void {
    const c = this.#resolve(column, "Index column");
    if (this.#secondary.has(c)) return;
    if (this.#cols[c].layout === "values") {
      throw new TypeError(
        `Column "${this.schema.names[c]}" has type ${typeName(this.schema.fields[c].type)}, which cannot be indexed`,
      );
    }
    const ix = new SecondaryIndex(c);
    this.#secondary.set(c, ix);
    for (let s = 0; s < this.#hwm; s++) if (this.#live[s] === 1) ix.add(this.#indexKey(c, s), s);
    this.plans.invalidate();
  }

  /**
   * The secondary index of a column (low level).
   *
   * @param column the column position
   * @returns the index, or undefined
   */
  secondaryIndex(column: number): SecondaryIndex | undefined {
    return this.#secondary.get(column);
  }

  /**
   * The dictionary code of a string in a String column (low level, for index probes).
   *
   * @param column the column position
   * @param s the string
   * @returns the code, or -1 when the column never held it
   */
  codeOf(column: number, s: string): number {
    return this.#cols[column].dict?.lookup(s) ?? -1;
  }

  /**
   * Whether a column's storage is currently the exact-double (`f64`) layout (low level).
   *
   * @param column the column position
   * @returns true for f64
   */
  isF64(column: number): boolean {
    return this.#cols[column].layout === "f64";
  }

  /**
   * Adds a nullable column at the end (NULL in every existing row). The schema changes, so cached plans are
   * dropped.
   *
   * @param name the new column's name
   * @param type its type
   * @returns the new schema
   * @throws {RangeError} when the name is taken
   */
  addColumn(name: string, type: DataType): Schema {
    const schema = this.schema.extend([{ name, type, nullable: true }]);
    this.#beforeWrite();
    const col = new _TableColumn(name, type, this.#cap);
    for (let s = 0; s < this.#hwm; s++) col.setNull(s);
    this.#cols.push(col);
    (this as { schema: Schema }).schema = schema;
    this.#schemaVersion++;
    this.plans.invalidate();
    this.expressionPlans.invalidate();
    return schema;
  }

  // --- views ---------------------------------------------------------------------------------------------

  /**
   * A view of the current storage for a query running now (do not keep it across writes).
   *
   * @returns the view
   */
  scanView(): TableView {
    const cached = this.#view;
    if (cached !== null && this.#viewVersion === this.#version) return cached;
    const n = this.#hwm;
    this.#viewVersion = this.#version;
    return this.#view = {
      columns: this.#cols.map((c) => c.view(n)),
      live: this.#live,
      slots: n,
      dense: this.#size === n,
      metaKeys: this.#metaKeys,
    };
  }
  #view: TableView | null = null;
  #viewVersion = -1;

  /**
   * A snapshot of the rows as they are now, kept intact by copy-on-write: the next write after a snapshot
   * copies the storage first. Call `release` when done so that later writes need not copy.
   *
   * @returns the view and its release function
   */
  snapshot(): { view: TableView; release: () => void } {
    const view = this.scanView();
    const gen = this.#storageGen;
    this.#shared++;
    let released = false;
    return {
      view,
      release: () => {
        if (released) return;
        released = true;
        if (gen === this.#storageGen && this.#shared > 0) this.#shared--;
      },
    };
  }

  /**
   * Memory held, by part (low level; see `tableStats`).
   *
   * @returns bytes of the column arrays, dictionaries' strings and maps, the key index, secondary indexes and
   *   slot bookkeeping
   */
  memoryParts(): {
    columns: number[];
    dictionaries: number;
    keyIndex: number;
    secondaryIndexes: number;
    slots: number;
    metaKeys: number;
  } {
    const columns = this.#cols.map((c) => {
      let b = c.validity?.byteLength ?? 0;
      b += c.f64?.byteLength ?? 0;
      b += c.i64?.byteLength ?? 0;
      b += c.i32?.byteLength ?? 0;
      b += c.u8?.byteLength ?? 0;
      if (c.values !== null) b += c.values.length * 8;
      return b;
    });
    let dictionaries = 0;
    for (const c of this.#cols) if (c.dict !== null) dictionaries += _dictionaryBytes(c.dict.values);
    let secondaryIndexes = 0;
    for (const ix of this.#secondary.values()) secondaryIndexes += ix.byteSize();
    let metaKeys = 0;
    if (this.#metaKeys !== null) {
      metaKeys = this.#metaKeys.length * 8;
      for (const k of this.#metaKeys) if (typeof k === "string") metaKeys += _stringBytes(k);
    }
    return {
      columns,
      dictionaries,
      keyIndex: this.#index.byteSize(),
      secondaryIndexes,
      slots: this.#live.byteLength + this.#free.byteLength,
      metaKeys,
    };
  }

  // --- queries (each delegates to a free function of table_query.ts / table_stream.ts / table_stats.ts) ---

  /**
   * Rows where a condition is TRUE (all rows without one). See `countWhere`.
   *
   * @param where a WHERE condition
   * @returns the count
   */
  count(where?: string): number {
    return countWhere(this, where);
  }

  /**
   * The rows where a condition is TRUE, copied into one batch. See `filterTable`.
   *
   * @param where a WHERE condition (default: every row)
   * @returns the batch
   */
  filter(where?: string): RecordBatch {
    return filterTable(this, where);
  }

  /**
   * Whether any row satisfies a condition. See `existsWhere`.
   *
   * @param where a WHERE condition
   * @returns true when a row matches
   */
  exists(where: string): boolean {
    return existsWhere(this, where);
  }

  /**
   * The values of a column or expression where a condition is TRUE. See `columnValuesWhere`.
   *
   * @param expression a column name or value expression
   * @param where a WHERE condition (default: every row)
   * @returns the values in slot order
   */
  columnValues(expression: string, where?: string): Value[] {
    return columnValuesWhere(this, expression, where);
  }

  /**
   * Exact SUM of a column or expression where a condition is TRUE. See `aggregateWhere`.
   *
   * @param expression a column name or numeric expression
   * @param where a WHERE condition (default: every row)
   * @returns the sum (NULL over no value)
   */
  sum(expression: string, where?: string): Value {
    return aggregateWhere(this, "SUM", expression, where);
  }

  /**
   * MIN of a column or expression where a condition is TRUE. See `aggregateWhere`.
   *
   * @param expression a column name or expression
   * @param where a WHERE condition (default: every row)
   * @returns the minimum (NULL over no value)
   */
  min(expression: string, where?: string): Value {
    return aggregateWhere(this, "MIN", expression, where);
  }

  /**
   * MAX of a column or expression where a condition is TRUE. See `aggregateWhere`.
   *
   * @param expression a column name or expression
   * @param where a WHERE condition (default: every row)
   * @returns the maximum (NULL over no value)
   */
  max(expression: string, where?: string): Value {
    return aggregateWhere(this, "MAX", expression, where);
  }

  /**
   * AVG of a column or expression where a condition is TRUE (an exact Decimal for Integer / ScaledInteger).
   * See `aggregateWhere`.
   *
   * @param expression a column name or numeric expression
   * @param where a WHERE condition (default: every row)
   * @returns the average (NULL over no value)
   */
  avg(expression: string, where?: string): Value {
    return aggregateWhere(this, "AVG", expression, where);
  }

  /**
   * One value: an aggregate call such as `SUM(amount)` or `COUNT(*)`, or a plain expression matched by at most
   * one row. See `scalarWhere`.
   *
   * @param expression the expression
   * @param where a WHERE condition (default: every row)
   * @returns the value
   */
  scalar(expression: string, where?: string): Value {
    return scalarWhere(this, expression, where);
  }

  /**
   * The rows as a stream of batches over a consistent snapshot, with backpressure. See `streamTable`.
   *
   * @param size rows per batch (default 4096)
   * @returns the stream
   */
  streamBatches(size = 4096): ReadableStream<RecordBatch> {
    return streamTable(this, size);
  }

  /**
   * Rows and the memory the table holds. See `tableStats`.
   *
   * @returns the statistics
   */
  stats(): TableStats {
    return tableStats(this);
  }
}

/**
 * The capacity a table grows to when it needs `need` slots: the next power of two. From the default capacity that is
 * doubling; from a capacity set by `capacity` or `reserve` that a load outgrew (an estimate a little short), it is
 * the next power of two rather than twice the estimate.
 */
function _grownCapacity(need: number): number {
  let cap = 16;
  while (cap < need) cap *= 2;
  return cap;
}

/** EMPTY_META with a key (a literal of the same shape: cheaper than spreading the frozen EMPTY_META). */
function _metaWithKey(key: Value): RecordMeta {
  return { timestamp: 0, offset: -1, partition: -1, key, headers: null, topic: null, eventTime: null };
}

/** Estimated heap bytes of a string: a 16-byte header plus 1 byte per char (2 when not Latin-1), 8-aligned. */
function _stringBytes(s: string): number {
  // deno-lint-ignore no-control-regex
  const wide = /[^\u0000-\u00ff]/.test(s);
  return (16 + s.length * (wide ? 2 : 1) + 7) & ~7;
}

/** Estimated bytes of a dictionary: its strings, the values array and the string -> code Map entries. */
function _dictionaryBytes(values: readonly string[]): number {
  let b = values.length * (8 + MAP_ENTRY_BYTES);
  for (const s of values) b += _stringBytes(s);
  return b;
}
