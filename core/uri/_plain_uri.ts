/**
 * Plain URIs (private to core/uri): the grammar of the URIs parseUri checks without the general parser (lower-case
 * scheme, ASCII, no %-escape, no IPv6 literal), as one RegExp built from the same class table, and the cutting of
 * such a checked text into its parts, done on first access to a part.
 *
 * Why a RegExp: V8 compiles it to native code, which checks a character several times faster than a `charCodeAt`
 * loop; `test` allocates nothing. Each component's loop is written `\w*(?:[others]\w*)*`: letters, digits and "_"
 * go through `\w` (one table load in the compiled code) and the component's other characters through their own
 * class; the two sets are disjoint, so there is one way to match and failing costs one step back per character.
 *
 * @module
 */

import type { DataSourceUri, UriHost } from "./data_source_uri.ts";
import { _URI_CLASS } from "./_uri_chars.ts";
import { type UriParam, UriParams } from "./uri_params.ts";

const PATH = 1, HOST = 2, QNAME = 4, QVALUE = 8, USERINFO = 16, FRAGMENT = 32;

/** The characters of class `bits` outside `\w`, escaped for a RegExp class (every class holds all of `\w`). */
function others(bits: number): string {
  let s = "";
  for (let c = 0; c < 128; c++) {
    const word = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
    const inClass = (_URI_CLASS[c] & bits) !== 0;
    if (word && !inClass) throw new Error(`URI class ${bits} lacks ${String.fromCharCode(c)}`);
    if (!word && inClass) s += "\\" + String.fromCharCode(c);
  }
  return s;
}

/** Zero or more characters of class `bits`. */
function run(bits: number): string {
  return `\\w*(?:[${others(bits)}]\\w*)*`;
}

/** One or more characters of class `bits`. */
function run1(bits: number): string {
  return `[\\w${others(bits)}]${run(bits)}`;
}

const PORT = "(?::(?:\\d{1,4}|[0-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d\\d|655[0-2]\\d|6553[0-5]))?";
const HOSTS = `(?:${run1(HOST)}${PORT}(?:,${run1(HOST)}${PORT})*)?`;
// hosts alone (they end the authority), else userinfo "@" hosts; then an empty path or one that starts with "/"
const AUTHORITY = `\\/\\/(?:${HOSTS}(?![^/?#])|${run(USERINFO)}@${HOSTS})(?:\\/${run(PATH)})?`;
const PARAM = `(?:${run1(QNAME)}(?:=${run(QVALUE)})?)?`;

/** Schemes that come back as constants (no substring per parse; the registry already knows their hash). */
const SCHEMES = ["kafka", "file", "nats", "http", "https", "stdin", "stdout", "memory", "gen"] as const;

/** SCHEMES by (length of "scheme:") * 128 + first character; no two share a slot. */
const SCHEME_SLOT: string[] = (() => {
  const t: string[] = new Array(128 * (Math.max(...SCHEMES.map((k) => k.length)) + 2)).fill("");
  for (const k of SCHEMES) {
    const slot = (k.length + 1) * 128 + k.charCodeAt(0);
    if (t[slot] !== "") throw new Error(`schemes ${t[slot]} and ${k} share a slot`);
    t[slot] = k;
  }
  return t;
})();

/**
 * The longest text PLAIN is run on: its backtracking stack grows with the number of non-word characters and
 * overflows (RangeError) on texts of some million characters; longer texts go to the general parser.
 */
const MAX_LENGTH = 65536;

/**
 * A plain URI, whole: `scheme ":" ( "//" authority [ "/" path ] | path not starting "//" ) [ "?" query ]
 * [ "#" fragment ]`, with the component classes of _URI_CLASS, non-empty hosts, ports of 1 to 5 digits up to 65535
 * and no empty parameter name before "=". Every text it accepts, the general parser accepts with the same parts.
 *
 * The check sits in a lookahead; the match itself consumes `scheme:` when the scheme is one of SCHEMES, else
 * nothing, so after a match lastIndex tells which one it is.
 */
const PLAIN = new RegExp(
  `(?=[a-z][a-z0-9+.\\-]*:(?:${AUTHORITY}|(?!\\/\\/)${run(PATH)})` +
    `(?:\\?${PARAM}(?:&${PARAM})*)?(?:#${run(FRAGMENT)})?$)(?:${SCHEMES.join(":|")}:)?`,
  "y",
);

