/**
 * Dead letters to a sink: rejected records as rows {line, column, field, reason, raw}, for the "dead-letter"
 * decode policy.
 *
 * @module
 */

import { recordsToBatch } from "../batch/record_batch.ts";
import { Schema } from "../record/schema.ts";
import { field, Types } from "../types/data_type.ts";
import type { DeadLetter } from "./codecs/decode_error.ts";
import type { Sink } from "./source.ts";

/** Schema of dead-letter rows. */
export const DEAD_LETTER_SCHEMA: Schema = new Schema([
  field("line", Types.Integer, false),
  field("column", Types.Integer, false),
  field("field", Types.String, true),
  field("reason", Types.String, false),
  field("raw", Types.String, false),
]);

/**
 * A `deadLetter` callback that writes each rejected record to a sink as one DEAD_LETTER_SCHEMA row (awaiting
 * the sink, so a slow dead-letter sink slows the decoder instead of dropping letters).
 *
 * @param sink where the dead letters go
 * @returns the callback for DecodeOptions.deadLetter
 * @example
 * ```ts
 * import { deadLetterSink } from "./dead_letter.ts";
 * import { createSink, createSource } from "./io.ts";
 * import { decodeBatches } from "./codecs/decode_batches.ts";
 * import { Schema } from "../record/schema.ts";
 * import { Types } from "../types/data_type.ts";
 * const bytes = [new TextEncoder().encode("n\n1\nx\n2\n")];
 * const deadLetter = deadLetterSink(createSink("memory://doc-dlq?kind=table"));
 * const schema = Schema.of([["n", Types.Integer]]);
 * await Array.fromAsync(decodeBatches(bytes, "csv", { schema, onError: "dead-letter", deadLetter }));
 * const [letters] = await Array.fromAsync(createSource("memory://doc-dlq?kind=table").batches());
 * if (letters.value(0, 4) !== "x\n" || letters.value(0, 0) !== 3) throw new Error();
 * ```
 */
export function deadLetterSink(sink: Sink): (entry: DeadLetter) => Promise<void> {
  return (entry: DeadLetter) => {
    const e = entry.error;
    return sink.write(recordsToBatch(DEAD_LETTER_SCHEMA, [[e.line, e.column, e.field, e.reason, entry.raw]]));
  };
}
