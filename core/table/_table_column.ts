/**
 * One growable column of a keyed table: a typed array indexed by slot, a lazily allocated validity array, and
 * for String columns the table's own append-only dictionary. Private to core/table.
 *
 * @module
 */

import type { Column, ColumnLayout } from "../batch/column.ts";
import { layoutFor } from "../batch/column.ts";
import { StringDictionary } from "../batch/string_dictionary.ts";
import { type DataType, typeName } from "../types/data_type.ts";
import { normalizeInt64 } from "../values/int64.ts";
import { ScaledInteger } from "../values/scaled_integer.ts";
import { Interval, SqlDate, Timestamp } from "../values/temporal.ts";
import { Decimal } from "../values/decimal.ts";
import { SmallMap } from "../values/small_map.ts";
import { StructValue } from "../values/struct_value.ts";
import type { Value } from "../values/value.ts";

const I64_LO = -(2n ** 63n), I64_HI = 2n ** 63n - 1n;

function describe(v: Value): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "object" && v !== null) return `${(v as object).constructor?.name ?? "object"} ${String(v)}`;
  return String(v);
}

/**
 * The buffer of a typed array that spans its whole buffer, moved to `bytes` bytes (zeros past the old end); the
 * array is left detached. Any other array is copied.
 */
export function _grownBuffer(a: Float64Array | BigInt64Array | Int32Array | Uint8Array, bytes: number): ArrayBuffer {
  const b = a.buffer;
  if (b instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === b.byteLength) return b.transfer(bytes);
  const g = new ArrayBuffer(bytes);
  new Uint8Array(g).set(new Uint8Array(b, a.byteOffset, a.byteLength));
  return g;
}

/** A slot-indexed growable column. */
export class _TableColumn {
  readonly type: DataType;
  readonly name: string;
  layout: ColumnLayout;
  capacity: number;
  f64: Float64Array | null = null;
  i64: BigInt64Array | null = null;
  i32: Int32Array | null = null;
  u8: Uint8Array | null = null;
  values: Value[] | null = null;
  dict: StringDictionary | null = null;
  validity: Uint8Array | null = null;
  #remaps: WeakMap<StringDictionary, Int32Array> = new WeakMap();

  constructor(name: string, type: DataType, capacity: number) {
    this.name = name;
    this.type = type;
    this.layout = layoutFor(type);
    this.capacity = capacity;
    switch (this.layout) {
      case "f64":
        this.f64 = new Float64Array(capacity);
        break;
      case "i32":
        this.i32 = new Int32Array(capacity);
        break;
      case "bool":
        this.u8 = new Uint8Array(capacity);
        break;
      case "dict":
        this.i32 = new Int32Array(capacity);
        this.dict = new StringDictionary();
        break;
      default:
        this.values = [];
    }
  }

  /** A deep copy of the arrays (the dictionary is append-only and stays shared). */
  clone(): _TableColumn {
    const c = new _TableColumn(this.name, this.type, 1);
    Object.assign(c, {
      layout: this.layout,
      capacity: this.capacity,
      f64: this.f64?.slice() ?? null,
      i64: this.i64?.slice() ?? null,
      i32: this.i32?.slice() ?? null,
      u8: this.u8?.slice() ?? null,
      values: this.values?.slice() ?? null,
      dict: this.dict,
      validity: this.validity?.slice() ?? null,
    });
    c.#remaps = this.#remaps;
    return c;
  }

  /**
   * Grows every array to `capacity` slots. The buffers move (`ArrayBuffer.prototype.transfer`, which can extend
   * an allocation in place instead of copying it): views of the old arrays are left detached, so the table grows
   * only storage no snapshot holds.
   */
  grow(capacity: number): void {
    if (this.f64 !== null) this.f64 = new Float64Array(_grownBuffer(this.f64, capacity * 8));
    if (this.i64 !== null) this.i64 = new BigInt64Array(_grownBuffer(this.i64, capacity * 8));
    if (this.i32 !== null) this.i32 = new Int32Array(_grownBuffer(this.i32, capacity * 4));
    if (this.u8 !== null) this.u8 = new Uint8Array(_grownBuffer(this.u8, capacity));
    if (this.validity !== null) {
      const old = this.validity.length;
      this.validity = new Uint8Array(_grownBuffer(this.validity, capacity)).fill(1, old);
    }
    this.capacity = capacity;
  }

