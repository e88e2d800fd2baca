/**
 * Sluice's logical data types: plain data, a discriminated union on `kind`.
 *
 * The type of a value comes from its schema, never from its JavaScript representation: an Integer 1 and a
 * Float 1 are both the JS number 1 in a row, but their columns carry different types.
 *
 * @module
 */

/** Largest scale a ScaledInteger may carry (10^18 still fits in an i64). */
export const MAX_SCALE = 18;
/** Largest precision of a Decimal. */
export const MAX_DECIMAL_PRECISION = 38;

/** SQL NULL as a type (a column whose every value is null). */
export interface NullType {
  /** Discriminant. */
  readonly kind: "null";
}
/** TRUE / FALSE. */
export interface BooleanType {
  /** Discriminant. */
  readonly kind: "boolean";
}
/** Exact signed 64-bit integer. */
export interface IntegerType {
  /** Discriminant. */
  readonly kind: "integer";
}
/** IEEE-754 binary64. */
export interface FloatType {
  /** Discriminant. */
  readonly kind: "float";
}
/** UTF-16 text. */
export interface StringType {
  /** Discriminant. */
  readonly kind: "string";
}
/** An i64 count of 10^-scale units: money. */
export interface ScaledIntegerType {
  /** Discriminant. */
  readonly kind: "scaled";
  /** Decimal digits after the point, 0..18. */
  readonly scale: number;
}
/** Exact decimal up to 38 digits, bigint-backed. */
export interface DecimalType {
  /** Discriminant. */
  readonly kind: "decimal";
  /** Total significant digits, 1..38. */
  readonly precision: number;
  /** Digits after the point, 0..precision. */
  readonly scale: number;
}
/** A calendar date (days since 1970-01-01). */
export interface DateType {
  /** Discriminant. */
  readonly kind: "date";
}
/** A point in time as epoch microseconds, no zone. */
export interface TimestampType {
  /** Discriminant. */
  readonly kind: "timestamp";
}
/** A span of months, days and microseconds. */
export interface IntervalType {
  /** Discriminant. */
  readonly kind: "interval";
}
/** A list of values of one type. */
export interface ArrayType {
  /** Discriminant. */
  readonly kind: "array";
  /** Type of every element. */
  readonly element: DataType;
}
/** Key -> value pairs with typed keys and values. */
export interface MapType {
  /** Discriminant. */
  readonly kind: "map";
  /** Type of the keys. */
  readonly key: DataType;
  /** Type of the values. */
  readonly value: DataType;
}
/** A named, typed field of a struct or schema. */
export interface Field {
  /** Field name (case preserved; SQL resolves it case-insensitively). */
  readonly name: string;
  /** Field type. */
  readonly type: DataType;
  /** Whether the field may hold NULL. */
  readonly nullable: boolean;
}
/** A record of named, typed fields. */
export interface StructType {
  /** Discriminant. */
  readonly kind: "struct";
  /** Fields in order. */
  readonly fields: readonly Field[];
}

/** Every Sluice data type. */
export type DataType =
  | NullType
  | BooleanType
  | IntegerType
  | FloatType
  | StringType
  | ScaledIntegerType
  | DecimalType
  | DateType
  | TimestampType
  | IntervalType
  | ArrayType
  | MapType
  | StructType;

/** The `kind` tag of a DataType. */
export type TypeKind = DataType["kind"];

/** Shared constants for the types without parameters. */
export const Types: {
  readonly Null: NullType;
  readonly Boolean: BooleanType;
  readonly Integer: IntegerType;
  readonly Float: FloatType;
  readonly String: StringType;
  readonly Date: DateType;
  readonly Timestamp: TimestampType;
  readonly Interval: IntervalType;
} = Object.freeze(
  {
    Null: Object.freeze({ kind: "null" }),
    Boolean: Object.freeze({ kind: "boolean" }),
    Integer: Object.freeze({ kind: "integer" }),
    Float: Object.freeze({ kind: "float" }),
    String: Object.freeze({ kind: "string" }),
    Date: Object.freeze({ kind: "date" }),
    Timestamp: Object.freeze({ kind: "timestamp" }),
    Interval: Object.freeze({ kind: "interval" }),
  } as const,
);

const SCALED_TYPES: ScaledIntegerType[] = [];
for (let s = 0; s <= MAX_SCALE; s++) SCALED_TYPES.push(Object.freeze({ kind: "scaled", scale: s }));

/**
 * The ScaledInteger type of a scale (one shared object per scale).
 *
 * @param scale digits after the point, an integer 0..18
 * @returns the shared type object
 * @throws {RangeError} when the scale is outside 0..18
 * @example
 * ```ts
 * import { scaledType } from "./data_type.ts";
 * if (scaledType(2).scale !== 2) throw new Error();
 * ```
 */
export function scaledType(scale: number): ScaledIntegerType {
  const t = SCALED_TYPES[scale];
  if (t === undefined || !Number.isInteger(scale)) {
    throw new RangeError(`ScaledInteger scale must be an integer 0..${MAX_SCALE}, got ${scale}`);
  }
  return t;
}

/**
 * A Decimal type.
 *
 * @param precision total digits, 1..38
 * @param scale digits after the point, 0..precision
 * @returns the type
 * @throws {RangeError} on precision or scale out of range
 * @example
 * ```ts
 * import { decimalType } from "./data_type.ts";
 * if (decimalType(10, 2).precision !== 10) throw new Error();
 * ```
 */
