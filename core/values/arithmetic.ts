/**
 * Mixed-type arithmetic over row-level values: bind an operator to its operand types once, then apply it per row.
 *
 * Result types (Integer counts as scale 0; `s` = the larger operand scale):
 *
 * | operands | + - % | * | / |
 * |---|---|---|---|
 * | any Float | FLOAT | FLOAT | FLOAT |
 * | Integer, Integer | INTEGER | INTEGER | INTEGER, truncated toward zero (SQL integer division) |
 * | Integer / ScaledInteger mixes | SCALED(s) | SCALED(sa+sb), DECIMAL(38,sa+sb) past 18 | SCALED(max(s, 6)) |
 * | any Decimal (no Float) | DECIMAL(38,s) | DECIMAL(38,sa+sb) | DECIMAL(38,max(s, 6)) |
 *
 * `options.scale` fixes the result scale of `*` and `/` on exact operands (not Integer / Integer);
 * `options.rounding` (default HALF_EVEN) rounds the exact result to it. With `options.overflow: "decimal"` the
 * exact results are Decimals (DECIMAL(38, scale)) computed on the fast path while they fit and exactly beyond,
 * instead of an OverflowError past i64.
 *
 * NULL: NULL op x is NULL. Division or modulo by zero is a DivisionByZeroError (Float too, as in PostgreSQL).
 *
 * @module
 */

import {
  type DataType,
  decimalType,
  MAX_DECIMAL_PRECISION,
  MAX_SCALE,
  scaledType,
  typeName,
  Types,
} from "../types/data_type.ts";
import { DivisionByZeroError, OverflowError } from "../errors.ts";
import type { Value } from "./value.ts";
import type { Int64 } from "./int64.ts";
import type { RoundingMode } from "./rounding.ts";
import type { Decimal } from "./decimal.ts";
import { ScaledInteger } from "./scaled_integer.ts";
import { addInt64, divideInt64, moduloInt64, multiplyInt64, subtractInt64 } from "./int64_arithmetic.ts";
import {
  addScaled,
  DEFAULT_DIVISION_SCALE,
  divideScaled,
  moduloScaled,
  multiplyScaled,
  subtractScaled,
} from "./scaled_arithmetic.ts";
import {
  addDecimal,
  divideDecimal,
  moduloDecimal,
  multiplyDecimal,
  rescaleDecimal,
  subtractDecimal,
} from "./decimal_arithmetic.ts";
import { exactToDecimal, exactToScaled, numericToFloat } from "./numeric_conversion.ts";

/**
 * The arithmetic operators.
 *
 * @example
 * ```ts
 * import { ArithmeticOp, bindArithmetic } from "./arithmetic.ts";
 * import { Types } from "../types/data_type.ts";
 * if (bindArithmetic(ArithmeticOp.DIVIDE, [Types.Integer, Types.Integer]).apply(7, 2) !== 3) throw new Error();
 * ```
 */
export const ArithmeticOp = {
  ADD: "+",
  SUBTRACT: "-",
  MULTIPLY: "*",
  DIVIDE: "/",
  MODULO: "%",
} as const;

/** One of the ArithmeticOp values. */
export type ArithmeticOp = typeof ArithmeticOp[keyof typeof ArithmeticOp];

/** Options of bindArithmetic. */
export interface ArithmeticOptions {
  /** Result scale of `*` and `/` on exact non-Integer/Integer operands (default: see the module table). */
  scale?: number;
  /** Rounding when `*` or `/` drop digits (default HALF_EVEN). */
  rounding?: RoundingMode;
  /** On a result past i64: `"error"` (default) raises OverflowError; `"decimal"` makes exact results Decimals. */
  overflow?: "error" | "decimal";
}

/** An operator bound to its operand types. */
export interface BoundArithmetic {
  /** The operator. */
  readonly op: ArithmeticOp;
  /** The result type. */
  readonly resultType: DataType;
  /**
   * Applies the operator to one pair of values of the bound types.
   *
   * @param a left value or null
   * @param b right value or null
   * @returns the result, null when either operand is null
   */
  readonly apply: (a: Value, b: Value) => Value;
}

type Apply = (a: Value, b: Value) => Value;

function numericKind(t: DataType): "integer" | "float" | "scaled" | "decimal" | "null" | null {
  const k = t.kind;
  return k === "integer" || k === "float" || k === "scaled" || k === "decimal" || k === "null" ? k : null;
}

function scaleOf(t: DataType): number {
  return t.kind === "scaled" || t.kind === "decimal" ? t.scale : 0;
}

