/**
 * ResidentTable: columns uploaded to the GPU once, many fused queries run against them, only aggregates read
 * back; every query of one `run` call shares one command buffer, one submit and one readback.
 *
 * The table keeps its source batches, so `query` can fall back to the CPU twin (core/kernels/fused_query.ts)
 * when the GPU is unusable, fails, or the dispatcher prefers the CPU.
 *
 * @module
 */

import type { RecordBatch } from "../core/batch/record_batch.ts";
import type { StringDictionary } from "../core/batch/string_dictionary.ts";
import { type FusedQuery, type FusedResult, runFusedCpu } from "../core/kernels/fused_query.ts";
import { arithOverflowError } from "../core/kernels/arith.ts";
import type { GpuContext } from "./device.ts";
import { GpuError } from "./gpu_error.ts";
import { encodeReadback, finishReadback, guarded, STORAGE_USAGE } from "./kernel_io.ts";
import {
  decodeFused,
  type EncodedFused,
  encodeFused,
  fusedResultBytes,
  planFused,
  type ResidentColumn,
} from "./kernels/fused_query.ts";
import { dispatch, type Dispatched, type DispatchOptions } from "./dispatcher.ts";

/** Options of ResidentTable.fromBatches. */
export interface ResidentTableOptions {
  /** Columns to upload (default: every Integer, ScaledInteger, Timestamp and String column). */
  columns?: readonly string[];
}

/** Results of one batched run. */
export interface ResidentRun {
  /** One result per query, in order. */
  readonly results: FusedResult[];
  /** GPU time of all passes in nanoseconds from timestamp queries, or null where they are unavailable. */
  readonly kernelNs: number | null;
}

const UPLOADABLE = new Set(["integer", "scaled", "timestamp", "string"]);
const TWO32 = 4294967296;

/** A table whose columns live in GPU buffers. */
export class ResidentTable {
  /** The context. */
  readonly ctx: GpuContext;
  /** Logical rows. */
  readonly rows: number;
  /** The source batches (host copy for the CPU twin). */
  readonly batches: readonly RecordBatch[];
  #columns: Map<string, ResidentColumn>;

  private constructor(
    ctx: GpuContext,
    rows: number,
    batches: readonly RecordBatch[],
    columns: Map<string, ResidentColumn>,
  ) {
    this.ctx = ctx;
    this.rows = rows;
    this.batches = batches;
    this.#columns = columns;
  }

