import assert from "node:assert/strict";
import { CsvDecoder } from "../../../core/io/codecs/csv_decoder.ts";
import { Schema } from "../../../core/record/schema.ts";
import { field, scaledType, Types } from "../../../core/types/data_type.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";
import { decodeSplit, enc, rowsOf } from "./_helpers.ts";

const SCHEMA = new Schema([
  field("id", Types.Integer),
  field("sym", Types.String),
  field("price", scaledType(4)),
  field("qty", Types.Integer),
  field("f", Types.Float),
  field("ok", Types.Boolean),
]);

/** A decimal text of up to 15 digits (the fast loop's float form), sometimes negative. */
function randomFloat(r: () => number): string {
  const digits = 1 + Math.floor(r() * 15);
  let d = "";
  for (let i = 0; i < digits; i++) d += String(Math.floor(r() * 10));
  const dot = Math.floor(r() * (digits + 1));
  const t = dot === digits ? d : d.slice(0, dot) + "." + d.slice(dot);
  return (r() < 0.3 ? "-" : "") + t;
}

/** A seeded mix of plain rows (fast loop) and rows the fast loop must hand to the general path. */
function randomCsv(seed: number, rows: number, crlf: boolean): string {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const ints = ["0", "-0", "7", "-12", "007", "123456789012345", "1234567890123456", "9007199254740993", "+5", "", "x"];
  const syms = ["A", "SYM1", "é€", "", '"q,uoted"', '"a""b"', "zz"];
  const prices = ["1.5", "-0.0001", "12.", ".5", "0", "1.23456", "1.230000", "00001.25", "99999999999.9999", "", "-"];
  const floats = ["1.5", "-2e3", "NaN", "", "abc", "-0", "-0.0", ".5", "1.", "007.25", "0.1", "1234567890123456", "-"];
  const bools = ["true", "0", "FALSE", "", "maybe"];
  const lines: string[] = ["id,sym,price,qty,f,ok"];
  for (let i = 0; i < rows; i++) {
    const plain = r() < 0.7;
    const f = plain
      ? [
        String(Math.floor(r() * 1e6)),
        pick(["A", "SYM1", "zz"]),
        pick(["1.5", "-0.0001", "12.3400"]),
        "3",
        randomFloat(r),
        "true",
      ]
      : [pick(ints), pick(syms), pick(prices), pick(ints), pick(floats), pick(bools)];
    if (!plain && r() < 0.05) f.pop(); // wrong field count
    if (!plain && r() < 0.05) lines.push("");
    lines.push(f.join(","));
  }
  return lines.join(crlf ? "\r\n" : "\n") + (r() < 0.5 ? "\n" : "");
}

function outcome(text: string, fastPath: boolean, cuts: number[], batchSize: number): unknown {
  const letters: string[] = [];
  const [b, d] = decodeSplit(
    () => new CsvDecoder({ schema: SCHEMA, fastPath, batchSize, onError: "dead-letter" }),
    enc(text),
    cuts,
  );
  for (const l of d.deadLetters) letters.push(`${JSON.stringify(l.raw)} ${l.error.message}`);
  const layouts = b.map((x) => x.columns.map((c) => `${c.layout}${c.validity === null ? "" : "?"}`).join());
  return { rows: rowsOf(b), letters, layouts, stats: d.stats };
}

Deno.test("CSV fast loop: same rows, layouts, dead letters and counters as the general path (seeded mix)", () => {
  for (let seed = 1; seed <= 12; seed++) {
    const text = randomCsv(seed, 300, seed % 3 === 0);
    const cuts = [7, 100, 101, 2000, 2001, 2003];
    const general = outcome(text, false, [], 17);
    assert.deepEqual(outcome(text, true, [], 17), general, `seed ${seed}`);
    assert.deepEqual(outcome(text, true, cuts, 17), general, `seed ${seed} split`);
  }
});

