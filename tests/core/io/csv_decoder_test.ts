import assert from "node:assert/strict";
import { CsvDecoder } from "../../../core/io/codecs/csv_decoder.ts";
import { DecodeError } from "../../../core/io/codecs/decode_error.ts";
import { decodeBatches } from "../../../core/io/codecs/decode_batches.ts";
import { Schema } from "../../../core/record/schema.ts";
import { field, scaledType, typeName, Types } from "../../../core/types/data_type.ts";
import { ScaledInteger } from "../../../core/values/scaled_integer.ts";
import { parseTimestamp } from "../../../core/values/parse_value.ts";
import { decodeSplit, enc, rowsOf } from "./_helpers.ts";

const TRICKY = 'id,name,price,ok,ts\r\n1,"a ""q"", b",123.4500,true,2024-01-02T03:04:05Z\r\n' +
  '2,"multi\nline é€😀",1.5000,false,\n\n3,x😀,-0.0500,,2024-01-01\r\n4,"",99999999999.0000,TRUE,2024-01-01 10:00:00.25+01:00';

Deno.test("CSV: quoting, embedded newlines, CRLF, UTF-8, inference", () => {
  const [batches, d] = decodeSplit(() => new CsvDecoder(), enc(TRICKY), []);
  const s = batches[0].schema;
  assert.deepEqual(s.fields.map((f) => `${f.name} ${typeName(f.type)}`), [
    "id INTEGER",
    "name STRING",
    "price SCALED(4)",
    "ok BOOLEAN",
    "ts TIMESTAMP",
  ]);
  assert.deepEqual(rowsOf(batches), [
    ["1", 'a "q", b', "123.4500", "true", "2024-01-02T03:04:05"],
    ["2", "multi\nline é€😀", "1.5000", "false", "null"],
    ["3", "x😀", "-0.0500", "null", "2024-01-01T00:00:00"],
    ["4", "", "99999999999.0000", "true", "2024-01-01T09:00:00.25"],
  ]);
  assert.equal(d.stats.rows, 4);
});

Deno.test("CSV: every split point (inside quotes, CRLF and multi-byte characters) gives the same rows", () => {
  const bytes = enc(TRICKY);
  const [whole] = decodeSplit(() => new CsvDecoder({ batchSize: 3 }), bytes, []);
  const expected = rowsOf(whole);
  for (let i = 0; i <= bytes.length; i++) {
    const [b] = decodeSplit(() => new CsvDecoder({ batchSize: 3 }), bytes, [i]);
    assert.deepEqual(rowsOf(b), expected, `split at ${i}`);
  }
  for (let i = 1; i < 9; i++) {
    const cuts = Array.from({ length: Math.ceil(bytes.length / i) }, (_, k) => k * i);
    const [b] = decodeSplit(() => new CsvDecoder({ batchSize: 2 }), bytes, cuts);
    assert.deepEqual(rowsOf(b), expected, `chunks of ${i}`);
  }
});

Deno.test("CSV: exact scaled and integer decoding, bigint widening", () => {
  const schema = Schema.of([["p", scaledType(4)], ["n", Types.Integer]]);
  const [b] = decodeSplit(
    () => new CsvDecoder({ schema }),
    enc("p,n\n123.4500,9007199254740993\n123.45,-9223372036854775808\n1.500000,1\n"),
    [],
  );
  const p = b[0].columns[0], n = b[0].columns[1];
  assert.equal(p.layout, "f64");
  assert.ok(p.layout === "f64" && p.data[0] === 1234500 && p.data[1] === 1234500 && p.data[2] === 15000);
  assert.equal(n.layout, "i64");
  assert.deepEqual(b[0].value(0, 1), 9007199254740993n);
  assert.deepEqual(b[0].value(1, 1), -9223372036854775808n);
  assert.equal(b[0].value(2, 1), 1);
  assert.deepEqual(b[0].value(0, 0), new ScaledInteger(1234500, 4));
  const [big] = decodeSplit(() => new CsvDecoder({ schema }), enc("p,n\n9223372036854.7758,0\n"), []);
  assert.deepEqual(big[0].value(0, 0), new ScaledInteger(92233720368547758n, 4));
});

