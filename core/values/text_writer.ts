/**
 * TextWriter: appends the display text of values into one reused, growable byte buffer (UTF-8), so formatting
 * a column costs no string or object per value on the number paths.
 *
 * Display rules (the same text as the values' `toString`):
 * - Integer: decimal digits, i64 min/max exactly.
 * - ScaledInteger / Decimal: exactly `scale` digits after the point (SI(-50, 2) is "-0.50"); the trimmed form
 *   drops trailing fraction zeros ("-0.5", "2").
 * - Float: the shortest round-trip text, as JavaScript prints it (1 -> "1", 1e21 -> "1e+21", "Infinity", "NaN").
 * - Boolean: "true" / "false". Date `YYYY-MM-DD`; Timestamp `YYYY-MM-DDTHH:MM:SS[.ffffff]` (fraction trimmed);
 *   Interval as ISO-8601 duration. NULL: "NULL". Arrays `[a, b]`, maps `{k: v}`, structs `{name: v}` with
 *   strings inside them in double quotes.
 *
 * @module
 */

import type { DataType } from "../types/data_type.ts";
import type { Value } from "./value.ts";
import type { Int64 } from "./int64.ts";
import type { ScaledInteger } from "./scaled_integer.ts";
import type { Decimal } from "./decimal.ts";
import type { Interval, SqlDate, Timestamp } from "./temporal.ts";
import { _MICROS_SPLIT, _splitMicros } from "./_micros_split.ts";
import type { SmallMap } from "./small_map.ts";
import type { StructValue } from "./struct_value.ts";
import { POW10 } from "./rounding.ts";

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();
const NULL_TEXT = "NULL";
const TWO_31 = 2147483648;
const TWO_52 = 4503599627370496;

/** "00".."99" as ASCII byte pairs. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + Math.floor(i / 10);
  PAIRS[2 * i + 1] = 48 + (i % 10);
}

/** 10^0..10^22 in a typed array (unboxed loads on the hot path). */
const P10 = Float64Array.from(POW10);

/** Decimal digit count of a non-negative safe integer (at least 1). */
function digitCount(n: number): number {
  if (n < 100000) return n < 100 ? (n < 10 ? 1 : 2) : n < 10000 ? (n < 1000 ? 3 : 4) : 5;
  let c = 6;
  while (c < 16 && n >= P10[c]) c++;
  return c;
}

/** Writes the low `count` digits of a non-negative safe integer n into buf, ending just before `end`. */
function writeDigitsBackward(buf: Uint8Array, end: number, n: number, count: number): void {
  const stop = end - count;
  if (n < TWO_31) {
    let v = n | 0;
    while (end - stop >= 2) {
      const t = (v / 100) | 0;
      const r = (v - t * 100) << 1;
      buf[--end] = PAIRS[r + 1];
      buf[--end] = PAIRS[r];
      v = t;
    }
    if (end > stop) buf[--end] = 48 + (v % 10);
    return;
  }
  while (end > stop) {
    const t = Math.floor(n / 10);
    buf[--end] = 48 + (n - t * 10);
    n = t;
  }
}

/** A growable UTF-8 byte buffer with typed append methods. */
export class TextWriter {
  #buf: Uint8Array;
  #len = 0;

  /**
   * Creates a TextWriter.
   *
   * @param capacity initial capacity in bytes (default 256); the buffer doubles as needed
   * @example
   * ```ts
   * import { TextWriter } from "./text_writer.ts";
   * const w = new TextWriter();
   * w.writeScaled(-50, 2);
   * w.writeByte(0x20);
   * w.writeInt64(-(2n ** 63n));
   * if (w.toString() !== "-0.50 -9223372036854775808") throw new Error();
   * ```
   */
  constructor(capacity = 256) {
    this.#buf = new Uint8Array(Math.max(16, capacity));
  }

  /** Bytes written since the last reset. */
  get length(): number {
    return this.#len;
  }

  /** Forgets the content, keeping the buffer. */
  reset(): void {
    this.#len = 0;
  }

