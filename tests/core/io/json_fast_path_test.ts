import assert from "node:assert/strict";
import { JsonDecoder } from "../../../core/io/codecs/json_decoder.ts";
import { Schema } from "../../../core/record/schema.ts";
import { field, scaledType, Types } from "../../../core/types/data_type.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";
import { decodeSplit, enc, rowsOf } from "./_helpers.ts";

const SCHEMA = new Schema([
  field("id", Types.Integer),
  field("sym", Types.String),
  field("price", scaledType(4)),
  field("qty", Types.Integer, false),
]);
/** SCHEMA plus fields the fast loop decodes through the accumulators (FLOAT digits, putBool, putBytes). */
const WIDE = new Schema([
  ...SCHEMA.fields,
  field("f", Types.Float),
  field("ok", Types.Boolean),
  field("ts", Types.Timestamp),
]);

/** A seeded mix of plain lines (fast loop) and lines the fast loop must hand to the general path. */
function randomNdjson(seed: number, rows: number): string {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const ints = ["0", "-0", "7", "-12", "007", "123456789012345", "1234567890123456", "9007199254740993", "1e3", "1.0"];
  const moreInts = [...ints, "null", '"5"', "-", "x"];
  const syms = ['"A"', '"SYM1"', '"é€"', '""', '"a\\"b"', '"\\u0041"', "null", "12", '"\u0001"'];
  const prices = ["1.5", "-0.0001", "12.", "0.5", "0", "1.23456", "1.230000", "00.25", "99999999999.9999", "null"];
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const plain = r() < 0.7;
    const floats = ["1.5", "-0", "0.1", "1e3", "01.5", "1.", ".5", "1234567890123456", "null", "true", '"1.5"'];
    const bools = ["true", "false", "null", "1", '"true"', "tru", "falsey"];
    const stamps = ['"2024-01-02T03:04:05Z"', '"2024-13-01"', "null", "1", '"2024-01-01 10:00:00.25+01:00"'];
    const v = plain
      ? [
        String(Math.floor(r() * 1e6)),
        pick(['"A"', '"SYM1"', '"zz"']),
        pick(["1.5", "-0.0001", "12.3400"]),
        "3",
        (r() < 0.3 ? "-" : "") + (r() * 1e4).toFixed(Math.floor(r() * 6)),
        pick(["true", "false"]),
        '"2024-01-02T03:04:05Z"',
      ]
      : [pick(moreInts), pick(syms), pick(prices), pick(moreInts), pick(floats), pick(bools), pick(stamps)];
    let keys = ["id", "sym", "price", "qty", "f", "ok", "ts"].map((k, j) =>
      `"${k}":${plain || r() < 0.8 ? "" : " "}${v[j]}`
    );
    if (!plain && r() < 0.1) keys = keys.reverse();
    if (!plain && r() < 0.05) keys.pop();
    if (!plain && r() < 0.05) keys.push('"extra":1');
    const sep = !plain && r() < 0.1 ? ", " : ",";
    let line = `{${keys.join(sep)}}`;
    if (!plain && r() < 0.05) line += " ";
    if (!plain && r() < 0.05) line = "\n" + line;
    if (!plain && r() < 0.03) line = line.slice(0, -3);
    lines.push(line + (r() < 0.1 ? "\r" : ""));
  }
  return lines.join("\n") + (r() < 0.5 ? "\n" : "");
}

function outcome(text: string, fastPath: boolean, cuts: number[], batchSize: number, schema = SCHEMA): unknown {
  const [b, d] = decodeSplit(
    () => new JsonDecoder({ schema, fastPath, batchSize, onError: "dead-letter" }),
    enc(text),
    cuts,
  );
  const letters = d.deadLetters.map((l) => `${JSON.stringify(l.raw)} ${l.error.message}`);
  const layouts = b.map((x) => x.columns.map((c) => `${c.layout}${c.validity === null ? "" : "?"}`).join());
  return { rows: rowsOf(b), letters, layouts, stats: d.stats };
}

Deno.test("NDJSON fast loop: same rows, layouts, dead letters and counters as the general path (seeded mix)", () => {
  for (let seed = 1; seed <= 12; seed++) {
    const text = randomNdjson(seed, 300);
    const general = outcome(text, false, [], 17, WIDE);
    assert.deepEqual(outcome(text, true, [], 17, WIDE), general, `seed ${seed}`);
    assert.deepEqual(outcome(text, true, [5, 99, 100, 1500, 1501, 1502], 17, WIDE), general, `seed ${seed} split`);
  }
});

