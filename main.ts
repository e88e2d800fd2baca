/**
 * The Sluice CLI:
 *
 * - `sluice demo [--rows N]`: the seeded trade feed (WORKLOADS.md) as columnar batches, exact W5 and W3; then the
 *   feed as a CSV file loaded into a keyed table (W1), its exact sum checked against W5.
 * - `sluice load <uri> --key <column> [--where <condition>] [--sum <expression>] [--workers N]`: reads any source
 *   (`file://trades.csv`, `gen://trades?n=1000000`, `nats://...`) into a keyed table, showing progress, then
 *   answers a count and an exact sum. CSV is decoded with a DecodeWorkerPool (`--workers 0`: on one thread).
 *
 * @module
 */

import { tradeBatches } from "./core/gen/trades.ts";
import type { RecordBatch } from "./core/batch/record_batch.ts";
import { type FusedResult, runFusedCpu } from "./core/kernels/fused_query.ts";
import { ScaledInteger } from "./core/values/scaled_integer.ts";
import { normalizeInt64 } from "./core/values/int64.ts";
import { createSource } from "./core/io/io.ts";
import { newDecodeStats } from "./core/io/codecs/decode_error.ts";
import { SqlBindError } from "./core/sql/sql_bind_error.ts";
import { sqlPosition } from "./core/sql/sql_syntax_error.ts";
import { encodeBatches } from "./core/io/codecs/batch_encoder.ts";
import { DecodeWorkerPool } from "./core/io/codecs/decode_worker_pool.ts";
import { KeyedTable, type LoadProgress } from "./core/table/keyed_table.ts";
import type { TableStats } from "./core/table/table_stats.ts";
import type { Value } from "./core/values/value.ts";

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

/** Options of runLoad. */
export interface LoadCommandOptions {
  /** The key column(s) of the table. */
  key: string | readonly string[];
  /** A condition to count and sum under (default: every row). */
  where?: string;
  /** An expression to sum exactly (default none). */
  sum?: string;
  /** CSV decoding workers (default: cores - 1; 0 decodes on the calling thread). Ignored when `pool` is given. */
  workers?: number;
  /** A pool to decode with (kept open; default: one made for this load and closed after it). */
  pool?: DecodeWorkerPool;
  /** Called after each loaded batch. */
  onProgress?: (progress: LoadProgress) => void;
}

/** What runLoad found. */
export interface LoadSummary {
  /** The table, loaded. */
  table: KeyedTable;
  /** Milliseconds from opening the source to the last batch applied. */
  loadMillis: number;
  /** Input bytes decoded (byte sources; 0 for others). */
  bytes: number;
  /** Rows counted under `where` (all rows without one). */
  count: number;
  /** The exact sum of `sum` under `where`, or null. */
  sum: Value | null;
  /** The table's own memory figures. */
  stats: TableStats;
}

/**
 * Loads a source into a keyed table and answers a count and a sum (the `load` command).
 *
 * @param uri any source URI of the registry
 * @param options key, condition, sum, workers, progress
 * @returns the table and what was measured
 * @example
 * ```ts
 * import { runLoad } from "./main.ts";
 * const s = await runLoad("gen://trades?n=5000", { key: "id", where: "side = 'BUY'", sum: "price * qty" });
 * if (s.table.size !== 5000 || s.count === 0 || s.sum === null) throw new Error();
 * ```
 */
export async function runLoad(uri: string, options: LoadCommandOptions): Promise<LoadSummary> {
  using own = options.pool === undefined
    ? new DecodeWorkerPool(options.workers === undefined ? {} : { size: options.workers })
    : null;
  const pool = options.pool ?? own!;
  const t = performance.now();
  const stats = newDecodeStats();
  const source = createSource(uri, pool.size > 0 ? { pool, stats } : { stats });
  try {
    const table = new KeyedTable(await source.resolveSchema(), { key: options.key });
    // bind the condition and the sum on the empty table: a mistake in either fails before the input is read
    pointed(options.where, () => table.count(options.where));
    if (options.sum !== undefined) pointed(options.sum, () => table.sum(options.sum!, options.where));
    // Room for the rows a plain file will hold (the file source sets its size, DecodeStats.inputBytes, when it opens
    // it), so the table does not double (and copy) its columns all the way to 1 M rows. The bytes per row are taken at
    // 1/16 and again at 1/8 of the file, and the room is reserved only when the two agree within 10% (rows that change
    // shape, e.g. short ones first, give no hint) and every row so far was a new key (a file of updates to few keys
    // would not need the room). It is a hint: it changes no row and no answer, and a failed allocation leaves the table
    // to grow as it would have.
    let sized = false, perRow = 0;
    const onProgress = (p: LoadProgress) => {
      const inputBytes = stats.inputBytes ?? 0;
      if (!sized && stats.rows > 0) {
        if (inputBytes === 0) sized = true;
        else if (perRow === 0) {
          if (stats.bytes * 16 >= inputBytes) perRow = stats.bytes / stats.rows;
        } else if (stats.bytes * 8 >= inputBytes) {
          sized = true;
          const now = stats.bytes / stats.rows;
          if (table.size === p.records && Math.abs(now - perRow) <= 0.1 * perRow) {
            try {
              table.reserve(Math.ceil((inputBytes / now) * 1.02));
            } catch (e) {
              if (!(e instanceof RangeError)) throw e;
            }
          }
        }
      }
      options.onProgress?.(p);
    };
    await table.load(source.batches(), { onProgress });
    const loadMillis = performance.now() - t;
    return {
      table,
      loadMillis,
      bytes: stats.bytes,
      count: table.count(options.where),
      sum: options.sum === undefined ? null : table.sum(options.sum, options.where),
      stats: table.stats(),
    };
  } finally {
    await source.close();
  }
}

