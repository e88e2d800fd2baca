/**
 * CAST over the full scalar matrix, following PostgreSQL:
 *
 * - `CAST(NULL AS x)` is NULL. Text is trimmed (spaces, tabs, line breaks) before it is parsed.
 * - ScaledInteger / Decimal -> INTEGER and every scale reduction round half away from zero (PostgreSQL numeric).
 *   FLOAT -> INTEGER rounds half to even (PostgreSQL's rint). FLOAT -> SCALED / DECIMAL goes through the
 *   shortest round-trip text of the double (2.675 -> 2.68 at scale 2), then rounds half away from zero.
 * - Exact -> FLOAT is correctly rounded. Integer <-> BOOLEAN: 0 is false, anything else true; true is 1.
 * - DATE -> TIMESTAMP is midnight; TIMESTAMP -> DATE drops the time of day.
 * - Anything -> STRING is its display text (see TextWriter); `VARCHAR(n)` truncates to n characters.
 * - Each refusal is a CastError naming the value and the target, e.g.
 *   `Cannot cast "12abc" to INTEGER: not a number`. Reasons: `not a number`, `not an integer`, `not a boolean`,
 *   `not a date` / `not a timestamp` / `not an interval` (or the exact field that is wrong), `out of range`
 *   (overflow of the target, including DECIMAL(10,2) -> DECIMAL(5,2)), `not a finite number` (NaN or
 *   Infinity to an exact type), `no conversion from DATE` (a pair PostgreSQL does not cast either).
 *
 * @module
 */

import { type DataType, type DecimalType, typeName } from "../types/data_type.ts";
import type { TargetType } from "../types/target_type.ts";
import { CastError, OverflowError } from "../errors.ts";
import type { Value } from "./value.ts";
import { I64_MAX, I64_MIN, type Int64, normalizeInt64 } from "./int64.ts";
import { ScaledInteger } from "./scaled_integer.ts";
import { Decimal } from "./decimal.ts";
import { type Interval, SqlDate, Timestamp } from "./temporal.ts";
import { divideRounded, divideRoundedNumber, POW10, pow10Big } from "./rounding.ts";
import { scaledToFloat } from "./numeric_conversion.ts";
import { formatValue } from "./format_value.ts";
import {
  parseBoolean,
  parseDate,
  parseDecimal,
  parseFloat64,
  parseInt64,
  parseInterval,
  parseScaled,
  parseTimestamp,
} from "./parse_value.ts";
import { ValueSyntaxError } from "./value_syntax_error.ts";

const MICROS_PER_DAY = 86_400_000_000;
const SMALLINT_MIN = -32768, SMALLINT_MAX = 32767;
const TWO_63 = 9223372036854775808;
const SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;

class Refusal {
  constructor(readonly reason: string) {}
}

function refuse(reason: string): never {
  throw new Refusal(reason);
}

/** Exact value as [units, scale]; null for a non-exact source. */
function exactParts(v: Value, t: DataType): [Int64 | bigint, number] | null {
  switch (t.kind) {
    case "integer":
      return [v as Int64, 0];
    case "scaled":
      return [(v as ScaledInteger).units, (v as ScaledInteger).scale];
    case "decimal":
      return [(v as Decimal).unscaled, (v as Decimal).scale];
    default:
      return null;
  }
}

/** units/10^from at scale `to`, rounding half away from zero. */
function rescale(units: Int64 | bigint, from: number, to: number): Int64 | bigint {
  if (to === from) return units;
  if (typeof units === "number" && to < from && from - to <= 22) {
    return divideRoundedNumber(units, POW10[from - to], "half_up");
  }
  if (typeof units === "number" && to > from && to - from <= 15) {
    const x = units * POW10[to - from];
    if (Number.isSafeInteger(x)) return x;
  }
  const b = BigInt(units);
  return to > from ? b * pow10Big(to - from) : divideRounded(b, pow10Big(from - to), "half_up");
}

