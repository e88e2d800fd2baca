import { batchToRecords, type RecordBatch } from "../../../core/batch/record_batch.ts";

export { decodeSplit } from "../../../tools/fuzz.ts";

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Rows of batches as plain strings (String(value), "null" for NULL). */
export function rowsOf(batches: readonly RecordBatch[]): string[][] {
  const out: string[][] = [];
  for (const b of batches) {
    for (const r of batchToRecords(b)) out.push(r.values.map((v) => v === null ? "null" : String(v)));
  }
  return out;
}
