/**
 * The fused filter -> multiply -> grouped-sum query shape (WORKLOADS.md W3 and W5), the CPU twin.
 *
 * W3: `SELECT symbol, SUM(price*qty), COUNT(*) WHERE qty > 5000 AND side = 'BUY' GROUP BY symbol` is
 * `{ where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
 *    sum: ["price", "qty"], groupBy: "symbol" }`; W5 is `{ sum: ["price", "qty"] }`.
 *
 * Semantics (the GPU kernel matches them bit for bit):
 * - a row is kept when every predicate holds; a NULL in any column the query reads drops the row (SQL: NULL in
 *   WHERE is false, SUM skips NULL);
 * - predicates on exact columns (Integer, ScaledInteger, Timestamp) compare the stored units exactly with an
 *   integer value (number or bigint, in the column's units); on String columns `eq`/`ne` compare with a string;
 * - the summed expression is one column or the product of two, an exact i64 (a product outside i64 is the
 *   OverflowError of `arithOverflowError("mul", ...)` at the first such kept row, never wrapped); its scale is the
 *   sum of the columns' scales;
 * - sums are exact at any width (bigint); counts are kept rows per group.
 *
 * @module
 */

import type { RecordBatch } from "../batch/record_batch.ts";
import type { Column } from "../batch/column.ts";
import type { StringDictionary } from "../batch/string_dictionary.ts";
import { type CompareOp, CompareOps } from "./compare.ts";
import { arithOverflowError } from "./arith.ts";

/** One conjunct of a fused query's WHERE. */
export interface FusedPredicate {
  /** Column name. */
  readonly column: string;
  /** The comparison. */
  readonly op: CompareOp;
  /** Integer in the column's units (number must be a safe integer), or a string for a String column. */
  readonly value: number | bigint | string;
}

/** A fused query: AND of predicates, then COUNT(*) and SUM(a) or SUM(a*b), optionally per dictionary group. */
export interface FusedQuery {
  /** Conjuncts (default none: every row). */
  readonly where?: readonly FusedPredicate[];
  /** One column, or two whose product is summed (default none: count only). */
  readonly sum?: readonly [string] | readonly [string, string];
  /** A String column to group by (default none: one group). */
  readonly groupBy?: string;
}

/** Counts and exact sums of a fused query. */
export interface FusedResult {
  /** Group keys by index (null without groupBy; groups with no kept row are listed with count 0). */
  readonly keys: readonly string[] | null;
  /** Kept rows per group (one entry without groupBy). */
  readonly counts: Float64Array;
  /** Exact sum per group, in units of 10^-scale. */
  readonly sums: readonly bigint[];
  /** Scale of the sums. */
  readonly scale: number;
}

const SAFE = Number.MAX_SAFE_INTEGER;
const FLUSH = 4503599627370496; // 2^52
const EXACT_KINDS = new Set(["integer", "scaled", "timestamp"]);

/**
 * Checks a query against a schema-like lookup and returns the sum's scale.
 *
 * @param query the query
 * @param typeOf the DataType kind and scale of a column by name (throws for an unknown name)
 * @returns the scale of the sums
 * @throws {TypeError} for a predicate or sum on a column of an unsupported type, or a string/number mismatch
 * @example
 * ```ts
 * import { validateFusedQuery } from "./fused_query.ts";
 * const s = validateFusedQuery({ sum: ["p", "q"] }, (n) => n === "p" ? { kind: "scaled", scale: 4 } : { kind: "integer", scale: 0 });
 * if (s !== 4) throw new Error();
 * ```
 */
export function validateFusedQuery(
  query: FusedQuery,
  typeOf: (name: string) => { kind: string; scale: number },
): number {
  for (const p of query.where ?? []) {
    const t = typeOf(p.column);
    if (t.kind === "string") {
      if (typeof p.value !== "string") {
        throw new TypeError(`Predicate on String column "${p.column}" needs a string value, got ${typeof p.value}`);
      }
      if (p.op !== "eq" && p.op !== "ne") {
        throw new TypeError(`Predicate on String column "${p.column}" supports = and <> only, got ${CompareOps[p.op]}`);
      }
    } else if (EXACT_KINDS.has(t.kind)) {
      if (typeof p.value === "string" || (typeof p.value === "number" && !Number.isSafeInteger(p.value))) {
        throw new TypeError(`Predicate on ${t.kind} column "${p.column}" needs an exact integer, got ${p.value}`);
      }
    } else throw new TypeError(`Column "${p.column}" of type ${t.kind} cannot be used in a fused predicate`);
  }
  let scale = 0;
  for (const c of query.sum ?? []) {
    const t = typeOf(c);
    if (!EXACT_KINDS.has(t.kind)) throw new TypeError(`Column "${c}" of type ${t.kind} cannot be summed exactly`);
    scale += t.scale;
  }
  if (query.groupBy !== undefined && typeOf(query.groupBy).kind !== "string") {
    throw new TypeError(
      `GROUP BY column "${query.groupBy}" must be a String column, got ${typeOf(query.groupBy).kind}`,
    );
  }
  return scale;
}

