/**
 * The SQL expression parser: tokens -> AST (plain data). Precedence, loosest first: OR; AND; NOT; comparison
 * (`= != <> < <= > >=`, `[NOT] BETWEEN`, `[NOT] IN`, `[NOT] LIKE`, `IS [NOT] NULL`); `+ -`; `* / %`; unary `- +`.
 *
 * @module
 */

import type { BinaryOp, Expr } from "./ast.ts";
import { type Token, tokenize, TokenKind } from "./tokenizer.ts";
import { SqlSyntaxError } from "./sql_syntax_error.ts";

const COMPARE_OPS = new Set(["=", "!=", "<", "<=", ">", ">="]);

function describeToken(t: Token): string {
  switch (t.kind) {
    case TokenKind.End:
      return "end of input";
    case TokenKind.String:
      return `string '${t.value}'`;
    case TokenKind.QuotedIdentifier:
      return `"${t.value}"`;
    case TokenKind.Number:
      return `number ${t.value}`;
    default:
      return `"${t.value}"`;
  }
}

/** A cursor over tokens with the recursive-descent rules of the expression grammar. */
class _Parser {
  readonly #text: string;
  readonly #toks: Token[];
  #i = 0;

  constructor(text: string) {
    this.#text = text;
    this.#toks = tokenize(text);
  }

