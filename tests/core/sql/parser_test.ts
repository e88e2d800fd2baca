import assert from "node:assert/strict";
import { parseExpression } from "../../../core/sql/parser.ts";
import type { Expr } from "../../../core/sql/ast.ts";
import { SqlSyntaxError } from "../../../core/sql/sql_syntax_error.ts";

/** The AST without positions, as a compact S-expression. */
function sx(e: Expr): string {
  switch (e.kind) {
    case "literal":
      return e.type === "string" ? `'${e.text}'` : e.type === "null" ? "NULL" : `${e.type}:${e.text}`;
    case "column":
      return e.quoted ? `"${e.name}"` : e.name;
    case "unary":
      return `(${e.op} ${sx(e.operand)})`;
    case "binary":
      return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case "between":
      return `(${e.negated ? "NOT " : ""}BETWEEN ${sx(e.operand)} ${sx(e.low)} ${sx(e.high)})`;
    case "in":
      return `(${e.negated ? "NOT " : ""}IN ${sx(e.operand)} [${e.list.map(sx).join(" ")}])`;
    case "like":
      return `(${e.negated ? "NOT " : ""}LIKE ${sx(e.operand)} ${sx(e.pattern)}${e.escape ? " " + sx(e.escape) : ""})`;
    case "isNull":
      return `(IS ${e.negated ? "NOT " : ""}NULL ${sx(e.operand)})`;
    case "isTruth":
      return `(IS ${e.negated ? "NOT " : ""}${e.value ? "TRUE" : "FALSE"} ${sx(e.operand)})`;
    case "call":
      return `${e.name}(${e.star ? "*" : e.args.map(sx).join(" ")})`;
  }
}

const p = (t: string) => sx(parseExpression(t));

Deno.test("parse: precedence OR < AND < NOT < comparison < additive < multiplicative < unary", () => {
  assert.equal(p("a = 1 OR b = 2 AND c = 3"), "(OR (= a integer:1) (AND (= b integer:2) (= c integer:3)))");
  assert.equal(p("(a = 1 OR b = 2) AND c = 3"), "(AND (OR (= a integer:1) (= b integer:2)) (= c integer:3))");
  assert.equal(p("NOT a = 1 AND b"), "(AND (NOT (= a integer:1)) b)");
  assert.equal(p("NOT NOT a"), "(NOT (NOT a))");
  assert.equal(p("a + b * c - d / e % f"), "(- (+ a (* b c)) (% (/ d e) f))");
  assert.equal(p("-a * -2 + +3"), "(+ (* (- a) (- integer:2)) (+ integer:3))");
  assert.equal(p("a - b - c"), "(- (- a b) c)");
  assert.equal(p("x * 2 > y + 1"), "(> (* x integer:2) (+ y integer:1))");
});

Deno.test("parse: every comparison and predicate form", () => {
  for (const op of ["=", "!=", "<", "<=", ">", ">="]) assert.equal(p(`a ${op} 1`), `(${op} a integer:1)`);
  assert.equal(p("a <> 1"), "(!= a integer:1)");
  assert.equal(p("a BETWEEN 1 AND 2 AND b"), "(AND (BETWEEN a integer:1 integer:2) b)");
  assert.equal(p("a NOT BETWEEN -1 AND 2 + 3"), "(NOT BETWEEN a (- integer:1) (+ integer:2 integer:3))");
  assert.equal(p("a IN (1, 2.5, 'x', NULL)"), "(IN a [integer:1 decimal:2.5 'x' NULL])");
  assert.equal(p("a NOT IN (1)"), "(NOT IN a [integer:1])");
  assert.equal(p("s LIKE 'a%'"), "(LIKE s 'a%')");
  assert.equal(p("s NOT LIKE 'a!%' ESCAPE '!'"), "(NOT LIKE s 'a!%' '!')");
  assert.equal(p("s IS NULL OR t IS NOT NULL"), "(OR (IS NULL s) (IS NOT NULL t))");
  assert.equal(p("NOT b IS TRUE AND (x > 1) IS NOT FALSE"), "(AND (NOT (IS TRUE b)) (IS NOT FALSE (> x integer:1)))");
  assert.equal(p("TRUE AND false"), "(AND boolean:TRUE boolean:FALSE)");
  assert.equal(p(`"Weird Name" = 1e3`), `(= "Weird Name" float:1e3)`);
  assert.equal(p("COUNT(*) = sum(x, y)"), "(= COUNT(*) SUM(x y))");
  // typed literals; the names stay columns where no string follows
  assert.equal(p("d >= DATE '2024-01-31'"), "(>= d date:2024-01-31)");
  assert.equal(p("ts < timestamp '2024-01-31 10:00'"), "(< ts timestamp:2024-01-31 10:00)");
  assert.equal(p("date = 1 AND timestamp IS NULL"), "(AND (= date integer:1) (IS NULL timestamp))");
});

Deno.test("parse: nodes carry source ranges", () => {
  const e = parseExpression("  price >= 1.50");
  assert.deepEqual(e, {
    kind: "binary",
    op: ">=",
    left: { kind: "column", name: "price", quoted: false, start: 2, end: 7 },
    right: { kind: "literal", type: "decimal", text: "1.50", start: 11, end: 15 },
    start: 2,
    end: 15,
  });
});

Deno.test("parse: syntax errors name the problem with line, column and caret", () => {
  const cases: [string, string][] = [
    ["a = ", "Expected an expression but found end of input at line 1, column 5\n  a = \n      ^"],
    ["a = 1 b", 'Unexpected "b" after the end of the expression at line 1, column 7\n  a = 1 b\n        ^'],
    ["(a = 1", 'Expected ")" to close the parenthesis but found end of input at line 1, column 7\n  (a = 1\n        ^'],
    ["a IN 1", 'Expected "(" after IN but found number 1 at line 1, column 6\n  a IN 1\n       ^'],
    ["a IN ()", "IN needs at least one value at line 1, column 7\n  a IN ()\n        ^"],
    [
      "a BETWEEN 1 OR 2",
      'Expected AND between the bounds of BETWEEN but found "OR" at line 1, column 13\n  a BETWEEN 1 OR 2\n              ^',
    ],
    ["a IS 1", "Expected NULL, TRUE or FALSE after IS but found number 1 at line 1, column 6\n  a IS 1\n       ^"],
    [
      "a IS NOT x",
      'Expected NULL, TRUE or FALSE after IS NOT but found "x" at line 1, column 10\n  a IS NOT x\n           ^',
    ],
    ["a NOT 1", "Expected BETWEEN, IN or LIKE after NOT but found number 1 at line 1, column 7\n  a NOT 1\n        ^"],
    [
      "a = 1 = 2",
      'Comparison operators do not chain: use AND between "=" and "=" at line 1, column 7\n  a = 1 = 2\n        ^',
    ],
    ["a = AND", "Expected an expression but found keyword AND at line 1, column 5\n  a = AND\n      ^"],
    ["f(1", 'Expected ")" to close the arguments of F but found end of input at line 1, column 4\n  f(1\n     ^'],
    ["a = 1\nOR", "Expected an expression but found end of input at line 2, column 3\n  OR\n    ^"],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseExpression(text), (e) => {
      assert.ok(e instanceof SqlSyntaxError, text);
      assert.equal(e.message, message);
      return true;
    });
  }
});
