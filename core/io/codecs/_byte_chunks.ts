/**
 * The chunks of a byte input (private to core/io/codecs), for decodeBatches and decodeParallel.
 *
 * @module
 */

import type { ByteInput } from "./decode_batches.ts";

/**
 * Yields the chunks of a stream, an async iterable or an iterable; a stream's reader is cancelled and released when
 * the consumer stops early.
 *
 * @param input the bytes
 * @returns the chunks in order
 */
export async function* _chunksOf(input: ByteInput): AsyncGenerator<Uint8Array> {
  if (input instanceof ReadableStream) {
    const reader = input.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      await reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  } else yield* input as AsyncIterable<Uint8Array>;
}