Deno.test("CSV: custom delimiter, no header, given schema by header name", () => {
  const [b] = decodeSplit(() => new CsvDecoder({ delimiter: ";", header: false }), enc("1;x\n2;y\n"), []);
  assert.deepEqual(b[0].schema.names, ["c1", "c2"]);
  assert.deepEqual(rowsOf(b), [["1", "x"], ["2", "y"]]);
  const schema = new Schema([field("b", Types.String), field("a", Types.Integer), field("z", Types.Float)]);
  const [c] = decodeSplit(() => new CsvDecoder({ schema }), enc("a,b,extra\n1,x,9\n"), []);
  assert.deepEqual(rowsOf(c), [["x", "1", "null"]]);
  assert.throws(() => new CsvDecoder({ delimiter: "ab" }), RangeError);
});

Deno.test("CSV: DecodeError fields and message; rows before the bad row are emitted first", async () => {
  const schema = Schema.of([["id", Types.Integer], ["price", scaledType(2)]]);
  const text = "id,price\n1,1.00\n2,2.00\n3,12x\n4,4.00\n";
  const stream = decodeBatches([enc(text)], "csv", { schema, batchSize: 100 });
  const reader = stream.getReader();
  const first = await reader.read();
  assert.equal(first.value?.length, 2);
  await assert.rejects(() => reader.read(), (e) => {
    assert.ok(e instanceof DecodeError);
    assert.equal(e.line, 4);
    assert.equal(e.column, 3);
    assert.equal(e.field, "price");
    assert.equal(e.reason, '"12x" is not a valid SCALED(2) value');
    assert.equal(e.message, 'Cannot decode line 4, column 3, field "price": "12x" is not a valid SCALED(2) value');
    return true;
  });
});

Deno.test("CSV: skip and dead-letter policies keep every good row", async () => {
  const schema = Schema.of([["id", Types.Integer], ["price", scaledType(2)]]);
  const text = 'id,price\n1,1.00\n2,1.234\n3\n"4,x\n5,5.00\nz,1\n6,6.00';
  const stats = { rows: 0, skipped: 0, deadLettered: 0, bytes: 0 };
  const skipped = await Array.fromAsync(decodeBatches([enc(text)], "csv", { schema, onError: "skip", stats }));
  assert.deepEqual(rowsOf(skipped), [["1", "1.00"], ["5", "5.00"], ["6", "6.00"]]);
  assert.equal(stats.skipped, 4);
  const letters: string[] = [];
  const dl = await Array.fromAsync(
    decodeBatches([enc(text)], "csv", {
      schema,
      onError: "dead-letter",
      deadLetter: (l) => {
        letters.push(`${JSON.stringify(l.raw)} ${l.error.message}`);
      },
    }),
  );
  assert.equal(rowsOf(dl).length, 3);
  assert.deepEqual(letters, [
    '"2,1.234\\n" Cannot decode line 3, column 3, field "price": "1.234" has more decimal digits than SCALED(2) holds',
    '"3\\n" Cannot decode line 4, column 1, field (record): has 1 fields, expected 2',
    '"\\"4,x\\n" Cannot decode line 5, column 1, field (record): quoted field has no closing quote',
    '"z,1\\n" Cannot decode line 7, column 1, field "id": "z" is not a valid INTEGER value',
  ]);
});

