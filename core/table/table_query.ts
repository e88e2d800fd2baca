/**
 * Queries over a keyed table: count, filter, exists, columnValues, the aggregates (exact for Integer and
 * ScaledInteger) and scalar. Each takes an optional WHERE condition, planned once through the table's plan
 * cache and run chunk by chunk over the live slots (or over a secondary index's slots).
 *
 * @module
 */

import { keyMeta, materialize, RecordBatch } from "../batch/record_batch.ts";
import { OverflowError } from "../errors.ts";
import { SqlBindError } from "../sql/sql_bind_error.ts";
import { type CompiledExpression, vectorValue } from "../sql/evaluator.ts";
import { FALSE3, NULL3, TRUE3, type Vector } from "../sql/vector.ts";
import { typeName } from "../types/data_type.ts";
import { Decimal } from "../values/decimal.ts";
import { ExactSum } from "../values/exact_sum.ts";
import { checkedInt64, I64_MAX, I64_MIN } from "../values/int64.ts";
import { ScaledInteger } from "../values/scaled_integer.ts";
import type { Value } from "../values/value.ts";
import type { KeyedTable, TableView } from "./keyed_table.ts";
import { type AggregateName, planExpression, planWhere, probeSlots } from "./table_plan.ts";

/** Rows evaluated per step of a scan. */
export const SCAN_CHUNK = 4096;

/** Result scale of AVG over Integer / ScaledInteger: the input scale plus this, at most 18. */
export const AVG_EXTRA_SCALE = 6;

/**
 * Visits the slots where `where` is TRUE, chunk by chunk, in slot order.
 *
 * @param table the table
 * @param where the condition (undefined: every row)
 * @param visit receives the view, a reused array of slots and how many are valid; return true to stop
 * @throws {SqlSyntaxError} / {SqlBindError} from planning the condition
 */
export function scanTable(
  table: KeyedTable,
  where: string | undefined,
  visit: (view: TableView, slots: Int32Array, n: number) => boolean | void,
): void {
  const plan = where === undefined ? null : planWhere(table, where);
  const c = plan === null ? TRUE3 : plan.predicate.constant;
  if (c === FALSE3 || c === NULL3) return;
  // typed-array allocation costs about a microsecond here, so an outermost scan reuses two scratch buffers
  const outer = _depth === 0;
  _depth++;
  try {
    const view = table.scanView();
    const all = c === TRUE3;
    if (plan !== null && plan.probe !== null) {
      let slots: Int32Array, count: number;
      const probe = plan.probe;
      if (probe.index === "key" && outer && probe.values.length <= SCAN_CHUNK) {
        // point lookups into the reused buffer: no allocation on a warm point query
        count = _keySlots(table, probe.values, _SEL);
        if (count === 0) return;
        slots = _SEL;
      } else {
        slots = probeSlots(table, probe);
        count = slots.length;
      }
      const out = outer ? _OUT : new Int32Array(Math.min(SCAN_CHUNK, count));
      for (let s = 0; s < count; s += SCAN_CHUNK) {
        const n = Math.min(SCAN_CHUNK, count - s);
        const chunk = s === 0 ? slots : slots.subarray(s, s + n);
        if (all || plan.exact) {
          if (visit(view, chunk, n) === true) return;
        } else {
          const m = plan.predicate.select(view.columns, chunk, n, out);
          if (m > 0 && visit(view, out, m) === true) return;
        }
      }
      return;
    }
    const size = Math.min(SCAN_CHUNK, view.slots);
    const sel = outer ? _SEL : new Int32Array(size), out = outer ? _OUT : new Int32Array(size);
    const live = view.live, dense = view.dense;
    for (let s = 0; s < view.slots; s += SCAN_CHUNK) {
      const e = Math.min(view.slots, s + SCAN_CHUNK);
      let n = 0;
      if (dense) { for (let i = s; i < e; i++) sel[n++] = i; }
      else for (let i = s; i < e; i++) if (live[i] === 1) sel[n++] = i;
      if (n === 0) continue;
      if (all) {
        if (visit(view, sel, n) === true) return;
      } else {
        const m = plan!.predicate.select(view.columns, sel, n, out);
        if (m > 0 && visit(view, out, m) === true) return;
      }
    }
  } finally {
    _depth--;
  }
}

/** The slots of the keys among `values` (NULLs skipped), ascending and distinct, written to `out`; returns how
 * many (the same slots as `probeSlots` for a key probe). */
function _keySlots(table: KeyedTable, values: readonly Value[], out: Int32Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const s = v === null ? -1 : table.slotOf(v);
    if (s < 0) continue;
    // insertion into the sorted prefix, dropping a repeat (IN lists are short)
    let j = n;
    while (j > 0 && out[j - 1] > s) j--;
    if (j > 0 && out[j - 1] === s) continue;
    for (let k = n; k > j; k--) out[k] = out[k - 1];
    out[j] = s;
    n++;
  }
  return n;
}

let _depth = 0;
const _SEL = new Int32Array(SCAN_CHUNK);
const _OUT = new Int32Array(SCAN_CHUNK);

