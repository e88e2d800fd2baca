/**
 * PlanCache: a bounded LRU of compiled plans keyed by query text. A hit on the exact text costs one Map lookup
 * (no tokenizing); a miss tokenizes once and tries the normalised text (case of keywords and identifiers,
 * whitespace and comments do not matter) before building. Owners call `invalidate()` when the schema changes.
 *
 * @module
 */

import { normalizeSql } from "./tokenizer.ts";

/** Options of a PlanCache. */
export interface PlanCacheOptions {
  /** Most entries kept (exact texts and normalised texts each count); default 256. */
  capacity?: number;
}

/** Counters of a PlanCache. */
export interface PlanCacheStats {
  /** Lookups answered from the cache. */
  readonly hits: number;
  /** Lookups that built a plan. */
  readonly misses: number;
  /** Entries held. */
  readonly size: number;
  /** Times the cache was invalidated. */
  readonly invalidations: number;
}

/** A bounded least-recently-used cache of plans. */
export class PlanCache<P> {
  readonly #capacity: number;
  #map: Map<string, P> = new Map();
  #hits = 0;
  #misses = 0;
  #invalidations = 0;

  /**
   * Creates a PlanCache.
   *
   * @param options capacity
   * @throws {RangeError} when the capacity is not a positive integer
   * @example
   * ```ts
   * import { PlanCache } from "./plan_cache.ts";
   * const c = new PlanCache<string>({ capacity: 8 });
   * c.get("a = 1", (n) => "plan of " + n);
   * if (c.get("A   =  1", () => "rebuilt") !== "plan of a = 1") throw new Error();
   * ```
   */
  constructor(options: PlanCacheOptions = {}) {
    const cap = options.capacity ?? 256;
    if (!Number.isSafeInteger(cap) || cap < 1) {
      throw new RangeError(`Plan cache capacity must be a positive integer, got ${cap}`);
    }
    this.#capacity = cap;
  }

  /**
   * The plan of a query text, built on a miss.
   *
   * @param text the query text as written
   * @param build builds the plan; receives the normalised text
   * @returns the cached or new plan
   * @throws whatever `build` or the tokenizer throws (nothing is cached then)
   */
  get(text: string, build: (normalized: string) => P): P {
    const map = this.#map;
    const hit = map.get(text);
    if (hit !== undefined) {
      this.#hits++;
      map.delete(text);
      map.set(text, hit);
      return hit;
    }
    const norm = normalizeSql(text);
    let plan = map.get(norm);
    if (plan !== undefined) {
      this.#hits++;
      map.delete(norm);
    } else {
      this.#misses++;
      plan = build(norm);
    }
    map.set(norm, plan);
    if (norm !== text) map.set(text, plan);
    while (map.size > this.#capacity) map.delete(map.keys().next().value as string);
    return plan;
  }

  /** Drops every plan (call when the schema the plans were bound to changes). */
  invalidate(): void {
    this.#map = new Map();
    this.#invalidations++;
  }

  /**
   * Hit, miss and eviction counts of the cache.
   *
   * @returns hit, miss and size counters
   */
  stats(): PlanCacheStats {
    return { hits: this.#hits, misses: this.#misses, size: this.#map.size, invalidations: this.#invalidations };
  }
}
