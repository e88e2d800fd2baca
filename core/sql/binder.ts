/**
 * The binder: AST -> bound expression. Resolves column names against a schema (unquoted names
 * case-insensitively, "quoted" names exactly), types every node, and rejects what does not fit: an unknown
 * column, a String compared with a number, a non-boolean WHERE. Never guesses and never drops a digit.
 *
 * Typing rules (see docs/TABLES.md): a literal `42` is an Integer, `123.45` a ScaledInteger of scale 2, `1e3` a
 * Float. Integer op Integer is an Integer (`/` truncates toward zero); any ScaledInteger operand makes a
 * ScaledInteger (`+ - %` at the larger scale, `*` at the sum of the scales, `/` at max(scales, 6) rounded
 * HALF_EVEN); any Float operand makes a Float. `DATE '...'` and `TIMESTAMP '...'` are typed literals; a plain
 * string literal compared with a DATE or TIMESTAMP operand (`=`, `<`, BETWEEN, IN) is read as that type, as
 * PostgreSQL reads an untyped literal; a DATE constant beside a TIMESTAMP is its midnight.
 * `-9223372036854775808` is the i64 minimum (the sign belongs to the literal).
 *
 * @module
 */

import type { Expr } from "./ast.ts";
import type { BoundExpr, SqlCompareOp } from "./bound_expr.ts";
import { SqlBindError } from "./sql_bind_error.ts";
import { sqlPosition } from "./sql_syntax_error.ts";
import type { Schema } from "../record/schema.ts";
import { type DataType, MAX_SCALE, scaledType, typeName, Types } from "../types/data_type.ts";
import { I64_MAX, I64_MIN, normalizeInt64 } from "../values/int64.ts";
import { ScaledInteger } from "../values/scaled_integer.ts";
import { parseDate, parseTimestamp } from "../values/parse_value.ts";
import { SqlDate, Timestamp } from "../values/temporal.ts";
import { OverflowError } from "../errors.ts";

/** Result scale floor of a ScaledInteger division. */
export const DIVISION_MIN_SCALE = 6;

