import { batchToRecords, type RecordBatch } from "../../../core/batch/record_batch.ts";
import type { RecordDecoder } from "../../../core/io/codecs/record_decoder.ts";

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Rows of batches as plain strings (String(value), "null" for NULL). */
export function rowsOf(batches: readonly RecordBatch[]): string[][] {
  const out: string[][] = [];
  for (const b of batches) {
    for (const r of batchToRecords(b)) out.push(r.values.map((v) => v === null ? "null" : String(v)));
  }
  return out;
}

/** Feeds bytes in the given chunks and returns the batches and the decoder. */
export function decodeSplit(
  make: () => RecordDecoder,
  bytes: Uint8Array,
  cuts: number[],
): [RecordBatch[], RecordDecoder] {
  const d = make();
  const out: RecordBatch[] = [];
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    d.write(bytes.subarray(prev, c));
    out.push(...d.drain());
    prev = c;
  }
  d.end();
  out.push(...d.drain());
  return [out, d];
}