export function decimalType(precision: number, scale: number): DecimalType {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_DECIMAL_PRECISION) {
    throw new RangeError(`Decimal precision must be an integer 1..${MAX_DECIMAL_PRECISION}, got ${precision}`);
  }
  if (!Number.isInteger(scale) || scale < 0 || scale > precision) {
    throw new RangeError(`Decimal scale must be an integer 0..${precision}, got ${scale}`);
  }
  return Object.freeze({ kind: "decimal", precision, scale });
}

/**
 * An Array type.
 *
 * @param element type of every element
 * @returns the type
 * @example
 * ```ts
 * import { arrayType, Types } from "./data_type.ts";
 * if (arrayType(Types.Integer).element.kind !== "integer") throw new Error();
 * ```
 */
export function arrayType(element: DataType): ArrayType {
  return Object.freeze({ kind: "array", element });
}

/**
 * A Map type.
 *
 * @param key type of the keys
 * @param value type of the values
 * @returns the type
 * @example
 * ```ts
 * import { mapType, Types } from "./data_type.ts";
 * if (mapType(Types.String, Types.Float).value.kind !== "float") throw new Error();
 * ```
 */
export function mapType(key: DataType, value: DataType): MapType {
  return Object.freeze({ kind: "map", key, value });
}

/**
 * A Struct type.
 *
 * @param fields the fields in order; names must be unique (case-insensitively)
 * @returns the type
 * @throws {RangeError} on a duplicate field name
 * @example
 * ```ts
 * import { field, structType, Types } from "./data_type.ts";
 * if (structType([field("a", Types.Integer)]).fields.length !== 1) throw new Error();
 * ```
 */
export function structType(fields: readonly Field[]): StructType {
  const seen = new Set<string>();
  for (const f of fields) {
    const k = f.name.toLowerCase();
    if (seen.has(k)) throw new RangeError(`Duplicate field name "${f.name}" in struct type`);
    seen.add(k);
  }
  return Object.freeze({ kind: "struct", fields: Object.freeze([...fields]) });
}

/**
 * A Field.
 *
 * @param name field name
 * @param type field type
 * @param nullable whether NULL is allowed (default true)
 * @returns the field
 * @example
 * ```ts
 * import { field, Types } from "./data_type.ts";
 * if (field("id", Types.Integer, false).nullable) throw new Error();
 * ```
 */
export function field(name: string, type: DataType, nullable = true): Field {
  return Object.freeze({ name, type, nullable });
}

/**
 * The SQL spelling of a type: `INTEGER`, `DECIMAL(10,2)`, `SCALED(4)`, `ARRAY<INTEGER>`...
 *
 * @param type the type
 * @returns its display name
 * @example
 * ```ts
 * import { scaledType, typeName } from "./data_type.ts";
 * if (typeName(scaledType(4)) !== "SCALED(4)") throw new Error();
 * ```
 */
export function typeName(type: DataType): string {
  switch (type.kind) {
    case "null":
      return "NULL";
    case "boolean":
      return "BOOLEAN";
    case "integer":
      return "INTEGER";
    case "float":
      return "FLOAT";
    case "string":
      return "STRING";
    case "scaled":
      return `SCALED(${type.scale})`;
    case "decimal":
      return `DECIMAL(${type.precision},${type.scale})`;
    case "date":
      return "DATE";
    case "timestamp":
      return "TIMESTAMP";
    case "interval":
      return "INTERVAL";
    case "array":
      return `ARRAY<${typeName(type.element)}>`;
    case "map":
      return `MAP<${typeName(type.key)},${typeName(type.value)}>`;
    case "struct":
      return `STRUCT<${type.fields.map((f) => `${f.name} ${typeName(f.type)}`).join(",")}>`;
  }
}

/**
 * Structural type equality.
 *
 * @param a first type
 * @param b second type
 * @returns true when both describe the same type
 * @example
 * ```ts
 * import { scaledType, typeEquals } from "./data_type.ts";
 * if (!typeEquals(scaledType(2), { kind: "scaled", scale: 2 })) throw new Error();
 * ```
 */
export function typeEquals(a: DataType, b: DataType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "scaled":
      return a.scale === (b as ScaledIntegerType).scale;
    case "decimal":
      return a.precision === (b as DecimalType).precision && a.scale === (b as DecimalType).scale;
    case "array":
      return typeEquals(a.element, (b as ArrayType).element);
    case "map":
      return typeEquals(a.key, (b as MapType).key) && typeEquals(a.value, (b as MapType).value);
    case "struct": {
      const bf = (b as StructType).fields;
      if (a.fields.length !== bf.length) return false;
      for (let i = 0; i < bf.length; i++) {
        const x = a.fields[i], y = bf[i];
        if (x.name !== y.name || x.nullable !== y.nullable || !typeEquals(x.type, y.type)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

/**
 * Whether a type is numeric (Integer, Float, ScaledInteger or Decimal).
 *
 * @param type the type
 * @returns true for numeric types
 * @example
 * ```ts
 * import { isNumericType, Types } from "./data_type.ts";
 * if (!isNumericType(Types.Float)) throw new Error();
 * ```
 */
export function isNumericType(type: DataType): boolean {
  const k = type.kind;
  return k === "integer" || k === "float" || k === "scaled" || k === "decimal";
}
