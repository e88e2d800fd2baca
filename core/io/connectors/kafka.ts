/**
 * `kafka://` through kafkajs (npm), loaded only when a source is first read or a sink first written. The URI is
 * mapped by kafkaConfig (see kafka_config.ts). Messages are NDJSON records (one record per message; the
 * `key_field` value becomes the message key).
 *
 * Not tested against a broker: no Kafka broker can be installed on the development machine (see docs/IO.md).
 * Only the URI mapping is unit-tested.
 *
 * @module
 */

import type { RecordBatch } from "../../batch/record_batch.ts";
import type { Schema } from "../../record/schema.ts";
import type { DataSourceUri } from "../../uri/data_source_uri.ts";
import { createEncoder } from "../codecs/batch_encoder.ts";
import { JsonDecoder } from "../codecs/json_decoder.ts";
import { BatchSink, BatchSource, type Sink, type SinkOptions, type Source, type SourceOptions } from "../source.ts";
import { type KafkaConfig, kafkaConfig } from "./kafka_config.ts";

interface KafkaMessage {
  readonly value: Uint8Array | null;
}
interface KafkaConsumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(o: { topic: string; fromBeginning: boolean }): Promise<void>;
  run(o: {
    autoCommit: boolean;
    eachBatch: (p: {
      batch: { topic: string; partition: number; messages: (KafkaMessage & { offset: string })[] };
      heartbeat(): Promise<void>;
    }) => Promise<void>;
  }): Promise<void>;
  commitOffsets(o: { topic: string; partition: number; offset: string }[]): Promise<void>;
}
interface KafkaProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(o: {
    topic: string;
    acks: number;
    compression: number;
    messages: { key: string | null; value: Uint8Array }[];
  }): Promise<unknown>;
}
interface KafkaClient {
  consumer(o: { groupId: string; sessionTimeout?: number }): KafkaConsumer;
  producer(): KafkaProducer;
}

const NL = new Uint8Array([10]);

async function client(c: KafkaConfig): Promise<KafkaClient & { gzip: number }> {
  const mod = await import("kafkajs");
  const k = new mod.Kafka({ ...c.client, brokers: [...c.client.brokers] } as never) as unknown as KafkaClient;
  return Object.assign(k, { gzip: mod.CompressionTypes.GZIP as number });
}

class KafkaSource extends BatchSource {
  #config: KafkaConfig;
  #options: SourceOptions;
  #consumer: KafkaConsumer | null = null;
  constructor(uri: DataSourceUri, options: SourceOptions) {
    super(uri, options.schema ?? null);
    this.#config = kafkaConfig(uri);
    this.#options = options;
  }
  protected open(): ReadableStream<RecordBatch> {
    const c = this.#config, options = this.#options;
    let schema: Schema | undefined = options.schema;
    // eachBatch offers one decoded Kafka batch and waits until the reader has pulled it and come back for the
    // next one; only then are its offsets committed (a reader that dies leaves them uncommitted: redelivered).
    let offered: { batch: RecordBatch; done: () => void } | null = null;
    let delivered: { batch: RecordBatch; done: () => void } | null = null;
    let failure: unknown = null;
    let wake: (() => void) | null = null;
    const signal = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    return new ReadableStream<RecordBatch>({
      start: async () => {
        const k = await client(c);
        const consumer = k.consumer({ groupId: c.consumer.groupId, sessionTimeout: c.consumer.sessionTimeout });
        this.#consumer = consumer;
        await consumer.connect();
        await consumer.subscribe({ topic: c.topic, fromBeginning: c.consumer.fromBeginning });
        consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const d = new JsonDecoder({ ...options, schema, batchSize: 1 << 30, inferRows: 1 << 30 });
            for (const m of batch.messages) {
              if (m.value === null) continue;
              d.write(m.value);
              d.write(NL);
            }
            d.end();
            if (options.deadLetter !== undefined) {
              for (const l of d.deadLetters.splice(0)) await options.deadLetter(l);
            }
            const [b] = d.drain();
            if (d.error !== null) {
              failure = d.error;
              signal();
              return new Promise<void>(() => {}); // stop here: nothing more is committed
            }
            if (b !== undefined) {
              schema ??= b.schema;
              await new Promise<void>((done) => {
                offered = { batch: b, done };
                signal();
              });
            }
            const last = batch.messages[batch.messages.length - 1];
            if (last !== undefined) {
              await consumer.commitOffsets([{
                topic: batch.topic,
                partition: batch.partition,
                offset: String(BigInt(last.offset) + 1n),
              }]);
            }
          },
        }).catch((e) => {
          failure = e;
          signal();
        });
      },
      pull: async (controller) => {
        const prev = delivered;
        delivered = null;
        prev?.done(); // the reader came back: it is done with the previous batch
        while (offered === null && failure === null) await new Promise<void>((r) => (wake = r));
        if (failure !== null) {
          controller.error(failure);
          return;
        }
        const next = offered!;
        offered = null;
        delivered = next;
        controller.enqueue(next.batch);
      },
      cancel: async () => {
        await this.#consumer?.disconnect();
      },
    }, { highWaterMark: 0 });
  }
  override async close(): Promise<void> {
    await super.close();
    await this.#consumer?.disconnect();
  }
}

class KafkaSink extends BatchSink {
  #config: KafkaConfig;
  #producer: Promise<KafkaProducer & { gzip: number }> | null = null;
  constructor(uri: DataSourceUri) {
    super(uri);
    this.#config = kafkaConfig(uri);
  }
  protected async writeBatch(batch: RecordBatch): Promise<void> {
    const c = this.#config;
    const p = await (this.#producer ??= (async () => {
      const k = await client(c);
      const producer = k.producer();
      await producer.connect();
      return Object.assign(producer, { gzip: k.gzip });
    })());
    const bytes = createEncoder("ndjson").encode(batch);
    const keyCol = c.keyField === null ? -1 : batch.schema.resolve(c.keyField);
    const messages: { key: string | null; value: Uint8Array }[] = [];
    let s = 0, row = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== 10) continue;
      const key = keyCol < 0 ? null : String(batch.value(row, keyCol));
      messages.push({ key, value: bytes.slice(s, i + 1) });
      s = i + 1;
      row++;
    }
    await p.send({
      topic: c.topic,
      acks: c.producer.acks,
      compression: c.producer.compression === "gzip" ? p.gzip : 0,
      messages,
    });
  }
  protected async closeSink(): Promise<void> {
    if (this.#producer !== null) await (await this.#producer).disconnect();
  }
}

/**
 * A Kafka source (connects on the first read; offsets are committed after a batch was pulled).
 *
 * @param uri the kafka:// URI
 * @param options schema, policy
 * @returns the source
 * @example
 * ```ts
 * import { kafkaSource } from "./kafka.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * const src = kafkaSource(parseUri("kafka://b1:9092/orders?group_id=g"), {}); // kafkajs not loaded yet
 * if (src.schema !== null) throw new Error();
 * ```
 */
export function kafkaSource(uri: DataSourceUri, options: SourceOptions): Source {
  return new KafkaSource(uri, options);
}

/**
 * A Kafka sink (connects on the first write; `acks` from the URI, default all).
 *
 * @param uri the kafka:// URI
 * @param _options unused (messages are NDJSON)
 * @returns the sink
 * @example
 * ```ts
 * import { kafkaSink } from "./kafka.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * await kafkaSink(parseUri("kafka://b1:9092/orders"), {}).close(); // never written: never connected
 * ```
 */
export function kafkaSink(uri: DataSourceUri, _options: SinkOptions): Sink {
  return new KafkaSink(uri);
}
