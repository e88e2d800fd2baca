/**
 * Parsing the display text of each scalar type back into values. Every parser is strict (no surrounding
 * whitespace; casts trim before calling) and round-trips with TextWriter / toString. Bad text is a
 * ValueSyntaxError with the offset of the first bad character; a well-formed number that does not fit its type
 * is an OverflowError; digits that a scale cannot hold are a RangeError unless a rounding mode is given.
 *
 * Numbers: `[+-]digits[.digits][e[+-]digits]` (also `.5` and `5.`). Floats also take `NaN`, `Infinity`, `inf`
 * with any case and sign. Booleans: true/false, t/f, yes/no, y/n, on/off, 1/0, any case (PostgreSQL's words).
 * Dates `[-]YYYY-MM-DD`; timestamps `YYYY-MM-DD[(T| )HH:MM[:SS[.f{1,6}]]]`; intervals ISO-8601
 * `P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]` with an optional sign on each number.
 *
 * @module
 */

import { OverflowError } from "../errors.ts";
import { MAX_DECIMAL_PRECISION, MAX_SCALE } from "../types/data_type.ts";
import { I64_MAX, I64_MIN, type Int64, normalizeInt64 } from "./int64.ts";
import { ScaledInteger } from "./scaled_integer.ts";
import { Decimal } from "./decimal.ts";
import { daysFromCivil, Interval, SqlDate, Timestamp } from "./temporal.ts";
import { divideRounded, POW10, pow10Big, type RoundingMode } from "./rounding.ts";
import { ValueSyntaxError } from "./value_syntax_error.ts";

/** Options of parseScaled. */
export interface ParseScaledOptions {
  /** Rounding for digits past the scale (default: none, such text is a RangeError). */
  rounding?: RoundingMode;
}

/** Options of parseDecimal. */
export interface ParseDecimalOptions {
  /** Total digits allowed, 1..38 (default 38). */
  precision?: number;
  /** Result scale (default: the text's own scale, at least 0). */
  scale?: number;
  /** Rounding for digits past the scale (default: none, such text is a RangeError). */
  rounding?: RoundingMode;
}

interface NumberScan {
  neg: boolean;
  intStart: number;
  intEnd: number;
  fracStart: number;
  fracEnd: number;
  exp: number;
}