function checkI64(v: Int64 | bigint, bits: 16 | 64 | null): Int64 {
  if (typeof v === "bigint") {
    if (v < I64_MIN || v > I64_MAX) refuse("out of range");
    v = normalizeInt64(v);
  }
  if (bits === 16 && (v < SMALLINT_MIN || v > SMALLINT_MAX)) refuse("out of range");
  return typeof v === "number" ? v + 0 : v;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

function fromExact(units: Int64 | bigint, scale: number, target: TargetType, fromInteger: boolean): Value {
  const t = target.type;
  switch (t.kind) {
    case "integer":
      return checkI64(rescale(units, scale, 0), target.integerBits);
    case "float":
      return scaledToFloat(units, scale);
    case "scaled":
      return new ScaledInteger(checkI64(rescale(units, scale, t.scale), 64), t.scale);
    case "decimal": {
      const u = BigInt(rescale(units, scale, t.scale));
      if (u >= pow10Big(t.precision) || u <= -pow10Big(t.precision)) refuse("out of range");
      return new Decimal(u, t.scale);
    }
    case "boolean":
      return fromInteger ? units !== 0 && units !== 0n : null;
    default:
      return null;
  }
}

function fromFloat(x: number, target: TargetType): Value {
  const t = target.type;
  switch (t.kind) {
    case "float":
      return x;
    case "integer":
    case "scaled":
    case "decimal": {
      if (x !== x || x === Infinity || x === -Infinity) refuse("not a finite number");
      if (t.kind === "integer") {
        const r = roundHalfEven(x) + 0;
        if (r >= TWO_63 || r < -TWO_63) refuse("out of range");
        return checkI64(Number.isSafeInteger(r) ? r : BigInt(r), target.integerBits);
      }
      const text = String(x);
      try {
        if (t.kind === "scaled") return parseScaled(text, t.scale, { rounding: "half_up" });
        return parseDecimal(text, { precision: t.precision, scale: t.scale, rounding: "half_up" });
      } catch (e) {
        if (e instanceof OverflowError) refuse("out of range");
        throw e;
      }
    }
    default:
      return null;
  }
}

function syntaxReason(e: unknown, what: string): string {
  if (e instanceof ValueSyntaxError) {
    return e.reason.startsWith("unexpected") || e.reason === "empty text" ? what : e.reason;
  }
  if (e instanceof OverflowError) return "out of range";
  throw e;
}

/** PostgreSQL's trim of cast input: spaces, tabs, line breaks, form feeds, vertical tabs at both ends. */
function trimmed(raw: string): string {
  const n = raw.length;
  if (n === 0) return raw;
  const a = raw.charCodeAt(0), b = raw.charCodeAt(n - 1);
  return a > 32 && b > 32 ? raw : raw.replace(SPACE, "");
}

function fromText(raw: string, target: TargetType): Value {
  const s = trimmed(raw);
  const t = target.type;
  switch (t.kind) {
    case "integer": {
      let v: Int64;
      try {
        v = parseInt64(s);
      } catch (e) {
        if (e instanceof ValueSyntaxError) {
          try {
            parseFloat64(s);
          } catch (e2) {
            if (e2 instanceof ValueSyntaxError) return refuse("not a number");
          }
          return refuse("not an integer");
        }
        return refuse(syntaxReason(e, "not a number"));
      }
      return checkI64(v, target.integerBits);
    }
    case "float":
      try {
        return parseFloat64(s);
      } catch (e) {
        return refuse(syntaxReason(e, "not a number"));
      }
    case "scaled":
      try {
        return parseScaled(s, t.scale, { rounding: "half_up" });
      } catch (e) {
        return refuse(syntaxReason(e, "not a number"));
      }
    case "decimal":
      try {
        return parseDecimal(s, { precision: (t as DecimalType).precision, scale: t.scale, rounding: "half_up" });
      } catch (e) {
        return refuse(syntaxReason(e, "not a number"));
      }
    case "boolean":
      try {
        return parseBoolean(s);
      } catch {
        return refuse("not a boolean");
      }
    case "date":
      try {
        return parseDate(s);
      } catch (e) {
        return refuse(syntaxReason(e, "not a date"));
      }
    case "timestamp":
      try {
        return parseTimestamp(s);
      } catch (e) {
        return refuse(syntaxReason(e, "not a timestamp"));
      }
    case "interval":
      try {
        return parseInterval(s);
      } catch (e) {
        return refuse(syntaxReason(e, "not an interval"));
      }
    default:
      return null;
  }
}

function castInner(value: Value, source: DataType, target: TargetType): Value {
  const t = target.type;
  if (t.kind === "string") {
    const s = typeof value === "string" ? value : formatValue(value, source);
    return target.maxLength !== null && s.length > target.maxLength ? s.slice(0, target.maxLength) : s;
  }
  let out: Value = null;
  switch (source.kind) {
    case "string":
      out = fromText(value as string, target);
      break;
    case "integer":
    case "scaled":
    case "decimal": {
      const [u, s] = exactParts(value, source)!;
      out = fromExact(u, s, target, source.kind === "integer");
      break;
    }
    case "float":
      out = fromFloat(value as number, target);
      break;
    case "boolean":
      if (t.kind === "boolean") out = value;
      else if (t.kind === "integer") out = value ? 1 : 0;
      break;
    case "date":
      if (t.kind === "date") out = value;
      else if (t.kind === "timestamp") {
        try {
          out = Timestamp.fromDate(value as SqlDate);
        } catch (e) {
          if (e instanceof OverflowError) refuse("out of range");
          throw e;
        }
      }
      break;
    case "timestamp":
      if (t.kind === "timestamp") out = value;
      else if (t.kind === "date") {
        const m = (value as Timestamp).micros;
        const days = typeof m === "number"
          ? Math.floor(m / MICROS_PER_DAY)
          : Number((m - (((m % 86_400_000_000n) + 86_400_000_000n) % 86_400_000_000n)) / 86_400_000_000n);
        if ((days | 0) !== days) refuse("out of range");
        out = new SqlDate(days);
      }
      break;
    case "interval":
      if (t.kind === "interval") out = value as Interval;
      break;
  }
  if (out === null) refuse(`no conversion from ${typeName(source)}`);
  return out;
}

/**
 * Casts a value of a source type to a target (see the module docs for the rules).
 *
 * @param value the value (null gives null)
 * @param source the value's type
 * @param target the pre-parsed target (parseTargetType or targetOf)
 * @returns the converted value
 * @throws {CastError} `Cannot cast "<value>" to <TARGET>: <reason>`
 * @example
 * ```ts
 * import { cast } from "./cast.ts";
 * import { parseTargetType } from "../types/target_type.ts";
 * import { Types } from "../types/data_type.ts";
 * const INT = parseTargetType("INT");
 * if (cast(" 42 ", Types.String, INT) !== 42 || cast(null, Types.String, INT) !== null) throw new Error();
 * try {
 *   cast("12abc", Types.String, INT);
 *   throw new Error("expected a CastError");
 * } catch (e) {
 *   if ((e as Error).message !== 'Cannot cast "12abc" to INTEGER: not a number') throw e;
 * }
 * ```
 */
export function cast(value: Value, source: DataType, target: TargetType): Value {
  if (value === null) return null;
  try {
    return castInner(value, source, target);
  } catch (e) {
    if (e instanceof Refusal) {
      const shown = typeof value === "string" ? value : formatValue(value, source);
      throw new CastError(`Cannot cast ${JSON.stringify(shown)} to ${target.name}: ${e.reason}`);
    }
    throw e;
  }
}