const MIRROR: Record<SqlCompareOp, SqlCompareOp> = { "=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

function isIntLike(t: DataType): boolean {
  return t.kind === "integer" || t.kind === "scaled";
}
function isNum(t: DataType): boolean {
  return t.kind === "integer" || t.kind === "scaled" || t.kind === "float";
}
function scaleOf(t: DataType): number {
  return t.kind === "scaled" ? t.scale : 0;
}

function lineCol(text: string, offset: number): string {
  const p = sqlPosition(text, offset);
  return `line ${p.line}, column ${p.column}`;
}

/**
 * How an operand is named in messages: `STRING column "status"`, `INTEGER 5`, `STRING 'x'`,
 * `INTEGER expression "a + 1"`.
 *
 * @param e the bound operand
 * @returns the description
 */
export function describeOperand(e: BoundExpr): string {
  const t = typeName(e.type);
  if (e.kind === "column") return `${t} column "${e.name}"`;
  if (e.kind === "const") return e.value === null ? "NULL" : `${t} ${e.text}`;
  return `${t} expression "${e.text}"`;
}

function comparable(a: DataType, b: DataType): boolean {
  if (a.kind === "null" || b.kind === "null") return true;
  if (isNum(a) && isNum(b)) return true;
  const k = a.kind;
  return k === b.kind && (k === "string" || k === "boolean" || k === "date" || k === "timestamp");
}

/** A DATE or TIMESTAMP constant from its text, or a SqlBindError at `at` saying why the text is not one. */
function temporalConst(kind: "date" | "timestamp", value: string, text: string, src: string, at: number): BoundExpr {
  try {
    return kind === "date"
      ? { kind: "const", type: Types.Date, value: parseDate(value), text }
      : { kind: "const", type: Types.Timestamp, value: parseTimestamp(value), text };
  } catch (err) {
    throw new SqlBindError(
      `${JSON.stringify(value)} is not a ${kind.toUpperCase()} at ${lineCol(src, at)}: ${(err as Error).message}`,
      at,
    );
  }
}

/** A literal; `negative`: with the unary minus before it (so the i64 minimum can be written). */
function bindLiteral(e: Expr & { kind: "literal" }, src: string, negative = false): BoundExpr {
  const text = src.slice(e.start, e.end);
  switch (e.type) {
    case "integer": {
      const v = negative ? -BigInt(e.text) : BigInt(e.text);
      if (v > I64_MAX || v < I64_MIN) {
        throw new SqlBindError(`Integer literal ${negative ? "-" : ""}${e.text} is outside the i64 range`, e.start);
      }
      return { kind: "const", type: Types.Integer, value: normalizeInt64(v), text };
    }
    case "decimal": {
      const dot = e.text.indexOf(".");
      let frac = e.text.slice(dot + 1);
      const int = e.text.slice(0, dot) || "0";
      if (frac.length > MAX_SCALE) frac = frac.replace(/0+$/, "");
      if (frac.length > MAX_SCALE) {
        throw new SqlBindError(`Decimal literal ${e.text} has more than ${MAX_SCALE} digits after the point`, e.start);
      }
      const units = negative ? -BigInt(int + frac) : BigInt(int + frac);
      if (units > I64_MAX || units < I64_MIN) {
        throw new SqlBindError(
          `Decimal literal ${negative ? "-" : ""}${e.text} does not fit a ScaledInteger (i64 units)`,
          e.start,
        );
      }
      return {
        kind: "const",
        type: scaledType(frac.length),
        value: new ScaledInteger(normalizeInt64(units), frac.length),
        text,
      };
    }
    case "float": {
      const v = Number(e.text);
      return { kind: "const", type: Types.Float, value: negative && v !== 0 ? -v : v, text };
    }
    case "string":
      return { kind: "const", type: Types.String, value: e.text, text };
    case "boolean":
      return { kind: "const", type: Types.Boolean, value: e.text === "TRUE", text };
    case "null":
      return { kind: "const", type: Types.Null, value: null, text };
    case "date":
    case "timestamp":
      return temporalConst(e.type, e.text, text, src, e.start);
  }
}

/** Whether a literal is a number (so a minus before it belongs to it). */
function isNumberLiteral(e: Expr): e is Expr & { kind: "literal" } {
  return e.kind === "literal" && (e.type === "integer" || e.type === "decimal" || e.type === "float");
}

class _Binder {
  readonly #schema: Schema;
  readonly #src: string;

  constructor(schema: Schema, src: string) {
    this.#schema = schema;
    this.#src = src;
  }

  #text(e: Expr): string {
    return this.#src.slice(e.start, e.end);
  }

  #boolOperand(e: Expr, what: string): BoundExpr {
    const b = this.bind(e);
    if (b.type.kind !== "boolean" && b.type.kind !== "null") {
      throw new SqlBindError(`${what} needs BOOLEAN operands, got ${describeOperand(b)}`, e.start);
    }
    return b;
  }

  /**
   * A string literal beside a DATE or TIMESTAMP operand, read as that type (PostgreSQL's untyped literal); a DATE
   * constant beside a TIMESTAMP, as its midnight; anything else as it is.
   */
  #coerce(other: BoundExpr, e: BoundExpr, at: number): BoundExpr {
    const k = other.type.kind;
    if ((k !== "date" && k !== "timestamp") || e.kind !== "const") return e;
    if (typeof e.value === "string") return temporalConst(k, e.value, e.text, this.#src, at);
    if (k === "timestamp" && e.value instanceof SqlDate) {
      // a DATE constant beside a TIMESTAMP is its midnight
      let value: Timestamp;
      try {
        value = Timestamp.fromDate(e.value);
      } catch (err) {
        if (!(err instanceof OverflowError)) throw err;
        throw new SqlBindError(`${e.text} is outside the TIMESTAMP range at ${lineCol(this.#src, at)}`, at);
      }
      return { kind: "const", type: Types.Timestamp, value, text: e.text };
    }
    return e;
  }

  /** `l op r`; a string literal beside a DATE or TIMESTAMP is read as one (errors point at lAt / rAt). */
  #compare(
    op: SqlCompareOp,
    l0: BoundExpr,
    r0: BoundExpr,
    text: string,
    at: number,
    lAt: number = at,
    rAt: number = at,
  ): BoundExpr {
    const l = this.#coerce(r0, l0, lAt), r = this.#coerce(l0, r0, rAt);
    if (!comparable(l.type, r.type)) {
      throw new SqlBindError(`Cannot compare ${describeOperand(l)} with ${describeOperand(r)}`, at);
    }
    if (l.kind === "const" && r.kind !== "const") {
      return { kind: "compare", op: MIRROR[op], left: r, right: l, type: Types.Boolean, text };
    }
    return { kind: "compare", op, left: l, right: r, type: Types.Boolean, text };
  }

  bind(e: Expr): BoundExpr {
    const text = this.#text(e);
    switch (e.kind) {
      case "literal":
        return bindLiteral(e, this.#src);
      case "column": {
        const s = this.#schema;
        const i = e.quoted ? s.indexOf(e.name) : s.resolve(e.name);
        if (i < 0) {
          throw new SqlBindError(
            `Unknown column "${e.name}" at ${lineCol(this.#src, e.start)}; the columns are: ${s.names.join(", ")}`,
            e.start,
          );
        }
        return { kind: "column", index: i, name: s.names[i], type: s.fields[i].type, text };
      }
      case "unary": {
        if (e.op === "NOT") {
          return { kind: "not", operand: this.#boolOperand(e.operand, "NOT"), type: Types.Boolean, text };
        }
        if (e.op === "-" && isNumberLiteral(e.operand)) {
          return { ...bindLiteral(e.operand, this.#src, true), text } as BoundExpr;
        }
        const o = this.bind(e.operand);
        if (!isNum(o.type) && o.type.kind !== "null") {
          throw new SqlBindError(`Unary ${e.op} needs a number, got ${describeOperand(o)}`, e.start);
        }
        if (e.op === "+") return o;
        if (o.kind === "const" && o.value !== null) {
          // fold a negative literal so that `-5` stays a constant of the literal's type
          const v = o.value;
          const neg = typeof v === "number"
            ? (v === 0 ? 0 : -v)
            : typeof v === "bigint"
            ? normalizeInt64(-v)
            : v instanceof ScaledInteger
            ? new ScaledInteger(
              typeof v.units === "number" ? (v.units === 0 ? 0 : -v.units) : normalizeInt64(-v.units),
              v.scale,
            )
            : null;
          if (typeof v === "bigint" && -v < I64_MIN) {
            throw new SqlBindError(`Integer literal ${text} is outside the i64 range`, e.start);
          }
          return { kind: "const", type: o.type, value: neg, text };
        }
        return { kind: "negate", operand: o, type: o.type, text };
      }
      case "binary": {
        if (e.op === "AND" || e.op === "OR") {
          const l = this.#boolOperand(e.left, e.op), r = this.#boolOperand(e.right, e.op);
          return { kind: e.op === "AND" ? "and" : "or", left: l, right: r, type: Types.Boolean, text };
        }
        const l = this.bind(e.left), r = this.bind(e.right);
        if (e.op === "+" || e.op === "-" || e.op === "*" || e.op === "/" || e.op === "%") {
          return { kind: "arith", op: e.op, left: l, right: r, type: this.#arithType(e.op, l, r, text, e.start), text };
        }
        return this.#compare(e.op, l, r, text, e.start, e.left.start, e.right.start);
      }
      case "between": {
        const x = this.bind(e.operand), lo = this.bind(e.low), hi = this.bind(e.high);
        const both: BoundExpr = {
          kind: "and",
          left: this.#compare(">=", x, lo, text, e.start, e.operand.start, e.low.start),
          right: this.#compare("<=", x, hi, text, e.start, e.operand.start, e.high.start),
          type: Types.Boolean,
          text,
        };
        return e.negated ? { kind: "not", operand: both, type: Types.Boolean, text } : both;
      }
      case "in": {
        const items = e.list.map((item) => this.bind(item));
        // a literal operand beside DATE / TIMESTAMP items is read as their type, as in a comparison
        const temporal = items.find((b) => b.type.kind === "date" || b.type.kind === "timestamp");
        let x = this.bind(e.operand);
        if (temporal !== undefined) x = this.#coerce(temporal, x, e.operand.start);
        const list = items.map((item, i) => {
          const at = e.list[i].start;
          const b = this.#coerce(x, item, at);
          if (!comparable(x.type, b.type)) {
            throw new SqlBindError(`Cannot compare ${describeOperand(x)} with ${describeOperand(b)} in IN`, at);
          }
          return b;
        });
        return { kind: "in", negated: e.negated, operand: x, list, type: Types.Boolean, text };
      }
      case "like": {
        const x = this.bind(e.operand);
        if (x.type.kind !== "string" && x.type.kind !== "null") {
          throw new SqlBindError(`LIKE needs a STRING operand, got ${describeOperand(x)}`, e.start);
        }
        const p = this.bind(e.pattern);
        if (p.kind !== "const" || (p.value !== null && typeof p.value !== "string")) {
          throw new SqlBindError(`LIKE pattern must be a constant string, got ${describeOperand(p)}`, e.pattern.start);
        }
        let escape = "\\";
        if (e.escape !== null) {
          const esc = this.bind(e.escape);
          if (esc.kind !== "const" || typeof esc.value !== "string" || esc.value.length > 1) {
            throw new SqlBindError(`ESCAPE must be a single character, got ${describeOperand(esc)}`, e.escape.start);
          }
          escape = esc.value;
        }
        const pattern = p.value as string | null;
        if (pattern !== null && escape !== "") {
          for (let i = 0; i < pattern.length; i++) {
            if (pattern[i] === escape) {
              if (i === pattern.length - 1) {
                throw new SqlBindError(`LIKE pattern ${p.text} ends with the escape character`, e.pattern.start);
              }
              i++;
            }
          }
        }
        return { kind: "like", negated: e.negated, operand: x, pattern, escape, type: Types.Boolean, text };
      }
      case "isNull":
        return { kind: "isNull", negated: e.negated, operand: this.bind(e.operand), type: Types.Boolean, text };
      case "isTruth": {
        const what = `IS ${e.negated ? "NOT " : ""}${e.value ? "TRUE" : "FALSE"}`;
        const operand = this.#boolOperand(e.operand, what);
        return { kind: "isTruth", negated: e.negated, value: e.value, operand, type: Types.Boolean, text };
      }
      case "call":
        throw new SqlBindError(`Function ${e.name} is not allowed in this expression`, e.start);
    }
  }

  #arithType(op: string, l: BoundExpr, r: BoundExpr, text: string, at: number): DataType {
    const a = l.type, b = r.type;
    const okA = isNum(a) || a.kind === "null", okB = isNum(b) || b.kind === "null";
    if (!okA || !okB) {
      throw new SqlBindError(`Operator ${op} needs numbers, got ${describeOperand(l)} and ${describeOperand(r)}`, at);
    }
    if (a.kind === "null" && b.kind === "null") return Types.Null;
    if (a.kind === "float" || b.kind === "float") return Types.Float;
    const x = a.kind === "null" ? b : a, y = b.kind === "null" ? a : b;
    if (x.kind === "integer" && y.kind === "integer") return Types.Integer;
    const sa = isIntLike(x) ? scaleOf(x) : 0, sb = isIntLike(y) ? scaleOf(y) : 0;
    let s: number;
    if (op === "*") s = sa + sb;
    else if (op === "/") s = Math.min(MAX_SCALE, Math.max(sa, sb, DIVISION_MIN_SCALE));
    else s = Math.max(sa, sb);
    if (s > MAX_SCALE) {
      throw new SqlBindError(`Scale of "${text}" would be ${s}, over the maximum ${MAX_SCALE}`, at);
    }
    return scaledType(s);
  }
}

/**
 * Binds an expression to a schema.
 *
 * @param expr the parsed expression
 * @param schema the input schema
 * @param text the SQL text the expression was parsed from (for messages)
 * @returns the typed, bound expression
 * @throws {SqlBindError} on an unknown column or operands whose types do not fit
 * @example
 * ```ts
 * import { bindExpression } from "./binder.ts";
 * import { parseExpression } from "./parser.ts";
 * import { Schema } from "../record/schema.ts";
 * import { scaledType } from "../types/data_type.ts";
 * const text = "price * 2";
 * const b = bindExpression(parseExpression(text), Schema.of([["price", scaledType(2)]]), text);
 * if (b.type.kind !== "scaled") throw new Error();
 * ```
 */
export function bindExpression(expr: Expr, schema: Schema, text: string): BoundExpr {
  return new _Binder(schema, text).bind(expr);
}

/**
 * Binds a WHERE condition: like bindExpression, and the result must be BOOLEAN (or NULL).
 *
 * @param expr the parsed condition
 * @param schema the input schema
 * @param text the SQL text (for messages)
 * @returns the bound condition
 * @throws {SqlBindError} when the condition is not boolean, or on any bind error
 * @example
 * ```ts
 * import { bindWhere } from "./binder.ts";
 * import { parseExpression } from "./parser.ts";
 * import { Schema } from "../record/schema.ts";
 * import { Types } from "../types/data_type.ts";
 * const s = Schema.of([["id", Types.Integer]]);
 * try { bindWhere(parseExpression("id"), s, "id"); throw new Error("bound"); }
 * catch (e) { if ((e as Error).name !== "SqlBindError") throw e; }
 * ```
 */
export function bindWhere(expr: Expr, schema: Schema, text: string): BoundExpr {
  const b = bindExpression(expr, schema, text);
  if (b.type.kind !== "boolean" && b.type.kind !== "null") {
    throw new SqlBindError(`WHERE needs a BOOLEAN condition, got ${describeOperand(b)}`, expr.start);
  }
  return b;
}