/**
 * Rows where a condition is TRUE.
 *
 * @param table the table
 * @param where the condition (default: every row)
 * @returns the count
 * @example
 * ```ts
 * import { countWhere } from "./table_query.ts";
 * import { KeyedTable } from "./keyed_table.ts";
 * import { Schema } from "../record/schema.ts";
 * import { Types } from "../types/data_type.ts";
 * const t = new KeyedTable(Schema.of([["id", Types.Integer], ["s", Types.String]]), { key: "id", tombstones: false });
 * t.upsert([1, "a"]);
 * t.upsert([2, null]);
 * if (countWhere(t, "s IS NULL OR s = 'a'") !== 2 || countWhere(t, "s != 'a'") !== 0) throw new Error();
 * ```
 */
export function countWhere(table: KeyedTable, where?: string): number {
  if (where === undefined) return table.size;
  let n = 0;
  scanTable(table, where, (_v, _s, m) => {
    n += m;
  });
  return n;
}

/**
 * Whether any row satisfies a condition (stops at the first).
 *
 * @param table the table
 * @param where the condition
 * @returns true when one row matches
 */
export function existsWhere(table: KeyedTable, where: string): boolean {
  let found = false;
  scanTable(table, where, () => {
    found = true;
    return true;
  });
  return found;
}

/**
 * The slots where a condition is TRUE, ascending (low level).
 *
 * @param table the table
 * @param where the condition
 * @returns the slots
 */
export function matchingSlots(table: KeyedTable, where?: string): Int32Array {
  let out = new Int32Array(Math.min(1024, Math.max(16, table.size)));
  let k = 0;
  scanTable(table, where, (_v, slots, m) => {
    if (k + m > out.length) {
      const g = new Int32Array(Math.max(k + m, out.length * 2));
      g.set(out.subarray(0, k));
      out = g;
    }
    out.set(slots.subarray(0, m), k);
    k += m;
  });
  return out.subarray(0, k);
}

/**
 * The rows where a condition is TRUE, copied into one batch (a snapshot: later writes do not change it).
 * Rows come in slot order; a metadata-keyed table puts each row's key in `meta.key`.
 *
 * @param table the table
 * @param where the condition (default: every row)
 * @returns the batch
 */
export function filterTable(table: KeyedTable, where?: string): RecordBatch {
  const slots = matchingSlots(table, where);
  const view = table.scanView();
  const meta = view.metaKeys === null ? null : keyMeta(view.metaKeys);
  return materialize(new RecordBatch(table.schema, view.columns, slots, meta));
}

function evaluateOver(
  table: KeyedTable,
  expression: string,
  where: string | undefined,
  visit: (v: Vector, e: CompiledExpression, n: number) => boolean | void,
): CompiledExpression {
  const plan = planExpression(table, expression);
  if (plan.aggregate !== null) {
    throw new SqlBindError(`Aggregate ${plan.aggregate} is not allowed here: pass a plain expression`, 0);
  }
  const e = plan.expression!;
  scanTable(table, where, (view, slots, n) => visit(e.evaluate(view.columns, slots, n), e, n));
  return e;
}

/**
 * The values of an expression (usually a column name) over the rows where a condition is TRUE, in slot order.
 *
 * @param table the table
 * @param expression a value expression, e.g. `price` or `price * qty`
 * @param where the condition (default: every row)
 * @returns the values
 */
export function columnValuesWhere(table: KeyedTable, expression: string, where?: string): Value[] {
  const out: Value[] = [];
  evaluateOver(table, expression, where, (v, e, n) => {
    for (let i = 0; i < n; i++) out.push(vectorValue(v, e.type, i));
  });
  return out;
}

function roundHalfEvenDiv(num: bigint, den: bigint): bigint {
  let q = num / den;
  const r = num - q * den;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice > den || (twice === den && q % 2n !== 0n)) q += num < 0n ? -1n : 1n;
  return q;
}

/**
 * An aggregate over the rows where a condition is TRUE. NULL values are skipped; over no value the result is
 * NULL (COUNT: 0).
 *
 * - SUM of Integer is an exact Integer; of ScaledInteger an exact ScaledInteger of the same scale (past i64: an
 *   OverflowError); of Float a Float.
 * - AVG of Integer / ScaledInteger is an exact Decimal with `scale + 6` digits (at most 18), HALF_EVEN; of
 *   Float a Float.
 * - MIN / MAX keep the type (numbers exact, strings in UTF-16 order, FALSE < TRUE).
 *
 * @param table the table
 * @param fn the aggregate
 * @param expression its argument (a column name or expression; `*` for COUNT(*))
 * @param where the condition (default: every row)
 * @returns the result
 * @throws {SqlBindError} when SUM / AVG get a non-number
 * @throws {OverflowError} when an exact SUM leaves i64
 * @example
 * ```ts
 * import { aggregateWhere } from "./table_query.ts";
 * import { KeyedTable } from "./keyed_table.ts";
 * import { Schema } from "../record/schema.ts";
 * import { scaledType, Types } from "../types/data_type.ts";
 * import { ScaledInteger } from "../values/scaled_integer.ts";
 * const t = new KeyedTable(Schema.of([["id", Types.Integer], ["amt", scaledType(2)]]), { key: "id" });
 * t.upsert([1, new ScaledInteger(10, 2)]); t.upsert([2, new ScaledInteger(20, 2)]);
 * if (String(aggregateWhere(t, "SUM", "amt")) !== "0.30") throw new Error();
 * ```
 */
