import assert from "node:assert/strict";
import { parseUri } from "../../../core/uri/parse_uri.ts";
import { UriError } from "../../../core/uri/uri_error.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";

function fails(text: string, message: string, offset?: number): void {
  try {
    parseUri(text);
  } catch (e) {
    assert.ok(e instanceof UriError, `expected UriError for ${text}, got ${e}`);
    assert.ok(e instanceof SyntaxError);
    assert.equal(e.message, message);
    if (offset !== undefined) assert.equal(e.offset, offset);
    return;
  }
  assert.fail(`parsed ${JSON.stringify(text)}`);
}

Deno.test("multi-host kafka URI with repeatable params", () => {
  const u = parseUri("kafka://broker1:9092,broker2:9093/orders?group_id=g1&auto_offset_reset=earliest&topic=a&topic=b");
  assert.equal(u.scheme, "kafka");
  assert.deepEqual(u.hosts, [{ host: "broker1", port: 9092 }, { host: "broker2", port: 9093 }]);
  assert.equal(u.path, "/orders");
  assert.equal(u.params.get("group_id"), "g1");
  assert.deepEqual(u.params.getAll("topic"), ["a", "b"]);
  assert.equal(u.params.get("topic"), "b");
  assert.deepEqual(u.params.names(), ["group_id", "auto_offset_reset", "topic"]);
  assert.equal(u.fragment, null);
  assert.equal(u.userinfo, null);
});

Deno.test("IPv6 literals, userinfo, fragment, %-decoding", () => {
  const u = parseUri("NATS://us%40er:p%3Aw@[::1]:4222,[2001:DB8::7]/sub.j%C3%A9?q=a%26b%3Dc&flag#fr%20ag");
  assert.equal(u.scheme, "nats");
  assert.equal(u.userinfo, "us@er:p:w");
  assert.deepEqual(u.hosts, [{ host: "::1", port: 4222 }, { host: "2001:db8::7", port: null }]);
  assert.equal(u.path, "/sub.jé");
  assert.equal(u.params.get("q"), "a&b=c");
  assert.equal(u.params.boolean("flag", false), true);
  assert.equal(u.fragment, "fr ag");
  assert.equal(u.host, "::1");
  assert.ok(parseUri("x://[::ffff:192.168.0.1]").hosts[0].host === "::ffff:192.168.0.1");
});

Deno.test("file paths, empty authority, opaque and generic schemes", () => {
  const f = parseUri("file:///data/trades%20x.csv?format=csv&header=true");
  assert.deepEqual(f.hosts, []);
  assert.equal(f.path, "/data/trades x.csv");
  assert.equal(f.params.boolean("header", false), true);
  assert.equal(parseUri("file:/tmp/a.csv").path, "/tmp/a.csv");
  assert.equal(parseUri("file:rel/a.csv").path, "rel/a.csv");
  assert.equal(parseUri("stdin://").path, "");
  const g = parseUri("my-scheme+v1.x://h/p");
  assert.equal(g.scheme, "my-scheme+v1.x");
  assert.deepEqual(g.hosts, [{ host: "h", port: null }]);
});

Deno.test("typed param getters and their errors", () => {
  const u = parseUri("gen://trades?n=1_000&rate=2.5&seed=-3&bad=x&fmt=csv");
  assert.equal(u.params.integer("n"), 1000);
  assert.equal(u.params.integer("seed", 0), -3);
  assert.equal(u.params.integer("missing", 7), 7);
  assert.equal(u.params.integer("missing"), undefined);
  assert.equal(u.params.number("rate", 0), 2.5);
  assert.equal(u.params.oneOf("fmt", ["csv", "ndjson"] as const, "ndjson"), "csv");
  assert.throws(() => u.params.integer("bad"), UriError);
  try {
    u.params.integer("bad");
  } catch (e) {
    assert.ok(e instanceof UriError);
    assert.equal(e.message, 'Cannot parse URI at offset 42: parameter "bad" must be an integer, got "x"');
  }
  assert.throws(() => u.params.integer("n", 0, { min: 0, max: 10 }), {
    message: 'Cannot parse URI at offset 15: parameter "n" must be an integer 0..10, got "1_000"',
  });
  assert.throws(() => u.params.boolean("bad"), {
    message: 'Cannot parse URI at offset 42: parameter "bad" must be true or false, got "x"',
  });
  assert.throws(() => u.params.oneOf("fmt", ["json"]), {
    message: 'Cannot parse URI at offset 48: parameter "fmt" must be one of json, got "csv"',
  });
  assert.throws(() => u.params.number("bad"), {
    message: 'Cannot parse URI at offset 42: parameter "bad" must be a number, got "x"',
  });
});

