/**
 * TablePlan: a WHERE condition planned against a keyed table: the compiled predicate and, when a top-level
 * conjunct is `key_column = constant` / `key_column IN (constants)` (point lookups in the key index) or
 * `indexed_column = constant` / `indexed_column IN (constants)` (a secondary index), a probe that narrows the
 * scan to the matching slots. The full predicate still runs on them, so a probe never changes an answer.
 *
 * @module
 */

import type { BoundExpr } from "../sql/bound_expr.ts";
import { bindExpression, bindWhere } from "../sql/binder.ts";
import {
  type CompiledExpression,
  type CompiledPredicate,
  compileExpression,
  compilePredicate,
} from "../sql/evaluator.ts";
import { SqlBindError } from "../sql/sql_bind_error.ts";
import { parseExpression } from "../sql/parser.ts";
import { ScaledInteger } from "../values/scaled_integer.ts";
import { SqlDate, Timestamp } from "../values/temporal.ts";
import type { DataType } from "../types/data_type.ts";
import type { Value } from "../values/value.ts";
import type { KeyedTable } from "./keyed_table.ts";

/** An index probe: look up these constants in the key index or in the secondary index of a column. */
export interface IndexProbe {
  /** "key": the table's key index (a point lookup per constant); "secondary": a declared index. */
  readonly index: "key" | "secondary";
  /** The probed column's position. */
  readonly column: number;
  /** The constants compared for equality. */
  readonly values: readonly Value[];
}

/** A planned WHERE condition. */
export interface TablePlan {
  /** The normalised text of the condition. */
  readonly text: string;
  /** The compiled predicate. */
  readonly predicate: CompiledPredicate;
  /** An index probe, or null for a full scan. */
  readonly probe: IndexProbe | null;
  /**
   * Whether the probe alone decides the condition: the whole condition is `key_column = constant` or
   * `key_column IN (constants)`, so every slot the probe finds matches and the predicate need not run.
   */
  readonly exact: boolean;
}

/** Whether a constant of type `c` can be looked up as-is in the key index of a column of type `k`. */
function keyComparable(k: DataType, c: DataType): boolean {
  if (k.kind === "integer") return c.kind === "integer";
  if (k.kind === "float") return c.kind === "integer" || c.kind === "float";
  if (k.kind === "string") return c.kind === "string";
  if (k.kind === "scaled") return c.kind === "scaled" && c.scale === k.scale;
  return false;
}

function findKeyProbe(b: BoundExpr, table: KeyedTable): IndexProbe | null {
  if (b.kind === "and") return findKeyProbe(b.left, table) ?? findKeyProbe(b.right, table);
  if (table.keyColumns.length !== 1) return null;
  const key = table.keyColumns[0];
  if (b.kind === "compare" && b.op === "=" && b.left.kind === "column" && b.left.index === key) {
    if (b.right.kind === "const" && keyComparable(b.left.type, b.right.type)) {
      return { index: "key", column: key, values: [b.right.value] };
    }
  }
  if (b.kind === "in" && !b.negated && b.operand.kind === "column" && b.operand.index === key) {
    const t = b.operand.type;
    if (b.list.every((e) => e.kind === "const" && (e.value === null || keyComparable(t, e.type)))) {
      return { index: "key", column: key, values: b.list.map((e) => (e as BoundExpr & { kind: "const" }).value) };
    }
  }
  return null;
}

function findProbe(b: BoundExpr, table: KeyedTable): IndexProbe | null {
  if (b.kind === "and") return findProbe(b.left, table) ?? findProbe(b.right, table);
  if (b.kind === "compare" && b.op === "=" && b.left.kind === "column" && b.right.kind === "const") {
    if (
      table.secondaryIndex(b.left.index) !== undefined && b.right.type.kind !== "float" && b.left.type.kind !== "float"
    ) {
      return { index: "secondary", column: b.left.index, values: [b.right.value] };
    }
  }
  if (
    b.kind === "in" && !b.negated && b.operand.kind === "column" && b.operand.type.kind !== "float" &&
    table.secondaryIndex(b.operand.index) !== undefined
  ) {
    if (b.list.every((e) => e.kind === "const" && e.type.kind !== "float")) {
      return {
        index: "secondary",
        column: b.operand.index,
        values: b.list.map((e) => (e as BoundExpr & { kind: "const" }).value),
      };
    }
  }
  return null;
}

/**
 * Parses, binds and compiles a WHERE condition for a table (no caching; see `planWhere`).
 *
 * @param table the table
 * @param text the condition
 * @returns the plan
 * @throws {SqlSyntaxError} when the text does not parse
 * @throws {SqlBindError} on an unknown column or mismatched types
 */
export function buildTablePlan(table: KeyedTable, text: string): TablePlan {
  const bound = bindWhere(parseExpression(text), table.schema, text);
  const key = findKeyProbe(bound, table);
  // outside an AND, a key probe is the whole condition (an equality or a non-negated IN on the key column)
  const exact = key !== null && bound.kind !== "and";
  return { text, predicate: compilePredicate(bound), probe: key ?? findProbe(bound, table), exact };
}

