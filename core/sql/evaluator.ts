/**
 * The vectorized expression evaluator: a bound expression compiled once into a tree of typed-array kernels
 * (closures over plain loops, no eval), then run over any selection of rows of a set of columns.
 *
 * Exactness: Integer and ScaledInteger values stay exact integers. Kernels run on doubles while every operand
 * and result is a safe integer and switch to bigint for the whole vector the moment one is not; results past
 * i64 are an OverflowError naming the expression. Scales are aligned with integer math before comparing or
 * adding. Float compared with a ScaledInteger compares the nearest double of the ScaledInteger. Floats compare in
 * SQL order, as values do (docs/VALUES.md): NaN equals NaN and is above every other number.
 *
 * Three-valued logic: comparisons with NULL are NULL; NOT NULL is NULL; FALSE AND NULL is FALSE; TRUE OR NULL
 * is TRUE; a predicate selects only rows where it is TRUE.
 *
 * @module
 */

import type { Column } from "../batch/column.ts";
import type { StringDictionary } from "../batch/string_dictionary.ts";
import type { RecordBatch } from "../batch/record_batch.ts";
import { select as selectRows } from "../batch/record_batch.ts";
import type { DataType } from "../types/data_type.ts";
import { DivisionByZeroError } from "../errors.ts";
import { checkedInt64, type Int64, normalizeInt64 } from "../values/int64.ts";
import { ScaledInteger } from "../values/scaled_integer.ts";
import { SqlDate, Timestamp } from "../values/temporal.ts";
import { compareFloat } from "../values/float_compare.ts";
import type { Value } from "../values/value.ts";
import type { BoundExpr, SqlArithOp, SqlCompareOp } from "./bound_expr.ts";
import { likeToRegExp } from "./like_pattern.ts";
import {
  type BooleanVector,
  FALSE3,
  NULL3,
  type NumberVector,
  type StringVector,
  TRUE3,
  type Vector,
} from "./vector.ts";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const POW10: number[] = [];
const POW10N: bigint[] = [];
for (let i = 0; i <= 38; i++) {
  POW10.push(10 ** i);
  POW10N.push(10n ** BigInt(i));
}
const EMPTY_F64 = new Float64Array(0);

/** A compiled value expression. */
export interface CompiledExpression {
  /** Result type. */
  readonly type: DataType;
  /** The constant value when the expression reads no column, else undefined. */
  readonly constant: Value | undefined;
  /**
   * Evaluates over rows `sel[0..n)` of `columns`.
   *
   * @param columns the input columns (by schema position)
   * @param sel physical row indices
   * @param n how many of `sel` to use
   * @returns one value per selected row
   */
  evaluate(columns: readonly Column[], sel: Int32Array, n: number): Vector;
}

/** A compiled predicate (a boolean expression). */
export interface CompiledPredicate {
  /** TRUE3 / FALSE3 / NULL3 when the predicate reads no column, else -1. */
  readonly constant: number;
  /**
   * Three-valued result over rows `sel[0..n)`.
   *
   * @param columns the input columns
   * @param sel physical row indices
   * @param n how many of `sel` to use
   * @returns 0 (FALSE), 1 (TRUE) or 2 (NULL) per selected row
   */
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array;
  /**
   * Writes to `out` the entries of `sel[0..n)` where the predicate is TRUE, in order.
   *
   * @param columns the input columns
   * @param sel physical row indices
   * @param n how many of `sel` to use
   * @param out receives the selected physical rows (may be `sel` itself)
   * @returns how many were written
   */
  select(columns: readonly Column[], sel: Int32Array, n: number, out: Int32Array): number;
}

// ---------------------------------------------------------------------------------------------------------------
// Nodes

abstract class _Node implements CompiledExpression {
  readonly type: DataType;
  constant: Value | undefined = undefined;
  constructor(type: DataType) {
    this.type = type;
  }
  abstract evaluate(columns: readonly Column[], sel: Int32Array, n: number): Vector;
}

abstract class _Pred extends _Node {
  get constant3(): number {
    const c = this.constant;
    return c === undefined ? -1 : c === null ? NULL3 : c === true ? TRUE3 : FALSE3;
  }
  abstract tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array;
  evaluate(columns: readonly Column[], sel: Int32Array, n: number): Vector {
    return { kind: "boolean", data: this.tri(columns, sel, n) };
  }
  select(columns: readonly Column[], sel: Int32Array, n: number, out: Int32Array): number {
    const t = this.tri(columns, sel, n);
    let m = 0;
    for (let i = 0; i < n; i++) if (t[i] === TRUE3) out[m++] = sel[i];
    return m;
  }
}

function scaleOf(t: DataType): number {
  return t.kind === "scaled" ? t.scale : 0;
}

function andValidity(a: Uint8Array | null, b: Uint8Array | null, n: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const v = new Uint8Array(n);
  for (let i = 0; i < n; i++) v[i] = a[i] & b[i];
  return v;
}

function gatherValidity(c: Column, sel: Int32Array, n: number): Uint8Array | null {
  const src = c.validity;
  if (src === null) return null;
  const v = new Uint8Array(n);
  for (let i = 0; i < n; i++) v[i] = src[sel[i]];
  return v;
}

class _ColumnNode extends _Node {
  readonly index: number;
  constructor(index: number, type: DataType) {
    super(type);
    this.index = index;
  }
  evaluate(columns: readonly Column[], sel: Int32Array, n: number): Vector {
    const c = columns[this.index];
    const validity = gatherValidity(c, sel, n);
    switch (c.layout) {
      case "f64":
      case "i32": {
        const src = c.data, d = new Float64Array(n);
        for (let i = 0; i < n; i++) d[i] = src[sel[i]];
        return { kind: "number", data: d, wide: null, validity };
      }
      case "i64": {
        const src = c.data, d = new BigInt64Array(n);
        for (let i = 0; i < n; i++) d[i] = src[sel[i]];
        return { kind: "number", data: EMPTY_F64, wide: d, validity };
      }
      case "bool": {
        const src = c.data, d = new Uint8Array(n);
        for (let i = 0; i < n; i++) d[i] = validity !== null && validity[i] === 0 ? NULL3 : src[sel[i]];
        return { kind: "boolean", data: d };
      }
      case "dict": {
        const codes = c.codes, values = c.dict.values, d = new Array<string | null>(n);
        for (let i = 0; i < n; i++) d[i] = validity !== null && validity[i] === 0 ? null : values[codes[sel[i]]];
        return { kind: "string", data: d, validity };
      }
      case "values": {
        const src = c.data, d = new Array<Value>(n);
        for (let i = 0; i < n; i++) d[i] = src[sel[i]];
        return { kind: "any", data: d, validity };
      }
    }
  }
}

