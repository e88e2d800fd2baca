/**
 * StructValue: a value of a Struct type, fields by position with names from the type.
 *
 * @module
 */

import type { StructType } from "../types/data_type.ts";
import type { Value } from "./value.ts";

/** A struct instance: its type and one value per field. */
export class StructValue {
  /** The struct type (field names and types). */
  readonly type: StructType;
  /** Values by field position. */
  readonly values: readonly Value[];

  /**
   * Creates a StructValue.
   *
   * @param type the struct type
   * @param values one value per field
   * @throws {RangeError} when the value count does not match the fields
   * @example
   * ```ts
   * import { StructValue } from "./struct_value.ts";
   * import { field, structType, Types } from "../types/data_type.ts";
   * const s = new StructValue(structType([field("x", Types.Integer)]), [5]);
   * if (s.get("x") !== 5) throw new Error();
   * ```
   */
  constructor(type: StructType, values: readonly Value[]) {
    if (values.length !== type.fields.length) {
      throw new RangeError(`Struct has ${type.fields.length} fields but ${values.length} values were given`);
    }
    this.type = type;
    this.values = values;
  }

  /**
   * A field's value by name (exact match first, then case-insensitive).
   *
   * @param name field name
   * @returns the value, or undefined when there is no such field
   */
  get(name: string): Value | undefined {
    const f = this.type.fields;
    for (let i = 0; i < f.length; i++) if (f[i].name === name) return this.values[i];
    const lower = name.toLowerCase();
    for (let i = 0; i < f.length; i++) if (f[i].name.toLowerCase() === lower) return this.values[i];
    return undefined;
  }
}
