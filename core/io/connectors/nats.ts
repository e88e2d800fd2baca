/**
 * `nats://`: NATS JetStream through the nats.js v3 npm client (`@nats-io/transport-node`, `@nats-io/jetstream`),
 * loaded only when a source is first read or a sink first written.
 *
 * ```
 * nats://[user:password@ | token@]host:4222[,host2:4222]/subject?stream=ORDERS&durable=worker
 *       &batch=256&expires_ms=1000&idle_ms=0&ack_wait_ms=30000&message=record&create=true
 * ```
 * - Sink: each batch is published as NDJSON, one message per record (`message=record`, the default) or one per
 *   batch (`message=batch`); `write` resolves once JetStream acknowledged every message (stored).
 * - Source: a durable pull consumer (`durable`, default `sluice`) fetches up to `batch` messages, decodes them
 *   into one RecordBatch and hands it downstream. The messages of a batch are acknowledged only when the reader
 *   pulls the next batch (it is done with this one) or the stream ends; a reader that dies or cancels leaves them
 *   unacknowledged, so JetStream redelivers them after `ack_wait_ms`. Several sources on one durable share the
 *   messages. `idle_ms` > 0 ends the stream after that long without a message (0: wait forever).
 * - `create=true` (default) adds the stream (subjects: the subject) and the durable consumer when missing.
 *   `stream` defaults to the subject upper-cased with `.`, `*`, `>` as `_`.
 *
 * @module
 */

import type { RecordBatch } from "../../batch/record_batch.ts";
import type { Schema } from "../../record/schema.ts";
import type { DataSourceUri } from "../../uri/data_source_uri.ts";
import { createEncoder } from "../codecs/batch_encoder.ts";
import { JsonDecoder } from "../codecs/json_decoder.ts";
import { BatchSink, BatchSource, type Sink, type SinkOptions, type Source, type SourceOptions } from "../source.ts";

/** What a nats:// URI says. */
export interface NatsConfig {
  /** `host:port` of each server (port default 4222). */
  readonly servers: readonly string[];
  /** User name (userinfo `user:password`), or null. */
  readonly user: string | null;
  /** Password, or null. */
  readonly pass: string | null;
  /** Token (userinfo without ":"), or null. */
  readonly token: string | null;
  /** The subject (the path without its leading "/"). */
  readonly subject: string;
  /** The JetStream stream. */
  readonly stream: string;
  /** The durable consumer name. */
  readonly durable: string;
  /** Most messages per fetch (and per RecordBatch). */
  readonly batch: number;
  /** How long one fetch waits, ms (>= 1000). */
  readonly expiresMs: number;
  /** End the source after this long without messages, ms (0: never). */
  readonly idleMs: number;
  /** Redelivery delay of unacknowledged messages, ms. */
  readonly ackWaitMs: number;
  /** One message per record or per batch. */
  readonly message: "record" | "batch";
  /** Create the stream and consumer when missing. */
  readonly create: boolean;
}

/**
 * Maps a nats:// URI to its settings.
 *
 * @param uri the parsed URI
 * @returns the settings
 * @throws {RangeError} without a server or a subject
 * @throws {UriError} for a bad parameter value
 * @example
 * ```ts
 * import { natsConfig } from "./nats.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * const c = natsConfig(parseUri("nats://u:p@[::1]:4223,h2/orders.new?durable=w1"));
 * if (c.servers.join() !== "[::1]:4223,h2:4222" || c.stream !== "ORDERS_NEW" || c.user !== "u") throw new Error();
 * ```
 */
