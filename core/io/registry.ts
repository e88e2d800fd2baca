/**
 * IoRegistry: scheme -> source and sink factories. `createSource` / `createSink` parse the URI (when given as
 * text), pick the factory by scheme and return the object; no I/O happens until it is read or written.
 *
 * @module
 */

import type { DataSourceUri } from "../uri/data_source_uri.ts";
import { parseUri } from "../uri/parse_uri.ts";
import type { Sink, SinkOptions, Source, SourceOptions } from "./source.ts";

/** Makes a source for a parsed URI. */
export type SourceFactory = (uri: DataSourceUri, options: SourceOptions) => Source;
/** Makes a sink for a parsed URI. */
export type SinkFactory = (uri: DataSourceUri, options: SinkOptions) => Sink;

const NO_OPTIONS: SourceOptions & SinkOptions = Object.freeze({});

function checkScheme(scheme: string): string {
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) {
    throw new RangeError(`A scheme is a lower-case letter then letters, digits, "+", "-" or ".", got "${scheme}"`);
  }
  return scheme;
}

/** A set of source and sink factories by scheme. */
export class IoRegistry {
  #sources: Map<string, SourceFactory> = new Map();
  #sinks: Map<string, SinkFactory> = new Map();

  /**
   * Registers (or replaces) the source factory of a scheme.
   *
   * @param scheme lower-case scheme, e.g. "file"
   * @param factory the factory
   * @example
   * ```ts
   * import { IoRegistry } from "./registry.ts";
   * const r = new IoRegistry();
   * r.registerSource("x", () => { throw new Error("unused"); });
   * if (r.sourceSchemes()[0] !== "x") throw new Error();
   * ```
   */
  registerSource(scheme: string, factory: SourceFactory): void {
    this.#sources.set(checkScheme(scheme), factory);
  }

  /**
   * Registers (or replaces) the sink factory of a scheme.
   *
   * @param scheme lower-case scheme
   * @param factory the factory
   */
  registerSink(scheme: string, factory: SinkFactory): void {
    this.#sinks.set(checkScheme(scheme), factory);
  }

  /**
   * The schemes that have a registered source, sorted.
   *
   * @returns the schemes with a source factory, sorted
   */
  sourceSchemes(): string[] {
    return [...this.#sources.keys()].sort();
  }

  /**
   * The schemes that have a registered sink, sorted.
   *
   * @returns the schemes with a sink factory, sorted
   */
  sinkSchemes(): string[] {
    return [...this.#sinks.keys()].sort();
  }

  /**
   * A source for a URI (no I/O until read).
   *
   * @param uri URI text or a parsed URI
   * @param options schema, format, codec options, policy
   * @returns the source
   * @throws {UriError} when the text does not parse
   * @throws {RangeError} for a scheme with no source, naming the registered ones
   */
  createSource(uri: string | DataSourceUri, options: SourceOptions = NO_OPTIONS): Source {
    const u = typeof uri === "string" ? parseUri(uri) : uri;
    const f = this.#sources.get(u.scheme);
    if (f === undefined) {
      throw new RangeError(
        `No source is registered for scheme "${u.scheme}"; registered: ${this.sourceSchemes().join(", ")}`,
      );
    }
    return f(u, options);
  }

  /**
   * A sink for a URI (no I/O until written or closed).
   *
   * @param uri URI text or a parsed URI
   * @param options format, encoder options
   * @returns the sink
   * @throws {UriError} when the text does not parse
   * @throws {RangeError} for a scheme with no sink, naming the registered ones
   */
  createSink(uri: string | DataSourceUri, options: SinkOptions = NO_OPTIONS): Sink {
    const u = typeof uri === "string" ? parseUri(uri) : uri;
    const f = this.#sinks.get(u.scheme);
    if (f === undefined) {
      throw new RangeError(
        `No sink is registered for scheme "${u.scheme}"; registered: ${this.sinkSchemes().join(", ")}`,
      );
    }
    return f(u, options);
  }
}
