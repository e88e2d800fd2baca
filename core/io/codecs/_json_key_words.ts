/**
 * The NDJSON fast loop's keys as 32-bit little-endian words, so a key is checked with two or three word
 * compares instead of one compare per byte. For a key `"name":` of `len` bytes (len >= 4):
 *
 * - `open` / `comma`: the word `{"na` / `,"na` (the separator and the key's first three bytes), read at the
 *   separator;
 * - `first`: the key's first four bytes, read at the key (after spaces that followed a comma);
 * - `last`: the key's last four bytes;
 * - `mid`: (offset from the key's start, word) pairs that cover the bytes from 3 to len - 4, empty when len <= 7.
 *
 * @module
 */

/** The key words of a schema's fields (see module docs); index = field. */
export class _KeyWords {
  /** Bytes of `"name":`. */
  readonly len: Int32Array;
  /** `{` and the key's first three bytes. */
  readonly open: Int32Array;
  /** `,` and the key's first three bytes. */
  readonly comma: Int32Array;
  /** The key's first four bytes. */
  readonly first: Int32Array;
  /** The key's last four bytes. */
  readonly last: Int32Array;
  /** The words between, as (offset, word) pairs. */
  readonly mid: Int32Array[];

  /** Builds the words of keys `"name":` (names must be non-empty, so each key has at least 4 bytes). */
  constructor(names: readonly string[]) {
    const enc = new TextEncoder();
    const keys = names.map((n) => enc.encode(`"${n}":`));
    const word = (b: Uint8Array, at: number) => b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24;
    for (const k of keys) if (k.length < 4) throw new RangeError("a key needs a non-empty name");
    this.len = Int32Array.from(keys, (k) => k.length);
    this.open = Int32Array.from(keys, (k) => word(Uint8Array.of(123, ...k.subarray(0, 3)), 0));
    this.comma = Int32Array.from(keys, (k) => word(Uint8Array.of(44, ...k.subarray(0, 3)), 0));
    this.first = Int32Array.from(keys, (k) => word(k, 0));
    this.last = Int32Array.from(keys, (k) => word(k, k.length - 4));
    this.mid = keys.map((k) => {
      const out: number[] = [];
      for (let o = 3; o < k.length - 4; o += 4) out.push(o, word(k, o));
      return Int32Array.from(out);
    });
  }
}