Deno.test("CSV: syntax errors", () => {
  const cases: [string, string][] = [
    ['a\n1"x"\n', "Cannot decode line 2, column 2, field (record): quote inside an unquoted field"],
    ['a\n"x"y\n', 'Cannot decode line 2, column 4, field (record): unexpected "y" after a closing quote'],
    ["a,b\n1,2\n3\n", "Cannot decode line 3, column 1, field (record): has 1 fields, expected 2"],
  ];
  for (const [text, message] of cases) {
    const [, d] = decodeSplit(() => new CsvDecoder(), enc(text), []);
    assert.ok(d.error instanceof DecodeError, text);
    assert.equal(d.error.message, message);
  }
  const nn = new Schema([field("a", Types.Integer, false)]);
  const [, d] = decodeSplit(() => new CsvDecoder({ schema: nn }), enc("a\n1\n,\n"), []);
  assert.equal(d.error?.message, "Cannot decode line 3, column 1, field (record): has 2 fields, expected 1");
  const [, blank] = decodeSplit(() => new CsvDecoder({ schema: nn }), enc("a\n\n1\n"), []);
  assert.equal(blank.error?.message, 'Cannot decode line 2, column 1, field "a": NULL in a NOT NULL field');
  const [two] = decodeSplit(() => new CsvDecoder(), enc("a,b\n\n1,2\n\n"), []);
  assert.deepEqual(rowsOf(two), [["1", "2"]], "blank lines are skipped with several columns");
  const [, d2] = decodeSplit(() => new CsvDecoder({ schema: nn, header: false }), enc('1\n""\n'), []);
  assert.equal(d2.error?.message, 'Cannot decode line 2, column 1, field "a": NULL in a NOT NULL field');
});

Deno.test("CSV: gzip through DecompressionStream", async () => {
  const gz = new Blob(["a,b\n1,x\n2,y\n"]).stream().pipeThrough(new CompressionStream("gzip"));
  const batches = await Array.fromAsync(decodeBatches(gz, "csv", { compression: "gzip" }));
  assert.deepEqual(rowsOf(batches), [["1", "x"], ["2", "y"]]);
});

Deno.test("CSV: a short batch (flushBatch) owns its rows; the next batch starts from clean arrays", () => {
  const schema = Schema.of([["n", Types.Integer], ["x", Types.Float], ["s", Types.String], ["b", Types.Boolean]]);
  const d = new CsvDecoder({ schema, batchSize: 8 });
  d.write(enc("n,x,s,b\n1,1.5,p,true\n2,,q,false\n3,3.5,,true\n"));
  d.flushBatch();
  const [first] = d.drain();
  // the second batch leaves x and b NULL where the first had values, in the same row positions
  d.write(enc("4,,r,\n5,,p,\n6,6.5,q,false\n"));
  d.end();
  const [second] = d.drain();
  assert.equal(first.length, 3);
  assert.deepEqual(rowsOf([first]), [["1", "1.5", "p", "true"], ["2", "null", "q", "false"], [
    "3",
    "3.5",
    "null",
    "true",
  ]]);
  assert.deepEqual(rowsOf([second]), [["4", "null", "r", "null"], ["5", "null", "p", "null"], [
    "6",
    "6.5",
    "q",
    "false",
  ]]);
  for (const c of first.columns) {
    const data = c.layout === "dict" ? c.codes : (c as { data: ArrayLike<unknown> }).data;
    assert.equal(data.length, 3, `${c.layout} column holds exactly its rows`);
  }
});

Deno.test("CSV: timestamps decode to the micros parseTimestamp gives for the same text (zones, fractions)", () => {
  const texts = [
    "2024-01-02",
    "2024-01-02 03:04",
    "2024-01-02T03:04:05",
    "2024-01-02T03:04:05.5",
    "2024-01-02T03:04:05.123456",
    "2024-01-02T03:04:05.123456000",
    "2024-01-02T03:04:05Z",
    "2024-01-02T03:04:05.25+05:30",
    "2024-01-02T00:10-0130",
    "1969-12-31T23:59:59.999999Z",
  ];
  const schema = Schema.of([["ts", Types.Timestamp]]);
  const d = new CsvDecoder({ schema });
  d.write(enc("ts\n" + texts.join("\n") + "\n"));
  d.end();
  assert.equal(d.error, null);
  const [b] = d.drain();
  assert.deepEqual(
    Array.from({ length: b.length }, (_, i) => String(b.value(i, 0))),
    texts.map((t) => String(parseTimestamp(t))),
  );
});