  #widen(): void {
    const f = this.f64!, w = new BigInt64Array(this.capacity);
    for (let i = 0; i < f.length; i++) w[i] = BigInt(f[i]);
    this.i64 = w;
    this.f64 = null;
    this.layout = "i64";
  }

  /** Why `v` does not fit this column, or null when it does. */
  check(v: Value): string | null {
    if (v === null) return null;
    const t = this.type;
    let ok: boolean;
    switch (t.kind) {
      case "boolean":
        ok = typeof v === "boolean";
        break;
      case "integer":
        ok = (typeof v === "number" && Number.isSafeInteger(v)) ||
          (typeof v === "bigint" && v >= I64_LO && v <= I64_HI);
        break;
      case "float":
        ok = typeof v === "number";
        break;
      case "string":
        ok = typeof v === "string";
        break;
      case "scaled":
        if (v instanceof ScaledInteger && v.scale !== t.scale) {
          return `Column "${this.name}" of type ${
            typeName(t)
          } cannot take ${v} at scale ${v.scale}: rescale it explicitly`;
        }
        ok = v instanceof ScaledInteger;
        break;
      case "date":
        ok = v instanceof SqlDate;
        break;
      case "timestamp":
        ok = v instanceof Timestamp;
        break;
      case "decimal":
        ok = v instanceof Decimal && v.scale === t.scale;
        break;
      case "interval":
        ok = v instanceof Interval;
        break;
      case "array":
        ok = Array.isArray(v);
        break;
      case "map":
        ok = v instanceof SmallMap;
        break;
      case "struct":
        ok = v instanceof StructValue;
        break;
      default:
        ok = false;
    }
    return ok ? null : `Column "${this.name}" of type ${typeName(t)} cannot take ${describe(v)}`;
  }

  setNull(slot: number): void {
    if (this.validity === null) this.validity = new Uint8Array(this.capacity).fill(1);
    this.validity[slot] = 0;
    switch (this.layout) {
      case "f64":
        this.f64![slot] = 0;
        break;
      case "i64":
        this.i64![slot] = 0n;
        break;
      case "i32":
      case "dict":
        this.i32![slot] = 0;
        break;
      case "bool":
        this.u8![slot] = 0;
        break;
      case "values":
        this.#setValues(slot, null);
    }
  }

  #setValues(slot: number, v: Value): void {
    const a = this.values!;
    while (a.length <= slot) a.push(null);
    a[slot] = v;
  }

  #setInt(slot: number, x: number | bigint): void {
    if (typeof x === "bigint") {
      const n = normalizeInt64(x);
      if (typeof n === "number") x = n;
      else {
        if (this.layout === "f64") this.#widen();
        this.i64![slot] = x;
        return;
      }
    }
    if (this.layout === "f64") this.f64![slot] = x === 0 ? 0 : x;
    else this.i64![slot] = BigInt(x);
  }

  /** Writes a value already accepted by `check`. */
  set(slot: number, v: Value): void {
    if (v === null) return this.setNull(slot);
    if (this.validity !== null) this.validity[slot] = 1;
    switch (this.type.kind) {
      case "boolean":
        this.u8![slot] = v ? 1 : 0;
        return;
      case "integer":
        return this.#setInt(slot, v as number | bigint);
      case "float":
        this.f64![slot] = v as number;
        return;
      case "string":
        this.i32![slot] = this.dict!.intern(v as string);
        return;
      case "scaled":
        return this.#setInt(slot, (v as ScaledInteger).units);
      case "timestamp":
        return this.#setInt(slot, (v as Timestamp).micros);
      case "date":
        this.i32![slot] = (v as SqlDate).days;
        return;
      default:
        this.#setValues(slot, v);
    }
  }

  /** The value at a slot. */
  get(slot: number): Value {
    if (this.validity !== null && this.validity[slot] === 0) return null;
    const t = this.type;
    switch (this.layout) {
      case "f64": {
        const x = this.f64![slot];
        return t.kind === "scaled" ? new ScaledInteger(x, t.scale) : t.kind === "timestamp" ? new Timestamp(x) : x;
      }
      case "i64": {
        const x = normalizeInt64(this.i64![slot]);
        return t.kind === "scaled" ? new ScaledInteger(x, t.scale) : t.kind === "timestamp" ? new Timestamp(x) : x;
      }
      case "i32":
        return new SqlDate(this.i32![slot]);
      case "bool":
        return this.u8![slot] === 1;
      case "dict":
        return this.dict!.values[this.i32![slot]];
      case "values":
        return this.values![slot] ?? null;
    }
  }

  /** Table codes of a source dictionary's codes (extended lazily; -1 = not yet interned). */
  remap(src: StringDictionary): Int32Array {
    let m = this.#remaps.get(src);
    const size = src.size;
    if (m === undefined || m.length < size) {
      const grown = new Int32Array(Math.max(16, size + (size >> 1))).fill(-1);
      if (m !== undefined) grown.set(m);
      m = grown;
      this.#remaps.set(src, m);
    }
    return m;
  }

  /** The table code of code `c` of source dictionary `src`, through its remap. */
  codeOf(src: StringDictionary, m: Int32Array, c: number): number {
    let t = m[c];
    if (t < 0) {
      t = this.dict!.intern(src.values[c]);
      m[c] = t;
    }
    return t;
  }

  /**
   * Copies physical rows of a batch column into slots: row `rows[r]` (or r when rows is null) goes to
   * `slots[r]`; a negative slot skips the row. Rows are copied in order, so a later row wins a shared slot.
   * `base` >= 0 says that `slots[r]` is `base + r` for every row (a fresh run of slots): without a selection and
   * without NULLs the rows are then copied as one block.
   */
  copyFrom(src: Column, rows: Int32Array | null, slots: Int32Array, n: number, base = -1): void {
    const sv = src.validity;
    if (base >= 0 && rows === null && sv === null && this.#copyBlock(src, n, base)) return;
    if (sv !== null && this.validity === null) {
      for (let r = 0; r < n; r++) {
        if (slots[r] >= 0 && sv[rows === null ? r : rows[r]] === 0) {
          this.validity = new Uint8Array(this.capacity).fill(1);
          break;
        }
      }
    }
    const dv = this.validity;
    if (dv !== null) {
      for (let r = 0; r < n; r++) {
        const s = slots[r];
        if (s >= 0) dv[s] = sv === null ? 1 : sv[rows === null ? r : rows[r]];
      }
    }
    if (src.layout === "f64" && this.layout === "f64") {
      const d = this.f64!, x = src.data;
      for (let r = 0; r < n; r++) {
        const s = slots[r];
        if (s >= 0) d[s] = x[rows === null ? r : rows[r]];
      }
      return;
    }
    if (src.layout === "dict" && this.layout === "dict") {
      // an empty table dictionary adopts the source's (both are append-only): codes then pass through
      if (this.dict!.size === 0 && this.dict !== src.dict) this.dict = src.dict;
      const d = this.i32!, codes = src.codes;
      if (src.dict === this.dict) {
        for (let r = 0; r < n; r++) {
          const s = slots[r];
          if (s >= 0) d[s] = codes[rows === null ? r : rows[r]];
        }
        return;
      }
      const m = this.remap(src.dict);
      for (let r = 0; r < n; r++) {
        const s = slots[r];
        if (s < 0) continue;
        const p = rows === null ? r : rows[r];
        if (sv !== null && sv[p] === 0) {
          d[s] = 0;
          continue;
        }
        const c = codes[p];
        const t = m[c];
        d[s] = t >= 0 ? t : this.codeOf(src.dict, m, c);
      }
      return;
    }
    if ((src.layout === "i32" && this.layout === "i32") || (src.layout === "bool" && this.layout === "bool")) {
      const d = (this.layout === "i32" ? this.i32 : this.u8)!, x = src.data;
      for (let r = 0; r < n; r++) {
        const s = slots[r];
        if (s >= 0) d[s] = x[rows === null ? r : rows[r]];
      }
      return;
    }
    // the general path: widening i64, values
    for (let r = 0; r < n; r++) {
      const s = slots[r];
      if (s < 0) continue;
      const p = rows === null ? r : rows[r];
      if (sv !== null && sv[p] === 0) {
        this.setNull(s);
        continue;
      }
      if (src.layout === "i64") this.#setInt(s, src.data[p]);
      else if (src.layout === "f64") this.#setInt(s, src.data[p]);
      else if (src.layout === "values") this.#setValues(s, src.data[p]);
      else throw new TypeError(`Column "${this.name}" cannot take a ${src.layout} column`);
      if (dv !== null) this.validity![s] = 1;
    }
  }

  /** Copies rows [0, n) of a column without NULLs into slots [base, base + n) as one block; false when the
   * layouts need the row loop. */
  #copyBlock(src: Column, n: number, base: number): boolean {
    if (src.layout === "f64" && this.layout === "f64") {
      this.f64!.set(n === src.data.length ? src.data : src.data.subarray(0, n), base);
    } else if (
      (src.layout === "i32" && this.layout === "i32") || (src.layout === "bool" && this.layout === "bool")
    ) {
      const d = (this.layout === "i32" ? this.i32 : this.u8)!;
      d.set(n === src.data.length ? src.data : src.data.subarray(0, n), base);
    } else if (src.layout === "dict" && this.layout === "dict") {
      if (this.dict!.size === 0 && this.dict !== src.dict) this.dict = src.dict;
      const codes = n === src.codes.length ? src.codes : src.codes.subarray(0, n);
      if (src.dict === this.dict) this.i32!.set(codes, base);
      else {
        const d = this.i32!, m = this.remap(src.dict);
        for (let r = 0; r < n; r++) {
          const c = codes[r];
          const t = m[c];
          d[base + r] = t >= 0 ? t : this.codeOf(src.dict, m, c);
        }
      }
    } else return false;
    if (this.validity !== null) this.validity.fill(1, base, base + n);
    return true;
  }

  /** A read-only Column view of slots [0, length) (arrays shared). */
  view(length: number): Column {
    const validity = this.validity === null ? null : this.validity.subarray(0, length);
    const type = this.type;
    switch (this.layout) {
      case "f64":
        return { layout: "f64", type, length, validity, data: this.f64!.subarray(0, length) };
      case "i64":
        return { layout: "i64", type, length, validity, data: this.i64!.subarray(0, length) };
      case "i32":
        return { layout: "i32", type, length, validity, data: this.i32!.subarray(0, length) };
      case "bool":
        return { layout: "bool", type, length, validity, data: this.u8!.subarray(0, length) };
      case "dict":
        return { layout: "dict", type, length, validity, codes: this.i32!.subarray(0, length), dict: this.dict! };
      case "values": {
        const a = this.values!;
        while (a.length < length) a.push(null);
        return { layout: "values", type, length, validity, data: a.length === length ? a : a.slice(0, length) };
      }
    }
  }
}
