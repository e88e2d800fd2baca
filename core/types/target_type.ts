/**
 * TargetType: the target of a CAST, parsed once from its SQL text and then passed to `cast` as a constant.
 *
 * Accepted spellings (case-insensitive, any whitespace between words):
 *
 * | text | type | name in messages |
 * |---|---|---|
 * | `INTEGER`, `INT`, `BIGINT`, `INT8`, `INT64`, `LONG` | Integer (i64) | `INTEGER` |
 * | `SMALLINT`, `INT2` | Integer checked to -32768..32767 | `SMALLINT` |
 * | `DOUBLE`, `DOUBLE PRECISION`, `FLOAT`, `FLOAT8`, `FLOAT64`, `REAL`, `FLOAT4` | Float (f64; REAL too) | `FLOAT` |
 * | `DECIMAL(p,s)`, `NUMERIC(p,s)`, `DEC(p,s)`; `(p)` means scale 0; bare means (38,0) as in the SQL standard | Decimal | `DECIMAL(p,s)` |
 * | `SCALED(s)` | ScaledInteger | `SCALED(s)` |
 * | `VARCHAR`, `TEXT`, `STRING`, `CHARACTER VARYING`; `VARCHAR(n)` truncates to n characters | String | `STRING` or `VARCHAR(n)` |
 * | `BOOLEAN`, `BOOL` | Boolean | `BOOLEAN` |
 * | `DATE` | Date | `DATE` |
 * | `TIMESTAMP`, `TIMESTAMP WITHOUT TIME ZONE` | Timestamp | `TIMESTAMP` |
 * | `INTERVAL` | Interval | `INTERVAL` |
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
} from "./data_type.ts";

/** A parsed CAST target. */
export interface TargetType {
  /** The Sluice type of the result. */
  readonly type: DataType;
  /** The canonical SQL name used in messages: `INTEGER`, `SMALLINT`, `DECIMAL(10,2)`, `VARCHAR(5)`... */
  readonly name: string;
  /** For Integer targets, the bit width whose range is checked (16 or 64); otherwise null. */
  readonly integerBits: 16 | 64 | null;
  /** For `VARCHAR(n)`, n (longer text is truncated, as PostgreSQL does for explicit casts); otherwise null. */
  readonly maxLength: number | null;
}

/** Unparseable type text, with the offset of the problem. */
export class TypeSyntaxError extends SyntaxError {
  /** The whole text. */
  readonly text: string;
  /** UTF-16 offset of the problem. */
  readonly offset: number;

  /**
   * Creates a TypeSyntaxError.
   *
   * @param text the type text
   * @param offset where it goes wrong
   * @param reason what is wrong
   * @example
   * ```ts
   * import { TypeSyntaxError } from "./target_type.ts";
   * const e = new TypeSyntaxError("FOO", 0, "unknown type FOO");
   * if (e.message !== 'Cannot parse type "FOO" at offset 0: unknown type FOO') throw new Error();
   * ```
   */
  constructor(text: string, offset: number, reason: string) {
    super(`Cannot parse type ${JSON.stringify(text)} at offset ${offset}: ${reason}`);
    this.name = "TypeSyntaxError";
    this.text = text;
    this.offset = offset;
  }
}

function target(type: DataType, name: string = typeName(type), integerBits: 16 | 64 | null = null): TargetType {
  return Object.freeze({ type, name, integerBits, maxLength: null });
}

const SIMPLE: Record<string, TargetType> = {};
const INTEGER = target(Types.Integer, "INTEGER", 64);
for (const w of ["INTEGER", "INT", "BIGINT", "INT8", "INT64", "LONG"]) SIMPLE[w] = INTEGER;
const SMALLINT = target(Types.Integer, "SMALLINT", 16);
for (const w of ["SMALLINT", "INT2"]) SIMPLE[w] = SMALLINT;
const FLOAT = target(Types.Float);
for (const w of ["DOUBLE", "FLOAT", "FLOAT8", "FLOAT64", "REAL", "FLOAT4", "DOUBLE PRECISION"]) SIMPLE[w] = FLOAT;
const STRING = target(Types.String);
for (const w of ["VARCHAR", "TEXT", "STRING", "CHARACTER VARYING"]) SIMPLE[w] = STRING;
const BOOLEAN = target(Types.Boolean);
for (const w of ["BOOLEAN", "BOOL"]) SIMPLE[w] = BOOLEAN;
SIMPLE["DATE"] = target(Types.Date);
SIMPLE["TIMESTAMP"] = SIMPLE["TIMESTAMP WITHOUT TIME ZONE"] = target(Types.Timestamp);
SIMPLE["INTERVAL"] = target(Types.Interval);

const PARAMETERISED = new Set(["DECIMAL", "NUMERIC", "DEC", "SCALED", "VARCHAR", "CHARACTER VARYING"]);

interface Token {
  readonly text: string;
  readonly at: number;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (/[A-Za-z0-9_]/.test(c)) {
      const s = i;
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      out.push({ text: text.slice(s, i).toUpperCase(), at: s });
    } else if (c === "(" || c === ")" || c === ",") {
      out.push({ text: c, at: i++ });
    } else {
      throw new TypeSyntaxError(text, i, `unexpected ${JSON.stringify(c)}`);
    }
  }
  return out;
}

