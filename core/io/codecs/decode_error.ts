/**
 * DecodeError and the policies for bad input.
 *
 * @module
 */

/** Bad input found by a codec: where (line, column, field) and why. */
export class DecodeError extends Error {
  /** 1-based line of the input where the bad value starts. */
  readonly line: number;
  /** 1-based byte column in that line. */
  readonly column: number;
  /** Field name, or null for a record-level fault (shown as `(record)`). */
  readonly field: string | null;
  /** What is wrong, with the value seen. */
  readonly reason: string;

  /**
   * Creates a DecodeError.
   *
   * @param line 1-based line
   * @param column 1-based byte column
   * @param field field name or null
   * @param reason what is wrong
   * @example
   * ```ts
   * import { DecodeError } from "./decode_error.ts";
   * const e = new DecodeError(3, 7, "price", '"12x" is not a SCALED(4) number');
   * if (e.message !== 'Cannot decode line 3, column 7, field "price": "12x" is not a SCALED(4) number') {
   *   throw new Error(e.message);
   * }
   * ```
   */
  constructor(line: number, column: number, field: string | null, reason: string) {
    super(
      `Cannot decode line ${line}, column ${column}, field ${
        field === null ? "(record)" : JSON.stringify(field)
      }: ${reason}`,
    );
    this.name = "DecodeError";
    this.line = line;
    this.column = column;
    this.field = field;
    this.reason = reason;
  }
}

/** What a codec does with a bad record. */
export const DecodePolicies = {
  /** Stop: emit the rows accepted so far, then fail the stream with the DecodeError (the default). */
  Fail: "fail",
  /** Drop the record and count it in `DecodeStats.skipped`. */
  Skip: "skip",
  /** Drop the record and hand its raw text and the error to `deadLetter`. */
  DeadLetter: "dead-letter",
} as const;

/** One of DecodePolicies. */
export type DecodePolicy = typeof DecodePolicies[keyof typeof DecodePolicies];

/** A rejected record sent to the dead-letter target. */
export interface DeadLetter {
  /** The raw record text (one CSV record or one JSON object). */
  readonly raw: string;
  /** Why it was rejected. */
  readonly error: DecodeError;
}

/** Counters a decoder keeps; pass an object in DecodeOptions.stats to read them. */
export interface DecodeStats {
  /** Rows accepted. */
  rows: number;
  /** Records dropped under the skip policy. */
  skipped: number;
  /** Records sent to the dead-letter target. */
  deadLettered: number;
  /** Input bytes consumed. */
  bytes: number;
  /** Bytes the whole input holds, where its source knows before decoding (one plain `file://` file); else absent. */
  inputBytes?: number;
}

/**
 * A fresh, zeroed DecodeStats.
 *
 * @returns the counters
 * @example
 * ```ts
 * import { newDecodeStats } from "./decode_error.ts";
 * if (newDecodeStats().rows !== 0) throw new Error();
 * ```
 */
export function newDecodeStats(): DecodeStats {
  return { rows: 0, skipped: 0, deadLettered: 0, bytes: 0 };
}