export function natsConfig(uri: DataSourceUri): NatsConfig {
  if (uri.hosts.length === 0) throw new RangeError(`nats:// URI ${uri} names no server`);
  const subject = uri.path.replace(/^\/+/, "");
  if (subject === "") throw new RangeError(`nats:// URI ${uri} names no subject (use nats://host/subject)`);
  const p = uri.params;
  const ui = uri.userinfo;
  const colon = ui === null ? -1 : ui.indexOf(":");
  return {
    servers: uri.hosts.map((h) => `${h.host.includes(":") ? `[${h.host}]` : h.host}:${h.port ?? 4222}`),
    user: ui !== null && colon >= 0 ? ui.slice(0, colon) : null,
    pass: ui !== null && colon >= 0 ? ui.slice(colon + 1) : null,
    token: ui !== null && colon < 0 ? ui : null,
    subject,
    stream: p.get("stream") ?? subject.replace(/[.*>]/g, "_").toUpperCase(),
    durable: p.get("durable") ?? "sluice",
    batch: p.integer("batch", 256, { min: 1, max: 100_000 }),
    expiresMs: p.integer("expires_ms", 1000, { min: 1000, max: 3_600_000 }),
    idleMs: p.integer("idle_ms", 0, { min: 0 }),
    ackWaitMs: p.integer("ack_wait_ms", 30_000, { min: 1, max: 86_400_000 }),
    message: p.oneOf("message", ["record", "batch"] as const, "record"),
    create: p.boolean("create", true),
  };
}

// The few client shapes used here (the npm packages are loaded lazily).
interface NatsMsg {
  readonly data: Uint8Array;
  ack(): void;
}
interface NatsConsumer {
  fetch(opts: { max_messages: number; expires: number }): Promise<AsyncIterable<NatsMsg>>;
}
interface NatsJs {
  publish(subject: string, data: Uint8Array): Promise<unknown>;
  consumers: { get(stream: string, durable: string): Promise<NatsConsumer> };
}
interface NatsJsm {
  streams: { info(name: string): Promise<unknown>; add(cfg: Record<string, unknown>): Promise<unknown> };
  consumers: {
    info(stream: string, name: string): Promise<unknown>;
    add(stream: string, cfg: Record<string, unknown>): Promise<unknown>;
  };
}
interface NatsConnection {
  drain(): Promise<void>;
  close(): Promise<void>;
}

async function connectJs(c: NatsConfig): Promise<{ nc: NatsConnection; js: NatsJs; jsm: NatsJsm }> {
  const transport = await import("@nats-io/transport-node");
  const jetstreamMod = await import("@nats-io/jetstream");
  const opts: Record<string, unknown> = { servers: [...c.servers], name: "sluice" };
  if (c.user !== null) {
    opts.user = c.user;
    opts.pass = c.pass;
  }
  if (c.token !== null) opts.token = c.token;
  const nc = await transport.connect(opts) as unknown as NatsConnection;
  const js = jetstreamMod.jetstream(nc as never) as unknown as NatsJs;
  const jsm = await jetstreamMod.jetstreamManager(nc as never) as unknown as NatsJsm;
  if (c.create) {
    try {
      await jsm.streams.info(c.stream);
    } catch {
      await jsm.streams.add({ name: c.stream, subjects: [c.subject] });
    }
  }
  return { nc, js, jsm };
}

async function ensureConsumer(jsm: NatsJsm, c: NatsConfig): Promise<void> {
  if (!c.create) return;
  try {
    await jsm.consumers.info(c.stream, c.durable);
  } catch {
    await jsm.consumers.add(c.stream, {
      durable_name: c.durable,
      ack_policy: "explicit",
      filter_subject: c.subject,
      ack_wait: c.ackWaitMs * 1_000_000,
      max_ack_pending: Math.max(1000, c.batch * 4),
    });
  }
}

const NL = new Uint8Array([10]);

