/**
 * Column accumulators of the decoders: typed arrays written row by row straight from input bytes, with no
 * per-row objects. A row is only counted once every field of it decoded, so a bad field never leaves a partial
 * row behind (the next row overwrites its slots). Private to core/io/codecs.
 *
 * @module
 */

import type { Field } from "../../types/data_type.ts";
import { typeName } from "../../types/data_type.ts";
import type { Column } from "../../batch/column.ts";
import { StringDictionary } from "../../batch/string_dictionary.ts";
import { I64_MAX, I64_MIN, SAFE_MAX_BIG, SAFE_MIN_BIG } from "../../values/int64.ts";
import { daysFromCivil } from "../../values/temporal.ts";
import { Decimal } from "../../values/decimal.ts";
import type { Value } from "../../values/value.ts";

// ignoreBOM: a field that starts with U+FEFF keeps it (the CSV decoder drops a byte-order mark at the input start)
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const ENCODER = new TextEncoder();
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 18; i++, p *= 10) POW10.push(p);
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Decodes bytes [s, e) as UTF-8 text; null when the bytes are not valid UTF-8. */
export function _text(buf: Uint8Array, s: number, e: number): string | null {
  const n = e - s;
  if (n <= 24) {
    let out = "";
    for (let i = s; i < e; i++) {
      const c = buf[i];
      if (c >= 128) return _utf8(buf, s, e);
      out += String.fromCharCode(c);
    }
    return out;
  }
  return _utf8(buf, s, e);
}

function _utf8(buf: Uint8Array, s: number, e: number): string | null {
  try {
    return UTF8.decode(buf.subarray(s, e));
  } catch {
    return null;
  }
}

/** The bytes of a string, for the string path of the accumulators. */
export function _bytesOf(s: string): Uint8Array {
  return ENCODER.encode(s);
}

function shown(buf: Uint8Array, s: number, e: number): string {
  const t = _text(buf, s, Math.min(e, s + 40)) ?? "(invalid UTF-8)";
  return JSON.stringify(e - s > 40 ? t + "..." : t);
}

/** Scratch result of the integer parsers when the value is past 2^53-1. */
let BIG = 0n;

/**
 * Parses an optional sign and decimal digits. Returns the value, NaN when not an integer, or Infinity when the
 * value is exact but past 2^53-1 (then in BIG, checked against i64).
 */
function parseInt64(buf: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (i < e && (buf[i] === 45 || buf[i] === 43)) {
    neg = buf[i] === 45;
    i++;
  }
  if (i === e) return NaN;
  if (e - i <= 15) {
    let v = 0;
    for (; i < e; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) return NaN;
      v = v * 10 + d;
    }
    return neg ? (v === 0 ? 0 : -v) : v;
  }
  for (let k = i; k < e; k++) if (buf[k] < 48 || buf[k] > 57) return NaN;
  let b = BigInt(_text(buf, i, e)!);
  if (neg) b = -b;
  if (b < I64_MIN || b > I64_MAX) return -Infinity;
  if (b >= SAFE_MIN_BIG && b <= SAFE_MAX_BIG) return Number(b);
  BIG = b;
  return Infinity;
}

/**
 * Set (with a NaN return) when a scaled text has more non-zero fraction digits than the scale; read and cleared by
 * _IntLikeAcc.store. A flag, not a sentinel value: every finite number is a value some text can have.
 */
let FRACTION_TOO_LONG = false;

