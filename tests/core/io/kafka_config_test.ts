import assert from "node:assert/strict";
import { kafkaConfig } from "../../../core/io/connectors/kafka_config.ts";
import { parseUri } from "../../../core/uri/parse_uri.ts";
import { UriError } from "../../../core/uri/uri_error.ts";

// Only the URI -> client configuration mapping is tested: no Kafka broker can be installed on this machine.

Deno.test("kafka:// maps brokers, topic, group, offsets and producer settings", () => {
  const c = kafkaConfig(
    parseUri("kafka://broker1:9092,broker2:9093,[::1]/orders?group_id=g1&auto_offset_reset=earliest&acks=1"),
  );
  assert.deepEqual(c, {
    client: { clientId: "sluice", brokers: ["broker1:9092", "broker2:9093", "[::1]:9092"], ssl: false },
    topic: "orders",
    consumer: { groupId: "g1", fromBeginning: true },
    producer: { acks: 1, compression: "none" },
    format: "ndjson",
    keyField: null,
  });
  const d = kafkaConfig(parseUri("kafka://b/x?topic=other&auto_offset_reset=latest&key_field=id"));
  assert.equal(d.topic, "other");
  assert.equal(d.consumer.groupId, "sluice-other");
  assert.equal(d.consumer.fromBeginning, false);
  assert.equal(d.producer.acks, -1);
  assert.equal(d.keyField, "id");
});

Deno.test("kafka:// security: SASL from userinfo or params, SSL, timeouts, dotted Kafka names", () => {
  const c = kafkaConfig(
    parseUri(
      "kafka://alice:s%3Acret@b1:9094/t?security_protocol=SASL_SSL&sasl_mechanism=SCRAM-SHA-512" +
        "&client.id=app&session.timeout.ms=30000&request_timeout_ms=5000&connection_timeout_ms=1000" +
        "&compression=gzip",
    ),
  );
  assert.deepEqual(c.client, {
    clientId: "app",
    brokers: ["b1:9094"],
    ssl: true,
    sasl: { mechanism: "scram-sha-512", username: "alice", password: "s:cret" },
    connectionTimeout: 1000,
    requestTimeout: 5000,
  });
  assert.deepEqual(c.consumer, { groupId: "sluice-t", fromBeginning: false, sessionTimeout: 30000 });
  assert.equal(c.producer.compression, "gzip");
  const p = kafkaConfig(
    parseUri("kafka://b1/t?security.protocol=SASL_PLAINTEXT&sasl.username=u&sasl.password=p&group.id=g"),
  );
  assert.deepEqual(p.client.sasl, { mechanism: "plain", username: "u", password: "p" });
  assert.equal(p.client.ssl, false);
  assert.equal(p.consumer.groupId, "g");
  assert.equal(kafkaConfig(parseUri("kafka://b1/t?security_protocol=SSL")).client.ssl, true);
});

Deno.test("kafka:// mapping errors point at the bad parameter", () => {
  assert.throws(() => kafkaConfig(parseUri("kafka:///t")), new RangeError("kafka:// URI kafka:///t names no broker"));
  assert.throws(
    () => kafkaConfig(parseUri("kafka://b1")),
    new RangeError("kafka:// URI kafka://b1 names no topic (use kafka://broker/topic)"),
  );
  const cases: [string, string][] = [
    [
      "kafka://b/t?auto_offset_reset=middle",
      'Cannot parse URI at offset 30: parameter "auto_offset_reset" must be earliest or latest, got "middle"',
    ],
    ["kafka://b/t?acks=2", 'Cannot parse URI at offset 17: parameter "acks" must be all, -1, 0 or 1, got "2"'],
    [
      "kafka://b/t?security_protocol=TLS",
      'Cannot parse URI at offset 30: parameter "security_protocol" must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, got "TLS"',
    ],
    [
      "kafka://b/t?sasl_mechanism=gssapi&sasl_username=u",
      'Cannot parse URI at offset 27: parameter "sasl_mechanism" must be plain, scram-sha-256 or scram-sha-512, got "gssapi"',
    ],
    [
      "kafka://b/t?compression=snappy",
      'Cannot parse URI at offset 24: parameter "compression" must be none or gzip, got "snappy"',
    ],
    [
      "kafka://b/t?session_timeout_ms=x",
      'Cannot parse URI at offset 31: parameter "session_timeout_ms" must be an integer, got "x"',
    ],
  ];
  for (const [uri, message] of cases) {
    assert.throws(() => kafkaConfig(parseUri(uri)), (e) => e instanceof UriError && e.message === message, uri);
  }
  assert.throws(
    () => kafkaConfig(parseUri("kafka://b/t?security_protocol=SASL_SSL")),
    new RangeError("kafka:// URI kafka://b/t?security_protocol=SASL_SSL asks for SASL but gives no user name"),
  );
});
