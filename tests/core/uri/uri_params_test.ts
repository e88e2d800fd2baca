import assert from "node:assert/strict";
import { UriParams } from "../../../core/uri/uri_params.ts";
import { UriError } from "../../../core/uri/uri_error.ts";

const one = (value: string): UriParams => new UriParams([{ name: "v", value, offset: 3 }], "?v=" + value);

Deno.test("integer: plain digits take the short path; every other form keeps its meaning and its error", () => {
  assert.equal(one("0").integer("v"), 0);
  assert.equal(one("0010").integer("v"), 10);
  assert.equal(one("999999999999999").integer("v"), 999999999999999);
  assert.equal(one("9007199254740991").integer("v"), 9007199254740991);
  assert.equal(one("1_000").integer("v"), 1000);
  assert.equal(one("+5").integer("v"), 5);
  assert.equal(one("-5").integer("v"), -5);
  assert.equal(one("5").integer("v", 0, { min: 5, max: 5 }), 5);
  const fails = (value: string, range: { min?: number; max?: number } | undefined, message: string) => {
    assert.throws(() => one(value).integer("v", undefined, range), (e: unknown) => {
      assert.ok(e instanceof UriError);
      assert.equal(e.message, message);
      return true;
    });
  };
  fails("", undefined, 'Cannot parse URI at offset 3: parameter "v" must be an integer, got ""');
  fails("1.5", undefined, 'Cannot parse URI at offset 3: parameter "v" must be an integer, got "1.5"');
  fails("12x", undefined, 'Cannot parse URI at offset 3: parameter "v" must be an integer, got "12x"');
  fails("7", { min: 8 }, 'Cannot parse URI at offset 3: parameter "v" must be an integer 8..9007199254740991, got "7"');
  fails(
    "-1",
    { min: 0 },
    'Cannot parse URI at offset 3: parameter "v" must be an integer 0..9007199254740991, got "-1"',
  );
  fails(
    "9007199254740992",
    undefined,
    'Cannot parse URI at offset 3: parameter "v" must be an integer -9007199254740991..9007199254740991, got "9007199254740992"',
  );
});

Deno.test("boolean: exact lower-case words first, then any case; bare names are true", () => {
  for (const w of ["", "true", "1", "yes", "on", "TRUE", "Yes", "oN"]) assert.equal(one(w).boolean("v"), true, w);
  for (const w of ["false", "0", "no", "off", "FALSE", "No", "OFF"]) assert.equal(one(w).boolean("v"), false, w);
  assert.throws(() => one("2").boolean("v"), {
    name: "UriError",
    message: 'Cannot parse URI at offset 3: parameter "v" must be true or false, got "2"',
  });
  assert.equal(one("x").boolean("w", true), true);
});