/**
 * Runs `f`; a SqlBindError it throws about `text` comes back with the line of `text` it points at and a caret (as a
 * SqlSyntaxError shows), so a command line shows where the mistake is, not only what it is.
 */
function pointed(text: string | undefined, f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof SqlBindError) || e.offset < 0 || text === undefined || e.message.includes("\n")) throw e;
    throw new SqlBindError(`${e.message}\n${sqlPosition(text, e.offset).snippet}`, e.offset);
  }
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  if (i + 1 >= args.length) throw new RangeError(`${name} needs a value`);
  return args[i + 1];
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

/** Blanks the progress line `sluice load` writes on a terminal (nothing elsewhere). */
function clearProgress(): void {
  if (Deno.stderr.isTerminal()) Deno.stderr.writeSync(new TextEncoder().encode("\r" + " ".repeat(40) + "\r"));
}

/** The command line: demo, load, or the usage. */
async function cli(args: string[]): Promise<void> {
  const [cmd = "demo", ...rest] = args;
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
    // W1: the same feed as a CSV file, read back into a keyed table through the decode workers
    if (s.rows > 0) {
      const path = await Deno.makeTempFile({ prefix: "sluice_demo_", suffix: ".csv" });
      try {
        const t = performance.now();
        const file = await Deno.open(path, { write: true });
        for await (const chunk of encodeBatches(tradeBatches({ rows: s.rows }), "csv")) await file.write(chunk);
        file.close();
        const writeMillis = performance.now() - t;
        const mb = ((await Deno.stat(path)).size / 1e6).toFixed(1);
        const w1 = await runLoad(`file://${path}`, { key: "id", sum: "price * qty" });
        const same = String(w1.sum) === String(s.notional) ? "= W5" : "!= W5 (wrong)";
        console.log(`  W1: the feed as a CSV file (${mb} MB, written in ${writeMillis.toFixed(0)} ms) -> keyed table`);
        console.log(
          `    in ${w1.loadMillis.toFixed(0)} ms (${rate(w1.table.size, w1.loadMillis)}; cold: workers start,`,
        );
        console.log(`    schema inferred); SUM(price*qty) ${w1.sum} ${same}`);
      } finally {
        await Deno.remove(path);
      }
    }
  } else if (cmd === "load" && rest.length > 0 && !rest[0].startsWith("--")) {
    const key = flag(rest, "--key");
    if (key === undefined) throw new RangeError("load needs --key <column>");
    const workers = flag(rest, "--workers");
    let last = 0;
    const tty = Deno.stderr.isTerminal(); // progress only where someone watches
    const s = await runLoad(rest[0], {
      key: key.includes(",") ? key.split(",") : key,
      where: flag(rest, "--where"),
      sum: flag(rest, "--sum"),
      workers: workers === undefined ? undefined : Number(workers),
      onProgress: (p) => {
        const now = performance.now();
        if (!tty || now - last < 250) return;
        last = now;
        Deno.stderr.writeSync(new TextEncoder().encode(`\r  ${p.records.toLocaleString("en-US")} records...`));
      },
    });
    clearProgress();
    const n = s.table.size;
    const mb = s.bytes > 0 ? `, ${(s.bytes / 1e6).toFixed(1)} MB` : "";
    console.log(`Loaded ${n.toLocaleString("en-US")} rows from ${rest[0]} in ${s.loadMillis.toFixed(0)} ms${mb}`);
    console.log(`  ${rate(n, s.loadMillis)}; the table holds ${s.stats.bytesPerRow.toFixed(1)} B/row`);
    const cond = flag(rest, "--where");
    console.log(`  COUNT(*)${cond === undefined ? "" : ` WHERE ${cond}`} = ${s.count.toLocaleString("en-US")}`);
    if (s.sum !== null) console.log(`  SUM(${flag(rest, "--sum")}) = ${s.sum}`);
  } else {
    console.error(
      `Unknown command "${cmd}". Commands: demo [--rows N] | load <uri> --key <column> [--where <condition>] ` +
        `[--sum <expression>] [--workers N]`,
    );
    Deno.exit(2);
  }
}

if (import.meta.main) {
  try {
    await cli(Deno.args);
  } catch (e) {
    // one line (a syntax error adds its caret snippet), no stack: the input or the flags were wrong
    clearProgress();
    console.error(`sluice: ${e instanceof Error ? e.message : String(e)}`);
    Deno.exit(1);
  }
}