  /**
   * Uploads the columns of batches (selections applied; dictionaries merged in first-seen order, the order the
   * CPU twin reports groups in).
   *
   * @param ctx the context
   * @param batches the batches (kept for the CPU fallback)
   * @param options which columns
   * @returns the table
   * @throws {RangeError} for an unknown column or a column of a type that cannot be uploaded
   */
  static async fromBatches(
    ctx: GpuContext,
    batches: Iterable<RecordBatch>,
    options: ResidentTableOptions = {},
  ): Promise<ResidentTable> {
    const list = [...batches];
    const rows = list.reduce((s, b) => s + b.length, 0);
    const columns = new Map<string, ResidentColumn>();
    if (list.length === 0) return new ResidentTable(ctx, 0, list, columns);
    const schema = list[0].schema;
    const names = options.columns ?? schema.fields.filter((f) => UPLOADABLE.has(f.type.kind)).map((f) => f.name);
    for (const name of names) {
      const idx = schema.resolve(name);
      if (idx < 0) throw new RangeError(`Unknown column "${name}"; the batches have: ${schema.names.join(", ")}`);
      const kind = schema.fields[idx].type.kind;
      if (!UPLOADABLE.has(kind)) throw new RangeError(`Column "${name}" of type ${kind} cannot be made GPU-resident`);
      const layouts = new Set(list.map((b) => b.columns[idx].layout));
      for (const l of layouts) {
        if (l !== (kind === "string" ? "dict" : "f64") && (kind === "string" || l !== "i64")) {
          throw new RangeError(`Column "${name}" has layout ${l}, which cannot be made GPU-resident`);
        }
      }
    }
    const words = (rows + 31) >>> 5;
    // Logical-row validity bitmask of a column, or null when no row is NULL.
    const validityOf = (idx: number): Uint32Array | null => {
      let mask: Uint32Array | null = null, at = 0;
      for (const b of list) {
        const v = b.columns[idx].validity;
        for (let k = 0; k < b.length; k++, at++) {
          if (v !== null && v[b.selection === null ? k : b.selection[k]] === 0) {
            if (mask === null) {
              mask = new Uint32Array(words).fill(0xffffffff);
              if ((rows & 31) !== 0) mask[words - 1] = (1 << (rows & 31)) - 1;
            }
            mask[at >>> 5] &= ~(1 << (at & 31));
          }
        }
      }
      return mask;
    };
    const masks: Uint32Array[] = [];
    const pending: [string, Omit<ResidentColumn, "validity">, number][] = [];
    return await guarded(ctx, "resident table upload", () => {
      for (const name of names) {
        const idx = schema.resolve(name);
        const type = schema.fields[idx].type;
        const mask = validityOf(idx);
        const slot = mask === null ? -1 : masks.push(mask) - 1;
        if (type.kind === "string") {
          const codes = new Int32Array(rows);
          const keys: string[] = [];
          const index = new Map<string, number>();
          const remaps = new Map<StringDictionary, Int32Array>();
          let at = 0;
          for (const b of list) {
            const c = b.columns[idx];
            if (c.layout !== "dict") throw new RangeError(`Column "${name}" is not dictionary-encoded`);
            let remap = remaps.get(c.dict);
            if (remap === undefined || remap.length < c.dict.size) {
              remap = new Int32Array(c.dict.size);
              for (let k = 0; k < c.dict.size; k++) {
                const s = c.dict.values[k];
                let i = index.get(s);
                if (i === undefined) {
                  i = keys.push(s) - 1;
                  index.set(s, i);
                }
                remap[k] = i;
              }
              remaps.set(c.dict, remap);
            }
            for (let k = 0; k < b.length; k++) {
              const p = b.selection === null ? k : b.selection[k];
              codes[at++] = remap[c.codes[p]];
            }
          }
          const buffer = ctx.device.createBuffer({
            label: `sluice resident ${name}`,
            size: Math.max(16, rows * 4),
            usage: STORAGE_USAGE,
          });
          if (codes.byteLength > 0) ctx.device.queue.writeBuffer(buffer, 0, codes); // Deno aborts on an empty write
          pending.push([name, { name, kind: "dict", typeKind: "string", scale: 0, keys, buffer }, slot]);
        } else {
          const lanes = new Uint32Array(2 * rows);
          let at = 0;
          for (const b of list) {
            const c = b.columns[idx];
            if (c.layout === "f64") {
              const d = c.data;
              for (let k = 0; k < b.length; k++) {
                const v = d[b.selection === null ? k : b.selection[k]];
                lanes[at++] = v >>> 0;
                lanes[at++] = Math.floor(v / TWO32) >>> 0;
              }
            } else if (c.layout === "i64") {
              const d = c.data;
              for (let k = 0; k < b.length; k++) {
                const v = d[b.selection === null ? k : b.selection[k]];
                lanes[at++] = Number(BigInt.asUintN(32, v));
                lanes[at++] = Number(BigInt.asUintN(32, v >> 32n));
              }
            } else throw new RangeError(`Column "${name}" has layout ${c.layout}, not an exact integer layout`);
          }
          const buffer = ctx.device.createBuffer({
            label: `sluice resident ${name}`,
            size: Math.max(16, rows * 8),
            usage: STORAGE_USAGE,
          });
          if (lanes.byteLength > 0) ctx.device.queue.writeBuffer(buffer, 0, lanes); // Deno aborts on an empty write
          const scale = type.kind === "scaled" ? type.scale : 0;
          pending.push([name, { name, kind: "i64", typeKind: type.kind, scale, keys: null, buffer }, slot]);
        }
      }
      // One buffer holds the validity bitmasks of every column that has a NULL (slot j at word j * words).
      let vbuf: GPUBuffer | null = null;
      if (masks.length > 0) {
        const all = new Uint32Array(masks.length * words);
        masks.forEach((m, j) => all.set(m, j * words));
        vbuf = ctx.device.createBuffer({
          label: "sluice resident validity",
          size: Math.max(16, all.byteLength),
          usage: STORAGE_USAGE,
        });
        ctx.device.queue.writeBuffer(vbuf, 0, all);
      }
      for (const [name, c, slot] of pending) {
        columns.set(name, { ...c, validity: slot < 0 ? null : { buffer: vbuf!, slot } });
      }
      return Promise.resolve(new ResidentTable(ctx, rows, list, columns));
    });
  }

