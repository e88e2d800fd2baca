/**
 * Comparisons over row-level values with SQL NULL semantics: bind once to the operand types, apply per row.
 *
 * - Numbers compare by exact value across Integer, Float, ScaledInteger and Decimal: `price = 123.45` on a
 *   SCALED(2) column is exact after scale alignment, and a Float compares as the exact binary rational it is
 *   (0.1 > SI(1, 1)). NaN equals NaN and is greater than every number (PostgreSQL order).
 * - Strings compare by UTF-16 code units; FALSE < TRUE; dates, timestamps by time; intervals by
 *   months * 30 days + days + micros (PostgreSQL's interval order).
 * - NULL compared with anything is NULL (unknown): `apply` returns `boolean | null`.
 * - Comparing a String with a number (or any two unrelated types) is a TypeError at bind time.
 *
 * @module
 */

import { type DataType, typeName } from "../types/data_type.ts";
import type { Value } from "./value.ts";
import type { Int64 } from "./int64.ts";
import type { ScaledInteger } from "./scaled_integer.ts";
import type { Decimal } from "./decimal.ts";
import type { Interval, SqlDate, Timestamp } from "./temporal.ts";
import { compareFloat, compareFloatToScaled } from "./float_compare.ts";
import { compareScaled } from "./scaled_arithmetic.ts";
import { compareDecimal } from "./decimal_arithmetic.ts";
import { exactToDecimal } from "./numeric_conversion.ts";

/**
 * The comparison operators.
 *
 * @example
 * ```ts
 * import { bindComparison, ComparisonOp } from "./comparison.ts";
 * import { Types } from "../types/data_type.ts";
 * if (bindComparison(ComparisonOp.NE, [Types.Integer, Types.Float]).apply(1, 1.5) !== true) throw new Error();
 * ```
 */
export const ComparisonOp = {
  EQ: "=",
  NE: "<>",
  LT: "<",
  LE: "<=",
  GT: ">",
  GE: ">=",
} as const;

/** One of the ComparisonOp values. */
export type ComparisonOp = typeof ComparisonOp[keyof typeof ComparisonOp];

/** Three-way order of two non-null values of bound types. */
export type Comparator = (a: Value, b: Value) => -1 | 0 | 1;

/** A comparison bound to its operand types. */
export interface BoundComparison {
  /** The operator. */
  readonly op: ComparisonOp;
  /**
   * Compares one pair of values.
   *
   * @param a left value or null
   * @param b right value or null
   * @returns the truth value, or null (unknown) when either operand is null
   */
  readonly apply: (a: Value, b: Value) => boolean | null;
}

const NUMERIC = new Set(["integer", "float", "scaled", "decimal"]);
const MICROS_PER_DAY = 86_400_000_000n;
const SAFE = Number.MAX_SAFE_INTEGER;

function cmp<T extends number | bigint | string>(a: T, b: T): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unitsAndScale(v: Value, t: DataType): [Int64 | bigint, number] {
  if (t.kind === "scaled") return [(v as ScaledInteger).units, (v as ScaledInteger).scale];
  if (t.kind === "decimal") return [(v as Decimal).unscaled, (v as Decimal).scale];
  return [v as Int64, 0];
}

function intervalKey(v: Interval): bigint {
  return (BigInt(v.months) * 30n + BigInt(v.days)) * MICROS_PER_DAY + BigInt(v.micros);
}

function numericComparator(l: DataType, r: DataType): Comparator {
  const lk = l.kind, rk = r.kind;
  if (lk === "float" && rk === "float") return (a, b) => compareFloat(a as number, b as number);
  if (lk === "integer" && rk === "integer") return (a, b) => cmp(a as Int64, b as Int64);
  if (lk === "float") {
    if (rk === "integer") {
      return (a, b) => ((a as number) !== (a as number) ? 1 : cmp<number | bigint>(a as number, b as Int64));
    }
    return (a, b) => {
      const [u, s] = unitsAndScale(b, r);
      return compareFloatToScaled(a as number, u, s);
    };
  }
  if (rk === "float") {
    const f = numericComparator(r, l);
    return (a, b) => (0 - f(b, a)) as -1 | 0 | 1;
  }
  if (lk === "decimal" || rk === "decimal") {
    return (a, b) => compareDecimal(exactToDecimal(a, l), exactToDecimal(b, r));
  }
  const general: Comparator = lk === "scaled" && rk === "scaled"
    ? (a, b) => compareScaled(a as ScaledInteger, b as ScaledInteger)
    : integerScaledComparator(lk === "integer");
  // Safe-integer units aligned by precomputed powers of ten; anything wider takes the general path.
  const sa = lk === "scaled" ? (l as { scale: number }).scale : 0,
    sb = rk === "scaled" ? (r as { scale: number }).scale : 0;
  const s = sa > sb ? sa : sb;
  if (s > 15) return general;
  const fa = 10 ** (s - sa), fb = 10 ** (s - sb);
  const li = lk === "integer", ri = rk === "integer";
  return (a, b) => {
    const x = li ? a : (a as ScaledInteger).units, y = ri ? b : (b as ScaledInteger).units;
    // The value's own scale decides; the path applies when it matches the bound type's.
    const ok = (li || (a as ScaledInteger).scale === sa) && (ri || (b as ScaledInteger).scale === sb);
    if (ok && typeof x === "number" && typeof y === "number") {
      const xa = x * fa, yb = y * fb;
      if (xa <= SAFE && xa >= -SAFE && yb <= SAFE && yb >= -SAFE) return xa < yb ? -1 : xa > yb ? 1 : 0;
    }
    return general(a, b);
  };
}