/** Parses `[+-]digits[.digits]` at `scale` exactly (extra fraction digits must be zeros). Same returns as parseInt64; NaN with FRACTION_TOO_LONG for too many digits. */
function parseScaled(buf: Uint8Array, s: number, e: number, scale: number): number {
  let i = s;
  let neg = false;
  if (i < e && (buf[i] === 45 || buf[i] === 43)) {
    neg = buf[i] === 45;
    i++;
  }
  const intStart = i;
  while (i < e && buf[i] >= 48 && buf[i] <= 57) i++;
  const intEnd = i;
  let fracStart = i, fracEnd = i;
  if (i < e && buf[i] === 46) {
    fracStart = ++i;
    while (i < e && buf[i] >= 48 && buf[i] <= 57) i++;
    fracEnd = i;
  }
  if (i !== e || (intEnd === intStart && fracEnd === fracStart)) return NaN;
  let fd = fracEnd - fracStart;
  while (fd > scale) {
    if (buf[fracStart + fd - 1] !== 48) {
      FRACTION_TOO_LONG = true;
      return NaN;
    }
    fd--;
  }
  let lead = intStart;
  while (lead < intEnd - 1 && buf[lead] === 48) lead++;
  if (intEnd - lead + scale <= 15) {
    let v = 0;
    for (let k = lead; k < intEnd; k++) v = v * 10 + (buf[k] - 48);
    let f = 0;
    for (let k = fracStart; k < fracStart + fd; k++) f = f * 10 + (buf[k] - 48);
    v = v * POW10[scale] + f * POW10[scale - fd];
    return neg ? (v === 0 ? 0 : -v) : v;
  }
  let text = _text(buf, intStart, intEnd)! + _text(buf, fracStart, fracStart + fd)!;
  text += "0".repeat(scale - fd);
  let b = BigInt(text === "" ? "0" : text);
  if (neg) b = -b;
  if (b < I64_MIN || b > I64_MAX) return -Infinity;
  if (b >= SAFE_MIN_BIG && b <= SAFE_MAX_BIG) return Number(b);
  BIG = b;
  return Infinity;
}

