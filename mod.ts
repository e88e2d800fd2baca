/**
 * Sluice: a Deno-native streaming record engine with exact money arithmetic and columnar batches.
 *
 * ```ts
 * import { recordsToBatch, ScaledInteger, Schema, scaledType, Types } from "./mod.ts";
 * const schema = Schema.of([["symbol", Types.String], ["price", scaledType(2)]]);
 * const batch = recordsToBatch(schema, [["ACME", new ScaledInteger(12345, 2)]]);
 * if (String(batch.value(0, 1)) !== "123.45") throw new Error("exact money");
 * ```
 *
 * @module
 */

// --- values and types (foundation) ---
export * from "./core/types/data_type.ts";
export * from "./core/errors.ts";
export * from "./core/values/int64.ts";
export * from "./core/values/scaled_integer.ts";
export * from "./core/values/decimal.ts";
export * from "./core/values/temporal.ts";
export * from "./core/values/small_map.ts";
export * from "./core/values/struct_value.ts";
export type * from "./core/values/value.ts";

// --- records and batches (foundation) ---
export * from "./core/record/schema.ts";
export * from "./core/record/stream_record.ts";
export * from "./core/batch/string_dictionary.ts";
export * from "./core/batch/column.ts";
export * from "./core/batch/column_builder.ts";
export * from "./core/batch/column_value.ts";
export * from "./core/batch/record_batch.ts";
export * from "./core/gen/mulberry32.ts";
export * from "./core/gen/trades.ts";
export * from "./core/values/exact_sum.ts";

// --- values: arithmetic, display, casts (issue 2) ---
export * from "./core/values/rounding.ts";
export * from "./core/values/int64_arithmetic.ts";
export * from "./core/values/scaled_arithmetic.ts";
export * from "./core/values/decimal_arithmetic.ts";
export * from "./core/values/float_compare.ts";
export * from "./core/values/numeric_conversion.ts";
export * from "./core/values/arithmetic.ts";
export * from "./core/values/comparison.ts";
export * from "./core/values/text_writer.ts";
export * from "./core/values/format_value.ts";
export * from "./core/values/value_syntax_error.ts";
export * from "./core/values/parse_value.ts";
export * from "./core/types/target_type.ts";
export * from "./core/values/cast.ts";

// --- URIs, sources, sinks, codecs (issue 3) ---
export * from "./core/gen/txns.ts";
export * from "./core/uri/uri_error.ts";
export * from "./core/uri/uri_params.ts";
export * from "./core/uri/data_source_uri.ts";
export * from "./core/uri/parse_uri.ts";
export * from "./core/io/codecs/decode_error.ts";
export * from "./core/io/codecs/infer_schema.ts";
export { type DecodeOptions, RecordDecoder } from "./core/io/codecs/record_decoder.ts";
export * from "./core/io/codecs/csv_decoder.ts";
export { DecodeWorkerPool, type DecodeWorkerPoolOptions } from "./core/io/codecs/decode_worker_pool.ts";
export { decodeParallel, type ParallelDecodeOptions, type ParallelFormat } from "./core/io/codecs/decode_parallel.ts";
export * from "./core/io/codecs/json_decoder.ts";
export * from "./core/io/codecs/decode_batches.ts";
export * from "./core/io/codecs/batch_encoder.ts";
export * from "./core/io/source.ts";
export * from "./core/io/registry.ts";
export * from "./core/io/io.ts";
export * from "./core/io/dead_letter.ts";
export * from "./core/io/connectors/byte_source.ts";
export * from "./core/io/connectors/file.ts";
export * from "./core/io/connectors/stdio.ts";
export * from "./core/io/connectors/http.ts";
export * from "./core/io/connectors/memory.ts";
export * from "./core/io/connectors/gen.ts";
export * from "./core/io/connectors/nats.ts";
export * from "./core/io/connectors/kafka_config.ts";
export * from "./core/io/connectors/kafka.ts";

// --- tables and WHERE expressions (issue 4) ---
export * from "./core/sql/sql_syntax_error.ts";
export * from "./core/sql/sql_bind_error.ts";
export * from "./core/sql/tokenizer.ts";
export type * from "./core/sql/ast.ts";
export * from "./core/sql/parser.ts";
export type * from "./core/sql/bound_expr.ts";
export * from "./core/sql/binder.ts";
export * from "./core/sql/vector.ts";
export * from "./core/sql/like_pattern.ts";
export * from "./core/sql/evaluator.ts";
export * from "./core/sql/plan_cache.ts";
export * from "./core/table/key_index.ts";
export * from "./core/table/secondary_index.ts";
export {
  type BatchInput,
  KeyedTable,
  type KeyedTableOptions,
  type LoadOptions,
  type LoadProgress,
  type TableKey,
  type TableView,
} from "./core/table/keyed_table.ts";
export * from "./core/table/table_plan.ts";
export * from "./core/table/table_query.ts";
export * from "./core/table/table_stream.ts";
export * from "./core/table/table_stats.ts";
export * from "./core/table/table_fused.ts";

// --- CPU kernels (issue 5; the GPU side is exported from ./gpu) ---
export * from "./core/kernels/int64_lanes.ts";
export * from "./core/kernels/arith.ts";
export * from "./core/kernels/compare.ts";
export * from "./core/kernels/compact.ts";
export * from "./core/kernels/aggregate.ts";
export * from "./core/kernels/grouped_sum.ts";
export * from "./core/kernels/fused_query.ts";