function unexpected(text: string, target: string, i: number): ValueSyntaxError {
  if (i >= text.length) {
    return new ValueSyntaxError(text, target, i, text.length === 0 ? "empty text" : "unexpected end of text");
  }
  return new ValueSyntaxError(text, target, i, `unexpected ${JSON.stringify(text[i])}`);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function scanNumber(text: string, target: string, allowFraction: boolean): NumberScan {
  const n = text.length;
  let i = 0;
  let neg = false;
  let c = text.charCodeAt(0);
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  const intStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  let fracStart = i, fracEnd = i, exp = 0;
  if (allowFraction && text.charCodeAt(i) === 46) {
    i++;
    fracStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    fracEnd = i;
    if (intEnd === intStart && fracEnd === fracStart) throw unexpected(text, target, i);
  } else if (intEnd === intStart) throw unexpected(text, target, i);
  c = text.charCodeAt(i);
  if (allowFraction && (c === 101 || c === 69)) {
    i++;
    let eneg = false;
    c = text.charCodeAt(i);
    if (c === 45 || c === 43) {
      eneg = c === 45;
      i++;
    }
    const es = i;
    while (i < n && isDigit(text.charCodeAt(i))) {
      if (exp < 1e9) exp = exp * 10 + (text.charCodeAt(i) - 48);
      i++;
    }
    if (i === es) throw unexpected(text, target, i);
    if (eneg) exp = -exp;
  }
  if (i !== n) throw unexpected(text, target, i);
  return { neg, intStart, intEnd, fracStart, fracEnd, exp };
}

/** The digits int+frac as a number when there are at most 15 of them (after leading zeros), else NaN. */
function mantissaNumber(text: string, s: NumberScan): number {
  let v = 0, count = 0;
  for (let i = s.intStart; i < s.intEnd; i++) {
    v = v * 10 + (text.charCodeAt(i) - 48);
    if (v !== 0 && ++count > 15) return NaN;
  }
  for (let i = s.fracStart; i < s.fracEnd; i++) {
    v = v * 10 + (text.charCodeAt(i) - 48);
    if (v !== 0 && ++count > 15) return NaN;
  }
  return v;
}

function mantissaBig(text: string, s: NumberScan): bigint {
  const digits = text.slice(s.intStart, s.intEnd) + text.slice(s.fracStart, s.fracEnd);
  return digits.length === 0 ? 0n : BigInt(digits);
}

/** mantissa * 10^shift, exact or rounded; null when digits are dropped without a rounding mode. */
function shifted(m: bigint, shift: number, rounding: RoundingMode | undefined): bigint | null {
  if (m === 0n) return 0n;
  if (shift >= 0) return shift > 80 ? 10n ** 80n : m * pow10Big(shift); // 10^80 is past every bound
  let k = -shift;
  const len = m.toString().length;
  if (k > len + 1) k = len + 1; // the quotient is 0 either way and the remainder keeps its order vs half
  const d = pow10Big(k);
  if (rounding === undefined) return m % d === 0n ? m / d : null;
  return divideRounded(m, d, rounding);
}

/**
 * Parses an exact integer.
 *
 * @param text decimal digits with an optional sign
 * @returns the normalised Int64
 * @throws {ValueSyntaxError} for anything but an optional sign and digits
 * @throws {OverflowError} outside i64
 * @example
 * ```ts
 * import { parseInt64 } from "./parse_value.ts";
 * if (parseInt64("-9223372036854775808") !== -(2n ** 63n) || parseInt64("+42") !== 42) throw new Error();
 * ```
 */
export function parseInt64(text: string): Int64 {
  const s = scanNumber(text, "INTEGER", false);
  const m = mantissaNumber(text, s);
  if (m === m) return s.neg ? 0 - m : m;
  const v = s.neg ? -mantissaBig(text, s) : mantissaBig(text, s);
  if (v < I64_MIN || v > I64_MAX) {
    throw new OverflowError(`Integer overflow: ${JSON.stringify(text)} is outside the i64 range`);
  }
  return normalizeInt64(v);
}

/**
 * Parses a decimal number exactly into a ScaledInteger of a scale.
 *
 * @param text the number (`123.45`, `-0.5`, `1e3`)
 * @param scale the scale, 0..18
 * @param options rounding for digits past the scale
 * @returns the value
 * @throws {ValueSyntaxError} for text that is not a number
 * @throws {RangeError} when digits past the scale are not zero and no rounding is given
 * @throws {OverflowError} when the units leave i64
 * @example
 * ```ts
 * import { parseScaled } from "./parse_value.ts";
 * if (parseScaled("123.45", 4).units !== 1234500) throw new Error();
 * if (String(parseScaled("2.675", 2, { rounding: "half_up" })) !== "2.68") throw new Error();
 * ```
 */
export function parseScaled(text: string, scale: number, options?: ParseScaledOptions): ScaledInteger {
  if ((scale >>> 0) !== scale || scale > MAX_SCALE) {
    throw new RangeError(`ScaledInteger scale must be an integer 0..${MAX_SCALE}, got ${scale}`);
  }
  const target = `SCALED(${scale})`;
  const s = scanNumber(text, target, true);
  const shift = scale - (s.fracEnd - s.fracStart) + s.exp;
  if (shift >= 0 && shift <= 15) {
    const m = mantissaNumber(text, s);
    const u = m * POW10[shift];
    if (u <= Number.MAX_SAFE_INTEGER) return new ScaledInteger(s.neg ? 0 - u : u, scale);
  }
  const m = shifted(mantissaBig(text, s), shift, options?.rounding);
  if (m === null) {
    throw new RangeError(`Cannot parse ${JSON.stringify(text)} as ${target} exactly: it has digits past the scale`);
  }
  const v = s.neg ? -m : m;
  if (v < I64_MIN || v > I64_MAX) {
    throw new OverflowError(
      `ScaledInteger overflow: ${JSON.stringify(text)} is outside the i64 range at scale ${scale}`,
    );
  }
  return new ScaledInteger(normalizeInt64(v), scale);
}

/**
 * Parses a decimal number exactly into a Decimal.
 *
 * @param text the number
 * @param options precision, scale and rounding
 * @returns the value (at the text's own scale unless `options.scale` is given)
 * @throws {ValueSyntaxError} for text that is not a number
 * @throws {RangeError} when digits past the scale are not zero and no rounding is given
 * @throws {OverflowError} when the value has more digits than the precision allows
 * @example
 * ```ts
 * import { parseDecimal } from "./parse_value.ts";
 * if (String(parseDecimal("-1.50")) !== "-1.50" || String(parseDecimal("1e2", { scale: 1 })) !== "100.0") {
 *   throw new Error();
 * }
 * ```
 */
export function parseDecimal(text: string, options?: ParseDecimalOptions): Decimal {
  const precision = options?.precision ?? MAX_DECIMAL_PRECISION;
  const s = scanNumber(text, options?.scale === undefined ? "DECIMAL" : `DECIMAL(${precision},${options.scale})`, true);
  const own = s.fracEnd - s.fracStart - s.exp;
  const scale = options?.scale ?? Math.max(0, own);
  const target = `DECIMAL(${precision},${scale})`;
  if (scale > MAX_DECIMAL_PRECISION) {
    throw new RangeError(`Cannot parse ${JSON.stringify(text)} as DECIMAL: scale ${scale} is more than 38`);
  }
  const m = shifted(mantissaBig(text, s), scale - own, options?.rounding);
  if (m === null) {
    throw new RangeError(`Cannot parse ${JSON.stringify(text)} as ${target} exactly: it has digits past the scale`);
  }
  if (m >= pow10Big(precision)) {
    throw new OverflowError(`Decimal overflow: ${JSON.stringify(text)} does not fit ${target}`);
  }
  return new Decimal(s.neg ? -m : m, scale);
}

const FLOAT_WORDS: Record<string, number> = {
  nan: NaN,
  infinity: Infinity,
  inf: Infinity,
  "+infinity": Infinity,
  "+inf": Infinity,
  "-infinity": -Infinity,
  "-inf": -Infinity,
  "+nan": NaN,
  "-nan": NaN,
};

/**
 * Parses a double (correctly rounded to nearest).
 *
 * @param text a number, or NaN / Infinity / inf with any case and sign
 * @returns the double
 * @throws {ValueSyntaxError} for text that is not a number
 * @throws {OverflowError} for a finite number beyond the double range (e.g. 1e999)
 * @example
 * ```ts
 * import { parseFloat64 } from "./parse_value.ts";
 * if (parseFloat64("1e+21") !== 1e21 || parseFloat64("-INF") !== -Infinity) throw new Error();
 * ```
 */
export function parseFloat64(text: string): number {
  const c = text.charCodeAt(text.length - 1);
  if (!isDigit(c) && c !== 46) {
    const w = FLOAT_WORDS[text.toLowerCase()];
    if (w !== undefined) return w;
  }
  scanNumber(text, "FLOAT", true);
  const x = Number(text);
  if (x === Infinity || x === -Infinity) {
    throw new OverflowError(`Float overflow: ${JSON.stringify(text)} is outside the double range`);
  }
  return x;
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  t: true,
  yes: true,
  y: true,
  on: true,
  "1": true,
  false: false,
  f: false,
  no: false,
  n: false,
  off: false,
  "0": false,
};

/**
 * Parses a boolean.
 *
 * @param text true/false, t/f, yes/no, y/n, on/off or 1/0 in any case
 * @returns the boolean
 * @throws {ValueSyntaxError} for other text
 * @example
 * ```ts
 * import { parseBoolean } from "./parse_value.ts";
 * if (parseBoolean("TRUE") !== true || parseBoolean("off") !== false) throw new Error();
 * ```
 */
export function parseBoolean(text: string): boolean {
  const b = BOOLEAN_WORDS[text.toLowerCase()];
  if (b === undefined) throw new ValueSyntaxError(text, "BOOLEAN", 0, "expected true or false");
  return b;
}

class Cursor {
  i = 0;
  constructor(readonly text: string, readonly target: string) {}
  fail(reason?: string, at: number = this.i): never {
    if (reason === undefined) throw unexpected(this.text, this.target, at);
    throw new ValueSyntaxError(this.text, this.target, at, reason);
  }
  digits(min: number, max: number): number {
    const start = this.i;
    let v = 0;
    while (this.i < this.text.length && this.i - start < max && isDigit(this.text.charCodeAt(this.i))) {
      v = v * 10 + (this.text.charCodeAt(this.i++) - 48);
    }
    if (this.i - start < min) this.fail();
    return v;
  }
  expect(code: number): void {
    if (this.text.charCodeAt(this.i) !== code) this.fail();
    this.i++;
  }
  atEnd(): boolean {
    return this.i >= this.text.length;
  }
}

function scanDate(c: Cursor): number {
  let neg = false;
  if (c.text.charCodeAt(0) === 45) {
    neg = true;
    c.i++;
  }
  const y = c.digits(4, 9);
  c.expect(45);
  const mAt = c.i;
  const m = c.digits(2, 2);
  c.expect(45);
  const dAt = c.i;
  const d = c.digits(2, 2);
  if (m < 1 || m > 12) c.fail(`month ${m} is out of range 1-12`, mAt);
  const year = neg ? -y : y;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dim = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d < 1 || d > dim) c.fail(`day ${d} is out of range 1-${dim}`, dAt);
  return daysFromCivil(year, m, d);
}

