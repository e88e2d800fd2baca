/**
 * The Sluice CLI: `sluice demo [--rows N]`.
 *
 * @module
 */

import { tradeBatches } from "./core/gen/trades.ts";
import type { RecordBatch } from "./core/batch/record_batch.ts";
import { type FusedResult, runFusedCpu } from "./core/kernels/fused_query.ts";
import { ScaledInteger } from "./core/values/scaled_integer.ts";
import { normalizeInt64 } from "./core/values/int64.ts";

/** One group of the demo's W3 query. */
export interface DemoGroup {
  /** Symbol. */
  symbol: string;
  /** Exact SUM(price * qty). */
  notional: ScaledInteger;
  /** COUNT(*). */
  count: number;
}

/** Summary the demo prints. */
export interface DemoSummary {
  /** Rows generated. */
  rows: number;
  /** Batches generated. */
  batches: number;
  /** Milliseconds spent generating the columnar batches. */
  generateMillis: number;
  /** Exact SUM(price * qty) over all rows (WORKLOADS.md W5), scale 4. */
  notional: ScaledInteger;
  /** Exact notional per side, from one grouped pass. */
  bySide: DemoGroup[];
  /** Milliseconds of the W5 and by-side passes together. */
  totalsMillis: number;
  /** WORKLOADS.md W3: qty > 5000 AND side = 'BUY', grouped by symbol, largest notional first. */
  topSymbols: DemoGroup[];
  /** Groups W3 produced. */
  w3Groups: number;
  /** Milliseconds of the W3 pass. */
  w3Millis: number;
}

function groups(r: FusedResult): DemoGroup[] {
  const keys = r.keys ?? ["*"];
  return keys.map((symbol, i) => ({
    symbol,
    notional: new ScaledInteger(normalizeInt64(r.sums[i]), r.scale),
    count: r.counts[i],
  }));
}

/**
 * Generates the seeded trade feed into columnar batches and runs exact queries over them with the CPU kernels.
 *
 * @param rows rows to generate
 * @returns the totals and the time taken per stage
 * @example
 * ```ts
 * import { runDemo } from "./main.ts";
 * const s = runDemo(1000);
 * if (s.rows !== 1000) throw new Error();
 * ```
 */
export function runDemo(rows: number): DemoSummary {
  let t = performance.now();
  const batches: RecordBatch[] = [...tradeBatches({ rows })];
  const generateMillis = performance.now() - t;

  t = performance.now();
  const total = runFusedCpu(batches, { sum: ["price", "qty"] });
  const bySide = groups(runFusedCpu(batches, { sum: ["price", "qty"], groupBy: "side" }));
  const totalsMillis = performance.now() - t;

  t = performance.now();
  const w3 = runFusedCpu(batches, {
    where: [{ column: "qty", op: "gt", value: 5000 }, { column: "side", op: "eq", value: "BUY" }],
    sum: ["price", "qty"],
    groupBy: "symbol",
  });
  const w3Millis = performance.now() - t;
  const w3Groups = groups(w3).filter((g) => g.count > 0);
  const top = [...w3Groups].sort((a, b) => {
    const x = BigInt(a.notional.units), y = BigInt(b.notional.units);
    return x > y ? -1 : x < y ? 1 : 0;
  });

  return {
    rows: batches.reduce((n, b) => n + b.length, 0),
    batches: batches.length,
    generateMillis,
    notional: new ScaledInteger(normalizeInt64(total.sums[0]), total.scale),
    bySide,
    totalsMillis,
    topSymbols: top.slice(0, 5),
    w3Groups: w3Groups.length,
    w3Millis,
  };
}

function parseRows(args: string[]): number {
  const i = args.indexOf("--rows");
  if (i < 0) return 1_000_000;
  const v = Number(args[i + 1]);
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new RangeError(`--rows needs a non-negative integer, got "${args[i + 1]}"`);
  }
  return v;
}

function rate(rows: number, ms: number): string {
  return `${(rows / (ms / 1000) / 1e6).toFixed(1)} M rows/s`;
}

if (import.meta.main) {
  const [cmd = "demo", ...rest] = Deno.args;
  if (cmd === "demo") {
    const s = runDemo(parseRows(rest));
    const n = s.rows.toLocaleString("en-US");
    console.log(`Sluice demo: seeded trade feed (WORKLOADS.md), ${n} rows`);
    console.log(`  generated     ${s.batches} columnar batches in ${s.generateMillis.toFixed(0)} ms`);
    console.log(`  SUM(price*qty) ${s.notional}   exact ScaledInteger, scale 4 (W5)`);
    for (const g of s.bySide) {
      console.log(`    ${g.symbol.padEnd(11)} ${g.notional}   (${g.count.toLocaleString("en-US")} trades)`);
    }
    console.log(
      `    time        ${s.totalsMillis.toFixed(1)} ms for both passes (${rate(2 * s.rows, s.totalsMillis)})`,
    );
    console.log(
      `  W3: qty > 5000 AND side = 'BUY' GROUP BY symbol -> ${s.w3Groups} groups in ${s.w3Millis.toFixed(1)} ms`,
    );
    console.log(`    (${rate(s.rows, s.w3Millis)}); largest notional:`);
    for (const g of s.topSymbols) {
      console.log(`    ${g.symbol}  ${String(g.notional).padStart(20)}  ${String(g.count).padStart(5)} trades`);
    }
  } else {
    console.error(`Unknown command "${cmd}". Commands: demo [--rows N]`);
    Deno.exit(2);
  }
}
