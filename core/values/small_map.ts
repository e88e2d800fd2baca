/**
 * SmallMap: the Map value of Sluice rows. Up to SMALL_MAP_LIMIT entries it is two parallel arrays searched
 * linearly (cheaper than a JS Map to build and to read at that size); past that it builds a Map index.
 *
 * @module
 */

import type { Value } from "./value.ts";

/** Entries at which a SmallMap switches from linear scan to a Map index. */
export const SMALL_MAP_LIMIT = 8;

/** Keys a SmallMap accepts: primitives compared with SameValueZero. */
export type MapKey = string | number | bigint | boolean;

/** An insertion-ordered, immutable-by-convention key -> value map. */
export class SmallMap {
  /** Keys in insertion order. */
  readonly keys: readonly MapKey[];
  /** Values, parallel to keys. */
  readonly values: readonly Value[];
  #index: Map<MapKey, number> | null = null;

  /**
   * Creates a SmallMap.
   *
   * @param keys keys in order (unique)
   * @param values values, same length as keys
   * @throws {RangeError} when the lengths differ or a key repeats
   * @example
   * ```ts
   * import { SmallMap } from "./small_map.ts";
   * const m = new SmallMap(["a", "b"], [1, 2]);
   * if (m.get("b") !== 2 || m.get("z") !== undefined) throw new Error();
   * ```
   */
  constructor(keys: readonly MapKey[], values: readonly Value[]) {
    if (keys.length !== values.length) {
      throw new RangeError(`SmallMap needs as many values as keys: ${keys.length} keys, ${values.length} values`);
    }
    this.keys = keys;
    this.values = values;
    if (keys.length > SMALL_MAP_LIMIT) {
      const index = new Map<MapKey, number>();
      for (let i = 0; i < keys.length; i++) {
        if (index.has(keys[i])) throw new RangeError(`SmallMap key ${String(keys[i])} appears twice`);
        index.set(keys[i], i);
      }
      this.#index = index;
    } else {
      for (let i = 1; i < keys.length; i++) {
        for (let j = 0; j < i; j++) {
          if (keys[i] === keys[j]) throw new RangeError(`SmallMap key ${String(keys[i])} appears twice`);
        }
      }
    }
  }

  /** Number of entries. */
  get size(): number {
    return this.keys.length;
  }

  /**
   * Position of a key.
   *
   * @param key the key
   * @returns its index, or -1
   */
  indexOf(key: MapKey): number {
    if (this.#index !== null) return this.#index.get(key) ?? -1;
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
    return -1;
  }

  /**
   * The value of a key.
   *
   * @param key the key
   * @returns the value, or undefined when absent (a present NULL is null)
   */
  get(key: MapKey): Value | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  /**
   * Whether the key is present.
   *
   * @param key the key
   * @returns true when present
   */
  has(key: MapKey): boolean {
    return this.indexOf(key) >= 0;
  }

  /**
   * A new map with one entry set; the keys and values not touched are shared, not copied.
   *
   * @param key the key
   * @param value the value
   * @returns the new map
   */
  with(key: MapKey, value: Value): SmallMap {
    const i = this.indexOf(key);
    if (i >= 0) {
      const values = this.values.slice();
      values[i] = value;
      return new SmallMap(this.keys, values);
    }
    return new SmallMap([...this.keys, key], [...this.values, value]);
  }
}
