/**
 * The general URI parser (private to core/uri): eager, handles every case (upper-case schemes, %-escapes, non-ASCII
 * text, IPv6 literals) and produces every error message. parseUri runs a faster scan first and hands any URI
 * outside its plain subset, and every faulty one, to this parser.
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
 * @module
 */

import { DataSourceUri, type UriHost } from "./data_source_uri.ts";
import { _URI_CLASS } from "./_uri_chars.ts";
import { UriError } from "./uri_error.ts";
import { type UriParam, UriParams } from "./uri_params.ts";

const NAMES: Record<number, string> = {
  1: "path",
  2: "host",
  4: "parameter name",
  8: "parameter value",
  16: "userinfo",
  32: "fragment",
};
// ignoreBOM: a %EF%BB%BF (U+FEFF) in a component is kept (by default TextDecoder drops it at the start of each run)
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const EMPTY_PARAMS = new UriParams([], "");

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  c |= 32;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function describeChar(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c < 32 || c === 127) return `control character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
  return `character ${JSON.stringify(text[i])}`;
}

/** Whether the last scan met a %-escape. */
let PCT = false;

function isEnd(c: number, bits: number): boolean {
  if (bits === 1) return c === 63 || c === 35; // path: "?" "#"
  if (bits === 4) return c === 61 || c === 38 || c === 35; // parameter name: "=" "&" "#"
  if (bits === 8) return c === 38 || c === 35; // parameter value: "&" "#"
  if (bits === 2) return c === 58 || c === 44; // host: ":" ","
  return false;
}

/**
 * Checks text from `from` against class `bits` up to `to` or the component's end character (see isEnd);
 * returns where it stopped and sets PCT when it met a %-escape.
 */
function scan(text: string, from: number, to: number, bits: number): number {
  PCT = false;
  const table = _URI_CLASS;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((table[c] & bits) !== 0) continue;
      if (c === 37) {
        if (i + 2 >= to || hexVal(text.charCodeAt(i + 1)) < 0 || hexVal(text.charCodeAt(i + 2)) < 0) {
          throw new UriError(text, i, `bad %-escape ${JSON.stringify(text.slice(i, i + 3))} in the ${NAMES[bits]}`);
        }
        PCT = true;
        i += 2;
        continue;
      }
      if (isEnd(c, bits)) return i;
      if (c === 92) throw new UriError(text, i, `backslash is not allowed in the ${NAMES[bits]} (paths use "/")`);
      throw new UriError(text, i, `${describeChar(text, i)} is not allowed in the ${NAMES[bits]}`);
    }
    if (c < 160) throw new UriError(text, i, `${describeChar(text, i)} is not allowed in the ${NAMES[bits]}`);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = text.charCodeAt(i + 1);
      if (c <= 0xdbff && i + 1 < to && d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      throw new UriError(text, i, `unpaired surrogate U+${c.toString(16).toUpperCase()} in the ${NAMES[bits]}`);
    }
  }
  return to;
}

/** %-decodes text[from, to), already checked by scan. */
function decode(text: string, from: number, to: number, bits: number): string {
  let out = "";
  let i = from;
  while (i < to) {
    const p = text.indexOf("%", i);
    if (p < 0 || p >= to) {
      out += text.slice(i, to);
      break;
    }
    out += text.slice(i, p);
    const bytes: number[] = [];
    let j = p;
    while (j < to && text.charCodeAt(j) === 37) {
      bytes.push(hexVal(text.charCodeAt(j + 1)) * 16 + hexVal(text.charCodeAt(j + 2)));
      j += 3;
    }
    try {
      out += STRICT_UTF8.decode(new Uint8Array(bytes));
    } catch {
      throw new UriError(
        text,
        p,
        `%-escapes ${JSON.stringify(text.slice(p, j))} are not valid UTF-8 in the ${NAMES[bits]}`,
      );
    }
    i = j;
  }
  return out;
}

/** The decoded component at [from, end), end = where scan stopped (to, or the component's end character). */
let END = 0;
function component(text: string, from: number, to: number, bits: number): string {
  const end = END = scan(text, from, to, bits);
  return PCT ? decode(text, from, end, bits) : text.slice(from, end);
}

function checkIpv6(text: string, from: number, to: number): void {
  const s = text.slice(from, to);
  const bad = (why: string): never => {
    throw new UriError(text, from, `IPv6 address "${s}" ${why}`);
  };
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) bad("has a character outside 0-9, a-f, ':' and '.'");
  const dbl = s.indexOf("::");
  if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) bad("has more than one '::'");
  let parts: string[];
  if (dbl >= 0) {
    const head = s.slice(0, dbl), tail = s.slice(dbl + 2);
    parts = [...(head === "" ? [] : head.split(":")), ...(tail === "" ? [] : tail.split(":"))];
  } else parts = s.split(":");
  let groups = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (p.includes(".")) {
      if (k !== parts.length - 1 || !/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(p)) bad("has a bad IPv4 part");
      if (p.split(".").some((o) => Number(o) > 255 || (o.length > 1 && o[0] === "0"))) bad("has a bad IPv4 part");
      groups += 2;
    } else {
      if (p.length < 1 || p.length > 4) bad("has a bad group");
      groups++;
    }
  }
  if (dbl >= 0 ? groups > 7 : groups !== 8) bad(`has ${groups} groups`);
}

/** End of the host segment starting at `from`: the next "," before `to`, or `to` (for error messages). */
function segmentEnd(text: string, from: number, to: number): number {
  const c = text.indexOf(",", from);
  return c < 0 || c > to ? to : c;
}

/** Parses the comma-separated `host[:port]` list in text[from, to) (from < to) into `hosts`. */
function parseHosts(text: string, from: number, to: number, hosts: UriHost[]): void {
  let s = from;
  for (;;) {
    if (s === to || text.charCodeAt(s) === 44) throw new UriError(text, s, "host is empty");
    let host: string;
    let i: number;
    if (text.charCodeAt(s) === 91) {
      const close = text.indexOf("]", s);
      if (close < 0 || close >= to) {
        throw new UriError(text, s, `IPv6 literal "${text.slice(s, segmentEnd(text, s, to))}" has no "]"`);
      }
      checkIpv6(text, s + 1, close);
      host = text.slice(s + 1, close).toLowerCase();
      i = close + 1;
      if (i < to && text.charCodeAt(i) !== 58 && text.charCodeAt(i) !== 44) {
        throw new UriError(text, i, `expected ":" or "," after the IPv6 literal, got ${describeChar(text, i)}`);
      }
    } else {
      host = component(text, s, to, 2);
      i = END;
      if (i === s) throw new UriError(text, s, "host is empty");
      if (PCT && (host.includes(":") || host.includes("[") || host.includes("]"))) {
        throw new UriError(text, s, `host "${host}" must not contain ':', '[' or ']'`);
      }
    }
    let port: number | null = null;
    if (i < to && text.charCodeAt(i) === 58) {
      const p = i + 1;
      let v = 0, k = p;
      for (; k < to; k++) {
        const c = text.charCodeAt(k);
        if (c === 44) break;
        const d = c - 48;
        if (d < 0 || d > 9) {
          throw new UriError(text, p, `port "${text.slice(p, segmentEnd(text, p, to))}" is not a number`);
        }
        v = v * 10 + d;
      }
      if (k === p) throw new UriError(text, p, "port is empty");
      if (v > 65535 || k - p > 5) throw new UriError(text, p, `port "${text.slice(p, k)}" is out of range 0-65535`);
      port = v;
      i = k;
    }
    hosts.push({ host, port });
    if (i >= to) return;
    s = i + 1; // past ","
  }
}

/** Parses any URI strictly and eagerly (see parseUri for the grammar); throws UriError on the first fault. */
export function _parseUriGeneral(text: string): DataSourceUri {
  const n = text.length;
  // scheme
  let i = 0;
  let lower = true;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) continue;
    if (c >= 65 && c <= 90) {
      if (i === 0 || lower) lower = false;
      continue;
    }
    if (i > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) continue;
    break;
  }
  if (i === 0) {
    throw new UriError(
      text,
      0,
      n === 0 ? "the URI is empty" : `scheme must start with a letter, got ${describeChar(text, 0)}`,
    );
  }
  if (i === n) throw new UriError(text, i, `expected ":" after the scheme "${text}"`);
  if (text.charCodeAt(i) !== 58) {
    throw new UriError(text, i, `expected ":" after the scheme "${text.slice(0, i)}", got ${describeChar(text, i)}`);
  }
  const scheme = lower ? text.slice(0, i) : text.slice(0, i).toLowerCase();
  i++;
  // authority
  let userinfo: string | null = null;
  const hosts: UriHost[] = [];
  if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 47) {
    const a = i + 2;
    let e = a, at = -1;
    for (; e < n; e++) {
      const c = text.charCodeAt(e);
      if (c === 47 || c === 63 || c === 35) break;
      if (c === 64) at = e;
    }
    let h = a;
    if (at >= 0) {
      userinfo = component(text, a, at, 16);
      h = at + 1;
    }
    if (h < e) parseHosts(text, h, e, hosts);
    i = e;
  }
  // path
  const path = component(text, i, n, 1);
  i = END;
  // query
  let params = EMPTY_PARAMS;
  if (i < n && text.charCodeAt(i) === 63) {
    const entries: UriParam[] = [];
    let s = i + 1;
    for (;;) {
      const name = component(text, s, n, 4);
      const ne = END;
      const c = ne < n ? text.charCodeAt(ne) : 35;
      if (c === 61) {
        if (ne === s) throw new UriError(text, s, "parameter name is empty");
        const value = component(text, ne + 1, n, 8);
        entries.push({ name, value, offset: ne + 1 });
        s = END;
      } else {
        if (ne > s) entries.push({ name, value: "", offset: ne });
        s = ne;
      }
      if (s >= n || text.charCodeAt(s) === 35) break;
      s++; // "&"
    }
    i = s;
    params = new UriParams(entries, text);
  }
  let fragment: string | null = null;
  if (i < n) fragment = component(text, i + 1, n, 32);
  return new DataSourceUri(scheme, userinfo, hosts, path, params, fragment);
}
