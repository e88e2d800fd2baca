import assert from "node:assert/strict";

// Importing Sluice must not load the NATS or Kafka npm clients: they are only reached through dynamic import()
// inside the connectors, when a nats:// or kafka:// source is first read or a sink first written.
Deno.test("core never imports the NATS or Kafka clients statically", async () => {
  const root = new URL("../../../core/", import.meta.url);
  const offenders: string[] = [];
  const dynamic: string[] = [];
  async function walk(dir: URL): Promise<void> {
    for await (const e of Deno.readDir(dir)) {
      const url = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
      if (e.isDirectory) await walk(url);
      else if (e.name.endsWith(".ts")) {
        const text = await Deno.readTextFile(url);
        for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm)) {
          if (/nats|kafka/i.test(m[1]) && !m[1].startsWith(".")) offenders.push(`${e.name}: ${m[1]}`);
        }
        for (const m of text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) {
          if (/nats|kafka/i.test(m[1])) dynamic.push(m[1]);
        }
      }
    }
  }
  await walk(root);
  assert.deepEqual(offenders, []);
  assert.deepEqual(dynamic.sort(), ["@nats-io/jetstream", "@nats-io/transport-node", "kafkajs"]);
});
