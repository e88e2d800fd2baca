/**
 * StreamRecord: one row with its stream metadata. Convenient, not hot: hot paths use RecordBatch.
 *
 * @module
 */

import type { Field } from "../types/data_type.ts";
import type { Value } from "../values/value.ts";
import type { Schema } from "./schema.ts";

/** Metadata a record carries from its source. */
export interface RecordMeta {
  /** Ingestion or broker timestamp, epoch milliseconds (0 when unknown). */
  readonly timestamp: number;
  /** Offset / sequence within its partition (-1 when unknown). */
  readonly offset: number;
  /** Partition number (-1 when unknown). */
  readonly partition: number;
  /** Message key, when the source has one. */
  readonly key: Value;
  /** Message headers, when the source has them. */
  readonly headers: Readonly<Record<string, string>> | null;
  /** Topic / subject / stream name, when known. */
  readonly topic: string | null;
  /** Event time in epoch milliseconds, when known (windowing uses it). */
  readonly eventTime: number | null;
}

/** Metadata of a record that came from nowhere in particular. Shared, frozen. */
export const EMPTY_META: RecordMeta = Object.freeze({
  timestamp: 0,
  offset: -1,
  partition: -1,
  key: null,
  headers: null,
  topic: null,
  eventTime: null,
});

/** A row: a shared schema, its values by position, and metadata. */
export class StreamRecord {
  /** The schema shared by the records of a stream. */
  readonly schema: Schema;
  /** Values by field position. */
  readonly values: readonly Value[];
  /** Source metadata. */
  readonly meta: RecordMeta;

  /**
   * Creates a StreamRecord.
   *
   * @param schema the shared schema
   * @param values one value per field, typed as the schema says
   * @param meta metadata (default EMPTY_META)
   * @throws {RangeError} when the value count does not match the schema
   * @example
   * ```ts
   * import { StreamRecord } from "./stream_record.ts";
   * import { Schema } from "./schema.ts";
   * import { Types } from "../types/data_type.ts";
   * const r = new StreamRecord(Schema.of([["id", Types.Integer]]), [7]);
   * if (r.get("id") !== 7) throw new Error();
   * ```
   */
  constructor(schema: Schema, values: readonly Value[], meta: RecordMeta = EMPTY_META) {
    if (values.length !== schema.length) {
      throw new RangeError(`Record has ${values.length} values but its schema has ${schema.length} fields`);
    }
    this.schema = schema;
    this.values = values;
    this.meta = meta;
  }

  /**
   * A field's value by name.
   *
   * @param name field name (exact, then case-insensitive)
   * @returns the value; undefined when the schema has no such field
   */
  get(name: string): Value | undefined {
    let i = this.schema.indexOf(name);
    if (i < 0) i = this.schema.resolve(name);
    return i < 0 ? undefined : this.values[i];
  }

  /**
   * A new record with fields appended. Values and metadata are shared, never deep-copied; the extended schema
   * is memoised so that all records derived the same way share it.
   *
   * @param fields the new fields
   * @param values their values
   * @returns the new record
   */
  withFields(fields: readonly Field[], values: readonly Value[]): StreamRecord {
    const schema = this.schema.extend(fields);
    const own = this.values;
    const n = own.length;
    const out = new Array<Value>(n + values.length);
    for (let i = 0; i < n; i++) out[i] = own[i];
    for (let i = 0; i < values.length; i++) out[n + i] = values[i];
    return new StreamRecord(schema, out, this.meta);
  }
}
