/**
 * Conversions between the numeric representations used by the mixed-type operators: exact values as
 * (bigint units, scale), and the correctly rounded double of an exact value.
 *
 * @module
 */

import type { DataType } from "../types/data_type.ts";
import type { Value } from "./value.ts";
import { ScaledInteger } from "./scaled_integer.ts";
import { Decimal } from "./decimal.ts";
import { POW10 } from "./rounding.ts";
import { _formatScaled } from "./_format_scaled.ts";

/**
 * The double nearest to `units / 10^scale` (correctly rounded, ties to even).
 *
 * @param units the unscaled integer
 * @param scale digits after the point, >= 0
 * @returns the nearest double
 * @example
 * ```ts
 * import { scaledToFloat } from "./numeric_conversion.ts";
 * if (scaledToFloat(12345, 2) !== 123.45) throw new Error();
 * ```
 */
export function scaledToFloat(units: number | bigint, scale: number): number {
  // A safe integer and 10^scale (scale <= 22) are exact doubles: one IEEE division rounds correctly.
  if (typeof units === "number" && scale <= 22) return scale === 0 ? units : units / POW10[scale];
  return Number.parseFloat(_formatScaled(units, scale));
}

/**
 * A numeric value (Integer, Float, ScaledInteger, Decimal) as a double, correctly rounded.
 *
 * @param value the value (not null)
 * @param type its type
 * @returns the nearest double
 * @throws {TypeError} for a non-numeric type
 * @example
 * ```ts
 * import { numericToFloat } from "./numeric_conversion.ts";
 * import { Types } from "../types/data_type.ts";
 * if (numericToFloat(2n ** 60n, Types.Integer) !== 2 ** 60) throw new Error();
 * ```
 */
export function numericToFloat(value: Value, type: DataType): number {
  switch (type.kind) {
    case "integer":
    case "float":
      return Number(value as number | bigint);
    case "scaled": {
      const v = value as ScaledInteger;
      return scaledToFloat(v.units, v.scale);
    }
    case "decimal": {
      const v = value as Decimal;
      return scaledToFloat(v.unscaled, v.scale);
    }
    default:
      throw new TypeError(`Expected a numeric type, got ${type.kind}`);
  }
}

/**
 * An exact numeric value (Integer, ScaledInteger, Decimal) as a Decimal at its own scale.
 *
 * @param value the value (not null)
 * @param type its type
 * @returns the Decimal
 * @throws {TypeError} for Float or a non-numeric type
 * @example
 * ```ts
 * import { exactToDecimal } from "./numeric_conversion.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * import { scaledType } from "../types/data_type.ts";
 * if (String(exactToDecimal(new ScaledInteger(5, 2), scaledType(2))) !== "0.05") throw new Error();
 * ```
 */
export function exactToDecimal(value: Value, type: DataType): Decimal {
  switch (type.kind) {
    case "integer":
      return new Decimal(BigInt(value as number | bigint), 0);
    case "scaled": {
      const v = value as ScaledInteger;
      return new Decimal(BigInt(v.units), v.scale);
    }
    case "decimal":
      return value as Decimal;
    default:
      throw new TypeError(`Expected an exact numeric type, got ${type.kind}`);
  }
}

/**
 * An Integer or ScaledInteger value as a ScaledInteger (an Integer has scale 0).
 *
 * @param value the value (not null)
 * @param type its type
 * @returns the ScaledInteger
 * @throws {TypeError} for another type
 * @example
 * ```ts
 * import { exactToScaled } from "./numeric_conversion.ts";
 * import { Types } from "../types/data_type.ts";
 * if (String(exactToScaled(7, Types.Integer)) !== "7") throw new Error();
 * ```
 */
export function exactToScaled(value: Value, type: DataType): ScaledInteger {
  if (type.kind === "integer") return new ScaledInteger(value as number | bigint, 0);
  if (type.kind === "scaled") return value as ScaledInteger;
  throw new TypeError(`Expected Integer or ScaledInteger, got ${type.kind}`);
}