function kindOf(batch: RecordBatch, name: string): { kind: string; scale: number } {
  const t = batch.column(name).type;
  return { kind: t.kind, scale: t.kind === "scaled" ? t.scale : 0 };
}

function cmp(op: CompareOp, c: number): boolean {
  return op === "lt"
    ? c < 0
    : op === "le"
    ? c <= 0
    : op === "eq"
    ? c === 0
    : op === "ne"
    ? c !== 0
    : op === "gt"
    ? c > 0
    : c >= 0;
}

/** Keeps rows (by physical index) where the predicate holds; clears keep[k] otherwise. */
function applyPredicate(col: Column, p: FusedPredicate, rows: Int32Array | null, keep: Uint8Array): void {
  const n = keep.length;
  if (col.validity !== null) {
    for (let k = 0; k < n; k++) if (col.validity[rows === null ? k : rows[k]] === 0) keep[k] = 0;
  }
  if (col.layout === "dict") {
    const code = col.dict.lookup(p.value as string);
    const want = p.op === "eq";
    for (let k = 0; k < n; k++) if ((col.codes[rows === null ? k : rows[k]] === code) !== want) keep[k] = 0;
    return;
  }
  if (col.layout !== "f64" && col.layout !== "i64") {
    throw new TypeError(`Column "${p.column}" has layout ${col.layout}; fused predicates read f64, i64 or dict`);
  }
  const v = p.value as number | bigint, data = col.data, op = p.op;
  if (data instanceof Float64Array && typeof v === "number") {
    filterF64(data, rows, op, v, keep);
    return;
  }
  for (let k = 0; k < n; k++) {
    if (keep[k] === 0) continue;
    const x = data[rows === null ? k : rows[k]];
    if (!cmp(op, x < v ? -1 : x > v ? 1 : 0)) keep[k] = 0;
  }
}

/** Clears keep[k] where `data[row] op v` is false; safe integers compare exactly as doubles. */
function filterF64(data: Float64Array, rows: Int32Array | null, op: CompareOp, v: number, keep: Uint8Array): void {
  const n = keep.length;
  if (rows !== null) {
    for (let k = 0; k < n; k++) if (keep[k] !== 0 && !cmp(op, data[rows[k]] - v)) keep[k] = 0;
    return;
  }
  switch (op) {
    case "lt":
      for (let k = 0; k < n; k++) if (!(data[k] < v)) keep[k] = 0;
      return;
    case "le":
      for (let k = 0; k < n; k++) if (!(data[k] <= v)) keep[k] = 0;
      return;
    case "eq":
      for (let k = 0; k < n; k++) if (data[k] !== v) keep[k] = 0;
      return;
    case "ne":
      for (let k = 0; k < n; k++) if (data[k] === v) keep[k] = 0;
      return;
    case "gt":
      for (let k = 0; k < n; k++) if (!(data[k] > v)) keep[k] = 0;
      return;
    case "ge":
      for (let k = 0; k < n; k++) if (!(data[k] >= v)) keep[k] = 0;
      return;
  }
}

/**
 * The hot loop for doubles (the common layout): kept rows' a (or a*b) added to their group. Returns the index of
 * the first kept row whose product is not a safe integer (the caller finishes from there exactly), or -1.
 */
function accumulateF64(
  keep: Uint8Array,
  rows: Int32Array | null,
  codes: Int32Array | null,
  remap: Int32Array | null,
  a: Float64Array,
  b: Float64Array | null,
  counts: Float64Array,
  lo: Float64Array,
  hi: bigint[],
): number {
  const n = keep.length;
  for (let k = 0; k < n; k++) {
    if (keep[k] === 0) continue;
    const p = rows === null ? k : rows[k];
    const v = b === null ? a[p] : a[p] * b[p];
    if (!(v <= SAFE && v >= -SAFE)) return k;
    const g = codes === null ? 0 : remap![codes[p]];
    counts[g]++;
    const s = lo[g];
    if (s > FLUSH || s < -FLUSH) {
      hi[g] += BigInt(s);
      lo[g] = v;
    } else lo[g] = s + v;
  }
  return -1;
}