/**
 * Parses the SQL spelling of a CAST target (see the module table).
 *
 * @param text the type text, e.g. `decimal(10, 2)`
 * @returns the frozen target
 * @throws {TypeSyntaxError} for an unknown type, bad parameters or trailing text, with the offset
 * @example
 * ```ts
 * import { parseTargetType } from "./target_type.ts";
 * const t = parseTargetType("numeric(10, 2)");
 * if (t.name !== "DECIMAL(10,2)" || parseTargetType("int").name !== "INTEGER") throw new Error();
 * ```
 */
export function parseTargetType(text: string): TargetType {
  const toks = tokenize(text);
  if (toks.length === 0) throw new TypeSyntaxError(text, 0, "expected a type name");
  let k = 0;
  if (toks[0].text === "(" || toks[0].text === ")" || toks[0].text === ",") {
    throw new TypeSyntaxError(text, toks[0].at, `expected a type name, found ${JSON.stringify(toks[0].text)}`);
  }
  // Longest multi-word name first.
  let name = toks[0].text;
  k = 1;
  for (const words of [4, 3, 2]) {
    if (toks.length >= words) {
      const cand = toks.slice(0, words).map((t) => t.text).join(" ");
      if (SIMPLE[cand] !== undefined || PARAMETERISED.has(cand)) {
        name = cand;
        k = words;
        break;
      }
    }
  }
  const params: number[] = [];
  const paramAt: number[] = [];
  if (k < toks.length && toks[k].text === "(") {
    k++;
    for (;;) {
      const t = toks[k];
      if (t === undefined) throw new TypeSyntaxError(text, text.length, "expected a number");
      if (!/^[0-9]+$/.test(t.text)) {
        throw new TypeSyntaxError(text, t.at, `expected a number, found ${JSON.stringify(t.text)}`);
      }
      params.push(Number(t.text));
      paramAt.push(t.at);
      k++;
      const sep = toks[k];
      if (sep === undefined) throw new TypeSyntaxError(text, text.length, 'expected ")"');
      k++;
      if (sep.text === ")") break;
      if (sep.text !== ",") {
        throw new TypeSyntaxError(text, sep.at, `expected "," or ")", found ${JSON.stringify(sep.text)}`);
      }
    }
  }
  if (k < toks.length) {
    throw new TypeSyntaxError(text, toks[k].at, `unexpected ${JSON.stringify(text.slice(toks[k].at).trimEnd())}`);
  }
  const tooMany = (n: number): void => {
    if (params.length > n) {
      throw new TypeSyntaxError(text, paramAt[n], `${name} takes at most ${n} parameter${n === 1 ? "" : "s"}`);
    }
  };
  switch (name) {
    case "DECIMAL":
    case "NUMERIC":
    case "DEC": {
      tooMany(2);
      const p = params[0] ?? MAX_DECIMAL_PRECISION;
      const s = params[1] ?? 0;
      if (p < 1 || p > MAX_DECIMAL_PRECISION) {
        throw new TypeSyntaxError(text, paramAt[0], `precision ${p} is out of range 1-${MAX_DECIMAL_PRECISION}`);
      }
      if (s > p) throw new TypeSyntaxError(text, paramAt[1], `scale ${s} is out of range 0-${p}`);
      return target(decimalType(p, s));
    }
    case "SCALED": {
      if (params.length === 0) throw new TypeSyntaxError(text, text.length, "SCALED needs a scale: SCALED(s)");
      tooMany(1);
      if (params[0] > MAX_SCALE) {
        throw new TypeSyntaxError(text, paramAt[0], `scale ${params[0]} is out of range 0-${MAX_SCALE}`);
      }
      return target(scaledType(params[0]));
    }
    case "VARCHAR":
    case "CHARACTER VARYING": {
      if (params.length === 0) return STRING;
      tooMany(1);
      if (params[0] < 1) throw new TypeSyntaxError(text, paramAt[0], `length ${params[0]} must be at least 1`);
      return Object.freeze({
        type: Types.String,
        name: `VARCHAR(${params[0]})`,
        integerBits: null,
        maxLength: params[0],
      });
    }
  }
  const simple = SIMPLE[name];
  if (simple === undefined) throw new TypeSyntaxError(text, toks[0].at, `unknown type ${name}`);
  if (params.length > 0) throw new TypeSyntaxError(text, paramAt[0], `${name} takes no parameters`);
  return simple;
}

/**
 * The CAST target of a scalar DataType (Integer is the full i64; String has no length limit).
 *
 * @param type a scalar type
 * @returns the target
 * @throws {TypeError} for Null, Array, Map and Struct
 * @example
 * ```ts
 * import { targetOf } from "./target_type.ts";
 * import { scaledType } from "./data_type.ts";
 * if (targetOf(scaledType(2)).name !== "SCALED(2)") throw new Error();
 * ```
 */
export function targetOf(type: DataType): TargetType {
  switch (type.kind) {
    case "integer":
      return INTEGER;
    case "float":
      return FLOAT;
    case "string":
      return STRING;
    case "boolean":
      return BOOLEAN;
    case "date":
    case "timestamp":
    case "interval":
      return SIMPLE[type.kind.toUpperCase()];
    case "scaled":
    case "decimal":
      return target(type);
    default:
      throw new TypeError(`Cannot cast to ${typeName(type)}: casts target scalar types only`);
  }
}
