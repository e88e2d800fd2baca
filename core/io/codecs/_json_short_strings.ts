/**
 * The NDJSON fast loop's table of short strings: the bytes of a JSON string of at most 7 bytes, read as two
 * little-endian 32-bit words with the bytes from the closing quote on zeroed and the length in the top byte of the
 * second word, map to the string's dictionary code without hashing byte by byte.
 *
 * The loop adds only strings it checked free of escapes and control characters, after the column's accumulator
 * took them (`putBytes`), so a hit is such a string and its code is the one the accumulator gave: the table never
 * changes what a row holds.
 *
 * @module
 */

import type { _DictAcc } from "./_column_acc.ts";

/** Entries at most (half the largest table): past that, new strings are no longer remembered. */
const MAX_ENTRIES = 1 << 15;

/** Short string (two words) -> dictionary code of one accumulator (see module docs). */
export class _ShortStrings {
  /** The accumulator whose codes the table holds. */
  readonly acc: _DictAcc;
  /**
   * Four numbers per slot, so one probe reads one cache line: the two words, the code + 1 (0: an empty slot),
   * and an unused one. Its length is a power of two.
   */
  table: Int32Array = new Int32Array(4 * 64);
  /** 32 - log2(slots): `_shortSlot`'s shift. */
  shift = 26;
  #count = 0;

  constructor(acc: _DictAcc) {
    this.acc = acc;
  }

  /** Remembers a string's code (its words must not be in the table yet); a full table remembers nothing more. */
  add(w0: number, w1: number, code: number): void {
    if (this.#count >= MAX_ENTRIES) return;
    if (++this.#count * 8 > this.table.length) this.#grow();
    this.#put(w0, w1, code + 1);
  }

  #put(w0: number, w1: number, code1: number): void {
    const t = this.table, mask = t.length - 1;
    let k = _shortSlot(w0, w1, this.shift) << 2;
    while (t[k + 2] !== 0) k = (k + 4) & mask;
    t[k] = w0;
    t[k + 1] = w1;
    t[k + 2] = code1;
  }

  #grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.shift--;
    for (let k = 0; k < old.length; k += 4) if (old[k + 2] !== 0) this.#put(old[k], old[k + 1], old[k + 2]);
  }
}

/**
 * The home slot of a short string's two words in a table of `2 ** (32 - shift)` slots: the top bits of a
 * multiplicative hash, which depend on every bit of both words (short strings often differ in one byte only).
 */
export function _shortSlot(w0: number, w1: number, shift: number): number {
  return Math.imul(w0 ^ Math.imul(w1, 0x85ebca6b | 0), 0x9e3779b1 | 0) >>> shift;
}
