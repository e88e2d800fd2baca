/**
 * The mapping of a `kafka://` URI onto a Kafka client configuration (shaped for kafkajs), kept apart from the
 * client so it can be tested without a broker.
 *
 * ```
 * kafka://[user:password@]broker1:9092,broker2:9093/topic?group_id=g1&auto_offset_reset=earliest
 *        &client_id=sluice&security_protocol=SASL_SSL&sasl_mechanism=scram-sha-512&acks=all
 *        &compression=gzip&session_timeout_ms=30000&request_timeout_ms=30000&connection_timeout_ms=1000
 *        &format=ndjson&key_field=id
 * ```
 * Kafka's dotted names (`group.id`, `auto.offset.reset`, `client.id`, `security.protocol`, `sasl.mechanism`,
 * `sasl.username`, `sasl.password`, `session.timeout.ms`, `request.timeout.ms`) are accepted too. A broker
 * without a port gets 9092. The topic is the path (or `?topic=`).
 *
 * @module
 */

import type { DataSourceUri } from "../../uri/data_source_uri.ts";
import { UriError } from "../../uri/uri_error.ts";
import type { TextFormat } from "../codecs/decode_batches.ts";

/** SASL settings. */
export interface KafkaSasl {
  /** plain, scram-sha-256 or scram-sha-512. */
  readonly mechanism: "plain" | "scram-sha-256" | "scram-sha-512";
  /** User name. */
  readonly username: string;
  /** Password. */
  readonly password: string;
}

/** What a kafka:// URI says, in kafkajs terms. */
export interface KafkaConfig {
  /** Client settings (kafkajs `new Kafka(client)`). */
  readonly client: {
    readonly clientId: string;
    readonly brokers: readonly string[];
    readonly ssl: boolean;
    readonly sasl?: KafkaSasl;
    readonly connectionTimeout?: number;
    readonly requestTimeout?: number;
  };
  /** The topic. */
  readonly topic: string;
  /** Consumer settings (kafkajs `kafka.consumer(consumer)` and `subscribe({ fromBeginning })`). */
  readonly consumer: {
    readonly groupId: string;
    readonly fromBeginning: boolean;
    readonly sessionTimeout?: number;
  };
  /** Producer settings: acks (-1 all, 0, 1) and compression. */
  readonly producer: {
    readonly acks: -1 | 0 | 1;
    readonly compression: "none" | "gzip";
  };
  /** Message value format. */
  readonly format: TextFormat;
  /** Field whose value becomes the message key (sink), or null. */
  readonly keyField: string | null;
}

function pick(uri: DataSourceUri, ...names: string[]): { name: string; value: string } | undefined {
  for (const n of names) {
    const v = uri.params.get(n);
    if (v !== undefined) return { name: n, value: v };
  }
  return undefined;
}

function intParam(uri: DataSourceUri, ...names: string[]): number | undefined {
  for (const n of names) if (uri.params.has(n)) return uri.params.integer(n, undefined, { min: 0, max: 2 ** 31 - 1 });
  return undefined;
}

function bad(uri: DataSourceUri, name: string, what: string, value: string): never {
  const e = uri.params.entries.find((x) => x.name === name);
  throw new UriError(uri.params.input, Math.max(0, e?.offset ?? 0), `parameter "${name}" ${what}, got "${value}"`);
}

/**
 * Maps a kafka:// URI to a client configuration.
 *
 * @param uri the parsed URI
 * @returns the configuration
 * @throws {RangeError} when there is no broker or no topic
 * @throws {UriError} for a bad parameter value (pointing at it)
 * @example
 * ```ts
 * import { kafkaConfig } from "./kafka_config.ts";
 * import { parseUri } from "../../uri/parse_uri.ts";
 * const c = kafkaConfig(parseUri("kafka://b1:9092,b2/orders?group_id=g1&auto_offset_reset=earliest"));
 * if (c.client.brokers.join() !== "b1:9092,b2:9092" || !c.consumer.fromBeginning) throw new Error();
 * ```
 */
