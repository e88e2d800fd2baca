/**
 * DataSourceUri: the parsed form of a source or sink address (see parseUri), with a canonical text form.
 *
 * @module
 */

import { UriParams } from "./uri_params.ts";
import { _encodeComponent } from "./_uri_chars.ts";
import { _PLAIN_URI, _plainParts } from "./_plain_uri.ts";

/** One `host[:port]` of a URI authority. */
export interface UriHost {
  /** Decoded host name, or an IPv6 literal without its brackets. */
  readonly host: string;
  /** Port 0..65535, or null when absent. */
  readonly port: number | null;
}

const NO_HOSTS: readonly UriHost[] = Object.freeze([]);
const NO_PARAMS = new UriParams([], "");

/**
 * A parsed source/sink URI: `scheme://[userinfo@]host[:port][,host[:port]...][/path][?params][#fragment]`.
 * Its parts are read-only. A URI from parseUri may keep its checked text and cut its parts on first access.
 */
export class DataSourceUri {
  #scheme: string;
  // a plain URI's text (see _plain_uri.ts) until its parts are cut; then ""
  #text = "";
  #userinfo: string | null;
  #hosts: readonly UriHost[];
  #path: string;
  #params: UriParams;
  #fragment: string | null;

  static {
    _PLAIN_URI.make = (scheme, text) => {
      const u = new DataSourceUri(scheme, null, NO_HOSTS, "", NO_PARAMS, null);
      u.#text = text;
      return u;
    };
  }

  /**
   * Creates a DataSourceUri.
   *
   * @param scheme lower-case scheme
   * @param userinfo decoded userinfo or null
   * @param hosts hosts in order
   * @param path decoded path
   * @param params query parameters
   * @param fragment decoded fragment or null
   * @example
   * ```ts
   * import { DataSourceUri } from "./data_source_uri.ts";
   * import { UriParams } from "./uri_params.ts";
   * const u = new DataSourceUri("memory", null, [{ host: "orders", port: null }], "", new UriParams([]), null);
   * if (u.toString() !== "memory://orders") throw new Error();
   * ```
   */
  constructor(
    scheme: string,
    userinfo: string | null,
    hosts: readonly UriHost[],
    path: string,
    params: UriParams,
    fragment: string | null,
  ) {
    this.#scheme = scheme;
    this.#userinfo = userinfo;
    this.#hosts = hosts;
    this.#path = path;
    this.#params = params;
    this.#fragment = fragment;
  }

  /** Lower-case scheme (`kafka`, `file`, ...). */
  get scheme(): string {
    return this.#scheme;
  }

  #cut(): void {
    const p = _plainParts(this.#text, this.#scheme.length);
    this.#text = "";
    this.#userinfo = p.userinfo;
    this.#hosts = p.hosts;
    this.#path = p.path;
    this.#params = p.params;
    this.#fragment = p.fragment;
  }

  /** Decoded userinfo (`user:password`), or null. */
  get userinfo(): string | null {
    if (this.#text !== "") this.#cut();
    return this.#userinfo;
  }

  /** The hosts in order; empty for `file:///path` or `memory:` style URIs. */
  get hosts(): readonly UriHost[] {
    if (this.#text !== "") this.#cut();
    return this.#hosts;
  }

  /** Decoded path ("" when absent). */
  get path(): string {
    if (this.#text !== "") this.#cut();
    return this.#path;
  }

  /** The query parameters. */
  get params(): UriParams {
    if (this.#text !== "") this.#cut();
    return this.#params;
  }

  /** Decoded fragment, or null. */
  get fragment(): string | null {
    if (this.#text !== "") this.#cut();
    return this.#fragment;
  }

  /** The first host name, or "" when there is none. */
  get host(): string {
    return this.hosts.length === 0 ? "" : this.hosts[0].host;
  }

  /**
   * The canonical text: lower-case scheme, `//` authority when there are hosts or the path is empty or absolute,
   * %XX (upper-case hex, UTF-8) exactly where a character needs it. It parses back to an equal value.
   *
   * @returns the canonical URI text
   * @example
   * ```ts
   * import { parseUri } from "./parse_uri.ts";
   * if (parseUri("KAFKA://b1:09092/t?x=%41").toString() !== "kafka://b1:9092/t?x=A") throw new Error();
   * ```
   */
  toString(): string {
    let s = this.scheme + ":";
    const authority = this.hosts.length > 0 || this.userinfo !== null || this.path === "" ||
      this.path.charCodeAt(0) === 47;
    if (authority) {
      s += "//";
      if (this.userinfo !== null) s += _encodeComponent(this.userinfo, 16) + "@";
      for (let i = 0; i < this.hosts.length; i++) {
        const h = this.hosts[i];
        if (i > 0) s += ",";
        s += h.host.includes(":") ? "[" + h.host + "]" : _encodeComponent(h.host, 2);
        if (h.port !== null) s += ":" + h.port;
      }
    }
    s += _encodeComponent(this.path, 1);
    const es = this.params.entries;
    for (let i = 0; i < es.length; i++) {
      s += (i === 0 ? "?" : "&") + _encodeComponent(es[i].name, 4);
      if (es[i].value !== "") s += "=" + _encodeComponent(es[i].value, 8);
    }
    if (this.fragment !== null) s += "#" + _encodeComponent(this.fragment, 32);
    return s;
  }

  /**
   * The JSON form: the same exact text as toString, so no digit is lost.
   *
   * @returns the canonical text
   */
  toJSON(): string {
    return this.toString();
  }

  /**
   * Value equality: same scheme, userinfo, hosts, path, parameters (names, values, order) and fragment.
   *
   * @param other another URI
   * @returns true when equal
   * @example
   * ```ts
   * import { parseUri } from "./parse_uri.ts";
   * const u = parseUri("nats://[::1]:4222/s?a=%20");
   * if (!parseUri(u.toString()).equals(u)) throw new Error();
   * ```
   */
  equals(other: DataSourceUri): boolean {
    if (
      this.scheme !== other.scheme || this.userinfo !== other.userinfo || this.path !== other.path ||
      this.fragment !== other.fragment || this.hosts.length !== other.hosts.length ||
      this.params.entries.length !== other.params.entries.length
    ) return false;
    for (let i = 0; i < this.hosts.length; i++) {
      if (this.hosts[i].host !== other.hosts[i].host || this.hosts[i].port !== other.hosts[i].port) return false;
    }
    const a = this.params.entries, b = other.params.entries;
    for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name || a[i].value !== b[i].value) return false;
    return true;
  }
}