/**
 * The exact int-like payload of a constant: units for a ScaledInteger, the value for an Integer, micros for a
 * Timestamp and days for a Date (what their columns hold).
 */
function intPayload(v: Value): Int64 | null {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (v instanceof ScaledInteger) return v.units;
  if (v instanceof Timestamp) return v.micros;
  if (v instanceof SqlDate) return v.days;
  return null;
}

function toDouble(v: Value, t: DataType): number {
  if (v instanceof ScaledInteger) return Number(v.units) / POW10[v.scale];
  if (typeof v === "bigint") return Number(v);
  return (v as number) / POW10[scaleOf(t)];
}

class _ConstNode extends _Node {
  constructor(type: DataType, value: Value) {
    super(type);
    this.constant = value;
  }
  evaluate(_c: readonly Column[], _s: Int32Array, n: number): Vector {
    const v = this.constant!;
    const k = this.type.kind;
    const validity = v === null ? new Uint8Array(n) : null;
    if (k === "boolean" || (k === "null" && false)) {
      return { kind: "boolean", data: new Uint8Array(n).fill(v === null ? NULL3 : v ? TRUE3 : FALSE3) };
    }
    if (k === "string") return { kind: "string", data: new Array<string | null>(n).fill(v as string | null), validity };
    if (k === "float") {
      return { kind: "number", data: new Float64Array(n).fill(v === null ? 0 : v as number), wide: null, validity };
    }
    if (k === "integer" || k === "scaled" || k === "null" || k === "timestamp" || k === "date") {
      const p = v === null ? 0 : intPayload(v)!;
      if (typeof p === "bigint") {
        return { kind: "number", data: EMPTY_F64, wide: new BigInt64Array(n).fill(p), validity };
      }
      return { kind: "number", data: new Float64Array(n).fill(p), wide: null, validity };
    }
    return { kind: "any", data: new Array<Value>(n).fill(v), validity };
  }
}

class _BoolConst extends _Pred {
  constructor(type: DataType, v: boolean | null) {
    super(type);
    this.constant = v;
  }
  tri(_c: readonly Column[], _s: Int32Array, n: number): Uint8Array {
    const v = this.constant;
    return new Uint8Array(n).fill(v === null ? NULL3 : v ? TRUE3 : FALSE3);
  }
}

class _BoolColumn extends _Pred {
  readonly #col: _ColumnNode;
  constructor(col: _ColumnNode) {
    super(col.type);
    this.#col = col;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    return (this.#col.evaluate(columns, sel, n) as BooleanVector).data;
  }
}

// --- arithmetic ---------------------------------------------------------------------------------------------

function asBig(v: NumberVector, i: number): bigint {
  return v.wide !== null ? v.wide[i] : BigInt(v.data[i]);
}

function divZero(text: string, row: number): never {
  throw new DivisionByZeroError(`Division by zero in "${text}" at row ${row}`);
}

class _ArithNode extends _Node {
  readonly #op: SqlArithOp;
  readonly #l: _Node;
  readonly #r: _Node;
  readonly #text: string;
  readonly #float: boolean;
  readonly #intDiv: boolean;
  readonly #sa: number;
  readonly #sb: number;
  readonly #sr: number;

  constructor(op: SqlArithOp, l: _Node, r: _Node, type: DataType, text: string) {
    super(type);
    this.#op = op;
    this.#l = l;
    this.#r = r;
    this.#text = text;
    this.#float = type.kind === "float";
    this.#intDiv = type.kind === "integer";
    this.#sa = scaleOf(l.type);
    this.#sb = scaleOf(r.type);
    this.#sr = scaleOf(type);
  }

