/**
 * SqlBindError: SQL that parses but does not fit the schema (unknown column, mismatched types).
 *
 * @module
 */

/** A parsed expression that cannot be bound: an unknown column, or operand types that do not fit together. */
export class SqlBindError extends TypeError {
  /** 0-based offset in the SQL text of the expression at fault (-1 when unknown). */
  readonly offset: number;

  /**
   * Creates a SqlBindError.
   *
   * @param message what is wrong, naming the column or the types
   * @param offset 0-based offset of the expression at fault (default -1)
   * @example
   * ```ts
   * import { SqlBindError } from "./sql_bind_error.ts";
   * const e = new SqlBindError('Unknown column "x"', 0);
   * if (e.name !== "SqlBindError" || e.offset !== 0) throw new Error();
   * ```
   */
  constructor(message: string, offset = -1) {
    super(message);
    this.name = "SqlBindError";
    this.offset = offset;
  }
}