/**
 * Parses a date `[-]YYYY-MM-DD` (proleptic Gregorian).
 *
 * @param text the date
 * @returns the date
 * @throws {ValueSyntaxError} for bad text or an impossible date
 * @example
 * ```ts
 * import { parseDate } from "./parse_value.ts";
 * if (parseDate("2024-02-29").toString() !== "2024-02-29") throw new Error();
 * ```
 */
export function parseDate(text: string): SqlDate {
  const c = new Cursor(text, "DATE");
  const days = scanDate(c);
  if (!c.atEnd()) c.fail();
  if ((days | 0) !== days) c.fail("date is out of range", 0);
  return new SqlDate(days);
}

/**
 * Parses a timestamp `YYYY-MM-DD[(T| )HH:MM[:SS[.ffffff]][Z|(+|-)HH[:]MM]]`: up to 6 fraction digits (7 to 9 when
 * the ones past the sixth are zeros), and a zone after a time, which is applied (the result is UTC epoch micros, as
 * the CSV and JSON decoders read the same text).
 *
 * @param text the timestamp
 * @returns the timestamp
 * @throws {ValueSyntaxError} for bad text or an impossible date or time
 * @example
 * ```ts
 * import { parseTimestamp } from "./parse_value.ts";
 * if (parseTimestamp("1970-01-01 00:00:01.5").micros !== 1_500_000) throw new Error();
 * ```
 */