class NatsSource extends BatchSource {
  #config: NatsConfig;
  #options: SourceOptions;
  #nc: NatsConnection | null = null;
  constructor(uri: DataSourceUri, options: SourceOptions) {
    super(uri, options.schema ?? null);
    this.#config = natsConfig(uri);
    this.#options = options;
  }
  protected open(): ReadableStream<RecordBatch> {
    const c = this.#config, options = this.#options;
    let consumer: NatsConsumer | null = null;
    let pending: NatsMsg[] = [];
    let schema: Schema | undefined = options.schema;
    const ackPending = () => {
      for (const m of pending) m.ack();
      pending = [];
    };
    return new ReadableStream<RecordBatch>({
      pull: async (controller) => {
        if (consumer === null) {
          const { nc, js, jsm } = await connectJs(c);
          this.#nc = nc;
          await ensureConsumer(jsm, c);
          consumer = await js.consumers.get(c.stream, c.durable);
        }
        ackPending(); // the reader came back: it is done with the previous batch
        const idleSince = performance.now();
        for (;;) {
          const msgs: NatsMsg[] = [];
          for await (const m of await consumer.fetch({ max_messages: c.batch, expires: c.expiresMs })) msgs.push(m);
          if (msgs.length === 0) {
            if (c.idleMs > 0 && performance.now() - idleSince >= c.idleMs) {
              controller.close();
              await this.#nc?.drain().catch(() => {});
              this.#nc = null;
              return;
            }
            continue;
          }
          const d = new JsonDecoder({ ...options, schema, batchSize: 1 << 30, inferRows: 1 << 30 });
          for (const m of msgs) {
            d.write(m.data);
            if (m.data[m.data.length - 1] !== 10) d.write(NL);
          }
          d.end();
          if (options.deadLetter !== undefined) {
            for (const l of d.deadLetters.splice(0)) await options.deadLetter(l);
          }
          const out = d.drain();
          if (d.error !== null) {
            if (out.length > 0) controller.enqueue(out[0]);
            controller.error(d.error);
            return;
          }
          pending = msgs;
          if (out.length === 0) {
            ackPending(); // every message was rejected and handled by the policy
            continue;
          }
          schema ??= out[0].schema;
          controller.enqueue(out[0]);
          return;
        }
      },
      cancel: async () => {
        pending = []; // not acknowledged: redelivered after ack_wait
        await this.#nc?.close().catch(() => {});
        this.#nc = null;
      },
    }, { highWaterMark: 0 });
  }
  override async close(): Promise<void> {
    await super.close();
    await this.#nc?.close().catch(() => {});
    this.#nc = null;
  }
}

class NatsSink extends BatchSink {
  #config: NatsConfig;
  #conn: Promise<{ nc: NatsConnection; js: NatsJs }> | null = null;
  constructor(uri: DataSourceUri) {
    super(uri);
    this.#config = natsConfig(uri);
  }
  protected async writeBatch(batch: RecordBatch): Promise<void> {
    const { js } = await (this.#conn ??= connectJs(this.#config));
    const bytes = createEncoder("ndjson").encode(batch);
    const subject = this.#config.subject;
    if (this.#config.message === "batch") {
      await js.publish(subject, bytes);
      return;
    }
    const acks: Promise<unknown>[] = [];
    let s = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== 10) continue;
      acks.push(js.publish(subject, bytes.subarray(s, i + 1)));
      s = i + 1;
      if (acks.length >= 1024) await Promise.all(acks.splice(0));
    }
    await Promise.all(acks);
  }
  protected async closeSink(): Promise<void> {
    if (this.#conn === null) return;
    const { nc } = await this.#conn;
    await nc.drain();
  }
}

/**
 * A JetStream source (connects on the first read).
 *
 * @param uri the nats:// URI
 * @param options schema, policy, dead letters
 * @returns the source
 * @example
 * ```ts
 * import { natsSource } from "./nats.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * const src = natsSource(parseUri("nats://127.0.0.1:4222/orders?durable=w"), {}); // no connection yet
 * if (src.schema !== null) throw new Error();
 * ```
 */
export function natsSource(uri: DataSourceUri, options: SourceOptions): Source {
  return new NatsSource(uri, options);
}

/**
 * A JetStream sink (connects on the first write).
 *
 * @param uri the nats:// URI
 * @param _options unused (messages are NDJSON)
 * @returns the sink
 * @example
 * ```ts
 * import { natsSink } from "./nats.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * await natsSink(parseUri("nats://127.0.0.1:4222/orders"), {}).close(); // never written: never connected
 * ```
 */
export function natsSink(uri: DataSourceUri, _options: SinkOptions): Sink {
  return new NatsSink(uri);
}