/**
 * The plan of a WHERE condition through the table's plan cache (a hit costs one Map lookup).
 *
 * @param table the table
 * @param where the condition
 * @returns the plan
 * @example
 * ```ts
 * import { planWhere } from "./table_plan.ts";
 * import { KeyedTable } from "./keyed_table.ts";
 * import { Schema } from "../record/schema.ts";
 * import { Types } from "../types/data_type.ts";
 * const t = new KeyedTable(Schema.of([["id", Types.Integer]]), { key: "id" });
 * if (planWhere(t, "id > 1") !== planWhere(t, "ID  >  1")) throw new Error("cached");
 * ```
 */
export function planWhere(table: KeyedTable, where: string): TablePlan {
  return table.plans.get(where, () => buildTablePlan(table, where));
}

/**
 * The slots a probe selects, ascending (only live slots are ever in an index).
 *
 * @param table the table
 * @param probe the probe
 * @returns the candidate slots
 */
export function probeSlots(table: KeyedTable, probe: IndexProbe): Int32Array {
  if (probe.index === "key") {
    if (probe.values.length === 1) {
      const v = probe.values[0];
      const s = v === null ? -1 : table.slotOf(v);
      return s >= 0 ? Int32Array.of(s) : NO_SLOTS;
    }
    const found: number[] = [];
    for (const v of probe.values) {
      if (v === null) continue;
      const s = table.slotOf(v);
      if (s >= 0) found.push(s);
    }
    return _sortedUnique(Int32Array.from(found));
  }
  const ix = table.secondaryIndex(probe.column)!;
  const type = table.schema.fields[probe.column].type;
  const parts: number[] = [];
  for (const v of probe.values) {
    if (v === null) continue;
    let key: number | bigint | null = null;
    if (typeof v === "string") {
      const code = table.codeOf(probe.column, v);
      if (code < 0) continue;
      key = code;
    } else if (typeof v === "boolean") key = v ? 1 : 0;
    else if (v instanceof SqlDate) key = v.days; // what the column holds: days, micros
    else if (v instanceof Timestamp) key = v.micros;
    else {
      // exact payload in the column's units: an Integer or ScaledInteger constant aligned to the column scale
      const units = v instanceof ScaledInteger ? BigInt(v.units) : typeof v === "bigint" ? v : BigInt(v as number);
      const sk = v instanceof ScaledInteger ? v.scale : 0;
      const sc = type.kind === "scaled" ? type.scale : 0;
      let k: bigint;
      if (sk <= sc) k = units * 10n ** BigInt(sc - sk);
      else {
        const p = 10n ** BigInt(sk - sc);
        if (units % p !== 0n) continue;
        k = units / p;
      }
      key = k >= -(2n ** 53n) + 1n && k <= 2n ** 53n - 1n ? Number(k) : k;
    }
    const set = ix.lookup(key);
    if (set !== undefined) { for (const s of set) parts.push(s); }
  }
  return _sortedUnique(Int32Array.from(parts));
}

const NO_SLOTS = new Int32Array(0);

/** Sorts slots and drops duplicates (IN lists may repeat a constant). */
function _sortedUnique(out: Int32Array): Int32Array {
  out.sort();
  let m = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[m++] = out[i];
  return m === out.length ? out : out.slice(0, m);
}

/** Aggregate functions a table answers. */
export type AggregateName = "COUNT" | "SUM" | "MIN" | "MAX" | "AVG";

const AGGREGATES = new Set(["COUNT", "SUM", "MIN", "MAX", "AVG"]);

/** A planned value expression, possibly one aggregate call around it. */
export interface ExpressionPlan {
  /** The normalised text. */
  readonly text: string;
  /** The aggregate at the top, or null for a plain expression. */
  readonly aggregate: AggregateName | null;
  /** Whether written `COUNT(*)`. */
  readonly star: boolean;
  /** The compiled expression (the aggregate's argument), or null for `COUNT(*)`. */
  readonly expression: CompiledExpression | null;
}

/**
 * Parses, binds and compiles a value expression (optionally one aggregate call: `SUM(price * qty)`,
 * `COUNT(*)`) through the table's expression plan cache.
 *
 * @param table the table
 * @param text the expression
 * @returns the plan
 * @throws {SqlSyntaxError} when the text does not parse
 * @throws {SqlBindError} on an unknown column, mismatched types or a misused aggregate
 */
export function planExpression(table: KeyedTable, text: string): ExpressionPlan {
  return table.expressionPlans.get(text, (norm) => {
    const ast = parseExpression(text);
    if (ast.kind === "call" && AGGREGATES.has(ast.name)) {
      const name = ast.name as AggregateName;
      if (ast.star) {
        if (name !== "COUNT") throw new SqlBindError(`${name}(*) is not allowed; only COUNT(*)`, ast.start);
        return { text: norm, aggregate: name, star: true, expression: null };
      }
      if (ast.args.length !== 1) {
        throw new SqlBindError(`${name} takes one argument, got ${ast.args.length}`, ast.start);
      }
      const expression = compileExpression(bindExpression(ast.args[0], table.schema, text));
      return { text: norm, aggregate: name, star: false, expression };
    }
    if (ast.kind === "call") throw new SqlBindError(`Unknown function ${ast.name}`, ast.start);
    return {
      text: norm,
      aggregate: null,
      star: false,
      expression: compileExpression(bindExpression(ast, table.schema, text)),
    };
  });
}