Deno.test("CSV fast loop: rows after a NULL in the same batch are valid; widening after fast rows", () => {
  const schema = Schema.of([["n", Types.Integer], ["s", Types.String]]);
  const [b] = decodeSplit(() => new CsvDecoder({ schema, batchSize: 4 }), enc("n,s\n1,a\n,b\n3,\n4,d\n5,e\n"), []);
  assert.deepEqual(rowsOf(b), [["1", "a"], ["null", "b"], ["3", "null"], ["4", "d"], ["5", "e"]]);
  const [w] = decodeSplit(() => new CsvDecoder({ schema }), enc("n,s\n1,a\n9007199254740993,b\n3,c\n"), []);
  assert.equal(w[0].columns[0].layout, "i64");
  assert.deepEqual([w[0].value(0, 0), w[0].value(1, 0), w[0].value(2, 0)], [1, 9007199254740993n, 3]);
});

Deno.test("CSV fast loop: a delimiter that can be part of a number decodes the same", () => {
  const schema = Schema.of([["a", scaledType(2)], ["b", Types.Integer]]);
  const [b] = decodeSplit(() => new CsvDecoder({ schema, delimiter: "." }), enc("a.b\n1.2\n-3.4\n"), []);
  assert.deepEqual(rowsOf(b), [["1.00", "2"], ["-3.00", "4"]]);
});

Deno.test("CSV fast loop: FLOAT fields give the same double as Number(text), bit for bit", () => {
  const r = mulberry32(99);
  const texts = ["0.1", "0.3", "-0", "-0.0", "1.", ".5", "123456789012345", "0.000000000000001", "9007199254.740993"];
  for (let i = 0; i < 20_000; i++) texts.push(randomFloat(r));
  const schema = Schema.of([["f", Types.Float]]);
  const [b] = decodeSplit(
    () => new CsvDecoder({ schema, batchSize: 1 << 16 }),
    enc("f\n" + texts.join("\n") + "\n"),
    [],
  );
  const col = b[0].columns[0];
  assert.ok(col.layout === "f64");
  for (let i = 0; i < texts.length; i++) assert.ok(Object.is(col.data[i], Number(texts[i])), texts[i]);
});

Deno.test("CSV fast loop: strings that share length and first and last four bytes stay distinct", () => {
  // the dictionary keys slots by length and the first and last four bytes; longer strings differ only in the middle
  const texts: string[] = [];
  for (const mid of ["", "x", "xy", "xyz", "XYZ", "é", "€", "middle", "MIDDLE!"]) {
    texts.push("abcd" + mid + "wxyz", "abcd" + mid + "wxyZ", "Abcd" + mid + "wxyz");
  }
  texts.push("a", "b", "ab", "ba", "abc", "acb", "é", "€", "\u00e9\u00e9", "SYM001", "SYM010", "SYM100");
  const r = mulberry32(5);
  const lines = ["s,n"];
  for (let i = 0; i < 5000; i++) lines.push(`${texts[Math.floor(r() * texts.length)]},${i}`);
  const text = lines.join("\n") + "\n";
  const schema = Schema.of([["s", Types.String], ["n", Types.Integer]]);
  const [fast] = decodeSplit(() => new CsvDecoder({ schema, batchSize: 777 }), enc(text), []);
  const [general] = decodeSplit(() => new CsvDecoder({ schema, batchSize: 777, fastPath: false }), enc(text), []);
  const want = lines.slice(1).map((l) => l.split(","));
  assert.deepEqual(rowsOf(fast), want);
  assert.deepEqual(rowsOf(general), want);
});

Deno.test("CSV fast loop: integers and scaled values of 10 to 18 digits, signed, match the general path", () => {
  const r = mulberry32(17);
  const digits = (n: number) => {
    let d = String(1 + Math.floor(r() * 9));
    while (d.length < n) d += String(Math.floor(r() * 10));
    return d;
  };
  const lines = ["i,p"];
  for (let i = 0; i < 4000; i++) {
    const sign = r() < 0.4 ? "-" : "";
    const ip = digits(1 + Math.floor(r() * 12)), fp = digits(1 + Math.floor(r() * 6));
    lines.push(`${sign}${digits(1 + Math.floor(r() * 18))},${sign}${ip}.${fp}`);
  }
  const text = lines.join("\n") + "\n";
  const schema = Schema.of([["i", Types.Integer], ["p", scaledType(6)]]);
  const run = (fastPath: boolean) =>
    decodeSplit(() => new CsvDecoder({ schema, fastPath, onError: "dead-letter" }), enc(text), [])[0];
  const fast = run(true), general = run(false);
  assert.deepEqual(rowsOf(fast), rowsOf(general));
  assert.equal(rowsOf(fast).length, 4000);
  // every value is the exact text (integers of 16+ digits widen to i64 and stay exact)
  const got = rowsOf(fast);
  for (let i = 0; i < 4000; i++) assert.equal(BigInt(got[i][0]), BigInt(lines[i + 1].split(",")[0]));
});

