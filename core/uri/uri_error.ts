/**
 * UriError: the one error of URI parsing, with the offset of the fault and a caret snippet.
 *
 * @module
 */

/** A URI that cannot be parsed: `Cannot parse URI at offset 14: port "99999" is out of range 0-65535`. */
export class UriError extends SyntaxError {
  /** Offset (UTF-16 code units) of the fault in `input`. */
  readonly offset: number;
  /** The text that was parsed. */
  readonly input: string;
  /** The reason alone, without the position prefix. */
  readonly reason: string;

  /**
   * Creates an UriError.
   *
   * @param input the text that was parsed
   * @param offset where the fault is
   * @param reason what is wrong, with the value seen
   * @example
   * ```ts
   * import { UriError } from "./uri_error.ts";
   * const e = new UriError("a://b:x", 6, 'port "x" is not a number');
   * if (e.message !== 'Cannot parse URI at offset 6: port "x" is not a number') throw new Error();
   * ```
   */
  constructor(input: string, offset: number, reason: string) {
    super(`Cannot parse URI at offset ${offset}: ${reason}`);
    this.name = "UriError";
    this.input = input;
    this.offset = offset;
    this.reason = reason;
  }

  /**
   * Two lines: the input (cut to 60 characters around the fault) and a caret under the fault.
   *
   * @returns the snippet
   * @example
   * ```ts
   * import { UriError } from "./uri_error.ts";
   * if (new UriError("a b", 1, "space").snippet !== "a b\n ^") throw new Error();
   * ```
   */
  get snippet(): string {
    const from = Math.max(0, this.offset - 40);
    const to = Math.min(this.input.length, from + 60);
    const text = (from > 0 ? "..." : "") + this.input.slice(from, to) + (to < this.input.length ? "..." : "");
    const caret = " ".repeat(this.offset - from + (from > 0 ? 3 : 0)) + "^";
    let shown = "";
    for (const ch of text) shown += ch.charCodeAt(0) < 32 || ch === "\x7f" ? "?" : ch;
    return shown + "\n" + caret;
  }
}
