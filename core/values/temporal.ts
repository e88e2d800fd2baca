/**
 * Dates, timestamps and intervals.
 *
 * - `SqlDate`: days since 1970-01-01 (proleptic Gregorian), an i32.
 * - `Timestamp`: microseconds since 1970-01-01T00:00:00, no zone, an exact Int64.
 * - `Interval`: months, days and microseconds kept apart (a month has no fixed length).
 *
 * @module
 */

import { type Int64, toInt64 } from "./int64.ts";
import { _MICROS_SPLIT, _splitMicros } from "./_micros_split.ts";

/**
 * Days since the epoch of a proleptic Gregorian civil date.
 *
 * @param year full year (may be negative)
 * @param month 1..12
 * @param day 1..31
 * @returns days since 1970-01-01
 * @example
 * ```ts
 * import { daysFromCivil } from "./temporal.ts";
 * if (daysFromCivil(2000, 3, 1) !== 11017) throw new Error();
 * ```
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The civil date of a day number.
 *
 * @param days days since 1970-01-01
 * @returns [year, month 1..12, day 1..31]
 * @example
 * ```ts
 * import { civilFromDays } from "./temporal.ts";
 * if (civilFromDays(0).join("-") !== "1970-1-1") throw new Error();
 * ```
 */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? "-" : "") + (s.length >= width ? s : "0".repeat(width - s.length) + s);
}

/** A calendar date. */
export class SqlDate {
  /** Days since 1970-01-01. */
  readonly days: number;

  /**
   * Creates a SqlDate.
   *
   * @param days days since 1970-01-01, an integer in i32 range
   * @throws {RangeError} when not an i32
   * @example
   * ```ts
   * import { SqlDate } from "./temporal.ts";
   * if (new SqlDate(0).toString() !== "1970-01-01") throw new Error();
   * ```
   */
  constructor(days: number) {
    if ((days | 0) !== days) throw new RangeError(`Date must be an integer day count in i32 range, got ${days}`);
    this.days = days;
  }

  /**
   * The display text (exact).
   *
   * @returns ISO-8601 `YYYY-MM-DD`
   */
  toString(): string {
    const [y, m, d] = civilFromDays(this.days);
    return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  }

  /**
   * The JSON form: the same exact text as toString, so no digit is lost.
   *
   * @returns the ISO text
   */
  toJSON(): string {
    return this.toString();
  }
}

/** A zone-less instant in epoch microseconds. */
export class Timestamp {
  /** Microseconds since 1970-01-01T00:00:00 (normalised Int64). */
  readonly micros: Int64;

  /**
   * Creates a Timestamp.
   *
   * @param micros epoch microseconds, exact
   * @throws {RangeError} for a non-integer or unsafe number
   * @example
   * ```ts
   * import { Timestamp } from "./temporal.ts";
   * if (new Timestamp(1_500_000).toString() !== "1970-01-01T00:00:01.5") throw new Error();
   * ```
   */
  constructor(micros: Int64) {
    this.micros = toInt64(micros);
  }

  /**
   * A timestamp from epoch milliseconds.
   *
   * @param ms integer epoch milliseconds
   * @returns the timestamp
   */
  static fromMillis(ms: number): Timestamp {
    return new Timestamp(ms * 1000);
  }

  /**
   * The instant a date starts (its midnight), exactly: as a bigint once the micros pass 2^53 (years after 2255).
   *
   * @param date the date
   * @returns the timestamp
   * @throws {OverflowError} when the micros fall outside i64 (years past about +-292,000)
   * @example
   * ```ts
   * import { SqlDate, Timestamp } from "./temporal.ts";
   * if (Timestamp.fromDate(new SqlDate(1)).micros !== 86_400_000_000) throw new Error();
   * if (Timestamp.fromDate(new SqlDate(200_000)).micros !== 17_280_000_000_000_000n) throw new Error();
   * ```
   */
  static fromDate(date: SqlDate): Timestamp {
    const m = date.days * 86_400_000_000;
    return new Timestamp(Number.isSafeInteger(m) ? m : BigInt(date.days) * 86_400_000_000n);
  }

  /**
   * The display text (exact).
   *
   * @returns ISO-8601 `YYYY-MM-DDTHH:MM:SS[.ffffff]`, trailing fraction zeros trimmed, no zone
   */
  toString(): string {
    _splitMicros(this.micros);
    const { days, rem } = _MICROS_SPLIT;
    const [y, mo, d] = civilFromDays(days);
    const secs = Math.floor(rem / 1_000_000);
    const frac = rem - secs * 1_000_000;
    let out = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(Math.floor(secs / 3600), 2)}:${
      pad(Math.floor(secs / 60) % 60, 2)
    }:${pad(secs % 60, 2)}`;
    if (frac !== 0) out += "." + pad(frac, 6).replace(/0+$/, "");
    return out;
  }

  /**
   * The JSON form: the same exact text as toString, so no digit is lost.
   *
   * @returns the ISO text
   */
  toJSON(): string {
    return this.toString();
  }
}

/** A span of time: months, days and microseconds, each signed. */
export class Interval {
  /** Whole months. */
  readonly months: number;
  /** Whole days. */
  readonly days: number;
  /** Microseconds (normalised Int64). */
  readonly micros: Int64;

  /**
   * Creates an Interval.
   *
   * @param months whole months (i32)
   * @param days whole days (i32)
   * @param micros microseconds
   * @throws {RangeError} on non-integer parts
   * @example
   * ```ts
   * import { Interval } from "./temporal.ts";
   * if (new Interval(0, 0, 60_000_000).toString() !== "PT60S") throw new Error();
   * ```
   */
  constructor(months: number, days: number, micros: Int64) {
    if ((months | 0) !== months) throw new RangeError(`Interval months must be an i32, got ${months}`);
    if ((days | 0) !== days) throw new RangeError(`Interval days must be an i32, got ${days}`);
    this.months = months;
    this.days = days;
    this.micros = toInt64(micros);
  }

  /**
   * The display text (exact).
   *
   * @returns ISO-8601 duration text, e.g. `P1M2DT3.5S`, `PT0S` when empty
   */
  toString(): string {
    let out = "P";
    if (this.months !== 0) out += `${this.months}M`;
    if (this.days !== 0) out += `${this.days}D`;
    const u = this.micros;
    if (u !== 0 || out === "P") {
      const neg = u < 0;
      const abs = neg ? -BigInt(u) : BigInt(u);
      const s = abs / 1_000_000n;
      const f = abs % 1_000_000n;
      out += "T" + (neg ? "-" : "") + s.toString();
      if (f !== 0n) out += "." + f.toString().padStart(6, "0").replace(/0+$/, "");
      out += "S";
    }
    return out;
  }

  /**
   * The JSON form: the same exact text as toString, so no digit is lost.
   *
   * @returns the ISO text
   */
  toJSON(): string {
    return this.toString();
  }
}