const FLOAT_OPS: Record<ArithmeticOp, (x: number, y: number) => number> = {
  "+": (x, y) => x + y,
  "-": (x, y) => x - y,
  "*": (x, y) => x * y,
  "/": (x, y) => {
    if (y === 0) throw new DivisionByZeroError(`Division by zero: ${x} / ${y}`);
    return x / y;
  },
  "%": (x, y) => {
    if (y === 0) throw new DivisionByZeroError(`Division by zero: ${x} % ${y}`);
    return x % y;
  },
};

const INT_OPS: Record<ArithmeticOp, (x: Int64, y: Int64) => Int64> = {
  "+": addInt64,
  "-": subtractInt64,
  "*": multiplyInt64,
  "/": divideInt64,
  "%": moduloInt64,
};

/**
 * Binds an arithmetic operator to its operand types (see the module table for result types).
 *
 * @param op the operator
 * @param types the left and right operand types
 * @param options result scale, rounding, overflow policy
 * @returns the bound operator
 * @throws {TypeError} when the operator is not defined for the types
 * @throws {RangeError} for a bad `options.scale`
 * @example
 * ```ts
 * import { bindArithmetic } from "./arithmetic.ts";
 * import { scaledType, Types } from "../types/data_type.ts";
 * import { ScaledInteger } from "./scaled_integer.ts";
 * const times = bindArithmetic("*", [scaledType(4), Types.Integer]);
 * if (String(times.apply(new ScaledInteger(123456, 4), 2)) !== "24.6912") throw new Error();
 * if (times.apply(null, 2) !== null || times.resultType.kind !== "scaled") throw new Error();
 * ```
 */
export function bindArithmetic(
  op: ArithmeticOp,
  types: readonly [DataType, DataType],
  options?: ArithmeticOptions,
): BoundArithmetic {
  let [lt, rt] = types;
  let lk = numericKind(lt), rk = numericKind(rt);
  if (lk === null || rk === null || FLOAT_OPS[op] === undefined) {
    throw new TypeError(`Operator ${op} is not defined for ${typeName(lt)} and ${typeName(rt)}`);
  }
  if (lk === "null" && rk === "null") return { op, resultType: Types.Null, apply: () => null };
  if (lk === "null") [lt, lk] = [rt, rk];
  if (rk === "null") [rt, rk] = [lt, lk];
  const kinds = new Set([lk, rk]);
  const wrap = (resultType: DataType, f: Apply): BoundArithmetic => ({
    op,
    resultType,
    apply: (a, b) => (a === null || b === null ? null : f(a, b)),
  });

  if (kinds.has("float")) {
    const f = FLOAT_OPS[op];
    const l = lt, r = rt;
    if (lk === "float" && rk === "float") return wrap(Types.Float, f as unknown as Apply);
    return wrap(Types.Float, (a, b) => f(numericToFloat(a, l), numericToFloat(b, r)));
  }

  const sa = scaleOf(lt), sb = scaleOf(rt);
  const s = Math.max(sa, sb);
  const rounding = options?.rounding;
  const promote = options?.overflow === "decimal";
  const bothInt = lk === "integer" && rk === "integer";
  let scale: number; // the result scale of exact results
  if (bothInt) scale = 0;
  else if (op === "*") scale = options?.scale ?? sa + sb;
  else if (op === "/") scale = options?.scale ?? Math.max(s, DEFAULT_DIVISION_SCALE);
  else scale = s;

  if (scale > MAX_DECIMAL_PRECISION || (options?.scale !== undefined && ((options.scale >>> 0) !== options.scale))) {
    throw new RangeError(
      `Result scale ${scale} of ${typeName(lt)} ${op} ${typeName(rt)} must be an integer 0..${MAX_DECIMAL_PRECISION}`,
    );
  }
  const l = lt, r = rt;
  const opts = { scale, rounding };
  const intDiv = op === "/" && bothInt;
  const div = intDiv ? { scale: 0, rounding: "down" as const } : opts;
  const exact: Apply = op === "+"
    ? (a, b) => addDecimal(exactToDecimal(a, l), exactToDecimal(b, r))
    : op === "-"
    ? (a, b) => subtractDecimal(exactToDecimal(a, l), exactToDecimal(b, r))
    : op === "*"
    ? (a, b) => multiplyDecimal(exactToDecimal(a, l), exactToDecimal(b, r), opts)
    : op === "/"
    ? (a, b) => divideDecimal(exactToDecimal(a, l), exactToDecimal(b, r), div)
    : (a, b) => moduloDecimal(exactToDecimal(a, l), exactToDecimal(b, r));
  // The Decimal result keeps one scale for the column even where the values carry other scales.
  const decimalResult: Apply = (a, b) => {
    const d = exact(a, b) as Decimal;
    return d.scale === scale ? d : rescaleDecimal(d, { scale });
  };
  const decimalOut = decimalType(MAX_DECIMAL_PRECISION, scale);
  if (kinds.has("decimal") || scale > MAX_SCALE) return wrap(decimalOut, decimalResult);

  let fast: Apply;
  let fastType: DataType;
  if (lk === "integer" && rk === "integer") {
    fast = INT_OPS[op] as unknown as Apply;
    fastType = Types.Integer;
  } else {
    fastType = scaledType(scale);
    switch (op) {
      case "+":
        fast = (a, b) => addScaled(exactToScaled(a, l), exactToScaled(b, r));
        break;
      case "-":
        fast = (a, b) => subtractScaled(exactToScaled(a, l), exactToScaled(b, r));
        break;
      case "*":
        fast = (a, b) => multiplyScaled(exactToScaled(a, l), exactToScaled(b, r), opts);
        break;
      case "/":
        fast = (a, b) => divideScaled(exactToScaled(a, l), exactToScaled(b, r), opts);
        break;
      default:
        fast = (a, b) => moduloScaled(exactToScaled(a, l), exactToScaled(b, r));
    }
  }
  if (!promote) {
    const direct = fastType.kind === "scaled" && options?.scale === undefined
      ? _scaledNumberPath(op, lk === "integer", rk === "integer", sa, sb, scale, fast)
      : null;
    return wrap(fastType, direct ?? fast);
  }
  const ft = fastType;
  return wrap(decimalOut, (a, b) => {
    let v: Value;
    try {
      v = fast(a, b);
    } catch (e) {
      if (e instanceof OverflowError) return decimalResult(a, b);
      throw e;
    }
    return exactToDecimal(v, ft);
  });
}