export function aggregateWhere(table: KeyedTable, fn: AggregateName, expression: string, where?: string): Value {
  if (fn === "COUNT") {
    if (expression.trim() === "*") return countWhere(table, where);
    let n = 0;
    evaluateOver(table, expression, where, (v, _e, m) => {
      if (v.kind === "boolean") {
        for (let i = 0; i < m; i++) if (v.data[i] !== NULL3) n++;
      } else if (v.validity === null) n += m;
      else for (let i = 0; i < m; i++) n += v.validity[i];
    });
    return n;
  }
  const plan = planExpression(table, expression);
  if (plan.aggregate !== null || plan.expression === null) {
    throw new SqlBindError(`${fn} takes a plain expression, got ${plan.text}`, 0);
  }
  const type = plan.expression.type;
  const numeric = type.kind === "integer" || type.kind === "scaled" || type.kind === "float";
  if ((fn === "SUM" || fn === "AVG") && !numeric && type.kind !== "null") {
    throw new SqlBindError(`${fn} needs a number, got ${typeName(type)} expression "${expression}"`, 0);
  }
  if (fn === "SUM" || fn === "AVG") {
    const exact = new ExactSum();
    let fsum = 0, count = 0;
    const isFloat = type.kind === "float";
    evaluateOver(table, expression, where, (v) => {
      if (v.kind !== "number") return;
      const d = v.data, w = v.wide, val = v.validity, n = w !== null ? w.length : d.length;
      for (let i = 0; i < n; i++) {
        if (val !== null && val[i] === 0) continue;
        count++;
        if (isFloat) fsum += w !== null ? Number(w[i]) : d[i];
        else if (w !== null) exact.addInt64(w[i]);
        else exact.add(d[i]);
      }
    });
    if (count === 0) return null;
    if (isFloat) return fn === "SUM" ? fsum : fsum / count;
    const total = exact.toBigInt();
    const scale = type.kind === "scaled" ? type.scale : 0;
    if (fn === "SUM") {
      if (total < I64_MIN || total > I64_MAX) {
        throw new OverflowError(`Integer overflow: SUM(${expression}) = ${total} is outside the i64 range`);
      }
      const units = checkedInt64(total, `SUM(${expression})`);
      return type.kind === "scaled" ? new ScaledInteger(units, scale) : units;
    }
    const k = Math.min(18, scale + AVG_EXTRA_SCALE);
    const unscaled = roundHalfEvenDiv(total * 10n ** BigInt(k - scale), BigInt(count));
    return new Decimal(unscaled, k);
  }
  // MIN / MAX
  let best: Value = null;
  let bestKey: number | bigint | string = 0;
  const isMax = fn === "MAX";
  evaluateOver(table, expression, where, (v, e, n) => {
    for (let i = 0; i < n; i++) {
      let key: number | bigint | string;
      if (v.kind === "number") {
        if (v.validity !== null && v.validity[i] === 0) continue;
        key = v.wide !== null ? v.wide[i] : v.data[i];
      } else if (v.kind === "string") {
        const s = v.data[i];
        if (s === null) continue;
        key = s;
      } else if (v.kind === "boolean") {
        if (v.data[i] === NULL3) continue;
        key = v.data[i];
      } else continue;
      // SQL order: NaN (the only key unequal to itself) is above every other number
      if (
        best === null ||
        (isMax
          ? key > bestKey || (key !== key && bestKey === bestKey)
          : key < bestKey || (bestKey !== bestKey && key === key))
      ) {
        bestKey = key;
        best = vectorValue(v, e.type, i);
      }
    }
  });
  return best;
}

/**
 * The value of one expression over the table: an aggregate call (`COUNT(*)`, `SUM(price * qty)`,
 * `MAX(ts)`...), or a plain expression matched by at most one row (NULL when none).
 *
 * @param table the table
 * @param expression the expression
 * @param where the condition (default: every row)
 * @returns the value
 * @throws {RangeError} when a plain expression matches more than one row
 */
export function scalarWhere(table: KeyedTable, expression: string, where?: string): Value {
  const plan = planExpression(table, expression);
  if (plan.aggregate === null) {
    const values = columnValuesWhere(table, expression, where);
    if (values.length > 1) {
      throw new RangeError(`Scalar expression "${expression}" matched ${values.length} rows; it needs at most one`);
    }
    return values.length === 0 ? null : values[0];
  }
  if (plan.star) return countWhere(table, where);
  const open = expression.indexOf("("), close = expression.lastIndexOf(")");
  return aggregateWhere(table, plan.aggregate, expression.slice(open + 1, close), where);
}
