/**
 * ColumnBuilder: appends values of one logical type into a growable typed array and finishes a Column.
 *
 * Integer-like columns (Integer, ScaledInteger units, Timestamp micros) start in the `f64` layout and widen to
 * `i64` (BigInt64Array) the first time a value past 2^53-1 arrives; every value stays exact.
 *
 * @module
 */

import { type DataType, typeName } from "../types/data_type.ts";
import type { Value } from "../values/value.ts";
import { type Int64, normalizeInt64 } from "../values/int64.ts";
import { ScaledInteger } from "../values/scaled_integer.ts";
import { Interval, SqlDate, Timestamp } from "../values/temporal.ts";
import { Decimal } from "../values/decimal.ts";
import { SmallMap } from "../values/small_map.ts";
import { StructValue } from "../values/struct_value.ts";
import { type Column, type ColumnLayout, layoutFor } from "./column.ts";
import { StringDictionary } from "./string_dictionary.ts";

/** Options of a ColumnBuilder. */
export interface ColumnBuilderOptions {
  /** Rows to allocate up front (default 1024); the builder doubles as needed. */
  capacity?: number;
  /** Dictionary to intern strings into (default: a new one). Share one across a stream's batches. */
  dictionary?: StringDictionary;
}

function describe(v: unknown): string {
  if (v === null) return "NULL";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "object") return `${(v as object).constructor?.name ?? "object"} ${String(v)}`;
  return String(v);
}

/** Builds one column of one logical type. */
export class ColumnBuilder {
  /** Logical type. */
  readonly type: DataType;
  /** Current layout (`f64` may become `i64`). */
  layout: ColumnLayout;
  /** Rows appended so far. */
  length = 0;
  #cap: number;
  #f64: Float64Array | null = null;
  #i64: BigInt64Array | null = null;
  #i32: Int32Array | null = null;
  #u8: Uint8Array | null = null;
  #values: Value[] | null = null;
  #dict: StringDictionary | null = null;
  #validity: Uint8Array | null = null;
  #isFloat: boolean;

  /**
   * Creates a ColumnBuilder.
   *
   * @param type the logical type of the column
   * @param options capacity and a shared dictionary
   * @example
   * ```ts
   * import { ColumnBuilder } from "./column_builder.ts";
   * import { Types } from "../types/data_type.ts";
   * const b = new ColumnBuilder(Types.Integer);
   * b.appendValue(1); b.appendValue(2n ** 60n); b.appendNull();
   * const col = b.finish();
   * if (col.layout !== "i64" || col.length !== 3) throw new Error();
   * ```
   */
  constructor(type: DataType, options: ColumnBuilderOptions = {}) {
    this.type = type;
    this.layout = layoutFor(type);
    this.#cap = Math.max(1, options.capacity ?? 1024);
    this.#isFloat = type.kind === "float";
    switch (this.layout) {
      case "f64":
        this.#f64 = new Float64Array(this.#cap);
        break;
      case "i32":
        this.#i32 = new Int32Array(this.#cap);
        break;
      case "bool":
        this.#u8 = new Uint8Array(this.#cap);
        break;
      case "dict":
        this.#i32 = new Int32Array(this.#cap);
        this.#dict = options.dictionary ?? new StringDictionary();
        break;
      default:
        this.#values = [];
    }
  }

  /** The dictionary of a String column (null for other types). */
  get dictionary(): StringDictionary | null {
    return this.#dict;
  }

