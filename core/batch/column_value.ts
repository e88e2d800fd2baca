/**
 * Reading row-level values out of columns (the convenience path; kernels read the arrays directly).
 *
 * @module
 */

import type { Value } from "../values/value.ts";
import { type Int64, normalizeInt64 } from "../values/int64.ts";
import { ScaledInteger } from "../values/scaled_integer.ts";
import { SqlDate, Timestamp } from "../values/temporal.ts";
import type { Column } from "./column.ts";

/**
 * The row-level value at physical row `i` of a column.
 *
 * @param col the column
 * @param i physical row index
 * @returns the value (null for NULL)
 * @example
 * ```ts
 * import { valueAt } from "./column_value.ts";
 * import { ColumnBuilder } from "./column_builder.ts";
 * import { scaledType } from "../types/data_type.ts";
 * import { ScaledInteger } from "../values/scaled_integer.ts";
 * const b = new ColumnBuilder(scaledType(2));
 * b.appendValue(new ScaledInteger(-50, 2));
 * if (String(valueAt(b.finish(), 0)) !== "-0.50") throw new Error();
 * ```
 */
export function valueAt(col: Column, i: number): Value {
  if (col.validity !== null && col.validity[i] === 0) return null;
  switch (col.layout) {
    case "f64":
      return fromInt64(col, col.data[i]);
    case "i64":
      return fromInt64(col, normalizeInt64(col.data[i]));
    case "i32":
      return new SqlDate(col.data[i]);
    case "bool":
      return col.data[i] === 1;
    case "dict":
      return col.dict.values[col.codes[i]];
    case "values":
      return col.data[i];
  }
}

function fromInt64(col: Column, v: Int64): Value {
  const t = col.type;
  switch (t.kind) {
    case "scaled":
      return new ScaledInteger(v, t.scale);
    case "timestamp":
      return new Timestamp(v);
    default:
      return v;
  }
}

/**
 * The integer-like payload at a row as an Int64 (Integer value, ScaledInteger units, Timestamp micros).
 *
 * @param col an `f64` or `i64` column of an integer-like type
 * @param i physical row index
 * @returns the exact Int64, or null for NULL
 * @throws {TypeError} for other layouts
 */
export function int64At(col: Column, i: number): Int64 | null {
  if (col.validity !== null && col.validity[i] === 0) return null;
  if (col.layout === "f64") return col.data[i];
  if (col.layout === "i64") return normalizeInt64(col.data[i]);
  throw new TypeError(`Column layout ${col.layout} holds no integers`);
}
