/**
 * Schema: the shared, immutable field list of a stream's records and batches.
 *
 * @module
 */

import type { DataType, Field } from "../types/data_type.ts";
import { field as makeField } from "../types/data_type.ts";

const INTERNED = new Map<string, string>();
function intern(name: string): string {
  let s = INTERNED.get(name);
  if (s === undefined) {
    s = name;
    INTERNED.set(name, s);
  }
  return s;
}

/** An ordered list of named, typed fields, shared by every record and batch of a stream. */
export class Schema {
  /** The fields in order. */
  readonly fields: readonly Field[];
  /** Interned field names in order. */
  readonly names: readonly string[];
  #byName: Map<string, number>;
  #byLower: Map<string, number> | null = null;
  #extended: Map<string, Schema> | null = null;
  #lastFields: readonly Field[] | null = null;
  #lastExtended: Schema | null = null;

  /**
   * Creates a Schema.
   *
   * @param fields the fields; names must be unique case-insensitively
   * @throws {RangeError} on a duplicate or empty field name
   * @example
   * ```ts
   * import { Schema } from "./schema.ts";
   * import { field, Types } from "../types/data_type.ts";
   * const s = new Schema([field("id", Types.Integer), field("sym", Types.String)]);
   * if (s.indexOf("sym") !== 1 || s.resolve("SYM") !== 1) throw new Error();
   * ```
   */
  constructor(fields: readonly Field[]) {
    const names: string[] = [];
    const lower = new Set<string>();
    for (const f of fields) {
      if (typeof f.name !== "string" || f.name.length === 0) {
        throw new RangeError("Field names must be non-empty strings");
      }
      const l = f.name.toLowerCase();
      if (lower.has(l)) throw new RangeError(`Duplicate field name "${f.name}" in schema`);
      lower.add(l);
      names.push(intern(f.name));
    }
    this.fields = Object.freeze([...fields]);
    this.names = Object.freeze(names);
    // A Map at every size: measured faster than a linear scan even at 2 fields (bench/record_bench.ts, "field
    // lookup"): V8 caches a string's hash, while === on non-internalized strings compares characters on each miss.
    this.#byName = new Map(names.map((n, i) => [n, i]));
  }

  /**
   * A schema from `[name, type]` pairs, every field nullable.
   *
   * @param pairs names and types in order
   * @returns the schema
   * @example
   * ```ts
   * import { Schema } from "./schema.ts";
   * import { Types } from "../types/data_type.ts";
   * if (Schema.of([["a", Types.Float]]).fields[0].type.kind !== "float") throw new Error();
   * ```
   */
  static of(pairs: readonly (readonly [string, DataType])[]): Schema {
    return new Schema(pairs.map(([n, t]) => makeField(n, t)));
  }

  /** Number of fields. */
  get length(): number {
    return this.fields.length;
  }

  /**
   * Position of a field by exact name.
   *
   * @param name field name
   * @returns index, or -1 when absent
   */
  indexOf(name: string): number {
    return this.#byName.get(name) ?? -1;
  }

  /**
   * Position of a field by SQL rules: exact name first, then case-insensitive.
   *
   * @param name field name as written
   * @returns index, or -1 when absent
   */
  resolve(name: string): number {
    const i = this.indexOf(name);
    if (i >= 0) return i;
    if (this.#byLower === null) this.#byLower = new Map(this.names.map((n, j) => [n.toLowerCase(), j]));
    return this.#byLower.get(name.toLowerCase()) ?? -1;
  }

  /**
   * The field of a name.
   *
   * @param name field name (SQL rules)
   * @returns the field
   * @throws {RangeError} naming the field and the known ones when absent
   */
  field(name: string): Field {
    const i = this.resolve(name);
    if (i < 0) throw new RangeError(`Unknown field "${name}"; the schema has: ${this.names.join(", ")}`);
    return this.fields[i];
  }

  /**
   * This schema plus fields appended. Memoised: extending the same schema by the same fields returns the same
   * Schema object, so derived records of one stream still share one schema.
   *
   * @param fields fields to append
   * @returns the extended schema
   */
  extend(fields: readonly Field[]): Schema {
    if (this.#lastFields === fields) return this.#lastExtended!;
    const key = fields.map((f) => `${f.name}\u0000${JSON.stringify(f.type)}\u0000${f.nullable}`).join("\u0001");
    if (this.#extended === null) this.#extended = new Map();
    let s = this.#extended.get(key);
    if (s === undefined) {
      s = new Schema([...this.fields, ...fields]);
      this.#extended.set(key, s);
    }
    this.#lastFields = fields;
    this.#lastExtended = s;
    return s;
  }
}