export function parseTimestamp(text: string): Timestamp {
  const c = new Cursor(text, "TIMESTAMP");
  const days = scanDate(c);
  let micros = 0;
  if (!c.atEnd()) {
    const sep = text.charCodeAt(c.i);
    if (sep !== 84 && sep !== 116 && sep !== 32) c.fail();
    c.i++;
    const hAt = c.i;
    const h = c.digits(2, 2);
    c.expect(58);
    const mAt = c.i;
    const mi = c.digits(2, 2);
    let s = 0, frac = 0, sAt = c.i;
    if (text.charCodeAt(c.i) === 58) {
      c.i++;
      sAt = c.i;
      s = c.digits(2, 2);
      if (text.charCodeAt(c.i) === 46) {
        c.i++;
        const f0 = c.i;
        frac = c.digits(1, 6);
        frac *= POW10[6 - (c.i - f0)];
        // nanosecond text: digits past the microseconds may be given, as zeros
        while (c.i - f0 < 9 && text.charCodeAt(c.i) === 48) c.i++;
      }
    }
    let zone = 0; // the zone's offset from UTC, in micros
    const z = text.charCodeAt(c.i);
    if (z === 90 || z === 122) c.i++;
    else if (z === 43 || z === 45) {
      c.i++;
      const ohAt = c.i;
      const oh = c.digits(2, 2);
      if (text.charCodeAt(c.i) === 58) c.i++;
      const omAt = c.i;
      const om = c.digits(2, 2);
      if (oh > 23) c.fail(`zone hour ${oh} is out of range 0-23`, ohAt);
      if (om > 59) c.fail(`zone minute ${om} is out of range 0-59`, omAt);
      zone = (z === 45 ? -1 : 1) * (oh * 60 + om) * 60_000_000;
    }
    if (!c.atEnd()) c.fail();
    if (h > 23) c.fail(`hour ${h} is out of range 0-23`, hAt);
    if (mi > 59) c.fail(`minute ${mi} is out of range 0-59`, mAt);
    if (s > 59) c.fail(`second ${s} is out of range 0-59`, sAt);
    micros = ((h * 60 + mi) * 60 + s) * 1_000_000 + frac - zone;
  }
  const total = days * 86_400_000_000 + micros;
  if (Number.isSafeInteger(total)) return new Timestamp(total);
  return new Timestamp(normalizeInt64(BigInt(days) * 86_400_000_000n + BigInt(micros)));
}