  #grow(): void {
    const cap = this.#cap * 2;
    if (this.#f64 !== null) {
      const a = new Float64Array(cap);
      a.set(this.#f64);
      this.#f64 = a;
    }
    if (this.#i64 !== null) {
      const a = new BigInt64Array(cap);
      a.set(this.#i64);
      this.#i64 = a;
    }
    if (this.#i32 !== null) {
      const a = new Int32Array(cap);
      a.set(this.#i32);
      this.#i32 = a;
    }
    if (this.#u8 !== null) {
      const a = new Uint8Array(cap);
      a.set(this.#u8);
      this.#u8 = a;
    }
    if (this.#validity !== null) {
      const a = new Uint8Array(cap);
      a.set(this.#validity);
      this.#validity = a;
    }
    this.#cap = cap;
  }

  #widen(): void {
    const f = this.#f64!;
    const a = new BigInt64Array(this.#cap);
    for (let i = 0; i < this.length; i++) a[i] = BigInt(f[i]);
    this.#i64 = a;
    this.#f64 = null;
    this.layout = "i64";
  }

  /** Appends a NULL. */
  appendNull(): void {
    if (this.length === this.#cap) this.#grow();
    if (this.#validity === null) {
      this.#validity = new Uint8Array(this.#cap);
      this.#validity.fill(1, 0, this.length);
    }
    this.#validity[this.length] = 0;
    if (this.#values !== null) this.#values.push(null);
    this.length++;
  }

  #pushValid(): number {
    if (this.length === this.#cap) this.#grow();
    const i = this.length++;
    if (this.#validity !== null) this.#validity[i] = 1;
    return i;
  }

  /**
   * Appends a double to a Float column, or an exact safe integer to an Integer / ScaledInteger (units) /
   * Timestamp (micros) column. The hot path of codecs.
   *
   * @param x the number
   * @throws {TypeError} when the column is not of an f64-backed type
   * @throws {RangeError} when an integer column gets a non-integer or a number past 2^53-1 (use appendInt64 with a bigint)
   */
  appendNumber(x: number): void {
    if (this.layout === "f64") {
      if (!this.#isFloat && !Number.isSafeInteger(x)) {
        throw new RangeError(`Column of type ${typeName(this.type)} needs an exact integer, got ${x}`);
      }
      const i = this.#pushValid();
      this.#f64![i] = x;
    } else if (this.layout === "i64") {
      if (!Number.isSafeInteger(x)) {
        throw new RangeError(`Column of type ${typeName(this.type)} needs an exact integer, got ${x}`);
      }
      const i = this.#pushValid();
      this.#i64![i] = BigInt(x);
    } else {
      throw new TypeError(`Cannot append a number to a column of type ${typeName(this.type)}`);
    }
  }

  /**
   * Appends an exact i64 to an Integer / ScaledInteger (units) / Timestamp (micros) column, widening the layout
   * to BigInt64Array when the value is past 2^53-1.
   *
   * @param v a safe-integer number or a bigint in i64 range
   * @throws {TypeError} when the column is not integer-like
   * @throws {RangeError} when v is not an exact i64
   */
  appendInt64(v: Int64): void {
    const k = this.type.kind;
    if (k !== "integer" && k !== "scaled" && k !== "timestamp") {
      throw new TypeError(`Cannot append an integer to a column of type ${typeName(this.type)}`);
    }
    if (typeof v === "number") {
      this.appendNumber(v);
      return;
    }
    if (v < -(2n ** 63n) || v >= 2n ** 63n) {
      throw new RangeError(`Value ${v} is outside the i64 range for a column of type ${typeName(this.type)}`);
    }
    const n = normalizeInt64(v);
    if (typeof n === "number") {
      this.appendNumber(n);
      return;
    }
    if (this.layout === "f64") this.#widen();
    const i = this.#pushValid();
    this.#i64![i] = v;
  }

  /**
   * Appends a string code's string to a String column.
   *
   * @param s the string
   * @throws {TypeError} when the column is not a String column
   */
  appendString(s: string): void {
    if (this.#dict === null) throw new TypeError(`Cannot append a string to a column of type ${typeName(this.type)}`);
    const i = this.#pushValid();
    this.#i32![i] = this.#dict.intern(s);
  }

  /**
   * Appends a code of this column's dictionary to a String column (no lookup).
   *
   * @param code a code already interned in `dictionary`
   * @throws {RangeError} when the code is not in the dictionary
   */
  appendCode(code: number): void {
    if (this.#dict === null || (code >>> 0) !== code || code >= this.#dict.size) {
      throw new RangeError(`Code ${code} is not in this column's dictionary`);
    }
    const i = this.#pushValid();
    this.#i32![i] = code;
  }

  /**
   * Appends a Boolean.
   *
   * @param b the boolean
   * @throws {TypeError} when the column is not Boolean
   */
  appendBoolean(b: boolean): void {
    if (this.#u8 === null) throw new TypeError(`Cannot append a boolean to a column of type ${typeName(this.type)}`);
    const i = this.#pushValid();
    this.#u8[i] = b ? 1 : 0;
  }

  /**
   * Appends any row-level value, checked against the column type (see core/values/value.ts for which JS value
   * each type takes). A ScaledInteger must have the column's scale exactly: no silent rescaling.
   *
   * @param v the value (null appends NULL)
   * @throws {TypeError} when the value does not fit the column type, naming both
   */
  appendValue(v: Value): void {
    if (v === null) {
      this.appendNull();
      return;
    }
    const t = this.type;
    switch (t.kind) {
      case "boolean":
        if (typeof v === "boolean") return this.appendBoolean(v);
        break;
      case "integer":
        if (typeof v === "number" || typeof v === "bigint") return this.appendInt64(v);
        break;
      case "float":
        if (typeof v === "number") return this.appendNumber(v);
        break;
      case "string":
        if (typeof v === "string") return this.appendString(v);
        break;
      case "scaled":
        if (v instanceof ScaledInteger) {
          if (v.scale !== t.scale) {
            throw new TypeError(
              `Column of type ${typeName(t)} cannot take ${v} at scale ${v.scale}: rescale it explicitly`,
            );
          }
          return this.appendInt64(v.units);
        }
        break;
      case "date":
        if (v instanceof SqlDate) {
          const i = this.#pushValid();
          this.#i32![i] = v.days;
          return;
        }
        break;
      case "timestamp":
        if (v instanceof Timestamp) return this.appendInt64(v.micros);
        break;
      case "decimal":
        if (v instanceof Decimal && v.scale === t.scale) return this.#pushValue(v);
        break;
      case "interval":
        if (v instanceof Interval) return this.#pushValue(v);
        break;
      case "array":
        if (Array.isArray(v)) return this.#pushValue(v);
        break;
      case "map":
        if (v instanceof SmallMap) return this.#pushValue(v);
        break;
      case "struct":
        if (v instanceof StructValue) return this.#pushValue(v);
        break;
      case "null":
        break;
    }
    throw new TypeError(`Column of type ${typeName(t)} cannot take ${describe(v)}`);
  }

  #pushValue(v: Value): void {
    this.#pushValid();
    this.#values!.push(v);
  }

  /**
   * Finishes the column: trims the arrays to `length` (a copy only when capacity exceeds it) and resets the
   * builder to empty, keeping its type and dictionary.
   *
   * @returns the column
   */
  finish(): Column {
    const n = this.length;
    const trim = <T extends { subarray(a: number, b: number): T; slice(a: number, b: number): T }>(a: T): T =>
      n === this.#cap ? a : a.slice(0, n);
    const validity = this.#validity === null ? null : trim(this.#validity);
    const type = this.type;
    let col: Column;
    switch (this.layout) {
      case "f64":
        col = { layout: "f64", type, length: n, validity, data: trim(this.#f64!) };
        break;
      case "i64":
        col = { layout: "i64", type, length: n, validity, data: trim(this.#i64!) };
        break;
      case "i32":
        col = { layout: "i32", type, length: n, validity, data: trim(this.#i32!) };
        break;
      case "bool":
        col = { layout: "bool", type, length: n, validity, data: trim(this.#u8!) };
        break;
      case "dict":
        col = { layout: "dict", type, length: n, validity, codes: trim(this.#i32!), dict: this.#dict! };
        break;
      case "values":
        col = { layout: "values", type, length: n, validity, data: this.#values! };
        break;
    }
    this.#reset();
    return col;
  }

  #reset(): void {
    this.length = 0;
    this.#validity = null;
    this.layout = layoutFor(this.type);
    this.#f64 = this.#i64 = null;
    this.#i32 = null;
    this.#u8 = null;
    switch (this.layout) {
      case "f64":
        this.#f64 = new Float64Array(this.#cap);
        break;
      case "i32":
      case "dict":
        this.#i32 = new Int32Array(this.#cap);
        break;
      case "bool":
        this.#u8 = new Uint8Array(this.#cap);
        break;
      default:
        this.#values = [];
    }
  }
}
