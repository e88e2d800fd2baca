/**
 * StringDictionary: the string table behind dictionary-encoded String columns. Append-only, so codes handed
 * out stay valid for every batch that shares it (a stream's batches can share one dictionary, which makes
 * GROUP BY and joins on strings integer work).
 *
 * @module
 */

/** An append-only table of distinct strings with O(1) string -> code lookup. */
export class StringDictionary {
  /** The strings by code. Only ever appended to. */
  readonly values: string[] = [];
  #codes: Map<string, number> = new Map();

  /**
   * A dictionary pre-filled with strings (duplicates collapse to one code).
   *
   * @param values initial strings
   * @returns the dictionary
   * @example
   * ```ts
   * import { StringDictionary } from "./string_dictionary.ts";
   * const d = StringDictionary.from(["BUY", "SELL"]);
   * if (d.intern("SELL") !== 1 || d.size !== 2) throw new Error();
   * ```
   */
  static from(values: Iterable<string>): StringDictionary {
    const d = new StringDictionary();
    for (const v of values) d.intern(v);
    return d;
  }

  /** Number of distinct strings. */
  get size(): number {
    return this.values.length;
  }

  /**
   * The code of a string, adding it when new.
   *
   * @param s the string
   * @returns its code
   */
  intern(s: string): number {
    let c = this.#codes.get(s);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(s);
      this.#codes.set(s, c);
    }
    return c;
  }

  /**
   * The code of a string without adding it.
   *
   * @param s the string
   * @returns its code, or -1 when absent
   */
  lookup(s: string): number {
    return this.#codes.get(s) ?? -1;
  }

  /** Bytes held: UTF-16 payload plus per-entry overhead estimates (string header, map entry). */
  byteSize(): number {
    let b = 0;
    for (const s of this.values) b += 2 * s.length + 16 + 40;
    return b;
  }
}