/**
 * Runs a fused query over batches on the CPU.
 *
 * @param batches the batches (their selections are honoured)
 * @param query the query
 * @returns counts and exact sums per group
 * @throws {OverflowError} when a kept row's product leaves i64 (row = logical row across all batches)
 * @throws {TypeError} for unsupported column types (see validateFusedQuery)
 * @example
 * ```ts
 * import { runFusedCpu } from "./fused_query.ts";
 * import { tradeBatches } from "../gen/trades.ts";
 * const r = runFusedCpu(tradeBatches({ rows: 100 }), { sum: ["price", "qty"] });
 * if (r.counts[0] !== 100 || r.scale !== 4) throw new Error();
 * ```
 */
export function runFusedCpu(batches: Iterable<RecordBatch>, query: FusedQuery): FusedResult {
  const where = query.where ?? [];
  const sum = query.sum ?? [];
  let keys: string[] | null = null;
  let keyIndex: Map<string, number> | null = null;
  const remaps = new Map<StringDictionary, Int32Array>();
  let counts = new Float64Array(1), lo = new Float64Array(1);
  const hi: bigint[] = [0n];
  let scale = -1;
  let base = 0;
  for (const b of batches) {
    if (scale < 0) scale = validateFusedQuery(query, (n) => kindOf(b, n));
    const n = b.length, rows = b.selection;
    const keep = new Uint8Array(n).fill(1);
    for (const p of where) applyPredicate(b.column(p.column), p, rows, keep);
    // Group codes of this batch mapped into the result's key order.
    let codes: Int32Array | null = null, remap: Int32Array | null = null;
    if (query.groupBy !== undefined) {
      const g = b.column(query.groupBy);
      if (g.layout !== "dict") throw new TypeError(`GROUP BY column "${query.groupBy}" is not dictionary-encoded`);
      if (g.validity !== null) {
        for (let k = 0; k < n; k++) if (g.validity[rows === null ? k : rows[k]] === 0) keep[k] = 0;
      }
      codes = g.codes;
      if (keys === null) {
        keys = [];
        keyIndex = new Map();
      }
      remap = remaps.get(g.dict) ?? null;
      if (remap === null || remap.length < g.dict.size) {
        remap = new Int32Array(g.dict.size);
        for (let c = 0; c < g.dict.size; c++) {
          const s = g.dict.values[c];
          let idx = keyIndex!.get(s);
          if (idx === undefined) {
            idx = keys.length;
            keys.push(s);
            keyIndex!.set(s, idx);
          }
          remap[c] = idx;
        }
        remaps.set(g.dict, remap);
        if (keys.length > counts.length) {
          const c2 = new Float64Array(keys.length), l2 = new Float64Array(keys.length);
          c2.set(counts);
          l2.set(lo);
          counts = c2;
          lo = l2;
          while (hi.length < keys.length) hi.push(0n);
        }
      }
    }
    const cols = sum.map((c) => b.column(c));
    for (const c of cols) {
      if (c.layout !== "f64" && c.layout !== "i64") throw new TypeError(`Column layout ${c.layout} cannot be summed`);
      if (c.validity !== null) {
        for (let k = 0; k < n; k++) if (c.validity[rows === null ? k : rows[k]] === 0) keep[k] = 0;
      }
    }
    const a = cols.length > 0 ? (cols[0] as { data: Float64Array | BigInt64Array }).data : null;
    const bb = cols.length > 1 ? (cols[1] as { data: Float64Array | BigInt64Array }).data : null;
    let from = 0;
    if (a instanceof Float64Array && (bb === null || bb instanceof Float64Array)) {
      from = accumulateF64(keep, rows, codes, remap, a, bb, counts, lo, hi);
      if (from < 0) from = n;
    }
    for (let k = from; k < n; k++) {
      if (keep[k] === 0) continue;
      const p = rows === null ? k : rows[k];
      const g = codes === null ? 0 : remap![codes[p]];
      counts[g]++;
      if (a === null) continue;
      const x = a[p];
      let v: number | bigint;
      if (bb === null) v = x;
      else {
        const y = bb[p];
        if (typeof x === "number" && typeof y === "number") {
          v = x * y;
          if (!(v <= SAFE && v >= -SAFE)) v = checkedMul(BigInt(x), BigInt(y), base + k);
        } else v = checkedMul(BigInt(x), BigInt(y), base + k);
      }
      if (typeof v === "bigint") hi[g] += v;
      else {
        const s = lo[g];
        if (s > FLUSH || s < -FLUSH) {
          hi[g] += BigInt(s);
          lo[g] = v;
        } else lo[g] = s + v;
      }
    }
    base += n;
  }
  if (scale < 0) scale = 0;
  const sums = hi.map((h, g) => h + BigInt(lo[g]));
  return { keys, counts, sums, scale };
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function checkedMul(x: bigint, y: bigint, row: number): bigint {
  const r = x * y;
  if (r < I64_MIN || r > I64_MAX) throw arithOverflowError("mul", x, y, row);
  return r;
}
