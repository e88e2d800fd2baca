/**
 * Schema inference for text codecs: the narrowest type every sampled value of a column fits.
 *
 * Order of preference: Boolean (true/false), Integer (digits; past 2^53 still Integer, held exactly),
 * ScaledInteger (every value has the same number of decimals, at most 18, integers allowed beside them),
 * Float (other numbers, exponents), Timestamp (ISO-8601 date or date-time), String (anything else). Empty
 * values (NULL) do not vote; a column with no values is a String. Every inferred field is nullable.
 *
 * @module
 */

import { type DataType, field, scaledType, Types } from "../../types/data_type.ts";
import { Schema } from "../../record/schema.ts";

const INT = /^[+-]?\d+$/;
const DEC = /^[+-]?(\d*)\.(\d+)$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TS = /^\d{4}-\d{2}-\d{2}(?:[T t]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;
const BOOL = /^(?:true|false)$/i;

/** Where a sampled value came from: CSV text, or a JSON token kind. */
export type SampleKind = "text" | "number" | "string" | "boolean" | "json";

/** Running type guess of one column. */
export class TypeGuess {
  #seen = 0;
  #bool = true;
  #int = true;
  #scale = -1;
  #scaled = true;
  #float = true;
  #ts = true;

  /**
   * Adds one non-null sample.
   *
   * @param text the value's text (a JSON number's token text, a string's decoded text)
   * @param kind where it came from (default "text": any type may match)
   * @example
   * ```ts
   * import { TypeGuess } from "./infer_schema.ts";
   * const g = new TypeGuess();
   * g.add("1.50"); g.add("2.25"); g.add("3");
   * if (g.type().kind !== "scaled") throw new Error();
   * ```
   */
  add(text: string, kind: SampleKind = "text"): void {
    this.#seen++;
    const numeric = kind === "text" || kind === "number";
    if (kind === "boolean") {
      this.#int =
        this.#scaled =
        this.#float =
        this.#ts =
          false;
      return;
    }
    if (kind === "json") {
      this.#bool =
        this.#int =
        this.#scaled =
        this.#float =
        this.#ts =
          false;
      return;
    }
    if (kind !== "text" || !BOOL.test(text)) this.#bool = false;
    if (!numeric || !INT.test(text)) {
      this.#int = false;
      const m = numeric ? DEC.exec(text) : null;
      if (m === null || m[2].length > 18 || (this.#scale >= 0 && this.#scale !== m[2].length)) this.#scaled = false;
      else this.#scale = m[2].length;
      if (!numeric || !FLOAT.test(text)) this.#float = false;
    }
    if ((kind !== "text" && kind !== "string") || !TS.test(text)) this.#ts = false;
  }

  /**
   * The narrowest type that fits every value seen so far.
   *
   * @returns the inferred type (String when nothing else fits or nothing was seen)
   */
  type(): DataType {
    if (this.#seen === 0) return Types.String;
    if (this.#bool) return Types.Boolean;
    if (this.#int) return Types.Integer;
    if (this.#scaled && this.#scale >= 0) return scaledType(this.#scale);
    if (this.#float) return Types.Float;
    if (this.#ts) return Types.Timestamp;
    return Types.String;
  }
}

/**
 * Infers a schema from column names and sampled text rows (null = empty / NULL).
 *
 * @param names column names
 * @param rows sampled rows, one string or null per column
 * @returns a schema of nullable fields
 * @example
 * ```ts
 * import { inferSchema } from "./infer_schema.ts";
 * const s = inferSchema(["id", "price", "ok"], [["1", "123.4500", "true"], ["2", "7.0000", null]]);
 * if (s.fields.map((f) => f.type.kind).join() !== "integer,scaled,boolean") throw new Error();
 * ```
 */
export function inferSchema(names: readonly string[], rows: readonly (readonly (string | null)[])[]): Schema {
  const guesses = names.map(() => new TypeGuess());
  for (const r of rows) {
    for (let c = 0; c < names.length; c++) {
      const v = r[c];
      if (v !== null && v !== undefined) guesses[c].add(v);
    }
  }
  return new Schema(names.map((n, c) => field(n, guesses[c].type(), true)));
}