/**
 * Parses an ISO-8601 duration `P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]` (each number may carry a sign; only
 * seconds take a fraction, up to 6 digits). Years count 12 months, weeks 7 days, hours and minutes go to micros.
 *
 * @param text the duration, e.g. `P1M2DT3.5S` or `PT-1.5S`
 * @returns the interval
 * @throws {ValueSyntaxError} for bad text
 * @example
 * ```ts
 * import { parseInterval } from "./parse_value.ts";
 * if (parseInterval("P1Y2M3DT4H5M6.5S").toString() !== "P14M3DT14706.5S") throw new Error();
 * ```
 */
export function parseInterval(text: string): Interval {
  const c = new Cursor(text, "INTERVAL");
  if ((text.charCodeAt(0) | 0x20) !== 112) c.fail();
  c.i = 1;
  let months = 0, days = 0, micros = 0n;
  let time = false, any = false;
  const order = "YMWDHMS";
  let last = -1;
  while (!c.atEnd()) {
    if (!time && (text.charCodeAt(c.i) | 0x20) === 116) {
      time = true;
      c.i++;
      last = 3;
      if (c.atEnd()) c.fail();
      continue;
    }
    const numAt = c.i;
    let neg = false;
    const sc = text.charCodeAt(c.i);
    if (sc === 45 || sc === 43) {
      neg = sc === 45;
      c.i++;
    }
    const intStart = c.i;
    while (!c.atEnd() && isDigit(text.charCodeAt(c.i))) c.i++;
    if (c.i === intStart) c.fail();
    const whole = BigInt(text.slice(intStart, c.i));
    let frac = 0n;
    let fracAt = -1;
    if (text.charCodeAt(c.i) === 46) {
      fracAt = c.i;
      c.i++;
      const f0 = c.i;
      const f = c.digits(1, 6);
      frac = BigInt(f * POW10[6 - (c.i - f0)]);
    }
    const unitAt = c.i;
    const u = text[c.i]?.toUpperCase();
    const idx = u === undefined ? -1 : order.indexOf(u, time ? 4 : 0);
    if (idx === -1 || (!time && idx > 3)) c.fail(undefined, unitAt);
    if (idx <= last) c.fail(`unit ${JSON.stringify(text[unitAt])} is out of order`, unitAt);
    if (fracAt >= 0 && order[idx] !== "S") c.fail("only seconds take a fraction", fracAt);
    last = idx;
    c.i++;
    any = true;
    const v = neg ? -whole : whole;
    if (idx === 0) months += Number(v) * 12;
    else if (idx === 1) months += Number(v);
    else if (idx === 2) days += Number(v) * 7;
    else if (idx === 3) days += Number(v);
    else if (idx === 4) micros += v * 3_600_000_000n;
    else if (idx === 5) micros += v * 60_000_000n;
    else micros += v * 1_000_000n + (neg ? -frac : frac);
    if ((months | 0) !== months || (days | 0) !== days) c.fail("the interval is out of range", numAt);
  }
  if (!any) c.fail();
  if (micros < I64_MIN || micros > I64_MAX) c.fail("the interval is out of range", 0);
  return new Interval(months, days, normalizeInt64(micros));
}