Deno.test("errors carry offset, reason and a caret snippet", () => {
  fails("kafka://broker:99999/t", 'Cannot parse URI at offset 15: port "99999" is out of range 0-65535', 15);
  fails("http://abc:99999", 'Cannot parse URI at offset 11: port "99999" is out of range 0-65535');
  fails("http://h:12a", 'Cannot parse URI at offset 9: port "12a" is not a number');
  fails("http://h:/x", "Cannot parse URI at offset 9: port is empty");
  fails("", "Cannot parse URI at offset 0: the URI is empty");
  fails("9x://a", 'Cannot parse URI at offset 0: scheme must start with a letter, got character "9"');
  fails("noscheme", 'Cannot parse URI at offset 8: expected ":" after the scheme "noscheme"');
  fails("a b://x", 'Cannot parse URI at offset 1: expected ":" after the scheme "a", got character " "');
  fails("kafka://b1,,b2/t", "Cannot parse URI at offset 11: host is empty");
  fails("kafka://:9092/t", "Cannot parse URI at offset 8: host is empty");
  fails("file:///a b.csv", 'Cannot parse URI at offset 9: character " " is not allowed in the path');
  fails(
    "file:///C:\\data\\x.csv",
    'Cannot parse URI at offset 10: backslash is not allowed in the path (paths use "/")',
  );
  fails("file:///a%zz", 'Cannot parse URI at offset 9: bad %-escape "%zz" in the path');
  fails("file:///a%4", 'Cannot parse URI at offset 9: bad %-escape "%4" in the path');
  fails("file:///a%C3", 'Cannot parse URI at offset 9: %-escapes "%C3" are not valid UTF-8 in the path');
  fails("x://h/?=v", "Cannot parse URI at offset 7: parameter name is empty");
  fails("x://[::1", 'Cannot parse URI at offset 4: IPv6 literal "[::1" has no "]"');
  fails("x://[1::2::3]", "Cannot parse URI at offset 5: IPv6 address \"1::2::3\" has more than one '::'");
  fails("x://[1:2:3]", 'Cannot parse URI at offset 5: IPv6 address "1:2:3" has 3 groups');
  fails("x://[::1]x", 'Cannot parse URI at offset 9: expected ":" or "," after the IPv6 literal, got character "x"');
  fails("x://h%3Ax", "Cannot parse URI at offset 4: host \"h:x\" must not contain ':', '[' or ']'");
  fails("x://h/\u0001", "Cannot parse URI at offset 6: control character U+0001 is not allowed in the path");
  fails("x://h/#a#b", 'Cannot parse URI at offset 8: character "#" is not allowed in the fragment');
  fails("x://h/\ud800", "Cannot parse URI at offset 6: unpaired surrogate U+D800 in the path");
  try {
    parseUri("kafka://broker:99999/t");
  } catch (e) {
    assert.equal((e as UriError).snippet, "kafka://broker:99999/t\n               ^");
    assert.equal((e as UriError).reason, 'port "99999" is out of range 0-65535');
  }
});

Deno.test("toString is canonical and parses back to an equal value", () => {
  const cases: [string, string][] = [
    ["KAFKA://b1:09092,b2/t?x=%41", "kafka://b1:9092,b2/t?x=A"],
    ["file:/tmp/a.csv", "file:///tmp/a.csv"],
    ["file:///a%20b?f=x%20y&g", "file:///a%20b?f=x%20y&g"],
    ["memory:chan", "memory:chan"],
    ["stdin:", "stdin://"],
    ["x://u%40:p@[::1]:1/p?a=b%26c=d#f%23", "x://u%40:p@[::1]:1/p?a=b%26c=d#f%23"],
    ["x://h/é", "x://h/%C3%A9"],
  ];
  for (const [input, canonical] of cases) {
    const u = parseUri(input);
    assert.equal(u.toString(), canonical, input);
    assert.ok(parseUri(u.toString()).equals(u), input);
    assert.equal(JSON.stringify(u), JSON.stringify(canonical));
  }
  assert.ok(!parseUri("x://a?p=1").equals(parseUri("x://a?p=2")));
});

Deno.test("random URIs: toString round-trips; mutations give UriError or a value that round-trips", () => {
  const r = mulberry32(11);
  const alphabet = "abcXYZ019-._~!$&'()*+,;=:@/?#[]% é\\\u0000";
  for (let k = 0; k < 2000; k++) {
    let s = ["kafka://b1:9092,b2:9093/t?g=1", "file:///d/x.csv?format=csv", "nats://[::1]:4222/s#f"][k % 3];
    const edits = 1 + Math.floor(r() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(r() * (s.length + 1));
      const ch = alphabet[Math.floor(r() * alphabet.length)];
      s = r() < 0.3 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + ch + s.slice(at);
    }
    let u;
    try {
      u = parseUri(s);
    } catch (e) {
      assert.ok(e instanceof UriError, `${JSON.stringify(s)}: ${e}`);
      assert.ok(e.offset >= 0 && e.offset <= s.length);
      continue;
    }
    assert.ok(parseUri(u.toString()).equals(u), `${JSON.stringify(s)} -> ${u}`);
  }
});

Deno.test("parseUri keeps a %-encoded U+FEFF wherever it is (TextDecoder drops one at the start of a run by default)", () => {
  const u = parseUri("file:///%EF%BB%BFdata.csv?x=a%EF%BB%BFb&y=%EF%BB%BF");
  assert.equal(u.path, "/\ufeffdata.csv");
  assert.equal(u.params.get("x"), "a\ufeffb");
  assert.equal(u.params.get("y"), "\ufeff");
  assert.equal(u.toString(), "file:///%EF%BB%BFdata.csv?x=a%EF%BB%BFb&y=%EF%BB%BF");
  assert.ok(parseUri(u.toString()).equals(u));
});