export function kafkaConfig(uri: DataSourceUri): KafkaConfig {
  if (uri.hosts.length === 0) throw new RangeError(`kafka:// URI ${uri} names no broker`);
  const brokers = uri.hosts.map((h) => `${h.host.includes(":") ? `[${h.host}]` : h.host}:${h.port ?? 9092}`);
  const topic = uri.params.get("topic") ?? uri.path.replace(/^\/+/, "");
  if (topic === "") throw new RangeError(`kafka:// URI ${uri} names no topic (use kafka://broker/topic)`);
  const clientId = pick(uri, "client_id", "client.id")?.value ?? "sluice";
  const groupId = pick(uri, "group_id", "group.id")?.value ?? `sluice-${topic}`;
  const reset = pick(uri, "auto_offset_reset", "auto.offset.reset");
  if (reset !== undefined && reset.value !== "earliest" && reset.value !== "latest") {
    bad(uri, reset.name, "must be earliest or latest", reset.value);
  }
  const proto = pick(uri, "security_protocol", "security.protocol");
  const protocol = (proto?.value ?? "PLAINTEXT").toUpperCase();
  if (!["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"].includes(protocol)) {
    bad(uri, proto!.name, "must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL", proto!.value);
  }
  let sasl: KafkaSasl | undefined;
  const mech = pick(uri, "sasl_mechanism", "sasl.mechanism");
  const [uiUser, ...uiPass] = (uri.userinfo ?? "").split(":");
  const username = pick(uri, "sasl_username", "sasl.username")?.value ?? (uri.userinfo === null ? undefined : uiUser);
  const password = pick(uri, "sasl_password", "sasl.password")?.value ?? uiPass.join(":");
  if (protocol.startsWith("SASL_") || mech !== undefined || uri.userinfo !== null) {
    const m = (mech?.value ?? "plain").toLowerCase();
    if (m !== "plain" && m !== "scram-sha-256" && m !== "scram-sha-512") {
      bad(uri, mech!.name, "must be plain, scram-sha-256 or scram-sha-512", mech!.value);
    }
    if (username === undefined) throw new RangeError(`kafka:// URI ${uri} asks for SASL but gives no user name`);
    sasl = { mechanism: m, username, password };
  }
  const acksP = pick(uri, "acks");
  let acks: -1 | 0 | 1 = -1;
  if (acksP !== undefined) {
    const a = acksP.value.toLowerCase();
    if (a === "all" || a === "-1") acks = -1;
    else if (a === "0") acks = 0;
    else if (a === "1") acks = 1;
    else bad(uri, "acks", "must be all, -1, 0 or 1", acksP.value);
  }
  const comp = pick(uri, "compression", "compression.type");
  if (comp !== undefined && comp.value !== "none" && comp.value !== "gzip") {
    bad(uri, comp.name, "must be none or gzip", comp.value);
  }
  const client: KafkaConfig["client"] = {
    clientId,
    brokers,
    ssl: protocol === "SSL" || protocol === "SASL_SSL",
    ...(sasl === undefined ? {} : { sasl }),
    ...(intParam(uri, "connection_timeout_ms", "connection.timeout.ms") === undefined
      ? {}
      : { connectionTimeout: intParam(uri, "connection_timeout_ms", "connection.timeout.ms") }),
    ...(intParam(uri, "request_timeout_ms", "request.timeout.ms") === undefined
      ? {}
      : { requestTimeout: intParam(uri, "request_timeout_ms", "request.timeout.ms") }),
  };
  const sessionTimeout = intParam(uri, "session_timeout_ms", "session.timeout.ms");
  return {
    client,
    topic,
    consumer: {
      groupId,
      fromBeginning: reset?.value === "earliest" || uri.params.boolean("from_beginning", false),
      ...(sessionTimeout === undefined ? {} : { sessionTimeout }),
    },
    producer: { acks, compression: (comp?.value ?? "none") as "none" | "gzip" },
    format: uri.params.oneOf("format", ["csv", "tsv", "ndjson", "json"] as const, "ndjson"),
    keyField: uri.params.get("key_field") ?? null,
  };
}
