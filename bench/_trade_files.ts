/**
 * The 1 M-row trade feed (WORKLOADS.md) as CSV or NDJSON bytes for the benches, written by the encoders and kept in
 * /tmp between runs (`/tmp/sluice_trades_<rows>.<format>`).
 *
 * @module
 */

import { encodeBatches } from "../core/io/codecs/batch_encoder.ts";
import { tradeBatches } from "../core/gen/trades.ts";

/**
 * The feed's bytes, read from the cache file or encoded (and cached) on first use.
 *
 * @param rows rows of the feed
 * @param format csv or ndjson
 * @returns the bytes and the path of the file that holds them
 */
export async function tradeFeedFile(
  rows: number,
  format: "csv" | "ndjson",
): Promise<{ path: string; bytes: Uint8Array }> {
  const path = `/tmp/sluice_trades_${rows}.${format}`;
  try {
    return { path, bytes: await Deno.readFile(path) };
  } catch {
    const chunks = await Array.fromAsync(encodeBatches(tradeBatches({ rows }), format));
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      bytes.set(c, o);
      o += c.length;
    }
    await Deno.writeFile(path, bytes);
    return { path, bytes };
  }
}
