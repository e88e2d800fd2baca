/**
 * Bound expressions: the AST after names are resolved against a schema and every node has a type. Plain data,
 * a discriminated union on `kind`. BETWEEN is rewritten to `low <= x AND x <= high`; a constant on the left of
 * a comparison is moved to the right (the operator mirrored).
 *
 * @module
 */

import type { DataType } from "../types/data_type.ts";
import type { Value } from "../values/value.ts";

/** Arithmetic operators. */
export type SqlArithOp = "+" | "-" | "*" | "/" | "%";
/** Comparison operators. */
export type SqlCompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** Fields every bound node has. */
export interface BoundBase {
  /** The result type. */
  readonly type: DataType;
  /** The source text of the node (for error messages). */
  readonly text: string;
}

/** A column of the input, by position. */
export interface BoundColumn extends BoundBase {
  /** Discriminant. */
  readonly kind: "column";
  /** Position in the schema. */
  readonly index: number;
  /** The schema's name of the column. */
  readonly name: string;
}

/** A typed constant: Integer as Int64, a decimal literal as a ScaledInteger, Float, String, Boolean or NULL. */
export interface BoundConst extends BoundBase {
  /** Discriminant. */
  readonly kind: "const";
  /** The value (null for NULL). */
  readonly value: Value;
}

/** `left op right` on numbers. */
export interface BoundArith extends BoundBase {
  /** Discriminant. */
  readonly kind: "arith";
  /** The operator. */
  readonly op: SqlArithOp;
  /** Left operand. */
  readonly left: BoundExpr;
  /** Right operand. */
  readonly right: BoundExpr;
}

/** `-x`. */
export interface BoundNegate extends BoundBase {
  /** Discriminant. */
  readonly kind: "negate";
  /** The operand. */
  readonly operand: BoundExpr;
}

/** `left op right`, a comparison (three-valued). */
export interface BoundCompare extends BoundBase {
  /** Discriminant. */
  readonly kind: "compare";
  /** The operator. */
  readonly op: SqlCompareOp;
  /** Left operand. */
  readonly left: BoundExpr;
  /** Right operand. */
  readonly right: BoundExpr;
}

/** `left AND right` / `left OR right` (three-valued). */
export interface BoundLogic extends BoundBase {
  /** Discriminant. */
  readonly kind: "and" | "or";
  /** Left operand. */
  readonly left: BoundExpr;
  /** Right operand. */
  readonly right: BoundExpr;
}

/** `NOT x`. */
export interface BoundNot extends BoundBase {
  /** Discriminant. */
  readonly kind: "not";
  /** The operand. */
  readonly operand: BoundExpr;
}

/** `x IS [NOT] NULL`. */
export interface BoundIsNull extends BoundBase {
  /** Discriminant. */
  readonly kind: "isNull";
  /** IS NOT NULL. */
  readonly negated: boolean;
  /** The operand. */
  readonly operand: BoundExpr;
}

/** `x IS [NOT] TRUE / FALSE` on a BOOLEAN operand. */
export interface BoundIsTruth extends BoundBase {
  /** Discriminant. */
  readonly kind: "isTruth";
  /** IS NOT. */
  readonly negated: boolean;
  /** TRUE or FALSE. */
  readonly value: boolean;
  /** The operand. */
  readonly operand: BoundExpr;
}

/** `x [NOT] IN (list)`. */
export interface BoundIn extends BoundBase {
  /** Discriminant. */
  readonly kind: "in";
  /** NOT IN. */
  readonly negated: boolean;
  /** The operand. */
  readonly operand: BoundExpr;
  /** The candidates, each comparable with the operand. */
  readonly list: readonly BoundExpr[];
}

/** `x [NOT] LIKE 'pattern'` with a constant pattern. */
export interface BoundLike extends BoundBase {
  /** Discriminant. */
  readonly kind: "like";
  /** NOT LIKE. */
  readonly negated: boolean;
  /** The tested string. */
  readonly operand: BoundExpr;
  /** The pattern, or null for a NULL pattern (the result is NULL). */
  readonly pattern: string | null;
  /** The escape character ("" for none). */
  readonly escape: string;
}

/** Any bound expression. */
export type BoundExpr =
  | BoundColumn
  | BoundConst
  | BoundArith
  | BoundNegate
  | BoundCompare
  | BoundLogic
  | BoundNot
  | BoundIsNull
  | BoundIsTruth
  | BoundIn
  | BoundLike;
