/**
 * The default registry, with the built-in connectors: `file`, `stdin`, `stdout`, `http`, `https`, `memory`,
 * `gen`, `nats` and `kafka` (the last two load their npm client only when a source or sink is first read or
 * written). `createSource` / `createSink` / `registerSource` / `registerSink` act on it.
 *
 * @module
 */

import type { DataSourceUri } from "../uri/data_source_uri.ts";
import { IoRegistry, type SinkFactory, type SourceFactory } from "./registry.ts";
import type { Sink, SinkOptions, Source, SourceOptions } from "./source.ts";
import { fileSink, fileSource } from "./connectors/file.ts";
import { stdinSource, stdoutSink } from "./connectors/stdio.ts";
import { httpSink, httpSource } from "./connectors/http.ts";
import { memorySink, memorySource } from "./connectors/memory.ts";
import { genSource } from "./connectors/gen.ts";
import { natsSink, natsSource } from "./connectors/nats.ts";
import { kafkaSink, kafkaSource } from "./connectors/kafka.ts";

/**
 * Registers every built-in connector on a registry.
 *
 * @param registry the registry
 * @returns the same registry
 * @example
 * ```ts
 * import { registerBuiltins } from "./io.ts";
 * import { IoRegistry } from "./registry.ts";
 * const r = registerBuiltins(new IoRegistry());
 * if (!r.sourceSchemes().includes("gen")) throw new Error();
 * ```
 */
export function registerBuiltins(registry: IoRegistry): IoRegistry {
  registry.registerSource("file", fileSource);
  registry.registerSink("file", fileSink);
  registry.registerSource("stdin", stdinSource);
  registry.registerSink("stdout", stdoutSink);
  for (const s of ["http", "https"]) {
    registry.registerSource(s, httpSource);
    registry.registerSink(s, httpSink);
  }
  registry.registerSource("memory", memorySource);
  registry.registerSink("memory", memorySink);
  registry.registerSource("gen", genSource);
  registry.registerSource("nats", natsSource);
  registry.registerSink("nats", natsSink);
  registry.registerSource("kafka", kafkaSource);
  registry.registerSink("kafka", kafkaSink);
  return registry;
}

/** The registry behind createSource / createSink. */
export const DEFAULT_REGISTRY: IoRegistry = registerBuiltins(new IoRegistry());

/**
 * Registers (or replaces) a source factory on the default registry.
 *
 * @param scheme lower-case scheme
 * @param factory the factory
 * @example
 * ```ts
 * import { registerSource } from "./io.ts";
 * registerSource("doc-registersource", () => { throw new Error("unused"); });
 * ```
 */
export function registerSource(scheme: string, factory: SourceFactory): void {
  DEFAULT_REGISTRY.registerSource(scheme, factory);
}

/**
 * Registers (or replaces) a sink factory on the default registry.
 *
 * @param scheme lower-case scheme
 * @param factory the factory
 * @example
 * ```ts
 * import { registerSink } from "./io.ts";
 * registerSink("doc-registersink", () => { throw new Error("unused"); });
 * ```
 */
export function registerSink(scheme: string, factory: SinkFactory): void {
  DEFAULT_REGISTRY.registerSink(scheme, factory);
}

/**
 * A source for a URI from the default registry (no I/O until read).
 *
 * @param uri URI text or a parsed URI
 * @param options schema, format, codec options, policy
 * @returns the source
 * @throws {UriError} when the text does not parse
 * @throws {RangeError} for an unknown scheme, naming the registered ones
 * @example
 * ```ts
 * import { createSource } from "./io.ts";
 * const src = createSource("gen://trades?n=100&batch_size=50");
 * let rows = 0;
 * for await (const b of src.batches()) rows += b.length;
 * if (rows !== 100) throw new Error();
 * ```
 */
export function createSource(uri: string | DataSourceUri, options?: SourceOptions): Source {
  return DEFAULT_REGISTRY.createSource(uri, options);
}

/**
 * A sink for a URI from the default registry (no I/O until written or closed).
 *
 * @param uri URI text or a parsed URI
 * @param options format, encoder options
 * @returns the sink
 * @throws {UriError} when the text does not parse
 * @throws {RangeError} for an unknown scheme, naming the registered ones
 * @example
 * ```ts
 * import { createSink, createSource } from "./io.ts";
 * await createSource("gen://txns?n=5").batches().pipeTo(createSink("memory://io-doc?kind=table").writable);
 * const [b] = await Array.fromAsync(createSource("memory://io-doc?kind=table").batches());
 * if (b.length !== 5) throw new Error();
 * ```
 */
export function createSink(uri: string | DataSourceUri, options?: SinkOptions): Sink {
  return DEFAULT_REGISTRY.createSink(uri, options);
}
