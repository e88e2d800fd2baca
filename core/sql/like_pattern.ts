/**
 * SQL LIKE patterns: `%` matches any run of characters, `_` exactly one, and the escape character makes the
 * next character literal. Compiled to an anchored RegExp (no eval).
 *
 * @module
 */

const SPECIAL = /[.*+?^${}()|[\]\\/]/;

/**
 * Compiles a LIKE pattern to a matcher.
 *
 * @param pattern the pattern
 * @param escape the escape character, or "" for none (the SQL default here is backslash; pass it explicitly)
 * @returns a RegExp that tests a whole string
 * @throws {RangeError} when the pattern ends with the escape character
 * @example
 * ```ts
 * import { likeToRegExp } from "./like_pattern.ts";
 * const re = likeToRegExp("50!%%", "!");
 * if (!re.test("50% off") || re.test("500 off")) throw new Error();
 * ```
 */
export function likeToRegExp(pattern: string, escape: string): RegExp {
  let src = "^";
  for (let i = 0; i < pattern.length; i++) {
    let ch = pattern[i];
    if (escape !== "" && ch === escape) {
      if (i === pattern.length - 1) throw new RangeError(`LIKE pattern '${pattern}' ends with the escape character`);
      ch = pattern[++i];
      src += SPECIAL.test(ch) ? "\\" + ch : ch;
      continue;
    }
    if (ch === "%") src += "[\\s\\S]*";
    else if (ch === "_") src += "[\\s\\S]";
    else src += SPECIAL.test(ch) ? "\\" + ch : ch;
  }
  return new RegExp(src + "$", "u");
}