  evaluate(columns: readonly Column[], sel: Int32Array, n: number): Vector {
    const a = this.#l.evaluate(columns, sel, n) as NumberVector;
    const b = this.#r.evaluate(columns, sel, n) as NumberVector;
    const validity = andValidity(a.validity, b.validity, n);
    if (this.#float) return this.#floats(a, b, validity, sel, n);
    if (a.wide === null && b.wide === null) {
      const fast = this.#fast(a.data, b.data, validity, sel, n);
      if (fast !== null) return { kind: "number", data: fast, wide: null, validity };
    }
    return this.#wide(a, b, validity, sel, n);
  }

  #floats(a: NumberVector, b: NumberVector, validity: Uint8Array | null, sel: Int32Array, n: number): Vector {
    const x = this.#toDoubles(a, this.#l.type, n), y = this.#toDoubles(b, this.#r.type, n);
    const d = new Float64Array(n), op = this.#op;
    for (let i = 0; i < n; i++) {
      if (validity !== null && validity[i] === 0) continue;
      const p = x[i], q = y[i];
      switch (op) {
        case "+":
          d[i] = p + q;
          break;
        case "-":
          d[i] = p - q;
          break;
        case "*":
          d[i] = p * q;
          break;
        case "/":
          if (q === 0) divZero(this.#text, sel[i]);
          d[i] = p / q;
          break;
        case "%":
          if (q === 0) divZero(this.#text, sel[i]);
          d[i] = p % q;
          break;
      }
    }
    return { kind: "number", data: d, wide: null, validity };
  }

  #toDoubles(v: NumberVector, t: DataType, n: number): Float64Array {
    if (t.kind === "float") return v.data;
    const p = POW10[scaleOf(t)];
    const d = new Float64Array(n);
    if (v.wide !== null) { for (let i = 0; i < n; i++) d[i] = Number(v.wide[i]) / p; }
    else if (p === 1) return v.data;
    else for (let i = 0; i < n; i++) d[i] = v.data[i] / p;
    return d;
  }

  /** Exact on doubles, or null when some operand or result leaves the safe range. */
  #fast(
    x: Float64Array,
    y: Float64Array,
    validity: Uint8Array | null,
    sel: Int32Array,
    n: number,
  ): Float64Array | null {
    const d = new Float64Array(n), op = this.#op, sa = this.#sa, sb = this.#sb, sr = this.#sr;
    if (op === "+" || op === "-" || op === "%") {
      const fa = POW10[sr - sa], fb = POW10[sr - sb];
      for (let i = 0; i < n; i++) {
        if (validity !== null && validity[i] === 0) continue;
        const p = x[i] * fa, q = y[i] * fb;
        let r: number;
        if (op === "+") r = p + q;
        else if (op === "-") r = p - q;
        else {
          if (q === 0) divZero(this.#text, sel[i]);
          r = p % q;
        }
        if (!(Math.abs(p) <= MAX_SAFE && Math.abs(q) <= MAX_SAFE && Math.abs(r) <= MAX_SAFE)) return null;
        d[i] = r === 0 ? 0 : r;
      }
    } else if (op === "*") {
      for (let i = 0; i < n; i++) {
        const r = x[i] * y[i];
        if (!(Math.abs(r) <= MAX_SAFE)) {
          if (validity !== null && validity[i] === 0) continue;
          return null;
        }
        d[i] = r === 0 ? 0 : r;
      }
      if (validity !== null) { for (let i = 0; i < n; i++) if (validity[i] === 0) d[i] = 0; }
    } else if (this.#intDiv) {
      for (let i = 0; i < n; i++) {
        if (validity !== null && validity[i] === 0) continue;
        const q = y[i];
        if (q === 0) divZero(this.#text, sel[i]);
        const r = Math.trunc(x[i] / q); // exact for safe integers (see module docs)
        d[i] = r === 0 ? 0 : r;
      }
    } else {
      const k = sr - sa + sb, f = POW10[k];
      for (let i = 0; i < n; i++) {
        if (validity !== null && validity[i] === 0) continue;
        const den = y[i];
        if (den === 0) divZero(this.#text, sel[i]);
        const num = x[i] * f;
        if (!(Math.abs(num) <= MAX_SAFE)) return null;
        let q = Math.trunc(num / den);
        const rem = num - q * den;
        const twice = 2 * Math.abs(rem), ad = Math.abs(den);
        if (twice > ad || (twice === ad && q % 2 !== 0)) q += (num < 0) !== (den < 0) ? -1 : 1;
        d[i] = q === 0 ? 0 : q;
      }
    }
    return d;
  }

  #wide(a: NumberVector, b: NumberVector, validity: Uint8Array | null, sel: Int32Array, n: number): Vector {
    const out = new BigInt64Array(n), op = this.#op, sa = this.#sa, sb = this.#sb, sr = this.#sr;
    for (let i = 0; i < n; i++) {
      if (validity !== null && validity[i] === 0) continue;
      let p = asBig(a, i), q = asBig(b, i);
      let r: bigint;
      if (op === "+" || op === "-" || op === "%") {
        p *= POW10N[sr - sa];
        q *= POW10N[sr - sb];
        if (op === "+") r = p + q;
        else if (op === "-") r = p - q;
        else {
          if (q === 0n) divZero(this.#text, sel[i]);
          r = p % q;
        }
      } else if (op === "*") r = p * q;
      else if (this.#intDiv) {
        if (q === 0n) divZero(this.#text, sel[i]);
        r = p / q;
      } else {
        if (q === 0n) divZero(this.#text, sel[i]);
        const num = p * POW10N[sr - sa + sb];
        r = num / q;
        const rem = num - r * q;
        const twice = 2n * (rem < 0n ? -rem : rem), aq = q < 0n ? -q : q;
        if (twice > aq || (twice === aq && r % 2n !== 0n)) r += (num < 0n) !== (q < 0n) ? -1n : 1n;
      }
      const c = checkedInt64(r, this.#text);
      out[i] = typeof c === "bigint" ? c : BigInt(c);
    }
    return { kind: "number", data: EMPTY_F64, wide: out, validity };
  }
}

class _NegateNode extends _Node {
  readonly #o: _Node;
  readonly #text: string;
  constructor(o: _Node, text: string) {
    super(o.type);
    this.#o = o;
    this.#text = text;
  }
  evaluate(columns: readonly Column[], sel: Int32Array, n: number): Vector {
    const v = this.#o.evaluate(columns, sel, n) as NumberVector;
    if (v.wide !== null) {
      const w = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const c = checkedInt64(-v.wide[i], this.#text);
        w[i] = typeof c === "bigint" ? c : BigInt(c);
      }
      return { kind: "number", data: EMPTY_F64, wide: w, validity: v.validity };
    }
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = v.data[i] === 0 ? 0 : -v.data[i];
    return { kind: "number", data: d, wide: null, validity: v.validity };
  }
}

// --- comparisons --------------------------------------------------------------------------------------------

function test(op: SqlCompareOp, c: number): boolean {
  switch (op) {
    case "=":
      return c === 0;
    case "!=":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
  }
}

function cmp<T>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Generic comparison of two vectors. */
class _CompareNode extends _Pred {
  readonly #op: SqlCompareOp;
  readonly #l: _Node;
  readonly #r: _Node;
  constructor(op: SqlCompareOp, l: _Node, r: _Node, type: DataType) {
    super(type);
    this.#op = op;
    this.#l = l;
    this.#r = r;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const a = this.#l.evaluate(columns, sel, n), b = this.#r.evaluate(columns, sel, n);
    const out = new Uint8Array(n), op = this.#op;
    if (a.kind === "boolean" && b.kind === "boolean") {
      for (let i = 0; i < n; i++) {
        const p = a.data[i], q = b.data[i];
        out[i] = p === NULL3 || q === NULL3 ? NULL3 : test(op, p - q) ? TRUE3 : FALSE3;
      }
      return out;
    }
    const validity = andValidity((a as NumberVector).validity, (b as NumberVector).validity, n);
    if (a.kind === "string" && b.kind === "string") {
      for (let i = 0; i < n; i++) {
        if (validity !== null && validity[i] === 0) out[i] = NULL3;
        else out[i] = test(op, cmp(a.data[i]!, b.data[i]!)) ? TRUE3 : FALSE3;
      }
      return out;
    }
    const x = a as NumberVector, y = b as NumberVector;
    const lt = this.#l.type, rt = this.#r.type;
    if (lt.kind === "float" || rt.kind === "float") {
      const px = POW10[scaleOf(lt)], py = POW10[scaleOf(rt)];
      for (let i = 0; i < n; i++) {
        if (validity !== null && validity[i] === 0) {
          out[i] = NULL3;
          continue;
        }
        const p = x.wide !== null ? Number(x.wide[i]) / px : lt.kind === "float" ? x.data[i] : x.data[i] / px;
        const q = y.wide !== null ? Number(y.wide[i]) / py : rt.kind === "float" ? y.data[i] : y.data[i] / py;
        out[i] = test(op, compareFloat(p, q)) ? TRUE3 : FALSE3;
      }
      return out;
    }
    const sa = scaleOf(lt), sb = scaleOf(rt), s = Math.max(sa, sb);
    const fa = POW10[s - sa], fb = POW10[s - sb];
    for (let i = 0; i < n; i++) {
      if (validity !== null && validity[i] === 0) {
        out[i] = NULL3;
        continue;
      }
      let c: number;
      if (x.wide === null && y.wide === null) {
        const p = x.data[i] * fa, q = y.data[i] * fb;
        if (Math.abs(p) <= MAX_SAFE && Math.abs(q) <= MAX_SAFE) c = cmp(p, q);
        else c = cmp(BigInt(x.data[i]) * POW10N[s - sa], BigInt(y.data[i]) * POW10N[s - sb]);
      } else c = cmp(asBig(x, i) * POW10N[s - sa], asBig(y, i) * POW10N[s - sb]);
      out[i] = test(op, c) ? TRUE3 : FALSE3;
    }
    return out;
  }
}

/**
 * Column (f64 / i32 layout, numeric) op constant: one tight loop, no gather. The constant is never NaN; a FLOAT
 * column's NaN is above it (`>` and `>=` test `!(d <= t)` and `!(d < t)`) and equal to nothing but NaN.
 */
class _NumColumnConst extends _Pred {
  readonly #index: number;
  readonly #op: SqlCompareOp | "never" | "always";
  readonly #t: number;
  readonly #pow: number;
  readonly #fallback: _CompareNode;
  constructor(index: number, op: SqlCompareOp | "never" | "always", t: number, pow: number, fallback: _CompareNode) {
    super(fallback.type);
    this.#index = index;
    this.#op = op;
    this.#t = t;
    this.#pow = pow;
    this.#fallback = fallback;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const c = columns[this.#index];
    if (c.layout !== "f64" && c.layout !== "i32") return this.#fallback.tri(columns, sel, n);
    const out = new Uint8Array(n), v = c.validity;
    const buf = new Int32Array(n);
    const m = this.#run(c.data, v, sel, n, buf, true);
    for (let i = 0, j = 0; i < n; i++) {
      if (j < m && buf[j] === i) {
        out[i] = TRUE3;
        j++;
      } else out[i] = v !== null && v[sel[i]] === 0 ? NULL3 : FALSE3;
    }
    return out;
  }
  override select(columns: readonly Column[], sel: Int32Array, n: number, out: Int32Array): number {
    const c = columns[this.#index];
    if (c.layout !== "f64" && c.layout !== "i32") return this.#fallback.select(columns, sel, n, out);
    return this.#run(c.data, c.validity, sel, n, out, false);
  }
  /** Writes selected rows (or, with `positions`, their positions in sel) to out. */
  #run(
    d: Float64Array | Int32Array,
    v: Uint8Array | null,
    sel: Int32Array,
    n: number,
    out: Int32Array,
    positions: boolean,
  ): number {
    const t = this.#t, pow = this.#pow;
    let m = 0;
    const op = this.#op;
    if (op === "never") return 0;
    if (pow !== 1) {
      // an int-like column against a Float constant: compare the column's double value
      for (let i = 0; i < n; i++) {
        const s = sel[i];
        if (v !== null && v[s] === 0) continue;
        if (test(op === "always" ? "=" : op, compareFloat(d[s] / pow, t)) || op === "always") {
          out[m++] = positions ? i : s;
        }
      }
      return m;
    }
    switch (op) {
      case "always":
        for (let i = 0; i < n; i++) if (v === null || v[sel[i]] !== 0) out[m++] = positions ? i : sel[i];
        return m;
      case "=":
        for (let i = 0; i < n; i++) {
          const s = sel[i];
          if (d[s] === t && (v === null || v[s] !== 0)) out[m++] = positions ? i : s;
        }
        return m;
      case "!=":
        for (let i = 0; i < n; i++) {
          const s = sel[i];
          if (d[s] !== t && (v === null || v[s] !== 0)) out[m++] = positions ? i : s;
        }
        return m;
      case "<":
        for (let i = 0; i < n; i++) {
          const s = sel[i];
          if (d[s] < t && (v === null || v[s] !== 0)) out[m++] = positions ? i : s;
        }
        return m;
      case "<=":
        for (let i = 0; i < n; i++) {
          const s = sel[i];
          if (d[s] <= t && (v === null || v[s] !== 0)) out[m++] = positions ? i : s;
        }
        return m;
      case ">":
        for (let i = 0; i < n; i++) {
          const s = sel[i];
          if (!(d[s] <= t) && (v === null || v[s] !== 0)) out[m++] = positions ? i : s;
        }
        return m;
      case ">=":
        for (let i = 0; i < n; i++) {
          const s = sel[i];
          if (!(d[s] < t) && (v === null || v[s] !== 0)) out[m++] = positions ? i : s;
        }
        return m;
    }
  }
}

/** Per-dictionary-code results of a string test, extended lazily as the append-only dictionary grows. */
class _CodeCache {
  readonly #f: (s: string) => boolean;
  readonly #caches: WeakMap<StringDictionary, { hits: Uint8Array; done: number }> = new WeakMap();
  constructor(f: (s: string) => boolean) {
    this.#f = f;
  }
  get(dict: StringDictionary): Uint8Array {
    let c = this.#caches.get(dict);
    const size = dict.size;
    if (c === undefined) {
      c = { hits: new Uint8Array(Math.max(16, size)), done: 0 };
      this.#caches.set(dict, c);
    }
    if (c.done < size) {
      if (c.hits.length < size) {
        const grown = new Uint8Array(size + (size >> 1));
        grown.set(c.hits);
        c.hits = grown;
      }
      const values = dict.values, f = this.#f, hits = c.hits;
      for (let k = c.done; k < size; k++) hits[k] = f(values[k]) ? 1 : 0;
      c.done = size;
    }
    return c.hits;
  }
}

/** A string test on a dict column through a per-code cache; other layouts go to the fallback. */
class _DictTest extends _Pred {
  readonly #index: number;
  readonly #cache: _CodeCache;
  readonly #nullIfFalse: boolean;
  readonly #fallback: _Pred;
  constructor(index: number, cache: _CodeCache, nullIfFalse: boolean, fallback: _Pred) {
    super(fallback.type);
    this.#index = index;
    this.#cache = cache;
    this.#nullIfFalse = nullIfFalse;
    this.#fallback = fallback;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const c = columns[this.#index];
    if (c.layout !== "dict") return this.#fallback.tri(columns, sel, n);
    const hit = this.#cache.get(c.dict), codes = c.codes, v = c.validity, out = new Uint8Array(n);
    const miss = this.#nullIfFalse ? NULL3 : FALSE3;
    for (let i = 0; i < n; i++) {
      const s = sel[i];
      out[i] = v !== null && v[s] === 0 ? NULL3 : hit[codes[s]] === 1 ? TRUE3 : miss;
    }
    return out;
  }
  override select(columns: readonly Column[], sel: Int32Array, n: number, out: Int32Array): number {
    const c = columns[this.#index];
    if (c.layout !== "dict") return this.#fallback.select(columns, sel, n, out);
    const hit = this.#cache.get(c.dict), codes = c.codes, v = c.validity;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const s = sel[i];
      if (hit[codes[s]] === 1 && (v === null || v[s] !== 0)) out[m++] = s;
    }
    return m;
  }
}

/** `dict column = 'constant'`: one code comparison per row. */
class _DictEquals extends _Pred {
  readonly #index: number;
  readonly #value: string;
  readonly #negated: boolean;
  readonly #fallback: _Pred;
  constructor(index: number, value: string, negated: boolean, fallback: _Pred) {
    super(fallback.type);
    this.#index = index;
    this.#value = value;
    this.#negated = negated;
    this.#fallback = fallback;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const c = columns[this.#index];
    if (c.layout !== "dict") return this.#fallback.tri(columns, sel, n);
    const code = c.dict.lookup(this.#value), codes = c.codes, v = c.validity, out = new Uint8Array(n);
    const yes = this.#negated ? FALSE3 : TRUE3, no = this.#negated ? TRUE3 : FALSE3;
    for (let i = 0; i < n; i++) {
      const s = sel[i];
      out[i] = v !== null && v[s] === 0 ? NULL3 : codes[s] === code ? yes : no;
    }
    return out;
  }
  override select(columns: readonly Column[], sel: Int32Array, n: number, out: Int32Array): number {
    const c = columns[this.#index];
    if (c.layout !== "dict") return this.#fallback.select(columns, sel, n, out);
    const code = c.dict.lookup(this.#value), codes = c.codes, v = c.validity;
    let m = 0;
    if (this.#negated) {
      for (let i = 0; i < n; i++) {
        const s = sel[i];
        if (codes[s] !== code && (v === null || v[s] !== 0)) out[m++] = s;
      }
    } else {
      if (code < 0) return 0;
      for (let i = 0; i < n; i++) {
        const s = sel[i];
        if (codes[s] === code && (v === null || v[s] !== 0)) out[m++] = s;
      }
    }
    return m;
  }
}

/** `numeric column IN (constants)` through a Set of exact payloads aligned to the column's scale. */
class _NumIn extends _Pred {
  readonly #index: number;
  readonly #set: Set<number>;
  readonly #nullIfFalse: boolean;
  readonly #fallback: _Pred;
  constructor(index: number, set: Set<number>, nullIfFalse: boolean, fallback: _Pred) {
    super(fallback.type);
    this.#index = index;
    this.#set = set;
    this.#nullIfFalse = nullIfFalse;
    this.#fallback = fallback;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const c = columns[this.#index];
    if (c.layout !== "f64") return this.#fallback.tri(columns, sel, n);
    const d = c.data, v = c.validity, out = new Uint8Array(n), set = this.#set;
    const miss = this.#nullIfFalse ? NULL3 : FALSE3;
    for (let i = 0; i < n; i++) {
      const s = sel[i];
      out[i] = v !== null && v[s] === 0 ? NULL3 : set.has(d[s]) ? TRUE3 : miss;
    }
    return out;
  }
}

// --- logic --------------------------------------------------------------------------------------------------

function subset(t: Uint8Array, skip: number, sel: Int32Array, n: number): [Int32Array, Int32Array, number] {
  const s2 = new Int32Array(n), pos = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (t[i] !== skip) {
      s2[m] = sel[i];
      pos[m++] = i;
    }
  }
  return [s2, pos, m];
}

/**
 * AND and OR under SQL three-valued logic, which are duals: `decides` (FALSE for AND, TRUE for OR) settles the row
 * whatever the other side is, so the right side only runs on the rows the left did not decide; both sides `other`
 * gives `other`, and anything else is NULL.
 */
class _Connective extends _Pred {
  protected readonly l: _Pred;
  protected readonly r: _Pred;
  readonly #decides: number;
  readonly #other: number;
  constructor(l: _Pred, r: _Pred, type: DataType, decides: number) {
    super(type);
    this.l = l;
    this.r = r;
    this.#decides = decides;
    this.#other = decides === FALSE3 ? TRUE3 : FALSE3;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const a = this.l.tri(columns, sel, n);
    const d = this.#decides, o = this.#other;
    const [s2, pos, m] = subset(a, d, sel, n);
    if (m === 0) return a;
    const b = this.r.tri(columns, s2, m);
    for (let j = 0; j < m; j++) {
      const i = pos[j], q = b[j];
      a[i] = q === d ? d : a[i] === o && q === o ? o : NULL3;
    }
    return a;
  }
}

class _AndNode extends _Connective {
  constructor(l: _Pred, r: _Pred, type: DataType) {
    super(l, r, type, FALSE3);
  }
  /** Scratch for the left side's selection (select runs synchronously, so one per node is enough). */
  #tmp: Int32Array = new Int32Array(64);
  override select(columns: readonly Column[], sel: Int32Array, n: number, out: Int32Array): number {
    let tmp = this.#tmp;
    if (tmp.length < n) this.#tmp = tmp = new Int32Array(Math.max(n, tmp.length * 2));
    const m = this.l.select(columns, sel, n, tmp);
    return m === 0 ? 0 : this.r.select(columns, tmp, m, out);
  }
}

class _OrNode extends _Connective {
  constructor(l: _Pred, r: _Pred, type: DataType) {
    super(l, r, type, TRUE3);
  }
}

class _NotNode extends _Pred {
  readonly #o: _Pred;
  constructor(o: _Pred, type: DataType) {
    super(type);
    this.#o = o;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const a = this.#o.tri(columns, sel, n);
    for (let i = 0; i < n; i++) a[i] = a[i] === NULL3 ? NULL3 : 1 - a[i];
    return a;
  }
}

class _IsNullNode extends _Pred {
  readonly #o: _Node;
  readonly #negated: boolean;
  constructor(o: _Node, negated: boolean, type: DataType) {
    super(type);
    this.#o = o;
    this.#negated = negated;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const out = new Uint8Array(n);
    const yes = this.#negated ? FALSE3 : TRUE3, no = this.#negated ? TRUE3 : FALSE3;
    if (this.#o instanceof _ColumnNode) {
      const v = columns[this.#o.index].validity;
      for (let i = 0; i < n; i++) out[i] = v !== null && v[sel[i]] === 0 ? yes : no;
      return out;
    }
    const x = this.#o.evaluate(columns, sel, n);
    if (x.kind === "boolean") {
      for (let i = 0; i < n; i++) out[i] = x.data[i] === NULL3 ? yes : no;
    } else {
      const v = x.validity;
      for (let i = 0; i < n; i++) out[i] = v !== null && v[i] === 0 ? yes : no;
    }
    return out;
  }
}

/** `x IS [NOT] TRUE / FALSE`: TRUE or FALSE for every row, NULL included. */
class _IsTruthNode extends _Pred {
  readonly #o: _Pred;
  readonly #want: number;
  readonly #negated: boolean;
  constructor(o: _Pred, value: boolean, negated: boolean, type: DataType) {
    super(type);
    this.#o = o;
    this.#want = value ? TRUE3 : FALSE3;
    this.#negated = negated;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const x = this.#o.tri(columns, sel, n), out = new Uint8Array(n), want = this.#want;
    const yes = this.#negated ? FALSE3 : TRUE3, no = this.#negated ? TRUE3 : FALSE3;
    for (let i = 0; i < n; i++) out[i] = x[i] === want ? yes : no;
    return out;
  }
}

class _LikeNode extends _Pred {
  readonly #o: _Node;
  readonly #re: RegExp;
  constructor(o: _Node, re: RegExp, type: DataType) {
    super(type);
    this.#o = o;
    this.#re = re;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    const x = this.#o.evaluate(columns, sel, n) as StringVector, out = new Uint8Array(n), re = this.#re;
    for (let i = 0; i < n; i++) {
      const s = x.data[i];
      out[i] = s === null ? NULL3 : re.test(s) ? TRUE3 : FALSE3;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Compilation

function hasColumn(b: BoundExpr): boolean {
  switch (b.kind) {
    case "column":
      return true;
    case "const":
      return false;
    case "arith":
    case "compare":
    case "and":
    case "or":
      return hasColumn(b.left) || hasColumn(b.right);
    case "negate":
    case "not":
    case "isNull":
    case "isTruth":
    case "like":
      return hasColumn(b.operand);
    case "in":
      return hasColumn(b.operand) || b.list.some(hasColumn);
  }
}

/**
 * The value at position `i` of a vector, typed by `type`.
 *
 * @param v the vector
 * @param type the logical type of its values
 * @param i position
 * @returns the row-level value (null for NULL)
 * @example
 * ```ts
 * import { vectorValue } from "./evaluator.ts";
 * import { scaledType } from "../types/data_type.ts";
 * const v = { kind: "number", data: Float64Array.of(12345), wide: null, validity: null } as const;
 * if (String(vectorValue(v, scaledType(2), 0)) !== "123.45") throw new Error();
 * ```
 */
export function vectorValue(v: Vector, type: DataType, i: number): Value {
  switch (v.kind) {
    case "boolean":
      return v.data[i] === NULL3 ? null : v.data[i] === TRUE3;
    case "string":
      return v.validity !== null && v.validity[i] === 0 ? null : v.data[i];
    case "any":
      return v.validity !== null && v.validity[i] === 0 ? null : v.data[i];
    case "number": {
      if (v.validity !== null && v.validity[i] === 0) return null;
      if (type.kind === "float") return v.wide !== null ? Number(v.wide[i]) : v.data[i];
      const p: Int64 = v.wide !== null ? normalizeInt64(v.wide[i]) : v.data[i];
      if (type.kind === "scaled") return new ScaledInteger(p, type.scale);
      if (type.kind === "timestamp") return new Timestamp(p);
      if (type.kind === "date") return new SqlDate(p as number);
      return p;
    }
  }
}

const ONE = Int32Array.of(0);

function fold(node: _Node): _Node {
  const v = vectorValue(node.evaluate([], ONE, 1), node.type, 0);
  if (node instanceof _Pred || node.type.kind === "boolean") return new _BoolConst(node.type, v as boolean | null);
  return new _ConstNode(node.type, v);
}

/** The exact threshold of `intColumn(scale sc) op const` in the column's own units, or "never"/"always". */
function alignThreshold(
  op: SqlCompareOp,
  units: bigint,
  sk: number,
  sc: number,
): [SqlCompareOp | "never" | "always", number] {
  let t: bigint;
  if (sk <= sc) t = units * POW10N[sc - sk];
  else {
    const p = POW10N[sk - sc];
    const q = units / p, r = units % p;
    if (r === 0n) t = q;
    else {
      const floor = units < 0n ? q - 1n : q;
      if (op === "=") return ["never", 0];
      if (op === "!=") return ["always", 0];
      t = floor;
      if (op === "<") op = "<=";
      else if (op === ">=") op = ">";
    }
  }
  const LIM = 9007199254740992n; // 2^53: every f64-layout value is strictly inside (-2^53, 2^53)
  if (t > LIM) t = LIM;
  if (t < -LIM) t = -LIM;
  return [op, Number(t)];
}

function compileCompare(b: BoundExpr & { kind: "compare" }): _Pred {
  const l = compileNode(b.left), r = compileNode(b.right);
  if (b.left.type.kind === "null" || b.right.type.kind === "null") return new _BoolConst(b.type, null);
  const generic = new _CompareNode(b.op, l, r, b.type);
  if (!(l instanceof _ColumnNode) || !(r instanceof _ConstNode)) return generic;
  const cv = r.constant!;
  if (cv === null) return new _BoolConst(b.type, null);
  const lt = l.type, rt = r.type;
  if (lt.kind === "string" && typeof cv === "string") {
    if (b.op === "=" || b.op === "!=") return new _DictEquals(l.index, cv, b.op === "!=", generic);
    const op = b.op;
    return new _DictTest(l.index, new _CodeCache((s) => test(op, cmp(s, cv))), false, generic);
  }
  if (lt.kind === "float") {
    // a NaN constant (from folding) goes the generic way; the tight loops assume a number
    const t = toDouble(cv, rt);
    return t !== t ? generic : new _NumColumnConst(l.index, b.op, t, 1, generic);
  }
  if (lt.kind === "integer" || lt.kind === "scaled") {
    if (rt.kind === "float") {
      // a NaN constant goes the generic way, as for a FLOAT column: the tight loops assume a number
      const t = cv as number;
      return t !== t ? generic : new _NumColumnConst(l.index, b.op, t, POW10[scaleOf(lt)], generic);
    }
    const p = intPayload(cv)!;
    const [op, t] = alignThreshold(b.op, BigInt(p), scaleOf(rt), scaleOf(lt));
    return new _NumColumnConst(l.index, op, t, 1, generic);
  }
  if ((lt.kind === "date" || lt.kind === "timestamp") && rt.kind === lt.kind) {
    const p = intPayload(cv);
    if (typeof p === "number") return new _NumColumnConst(l.index, b.op, p, 1, generic);
  }
  return generic;
}

function compileIn(b: BoundExpr & { kind: "in" }): _Pred {
  const eq = b.list.map((item): _Pred =>
    compileCompare({ kind: "compare", op: "=", left: b.operand, right: item, type: b.type, text: b.text })
  );
  let generic: _Pred = eq[0];
  for (let i = 1; i < eq.length; i++) generic = new _OrNode(generic, eq[i], b.type);
  const wrap = (p: _Pred): _Pred => b.negated ? new _NotNode(p, b.type) : p;
  const x = b.operand;
  const allConst = b.list.every((e) => e.kind === "const");
  if (x.kind !== "column" || !allConst) return wrap(generic);
  const consts = b.list as readonly (BoundExpr & { kind: "const" })[];
  const hasNull = consts.some((c) => c.value === null);
  const live = consts.filter((c) => c.value !== null);
  if (x.type.kind === "string") {
    const set = new Set(live.map((c) => c.value as string));
    return wrap(new _DictTest(x.index, new _CodeCache((s) => set.has(s)), hasNull, generic));
  }
  if ((x.type.kind === "integer" || x.type.kind === "scaled") && live.every((c) => c.type.kind !== "float")) {
    const set = new Set<number>();
    const sc = scaleOf(x.type);
    for (const c of live) {
      const [op, t] = alignThreshold("=", BigInt(intPayload(c.value)!), scaleOf(c.type), sc);
      if (op === "=" && Math.abs(t) <= MAX_SAFE) set.add(t);
    }
    return wrap(new _NumIn(x.index, set, hasNull, generic));
  }
  return wrap(generic);
}

function compileNode(b: BoundExpr): _Node {
  const node = compileRaw(b);
  if (b.kind !== "const" && !(node instanceof _BoolConst) && !hasColumn(b)) return fold(node);
  return node;
}

function asPred(n: _Node): _Pred {
  if (n instanceof _Pred) return n;
  if (n instanceof _ColumnNode) return new _BoolColumn(n);
  if (n instanceof _ConstNode) return new _BoolConst(n.type, n.constant as boolean | null);
  throw new TypeError(`Expression of type ${n.type.kind} is not a predicate`);
}

function compileRaw(b: BoundExpr): _Node {
  switch (b.kind) {
    case "column":
      return new _ColumnNode(b.index, b.type);
    case "const":
      return b.type.kind === "boolean"
        ? new _BoolConst(b.type, b.value as boolean | null)
        : new _ConstNode(b.type, b.value);
    case "arith": {
      if (b.left.type.kind === "null" || b.right.type.kind === "null") return new _ConstNode(b.type, null);
      return new _ArithNode(b.op, compileNode(b.left), compileNode(b.right), b.type, b.text);
    }
    case "negate":
      return new _NegateNode(compileNode(b.operand), b.text);
    case "compare":
      return compileCompare(b);
    case "and":
    case "or": {
      const l = asPred(compileNode(b.left)), r = asPred(compileNode(b.right));
      const lc = l.constant, rc = r.constant;
      // constant simplification that keeps three-valued results
      if (b.kind === "and") {
        if (lc === false || rc === false) return new _BoolConst(b.type, false);
        if (lc === true) return r;
        if (rc === true) return l;
        return new _AndNode(l, r, b.type);
      }
      if (lc === true || rc === true) return new _BoolConst(b.type, true);
      if (lc === false) return r;
      if (rc === false) return l;
      return new _OrNode(l, r, b.type);
    }
    case "not":
      return new _NotNode(asPred(compileNode(b.operand)), b.type);
    case "isNull":
      return new _IsNullNode(compileNode(b.operand), b.negated, b.type);
    case "isTruth":
      return new _IsTruthNode(asPred(compileNode(b.operand)), b.value, b.negated, b.type);
    case "in":
      return compileIn(b);
    case "like": {
      if (b.pattern === null || b.operand.type.kind === "null") return new _BoolConst(b.type, null);
      const re = likeToRegExp(b.pattern, b.escape);
      const o = compileNode(b.operand);
      const generic = new _LikeNode(o, re, b.type);
      let p: _Pred = generic;
      if (o instanceof _ColumnNode) p = new _DictTest(o.index, new _CodeCache((s) => re.test(s)), false, generic);
      return b.negated ? new _NotNode(p, b.type) : p;
    }
  }
}

/**
 * Compiles a bound value expression into vector kernels (constant parts folded once).
 *
 * @param bound the bound expression
 * @returns the compiled expression
 * @throws {DivisionByZeroError} when a constant part divides by zero
 * @example
 * ```ts
 * import { bindExpression } from "./binder.ts";
 * import { compileExpression, vectorValue } from "./evaluator.ts";
 * import { parseExpression } from "./parser.ts";
 * import { recordsToBatch } from "../batch/record_batch.ts";
 * import { Schema } from "../record/schema.ts";
 * import { scaledType, Types } from "../types/data_type.ts";
 * import { ScaledInteger } from "../values/scaled_integer.ts";
 * const s = Schema.of([["price", scaledType(2)], ["qty", Types.Integer]]);
 * const b = recordsToBatch(s, [[new ScaledInteger(1050, 2), 3]]);
 * const e = compileExpression(bindExpression(parseExpression("price * qty"), s, "price * qty"));
 * const v = e.evaluate(b.columns, Int32Array.of(0), 1);
 * if (String(vectorValue(v, e.type, 0)) !== "31.50") throw new Error();
 * ```
 */
export function compileExpression(bound: BoundExpr): CompiledExpression {
  const n = compileNode(bound);
  return n instanceof _Pred ? new _PredicateAsExpression(n) : n;
}

class _PredicateAsExpression implements CompiledExpression {
  readonly #p: _Pred;
  readonly type: DataType;
  readonly constant: Value | undefined;
  constructor(p: _Pred) {
    this.#p = p;
    this.type = p.type;
    this.constant = p.constant;
  }
  evaluate(columns: readonly Column[], sel: Int32Array, n: number): Vector {
    return this.#p.evaluate(columns, sel, n);
  }
}

class _PredicateProgram implements CompiledPredicate {
  readonly #p: _Pred;
  readonly constant: number;
  constructor(p: _Pred) {
    this.#p = p;
    this.constant = p.constant3;
  }
  tri(columns: readonly Column[], sel: Int32Array, n: number): Uint8Array {
    return this.#p.tri(columns, sel, n);
  }
  select(columns: readonly Column[], sel: Int32Array, n: number, out: Int32Array): number {
    return this.#p.select(columns, sel, n, out);
  }
}

/**
 * Compiles a bound boolean condition into a predicate program.
 *
 * @param bound the bound condition (BOOLEAN or NULL typed)
 * @returns the program
 * @throws {TypeError} when the expression is not boolean
 * @example
 * ```ts
 * import { bindWhere } from "./binder.ts";
 * import { compilePredicate } from "./evaluator.ts";
 * import { parseExpression } from "./parser.ts";
 * import { Schema } from "../record/schema.ts";
 * import { Types } from "../types/data_type.ts";
 * const p = compilePredicate(bindWhere(parseExpression("1 = 1"), Schema.of([["a", Types.Integer]]), "1 = 1"));
 * if (p.constant !== 1) throw new Error();
 * ```
 */
export function compilePredicate(bound: BoundExpr): CompiledPredicate {
  return new _PredicateProgram(asPred(compileNode(bound)));
}

/**
 * The rows of a batch where a predicate is TRUE, as a view sharing the batch's columns.
 *
 * @param predicate the compiled predicate (bound to the batch's schema)
 * @param batch the batch
 * @returns a batch with a new selection
 * @example
 * ```ts
 * import { bindWhere } from "./binder.ts";
 * import { compilePredicate, filterBatch } from "./evaluator.ts";
 * import { parseExpression } from "./parser.ts";
 * import { recordsToBatch } from "../batch/record_batch.ts";
 * import { Schema } from "../record/schema.ts";
 * import { Types } from "../types/data_type.ts";
 * const s = Schema.of([["n", Types.Integer]]);
 * const p = compilePredicate(bindWhere(parseExpression("n > 1"), s, "n > 1"));
 * if (filterBatch(p, recordsToBatch(s, [[1], [2], [null]])).length !== 1) throw new Error();
 * ```
 */
export function filterBatch(predicate: CompiledPredicate, batch: RecordBatch): RecordBatch {
  const n = batch.length;
  let sel = batch.selection;
  if (sel === null) {
    sel = new Int32Array(n);
    for (let i = 0; i < n; i++) sel[i] = i;
  }
  const out = new Int32Array(n);
  const m = predicate.select(batch.columns, sel, n, out);
  // selectRows takes logical rows; translate physical rows back when the batch had a selection
  if (batch.selection === null) return selectRows(batch, out.subarray(0, m));
  const logical = new Int32Array(m);
  for (let i = 0, j = 0; i < m; i++) {
    while (sel[j] !== out[i]) j++;
    logical[i] = j;
  }
  return selectRows(batch, logical);
}
