/**
 * decodeParallel: CSV, TSV or NDJSON bytes -> RecordBatch on several threads, with exactly the rows, values,
 * errors and dead letters of one decoder reading the input in order.
 *
 * How: the input is cut into segments of about `segmentBytes`, each ending at a record end: for CSV a line break
 * outside quotes (an even count of quotes since the last cut), for NDJSON any line break (its records are
 * lines). The calling thread decodes the first segment (byte-order mark, header, schema inference) and then,
 * while every record so far was good, shares the other segments with the pool's workers, decoding some itself.
 * Workers intern strings into dictionaries of their own; their codes are mapped onto the shared dictionaries as
 * their batches arrive. Batches come out in input order.
 *
 * The first segment that holds a bad record (or any worker failure) ends the parallel part: from that segment's
 * start on, one decoder continues in order with the caller's policy and the right line numbers, so errors, skips
 * and dead letters are the ones a single decoder gives. Batch boundaries may differ (a segment's last batch can
 * be short). Without a pool, where Workers are missing, or for fields of the `values` layout (DECIMAL), the
 * whole input is decoded in order on the calling thread.
 *
 * @module
 */

import type { Column } from "../../batch/column.ts";
import { RecordBatch } from "../../batch/record_batch.ts";
import { StringDictionary } from "../../batch/string_dictionary.ts";
import type { Schema } from "../../record/schema.ts";
import { type _PlainColumn, _plainFields, _SegmentDecoder, type _SegmentResult, _transferable } from "./_segment.ts";
import { type CsvDecodeOptions, CsvDecoder } from "./csv_decoder.ts";
import { type JsonDecodeOptions, JsonDecoder } from "./json_decoder.ts";
import type { RecordDecoder } from "./record_decoder.ts";
import { type _PoolWorker, _poolWorkers, type DecodeWorkerPool } from "./decode_worker_pool.ts";
import { newDecodeStats } from "./decode_error.ts";
import { _chunksOf } from "./_byte_chunks.ts";
import type { ByteInput } from "./decode_batches.ts";

/** The formats decodeParallel splits: their records end at line breaks. */
export type ParallelFormat = "csv" | "tsv" | "ndjson";

/** Options of decodeParallel: the format's decoder options plus the pool and the segment size. */
export interface ParallelDecodeOptions extends CsvDecodeOptions, Omit<JsonDecodeOptions, "layout"> {
  /** The workers to share segments with (default: none, so the input is decoded in order on this thread). */
  pool?: DecodeWorkerPool;
  /**
   * Bytes per segment (default 1 MiB); a segment ends at the first record end past this size. With a given schema
   * the first segment, which this thread decodes alone, is at most 64 KiB.
   */
  segmentBytes?: number;
}

const LF = 10, QUOTE = 34;
/** Most bytes of the first segment when the schema is given (the workers wait while it is decoded). */
const FIRST_SEGMENT = 1 << 16;
/** Segments each worker may hold at once. */
const IN_FLIGHT = 2;

/** Quotes in buf[s, e). */
function quotes(buf: Uint8Array, s: number, e: number): number {
  for (let n = 0;; n++) {
    const i = buf.subarray(s, e).indexOf(QUOTE);
    if (i < 0) return n;
    s += i + 1;
  }
}

/**
 * The end of the first segment of buf[s, ...) that is at least `size` bytes long: one past a line feed (`quoted`:
 * with an even count of quotes in buf[s, lf)). -1 when buf holds no such line feed yet.
 */
function cutAfter(buf: Uint8Array, s: number, size: number, quoted: boolean): number {
  let t = s + size - 1;
  if (t >= buf.length) return -1;
  if (!quoted) {
    const lf = buf.indexOf(LF, t);
    return lf < 0 ? -1 : lf + 1;
  }
  let odd = (quotes(buf, s, t) & 1) === 1;
  for (;;) {
    const lf = buf.indexOf(LF, t);
    if (lf < 0) return -1;
    if ((quotes(buf, t, lf) & 1) === 1) odd = !odd;
    if (!odd) return lf + 1;
    t = lf + 1;
  }
}

/** One past the last record end in buf[s, ...) (`quoted`: a line feed with an even count of quotes since s), or -1. */
function lastRecordEnd(buf: Uint8Array, s: number, quoted: boolean): number {
  let lf = buf.lastIndexOf(LF);
  if (lf < s) return -1;
  if (!quoted) return lf + 1;
  let odd = (quotes(buf, s, lf) & 1) === 1;
  while (odd) {
    const prev = buf.lastIndexOf(LF, lf - 1);
    if (prev < s) return -1;
    if ((quotes(buf, prev, lf) & 1) === 1) odd = false;
    lf = prev;
  }
  return lf + 1;
}

