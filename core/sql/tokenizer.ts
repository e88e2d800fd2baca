/**
 * The SQL tokenizer: text -> tokens. Keywords and unquoted identifiers are case-insensitive; 'single quotes'
 * delimit strings ('' is a quote inside), "double quotes" delimit identifiers ("" is a quote inside); `--` and
 * `/* *\/` are comments.
 *
 * @module
 */

import { SqlSyntaxError } from "./sql_syntax_error.ts";

/** Token kinds. */
export const TokenKind = {
  /** An unquoted identifier (value as written; it matches case-insensitively). */
  Identifier: "identifier",
  /** A "double quoted" identifier (value exact). */
  QuotedIdentifier: "quoted",
  /** A reserved word (value upper-cased). */
  Keyword: "keyword",
  /** A numeric literal (value is the text as written). */
  Number: "number",
  /** A 'string' literal (value unescaped). */
  String: "string",
  /** An operator or punctuation (value is its canonical spelling; `<>` becomes `!=`). */
  Operator: "operator",
  /** End of input. */
  End: "end",
} as const;

/** A token kind. */
export type TokenKind = typeof TokenKind[keyof typeof TokenKind];

/** One token: plain data. */
export interface Token {
  /** What kind of token. */
  readonly kind: TokenKind;
  /** Its value (see TokenKind for the normalisation of each kind). */
  readonly value: string;
  /** 0-based offset of its first character. */
  readonly start: number;
  /** 0-based offset just past its last character. */
  readonly end: number;
}

/** Reserved words of Sluice SQL (matched case-insensitively). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  "AND",
  "OR",
  "NOT",
  "IN",
  "BETWEEN",
  "LIKE",
  "ESCAPE",
  "IS",
  "NULL",
  "TRUE",
  "FALSE",
  "SELECT",
  "FROM",
  "WHERE",
  "GROUP",
  "BY",
  "HAVING",
  "ORDER",
  "LIMIT",
  "AS",
  "CAST",
  "CASE",
  "WHEN",
  "THEN",
  "ELSE",
  "END",
  "DISTINCT",
  "JOIN",
  "ON",
]);

const OPERATORS2 = new Set(["<=", ">=", "<>", "!=", "||"]);
const OPERATORS1 = "=<>+-*/%(),.";

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Splits SQL text into tokens, ending with one `end` token.
 *
 * @param text the SQL text
 * @returns the tokens
 * @throws {SqlSyntaxError} on an unterminated string, identifier or comment, or a character outside the grammar
 * @example
 * ```ts
 * import { tokenize } from "./tokenizer.ts";
 * const t = tokenize("Price <> 1.5");
 * if (t.map((x) => x.value).join(" ") !== "Price != 1.5 ") throw new Error();
 * ```
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      i++;
      continue;
    }
    const start = i;
    if (c === 45 && text.charCodeAt(i + 1) === 45) { // -- comment
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) { // /* comment */
      const e = text.indexOf("*/", i + 2);
      if (e < 0) throw new SqlSyntaxError("Unterminated comment", text, start);
      i = e + 2;
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      const upper = word.toUpperCase();
      if (KEYWORDS.has(upper)) out.push({ kind: TokenKind.Keyword, value: upper, start, end: i });
      else out.push({ kind: TokenKind.Identifier, value: word, start, end: i });
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      const e = text.charCodeAt(i);
      if (e === 101 || e === 69) {
        let j = i + 1;
        const s = text.charCodeAt(j);
        if (s === 43 || s === 45) j++;
        if (!isDigit(text.charCodeAt(j))) {
          throw new SqlSyntaxError(`Malformed number "${text.slice(start, j)}": the exponent has no digits`, text, j);
        }
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        i = j;
      }
      if (i < n && isIdentStart(text.charCodeAt(i))) {
        throw new SqlSyntaxError(`Malformed number "${text.slice(start, i + 1)}"`, text, i);
      }
      out.push({ kind: TokenKind.Number, value: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === 39 || c === 34) { // 'string' or "identifier"
      let value = "";
      i++;
      for (;;) {
        const q = text.indexOf(c === 39 ? "'" : '"', i);
        if (q < 0) {
          throw new SqlSyntaxError(
            c === 39 ? "Unterminated string literal" : "Unterminated quoted identifier",
            text,
            start,
          );
        }
        value += text.slice(i, q);
        if (text.charCodeAt(q + 1) === c) {
          value += c === 39 ? "'" : '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (c === 34 && value.length === 0) throw new SqlSyntaxError("Empty quoted identifier", text, start);
      out.push({ kind: c === 39 ? TokenKind.String : TokenKind.QuotedIdentifier, value, start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (OPERATORS2.has(two)) {
      out.push({ kind: TokenKind.Operator, value: two === "<>" ? "!=" : two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if (OPERATORS1.indexOf(text[i]) >= 0) {
      out.push({ kind: TokenKind.Operator, value: text[i], start, end: i + 1 });
      i++;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    throw new SqlSyntaxError(`Unexpected character ${JSON.stringify(ch)}`, text, start);
  }
  out.push({ kind: TokenKind.End, value: "", start: n, end: n });
  return out;
}

/**
 * The normalised text of SQL: tokens joined by single spaces, keywords upper-cased, unquoted identifiers
 * lower-cased, comments dropped. Two texts with the same normalised form mean the same query.
 *
 * @param text the SQL text
 * @returns the normalised text
 * @throws {SqlSyntaxError} when the text cannot be tokenized
 * @example
 * ```ts
 * import { normalizeSql } from "./tokenizer.ts";
 * if (normalizeSql("status='a'  and  ID>1") !== "status = 'a' AND id > 1") throw new Error();
 * ```
 */
export function normalizeSql(text: string): string {
  const toks = tokenize(text);
  const parts: string[] = [];
  for (const t of toks) {
    switch (t.kind) {
      case TokenKind.String:
        parts.push(`'${t.value.replaceAll("'", "''")}'`);
        break;
      case TokenKind.QuotedIdentifier:
        parts.push(`"${t.value.replaceAll('"', '""')}"`);
        break;
      case TokenKind.Identifier:
        parts.push(t.value.toLowerCase());
        break;
      case TokenKind.End:
        break;
      default:
        parts.push(t.value);
    }
  }
  return parts.join(" ");
}