  /** Names of the resident columns. */
  get columnNames(): string[] {
    return [...this.#columns.keys()];
  }

  /** Bytes held on the GPU by the columns. */
  get byteSize(): number {
    let s = 0;
    for (const c of this.#columns.values()) s += c.buffer.size;
    return s;
  }

  #column = (name: string): ResidentColumn => {
    const c = this.#columns.get(name);
    if (c !== undefined) return c;
    for (const [k, v] of this.#columns) if (k.toLowerCase() === name.toLowerCase()) return v;
    throw new RangeError(`Column "${name}" is not resident; resident columns: ${this.columnNames.join(", ")}`);
  };

  /**
   * Runs queries on the GPU: one command buffer, one submit, one readback for all of them.
   *
   * @param queries the queries
   * @returns one result per query and the GPU time where timestamp queries exist
   * @throws {OverflowError} the CPU twin's error for the first query (in order) whose product overflows
   * @throws {TypeError} for an invalid query
   * @throws {GpuError} when the GPU cannot run a query or fails
   */
  async run(queries: readonly FusedQuery[]): Promise<ResidentRun> {
    const ctx = this.ctx;
    const plans = queries.map((q) => planFused(ctx, this.#column, q));
    return await guarded(ctx, "resident fused queries", async () => {
      const total = plans.reduce((s, p) => s + fusedResultBytes(p), 0);
      const gather = ctx.pool.acquire(Math.max(total, 16), STORAGE_USAGE, "sluice fused gather");
      const enc = ctx.device.createCommandEncoder({ label: "sluice fused queries" });
      const ts = ctx.timestamps && plans.length > 0
        ? ctx.device.createQuerySet({ label: "sluice fused timestamps", type: "timestamp", count: 4 * plans.length })
        : null;
      const encoded: EncodedFused[] = [];
      let offset = 0;
      for (let i = 0; i < plans.length; i++) {
        const writes = ts === null ? undefined : [
          { querySet: ts, beginningOfPassWriteIndex: 4 * i, endOfPassWriteIndex: 4 * i + 1 },
          { querySet: ts, beginningOfPassWriteIndex: 4 * i + 2, endOfPassWriteIndex: 4 * i + 3 },
        ] as const;
        encoded.push(await encodeFused(ctx, enc, this.rows, plans[i], gather, offset, writes));
        offset += fusedResultBytes(plans[i]);
      }
      let tsBuf: GPUBuffer | null = null;
      if (ts !== null) {
        tsBuf = ctx.pool.acquire(
          32 * plans.length,
          GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
          "sluice fused timestamp resolve",
        );
        enc.resolveQuerySet(ts, 0, 4 * plans.length, tsBuf, 0);
      }
      const rb = encodeReadback(ctx, enc, gather, total, "sluice fused readback");
      const rbTs = tsBuf === null
        ? null
        : encodeReadback(ctx, enc, tsBuf, 32 * plans.length, "sluice fused timestamp readback");
      ctx.device.queue.submit([enc.finish()]);
      const [words, tsWords] = await Promise.all([
        finishReadback(ctx, rb),
        rbTs === null ? null : finishReadback(ctx, rbTs),
      ]);
      for (const e of encoded) for (const b of e.buffers) ctx.pool.release(b);
      ctx.pool.release(gather);
      if (tsBuf !== null) ctx.pool.release(tsBuf);
      ts?.destroy();
      let kernelNs: number | null = null;
      if (tsWords !== null) {
        const t = new BigUint64Array(tsWords.buffer, tsWords.byteOffset, tsWords.length / 2);
        let ns = 0n;
        for (let i = 0; i + 1 < t.length; i += 2) if (t[i + 1] > t[i]) ns += t[i + 1] - t[i];
        kernelNs = Number(ns);
      }
      const results: FusedResult[] = [];
      for (let i = 0; i < encoded.length; i++) {
        const r = decodeFused(encoded[i], words);
        if ("overflowRow" in r) throw this.#overflow(queries[i], r.overflowRow);
        results.push(r);
      }
      return { results, kernelNs };
    });
  }

  /** The CPU twin's OverflowError for a product overflowing at logical row `row`. */
  #overflow(q: FusedQuery, row: number): Error {
    const [a, b] = q.sum ?? [];
    if (a === undefined || b === undefined) return new GpuError(`fused query: overflow reported without a product`);
    return arithOverflowError("mul", this.#valueAt(a, row), this.#valueAt(b, row), row);
  }

  #valueAt(name: string, row: number): bigint {
    for (const batch of this.batches) {
      if (row < batch.length) {
        const c = batch.column(name);
        const p = batch.selection === null ? row : batch.selection[row];
        if (c.layout === "f64") return BigInt(c.data[p]);
        if (c.layout === "i64") return c.data[p];
        break;
      }
      row -= batch.length;
    }
    throw new GpuError(`fused query: no value of "${name}" at the reported row`);
  }

  /**
   * Runs queries where the dispatcher says (GPU or CPU twin); GPU failures fall back to the CPU twin.
   *
   * @param queries the queries
   * @param options dispatch options
   * @returns the results and the path that ran
   * @throws {OverflowError} as the CPU twin
   */
  query(queries: readonly FusedQuery[], options: DispatchOptions = {}): Promise<Dispatched<FusedResult[]>> {
    return dispatch(
      "resident fused queries",
      this.rows * Math.max(queries.length, 1),
      this.ctx,
      async () => (await this.run(queries)).results,
      () => queries.map((q) => runFusedCpu(this.batches, q)),
      { ...options, resident: true },
    );
  }

  /** Destroys the column buffers (the host batches stay). */
  destroy(): void {
    for (const c of this.#columns.values()) {
      c.buffer.destroy();
      c.validity?.buffer.destroy();
    }
    this.#columns.clear();
  }
}
