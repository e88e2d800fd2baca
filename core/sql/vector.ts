/**
 * Vectors: the values of an expression over the selected rows of a batch, dense (element i belongs to the
 * i-th selected row). What the vectorized evaluator passes between its nodes.
 *
 * @module
 */

import type { Value } from "../values/value.ts";

/** Numbers: Integer / ScaledInteger units / Date days / Timestamp micros as exact safe integers, or Floats. */
export interface NumberVector {
  /** Discriminant. */
  readonly kind: "number";
  /** Values (0 on NULL rows); unused when `wide` is set. */
  readonly data: Float64Array;
  /** Exact i64 values when some value is past 2^53-1, else null. */
  readonly wide: BigInt64Array | null;
  /** 1 = valid, 0 = NULL; null when no row is NULL. */
  readonly validity: Uint8Array | null;
}

/** Strings (null on NULL rows). */
export interface StringVector {
  /** Discriminant. */
  readonly kind: "string";
  /** Values. */
  readonly data: readonly (string | null)[];
  /** 1 = valid, 0 = NULL; null when no row is NULL. */
  readonly validity: Uint8Array | null;
}

/** Three-valued booleans: 0 = FALSE, 1 = TRUE, 2 = NULL. */
export interface BooleanVector {
  /** Discriminant. */
  readonly kind: "boolean";
  /** 0, 1 or 2 per row. */
  readonly data: Uint8Array;
}

/** Values of other types (only IS NULL looks at them). */
export interface AnyVector {
  /** Discriminant. */
  readonly kind: "any";
  /** Values. */
  readonly data: readonly Value[];
  /** 1 = valid, 0 = NULL; null when no row is NULL. */
  readonly validity: Uint8Array | null;
}

/** Any vector. */
export type Vector = NumberVector | StringVector | BooleanVector | AnyVector;

/** FALSE in a BooleanVector. */
export const FALSE3 = 0;
/** TRUE in a BooleanVector. */
export const TRUE3 = 1;
/** NULL in a BooleanVector. */
export const NULL3 = 2;
