/**
 * parseUri: the one strict parser of source and sink addresses.
 *
 * Grammar (RFC 3986 shaped, with multi-host authorities):
 * ```
 * uri       = scheme ":" [ "//" authority ] path [ "?" query ] [ "#" fragment ]
 * scheme    = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )          ; lower-cased
 * authority = [ userinfo "@" ] [ hostport *( "," hostport ) ]
 * hostport  = ( "[" IPv6 "]" / reg-name ) [ ":" 1*5DIGIT ]         ; port 0..65535
 * query     = param *( "&" param ) ; param = name [ "=" value ]    ; repeatable, order kept
 * ```
 * Every component is %-decoded (UTF-8, invalid sequences rejected). Spaces, control characters, backslashes
 * and other characters outside the component's set are errors; non-ASCII text is accepted as is.
 *
 * How: one charCodeAt pass checks a plain URI (lower-case scheme, ASCII, no %-escape, no IPv6 literal) and
 * records where its parts start and end; the parts are cut from the text on first access (_plain_uri.ts). Anything
 * else, every faulty URI included, goes to the general parser, which builds every part at once and writes
 * every error message, so both paths accept the same texts and give equal values.
 *
 * @module
 */

import type { DataSourceUri } from "./data_source_uri.ts";
import "./data_source_uri.ts"; // its static block sets _PLAIN_URI.make
import { _URI_CLASS } from "./_uri_chars.ts";
import { _parseUriGeneral } from "./_parse_general.ts";
import { _PLAIN_URI } from "./_plain_uri.ts";

const PATH = 1, HOST = 2, QNAME = 4, QVALUE = 8, USERINFO = 16, FRAGMENT = 32, SCHEME = 64;

/** _URI_CLASS widened to every UTF-16 code unit (0 past ASCII: such text takes the general path), plus SCHEME. */
const CLASS: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  t.set(_URI_CLASS);
  const scheme = "abcdefghijklmnopqrstuvwxyz0123456789+-.";
  for (let i = 0; i < scheme.length; i++) t[scheme.charCodeAt(i)] |= SCHEME;
  return t;
})();

/** The built-in schemes as constants: no substring per parse, and their hash is already known to the registry. */
function schemeOf(text: string, end: number): string {
  let k: string;
  const c = text.charCodeAt(0);
  switch (end) {
    case 3:
      k = "gen";
      break;
    case 4:
      k = c === 102 ? "file" : c === 110 ? "nats" : "http";
      break;
    case 5:
      k = c === 107 ? "kafka" : c === 104 ? "https" : "stdin";
      break;
    case 6:
      k = c === 109 ? "memory" : "stdout";
      break;
    default:
      return text.slice(0, end);
  }
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) !== k.charCodeAt(i)) return text.slice(0, end);
  return k;
}

/**
 * Scans a plain `host[:port]` list from `s`: returns where it stops (the end, or a character that is neither
 * host, port nor ","; s itself for an empty list), or -1 for an empty host or a bad port.
 */
function scanHosts(text: string, s: number, n: number): number {
  const t = CLASS;
  let c = 0;
  if (s >= n || (t[text.charCodeAt(s)] & HOST) === 0) return s;
  for (;;) {
    const hs = s;
    while (s < n && (t[c = text.charCodeAt(s)] & HOST) !== 0) s++;
    if (s === hs) return -1;
    if (s < n && c === 58) {
      const ps = ++s;
      let v = 0;
      while (s < n && (c = text.charCodeAt(s)) >= 48 && c <= 57) {
        v = v * 10 + c - 48;
        s++;
      }
      if (s === ps || s - ps > 5 || v > 65535) return -1;
    }
    if (s >= n || c !== 44) return s;
    s++;
  }
}

/** Checks a plain URI in one pass and returns it lazily; null when the general parser must decide. */
function parsePlain(text: string): DataSourceUri | null {
  const t = CLASS;
  const n = text.length;
  // scheme: a lower-case letter, then letters, digits, "+", "-", "."
  let c = n > 0 ? text.charCodeAt(0) : 0;
  if (c < 97 || c > 122) return null;
  let i = 1;
  while (i < n && (t[c = text.charCodeAt(i)] & SCHEME) !== 0) i++;
  if (i >= n || c !== 58) return null;
  const scheme = schemeOf(text, i);
  i++;
  // authority: hosts; when they stop at something else, userinfo up to an "@" then hosts
  let a = -1, at = -1, e = i;
  if (i + 1 < n && text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 47) {
    a = i + 2;
    e = scanHosts(text, a, n);
    if (e < 0 || (e < n && (c = text.charCodeAt(e)) !== 47 && c !== 63 && c !== 35)) {
      at = a;
      while (at < n && (t[c = text.charCodeAt(at)] & USERINFO) !== 0) at++;
      if (at >= n || c !== 64) return null;
      e = scanHosts(text, at + 1, n);
      if (e < 0 || (e < n && (c = text.charCodeAt(e)) !== 47 && c !== 63 && c !== 35)) return null;
    }
  }
  // path, up to "?", "#" or the end
  let pe = e;
  while (pe < n && (t[c = text.charCodeAt(pe)] & PATH) !== 0) pe++;
  if (pe < n && c !== 63 && c !== 35) return null;
  // query: name [ "=" value ] separated by "&", up to "#" or the end
  let qe = pe;
  if (pe < n && c === 63) {
    let s = pe + 1;
    for (;;) {
      const ns = s;
      while (s < n && (t[c = text.charCodeAt(s)] & QNAME) !== 0) s++;
      if (s < n && c === 61) {
        if (s === ns) return null; // empty name
        s++;
        while (s < n && (t[c = text.charCodeAt(s)] & QVALUE) !== 0) s++;
      }
      if (s >= n || c === 35) break;
      if (c !== 38) return null;
      s++;
    }
    qe = s;
  }
  // fragment, to the end
  if (qe < n) {
    let s = qe + 1;
    while (s < n && (t[text.charCodeAt(s)] & FRAGMENT) !== 0) s++;
    if (s < n) return null;
  }
  return _PLAIN_URI.make(scheme, text, a, at, e, pe, qe);
}

/**
 * Parses a source or sink URI strictly. Unknown schemes parse generically.
 *
 * @param text the URI text
 * @returns the parsed URI
 * @throws {UriError} with the offset of the first fault and the value seen
 * @example
 * ```ts
 * import { parseUri } from "./parse_uri.ts";
 * const u = parseUri("kafka://b1:9092,b2:9093/orders?group_id=g1");
 * if (u.hosts[1].port !== 9093 || u.path !== "/orders" || u.params.get("group_id") !== "g1") throw new Error();
 * ```
 */
export function parseUri(text: string): DataSourceUri {
  if (typeof text !== "string") throw new TypeError(`parseUri needs a string, got ${typeof text}`);
  return parsePlain(text) ?? _parseUriGeneral(text);
}