  /**
   * The bytes written so far: a view into the buffer, valid until the next write or reset.
   *
   * @returns the UTF-8 bytes
   */
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.#len);
  }

  /**
   * The text written so far, decoded (this allocates the string).
   *
   * @returns the text
   */
  toString(): string {
    return DECODER.decode(this.#buf.subarray(0, this.#len));
  }

  #reserve(n: number): Uint8Array {
    const need = this.#len + n;
    if (need > this.#buf.length) {
      let cap = this.#buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.#buf.subarray(0, this.#len));
      this.#buf = next;
    }
    return this.#buf;
  }

  /**
   * Appends one byte.
   *
   * @param b the byte 0..255
   */
  writeByte(b: number): void {
    if (this.#len >= this.#buf.length) this.#reserve(1);
    this.#buf[this.#len++] = b;
  }

  /**
   * Appends a string known to be ASCII (each UTF-16 unit below 0x80), byte per unit.
   *
   * @param s the ASCII text
   */
  writeAscii(s: string): void {
    const n = s.length;
    const buf = this.#reserve(n);
    let p = this.#len;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.#len = p;
  }

  /**
   * Appends any string as UTF-8 (ASCII byte by byte, the rest through TextEncoder.encodeInto).
   *
   * @param s the text
   * @example
   * ```ts
   * import { TextWriter } from "./text_writer.ts";
   * const w = new TextWriter(16);
   * w.writeString("café ✓");
   * if (w.toString() !== "café ✓" || w.length !== 9) throw new Error();
   * ```
   */
  writeString(s: string): void {
    const n = s.length;
    const buf = this.#reserve(n);
    let p = this.#len;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.#len = p;
        const rest = s.length - i;
        const out = this.#reserve(rest * 3);
        const r = ENCODER.encodeInto(s.slice(i), out.subarray(this.#len));
        this.#len += r.written;
        return;
      }
      buf[p++] = c;
    }
    this.#len = p;
  }

  /** Writes the digits of a non-negative safe integer, zero-padded to at least `width` digits. */
  #digits(n: number, width: number): void {
    let count = digitCount(n);
    if (count < width) count = width;
    if (this.#len + count > this.#buf.length) this.#reserve(count);
    writeDigitsBackward(this.#buf, this.#len + count, n, count);
    this.#len += count;
  }

  /**
   * Appends an exact integer.
   *
   * @param v a safe-integer number or any bigint
   * @example
   * ```ts
   * import { TextWriter } from "./text_writer.ts";
   * const w = new TextWriter();
   * w.writeInt64(2n ** 63n - 1n);
   * if (w.toString() !== "9223372036854775807") throw new Error();
   * ```
   */
  writeInt64(v: Int64 | bigint): void {
    if (typeof v === "bigint") {
      this.writeAscii(v.toString());
      return;
    }
    if (v < 0) {
      this.writeByte(45);
      v = -v;
    }
    this.#digits(v, 1);
  }

  /**
   * Appends `units / 10^scale` with exactly `scale` fraction digits: (-50, 2) is "-0.50".
   *
   * @param units the unscaled integer (safe-integer number or bigint)
   * @param scale digits after the point, >= 0
   * @example
   * ```ts
   * import { TextWriter } from "./text_writer.ts";
   * const w = new TextWriter();
   * w.writeScaled(12300, 2);
   * if (w.toString() !== "123.00") throw new Error();
   * ```
   */
  writeScaled(units: Int64 | bigint, scale: number): void {
    if (typeof units === "bigint" || scale > 22) {
      this.#writeScaledBig(BigInt(units), scale, false);
      return;
    }
    // Worst case: sign, 16 integer digits, point, 22 fraction digits.
    if (this.#len + 40 > this.#buf.length) this.#reserve(40);
    const buf = this.#buf;
    let p = this.#len;
    if (units < 0) {
      buf[p++] = 45;
      units = -units;
    }
    let ip = units, fp = 0;
    if (scale > 0) {
      const pw = P10[scale];
      if (units < TWO_52) {
        // Math.floor of a correctly rounded quotient is off by at most one; fix it up (no fmod call).
        ip = Math.floor(units / pw);
        fp = units - ip * pw;
        if (fp < 0) {
          ip--;
          fp += pw;
        } else if (fp >= pw) {
          ip++;
          fp -= pw;
        }
      } else {
        fp = units % pw;
        ip = (units - fp) / pw;
      }
    }
    const count = digitCount(ip);
    if (ip < TWO_31 && scale <= 9) {
      // The common case inline: 32-bit integer part and fraction, two digits per step.
      let v = ip | 0, q = p + count;
      p = q;
      while (v >= 100) {
        const t = (v / 100) | 0;
        const r = (v - t * 100) << 1;
        buf[--q] = PAIRS[r + 1];
        buf[--q] = PAIRS[r];
        v = t;
      }
      if (v >= 10) {
        buf[--q] = PAIRS[(v << 1) + 1];
        buf[--q] = PAIRS[v << 1];
      } else buf[--q] = 48 + v;
      if (scale > 0) {
        buf[p++] = 46;
        let f = fp | 0, k = scale;
        q = p + scale;
        p = q;
        for (; k >= 2; k -= 2) {
          const t = (f / 100) | 0;
          const r = (f - t * 100) << 1;
          buf[--q] = PAIRS[r + 1];
          buf[--q] = PAIRS[r];
          f = t;
        }
        if (k === 1) buf[--q] = 48 + f;
      }
      this.#len = p;
      return;
    }
    writeDigitsBackward(buf, p + count, ip, count);
    p += count;
    if (scale > 0) {
      buf[p++] = 46;
      writeDigitsBackward(buf, p + scale, fp, scale);
      p += scale;
    }
    this.#len = p;
  }

  /**
   * Appends `units / 10^scale` without trailing fraction zeros: (-50, 2) is "-0.5", (200, 2) is "2".
   *
   * @param units the unscaled integer (safe-integer number or bigint)
   * @param scale digits after the point, >= 0
   * @example
   * ```ts
   * import { TextWriter } from "./text_writer.ts";
   * const w = new TextWriter();
   * w.writeScaledTrimmed(-50, 2);
   * if (w.toString() !== "-0.5") throw new Error();
   * ```
   */
  writeScaledTrimmed(units: Int64 | bigint, scale: number): void {
    if (typeof units === "bigint" || scale > 22) {
      this.#writeScaledBig(BigInt(units), scale, true);
      return;
    }
    while (scale > 0 && units % 10 === 0) {
      units /= 10;
      scale--;
    }
    this.writeScaled(units + 0, scale);
  }

  #writeScaledBig(units: bigint, scale: number, trim: boolean): void {
    const neg = units < 0n;
    let digits = (neg ? -units : units).toString();
    if (neg) this.writeByte(45);
    if (digits.length <= scale) digits = "0".repeat(scale - digits.length + 1) + digits;
    const cut = digits.length - scale;
    let end = digits.length;
    if (trim) { while (end > cut && digits.charCodeAt(end - 1) === 48) end--; }
    this.writeAscii(digits.slice(0, cut));
    if (end > cut) {
      this.writeByte(46);
      this.writeAscii(digits.slice(cut, end));
    }
  }

  /**
   * Appends a double as JavaScript prints it (shortest round-trip text; -0 prints "0").
   *
   * @param x the double
   * @example
   * ```ts
   * import { TextWriter } from "./text_writer.ts";
   * const w = new TextWriter();
   * w.writeFloat(1e21); w.writeByte(32); w.writeFloat(-1); w.writeByte(32); w.writeFloat(0.1);
   * if (w.toString() !== "1e+21 -1 0.1") throw new Error();
   * ```
   */
  writeFloat(x: number): void {
    if (Number.isSafeInteger(x)) this.writeInt64(x + 0);
    else this.writeAscii(String(x));
  }

  /**
   * Appends "true" or "false".
   *
   * @param b the boolean
   */
  writeBoolean(b: boolean): void {
    this.writeAscii(b ? "true" : "false");
  }

  #year(y: number): void {
    if (y < 0) {
      this.writeByte(45);
      y = -y;
    }
    this.#digits(y, 4);
  }

  #civil(days: number): void {
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    this.#year(era * 400 + yoe + (m <= 2 ? 1 : 0));
    this.writeByte(45);
    this.#digits(m, 2);
    this.writeByte(45);
    this.#digits(d, 2);
  }

  /**
   * Appends a date as `YYYY-MM-DD`.
   *
   * @param days days since 1970-01-01
   * @example
   * ```ts
   * import { TextWriter } from "./text_writer.ts";
   * const w = new TextWriter();
   * w.writeDate(19723);
   * if (w.toString() !== "2024-01-01") throw new Error();
   * ```
   */
  writeDate(days: number): void {
    this.#civil(days);
  }

  /**
   * Appends a timestamp as `YYYY-MM-DDTHH:MM:SS[.ffffff]` (fraction without trailing zeros), like
   * Timestamp.toString.
   *
   * @param micros epoch microseconds
   * @example
   * ```ts
   * import { TextWriter } from "./text_writer.ts";
   * const w = new TextWriter();
   * w.writeTimestamp(1_500_000);
   * if (w.toString() !== "1970-01-01T00:00:01.5") throw new Error();
   * ```
   */
  writeTimestamp(micros: Int64 | bigint): void {
    _splitMicros(micros);
    const { days, rem } = _MICROS_SPLIT;
    this.#civil(days);
    const frac = rem % 1_000_000;
    const secs = (rem - frac) / 1_000_000;
    this.writeByte(84);
    this.#digits(Math.floor(secs / 3600), 2);
    this.writeByte(58);
    this.#digits(Math.floor(secs / 60) % 60, 2);
    this.writeByte(58);
    this.#digits(secs % 60, 2);
    if (frac !== 0) {
      let f = frac, width = 6;
      while (f % 10 === 0) {
        f /= 10;
        width--;
      }
      this.writeByte(46);
      this.#digits(f, width);
    }
  }

  /**
   * Appends any value of a type (see the module docs for each type's text).
   *
   * @param v the value or null
   * @param type its type
   * @example
   * ```ts
   * import { TextWriter } from "./text_writer.ts";
   * import { scaledType, Types } from "../types/data_type.ts";
   * import { ScaledInteger } from "./scaled_integer.ts";
   * const w = new TextWriter();
   * w.writeValue(new ScaledInteger(5, 3), scaledType(3));
   * w.writeByte(32);
   * w.writeValue(null, Types.Integer);
   * if (w.toString() !== "0.005 NULL") throw new Error();
   * ```
   */
  writeValue(v: Value, type: DataType): void {
    if (v === null) {
      this.writeAscii(NULL_TEXT);
      return;
    }
    switch (type.kind) {
      case "boolean":
        this.writeBoolean(v as boolean);
        return;
      case "integer":
        this.writeInt64(v as Int64);
        return;
      case "float":
        this.writeFloat(v as number);
        return;
      case "string":
        this.writeString(v as string);
        return;
      case "scaled":
        this.writeScaled((v as ScaledInteger).units, (v as ScaledInteger).scale);
        return;
      case "decimal":
        this.writeScaled((v as Decimal).unscaled, (v as Decimal).scale);
        return;
      case "date":
        this.writeDate((v as SqlDate).days);
        return;
      case "timestamp":
        this.writeTimestamp((v as Timestamp).micros);
        return;
      case "interval":
        this.writeAscii((v as Interval).toString());
        return;
      case "array": {
        const a = v as readonly Value[];
        this.writeByte(91);
        for (let i = 0; i < a.length; i++) {
          if (i > 0) this.writeAscii(", ");
          this.#writeNested(a[i], type.element);
        }
        this.writeByte(93);
        return;
      }
      case "map": {
        const m = v as SmallMap;
        this.writeByte(123);
        for (let i = 0; i < m.keys.length; i++) {
          if (i > 0) this.writeAscii(", ");
          this.#writeNested(m.keys[i], type.key);
          this.writeAscii(": ");
          this.#writeNested(m.values[i], type.value);
        }
        this.writeByte(125);
        return;
      }
      case "struct": {
        const s = v as StructValue;
        this.writeByte(123);
        for (let i = 0; i < type.fields.length; i++) {
          if (i > 0) this.writeAscii(", ");
          this.writeString(type.fields[i].name);
          this.writeAscii(": ");
          this.#writeNested(s.values[i], type.fields[i].type);
        }
        this.writeByte(125);
        return;
      }
      case "null":
        this.writeAscii(NULL_TEXT);
        return;
    }
  }

  #writeNested(v: Value, type: DataType): void {
    if (v !== null && type.kind === "string") this.writeString(JSON.stringify(v));
    else this.writeValue(v, type);
  }
}