  get #peek(): Token {
    return this.#toks[this.#i];
  }

  #fail(reason: string, t: Token = this.#peek): never {
    throw new SqlSyntaxError(reason, this.#text, t.start);
  }

  #isKeyword(word: string, ahead = 0): boolean {
    const t = this.#toks[this.#i + ahead];
    return t !== undefined && t.kind === TokenKind.Keyword && t.value === word;
  }

  #isOp(op: string): boolean {
    const t = this.#peek;
    return t.kind === TokenKind.Operator && t.value === op;
  }

  #expectOp(op: string, context: string): Token {
    const t = this.#peek;
    if (t.kind !== TokenKind.Operator || t.value !== op) {
      this.#fail(`Expected "${op}" ${context} but found ${describeToken(t)}`);
    }
    this.#i++;
    return t;
  }

  #expectKeyword(word: string, context: string): Token {
    const t = this.#peek;
    if (!this.#isKeyword(word)) this.#fail(`Expected ${word} ${context} but found ${describeToken(t)}`);
    this.#i++;
    return t;
  }

  parseAll(): Expr {
    const e = this.#or();
    const t = this.#peek;
    if (t.kind !== TokenKind.End) this.#fail(`Unexpected ${describeToken(t)} after the end of the expression`);
    return e;
  }

  #or(): Expr {
    let left = this.#and();
    while (this.#isKeyword("OR")) {
      this.#i++;
      const right = this.#and();
      left = { kind: "binary", op: "OR", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  #and(): Expr {
    let left = this.#not();
    while (this.#isKeyword("AND")) {
      this.#i++;
      const right = this.#not();
      left = { kind: "binary", op: "AND", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  #not(): Expr {
    if (this.#isKeyword("NOT")) {
      const t = this.#toks[this.#i++];
      const operand = this.#not();
      return { kind: "unary", op: "NOT", operand, start: t.start, end: operand.end };
    }
    return this.#predicate();
  }

  #predicate(): Expr {
    const left = this.#additive();
    const t = this.#peek;
    if (t.kind === TokenKind.Operator && COMPARE_OPS.has(t.value)) {
      this.#i++;
      const right = this.#additive();
      const e: Expr = { kind: "binary", op: t.value as BinaryOp, left, right, start: left.start, end: right.end };
      const n = this.#peek;
      if (n.kind === TokenKind.Operator && COMPARE_OPS.has(n.value)) {
        this.#fail(`Comparison operators do not chain: use AND between "${t.value}" and "${n.value}"`, n);
      }
      return e;
    }
    if (this.#isKeyword("IS")) {
      this.#i++;
      let negated = false;
      if (this.#isKeyword("NOT")) {
        this.#i++;
        negated = true;
      }
      if (this.#isKeyword("TRUE") || this.#isKeyword("FALSE")) {
        const t = this.#toks[this.#i++];
        return { kind: "isTruth", negated, value: t.value === "TRUE", operand: left, start: left.start, end: t.end };
      }
      if (!this.#isKeyword("NULL")) {
        this.#fail(
          `Expected NULL, TRUE or FALSE after IS${negated ? " NOT" : ""} but found ${describeToken(this.#peek)}`,
        );
      }
      const n = this.#toks[this.#i++];
      return { kind: "isNull", negated, operand: left, start: left.start, end: n.end };
    }
    let negated = false;
    if (
      this.#isKeyword("NOT") &&
      (this.#isKeyword("BETWEEN", 1) || this.#isKeyword("IN", 1) || this.#isKeyword("LIKE", 1))
    ) {
      this.#i++;
      negated = true;
    } else if (this.#isKeyword("NOT")) {
      this.#fail(
        `Expected BETWEEN, IN or LIKE after NOT but found ${describeToken(this.#toks[this.#i + 1])}`,
        this.#toks[this.#i + 1],
      );
    }
    if (this.#isKeyword("BETWEEN")) {
      this.#i++;
      const low = this.#additive();
      this.#expectKeyword("AND", "between the bounds of BETWEEN");
      const high = this.#additive();
      return { kind: "between", negated, operand: left, low, high, start: left.start, end: high.end };
    }
    if (this.#isKeyword("IN")) {
      this.#i++;
      this.#expectOp("(", "after IN");
      const list: Expr[] = [];
      if (this.#isOp(")")) this.#fail("IN needs at least one value");
      for (;;) {
        list.push(this.#or());
        if (this.#isOp(",")) {
          this.#i++;
          continue;
        }
        break;
      }
      const close = this.#expectOp(")", "to close the IN list");
      return { kind: "in", negated, operand: left, list, start: left.start, end: close.end };
    }
    if (this.#isKeyword("LIKE")) {
      this.#i++;
      const pattern = this.#additive();
      let escape: Expr | null = null;
      if (this.#isKeyword("ESCAPE")) {
        this.#i++;
        escape = this.#additive();
      }
      const end = escape === null ? pattern.end : escape.end;
      return { kind: "like", negated, operand: left, pattern, escape, start: left.start, end };
    }
    return left;
  }

  #additive(): Expr {
    let left = this.#multiplicative();
    while (this.#isOp("+") || this.#isOp("-")) {
      const op = this.#toks[this.#i++].value as BinaryOp;
      const right = this.#multiplicative();
      left = { kind: "binary", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  #multiplicative(): Expr {
    let left = this.#unary();
    while (this.#isOp("*") || this.#isOp("/") || this.#isOp("%")) {
      const op = this.#toks[this.#i++].value as BinaryOp;
      const right = this.#unary();
      left = { kind: "binary", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  #unary(): Expr {
    if (this.#isOp("-") || this.#isOp("+")) {
      const t = this.#toks[this.#i++];
      const operand = this.#unary();
      return { kind: "unary", op: t.value as "-" | "+", operand, start: t.start, end: operand.end };
    }
    return this.#primary();
  }

  #primary(): Expr {
    const t = this.#peek;
    switch (t.kind) {
      case TokenKind.Number: {
        this.#i++;
        const v = t.value;
        const type = /[eE]/.test(v) ? "float" : v.includes(".") ? "decimal" : "integer";
        return { kind: "literal", type, text: v, start: t.start, end: t.end };
      }
      case TokenKind.String:
        this.#i++;
        return { kind: "literal", type: "string", text: t.value, start: t.start, end: t.end };
      case TokenKind.Identifier:
      case TokenKind.QuotedIdentifier: {
        this.#i++;
        if (t.kind === TokenKind.Identifier && this.#isOp("(")) return this.#call(t);
        const typed = t.kind === TokenKind.Identifier ? t.value.toUpperCase() : "";
        const next = this.#peek;
        if ((typed === "DATE" || typed === "TIMESTAMP") && next.kind === TokenKind.String) {
          // a typed literal; a column named date or timestamp is still a column anywhere else
          this.#i++;
          const type = typed === "DATE" ? "date" : "timestamp";
          return { kind: "literal", type, text: next.value, start: t.start, end: next.end };
        }
        return {
          kind: "column",
          name: t.value,
          quoted: t.kind === TokenKind.QuotedIdentifier,
          start: t.start,
          end: t.end,
        };
      }
      case TokenKind.Keyword:
        if (t.value === "TRUE" || t.value === "FALSE") {
          this.#i++;
          return { kind: "literal", type: "boolean", text: t.value, start: t.start, end: t.end };
        }
        if (t.value === "NULL") {
          this.#i++;
          return { kind: "literal", type: "null", text: "NULL", start: t.start, end: t.end };
        }
        break;
      case TokenKind.Operator:
        if (t.value === "(") {
          this.#i++;
          const e = this.#or();
          const close = this.#expectOp(")", "to close the parenthesis");
          return { ...e, start: t.start, end: close.end }; // the range includes the parentheses
        }
        break;
    }
    if (t.kind === TokenKind.Keyword) this.#fail(`Expected an expression but found keyword ${t.value}`);
    this.#fail(`Expected an expression but found ${describeToken(t)}`);
  }

  #call(name: Token): Expr {
    this.#i++; // (
    const upper = name.value.toUpperCase();
    if (this.#isOp("*")) {
      this.#i++;
      const close = this.#expectOp(")", `after ${upper}(*`);
      return { kind: "call", name: upper, args: [], star: true, start: name.start, end: close.end };
    }
    const args: Expr[] = [];
    if (!this.#isOp(")")) {
      for (;;) {
        args.push(this.#or());
        if (this.#isOp(",")) {
          this.#i++;
          continue;
        }
        break;
      }
    }
    const close = this.#expectOp(")", `to close the arguments of ${upper}`);
    return { kind: "call", name: upper, args, star: false, start: name.start, end: close.end };
  }
}

/**
 * Parses one SQL expression (a WHERE condition, a projection, an aggregate call) into its AST.
 *
 * @param text the expression text
 * @returns the AST
 * @throws {SqlSyntaxError} with line, column and a caret snippet when the text is not an expression
 * @example
 * ```ts
 * import { parseExpression } from "./parser.ts";
 * const e = parseExpression("a = 1 OR b = 2 AND c = 3");
 * if (e.kind !== "binary" || e.op !== "OR") throw new Error();
 * ```
 */
export function parseExpression(text: string): Expr {
  return new _Parser(text).parseAll();
}
