// parseUri checks plain URIs with one RegExp test and cuts their parts lazily (core/uri/_plain_uri.ts); everything
// else goes to the general parser. These tests hold the two paths to the same answers: same parts (parameter offsets
// included), or the same UriError.
import assert from "node:assert/strict";
import { parseUri } from "../../../core/uri/parse_uri.ts";
import { _parseUriGeneral } from "../../../core/uri/_parse_general.ts";
import type { DataSourceUri } from "../../../core/uri/data_source_uri.ts";
import { UriError } from "../../../core/uri/uri_error.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";

interface Parts {
  scheme: string;
  userinfo: string | null;
  hosts: { host: string; port: number | null }[];
  path: string;
  params: { name: string; value: string; offset: number }[];
  input: string;
  fragment: string | null;
}

function parts(u: DataSourceUri): Parts {
  return {
    scheme: u.scheme,
    userinfo: u.userinfo,
    hosts: u.hosts.map((h) => ({ host: h.host, port: h.port })),
    path: u.path,
    params: u.params.entries.map((e) => ({ name: e.name, value: e.value, offset: e.offset })),
    input: u.params.size === 0 ? "" : u.params.input,
    fragment: u.fragment,
  };
}

type Outcome = { ok: Parts } | { error: string; offset: number };

function outcome(parse: (s: string) => DataSourceUri, text: string): Outcome {
  try {
    return { ok: parts(parse(text)) };
  } catch (e) {
    assert.ok(e instanceof UriError, `${JSON.stringify(text)}: ${e}`);
    return { error: e.message, offset: e.offset };
  }
}

function same(text: string): Outcome {
  const fast = outcome(parseUri, text);
  assert.deepEqual(fast, outcome(_parseUriGeneral, text), JSON.stringify(text));
  return fast;
}

const PLAIN = [
  "kafka://broker1:9092,broker2:9093/orders?group_id=g1&auto_offset_reset=earliest",
  "file:///data/trades.csv?format=csv&header=true",
  "nats://user:pw@localhost:4222/orders.new?durable=d1",
  "http://example.com:8080/a/b.csv?x=1#frag",
  "gen://trades?n=1_000&seed=7",
  "memory:chan",
  "stdin:",
  "stdout://",
  "file:/tmp/a.csv",
  "file:rel/a.csv",
  "x:",
  "x://",
  "x://@h",
  "x://u@",
  "x://a,@h:1",
  "x://u:p:q@h1:0,h2:65535,h3:00080/p",
  "x://h/?",
  "x://h/?&&a&b=&=c",
  "x://h?a=1&&b==2&c=?/:@#f?/:@",
  "x://h#",
  "x://h/p#f#g",
  "x://h@i@j/p",
  "x://h:65536",
  "x://h:123456",
  "x://h:",
  "x://h:1x",
  "x://:1",
  "x://h,",
  "x://,h",
  "x://h,,i",
  "x://h/?=v",
  "x://h/a b",
  "x://h/a%20b",
  "x://h/é",
  "X://h/p",
  "x://[::1]:1/p",
  "https://h:443/p",
  "stdin:",
  "stdout:x",
  "memory://c?capacity=4",
  "gen:",
  "kafkax://h",
  "kafk://h",
  "htt://h",
  "httpss://h",
  "stdi:",
  "stdouts:",
  "memor:y",
  "ge:",
  "gens:",
  "kafka+x:",
  "nats.io:",
  "f:",
  "x://h\\p",
  "1x://h",
  "x",
  "",
];

Deno.test("plain URIs: the one-pass path and the general parser agree part by part", () => {
  for (const text of PLAIN) same(text);
});

Deno.test("plain URIs: parts are cut once, on first access, and stay the same objects", () => {
  const u = parseUri("kafka://b1:9092,b2/orders?group_id=g1&x#f");
  assert.equal(u.hosts, u.hosts);
  assert.equal(u.params, u.params);
  assert.deepEqual(u.hosts, [{ host: "b1", port: 9092 }, { host: "b2", port: null }]);
  assert.equal(u.host, "b1");
  assert.equal(u.params.get("x"), "");
  assert.equal(u.fragment, "f");
  assert.equal(u.toString(), "kafka://b1:9092,b2/orders?group_id=g1&x#f");
  assert.ok(u.equals(_parseUriGeneral(u.toString())));
  assert.ok(_parseUriGeneral(u.toString()).equals(u));
  // typed getters point into the original text
  assert.throws(() => parseUri("gen://trades?n=x").params.integer("n"), {
    message: 'Cannot parse URI at offset 15: parameter "n" must be an integer, got "x"',
  });
});

Deno.test("random plain-ish URIs: both paths agree (20,000 seeded cases)", () => {
  const r = mulberry32(5);
  const alphabet = "abcz09-._~!$&'()*+,;=:@/?#%[] é\\AZ";
  const seeds = [...PLAIN.slice(0, 5), "x://u@h:1,i/p?a=b#c", "https://h:443/p", "stdout:", "memory://c?capacity=4"];
  let parsed = 0;
  for (let k = 0; k < 20_000; k++) {
    let s = seeds[k % seeds.length];
    const edits = 1 + Math.floor(r() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(r() * (s.length + 1));
      const ch = r() < 0.7 ? alphabet[Math.floor(r() * 28)] : alphabet[Math.floor(r() * alphabet.length)];
      s = r() < 0.3 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + ch + s.slice(at);
    }
    if ("ok" in same(s)) parsed++;
  }
  assert.ok(parsed > 5_000, `only ${parsed} of the mutations parsed`);
});

Deno.test("long URIs: past 65,536 characters the general parser decides, with the same parts", () => {
  for (const text of ["x://h/" + "a/".repeat(40_000) + "?q=1", "kafka://" + "h,".repeat(40_000) + "h/t?a=b"]) {
    const u = parseUri(text);
    assert.deepEqual(parts(u), parts(_parseUriGeneral(text)));
    assert.equal(u.toString(), text);
  }
  // millions of path segments: no RangeError from a regular expression's backtracking stack
  const big = "a:" + "/a".repeat(5_000_000);
  assert.equal(parseUri(big).path.length, big.length - 2);
  assert.throws(() => parseUri(big + " "), UriError);
});
