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
 * How: one RegExp test checks a plain URI whole (lower-case scheme, ASCII, no %-escape, no IPv6 literal; see
 * _plain_uri.ts) and the URI keeps the checked text, whose parts are cut on first access. Anything else, every faulty
 * URI included, goes to the general parser, which builds every part at once and writes every error message, so both
 * paths accept the same texts and give equal values.
 *
 * @module
 */

import type { DataSourceUri } from "./data_source_uri.ts";
import "./data_source_uri.ts"; // its static block sets _PLAIN_URI.make
import { _parseUriGeneral } from "./_parse_general.ts";
import { _PLAIN_URI, _plainScheme } from "./_plain_uri.ts";

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
  const scheme = _plainScheme(text);
  return scheme !== null ? _PLAIN_URI.make(scheme, text) : _parseUriGeneral(text);
}