/**
 * Checks a whole text against the plain grammar (one RegExp test).
 *
 * @param text the URI text
 * @returns its scheme (SCHEMES as constants) when it is a plain URI, else null: the general parser must decide
 */
export function _plainScheme(text: string): string | null {
  const g = PLAIN;
  g.lastIndex = 0;
  if (text.length > MAX_LENGTH || !g.test(text)) return null;
  const end = g.lastIndex;
  return end === 0 ? text.slice(0, text.indexOf(":")) : SCHEME_SLOT[end * 128 + text.charCodeAt(0)];
}

/** Makes a URI from a text that _plainScheme found plain, with its scheme: its parts are cut on first access. */
export type _PlainUriMaker = (scheme: string, text: string) => DataSourceUri;

/** Set by DataSourceUri's static block (the only code that may fill its private fields). */
export const _PLAIN_URI: { make: _PlainUriMaker } = {
  make: () => {
    throw new Error("DataSourceUri is not loaded");
  },
};

/** The parts of a plain URI, cut from its text. */
export interface _PlainParts {
  /** Userinfo or null. */
  userinfo: string | null;
  /** Hosts in order. */
  hosts: UriHost[];
  /** Path ("" when absent). */
  path: string;
  /** Query parameters. */
  params: UriParams;
  /** Fragment or null. */
  fragment: string | null;
}

const NO_PARAMS = new UriParams([], "");

/** Cuts a text that _plainScheme found plain, whose scheme is `schemeLength` long, into its parts. */
export function _plainParts(text: string, schemeLength: number): _PlainParts {
  const n = text.length;
  let e = schemeLength + 1, userinfo: string | null = null, hosts: UriHost[] = [];
  if (text.charCodeAt(e) === 47 && text.charCodeAt(e + 1) === 47) {
    const a = e + 2;
    let at = -1, c = 0;
    for (e = a; e < n && (c = text.charCodeAt(e)) !== 47 && c !== 63 && c !== 35; e++) if (c === 64) at = e;
    if (at >= 0) userinfo = text.slice(a, at);
    hosts = plainHosts(text, at < 0 ? a : at + 1, e);
  }
  // "?" and "#" are not path characters, "#" is not a query character
  const q = text.indexOf("?", e), h = text.indexOf("#", e);
  const pe = q >= 0 && (h < 0 || q < h) ? q : h < 0 ? n : h, qe = h < 0 ? n : h;
  return {
    userinfo,
    hosts,
    path: text.slice(e, pe),
    params: qe > pe ? plainParams(text, pe + 1, qe) : NO_PARAMS,
    fragment: qe < n ? text.slice(qe + 1) : null,
  };
}

/** The `host[:port]` list in text[from, to) (checked: non-empty hosts, ports of 1 to 5 digits up to 65535). */
function plainHosts(text: string, from: number, to: number): UriHost[] {
  const hosts: UriHost[] = [];
  let s = from;
  while (s < to) {
    let i = s;
    let c = 0;
    while (i < to && (c = text.charCodeAt(i)) !== 58 && c !== 44) i++;
    const host = text.slice(s, i);
    let port: number | null = null;
    if (i < to && c === 58) {
      let v = 0;
      for (i++; i < to && (c = text.charCodeAt(i)) !== 44; i++) v = v * 10 + c - 48;
      port = v;
    }
    hosts.push({ host, port });
    s = i + 1;
  }
  return hosts;
}

/** The `name[=value]` list in text[from, to), separated by "&" (checked: no empty name before "="). */
function plainParams(text: string, from: number, to: number): UriParams {
  const entries: UriParam[] = [];
  let s = from;
  for (;;) {
    let t = s, eq = -1;
    for (; t < to; t++) {
      const c = text.charCodeAt(t);
      if (c === 38) break;
      if (c === 61 && eq < 0) eq = t;
    }
    if (eq >= 0) entries.push({ name: text.slice(s, eq), value: text.slice(eq + 1, t), offset: eq + 1 });
    else if (t > s) entries.push({ name: text.slice(s, t), value: "", offset: t });
    if (t >= to) break;
    s = t + 1;
  }
  return new UriParams(entries, text);
}
