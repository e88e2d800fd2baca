/**
 * Display text of values as strings (the TextWriter rules; see text_writer.ts). For columns, append into one
 * TextWriter instead: these functions allocate the returned string.
 *
 * @module
 */

import type { DataType } from "../types/data_type.ts";
import type { Value } from "./value.ts";
import type { Int64 } from "./int64.ts";
import { TextWriter } from "./text_writer.ts";

const SHARED = new TextWriter(64);

/**
 * The display text of a value of a type.
 *
 * @param v the value or null ("NULL")
 * @param type its type
 * @returns the text
 * @example
 * ```ts
 * import { formatValue } from "./format_value.ts";
 * import { scaledType, Types } from "../types/data_type.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * if (formatValue(new ScaledInteger(-50, 2), scaledType(2)) !== "-0.50") throw new Error();
 * if (formatValue(1e21, Types.Float) !== "1e+21") throw new Error();
 * ```
 */
export function formatValue(v: Value, type: DataType): string {
  if (type.kind === "string" && typeof v === "string") return v;
  SHARED.reset();
  SHARED.writeValue(v, type);
  return SHARED.toString();
}

/**
 * `units / 10^scale` with exactly `scale` fraction digits.
 *
 * @param units the unscaled integer
 * @param scale digits after the point
 * @returns the text
 * @example
 * ```ts
 * import { formatScaled } from "./format_value.ts";
 * if (formatScaled(12300, 2) !== "123.00") throw new Error();
 * ```
 */
export function formatScaled(units: Int64 | bigint, scale: number): string {
  SHARED.reset();
  SHARED.writeScaled(units, scale);
  return SHARED.toString();
}

/**
 * `units / 10^scale` without trailing fraction zeros (and without the point when nothing is left after it).
 *
 * @param units the unscaled integer
 * @param scale digits after the point
 * @returns the trimmed text
 * @example
 * ```ts
 * import { formatScaledTrimmed } from "./format_value.ts";
 * if (formatScaledTrimmed(-50, 2) !== "-0.5" || formatScaledTrimmed(12300, 2) !== "123") throw new Error();
 * ```
 */
export function formatScaledTrimmed(units: Int64 | bigint, scale: number): string {
  SHARED.reset();
  SHARED.writeScaledTrimmed(units, scale);
  return SHARED.toString();
}