function integerScaledComparator(intLeft: boolean): Comparator {
  return (a, b) => {
    const si = (intLeft ? b : a) as ScaledInteger;
    const i = (intLeft ? a : b) as Int64;
    const c = compareScaledInt(si, i);
    return (intLeft ? 0 - c : c) as -1 | 0 | 1;
  };
}

function compareScaledInt(si: ScaledInteger, i: Int64): -1 | 0 | 1 {
  const u = si.units;
  if (si.scale === 0) return cmp<number | bigint>(u, i);
  if (typeof u === "number" && typeof i === "number" && si.scale <= 15) {
    const x = i * 10 ** si.scale; // exact when it is a safe integer
    if (x <= Number.MAX_SAFE_INTEGER && x >= -Number.MAX_SAFE_INTEGER) return cmp(u, x);
  }
  return cmp(BigInt(u), BigInt(i) * 10n ** BigInt(si.scale));
}

/**
 * A three-way comparator for two non-null values of the given types (the order used by ORDER BY and MIN/MAX).
 *
 * @param types the left and right operand types
 * @returns the comparator
 * @throws {TypeError} when the types are not comparable
 * @example
 * ```ts
 * import { bindComparator } from "./comparison.ts";
 * import { scaledType, Types } from "../types/data_type.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * const c = bindComparator([Types.Float, scaledType(1)]);
 * if (c(0.1, new ScaledInteger(1, 1)) !== 1 || c(0.5, new ScaledInteger(5, 1)) !== 0) throw new Error();
 * ```
 */
export function bindComparator(types: readonly [DataType, DataType]): Comparator {
  const [l, r] = types;
  if (l.kind === "null" || r.kind === "null") return () => 0;
  if (NUMERIC.has(l.kind) && NUMERIC.has(r.kind)) return numericComparator(l, r);
  if (l.kind === r.kind) {
    switch (l.kind) {
      case "string":
        return (a, b) => cmp(a as string, b as string);
      case "boolean":
        return (a, b) => cmp(Number(a), Number(b));
      case "date":
        return (a, b) => cmp((a as SqlDate).days, (b as SqlDate).days);
      case "timestamp":
        return (a, b) => cmp<Int64>((a as Timestamp).micros, (b as Timestamp).micros);
      case "interval":
        return (a, b) => cmp(intervalKey(a as Interval), intervalKey(b as Interval));
    }
  }
  if ((l.kind === "date" && r.kind === "timestamp") || (l.kind === "timestamp" && r.kind === "date")) {
    const dateMicros = (v: Value): bigint => BigInt((v as SqlDate).days) * MICROS_PER_DAY;
    const tsMicros = (v: Value): bigint => BigInt((v as Timestamp).micros);
    const ml = l.kind === "date" ? dateMicros : tsMicros, mr = r.kind === "date" ? dateMicros : tsMicros;
    return (a, b) => cmp(ml(a), mr(b));
  }
  throw new TypeError(`Cannot compare ${typeName(l)} with ${typeName(r)}`);
}

/**
 * Binds a comparison operator to its operand types.
 *
 * @param op the operator
 * @param types the left and right operand types
 * @returns the bound comparison; its `apply` returns null when either operand is null
 * @throws {TypeError} when the types are not comparable
 * @example
 * ```ts
 * import { bindComparison } from "./comparison.ts";
 * import { scaledType, Types } from "../types/data_type.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * const eq = bindComparison("=", [scaledType(2), scaledType(3)]);
 * if (eq.apply(new ScaledInteger(12345, 2), new ScaledInteger(123450, 3)) !== true) throw new Error();
 * if (eq.apply(null, new ScaledInteger(1, 3)) !== null) throw new Error();
 * ```
 */
export function bindComparison(op: ComparisonOp, types: readonly [DataType, DataType]): BoundComparison {
  const c = bindComparator(types);
  let test: (x: number) => boolean;
  switch (op) {
    case "=":
      test = (x) => x === 0;
      break;
    case "<>":
      test = (x) => x !== 0;
      break;
    case "<":
      test = (x) => x < 0;
      break;
    case "<=":
      test = (x) => x <= 0;
      break;
    case ">":
      test = (x) => x > 0;
      break;
    case ">=":
      test = (x) => x >= 0;
      break;
    default:
      throw new TypeError(`Unknown comparison operator ${String(op)}`);
  }
  return { op, apply: (a, b) => (a === null || b === null ? null : test(c(a, b))) };
}
