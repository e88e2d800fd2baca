/**
 * Columns: the physical layouts behind RecordBatch. One typed array per fixed-width column.
 *
 * | layout | array | used for |
 * |---|---|---|
 * | `f64` | Float64Array | Float; and Integer, ScaledInteger units, Timestamp micros while every value is a safe integer |
 * | `i64` | BigInt64Array | Integer, ScaledInteger units, Timestamp micros once any value is past 2^53-1 |
 * | `i32` | Int32Array | Date (days since epoch) |
 * | `bool` | Uint8Array | Boolean (0 or 1 per row) |
 * | `dict` | Int32Array codes + StringDictionary | String |
 * | `values` | Value[] | Decimal, Interval, Array, Map, Struct, Null |
 *
 * Why i64 and ScaledInteger default to Float64Array: V8 computes on doubles at full speed and every integer up
 * to 2^53 is exact in a double, so sums, comparisons and price*qty over real feeds stay on the fast path; a
 * BigInt64Array read allocates a bigint per element. The layout is chosen per column: the builder switches to
 * BigInt64Array the moment a value past 2^53-1 arrives, so the i64 range stays exact. Kernels check `layout`.
 *
 * Validity: `validity` is null when the column has no NULL; otherwise one byte per row, 1 = valid, 0 = NULL
 * (a byte rather than a bit so zero-copy slices stay `subarray`s). The data slot of a NULL row is 0.
 *
 * @module
 */

import type { DataType } from "../types/data_type.ts";
import type { Value } from "../values/value.ts";
import type { StringDictionary } from "./string_dictionary.ts";

/** Fields every column layout has. */
export interface ColumnBase {
  /** Logical type of the values. */
  readonly type: DataType;
  /** Rows held by the column's arrays. */
  readonly length: number;
  /** 1 = valid, 0 = NULL, per row; null when no row is NULL. */
  readonly validity: Uint8Array | null;
}

/** Doubles: Float, or exact safe integers for Integer / ScaledInteger units / Timestamp micros. */
export interface F64Column extends ColumnBase {
  /** Layout tag. */
  readonly layout: "f64";
  /** One double per row. */
  readonly data: Float64Array;
}
/** Exact i64 for Integer / ScaledInteger units / Timestamp micros with values past 2^53-1. */
export interface I64Column extends ColumnBase {
  /** Layout tag. */
  readonly layout: "i64";
  /** One i64 per row. */
  readonly data: BigInt64Array;
}
/** 32-bit integers: Date days. */
export interface I32Column extends ColumnBase {
  /** Layout tag. */
  readonly layout: "i32";
  /** One i32 per row. */
  readonly data: Int32Array;
}
/** Booleans, one byte per row (0 or 1). */
export interface BoolColumn extends ColumnBase {
  /** Layout tag. */
  readonly layout: "bool";
  /** 0 or 1 per row. */
  readonly data: Uint8Array;
}
/** Dictionary-encoded strings. */
export interface DictColumn extends ColumnBase {
  /** Layout tag. */
  readonly layout: "dict";
  /** Code per row into `dict` (0 on NULL rows). */
  readonly codes: Int32Array;
  /** The string table (possibly shared with other batches). */
  readonly dict: StringDictionary;
}
/** Row values for types without a flat layout (Decimal, Interval, Array, Map, Struct, Null). */
export interface ValuesColumn extends ColumnBase {
  /** Layout tag. */
  readonly layout: "values";
  /** One value per row (null on NULL rows). */
  readonly data: readonly Value[];
}

/** Any column. */
export type Column = F64Column | I64Column | I32Column | BoolColumn | DictColumn | ValuesColumn;

/** The `layout` tag of a Column. */
export type ColumnLayout = Column["layout"];

/**
 * The layout a builder starts with for a type.
 *
 * @param type the logical type
 * @returns the initial layout (Integer-like types start as `f64` and may widen to `i64`)
 * @example
 * ```ts
 * import { layoutFor } from "./column.ts";
 * import { Types } from "../types/data_type.ts";
 * if (layoutFor(Types.String) !== "dict") throw new Error();
 * ```
 */
export function layoutFor(type: DataType): ColumnLayout {
  switch (type.kind) {
    case "integer":
    case "float":
    case "scaled":
    case "timestamp":
      return "f64";
    case "date":
      return "i32";
    case "boolean":
      return "bool";
    case "string":
      return "dict";
    default:
      return "values";
  }
}

/**
 * Whether row `i` of a column is NULL.
 *
 * @param col the column
 * @param i physical row
 * @returns true when NULL
 */
export function isNullAt(col: Column, i: number): boolean {
  return col.validity !== null && col.validity[i] === 0;
}

/**
 * A zero-copy view of physical rows [start, end) of a column.
 *
 * @param col the column
 * @param start first row
 * @param end row past the last
 * @returns the view (shares the arrays and the dictionary)
 */
export function sliceColumn(col: Column, start: number, end: number): Column {
  const validity = col.validity === null ? null : col.validity.subarray(start, end);
  const length = end - start;
  switch (col.layout) {
    case "f64":
      return { layout: "f64", type: col.type, length, validity, data: col.data.subarray(start, end) };
    case "i64":
      return { layout: "i64", type: col.type, length, validity, data: col.data.subarray(start, end) };
    case "i32":
      return { layout: "i32", type: col.type, length, validity, data: col.data.subarray(start, end) };
    case "bool":
      return { layout: "bool", type: col.type, length, validity, data: col.data.subarray(start, end) };
    case "dict":
      return {
        layout: "dict",
        type: col.type,
        length,
        validity,
        codes: col.codes.subarray(start, end),
        dict: col.dict,
      };
    case "values":
      return { layout: "values", type: col.type, length, validity, data: col.data.slice(start, end) };
  }
}

/**
 * Bytes a column holds (its array payloads; a dictionary counted by its own size).
 *
 * @param col the column
 * @param countDictionary whether to add the dictionary's bytes (false when it is shared and counted elsewhere)
 * @returns bytes
 */
export function columnByteSize(col: Column, countDictionary = true): number {
  const v = col.validity === null ? 0 : col.validity.byteLength;
  switch (col.layout) {
    case "dict":
      return v + col.codes.byteLength + (countDictionary ? col.dict.byteSize() : 0);
    case "values":
      return v + col.data.length * 8;
    default:
      return v + col.data.byteLength;
  }
}
