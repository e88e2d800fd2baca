/**
 * Plain URIs (private to core/uri): text that parseUri has checked and found plain (ASCII, no %-escapes, no IPv6
 * literal) becomes a DataSourceUri holding the text and six offsets; each part (hosts, path, parameters...) is cut
 * from the text on first access, so parsing allocates one object.
 *
 * @module
 */

import type { DataSourceUri, UriHost } from "./data_source_uri.ts";
import { type UriParam, UriParams } from "./uri_params.ts";

/**
 * Makes a plain URI: `scheme:` then `//` authority at [a, e) (a = -1: none) whose last "@" is at `at` (-1: none),
 * the path at [e, pe), the query at (pe, qe) when qe > pe, the fragment after qe when qe < text.length.
 */
export type _PlainUriMaker = (
  scheme: string,
  text: string,
  a: number,
  at: number,
  e: number,
  pe: number,
  qe: number,
) => DataSourceUri;

/** Set by DataSourceUri's static block (the only code that may fill its private fields). */
export const _PLAIN_URI: { make: _PlainUriMaker } = {
  make: () => {
    throw new Error("DataSourceUri is not loaded");
  },
};

/** The `host[:port]` list in text[from, to) (checked: non-empty hosts, ports of 1 to 5 digits up to 65535). */
export function _plainHosts(text: string, from: number, to: number): UriHost[] {
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
export function _plainParams(text: string, from: number, to: number): UriParams {
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