function digits(buf: Uint8Array, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const d = buf[k] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** `YYYY-MM-DD` at [s, s+10): days since epoch, or NaN. */
function parseDate(buf: Uint8Array, s: number, e: number): number {
  if (e - s < 10 || buf[s + 4] !== 45 || buf[s + 7] !== 45) return NaN;
  const y = digits(buf, s, 4), m = digits(buf, s + 5, 2), d = digits(buf, s + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return NaN;
  const days = daysFromCivil(y, m, d);
  const next = m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
  if (days >= next) return NaN;
  return days;
}

/** ISO-8601 `YYYY-MM-DD[(T| )HH:MM[:SS[.f{1,9}]]][Z|(+|-)HH[:]MM]` as epoch micros; NaN when malformed. */
function parseTimestamp(buf: Uint8Array, s: number, e: number): number {
  const days = parseDate(buf, s, e);
  if (Number.isNaN(days)) return NaN;
  let i = s + 10;
  let secs = 0, micros = 0;
  if (i < e && (buf[i] === 84 || buf[i] === 116 || buf[i] === 32)) {
    i++;
    if (e - i < 5 || buf[i + 2] !== 58) return NaN;
    const hh = digits(buf, i, 2), mi = digits(buf, i + 3, 2);
    if (hh < 0 || hh > 23 || mi < 0 || mi > 59) return NaN;
    secs = hh * 3600 + mi * 60;
    i += 5;
    if (i < e && buf[i] === 58) {
      const ss = e - i >= 3 ? digits(buf, i + 1, 2) : -1;
      if (ss < 0 || ss > 59) return NaN;
      secs += ss;
      i += 3;
      if (i < e && buf[i] === 46) {
        i++;
        let n = 0;
        while (i < e && buf[i] >= 48 && buf[i] <= 57) {
          if (n < 6) micros = micros * 10 + (buf[i] - 48);
          else if (buf[i] !== 48) return NaN;
          n++;
          i++;
        }
        if (n === 0 || n > 9) return NaN;
        micros *= POW10[Math.max(0, 6 - n)];
      }
    }
    if (i < e && (buf[i] === 90 || buf[i] === 122)) i++;
    else if (i < e && (buf[i] === 43 || buf[i] === 45)) {
      const sign = buf[i] === 45 ? -1 : 1;
      const colon = buf[i + 3] === 58 ? 1 : 0;
      if (e - i !== 5 + colon) return NaN;
      const oh = digits(buf, i + 1, 2), om = digits(buf, i + 3 + colon, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
      secs -= sign * (oh * 3600 + om * 60);
      i = e;
    }
  }
  if (i !== e) return NaN;
  return (days * 86400 + secs) * 1_000_000 + micros;
}

/** Fast-path kinds of accumulators (see _Acc.fastKind). */
export const _FastKind = {
  /** Decoded through putBytes. */
  Generic: 0,
  /** Integer digits straight into `data` (Float64Array). */
  Integer: 1,
  /** Scaled digits straight into `data` at `scale`. */
  Scaled: 2,
  /** String bytes looked up in the dictionary's byte table (codeOf / codeOfWords), new ones added by putBytes. */
  Dict: 3,
  /** Float digits (at most 15, no exponent) straight into `data`: the integer over a power of ten, exact as Number(). */
  Float: 4,
} as const;

/** An accumulator for one schema field. */
export abstract class _Acc {
  /** The field. */
  readonly field: Field;
  /** Capacity of the arrays (rows per batch). */
  readonly cap: number;
  /** Validity bytes, created at the first NULL of a batch. */
  validity: Uint8Array | null = null;

  constructor(field: Field, cap: number) {
    this.field = field;
    this.cap = cap;
  }

  /** Sets a row from text bytes; returns null or the reason it failed. */
  abstract putBytes(row: number, buf: Uint8Array, s: number, e: number): string | null;
  /** Builds the column of the first `n` rows and starts fresh arrays. */
  abstract finish(n: number): Column;
  /** Zeroes a row's data slot. */
  abstract zero(row: number): void;

  /** How a scanner may write this column directly (see _FastKind); Generic unless overridden. */
  fastKind(): number {
    return _FastKind.Generic;
  }

  /** Sets a row from a JS string. */
  putString(row: number, s: string): string | null {
    const b = _bytesOf(s);
    return this.putBytes(row, b, 0, b.length);
  }

  /** Sets a JSON boolean. */
  putBool(row: number, b: boolean): string | null {
    return this.putString(row, b ? "true" : "false");
  }

  /** Sets NULL. */
  putNull(row: number): string | null {
    if (!this.field.nullable) return "NULL in a NOT NULL field";
    if (this.validity === null) {
      this.validity = new Uint8Array(this.cap);
      this.validity.fill(1, 0, row);
    }
    this.validity[row] = 0;
    this.zero(row);
    return null;
  }

  protected valid(row: number): null {
    if (this.validity !== null) this.validity[row] = 1;
    return null;
  }

  protected takeValidity(n: number): Uint8Array | null {
    const v = this.validity;
    this.validity = null;
    return v === null ? null : v.slice(0, n);
  }

  protected bad(buf: Uint8Array, s: number, e: number, what: string): string {
    return `${shown(buf, s, e)} is not ${what}`;
  }
}

/**
 * The first `n` rows of a batch array that is not full, as a copy; the array itself is zeroed there and stays
 * the accumulator's (a short batch, such as each decodeParallel segment, allocates only the rows it hands over).
 */
function kept<T extends Float64Array | Int32Array | Uint8Array>(d: T, n: number): T {
  const out = d.slice(0, n) as T;
  d.fill(0, 0, n);
  return out;
}

/** Float columns. */
class FloatAcc extends _Acc {
  data: Float64Array;
  constructor(field: Field, cap: number) {
    super(field, cap);
    this.data = new Float64Array(cap);
  }
  override fastKind(): number {
    return _FastKind.Float;
  }
  putBytes(row: number, buf: Uint8Array, s: number, e: number): string | null {
    const t = _text(buf, s, e);
    if (t === null) return "invalid UTF-8";
    let v: number;
    if (NUMBER_TEXT.test(t)) v = Number(t);
    else if (t === "NaN") v = NaN;
    else if (t === "Infinity" || t === "+Infinity" || t === "inf") v = Infinity;
    else if (t === "-Infinity" || t === "-inf") v = -Infinity;
    else return this.bad(buf, s, e, "a FLOAT number");
    this.data[row] = v;
    return this.valid(row);
  }
  zero(row: number): void {
    this.data[row] = 0;
  }
  finish(n: number): Column {
    const d = this.data, validity = this.takeValidity(n);
    if (n === this.cap) this.data = new Float64Array(this.cap);
    return { layout: "f64", type: this.field.type, length: n, validity, data: n === this.cap ? d : kept(d, n) };
  }
}

/** Integer, ScaledInteger units and Timestamp micros: Float64Array, widened to BigInt64Array past 2^53-1. */
export abstract class _IntLikeAcc extends _Acc {
  data: Float64Array;
  big: BigInt64Array | null = null;
  constructor(field: Field, cap: number) {
    super(field, cap);
    this.data = new Float64Array(cap);
  }
  /** Stores a parse result; returns null or a reason. */
  protected store(row: number, v: number, buf: Uint8Array, s: number, e: number): string | null {
    if (v === v && v !== Infinity && v !== -Infinity) {
      if (this.big === null) this.data[row] = v;
      else this.big[row] = BigInt(v);
      return this.valid(row);
    }
    if (v === Infinity) {
      if (this.big === null) {
        this.big = new BigInt64Array(this.cap);
        for (let i = 0; i < row; i++) this.big[i] = BigInt(this.data[i]);
      }
      this.big[row] = BIG;
      return this.valid(row);
    }
    if (v === -Infinity) return `${shown(buf, s, e)} is outside the i64 range of ${typeName(this.field.type)}`;
    if (FRACTION_TOO_LONG) {
      FRACTION_TOO_LONG = false;
      return `${shown(buf, s, e)} has more decimal digits than ${typeName(this.field.type)} holds`;
    }
    return this.bad(buf, s, e, `a valid ${typeName(this.field.type)} value`);
  }
  zero(row: number): void {
    if (this.big === null) this.data[row] = 0;
    else this.big[row] = 0n;
  }
  finish(n: number): Column {
    const validity = this.takeValidity(n);
    const type = this.field.type;
    if (this.big !== null) {
      const b = this.big;
      this.big = null;
      return { layout: "i64", type, length: n, validity, data: n === this.cap ? b : b.slice(0, n) };
    }
    const d = this.data;
    if (n === this.cap) this.data = new Float64Array(this.cap);
    return { layout: "f64", type, length: n, validity, data: n === this.cap ? d : kept(d, n) };
  }
}

class IntegerAcc extends _IntLikeAcc {
  override fastKind(): number {
    return this.big === null ? _FastKind.Integer : _FastKind.Generic;
  }
  putBytes(row: number, buf: Uint8Array, s: number, e: number): string | null {
    return this.store(row, parseInt64(buf, s, e), buf, s, e);
  }
}

class ScaledAcc extends _IntLikeAcc {
  readonly scale: number;
  constructor(field: Field, cap: number) {
    super(field, cap);
    this.scale = (field.type as { scale: number }).scale;
  }
  override fastKind(): number {
    return this.big === null ? _FastKind.Scaled : _FastKind.Generic;
  }
  putBytes(row: number, buf: Uint8Array, s: number, e: number): string | null {
    return this.store(row, parseScaled(buf, s, e, this.scale), buf, s, e);
  }
}

class TimestampAcc extends _IntLikeAcc {
  putBytes(row: number, buf: Uint8Array, s: number, e: number): string | null {
    const v = parseTimestamp(buf, s, e);
    if (Number.isNaN(v)) return this.bad(buf, s, e, "an ISO-8601 TIMESTAMP");
    if (!Number.isSafeInteger(v)) return `${shown(buf, s, e)} is outside the supported TIMESTAMP range`;
    return this.store(row, v, buf, s, e);
  }
}

class DateAcc extends _Acc {
  data: Int32Array;
  constructor(field: Field, cap: number) {
    super(field, cap);
    this.data = new Int32Array(cap);
  }
  putBytes(row: number, buf: Uint8Array, s: number, e: number): string | null {
    const v = e - s === 10 ? parseDate(buf, s, e) : NaN;
    if (Number.isNaN(v) || v !== (v | 0)) return this.bad(buf, s, e, "an ISO-8601 DATE");
    this.data[row] = v;
    return this.valid(row);
  }
  zero(row: number): void {
    this.data[row] = 0;
  }
  finish(n: number): Column {
    const d = this.data, validity = this.takeValidity(n);
    if (n === this.cap) this.data = new Int32Array(this.cap);
    return { layout: "i32", type: this.field.type, length: n, validity, data: n === this.cap ? d : kept(d, n) };
  }
}

class BoolAcc extends _Acc {
  data: Uint8Array;
  constructor(field: Field, cap: number) {
    super(field, cap);
    this.data = new Uint8Array(cap);
  }
  putBytes(row: number, buf: Uint8Array, s: number, e: number): string | null {
    const n = e - s;
    const c = buf[s] | 32;
    let v = -1;
    if (n === 1) v = buf[s] === 49 ? 1 : buf[s] === 48 ? 0 : -1;
    else if (
      n === 4 && c === 116 && (buf[s + 1] | 32) === 114 && (buf[s + 2] | 32) === 117 && (buf[s + 3] | 32) === 101
    ) v = 1;
    else if (
      n === 5 && c === 102 && (buf[s + 1] | 32) === 97 && (buf[s + 2] | 32) === 108 && (buf[s + 3] | 32) === 115 &&
      (buf[s + 4] | 32) === 101
    ) v = 0;
    if (v < 0) return this.bad(buf, s, e, "a BOOLEAN (true/false/1/0)");
    this.data[row] = v;
    return this.valid(row);
  }
  override putBool(row: number, b: boolean): string | null {
    this.data[row] = b ? 1 : 0;
    return this.valid(row);
  }
  zero(row: number): void {
    this.data[row] = 0;
  }
  finish(n: number): Column {
    const d = this.data, validity = this.takeValidity(n);
    if (n === this.cap) this.data = new Uint8Array(this.cap);
    return { layout: "bool", type: this.field.type, length: n, validity, data: n === this.cap ? d : kept(d, n) };
  }
}

/** Four bytes from `s` as one little-endian int32 (the caller guarantees s + 3 < buf.length). */
function word(buf: Uint8Array, s: number): number {
  return buf[s] | (buf[s + 1] << 8) | (buf[s + 2] << 16) | (buf[s + 3] << 24);
}

/**
 * The home slot of a string's length and words in a table of `2 ** (32 - shift)` slots: the top bits of a
 * multiplicative hash, which depend on every bit of both words (strings such as SYM042 and SYM043 differ in one
 * byte only; the low bits of a product would not see it).
 */
function dictSlot(len: number, w0: number, w1: number, shift: number): number {
  return Math.imul(w0 ^ Math.imul(w1 ^ len, 0x85ebca6b | 0), 0x9e3779b1 | 0) >>> shift;
}

/** The bytes [s, e) of a string under 4 bytes as a little-endian word, zero above them. */
function short(buf: Uint8Array, s: number, e: number): number {
  let w = 0;
  for (let i = s, sh = 0; i < e; i++, sh += 8) w |= buf[i] << sh;
  return w;
}

/** The words wordsOf found last (scratch, like BIG: read right after the call). */
let W0 = 0, W1 = 0;

/** A string's dictionary words into W0, W1: its first and last four bytes, or (under 4 bytes) its bytes twice. */
function wordsOf(buf: Uint8Array, s: number, e: number): void {
  if (e - s >= 4) {
    W0 = word(buf, s);
    W1 = word(buf, e - 4);
  } else W0 = W1 = short(buf, s, e);
}

/**
 * Strings: dictionary codes, interned through a byte-keyed hash table, so a repeated string is decoded once.
 *
 * A slot keeps the string's length and its first and last four bytes as two little-endian int32 words (a string
 * under 4 bytes: its bytes, zero above them, as both words); the hash comes from those (a fixed number of loads, no
 * per-byte chain), and for strings of up to 8 bytes matching length and words proves equality. Longer strings also
 * compare their middle bytes against a copy in the arena. Callers that already hold the words (the CSV fast loop)
 * look up with codeOfWords.
 */
export class _DictAcc extends _Acc {
  codes: Int32Array;
  readonly dict: StringDictionary;
  #mask = 255;
  /** 32 - log2(slots): dictSlot's shift. */
  #shift = 24;
  /** Four numbers per slot, so one probe reads one cache line: code (-1: empty), length, first word, last word. */
  #slots = new Int32Array(4 * 256).fill(-1);
  /** Per slot: where a string of more than 8 bytes keeps its middle bytes in the arena. */
  #slotOff = new Int32Array(256);
  #arena = new Uint8Array(4096);
  #arenaLen = 0;
  #count = 0;
  constructor(field: Field, cap: number, dict: StringDictionary) {
    super(field, cap);
    this.codes = new Int32Array(cap);
    this.dict = dict;
  }
  /** The code of the string in bytes [s, e), or -1 when it was not seen yet (nothing is stored). */
  codeOf(buf: Uint8Array, s: number, e: number): number {
    wordsOf(buf, s, e);
    return this.codeOfWords(e - s, W0, W1, buf, s);
  }
  /**
   * codeOf for a string of `len` bytes at s given its words: `w0` its first four bytes and `w1` its last four as
   * little-endian words; a string under 4 bytes has its bytes (zero above them) as both words.
   */
  codeOfWords(len: number, w0: number, w1: number, buf: Uint8Array, s: number): number {
    const mask = this.#mask, slots = this.#slots;
    for (let k = dictSlot(len, w0, w1, this.#shift);; k = (k + 1) & mask) {
      const o = k << 2, c = slots[o];
      if (c === -1) return -1;
      if (
        slots[o + 1] === len && slots[o + 2] === w0 && slots[o + 3] === w1 &&
        (len <= 8 || this.#middleEqual(this.#slotOff[k], buf, s + 4, s + len - 4))
      ) return c;
    }
  }
  #middleEqual(off: number, buf: Uint8Array, s: number, e: number): boolean {
    const a = this.#arena;
    for (let i = s; i < e; i++, off++) if (a[off] !== buf[i]) return false;
    return true;
  }
  putBytes(row: number, buf: Uint8Array, s: number, e: number): string | null {
    let code = this.codeOf(buf, s, e);
    if (code < 0) {
      const text = _text(buf, s, e);
      if (text === null) return "invalid UTF-8";
      code = this.dict.intern(text);
      this.#insert(code, buf, s, e);
    }
    this.codes[row] = code;
    return this.valid(row);
  }
  #insert(code: number, buf: Uint8Array, s: number, e: number): void {
    // at most 1/4 full while the table is small (fewer second probes: SYMnnn-like keys take 1.2 on average), at
    // most 1/2 from 64 Ki slots (1 MiB) on
    if ((this.#count + 1) * (this.#mask < 0xffff ? 4 : 2) > this.#mask) this.#rehash();
    const len = e - s;
    wordsOf(buf, s, e);
    const w0 = W0, w1 = W1;
    let off = 0;
    if (len > 8) {
      if (this.#arenaLen + len > this.#arena.length) {
        const a = new Uint8Array(Math.max(this.#arena.length * 2, this.#arenaLen + len));
        a.set(this.#arena.subarray(0, this.#arenaLen));
        this.#arena = a;
      }
      off = this.#arenaLen + 4; // where the middle bytes [s + 4, e - 4) land
      this.#arena.set(buf.subarray(s, e), this.#arenaLen);
      this.#arenaLen += len;
    }
    this.#place(code, len, w0, w1, off);
    this.#count++;
  }
  #place(code: number, len: number, w0: number, w1: number, off: number): void {
    const mask = this.#mask, slots = this.#slots;
    let k = dictSlot(len, w0, w1, this.#shift);
    while (slots[k << 2] !== -1) k = (k + 1) & mask;
    const o = k << 2;
    slots[o] = code;
    slots[o + 1] = len;
    slots[o + 2] = w0;
    slots[o + 3] = w1;
    this.#slotOff[k] = off;
  }
  #rehash(): void {
    const old = this.#slots, oldOff = this.#slotOff;
    const size = (this.#mask + 1) * 2;
    this.#mask = size - 1;
    this.#shift--;
    this.#slots = new Int32Array(4 * size).fill(-1);
    this.#slotOff = new Int32Array(size);
    for (let k = 0; k < oldOff.length; k++) {
      const o = k << 2;
      if (old[o] !== -1) this.#place(old[o], old[o + 1], old[o + 2], old[o + 3], oldOff[k]);
    }
  }
  override fastKind(): number {
    return _FastKind.Dict;
  }
  override putString(row: number, s: string): string | null {
    this.codes[row] = this.dict.intern(s);
    return this.valid(row);
  }
  zero(row: number): void {
    this.codes[row] = 0;
  }
  finish(n: number): Column {
    const d = this.codes, validity = this.takeValidity(n);
    if (n === this.cap) this.codes = new Int32Array(this.cap);
    return {
      layout: "dict",
      type: this.field.type,
      length: n,
      validity,
      codes: n === this.cap ? d : kept(d, n),
      dict: this.dict,
    };
  }
}

class DecimalAcc extends _Acc {
  data: Value[] = [];
  putBytes(row: number, buf: Uint8Array, s: number, e: number): string | null {
    const t = this.field.type as { precision: number; scale: number };
    const text = _text(buf, s, e);
    const m = text === null ? null : /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
    if (m === null || (m[2] === "" && (m[3] ?? "") === "")) {
      return this.bad(buf, s, e, `a ${typeName(this.field.type)}`);
    }
    let frac = m[3] ?? "";
    while (frac.length > t.scale && frac.endsWith("0")) frac = frac.slice(0, -1);
    if (frac.length > t.scale) {
      return `${shown(buf, s, e)} has more decimal digits than ${typeName(this.field.type)} holds`;
    }
    let u = BigInt((m[2] || "0") + frac.padEnd(t.scale, "0"));
    if (m[1] === "-") u = -u;
    try {
      if ((u < 0n ? -u : u) >= 10n ** BigInt(t.precision)) throw new RangeError("precision");
      this.data[row] = new Decimal(u, t.scale);
    } catch {
      return `${shown(buf, s, e)} does not fit ${typeName(this.field.type)}`;
    }
    return this.valid(row);
  }
  zero(row: number): void {
    this.data[row] = null;
  }
  finish(n: number): Column {
    const d = this.data;
    this.data = [];
    d.length = n;
    return { layout: "values", type: this.field.type, length: n, validity: this.takeValidity(n), data: d };
  }
}

/**
 * An accumulator for a field, or a TypeError for types codecs cannot hold.
 *
 * @param field the schema field
 * @param cap rows per batch
 * @param dict the dictionary of a String field (shared across batches)
 * @returns the accumulator
 */
export function _accFor(field: Field, cap: number, dict: StringDictionary | undefined): _Acc {
  switch (field.type.kind) {
    case "float":
      return new FloatAcc(field, cap);
    case "integer":
      return new IntegerAcc(field, cap);
    case "scaled":
      return new ScaledAcc(field, cap);
    case "timestamp":
      return new TimestampAcc(field, cap);
    case "date":
      return new DateAcc(field, cap);
    case "boolean":
      return new BoolAcc(field, cap);
    case "string":
      return new _DictAcc(field, cap, dict ?? new StringDictionary());
    case "decimal":
      return new DecimalAcc(field, cap);
    default:
      throw new TypeError(`Field "${field.name}" has type ${typeName(field.type)}, which text codecs cannot decode`);
  }
}
