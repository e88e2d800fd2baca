import assert from "node:assert/strict";
import { normalizeSql, tokenize } from "../../../core/sql/tokenizer.ts";
import { SqlSyntaxError } from "../../../core/sql/sql_syntax_error.ts";

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.value}`);

Deno.test("tokenize: keywords are case-insensitive, identifiers keep their spelling", () => {
  assert.deepEqual(kinds("select Price FROM t where x"), [
    "keyword:SELECT",
    "identifier:Price",
    "keyword:FROM",
    "identifier:t",
    "keyword:WHERE",
    "identifier:x",
    "end:",
  ]);
});

Deno.test("tokenize: strings, quoted identifiers, escapes, numbers, operators, comments", () => {
  assert.deepEqual(kinds(`'it''s' "a ""b""" 12 1.50 .5 1e3 2.5E-2 <> != <= >= || -- comment\n/* block */ %`), [
    "string:it's",
    'quoted:a "b"',
    "number:12",
    "number:1.50",
    "number:.5",
    "number:1e3",
    "number:2.5E-2",
    "operator:!=",
    "operator:!=",
    "operator:<=",
    "operator:>=",
    "operator:||",
    "operator:%",
    "end:",
  ]);
  const t = tokenize("a = 'x'");
  assert.deepEqual(t[2], { kind: "string", value: "x", start: 4, end: 7 });
});

Deno.test("tokenize: errors carry line, column and a caret snippet", () => {
  assert.throws(() => tokenize("a = 'open"), (e) => {
    assert.ok(e instanceof SqlSyntaxError);
    assert.equal(e.message, "Unterminated string literal at line 1, column 5\n  a = 'open\n      ^");
    assert.equal(e.line, 1);
    assert.equal(e.column, 5);
    assert.equal(e.offset, 4);
    return true;
  });
  assert.throws(() => tokenize("a = 1\n  AND b # 2"), {
    name: "SqlSyntaxError",
    message: 'Unexpected character "#" at line 2, column 9\n    AND b # 2\n          ^',
  });
  assert.throws(() => tokenize('"unclosed'), {
    message: 'Unterminated quoted identifier at line 1, column 1\n  "unclosed\n  ^',
  });
  assert.throws(() => tokenize("/* x"), { message: "Unterminated comment at line 1, column 1\n  /* x\n  ^" });
  assert.throws(() => tokenize("1e+"), {
    message: 'Malformed number "1e+": the exponent has no digits at line 1, column 4\n  1e+\n     ^',
  });
  assert.throws(() => tokenize("12abc"), { message: 'Malformed number "12a" at line 1, column 3\n  12abc\n    ^' });
  assert.throws(() => tokenize('""'), { message: 'Empty quoted identifier at line 1, column 1\n  ""\n  ^' });
});

Deno.test("normalizeSql: same query, same text", () => {
  assert.equal(normalizeSql("status='a'  and  ID>1"), "status = 'a' AND id > 1");
  assert.equal(normalizeSql("STATUS = 'a' AND id > 1 -- why"), "status = 'a' AND id > 1");
  assert.equal(normalizeSql(`"Id" = 'It''s'`), `"Id" = 'It''s'`);
  assert.equal(normalizeSql("a <> 1"), normalizeSql("a != 1"));
});
