/**
 * DecodeWorkerPool: the Web Workers that decodeParallel hands CSV, TSV and NDJSON segments to. Workers start on first use and
 * live until `close()`; a worker that fails is dropped, and the decoder carries on in order without it.
 *
 * @module
 */

import type { _SegmentResult, _ToWorker } from "./_segment.ts";

/** Options of a DecodeWorkerPool. */
export interface DecodeWorkerPoolOptions {
  /**
   * Workers to start (default: `navigator.hardwareConcurrency - 1`, at least 1; the thread that decodes with
   * the pool decodes segments too).
   */
  size?: number;
}

/** One worker and the answers it owes, in the order asked. */
export class _PoolWorker {
  #worker: Worker;
  #answered: { count: number };
  #waiting: { resolve: (r: _SegmentResult) => void; reject: (e: Error) => void }[] = [];
  #failed: Error | null = null;

  /** Segments asked of this worker, and (shared with it) how many it answered: its room, read without waiting. */
  #asked = 0;
  #done: Int32Array | null = typeof SharedArrayBuffer === "function" ? new Int32Array(new SharedArrayBuffer(4)) : null;

  constructor(url: URL, answered: { count: number }) {
    this.#answered = answered;
    this.#worker = new Worker(url, { type: "module" });
    if (this.#done !== null) this.#worker.postMessage({ kind: "init", answered: this.#done });
    this.#worker.onmessage = (e: MessageEvent<_SegmentResult>) => {
      this.#answered.count++;
      this.#waiting.shift()?.resolve(e.data);
    };
    this.#worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.#fail(new Error(`CSV worker failed: ${e.message}`));
    };
  }

  /** Whether the worker broke (its answers will not come). */
  get failed(): boolean {
    return this.#failed !== null;
  }

  /**
   * Segments asked and not decoded yet. The worker counts its answers in shared memory, so this drops as soon as
   * it finishes one, before its message is taken (without shared memory: once the message is taken).
   */
  get pending(): number {
    return this.#done === null ? this.#waiting.length : this.#asked - Atomics.load(this.#done, 0);
  }

  /** Sends a message that has no answer. */
  tell(m: _ToWorker): void {
    if (this.#failed === null) this.#worker.postMessage(m);
  }

  /** Sends a segment; the promise settles with its answer (answers come in the order asked). */
  ask(m: _ToWorker, transfer: Transferable[]): Promise<_SegmentResult> {
    if (this.#failed !== null) return Promise.reject(this.#failed);
    const p = new Promise<_SegmentResult>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    this.#asked++;
    this.#worker.postMessage(m, transfer);
    return p;
  }

  #fail(e: Error): void {
    this.#failed = e;
    this.#worker.terminate();
    for (const w of this.#waiting.splice(0)) w.reject(e);
  }

  /** Stops the worker; answers still owed reject. */
  terminate(): void {
    if (this.#failed === null) this.#fail(new Error("the decode worker pool was closed"));
  }
}

let pooled: (pool: DecodeWorkerPool) => readonly _PoolWorker[] = () => [];

/**
 * Web Workers for decodeParallel (and decodeBatches or byte sources given `{ pool }`). Close it when done (or use `using`): live workers keep a process running.
 *
 * @example
 * ```ts
 * import { DecodeWorkerPool } from "./decode_worker_pool.ts";
 * using pool = new DecodeWorkerPool({ size: 1 });
 * if (pool.size !== 1) throw new Error();
 * ```
 */
export class DecodeWorkerPool {
  /** Number of workers. */
  readonly size: number;
  #workers: _PoolWorker[] | null = null;
  #closed = false;
  #answered = { count: 0 };

  static {
    pooled = (pool) => pool.#started();
  }

  /**
   * Creates a pool; no worker starts before the first decode.
   *
   * @param options size
   */
  constructor(options: DecodeWorkerPoolOptions = {}) {
    const cores = typeof navigator === "object" ? navigator.hardwareConcurrency ?? 2 : 2;
    this.size = options.size ?? Math.max(1, cores - 1);
    if (!Number.isSafeInteger(this.size) || this.size < 0) {
      throw new RangeError(`size must be a non-negative integer, got ${options.size}`);
    }
  }

  /** Segments the workers have decoded so far (for monitoring: how much of the work left this thread). */
  get segmentsDecoded(): number {
    return this.#answered.count;
  }

  /** Whether this runtime can start module workers (Deno, browsers; not every edge runtime). */
  static get supported(): boolean {
    return typeof Worker === "function";
  }

  #started(): readonly _PoolWorker[] {
    if (this.#closed || !DecodeWorkerPool.supported) return [];
    if (this.#workers === null) {
      const url = new URL("./_decode_worker.ts", import.meta.url);
      this.#workers = [];
      try {
        for (let i = 0; i < this.size; i++) this.#workers.push(new _PoolWorker(url, this.#answered));
      } catch {
        // a runtime that has Worker but refuses module workers: decode in order
        for (const w of this.#workers) w.terminate();
        this.#workers = [];
      }
    }
    return this.#workers.filter((w) => !w.failed);
  }

  /** Stops every worker. Decodes still running finish in order on their own thread. */
  close(): void {
    this.#closed = true;
    for (const w of this.#workers ?? []) w.terminate();
    this.#workers = null;
  }

  /** Same as close(). */
  [Symbol.dispose](): void {
    this.close();
  }
}

/** The live workers of a pool (started on first call; none once closed). */
export function _poolWorkers(pool: DecodeWorkerPool): readonly _PoolWorker[] {
  return pooled(pool);
}
