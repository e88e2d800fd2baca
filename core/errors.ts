/**
 * Error classes callers catch by meaning. Parsing errors with positions (UriError, SqlSyntaxError, DecodeError)
 * live beside their parsers.
 *
 * @module
 */

/** An exact result does not fit its type (i64, a ScaledInteger scale, a Decimal precision). */
export class OverflowError extends RangeError {
  /**
   * Creates an OverflowError.
   *
   * @param message what overflowed, with the operands
   */
  constructor(message: string) {
    super(message);
    this.name = "OverflowError";
  }
}

/** Division or modulo by zero. */
export class DivisionByZeroError extends RangeError {
  /**
   * Creates a DivisionByZeroError.
   *
   * @param message the operation and its operands
   */
  constructor(message: string) {
    super(message);
    this.name = "DivisionByZeroError";
  }
}

/** A value cannot be cast to a target type: `Cannot cast "12abc" to INTEGER: not a number`. */
export class CastError extends TypeError {
  /**
   * Creates a CastError.
   *
   * @param message the value, the target and the reason
   */
  constructor(message: string) {
    super(message);
    this.name = "CastError";
  }
}