Deno.test("CSV: -2 is a value like any other on both paths (it once doubled as an error sentinel)", () => {
  const schema = Schema.of([["i", Types.Integer], ["p", scaledType(6)]]);
  const text = "i,p\n-2,-0.000002\n-2,-0.0000021\n9007199254740993,-2\n-2,-0.000002\n";
  for (const fastPath of [true, false]) {
    const [b, d] = decodeSplit(() => new CsvDecoder({ schema, fastPath, onError: "dead-letter" }), enc(text), []);
    assert.deepEqual(rowsOf(b), [["-2", "-0.000002"], ["9007199254740993", "-2.000000"], ["-2", "-0.000002"]]);
    assert.deepEqual(d.deadLetters.map((l) => l.error.message), [
      'Cannot decode line 3, column 4, field "p": "-0.0000021" has more decimal digits than SCALED(6) holds',
    ]);
  }
});

/** Rows, dead letters, layouts and counters of decoding `bytes` (in chunks ending at `cuts`). */
function outcomeOf(
  bytes: Uint8Array,
  schema: Schema,
  delimiter: string,
  fastPath: boolean,
  cuts: number[],
  batchSize: number,
): unknown {
  const [b, d] = decodeSplit(
    () => new CsvDecoder({ schema, delimiter, fastPath, batchSize, onError: "dead-letter" }),
    bytes,
    cuts,
  );
  const letters = d.deadLetters.map((l) => `${JSON.stringify(l.raw)} ${l.error.message}`);
  const layouts = b.map((x) => x.columns.map((c) => `${c.layout}${c.validity === null ? "" : "?"}`).join());
  return { rows: rowsOf(b), letters, layouts, stats: d.stats };
}

/** Cuts at every offset of the last `tail` bytes and a few seeded ones before them. */
function cutsNearEnd(n: number, tail: number, r: () => number): number[][] {
  const out: number[][] = [[]];
  for (let c = Math.max(1, n - tail); c < n; c++) out.push([Math.floor(r() * c), c]);
  return out;
}

Deno.test("CSV fast loop: String fields of 0 to 12 bytes (non-ASCII, spaces, other delimiters, CRLF) match the general path", () => {
  // the fast loop finds a String field's end in its first two words (bytes below '#' and the delimiter flagged)
  // and keys the dictionary by words; every length, a stop in either word, invalid UTF-8, quotes and the end of
  // the buffer must decode as the general path decodes them
  const schema = Schema.of([["s1", Types.String], ["n", Types.Integer], ["s2", Types.String], ["s3", Types.String]]);
  const pieces = ["a", "Z", "9", "#", "é", "€", "😀", " ", "!", "\t", "~", "\x7f"];
  for (const delimiter of [",", ";", "\t", "|", " ", "!", "#"]) {
    for (const crlf of [false, true]) {
      const r = mulberry32(delimiter.charCodeAt(0) * 2 + (crlf ? 1 : 0));
      const str = (): Uint8Array => {
        const len = Math.floor(r() * 13);
        const bytes: number[] = [];
        while (bytes.length < len) {
          const x = r();
          if (x < 0.01) bytes.push(0xff); // invalid UTF-8: a DecodeError on both paths
          else if (x < 0.02) bytes.push(...enc('"q'));
          else {
            const p = pieces[Math.floor(r() * pieces.length)];
            if (p !== delimiter) bytes.push(...enc(p));
          }
        }
        return Uint8Array.from(bytes);
      };
      const parts: Uint8Array[] = [enc(["s1", "n", "s2", "s3"].join(delimiter) + (crlf ? "\r\n" : "\n"))];
      for (let i = 0; i < 400; i++) {
        const fields = [str(), enc(String(Math.floor(r() * 1000))), str(), str()];
        if (r() < 0.05) fields[1] = enc('"q"'); // a quoted number: general path
        for (let k = 0; k < fields.length; k++) {
          parts.push(fields[k], enc(k === fields.length - 1 ? (crlf ? "\r\n" : "\n") : delimiter));
        }
      }
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        bytes.set(p, o);
        o += p.length;
      }
      for (const end of [bytes.length, bytes.length - 1]) {
        const text = bytes.subarray(0, end); // with and without the last line break
        const general = outcomeOf(text, schema, delimiter, false, [], 64);
        for (const cuts of [...cutsNearEnd(end, 12, r), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]]) {
          assert.deepEqual(
            outcomeOf(text, schema, delimiter, true, cuts, 64),
            general,
            `delimiter ${JSON.stringify(delimiter)} crlf ${crlf} cuts ${cuts}`,
          );
        }
      }
    }
  }
});

