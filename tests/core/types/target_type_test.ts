import assert from "node:assert/strict";
import { parseTargetType, targetOf } from "../../../core/types/target_type.ts";
import { arrayType, decimalType, scaledType, typeEquals, Types } from "../../../core/types/data_type.ts";

Deno.test("every accepted spelling parses, case-insensitively, to its canonical target", () => {
  const cases: [string, string][] = [
    ["INT", "INTEGER"],
    ["integer", "INTEGER"],
    ["BigInt", "INTEGER"],
    ["int8", "INTEGER"],
    ["INT64", "INTEGER"],
    ["long", "INTEGER"],
    ["SMALLINT", "SMALLINT"],
    ["int2", "SMALLINT"],
    ["DOUBLE", "FLOAT"],
    ["double   precision", "FLOAT"],
    ["float", "FLOAT"],
    ["FLOAT8", "FLOAT"],
    ["real", "FLOAT"],
    ["float4", "FLOAT"],
    ["DECIMAL(10,2)", "DECIMAL(10,2)"],
    ["numeric ( 10 , 2 )", "DECIMAL(10,2)"],
    ["dec(5)", "DECIMAL(5,0)"],
    ["DECIMAL", "DECIMAL(38,0)"],
    ["scaled(4)", "SCALED(4)"],
    ["VARCHAR", "STRING"],
    ["varchar(5)", "VARCHAR(5)"],
    ["character varying(3)", "VARCHAR(3)"],
    ["TEXT", "STRING"],
    ["string", "STRING"],
    ["BOOLEAN", "BOOLEAN"],
    ["bool", "BOOLEAN"],
    ["date", "DATE"],
    ["TIMESTAMP", "TIMESTAMP"],
    ["timestamp without time zone", "TIMESTAMP"],
    ["interval", "INTERVAL"],
  ];
  for (const [text, name] of cases) assert.equal(parseTargetType(text).name, name, text);
  const d = parseTargetType("NUMERIC(10,2)");
  assert.ok(typeEquals(d.type, decimalType(10, 2)));
  assert.equal(parseTargetType("SCALED(4)").type, scaledType(4));
  assert.equal(parseTargetType("SMALLINT").integerBits, 16);
  assert.equal(parseTargetType("INT").integerBits, 64);
  assert.equal(parseTargetType("VARCHAR(5)").maxLength, 5);
  assert.equal(parseTargetType("TEXT").maxLength, null);
  assert.ok(Object.isFrozen(parseTargetType("DECIMAL(3,1)")));
});

Deno.test("bad type text is a TypeSyntaxError with the offset", () => {
  const bad: [string, number, string][] = [
    ["", 0, "expected a type name"],
    ["FOO", 0, "unknown type FOO"],
    ["  VARCHARS", 2, "unknown type VARCHARS"],
    ["DECIMAL(10", 10, 'expected ")"'],
    ["DECIMAL(10,", 11, "expected a number"],
    ["DECIMAL(x)", 8, 'expected a number, found "X"'],
    ["DECIMAL(40,2)", 8, "precision 40 is out of range 1-38"],
    ["DECIMAL(5,6)", 10, "scale 6 is out of range 0-5"],
    ["DECIMAL(5,2,1)", 12, "DECIMAL takes at most 2 parameters"],
    ["SCALED", 6, "SCALED needs a scale: SCALED(s)"],
    ["SCALED(19)", 7, "scale 19 is out of range 0-18"],
    ["INT(4)", 4, "INT takes no parameters"],
    ["INT NOT NULL", 4, 'unexpected "NOT NULL"'],
    ["VARCHAR(0)", 8, "length 0 must be at least 1"],
    ["INT;", 3, 'unexpected ";"'],
    ["(INT)", 0, 'expected a type name, found "("'],
    ["DECIMAL(10 2)", 11, 'expected "," or ")", found "2"'],
  ];
  for (const [text, offset, reason] of bad) {
    assert.throws(() => parseTargetType(text), (e: unknown) => {
      assert.ok(e instanceof SyntaxError);
      assert.equal((e as Error).name, "TypeSyntaxError");
      assert.equal((e as Error).message, `Cannot parse type ${JSON.stringify(text)} at offset ${offset}: ${reason}`);
      assert.equal((e as unknown as { offset: number }).offset, offset);
      return true;
    }, text);
  }
});

Deno.test("targetOf maps scalar DataTypes and refuses nested ones", () => {
  assert.equal(targetOf(Types.Integer).name, "INTEGER");
  assert.equal(targetOf(scaledType(2)).name, "SCALED(2)");
  assert.equal(targetOf(decimalType(7, 3)).name, "DECIMAL(7,3)");
  assert.equal(targetOf(Types.Timestamp).name, "TIMESTAMP");
  assert.throws(() => targetOf(arrayType(Types.Integer)), {
    name: "TypeError",
    message: "Cannot cast to ARRAY<INTEGER>: casts target scalar types only",
  });
});
