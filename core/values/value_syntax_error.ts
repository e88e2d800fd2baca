/**
 * ValueSyntaxError: text that does not spell a value of the requested type.
 *
 * @module
 */

/** Unparseable value text, with the offset of the first bad character. */
export class ValueSyntaxError extends SyntaxError {
  /** The whole text that was parsed. */
  readonly text: string;
  /** The type it was parsed as, in SQL spelling (`INTEGER`, `SCALED(2)`, `DATE`...). */
  readonly target: string;
  /** UTF-16 offset of the first character that does not fit. */
  readonly offset: number;
  /** What is wrong, without the position: `unexpected "a"`, `month 13 is out of range 1-12`. */
  readonly reason: string;

  /**
   * Creates a ValueSyntaxError.
   *
   * @param text the text
   * @param target the type's SQL spelling
   * @param offset where it goes wrong
   * @param reason what is wrong
   * @example
   * ```ts
   * import { ValueSyntaxError } from "./value_syntax_error.ts";
   * const e = new ValueSyntaxError("12abc", "INTEGER", 2, 'unexpected "a"');
   * if (e.message !== 'Cannot parse "12abc" as INTEGER at offset 2: unexpected "a"') throw new Error();
   * ```
   */
  constructor(text: string, target: string, offset: number, reason: string) {
    super(`Cannot parse ${JSON.stringify(text)} as ${target} at offset ${offset}: ${reason}`);
    this.name = "ValueSyntaxError";
    this.text = text;
    this.target = target;
    this.offset = offset;
    this.reason = reason;
  }
}