Deno.test("CSV fast loop: a record with several strings the dictionary has not seen, and invalid UTF-8 among them", () => {
  const schema = Schema.of([["a", Types.String], ["b", Types.String], ["c", Types.String], ["n", Types.Integer]]);
  const bytes = Uint8Array.from([
    ...enc("a,b,c,n\nx,yy,zzz,1\nx,yy,zzzz,2\nnew1,new2,new3,3\nx,"),
    0xc3,
    ...enc(",zzz,4\nx,yy,zzz,5\n"),
  ]);
  const general = outcomeOf(bytes, schema, ",", false, [], 3);
  assert.deepEqual(outcomeOf(bytes, schema, ",", true, [], 3), general);
  assert.deepEqual((general as { rows: string[][] }).rows, [
    ["x", "yy", "zzz", "1"],
    ["x", "yy", "zzzz", "2"],
    ["new1", "new2", "new3", "3"],
    ["x", "yy", "zzz", "5"],
  ]);
  assert.deepEqual((general as { letters: string[] }).letters.length, 1);
});

Deno.test("CSV fast loop: numbers of 1 to 18 digits, signs and fractions, at the end of the buffer, match the general path", () => {
  const schema = Schema.of([["i", Types.Integer], ["p", scaledType(4)], ["f", Types.Float], ["q", scaledType(9)]]);
  const r = mulberry32(23);
  const digits = (n: number) => {
    let d = "";
    while (d.length < n) d += String(Math.floor(r() * 10));
    return d;
  };
  const num = (frac: boolean) => {
    const sign = ["", "", "-", "+"][Math.floor(r() * 4)];
    const ip = digits(Math.floor(r() * 19));
    if (!frac || r() < 0.3) return sign + (ip === "" ? "1" : ip);
    return sign + ip + "." + digits(Math.floor(r() * 11));
  };
  for (const crlf of [false, true]) {
    const lines = ["i,p,f,q"];
    for (let i = 0; i < 1500; i++) lines.push([num(false), num(true), num(true), num(true)].join(","));
    const text = enc(lines.join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n"));
    const general = outcomeOf(text, schema, ",", false, [], 100);
    for (const cuts of cutsNearEnd(text.length, 24, r)) {
      assert.deepEqual(outcomeOf(text, schema, ",", true, cuts, 100), general, `crlf ${crlf} cuts ${cuts}`);
    }
  }
});

Deno.test("CSV fast loop: 70,000 distinct strings (the dictionary table grows past 64 Ki slots) keep their values", () => {
  const lines = ["s,n"];
  for (let i = 0; i < 70_000; i++) lines.push(`k${(i * 7919) % 70_000},${i}`);
  for (let i = 0; i < 1000; i++) lines.push(`k${i * 13},${i}`); // seen strings again, after the growth
  const text = enc(lines.join("\n") + "\n");
  const schema = Schema.of([["s", Types.String], ["n", Types.Integer]]);
  const general = outcomeOf(text, schema, ",", false, [], 4096);
  assert.deepEqual(outcomeOf(text, schema, ",", true, [100_000], 4096), general);
  assert.deepEqual((general as { rows: string[][] }).rows, lines.slice(1).map((l) => l.split(",")));
});
