/**
 * KeyIndex: key -> slot for a keyed table, in one of three forms chosen by the key's type:
 *
 * - `number`: one Integer or Float key column. While every key is a non-negative integer below
 *   4 * count + 2^20 (ids), a direct-address Int32Array key -> slot; otherwise an open-addressing hash table
 *   of slot numbers (Int32Array, linear probing, Fibonacci hashing) whose keys are read from the table's own
 *   key column. Either way 4-8 bytes per key and no JS objects.
 * - `code`: one String key column. The column's dictionary already maps string -> code; the index is an
 *   Int32Array code -> slot.
 * - `string`: string keys held by the table itself (record metadata keys). While every key is one fixed prefix
 *   followed by 1 to 15 ASCII digits (`"txn_00000042"`, `"user-7"`), the key is mapped one-to-one to a number
 *   (its digits, with the digit count folded in so that `"7"` and `"07"` differ) and indexed by the number form
 *   (direct addressing for dense ids): no string hash and no string comparison per lookup. The first key that
 *   does not fit switches the index for good to open addressing over (slot, 32-bit hash) pairs, keys compared
 *   against the table's key array only when the hashes match.
 * - `map`: anything else (composite keys, keys from record metadata, wide integers): a JS Map from an encoded
 *   primitive key to the slot.
 *
 * @module
 */

/** The form of a KeyIndex. */
export const KeyIndexKind = {
  /** Open addressing over a Float64Array key column. */
  Number: "number",
  /** String key column: dictionary code -> slot. */
  Code: "code",
  /** String keys kept in the table's own key array (metadata keys). */
  String: "string",
  /** A Map from an encoded key. */
  Map: "map",
} as const;

/** A KeyIndex form. */
export type KeyIndexKind = typeof KeyIndexKind[keyof typeof KeyIndexKind];

/** A primitive map key (see KeyIndex `map` form). */
export type EncodedKey = string | number | bigint | boolean;

const EMPTY = 0, DELETED = -1;
/** Direct addressing stays on while the largest key is below DIRECT_SLACK * keys + DIRECT_BASE. */
const DIRECT_SLACK = 4;
const DIRECT_BASE = 1 << 20;
/** 10^i for i in 0..15. */
const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);
/** The most digits a shaped string key may have (10^15 + 2 * 10^15 stays a safe integer). */
const SHAPE_DIGITS = 15;
const SHAPE_NONE = 0, SHAPE_DIGITS_ON = 1, SHAPE_OFF = 2;
const F = new Float64Array(1);
const W = new Int32Array(F.buffer);

/** Fibonacci hashing: the top `32 - shift` bits of k * 2^32/phi (sequential keys spread evenly). */
function hashNumber(k: number, shift: number): number {
  let h: number;
  if ((k | 0) === k) h = k;
  else {
    F[0] = k;
    h = W[0] ^ Math.imul(W[1], 0x85ebca6b);
  }
  return Math.imul(h, 0x9e3779b1) >>> shift;
}

/**
 * The 32-bit hash the string form uses: FNV-1a over pairs of UTF-16 code units, then a final avalanche.
 *
 * @param s the string
 * @returns a signed 32-bit hash
 * @example
 * ```ts
 * import { hashString } from "./key_index.ts";
 * if (hashString("txn_00000042") !== hashString("txn_" + "00000042")) throw new Error();
 * ```
 */
export function hashString(s: string): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n, i = 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** Key -> slot index of a keyed table. */
export class KeyIndex {
  /** The form of this index. */
  readonly kind: KeyIndexKind;
  #size = 0;
  // number form: direct addressing while every key is a small non-negative integer, else hashing
  #direct: Int32Array | null = null;
  #maxKey = -1;
  #smallInts = true;
  #table: Int32Array = new Int32Array(0);
  #mask = 0;
  #shift = 28;
  #used = 0; // live + deleted entries
  #keys: Float64Array = new Float64Array(0);
  // code form
  #codeSlot: Int32Array = new Int32Array(0);
  // string form (the table and hashes share #table / #mask / #shift / #used with the number form)
  #pairs: Int32Array = new Int32Array(0); // [slot + 1, hash] per entry: one cache line holds both
  #strings: readonly unknown[] = [];
  // string form, shaped ("prefix + digits" keys as numbers through the number form): state, prefix, the first
  // key's digit count, and the numbers by slot (the number form's key array)
  #shape: number = SHAPE_NONE;
  #prefix = "";
  #width = 0;
  #shapeKeys: Float64Array = new Float64Array(0);
  // the last string key looked up and its hash or number: an insert right after a failed find reuses it
  #lastKey: string | null = null;
  #lastCode = 0;
  // map form
  #map: Map<EncodedKey, number> | null = null;