/**
 * The result type of `left op right` (see the module table), without binding an operator.
 *
 * @param op the operator
 * @param types the left and right operand types
 * @param options as for bindArithmetic
 * @returns the result type
 * @throws {TypeError} when the operator is not defined for the types
 * @example
 * ```ts
 * import { arithmeticResultType } from "./arithmetic.ts";
 * import { typeName, scaledType, Types } from "../types/data_type.ts";
 * if (typeName(arithmeticResultType("/", [scaledType(2), Types.Integer])) !== "SCALED(6)") throw new Error();
 * ```
 */
export function arithmeticResultType(
  op: ArithmeticOp,
  types: readonly [DataType, DataType],
  options?: ArithmeticOptions,
): DataType {
  return bindArithmetic(op, types, options).resultType;
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * A specialised closure for + - * on Integer / ScaledInteger operands whose units are safe integers: no
 * intermediate ScaledInteger for an Integer operand and no options lookups; anything else goes to `general`.
 */
function _scaledNumberPath(
  op: ArithmeticOp,
  leftInt: boolean,
  rightInt: boolean,
  sa: number,
  sb: number,
  scale: number,
  general: Apply,
): Apply | null {
  if (op !== "+" && op !== "-" && op !== "*") return null;
  // NaN (never safe) when a ScaledInteger value's own scale differs from the bound type's: the general path.
  const units = (v: Value, isInt: boolean, scale: number): number | bigint =>
    isInt ? v as Int64 : (v as ScaledInteger).scale === scale ? (v as ScaledInteger).units : NaN;
  if (op === "*") {
    return (a, b) => {
      const x = units(a, leftInt, sa), y = units(b, rightInt, sb);
      if (typeof x === "number" && typeof y === "number") {
        const p = x * y;
        if (p <= SAFE && p >= -SAFE) return new ScaledInteger(p + 0, scale);
      }
      return general(a, b);
    };
  }
  const fa = 10 ** (scale - sa), fb = 10 ** (scale - sb), sub = op === "-";
  return (a, b) => {
    const x = units(a, leftInt, sa), y = units(b, rightInt, sb);
    if (typeof x === "number" && typeof y === "number") {
      const xa = x * fa, yb = y * fb;
      const r = sub ? xa - yb : xa + yb;
      if (
        r <= SAFE && r >= -SAFE && xa <= SAFE && xa >= -SAFE && yb <= SAFE && yb >= -SAFE
      ) return new ScaledInteger(r + 0, scale);
    }
    return general(a, b);
  };
}
