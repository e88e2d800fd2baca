// Value layer benches (issue 2): display via TextWriter vs naive strings, casts with a pre-parsed TargetType vs
// parsing the target per call, exact arithmetic fast paths vs BigInt. Seeded data; answers checked outside the
// timed parts. Run: deno bench -A bench/values_bench.ts
import { mulberry32 } from "../core/gen/mulberry32.ts";
import { ScaledInteger } from "../core/values/scaled_integer.ts";
import { TextWriter } from "../core/values/text_writer.ts";
import { cast } from "../core/values/cast.ts";
import { parseTargetType } from "../core/types/target_type.ts";
import { Types } from "../core/types/data_type.ts";
import { addInt64, multiplyInt64 } from "../core/values/int64_arithmetic.ts";
import { addScaled, multiplyScaled } from "../core/values/scaled_arithmetic.ts";
import { checkedInt64, type Int64 } from "../core/values/int64.ts";

const N = 1_000_000;
const r = mulberry32(42);
const units = new Float64Array(N);
for (let i = 0; i < N; i++) units[i] = (10000 + Math.floor(r() * 9990001)) * (r() < 0.1 ? -1 : 1);
const objects = Array.from(units, (u) => new ScaledInteger(u, 4));

// --- display: 1 M SCALED(4) values, newline separated ---
const writer = new TextWriter(1 << 24);
function writeAll(): number {
  writer.reset();
  for (let i = 0; i < N; i++) {
    writer.writeScaled(units[i], 4);
    writer.writeByte(10);
  }
  return writer.length;
}
function naiveAll(): number {
  let bytes = 0;
  for (let i = 0; i < N; i++) bytes += objects[i].toString().length + 1;
  return bytes;
}
function templateAll(): number {
  // A careful hand-written number path (still one string per value).
  let bytes = 0;
  for (let i = 0; i < N; i++) {
    const u = units[i], a = u < 0 ? -u : u, f = a % 10000;
    const s = (u < 0 ? "-" : "") + (a - f) / 10000 + "." + String(f).padStart(4, "0");
    bytes += s.length + 1;
  }
  return bytes;
}
{
  const total = writeAll();
  if (total !== naiveAll() || total !== templateAll()) throw new Error("display benches disagree on byte counts");
  const text = new TextDecoder().decode(writer.bytes().subarray(0, 2000)).split("\n");
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] !== objects[i].toString()) throw new Error(`display mismatch at ${i}: ${text[i]}`);
  }
}
Deno.bench(
  { group: "display 1M SCALED(4)", name: "ScaledInteger.toString per value (naive)", baseline: true, n: 5 },
  () => {
    naiveAll();
  },
);
Deno.bench({ group: "display 1M SCALED(4)", name: "template string per value", n: 5 }, () => {
  templateAll();
});
Deno.bench({ group: "display 1M SCALED(4)", name: "TextWriter.writeScaled into a reused buffer", n: 5 }, () => {
  writeAll();
});

// --- casts: 1000 texts to INTEGER and to DECIMAL(10,2) ---
const texts = Array.from({ length: 1000 }, (_, i) => ` ${Math.floor(r() * 2e9) - 1e9}${i % 2 ? "" : " "}`);
const decTexts = Array.from({ length: 1000 }, () => (r() * 1e6).toFixed(2));
const INT = parseTargetType("INTEGER");
const DEC = parseTargetType("DECIMAL(10,2)");
{
  let s = 0;
  for (const t of texts) s += cast(t, Types.String, INT) as number;
  let s2 = 0;
  for (const t of texts) s2 += Number(t.trim());
  if (s !== s2) throw new Error("cast answer");
}
Deno.bench({ group: "cast 1000 texts", name: "target text parsed per call", baseline: true }, () => {
  for (const t of texts) cast(t, Types.String, parseTargetType("INTEGER"));
});
Deno.bench({ group: "cast 1000 texts", name: "pre-parsed TargetType" }, () => {
  for (const t of texts) cast(t, Types.String, INT);
});
Deno.bench({ group: "cast 1000 texts to DECIMAL(10,2)", name: "target text parsed per call", baseline: true }, () => {
  for (const t of decTexts) cast(t, Types.String, parseTargetType("DECIMAL(10,2)"));
});
Deno.bench({ group: "cast 1000 texts to DECIMAL(10,2)", name: "pre-parsed TargetType" }, () => {
  for (const t of decTexts) cast(t, Types.String, DEC);
});