/**
 * Segments of whole records (the last one may lack its line break): the first at least `firstSize` bytes, the
 * others at least `size`, but the last.
 */
async function* segmentsOf(
  chunks: AsyncIterable<Uint8Array>,
  firstSize: number,
  size: number,
  quoted: boolean,
): AsyncGenerator<Uint8Array> {
  let want = firstSize, emitted = false;
  // chunks not cut yet; joined (one copy) only once they hold enough bytes for a cut
  let parts: Uint8Array[] = [], held = 0;
  const join = (): Uint8Array => {
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(held);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    parts.push(chunk);
    held += chunk.length;
    if (held <= want) continue;
    const buf = join();
    let start = 0;
    for (;;) {
      const cut = cutAfter(buf, start, want, quoted);
      if (cut < 0) break;
      yield buf.subarray(start, cut);
      start = cut;
      want = size;
      emitted = true;
    }
    // after the first segment, what is left up to the last record end goes out too (a shorter segment), so only a
    // partial record is carried and joined to the next chunk: each byte is copied at most once
    if (emitted) {
      const end = lastRecordEnd(buf, start, quoted);
      if (end > start) {
        yield buf.subarray(start, end);
        start = end;
        want = size;
      }
    }
    parts = start < buf.length ? [buf.subarray(start)] : [];
    held = buf.length - start;
  }
  if (held > 0) yield join();
}

/** A segment after the first: its bytes and, once decoded, its batches or its failure. */
interface Segment {
  bytes: Uint8Array;
  /** -2: not handed out yet; -1: decoded on this thread; else the worker's index. */
  worker: number;
  answer: Promise<_SegmentResult> | null;
  batches: RecordBatch[] | null;
  ok: boolean;
  lines: number;
  /** Whether the worker's answer (or its failure) came. */
  done: boolean;
  /** Rows and bytes, counted into the stats when the segment's batches go out. */
  rowCount: number;
  byteCount: number;
}

let nextJob = 1;

/**
 * Decodes CSV, TSV or NDJSON on this thread and the pool's workers; the output is what one decoder with the same
 * options gives, in the same order (see the module docs).
 *
 * @param input the bytes, in chunks of any size
 * @param format csv, tsv or ndjson
 * @param options decoder options plus the pool and the segment size
 * @returns the batches
 * @example
 * ```ts
 * import { decodeParallel } from "./decode_parallel.ts";
 * import { DecodeWorkerPool } from "./decode_worker_pool.ts";
 * using pool = new DecodeWorkerPool({ size: 1 });
 * const text = "id,side\n" + Array.from({ length: 1000 }, (_, i) => `${i},${i % 2 ? "SELL" : "BUY"}\n`).join("");
 * const batches = await Array.fromAsync(
 *   decodeParallel([new TextEncoder().encode(text)], "csv", { pool, segmentBytes: 1024 }),
 * );
 * const rows = batches.flatMap((b) => Array.from({ length: b.length }, (_, i) => b.value(i, 1)));
 * if (rows.length !== 1000 || rows[999] !== "SELL") throw new Error();
 * ```
 */
