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
  /** Per slot: the two words. */
  words: Int32Array = new Int32Array(128);
  /** Per slot: the code, -1 for an empty slot. */
  codes: Int32Array = new Int32Array(64).fill(-1);
  /** Slots - 1 (a power of two minus one). */
  mask = 63;
  #count = 0;

  constructor(acc: _DictAcc) {
    this.acc = acc;
  }

  /** Remembers a string's code (its words must not be in the table yet); a full table remembers nothing more. */
  add(w0: number, w1: number, code: number): void {
    if (this.#count >= MAX_ENTRIES) return;
    if (++this.#count * 2 > this.mask) this.#grow();
    let k = _shortSlot(w0, w1) & this.mask;
    while (this.codes[k] !== -1) k = (k + 1) & this.mask;
    this.words[2 * k] = w0;
    this.words[2 * k + 1] = w1;
    this.codes[k] = code;
  }

  #grow(): void {
    const old = this.words, oldCodes = this.codes;
    const size = (this.mask + 1) * 2;
    this.words = new Int32Array(2 * size);
    this.codes = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let j = 0; j < oldCodes.length; j++) {
      if (oldCodes[j] === -1) continue;
      let k = _shortSlot(old[2 * j], old[2 * j + 1]) & this.mask;
      while (this.codes[k] !== -1) k = (k + 1) & this.mask;
      this.words[2 * k] = old[2 * j];
      this.words[2 * k + 1] = old[2 * j + 1];
      this.codes[k] = oldCodes[j];
    }
  }
}

/** The slot hash of a short string's two words (mask it with the table's `mask`). */
export function _shortSlot(w0: number, w1: number): number {
  const h = Math.imul(w0 ^ Math.imul(w1, 0x27d4eb2d), 0x9e3779b1 | 0);
  return h ^ (h >>> 15);
}