// --- arithmetic: 100 k exact products and sums, fast path vs BigInt ---
const M = 100_000;
const qa = Array.from({ length: M }, () => 10000 + Math.floor(r() * 9990001));
const qb = Array.from({ length: M }, () => 1 + Math.floor(r() * 10000));
function bigMul(a: Int64, b: Int64): Int64 {
  return checkedInt64(BigInt(a) * BigInt(b), "a * b");
}
function bigAdd(a: Int64, b: Int64): Int64 {
  return checkedInt64(BigInt(a) + BigInt(b), "a + b");
}
{
  let x = 0n, y = 0n;
  for (let i = 0; i < M; i++) {
    x += BigInt(multiplyInt64(qa[i], qb[i]));
    y += BigInt(bigMul(qa[i], qb[i]));
  }
  if (x !== y) throw new Error("multiply answer");
}
Deno.bench({ group: "100k Integer *", name: "BigInt then normalise", baseline: true }, () => {
  for (let i = 0; i < M; i++) bigMul(qa[i], qb[i]);
});
Deno.bench({ group: "100k Integer *", name: "multiplyInt64 (number fast path)" }, () => {
  for (let i = 0; i < M; i++) multiplyInt64(qa[i], qb[i]);
});
Deno.bench({ group: "100k Integer +", name: "BigInt then normalise", baseline: true }, () => {
  for (let i = 0; i < M; i++) bigAdd(qa[i], qb[i]);
});
Deno.bench({ group: "100k Integer +", name: "addInt64 (number fast path)" }, () => {
  for (let i = 0; i < M; i++) addInt64(qa[i], qb[i]);
});
const sa = qa.map((u) => new ScaledInteger(u, 4));
const sb = qb.map((u) => new ScaledInteger(u, 0));
const sc = qb.map((u) => new ScaledInteger(u, 2));
function bigScaledMul(a: ScaledInteger, b: ScaledInteger): ScaledInteger {
  return new ScaledInteger(checkedInt64(BigInt(a.units) * BigInt(b.units), "a * b"), a.scale + b.scale);
}
function bigScaledAdd(a: ScaledInteger, b: ScaledInteger): ScaledInteger {
  const s = Math.max(a.scale, b.scale);
  const v = BigInt(a.units) * 10n ** BigInt(s - a.scale) + BigInt(b.units) * 10n ** BigInt(s - b.scale);
  return new ScaledInteger(checkedInt64(v, "a + b"), s);
}
{
  for (let i = 0; i < 1000; i++) {
    if (String(multiplyScaled(sa[i], sb[i])) !== String(bigScaledMul(sa[i], sb[i]))) throw new Error("SI *");
    if (String(addScaled(sa[i], sc[i])) !== String(bigScaledAdd(sa[i], sc[i]))) throw new Error("SI +");
  }
}
Deno.bench({ group: "100k ScaledInteger price*qty", name: "BigInt units", baseline: true }, () => {
  for (let i = 0; i < M; i++) bigScaledMul(sa[i], sb[i]);
});
Deno.bench({ group: "100k ScaledInteger price*qty", name: "multiplyScaled (number fast path)" }, () => {
  for (let i = 0; i < M; i++) multiplyScaled(sa[i], sb[i]);
});
Deno.bench({ group: "100k ScaledInteger + (scales 4 and 2)", name: "BigInt aligned units", baseline: true }, () => {
  for (let i = 0; i < M; i++) bigScaledAdd(sa[i], sc[i]);
});
Deno.bench({ group: "100k ScaledInteger + (scales 4 and 2)", name: "addScaled (number fast path)" }, () => {
  for (let i = 0; i < M; i++) addScaled(sa[i], sc[i]);
});
