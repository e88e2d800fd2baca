/**
 * The Sluice CLI: `sluice demo [--rows N]`.
 *
 * @module
 */

import { tradeBatches } from "./core/gen/trades.ts";
import { ExactSum } from "./core/values/exact_sum.ts";
import { ScaledInteger } from "./core/values/scaled_integer.ts";
import { normalizeInt64 } from "./core/values/int64.ts";
import type { F64Column } from "./core/batch/column.ts";

/** Summary the demo prints. */
export interface DemoSummary {
  /** Rows generated. */
  rows: number;
  /** Batches generated. */
  batches: number;
  /** Exact SUM(price * qty), scale 4. */
  notional: ScaledInteger;
  /** Exact notional of BUY rows. */
  buyNotional: ScaledInteger;
  /** Exact notional of SELL rows. */
  sellNotional: ScaledInteger;
  /** Rows with price * qty > 1,000,000. */
  bigTrades: number;
  /** Wall time in milliseconds. */
  millis: number;
}

/**
 * Generates the seeded trade feed into columnar batches and computes exact totals over them.
 *
 * @param rows rows to generate
 * @returns the totals and the time taken
 * @example
 * ```ts
 * import { runDemo } from "./main.ts";
 * const s = runDemo(1000);
 * if (s.rows !== 1000) throw new Error();
 * ```
 */
export function runDemo(rows: number): DemoSummary {
  const t0 = performance.now();
  const total = new ExactSum(), buy = new ExactSum();
  let n = 0, batches = 0, big = 0;
  const threshold = 1_000_000 * 10_000; // price has scale 4
  for (const b of tradeBatches({ rows })) {
    const price = (b.columns[2] as F64Column).data, qty = (b.columns[3] as F64Column).data;
    const side = b.columns[5].layout === "dict" ? b.columns[5].codes : new Int32Array(0);
    for (let i = 0; i < b.length; i++) {
      const v = price[i] * qty[i]; // < 2^53: price <= 9,999,999 units, qty <= 10,000
      total.add(v);
      if (side[i] === 0) buy.add(v);
      if (v > threshold) big++;
    }
    n += b.length;
    batches++;
  }
  const t = total.toBigInt(), bu = buy.toBigInt();
  return {
    rows: n,
    batches,
    notional: new ScaledInteger(normalizeInt64(t), 4),
    buyNotional: new ScaledInteger(normalizeInt64(bu), 4),
    sellNotional: new ScaledInteger(normalizeInt64(t - bu), 4),
    bigTrades: big,
    millis: performance.now() - t0,
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

if (import.meta.main) {
  const [cmd = "demo", ...rest] = Deno.args;
  if (cmd === "demo") {
    const s = runDemo(parseRows(rest));
    const rate = s.rows / (s.millis / 1000);
    console.log(`Sluice demo: seeded trade feed (WORKLOADS.md W data), ${s.rows.toLocaleString("en-US")} rows`);
    console.log(`  batches            ${s.batches} columnar RecordBatches (typed arrays, dictionary strings)`);
    console.log(`  SUM(price*qty)     ${s.notional} (exact, ScaledInteger scale 4)`);
    console.log(`    BUY              ${s.buyNotional}`);
    console.log(`    SELL             ${s.sellNotional}`);
    console.log(`  price*qty > 1e6    ${s.bigTrades.toLocaleString("en-US")} rows`);
    console.log(
      `  time               ${s.millis.toFixed(1)} ms (${(rate / 1e6).toFixed(2)} M rec/s generate + aggregate)`,
    );
  } else {
    console.error(`Unknown command "${cmd}". Commands: demo [--rows N]`);
    Deno.exit(2);
  }
}
