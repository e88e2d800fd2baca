/**
 * SecondaryIndex: value -> set of slots for one declared column of a keyed table, kept consistent by the
 * table on every upsert and delete. String columns are indexed by dictionary code, numbers by their exact
 * stored payload (ScaledInteger units), NULL under `null`.
 *
 * @module
 */

import { MAP_ENTRY_BYTES } from "./key_index.ts";

/** A key of a secondary index: a stored payload (number or wide bigint), or null for NULL. */
export type IndexKey = number | bigint | null;

/** Estimated bytes of one Set object. */
const SET_BYTES = 64;
/** Estimated bytes per Set member. */
const SET_ENTRY_BYTES = 20;

/** Value -> slots of one column. */
export class SecondaryIndex {
  /** The indexed column's position in the schema. */
  readonly column: number;
  #map: Map<IndexKey, Set<number>> = new Map();
  #entries = 0;

  /**
   * Creates a SecondaryIndex.
   *
   * @param column the indexed column's position
   * @example
   * ```ts
   * import { SecondaryIndex } from "./secondary_index.ts";
   * const ix = new SecondaryIndex(0);
   * ix.add(3, 10); ix.add(3, 11); ix.remove(3, 10);
   * if (ix.lookup(3)?.size !== 1) throw new Error();
   * ```
   */
  constructor(column: number) {
    this.column = column;
  }

  /**
   * Adds a slot under a key.
   *
   * @param key the stored value
   * @param slot the slot
   */
  add(key: IndexKey, slot: number): void {
    let s = this.#map.get(key);
    if (s === undefined) {
      s = new Set();
      this.#map.set(key, s);
    }
    const before = s.size;
    s.add(slot);
    this.#entries += s.size - before;
  }

  /**
   * Removes a slot from a key.
   *
   * @param key the stored value
   * @param slot the slot
   */
  remove(key: IndexKey, slot: number): void {
    const s = this.#map.get(key);
    if (s === undefined) return;
    if (s.delete(slot)) this.#entries--;
    if (s.size === 0) this.#map.delete(key);
  }

  /**
   * The slots holding a key.
   *
   * @param key the stored value
   * @returns the live set (do not modify), or undefined
   */
  lookup(key: IndexKey): ReadonlySet<number> | undefined {
    return this.#map.get(key);
  }

  /** Distinct keys. */
  get distinct(): number {
    return this.#map.size;
  }

  /** Removes everything. */
  clear(): void {
    this.#map.clear();
    this.#entries = 0;
  }

  /**
   * Returns estimated bytes held (Map entries, Set objects and Set members).
   *
   * @returns estimated bytes held (Map entries, Set objects and Set members)
   */
  byteSize(): number {
    return this.#map.size * (MAP_ENTRY_BYTES + SET_BYTES) + this.#entries * SET_ENTRY_BYTES;
  }
}