  /**
   * Creates a KeyIndex.
   *
   * @param kind the form
   * @param capacity expected keys (sizes the number form's table)
   * @example
   * ```ts
   * import { KeyIndex } from "./key_index.ts";
   * const keys = new Float64Array([42, 7]);
   * const ix = new KeyIndex("number", 2);
   * ix.attachKeys(keys);
   * ix.insertNumber(42, 0);
   * ix.insertNumber(7, 1);
   * if (ix.findNumber(7) !== 1 || ix.findNumber(8) !== -1) throw new Error();
   * ```
   */
  constructor(kind: KeyIndexKind, capacity = 16) {
    this.kind = kind;
    if (kind === "number") this.#initNumber(capacity);
    else if (kind === "string") {
      this.#initNumber(16);
      this.#shapeKeys = new Float64Array(Math.max(16, capacity));
      this.#keys = this.#shapeKeys;
    } else if (kind === "code") this.#codeSlot = new Int32Array(Math.max(16, capacity));
    else this.#map = new Map();
  }

  #initNumber(capacity: number): void {
    // direct addressing first: the hash table is allocated when a key leaves it (#toHashed sizes it then)
    this.#direct = new Int32Array(Math.max(16, capacity));
    this.#table = new Int32Array(0);
    this.#used = 0;
    this.#maxKey = -1;
    this.#smallInts = true;
  }

  /** Keys held. */
  get size(): number {
    return this.#size;
  }

  /**
   * Points the number form at the table's key column (call again whenever the column's array is replaced).
   *
   * @param keys the key column, indexed by slot
   */
  attachKeys(keys: Float64Array): void {
    this.#keys = keys;
  }

  /**
   * The slot of a number key.
   *
   * @param k the key (not NaN)
   * @returns the slot, or -1
   */
  findNumber(k: number): number {
    const d = this.#direct;
    if (d !== null) return (k >>> 0) === k && k < d.length ? d[k] - 1 : -1;
    return this.#findHashed(k);
  }

  /**
   * The slots of many number keys at once (a tight loop without calls: the vectorized lookup).
   *
   * @param keys the keys
   * @param out receives one slot per key, -1 where absent
   */
  findNumbers(keys: ArrayLike<number>, out: Int32Array): void {
    const d = this.#direct, n = keys.length;
    if (d !== null) {
      const len = d.length;
      for (let i = 0; i < n; i++) {
        const k = keys[i];
        out[i] = (k >>> 0) === k && k < len ? d[k] - 1 : -1;
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      out[i] = this.#findHashed(k === 0 ? 0 : k);
    }
  }

  /**
   * Finds or adds many number keys in one tight loop (direct addressing only): a key already held gives its slot;
   * a new key takes the next slot number, `next`, `next + 1`, ... in order, so a key repeated in `keys` gets the
   * slot its first occurrence took. Changes nothing and returns -1 when the index is not direct addressing or a
   * key does not fit it (negative, fractional or too far past the others): use `findNumber` / `insertNumber`.
   *
   * @param keys the keys (no NaN; -0 is taken as 0)
   * @param out receives one slot per key
   * @param next the slot number the first new key takes
   * @returns how many new keys took slots, or -1
   * @example
   * ```ts
   * import { KeyIndex } from "./key_index.ts";
   * const ix = new KeyIndex("number", 4);
   * const out = new Int32Array(4);
   * if (ix.claimNumbers(new Float64Array([5, 9, 5, 2]), out, 0) !== 3) throw new Error();
   * if (out.join() !== "0,1,0,2" || ix.findNumber(9) !== 1 || ix.size !== 3) throw new Error();
   * ```
   */
  claimNumbers(keys: Float64Array, out: Int32Array, next: number): number {
    let d = this.#direct;
    if (d === null) return -1;
    const n = keys.length;
    let max = -1;
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      if ((k >>> 0) !== k) return -1;
      if (k > max) max = k;
    }
    if (max >= d.length) {
      if (max >= DIRECT_SLACK * (this.#size + n) + DIRECT_BASE) return -1;
      // room for keys a little past the largest seen (a shuffled load sees nearly the whole range at once)
      const g = new Int32Array(Math.max(max + 1 + (max >> 3), d.length + (d.length >> 1)));
      g.set(d);
      this.#direct = d = g;
    }
    const first = next;
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      const e = d[k];
      if (e === 0) {
        d[k] = next + 1;
        out[i] = next++;
      } else out[i] = e - 1;
    }
    this.#size += next - first;
    return next - first;
  }

  #findHashed(k: number): number {
    const t = this.#table, keys = this.#keys, mask = this.#mask;
    let i = hashNumber(k, this.#shift);
    for (;;) {
      const e = t[i];
      if (e === EMPTY) return -1;
      if (e > 0 && keys[e - 1] === k) return e - 1;
      i = (i + 1) & mask;
    }
  }

  /**
   * Adds a number key known to be absent; the key column must already hold `k` at `slot`.
   *
   * @param k the key
   * @param slot its slot
   */
  insertNumber(k: number, slot: number): void {
    let d = this.#direct;
    if (d !== null) {
      if ((k >>> 0) === k && k < d.length) {
        d[k] = slot + 1;
        this.#size++;
        return;
      }
      if ((k >>> 0) === k && k < DIRECT_SLACK * (this.#size + 1) + DIRECT_BASE) {
        const g = new Int32Array(Math.max(k + 1, d.length * 2));
        g.set(d);
        this.#direct = d = g;
        d[k] = slot + 1;
        this.#size++;
        return;
      }
      this.#toHashed();
    }
    if (this.#smallInts) {
      if ((k >>> 0) === k) {
        if (k > this.#maxKey) this.#maxKey = k;
      } else this.#smallInts = false;
    }
    if ((this.#used + 1) * 4 > this.#table.length * 3) {
      this.#rehash(this.#size + 1);
      if (this.#direct !== null) return this.insertNumber(k, slot);
    }
    const t = this.#table, mask = this.#mask;
    let i = hashNumber(k, this.#shift);
    while (t[i] > 0) i = (i + 1) & mask;
    if (t[i] === EMPTY) this.#used++;
    t[i] = slot + 1;
    this.#size++;
  }

  /**
   * Removes a number key.
   *
   * @param k the key
   * @returns its slot, or -1 when absent
   */
  removeNumber(k: number): number {
    const d = this.#direct;
    if (d !== null) {
      const s = (k >>> 0) === k && k < d.length ? d[k] - 1 : -1;
      if (s >= 0) {
        d[k] = 0;
        this.#size--;
      }
      return s;
    }
    const t = this.#table, keys = this.#keys, mask = this.#mask;
    let i = hashNumber(k, this.#shift);
    for (;;) {
      const e = t[i];
      if (e === EMPTY) return -1;
      if (e > 0 && keys[e - 1] === k) {
        t[i] = t[(i + 1) & mask] === EMPTY ? EMPTY : DELETED;
        if (t[i] === EMPTY) this.#used--;
        this.#size--;
        return e - 1;
      }
      i = (i + 1) & mask;
    }
  }

  /** Leaves direct addressing: a key is negative, fractional or far past the others. */
  #toHashed(): void {
    const d = this.#direct!;
    this.#direct = null;
    const size = this.#size;
    this.#size = 0;
    this.#used = 0;
    this.#smallInts = false; // re-learned below from the live keys
    this.#maxKey = -1;
    this.#rehash(size + 1);
    const keys = this.#keys;
    for (let k = 0; k < d.length; k++) if (d[k] > 0) this.insertNumber(keys[d[k] - 1], d[k] - 1);
    this.#smallInts = true;
    this.#maxKey = d.length - 1;
  }

  /** Whether the number form currently addresses keys directly (dense small non-negative integers). */
  get direct(): boolean {
    return this.#direct !== null;
  }

  #rehash(need: number): void {
    if (this.#smallInts && this.#maxKey < DIRECT_SLACK * need + DIRECT_BASE && this.#size > 0) {
      // the keys turned out dense after all (e.g. a shuffled id load): go back to direct addressing
      const d = new Int32Array(Math.max(16, this.#maxKey + 1 + (this.#maxKey >> 3)));
      const old = this.#table, keys = this.#keys;
      for (let j = 0; j < old.length; j++) if (old[j] > 0) d[keys[old[j] - 1]] = old[j];
      this.#direct = d;
      this.#table = new Int32Array(0);
      this.#used = 0;
      return;
    }
    // smallest power of two that keeps the load under 3/4 with room for growth (at least 1/8 free)
    let cap = 16;
    while (cap * 3 < need * 4 || cap * 3 / 4 - need < cap / 8) cap *= 2;
    const old = this.#table, keys = this.#keys;
    const t = new Int32Array(cap), mask = cap - 1, shift = 32 - Math.log2(cap);
    for (let j = 0; j < old.length; j++) {
      const e = old[j];
      if (e <= 0) continue;
      let i = hashNumber(keys[e - 1], shift);
      while (t[i] !== EMPTY) i = (i + 1) & mask;
      t[i] = e;
    }
    this.#table = t;
    this.#mask = mask;
    this.#shift = shift;
    this.#used = this.#size;
  }

  /**
   * Points the string form at the table's key array (call again whenever the array is replaced).
   *
   * @param keys the keys by slot
   */
  attachStrings(keys: readonly unknown[]): void {
    this.#strings = keys;
  }

  /**
   * Whether the string form maps its keys to numbers ("prefix + digits" keys, see the module notes); false once a
   * key did not fit, and for the other forms.
   */
  get shaped(): boolean {
    return this.kind === "string" && this.#shape !== SHAPE_OFF;
  }

  /** The number of a "prefix + digits" key, or -1 when it does not fit the learned prefix. */
  #shapeNumber(k: string): number {
    const p = this.#prefix, pl = p.length, n = k.length, w = n - pl;
    if (w < 1 || w > SHAPE_DIGITS) return -1;
    for (let i = 0; i < pl; i++) if (k.charCodeAt(i) !== p.charCodeAt(i)) return -1;
    let v = 0;
    if (w <= 9) {
      // int32 multiply-add: a shorter chain from digit to digit than a float one (10^9 - 1 < 2^31)
      for (let i = pl; i < n; i++) {
        const c = k.charCodeAt(i) - 48;
        if (c >>> 0 > 9) return -1;
        v = (Math.imul(v, 10) + c) | 0;
      }
    } else {
      for (let i = pl; i < n; i++) {
        const c = k.charCodeAt(i) - 48;
        if (c >>> 0 > 9) return -1;
        v = v * 10 + c;
      }
    }
    // the first key's digit count maps to 0..10^w-1; other counts to disjoint ranges above it
    return w === this.#width ? v : POW10[this.#width] + POW10[w] + v;
  }

  /** Learns the shape from the first key: its trailing digits (1 to 15 of them) follow a fixed prefix. */
  #learnShape(k: string): void {
    let i = k.length;
    while (i > 0 && k.charCodeAt(i - 1) >= 48 && k.charCodeAt(i - 1) <= 57) i--;
    const w = k.length - i;
    if (w < 1 || w > SHAPE_DIGITS) {
      this.#toHashedStrings();
      return;
    }
    this.#prefix = k.slice(0, i);
    this.#width = w;
    this.#lastKey = null;
    this.#shape = SHAPE_DIGITS_ON;
  }

  /** Leaves the shaped form for good: rebuilds as open addressing over (slot, hash) pairs. */
  #toHashedStrings(): void {
    const slots: number[] = [];
    if (this.#size > 0) {
      const d = this.#direct;
      if (d !== null) {
        for (let k = 0; k < d.length; k++) if (d[k] > 0) slots.push(d[k] - 1);
      } else for (const e of this.#table) if (e > 0) slots.push(e - 1);
    }
    this.#shape = SHAPE_OFF;
    this.#direct = null;
    this.#table = new Int32Array(0);
    this.#shapeKeys = this.#keys = new Float64Array(0);
    this.#lastKey = null;
    this.#size = 0;
    this.#used = 0;
    let cap = 16;
    while (cap * 3 < (slots.length + 1) * 4 || cap * 3 / 4 - slots.length < cap / 8) cap *= 2;
    this.#pairs = new Int32Array(2 * cap);
    this.#mask = cap - 1;
    const keys = this.#strings;
    for (const slot of slots) this.insertString(keys[slot] as string, slot);
  }

  /**
   * The slot of a string key (string form).
   *
   * @param k the key
   * @param h its `hashString` (computed when omitted and needed)
   * @returns the slot, or -1
   */
  findString(k: string, h?: number): number {
    if (this.#shape !== SHAPE_OFF) {
      const n = this.#shape === SHAPE_NONE ? -1 : this.#shapeNumber(k);
      return n < 0 ? -1 : this.findNumber(n);
    }
    return this.#findHashedString(k, h === undefined ? hashString(k) : h);
  }

  /**
   * `findString` for a write: also remembers the key's number or hash, which an `insertString` of the same key
   * right after reuses (a load computes each key's hash once).
   *
   * @param k the key
   * @returns the slot, or -1
   */
  probeString(k: string): number {
    if (this.#shape !== SHAPE_OFF) {
      if (this.#shape === SHAPE_NONE) return -1; // the insert learns the shape
      const n = this.#shapeNumber(k);
      this.#lastKey = k;
      this.#lastCode = n;
      return n < 0 ? -1 : this.findNumber(n);
    }
    const h = hashString(k);
    this.#lastKey = k;
    this.#lastCode = h;
    return this.#findHashedString(k, h);
  }

  #findHashedString(k: string, h: number): number {
    const p = this.#pairs, keys = this.#strings, mask = this.#mask;
    let i = h & mask;
    for (;;) {
      const e = p[2 * i];
      if (e === EMPTY) return -1;
      if (e > 0 && p[2 * i + 1] === h && keys[e - 1] === k) return e - 1;
      i = (i + 1) & mask;
    }
  }

  /**
   * Adds a string key known to be absent; the key array must already hold `k` at `slot`.
   *
   * @param k the key
   * @param slot its slot
   * @param h its `hashString` (computed when omitted and needed)
   */
  insertString(k: string, slot: number, h?: number): void {
    if (this.#shape !== SHAPE_OFF) {
      if (this.#shape === SHAPE_NONE) this.#learnShape(k);
      if (this.#shape === SHAPE_DIGITS_ON) {
        const n = k === this.#lastKey ? this.#lastCode : this.#shapeNumber(k);
        if (n >= 0) {
          let keys = this.#shapeKeys;
          if (slot >= keys.length) {
            keys = new Float64Array(Math.max(slot + 1, keys.length * 2, 16));
            keys.set(this.#shapeKeys);
            this.#shapeKeys = this.#keys = keys;
          }
          keys[slot] = n;
          this.insertNumber(n, slot);
          return;
        }
        this.#toHashedStrings();
      }
    }
    if (h === undefined) h = k === this.#lastKey ? this.#lastCode : hashString(k);
    if ((this.#used + 1) * 8 > this.#pairs.length * 3) this.#rehashStrings(this.#size + 1);
    const p = this.#pairs, mask = this.#mask;
    let i = h & mask;
    while (p[2 * i] > 0) i = (i + 1) & mask;
    if (p[2 * i] === EMPTY) this.#used++;
    p[2 * i] = slot + 1;
    p[2 * i + 1] = h;
    this.#size++;
  }

  /**
   * Removes a string key (string form).
   *
   * @param k the key
   * @returns its slot, or -1
   */
  removeString(k: string): number {
    if (this.#shape !== SHAPE_OFF) {
      const n = this.#shape === SHAPE_NONE ? -1 : this.#shapeNumber(k);
      return n < 0 ? -1 : this.removeNumber(n);
    }
    const p = this.#pairs, keys = this.#strings, mask = this.#mask, h = hashString(k);
    let i = h & mask;
    for (;;) {
      const e = p[2 * i];
      if (e === EMPTY) return -1;
      if (e > 0 && p[2 * i + 1] === h && keys[e - 1] === k) {
        p[2 * i] = p[2 * ((i + 1) & mask)] === EMPTY ? EMPTY : DELETED;
        if (p[2 * i] === EMPTY) this.#used--;
        this.#size--;
        return e - 1;
      }
      i = (i + 1) & mask;
    }
  }

  #rehashStrings(need: number): void {
    let cap = 16;
    while (cap * 3 < need * 4 || cap * 3 / 4 - need < cap / 8) cap *= 2;
    const old = this.#pairs;
    const p = new Int32Array(2 * cap), mask = cap - 1;
    for (let j = 0; j < old.length; j += 2) {
      const e = old[j];
      if (e <= 0) continue;
      const h = old[j + 1];
      let i = h & mask;
      while (p[2 * i] !== EMPTY) i = (i + 1) & mask;
      p[2 * i] = e;
      p[2 * i + 1] = h;
    }
    this.#pairs = p;
    this.#mask = mask;
    this.#used = this.#size;
  }

  /**
   * The slot of a dictionary code (code form).
   *
   * @param code the key's code in the key column's dictionary (-1 when the string was never seen)
   * @returns the slot, or -1
   */
  findCode(code: number): number {
    return code < 0 || code >= this.#codeSlot.length ? -1 : this.#codeSlot[code] - 1;
  }

  /**
   * Sets the slot of a code (code form).
   *
   * @param code the code
   * @param slot the slot
   */
  setCode(code: number, slot: number): void {
    let a = this.#codeSlot;
    if (code >= a.length) {
      const b = new Int32Array(Math.max(code + 1, a.length * 2));
      b.set(a);
      this.#codeSlot = a = b;
    }
    if (a[code] === 0) this.#size++;
    a[code] = slot + 1;
  }

  /**
   * Removes a code (code form).
   *
   * @param code the code
   * @returns its slot, or -1
   */
  removeCode(code: number): number {
    const s = this.findCode(code);
    if (s >= 0) {
      this.#codeSlot[code] = 0;
      this.#size--;
    }
    return s;
  }

  /**
   * The slot of an encoded key (map form).
   *
   * @param k the encoded key
   * @returns the slot, or -1
   */
  findKey(k: EncodedKey): number {
    return this.#map!.get(k) ?? -1;
  }

  /**
   * Sets the slot of an encoded key (map form).
   *
   * @param k the key
   * @param slot the slot
   */
  setKey(k: EncodedKey, slot: number): void {
    const m = this.#map!;
    const before = m.size;
    m.set(k, slot);
    this.#size += m.size - before;
  }

  /**
   * Removes an encoded key (map form).
   *
   * @param k the key
   * @returns its slot, or -1
   */
  removeKey(k: EncodedKey): number {
    const m = this.#map!;
    const s = m.get(k);
    if (s === undefined) return -1;
    m.delete(k);
    this.#size--;
    return s;
  }

  /** Removes every key. */
  clear(): void {
    if (this.kind === "string") {
      // the next first key learns the shape anew
      this.#shape = SHAPE_NONE;
      this.#pairs = new Int32Array(0);
      this.#lastKey = null;
      this.#initNumber(16);
      this.#size = 0;
      return;
    }
    this.#direct?.fill(0);
    this.#table.fill(0);
    this.#pairs.fill(0);
    this.#used = 0;
    this.#codeSlot.fill(0);
    this.#map?.clear();
    this.#size = 0;
  }

  /**
   * Bytes held by the index's own arrays; the map form counts `MAP_ENTRY_BYTES` per entry plus the encoded
   * strings' payloads it alone holds (composite keys).
   *
   * @returns bytes
   */
  byteSize(): number {
    let b = this.#table.byteLength + this.#pairs.byteLength + this.#codeSlot.byteLength +
      (this.#direct?.byteLength ?? 0) + this.#shapeKeys.byteLength;
    if (this.#map !== null) {
      b += this.#map.size * MAP_ENTRY_BYTES;
    }
    return b;
  }
}

/**
 * Estimated bytes per JS Map entry: V8's ordered hash table (bucket, key, value, chain) at its load factor and
 * power-of-two capacity; measured 36.7 B per entry for a 100,000-entry Map in Deno 2.9 (see
 * docs/perf/tables.md).
 */
export const MAP_ENTRY_BYTES = 37;
