// S8 memory per record for the 6-field trade row (WORKLOADS.md W data) held in RecordBatches: the batches' own
// byteSize() per row, and the heap + external (ArrayBuffer) delta around building 1 M rows after a GC.
// Run: deno run -A --v8-flags=--expose-gc bench/memory_per_record.ts [rows]
import { tradeBatches } from "../core/gen/trades.ts";
import type { RecordBatch } from "../core/batch/record_batch.ts";
import { columnByteSize } from "../core/batch/column.ts";
import type { StringDictionary } from "../core/batch/string_dictionary.ts";

const rows = Number(Deno.args[0] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --v8-flags=--expose-gc");
const used = (): number => {
  const m = Deno.memoryUsage();
  return m.heapUsed + m.external;
};
gc();
gc();
const before = used();
const batches: RecordBatch[] = [...tradeBatches({ rows })];
gc();
gc();
const after = used();
// Columns of every batch, with each shared dictionary counted once for the whole feed (byteSize() counts a
// dictionary once per batch, which over-reports shared dictionaries).
let own = 0, perBatch = 0, n = 0;
const dicts = new Set<StringDictionary>();
for (const b of batches) {
  perBatch += b.byteSize();
  for (const c of b.columns) {
    own += columnByteSize(c, false);
    if (c.layout === "dict") dicts.add(c.dict);
  }
  n += b.length;
}
for (const d of dicts) own += d.byteSize();
if (n !== rows) throw new Error(`expected ${rows} rows, got ${n}`);
const delta = (after - before) / n;
const reported = own / n;
console.log(`trade rows: ${n} in ${batches.length} batches`);
console.log(`columns + shared dictionaries once: ${reported.toFixed(1)} bytes/row`);
console.log(`sum of RecordBatch.byteSize() (dictionary counted per batch): ${(perBatch / n).toFixed(1)} bytes/row`);
console.log(`heap+external delta after GC: ${delta.toFixed(1)} bytes/row`);
console.log(`agreement: ${((delta / reported - 1) * 100).toFixed(1)}% (target <= 64 bytes/row)`);