Deno.test("NDJSON fast loop: every split point gives the same rows; error lines stay exact", () => {
  const text = '{"id":1,"sym":"a","price":1.5,"qty":2}\n{"id":2,"sym":"b","price":2,"qty":3}\r\n' +
    '{"id":3,"sym":"c","price":1.00001,"qty":4}\n{"id":4,"sym":"d","price":0.1,"qty":5}\n';
  const bytes = enc(text);
  const [whole, d0] = decodeSplit(() => new JsonDecoder({ schema: SCHEMA, batchSize: 2 }), bytes, []);
  assert.deepEqual(rowsOf(whole), [["1", "a", "1.5000", "2"], ["2", "b", "2.0000", "3"]]);
  assert.equal(
    d0.error?.message,
    'Cannot decode line 3, column 27, field "price": "1.00001" has more decimal digits than SCALED(4) holds',
  );
  for (let i = 0; i <= bytes.length; i++) {
    const [b, d] = decodeSplit(() => new JsonDecoder({ schema: SCHEMA, batchSize: 2 }), bytes, [i]);
    assert.deepEqual(rowsOf(b), rowsOf(whole), `split at ${i}`);
    assert.equal(d.error?.message, d0.error?.message, `split at ${i}`);
  }
});

Deno.test("NDJSON fast loop: keys in another order than the schema's decode the same (the loop learns the order)", () => {
  const lines: string[] = [];
  for (let i = 0; i < 120; i++) {
    const sym = i % 7 === 0 ? '"x\\ty"' : `"S${i % 5}"`;
    const parts = [`"qty":${i}`, `"price":${i}.25`, `"sym":${sym}`, `"id":${i * 3}`];
    if (i >= 60 && i < 90) parts.reverse();
    if (i === 100) parts.shift(); // qty is NOT NULL: a dead letter
    lines.push(`{${parts.join(",")}}`);
  }
  const text = lines.join("\n");
  const general = outcome(text, false, [], 50);
  assert.deepEqual(outcome(text, true, [], 50), general);
  assert.deepEqual(outcome(text, true, [333, 1000], 50), general);
  assert.equal((general as { rows: unknown[] }).rows.length, 119);
});

/** Every split point of `text` (and the whole) against the general path, with small batches. */
function assertSameEverySplit(text: string, schema: Schema, step = 1): void {
  const general = outcome(text, false, [], 7, schema);
  assert.deepEqual(outcome(text, true, [], 7, schema), general, "whole");
  for (let i = 0; i <= text.length; i += step) {
    assert.deepEqual(outcome(text, true, [i], 7, schema), general, `split at ${i}`);
  }
}

Deno.test("NDJSON fast loop: digit runs of every length, signs, fractions and exponents decode as on the general path", () => {
  const schema = new Schema([
    field("i", Types.Integer),
    field("p", scaledType(4)),
    field("f", Types.Float),
    field("q", Types.Integer, false),
  ]);
  const r = mulberry32(5);
  const digits = (n: number): string => {
    let s = String(1 + Math.floor(r() * 9));
    while (s.length < n) s += String(Math.floor(r() * 10));
    return s.slice(0, n);
  };
  const nums: string[] = ["0", "-0", "00", "-", "01", "0.0", "1.", ".5", "1e3", "1E+2", "1.5e-3", "-1.25", "+1"];
  for (let n = 1; n <= 18; n++) {
    nums.push(digits(n), "-" + digits(n));
    for (const f of [1, 3, 4, 5, 8, 12]) nums.push(`${digits(n)}.${digits(f)}`, `-${digits(n)}.${"0".repeat(f)}`);
  }
  nums.push("999999999999999", "9999999999999999", "123456789012.3456", "12345678901.23456", "99999999999.9999");
  // each unusual number alone in a line between plain lines, so the fast loop meets it (a line it gives up on
  // right at its start would pause it), then lines of random picks
  const lines: string[] = [];
  const plain = (k: number) => `{"i":${k},"p":1.5,"f":2.25,"q":${k}}`;
  nums.forEach((x, k) => {
    lines.push(plain(k), `{"i":${x},"p":1.5,"f":2.25,"q":1}`, plain(k), `{"i":1,"p":${x},"f":2.25,"q":1}`);
    lines.push(plain(k), `{"i":1,"p":1.5,"f":${x},"q":1}`, plain(k), `{"i":1,"p":1.5,"f":2.25,"q":${x}}`);
  });
  for (let k = 0; k < 400; k++) {
    const pick = () => nums[Math.floor(r() * nums.length)];
    const q = r() < 0.8 ? String(Math.floor(r() * 1e5)) : pick();
    lines.push(`{"i":${pick()},"p":${pick()},"f":${pick()},"q":${q}}`);
  }
  const text = lines.join("\n") + "\n";
  const general = outcome(text, false, [], 7, schema) as { rows: string[][]; letters: string[] };
  assert.ok(general.rows.length > 20 && general.letters.length > 20, "both kept rows and dead letters");
  assert.deepEqual(outcome(text, true, [], 7, schema), general);
  for (let cut = 1; cut < 64; cut += 9) {
    const cuts: number[] = [];
    for (let o = cut; o < text.length; o += 61) cuts.push(o);
    assert.deepEqual(outcome(text, true, cuts, 7, schema), general, `cuts every 61 from ${cut}`);
  }
  assertSameEverySplit(lines.slice(0, 12).join("\n") + "\n", schema);
});

