/**
 * The row-level value union. Which type a value has comes from its schema: the JS representation per type is
 *
 * | type | JS value |
 * |---|---|
 * | Null (any type) | `null` |
 * | Boolean | `boolean` |
 * | Integer | `Int64`: a safe-integer `number`, or a `bigint` past 2^53-1 |
 * | Float | `number` |
 * | String | `string` |
 * | ScaledInteger | `ScaledInteger` |
 * | Decimal | `Decimal` |
 * | Date / Timestamp / Interval | `SqlDate` / `Timestamp` / `Interval` |
 * | Array | `readonly Value[]` |
 * | Map | `SmallMap` |
 * | Struct | `StructValue` |
 *
 * @module
 */

import type { ScaledInteger } from "./scaled_integer.ts";
import type { Decimal } from "./decimal.ts";
import type { Interval, SqlDate, Timestamp } from "./temporal.ts";
import type { SmallMap } from "./small_map.ts";
import type { StructValue } from "./struct_value.ts";

/** Any Sluice row-level value (see the module table for which JS value each type uses). */
export type Value =
  | null
  | boolean
  | number
  | bigint
  | string
  | ScaledInteger
  | Decimal
  | SqlDate
  | Timestamp
  | Interval
  | readonly Value[]
  | SmallMap
  | StructValue;
