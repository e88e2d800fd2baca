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
