/**
 * UriParams: the query parameters of a DataSourceUri, repeatable and ordered, with typed getters.
 *
 * @module
 */

import { UriError } from "./uri_error.ts";

/** One decoded `name=value` pair and where its value starts in the URI text. */
export interface UriParam {
  /** Decoded name. */
  readonly name: string;
  /** Decoded value ("" for a bare `name`). */
  readonly value: string;
  /** Offset of the value in the URI text (-1 when built in code). */
  readonly offset: number;
}

/** Bounds of UriParams.integer. */
export interface IntegerRange {
  /** Smallest allowed value (default Number.MIN_SAFE_INTEGER). */
  min?: number;
  /** Largest allowed value (default Number.MAX_SAFE_INTEGER). */
  max?: number;
}

const TRUE_WORDS = new Set(["true", "1", "yes", "on"]);
const FALSE_WORDS = new Set(["false", "0", "no", "off"]);

/** The value of 1 to 15 ASCII digits (exact in a double), else -1: the common case of integer() without a regex. */
function plainDigits(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Ordered, repeatable query parameters. Typed getters fail with a UriError pointing at the value. */
export class UriParams {
  /** The parameters in order of appearance. */
  readonly entries: readonly UriParam[];
  /** The URI text they came from ("" when built in code). */
  readonly input: string;

  /**
   * Creates an UriParams.
   *
   * @param entries the parameters in order
   * @param input the URI text (for error positions)
   * @example
   * ```ts
   * import { UriParams } from "./uri_params.ts";
   * const p = new UriParams([{ name: "n", value: "5", offset: -1 }]);
   * if (p.integer("n") !== 5) throw new Error();
   * ```
   */
  constructor(entries: readonly UriParam[], input = "") {
    this.entries = entries;
    this.input = input;
  }

  /** Number of parameters (repeats counted). */
  get size(): number {
    return this.entries.length;
  }

  /**
   * The last value of a parameter.
   *
   * @param name parameter name (exact)
   * @returns the value, or undefined when absent
   */
  get(name: string): string | undefined {
    const e = this.#last(name);
    return e === undefined ? undefined : e.value;
  }

  /**
   * Every value of a repeated parameter, in order.
   *
   * @param name parameter name
   * @returns the values (empty when absent)
   */
  getAll(name: string): string[] {
    const out: string[] = [];
    for (const e of this.entries) if (e.name === name) out.push(e.value);
    return out;
  }

  /**
   * Whether a parameter is present.
   *
   * @param name parameter name
   * @returns true when present
   */
  has(name: string): boolean {
    return this.#last(name) !== undefined;
  }

  /**
   * The parameter names in first-appearance order.
   *
   * @returns the distinct names in order of first appearance
   */
  names(): string[] {
    return [...new Set(this.entries.map((e) => e.name))];
  }

  #last(name: string): UriParam | undefined {
    const es = this.entries;
    for (let i = es.length - 1; i >= 0; i--) if (es[i].name === name) return es[i];
    return undefined;
  }

  #fail(e: UriParam, what: string): never {
    throw new UriError(this.input, Math.max(0, e.offset), `parameter "${e.name}" ${what}, got "${e.value}"`);
  }

  /**
   * A string parameter.
   *
   * @param name parameter name
   * @param fallback value when absent
   * @returns the value or the fallback
   */
  string(name: string, fallback: string): string {
    return this.get(name) ?? fallback;
  }

  /**
   * An integer parameter (decimal digits, optional sign, `_` separators, safe-integer range).
   *
   * @param name parameter name
   * @param fallback value when absent (undefined: absent is undefined)
   * @param range allowed `min` and `max` (default the safe-integer range)
   * @returns the integer
   * @throws {UriError} when the value is not an integer in range
   * @example
   * ```ts
   * import { parseUri } from "./parse_uri.ts";
   * if (parseUri("gen://trades?n=10").params.integer("n", 1, { min: 0 }) !== 10) throw new Error();
   * ```
   */
  integer(name: string, fallback: number, range?: IntegerRange): number;
  /** The value of a parameter as an integer within an optional range. */
  integer(name: string, fallback?: number, range?: IntegerRange): number | undefined;
  integer(name: string, fallback?: number, range?: IntegerRange): number | undefined {
    const e = this.#last(name);
    if (e === undefined) return fallback;
    const min = range?.min ?? Number.MIN_SAFE_INTEGER, max = range?.max ?? Number.MAX_SAFE_INTEGER;
    const d = plainDigits(e.value);
    if (d >= 0 && d >= min && d <= max) return d;
    const v = e.value.replaceAll("_", "");
    if (!/^[+-]?\d+$/.test(v)) this.#fail(e, "must be an integer");
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) this.#fail(e, `must be an integer ${min}..${max}`);
    return n;
  }

  /**
   * A finite number parameter.
   *
   * @param name parameter name
   * @param fallback value when absent
   * @returns the number
   * @throws {UriError} when the value is not a finite number
   */
  number(name: string, fallback: number): number;
  /** The value of a parameter as a finite number. */
  number(name: string, fallback?: number): number | undefined;
  number(name: string, fallback?: number): number | undefined {
    const e = this.#last(name);
    if (e === undefined) return fallback;
    const n = e.value.trim() === "" ? NaN : Number(e.value);
    if (!Number.isFinite(n)) this.#fail(e, "must be a number");
    return n;
  }

  /**
   * A boolean parameter: true/1/yes/on or false/0/no/off (case-insensitive); a bare `name` is true.
   *
   * @param name parameter name
   * @param fallback value when absent
   * @returns the boolean
   * @throws {UriError} on any other value
   */
  boolean(name: string, fallback: boolean): boolean;
  /** The value of a parameter as a boolean (true/false/1/0/yes/no/on/off; a bare name is true), or undefined. */
  boolean(name: string, fallback?: boolean): boolean | undefined;
  boolean(name: string, fallback?: boolean): boolean | undefined {
    const e = this.#last(name);
    if (e === undefined) return fallback;
    const w = e.value;
    if (w === "" || w === "true" || w === "1") return true;
    if (w === "false" || w === "0") return false;
    const v = w.toLowerCase();
    if (TRUE_WORDS.has(v)) return true;
    if (FALSE_WORDS.has(v)) return false;
    return this.#fail(e, "must be true or false");
  }

  /**
   * A parameter restricted to a set of words.
   *
   * @param name parameter name
   * @param choices allowed values
   * @param fallback value when absent
   * @returns the value
   * @throws {UriError} naming the allowed values
   */
  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T;
  /** The value of a parameter that must be one of the given choices. */
  oneOf<T extends string>(name: string, choices: readonly T[], fallback?: T): T | undefined;
  oneOf<T extends string>(name: string, choices: readonly T[], fallback?: T): T | undefined {
    const e = this.#last(name);
    if (e === undefined) return fallback;
    if (!(choices as readonly string[]).includes(e.value)) this.#fail(e, `must be one of ${choices.join(", ")}`);
    return e.value as T;
  }
}
