/**
 * The SQL expression AST: plain data, a discriminated union on `kind`. Every node carries the source range
 * [start, end) it was parsed from, so later stages can point at it in error messages.
 *
 * @module
 */

/** Fields every node has. */
export interface NodeBase {
  /** 0-based offset of the node's first character in the SQL text. */
  readonly start: number;
  /** 0-based offset just past the node's last character. */
  readonly end: number;
}

/** The kinds of literal. Numbers keep their text so that no digit is lost before binding. */
export type LiteralType = "integer" | "decimal" | "float" | "string" | "boolean" | "null" | "date" | "timestamp";

/**
 * A literal: `42` (integer), `123.45` (decimal), `1e3` (float), `'text'`, `TRUE`, `NULL`, and the typed
 * literals `DATE '2024-01-31'` and `TIMESTAMP '2024-01-31 10:00:00.5'` (text checked when bound).
 */
export interface LiteralExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "literal";
  /** Which literal. */
  readonly type: LiteralType;
  /** The number as written, the unescaped string (also of a typed literal), `TRUE` / `FALSE`, or `NULL`. */
  readonly text: string;
}

/** A column reference. */
export interface ColumnExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "column";
  /** The name as written (unquoted names match case-insensitively, quoted ones exactly). */
  readonly name: string;
  /** Whether the name was "double quoted". */
  readonly quoted: boolean;
}

/** Unary operators. */
export type UnaryOp = "-" | "+" | "NOT";

/** `-x`, `+x`, `NOT x`. */
export interface UnaryExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "unary";
  /** The operator. */
  readonly op: UnaryOp;
  /** The operand. */
  readonly operand: Expr;
}

/** Binary operators (`<>` is parsed as `!=`). */
export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "AND" | "OR";

/** `a op b`. */
export interface BinaryExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "binary";
  /** The operator. */
  readonly op: BinaryOp;
  /** Left operand. */
  readonly left: Expr;
  /** Right operand. */
  readonly right: Expr;
}

/** `x [NOT] BETWEEN low AND high`. */
export interface BetweenExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "between";
  /** Whether NOT BETWEEN. */
  readonly negated: boolean;
  /** The tested value. */
  readonly operand: Expr;
  /** Lower bound (inclusive). */
  readonly low: Expr;
  /** Upper bound (inclusive). */
  readonly high: Expr;
}

/** `x [NOT] IN (a, b, ...)`. */
export interface InExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "in";
  /** Whether NOT IN. */
  readonly negated: boolean;
  /** The tested value. */
  readonly operand: Expr;
  /** The candidates. */
  readonly list: readonly Expr[];
}

/** `x [NOT] LIKE pattern [ESCAPE 'c']`. */
export interface LikeExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "like";
  /** Whether NOT LIKE. */
  readonly negated: boolean;
  /** The tested string. */
  readonly operand: Expr;
  /** The pattern (`%` any run, `_` one character). */
  readonly pattern: Expr;
  /** The escape character expression, or null for the default (backslash). */
  readonly escape: Expr | null;
}

/** `x IS [NOT] NULL`. */
export interface IsNullExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "isNull";
  /** Whether IS NOT NULL. */
  readonly negated: boolean;
  /** The tested value. */
  readonly operand: Expr;
}

/** `x IS [NOT] TRUE`, `x IS [NOT] FALSE`: never NULL (`NULL IS NOT TRUE` is TRUE). */
export interface IsTruthExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "isTruth";
  /** Whether IS NOT. */
  readonly negated: boolean;
  /** TRUE or FALSE. */
  readonly value: boolean;
  /** The tested condition. */
  readonly operand: Expr;
}

/** A function call `name(args)`, or `name(*)`. */
export interface CallExpr extends NodeBase {
  /** Discriminant. */
  readonly kind: "call";
  /** Function name, upper-cased. */
  readonly name: string;
  /** Arguments (empty for `name(*)`). */
  readonly args: readonly Expr[];
  /** Whether written `name(*)`. */
  readonly star: boolean;
}

/** Any expression node. */
export type Expr =
  | LiteralExpr
  | ColumnExpr
  | UnaryExpr
  | BinaryExpr
  | BetweenExpr
  | InExpr
  | LikeExpr
  | IsNullExpr
  | IsTruthExpr
  | CallExpr;
