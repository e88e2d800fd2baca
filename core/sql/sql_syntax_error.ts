/**
 * SqlSyntaxError: SQL text that cannot be tokenized or parsed, with its position and a caret snippet.
 *
 * @module
 */

/** Where an offset of SQL text is: its 1-based line and column, and that line with a caret under the column. */
export interface SqlPosition {
  /** The offset, clamped to the text. */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (in UTF-16 code units). */
  readonly column: number;
  /** The line (without a trailing CR) and a caret line under the column, each indented two spaces. */
  readonly snippet: string;
}

/**
 * The line, column and caret snippet of an offset in SQL text (what SqlSyntaxError shows, and what a bind error can
 * be shown with).
 *
 * @param text the SQL text
 * @param offset 0-based offset (clamped to the text)
 * @returns the position
 * @example
 * ```ts
 * import { sqlPosition } from "./sql_syntax_error.ts";
 * const p = sqlPosition("a = 1 AND\n  b > 2", 12);
 * if (p.line !== 2 || p.column !== 3 || p.snippet !== "    b > 2\n    ^") throw new Error(p.snippet);
 * ```
 */
export function sqlPosition(text: string, offset: number): SqlPosition {
  const pos = Math.max(0, Math.min(offset, text.length));
  let line = 1, lineStart = 0;
  for (let i = 0; i < pos; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = text.indexOf("\n", lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const column = pos - lineStart + 1;
  const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, "");
  return { offset: pos, line, column, snippet: `  ${lineText}\n  ${" ".repeat(column - 1)}^` };
}

/** SQL text that does not follow the grammar. `message` names the problem, the line and column, and shows a caret. */
export class SqlSyntaxError extends SyntaxError {
  /** 0-based offset of the offending character in the text. */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (in UTF-16 code units). */
  readonly column: number;
  /** The offending line followed by a caret line pointing at the column. */
  readonly snippet: string;
  /** The problem alone, without position or snippet. */
  readonly reason: string;

  /**
   * Creates a SqlSyntaxError.
   *
   * @param reason what is wrong, e.g. `Expected ")" but found end of input`
   * @param text the whole SQL text
   * @param offset 0-based offset of the problem in `text`
   * @example
   * ```ts
   * import { SqlSyntaxError } from "./sql_syntax_error.ts";
   * const e = new SqlSyntaxError("Unexpected character \"#\"", "a = #", 4);
   * if (e.message !== "Unexpected character \"#\" at line 1, column 5\n  a = #\n      ^") throw new Error(e.message);
   * ```
   */
  constructor(reason: string, text: string, offset: number) {
    const { offset: pos, line, column, snippet } = sqlPosition(text, offset);
    super(`${reason} at line ${line}, column ${column}\n${snippet}`);
    this.name = "SqlSyntaxError";
    this.offset = pos;
    this.line = line;
    this.column = column;
    this.snippet = snippet;
    this.reason = reason;
  }
}
