/**
 * Character classes and canonical %-encoding of URI components (private to core/uri).
 *
 * @module
 */

const HEX = "0123456789ABCDEF";
const UTF8 = new TextEncoder();

/** Character classes shared with the parser: bit 1 path, 2 host, 4 query name, 8 query value, 16 userinfo, 32 fragment */
export const _URI_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(128);
  const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  const sub = "!$&'()*+,;=";
  const add = (chars: string, bits: number) => {
    for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] |= bits;
  };
  add(unreserved, 63);
  add(sub, 1 | 16 | 32);
  add(sub.replace(",", ""), 2);
  add(sub.replace("&", "").replace("=", ""), 4);
  add(sub.replace("&", ""), 8);
  add(":@", 1 | 4 | 8 | 32);
  add(":", 16);
  add("/", 1 | 4 | 8 | 32);
  add("?", 4 | 8 | 32);
  return t;
})();

/** Encodes a decoded component for canonical output: bytes outside class `bits` as %XX */
export function _encodeComponent(s: string, bits: number): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (_URI_CLASS[c] & bits) === 0) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && (_URI_CLASS[c] & bits) !== 0) {
      out += s[i];
      continue;
    }
    let ch = s[i];
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) ch += s[++i];
    for (const b of UTF8.encode(ch)) out += "%" + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}