Deno.test("NDJSON fast loop: short strings (escapes, control bytes, lengths 0-9, UTF-8) decode as on the general path", () => {
  const schema = new Schema([field("s", Types.String), field("n", Types.Integer), field("t", Types.String, false)]);
  const strs = [
    '""',
    '"A"',
    '"AB"',
    '"ABC"',
    '"ABCD"',
    '"ABCDEFG"',
    '"ABCDEFGH"',
    '"ABCDEFGHI"',
    '"é€"',
    '"€€€"',
    '"a\\"b"',
    '"a\\\\"',
    '"\\u0041"',
    '"A\u0000"',
    '"A\u0001B"',
    '"\tA"',
    '"\u007f"',
    "null",
    "7",
  ];
  const r = mulberry32(9);
  const lines: string[] = [];
  for (const x of strs) lines.push(`{"s":"A","n":1,"t":"B"}`, `{"s":${x},"n":2,"t":"B"}`, `{"s":"A","n":3,"t":${x}}`);
  for (let k = 0; k < 300; k++) {
    const s = strs[Math.floor(r() * strs.length)], t = strs[Math.floor(r() * 9)];
    lines.push(`{"s":${s},"n":${k},"t":${t}}`);
  }
  const text = lines.join("\n");
  const general = outcome(text, false, [], 7, schema) as { rows: string[][]; letters: string[] };
  assert.deepEqual(outcome(text, true, [], 7, schema), general);
  assert.deepEqual(outcome(text, true, [100, 101, 2000, 2001, 2002, 2003], 7, schema), general);
  assertSameEverySplit(lines.slice(0, 30).join("\n"), schema);
  // a raw NUL after a string that is otherwise the same is an error, never the shorter string
  const [b, d] = decodeSplit(
    () => new JsonDecoder({ schema, onError: "dead-letter" }),
    enc('{"s":"A","n":1,"t":"x"}\n{"s":"A\u0000","n":2,"t":"x"}\n{"s":"A","n":3,"t":"x"}\n'),
    [],
  );
  assert.deepEqual(rowsOf(b), [["A", "1", "x"], ["A", "3", "x"]]);
  assert.equal(
    d.deadLetters[0].error.message,
    "Cannot decode line 2, column 8, field (record): control character inside a string",
  );
});

Deno.test("NDJSON fast loop: more distinct short strings than its table keeps decode as on the general path", () => {
  const schema = new Schema([field("s", Types.String, false), field("n", Types.Integer, false)]);
  const lines: string[] = [];
  for (let k = 0; k < 40_000; k++) lines.push(`{"s":"k${(k * 7919) % 40_000}","n":${k}}`);
  const text = lines.join("\n");
  const [fast] = decodeSplit(() => new JsonDecoder({ schema }), enc(text), [1 << 16, 1 << 17]);
  const [general] = decodeSplit(() => new JsonDecoder({ schema, fastPath: false }), enc(text), []);
  assert.deepEqual(rowsOf(fast), rowsOf(general));
  assert.equal(rowsOf(fast)[39_999][0], `k${(39_999 * 7919) % 40_000}`);
});

Deno.test("NDJSON fast loop: key names of every length, spaces after commas and colons", () => {
  const names = ["a", "ab", "abc", "abcd", "abcde", "abcdefg", "abcdefgh", "abcdefghijklmnopq", "é", "x€y"];
  const schema = new Schema(names.map((n) => field(n, Types.Integer)));
  const r = mulberry32(3);
  const lines: string[] = [];
  for (let k = 0; k < 200; k++) {
    const parts = names.map((n, j) => `"${n}":${r() < 0.1 ? " " : ""}${k * 10 + j}`);
    if (r() < 0.05) parts.reverse();
    // names that differ from the schema's in one byte: the last, the fourth (a middle word), one inside
    if (r() < 0.05) parts[3] = `"abce":1`;
    if (r() < 0.05) parts[4] = `"abXde":1`;
    if (r() < 0.05) parts[7] = `"abcdefghijkXmnopq":1`;
    const sep = r() < 0.1 ? ",  " : ",";
    lines.push((r() < 0.05 ? "{ " : "{") + parts.join(sep) + "}");
  }
  const text = lines.join("\n");
  const general = outcome(text, false, [], 7, schema) as { rows: string[][] };
  assert.ok(general.rows.length > 150);
  assert.deepEqual(outcome(text, true, [], 7, schema), general);
  assertSameEverySplit(lines.slice(0, 8).join("\n"), schema);
});