export function decodeParallel(
  input: ByteInput,
  format: ParallelFormat,
  options: ParallelDecodeOptions = {},
): ReadableStream<RecordBatch> {
  if (format !== "csv" && format !== "tsv" && format !== "ndjson") {
    throw new RangeError(`decodeParallel splits csv, tsv or ndjson, got "${format}"`);
  }
  const csv = format !== "ndjson";
  const delimiter = csv ? options.delimiter ?? (format === "tsv" ? "\t" : ",") : undefined;
  /** A decoder of this format with `extra` over the caller's options. */
  const decoder = (extra: ParallelDecodeOptions): RecordDecoder =>
    csv
      ? new CsvDecoder({ ...options, delimiter, ...extra })
      : new JsonDecoder({ ...options, ...extra, layout: "ndjson" });
  const segmentBytes = options.segmentBytes ?? 1 << 20;
  if (!Number.isSafeInteger(segmentBytes) || segmentBytes < 1) {
    throw new RangeError(`segmentBytes must be a positive integer, got ${options.segmentBytes}`);
  }
  const stats = options.stats ?? newDecodeStats();
  const deadLetter = options.deadLetter;
  // the first segment is decoded alone (header, inference): keep it short when there is nothing to infer
  const firstBytes = options.schema === undefined ? segmentBytes : Math.min(segmentBytes, FIRST_SEGMENT);
  const segments = segmentsOf(_chunksOf(input), firstBytes, segmentBytes, csv);

  const send = async (d: RecordDecoder) => {
    const letters = d.deadLetters.splice(0);
    if (deadLetter !== undefined) { for (const l of letters) await deadLetter(l); }
  };

  /** Decodes the rest of the input in order with `d`, starting with segments already read. */
  async function* inOrder(d: RecordDecoder, read: Uint8Array[]): AsyncGenerator<RecordBatch> {
    for (;;) {
      let bytes = read.shift();
      if (bytes === undefined) {
        const next = await segments.next();
        if (next.done) break;
        bytes = next.value;
      }
      d.write(bytes);
      await send(d);
      yield* d.drain();
      if (d.error !== null) throw d.error;
    }
    d.end();
    await send(d);
    yield* d.drain();
    if (d.error !== null) throw d.error;
  }

  const head = decoder({ stats }); // checks the options now, before any read
  async function* run(): AsyncGenerator<RecordBatch> {
    try {
      yield* decode();
    } finally {
      await segments.return(undefined); // a cancelled read releases (and cancels) the input
    }
  }

  async function* decode(): AsyncGenerator<RecordBatch> {
    const first = await segments.next();
    if (first.done) return yield* inOrder(head, []);
    head.write(first.value);
    await send(head);
    const headBatches = head.drain();
    if (head.error !== null) {
      yield* headBatches;
      throw head.error;
    }
    const second = await segments.next();
    const schema = head.schema;
    const workers = options.pool === undefined ? [] : _poolWorkers(options.pool);
    if (
      second.done || schema === null || workers.length === 0 || stats.skipped + stats.deadLettered > 0 ||
      !schema.fields.every((f) => _transferable(f.type))
    ) {
      yield* headBatches;
      return yield* inOrder(head, second.done ? [] : [second.value]);
    }
    head.end();
    headBatches.push(...head.drain());
    yield* headBatches;
    yield* parallel(schema, head, headBatches, second.value, workers);
  }

  async function* parallel(
    schema: Schema,
    head: RecordDecoder,
    headBatches: RecordBatch[],
    second: Uint8Array,
    workers: readonly _PoolWorker[],
  ): AsyncGenerator<RecordBatch> {
    // the shared dictionaries: the ones the head decoder used, so its codes stay valid
    const dicts: Record<string, StringDictionary> = {};
    const stringFields: number[] = [];
    const stringSlot: number[] = schema.fields.map(() => -1);
    schema.fields.forEach((f, i) => {
      if (f.type.kind !== "string") return;
      stringSlot[i] = stringFields.length;
      stringFields.push(i);
      const c = headBatches[0]?.columns[i];
      dicts[f.name] = c?.layout === "dict" ? c.dict : options.dictionaries?.[f.name] ?? new StringDictionary();
    });
    const columns = csv ? [...((head as CsvDecoder).columns ?? schema.names)] : [];
    // segments after the first: no header, CSV columns mapped by the header's names
    const base: ParallelDecodeOptions = csv
      ? { schema, header: false, columns, batchSize: head.batchSize }
      : { schema, batchSize: head.batchSize };
    const job = nextJob++;
    for (const w of workers) {
      w.tell({
        kind: "job",
        job,
        format: csv ? "csv" : "ndjson",
        fields: _plainFields(schema),
        columns,
        delimiter: delimiter ?? ",",
        batchSize: head.batchSize,
      });
    }
    // per worker and String field: worker code -> shared code
    const remaps: Int32Array[][] = workers.map(() => stringFields.map(() => new Int32Array(64)));
    const remapSizes: number[][] = workers.map(() => stringFields.map(() => 0));

    // this thread's decoder of segments
    let here: _SegmentDecoder | null = null;
    /** Decodes a segment on this thread. */
    const decodeHere = (s: Segment): void => {
      here ??= new _SegmentDecoder(csv ? "csv" : "ndjson", schema, columns, delimiter ?? ",", head.batchSize, dicts);
      const out = here.decode(s.bytes);
      s.worker = -1;
      s.ok = out !== null;
      if (out === null) return;
      s.batches = out.batches;
      s.lines = out.lines;
      s.rowCount = out.rows;
      s.byteCount = out.bytes;
    };

    /** Takes a worker's answer: its new strings first (answers are taken in the order each worker gave them). */
    const take = (s: Segment, r: _SegmentResult): void => {
      const w = s.worker;
      if (spares.length < 2 * IN_FLIGHT * workers.length) spares.push(r.spare);
      for (let f = 0; f < stringFields.length; f++) {
        const dict = dicts[schema.fields[stringFields[f]].name];
        let map = remaps[w][f], n = remapSizes[w][f];
        const added = r.added[f];
        if (n + added.length > map.length) {
          const m = new Int32Array(Math.max(map.length * 2, n + added.length));
          m.set(map);
          remaps[w][f] = map = m;
        }
        for (const v of added) map[n++] = dict.intern(v);
        remapSizes[w][f] = n;
      }
      s.ok = r.ok;
      if (!r.ok) return;
      s.lines = r.lines;
      s.batches = r.lengths.map((length, b) => {
        const cols = r.columns[b].map((c: _PlainColumn, i: number): Column => {
          const type = schema.fields[i].type;
          if (c.layout !== "dict") {
            return { layout: c.layout, type, length, validity: c.validity, data: c.data } as Column;
          }
          const map = remaps[w][stringSlot[i]], codes = c.data as Int32Array;
          for (let k = 0; k < length; k++) codes[k] = map[codes[k]];
          return { layout: "dict", type, length, validity: c.validity, codes, dict: dicts[schema.fields[i].name] };
        });
        return new RecordBatch(schema, cols);
      });
      for (const n of r.lengths) s.rowCount += n;
      s.byteCount = r.bytes;
    };

    /** Segment buffers the workers handed back. */
    const spares: ArrayBuffer[] = [];
    const todo: Segment[] = [];
    /** Segments read and not yet emitted: beyond this, wait for the oldest instead of decoding ahead. */
    const heldMax = 4 + 2 * IN_FLIGHT * workers.length;
    const unread: Uint8Array[] = [second];
    let readAll = false;
    let line = head.nextLine;
    try {
      for (;;) {
        // read ahead: a segment for every free worker slot, plus one for this thread, up to a bound on what is held
        // (a worker's room is read from shared memory: its answers need not have arrived)
        let free = 0;
        for (const w of workers) if (!w.failed) free += Math.max(0, IN_FLIGHT - w.pending);
        let waiting = 0;
        for (const s of todo) if (s.worker === -2) waiting++;
        while (!readAll && waiting < free + 1 && todo.length < heldMax) {
          let bytes = unread.shift();
          if (bytes === undefined) {
            const next = await segments.next();
            if (next.done) {
              readAll = true;
              break;
            }
            bytes = next.value;
          }
          todo.push({
            bytes,
            worker: -2,
            answer: null,
            batches: null,
            ok: true,
            lines: 0,
            rowCount: 0,
            byteCount: 0,
            done: false,
          });
          waiting++;
        }
        if (todo.length === 0) return;
        // hand segments out in order to the least busy workers with room
        for (const s of todo) {
          if (s.worker !== -2) continue;
          let w = -1;
          for (let i = 0; i < workers.length; i++) {
            const wi = workers[i];
            if (wi.failed || wi.pending >= IN_FLIGHT) continue;
            if (w < 0 || wi.pending < workers[w].pending) w = i;
          }
          if (w < 0) break;
          s.worker = w;
          // a copy the worker owns, in a buffer a worker handed back when there is one big enough
          let spare = spares.pop();
          if (spare === undefined || spare.byteLength < s.bytes.length) {
            spare = new ArrayBuffer(Math.max(s.bytes.length, segmentBytes + (segmentBytes >> 2)));
          }
          const bytes = new Uint8Array(spare, 0, s.bytes.length);
          bytes.set(s.bytes);
          s.answer = workers[w].ask(
            { kind: "segment", job, segment: todo.indexOf(s), bytes },
            [bytes.buffer],
          );
          s.answer.then(() => s.done = true, () => s.done = true); // a failed worker: handled when taken
        }
        // take the answers that came, in order (so each worker's new strings are mapped in the order it sent them)
        for (const t of todo) {
          if (t.worker < 0 || t.batches !== null || !t.ok || !t.done) continue;
          try {
            take(t, await t.answer!);
          } catch {
            t.ok = false; // the worker failed: decode from here in order
          }
        }
        const s = todo[0];
        if (s.worker === -2) decodeHere(s);
        else if (s.worker >= 0 && s.batches === null && s.ok) {
          // while the worker decodes the next segment out, decode a later one here
          const later = todo.find((t) => t.worker === -2);
          if (later !== undefined) {
            decodeHere(later);
            continue;
          }
          try {
            take(s, await s.answer!);
          } catch {
            s.ok = false; // the worker failed: decode from here in order
          }
        }
        if (!s.ok) {
          const d = decoder({ ...base, dictionaries: dicts, firstLine: line, stats });
          yield* inOrder(d, todo.map((t) => t.bytes).concat(unread));
          return;
        }
        todo.shift();
        line += s.lines;
        stats.rows += s.rowCount;
        stats.bytes += s.byteCount;
        yield* s.batches!;
      }
    } finally {
      for (const w of workers) w.tell({ kind: "end", job });
    }
  }

  return ReadableStream.from(run());
}
