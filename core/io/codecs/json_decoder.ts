/**
 * JsonDecoder: NDJSON (one object per line) or a JSON array of objects, bytes straight into RecordBatch columns.
 *
 * Numbers are decoded from their digits (never through a double for Integer and ScaledInteger fields); strings
 * without escapes are interned from their bytes. Missing keys are NULL; unknown keys are ignored; nested objects
 * and arrays go into String fields as their JSON text. A line or element that is not an object, or malformed
 * JSON, is a DecodeError at its line and column.
 *
 * @module
 */

import { field } from "../../types/data_type.ts";
import { Schema } from "../../record/schema.ts";
import { type _Acc, type _DictAcc, _FastKind, type _IntLikeAcc, _text } from "./_column_acc.ts";
import { _KeyWords } from "./_json_key_words.ts";
import { _shortSlot, _ShortStrings } from "./_json_short_strings.ts";
import type { DecodeError } from "./decode_error.ts";
import { TypeGuess } from "./infer_schema.ts";
import { _accsOf, type DecodeOptions, RecordDecoder } from "./record_decoder.ts";

/** The two JSON layouts. */
export const JsonLayouts = {
  /** One object per line. */
  Ndjson: "ndjson",
  /** One top-level array of objects. */
  Array: "array",
} as const;

/** One of JsonLayouts. */
export type JsonLayout = typeof JsonLayouts[keyof typeof JsonLayouts];

/** Options of the JSON decoder. */
export interface JsonDecodeOptions extends DecodeOptions {
  /** "ndjson" (default) or "array". */
  layout?: JsonLayout;
  /**
   * Whether NDJSON lines whose keys follow the schema's field order take the fast line loop (default true).
   * false decodes every record on the general path; the output is the same either way.
   */
  fastPath?: boolean;
}

const POW10: Float64Array = new Float64Array(19);
for (let i = 0, p = 1; i <= 18; i++, p *= 10) POW10[i] = p;
/** Records decoded on the general path after a fast-loop miss before the fast loop is tried again. */
const FAST_PAUSE = 32;
/** 1 for the bytes that end a plain JSON string's scan: quote, backslash, control characters. */
const STR_STOP: Uint8Array = (() => {
  const t = new Uint8Array(256);
  t.fill(1, 0, 32);
  t[34] = t[92] = 1;
  return t;
})();
const K_NUMBER = 0, K_STRING = 1, K_ESCAPED = 2, K_TRUE = 3, K_FALSE = 4, K_NULL = 5, K_NESTED = 6;
const ENC = new TextEncoder();
/** "0000" as a little-endian word: XOR turns digit bytes into 0-9. */
const ZEROS = 0x30303030;

/** Flags (bit 7 of a byte) the quote bytes of a little-endian word; only the lowest flag is exact. */
function quoteBytes(w: number): number {
  const q = w ^ 0x22222222;
  return ((q - 0x01010101) | 0) & ~q & 0x80808080;
}

/** Flags the bytes of a little-endian word XOR ZEROS that are no digit; only the lowest flag is exact. */
function digitBytes(d: number): number {
  return (d | ((d + 0x06060606) | 0)) & 0xf0f0f0f0;
}

/** Index (0-3) of the lowest flagged byte of a non-zero word. */
function firstByte(m: number): number {
  return (31 - Math.clz32(m ^ ((m - 1) | 0))) >> 3;
}

/** The value of four digit bytes 0-9 (a little-endian word XOR ZEROS, first digit lowest): 0-9999. */
function digits4(d: number): number {
  const t = (Math.imul(d, 10) + (d >>> 8)) & 0x00ff00ff;
  return (Math.imul(t, 100) + (t >>> 16)) & 0xffff;
}

/** The value of a JSON string body with escapes, or null when an escape is malformed. */
function unescape(raw: string | null): string | null {
  if (raw === null) return null;
  try {
    return JSON.parse('"' + raw + '"');
  } catch {
    return null;
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Incremental NDJSON / JSON-array decoder (see module docs). */
export class JsonDecoder extends RecordDecoder {
  /** The base's column accumulators (set when the schema is known). */
  #accs: _Acc[] = [];
  /** The layout. */
  readonly layout: JsonLayout;
  #ks = new Int32Array(32);
  #ke = new Int32Array(32);
  #kesc = new Uint8Array(32);
  #vs = new Int32Array(32);
  #ve = new Int32Array(32);
  #vk = new Uint8Array(32);
  #nk = 0;
  #errAt = 0;
  #errWhy = "";
  #state = 0; // array layout: 0 before "[", 1 expecting a value, 2 after a value, 3 after "]"
  #names: Uint8Array[] = [];
  #byName = new Map<string, number>();
  #stamp = new Int32Array(0);
  #rs = 0; // start of the record #next found
  #skipped = -1; // NDJSON: line breaks skipped before it (-1: count them)
  #gen = 0;
  /** Whether the fast line loop may run (NDJSON, option on, names need no escaping). */
  #fastOk = false;
  #fastPause = 0;
  /** The schema's keys as words. */
  #keys: _KeyWords = new _KeyWords([]);
  /** By key position in the fast loop's order: the separator and first key bytes as a word, the key length, the kind. */
  #pSep: Int32Array = new Int32Array(0);
  #pLen: Int32Array = new Int32Array(0);
  #pKind: Int32Array = new Int32Array(0);
  /** Whether some column has validity bytes in the current batch. */
  #fAnyValidity = false;
  /** Per String field: the accumulator's codes array. */
  #fcodes: Int32Array[] = [];
  /** Per String field: its short-string table. */
  #fshort: (_ShortStrings | null)[] = [];
  /** Per field: a _FastKind (refreshed from the accumulators). */
  #fk: Int32Array = new Int32Array(0);
  #fd: Float64Array[] = [];
  #fv: (Uint8Array | null)[] = [];
  #fs2: (_DictAcc | null)[] = [];
  #fsc: Int32Array = new Int32Array(0);
  #fastOption: boolean;
  /** Fast loop: key position -> schema field (learned from a general-path line when the keys come in another order). */
  #ord: Int32Array = new Int32Array(0);
  /** Schema field of each key of the last general-path record. */
  #seen: Int32Array = new Int32Array(0);

  /**
   * Creates a JsonDecoder.
   *
   * @param options layout, schema, batch size, policy
   * @example
   * ```ts
   * import { JsonDecoder } from "./json_decoder.ts";
   * const d = new JsonDecoder();
   * d.write(new TextEncoder().encode('{"id":1,"price":123.4500}\n{"id":2,"price":0.5000}\n'));
   * d.end();
   * const [b] = d.drain();
   * if (String(b.value(0, 1)) !== "123.4500" || b.length !== 2) throw new Error();
   * ```
   */
  constructor(options: JsonDecodeOptions = {}) {
    super(options);
    this.layout = options.layout ?? "ndjson";
    this.#fastOption = options.fastPath ?? true;
    if (this.layout !== "ndjson" && this.layout !== "array") {
      throw new RangeError(`layout must be ndjson or array, got "${this.layout}"`);
    }
  }

  #grow(): void {
    const n = this.#ks.length * 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const g8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.#ks = g32(this.#ks);
    this.#ke = g32(this.#ke);
    this.#vs = g32(this.#vs);
    this.#ve = g32(this.#ve);
    this.#kesc = g8(this.#kesc);
    this.#vk = g8(this.#vk);
  }

  #fail(at: number, why: string): number {
    this.#errAt = at;
    this.#errWhy = why;
    return -2;
  }

  /** End of a string whose opening quote is at i: offset after the closing quote, -1 incomplete, -2 error. */
  #string(buf: Uint8Array, i: number, n: number): number {
    let esc = false;
    for (let k = i + 1; k < n; k++) {
      const c = buf[k];
      if (c === 34) {
        this.#esc = esc;
        return k + 1;
      }
      if (c === 92) {
        esc = true;
        k++;
      } else if (c < 32) return this.#fail(k, "control character inside a string");
    }
    return -1;
  }
  #esc = false;

  /** End of a number token at i, or -2. */
  #number(buf: Uint8Array, i: number, n: number): number {
    let k = i;
    if (buf[k] === 45) k++;
    const d0 = k;
    while (k < n && buf[k] >= 48 && buf[k] <= 57) k++;
    if (k === d0 || (buf[d0] === 48 && k - d0 > 1)) return this.#fail(i, "malformed number");
    if (k < n && buf[k] === 46) {
      const f = ++k;
      while (k < n && buf[k] >= 48 && buf[k] <= 57) k++;
      if (k === f) return this.#fail(i, "malformed number");
    }
    if (k < n && (buf[k] | 32) === 101) {
      k++;
      if (k < n && (buf[k] === 43 || buf[k] === 45)) k++;
      const f = k;
      while (k < n && buf[k] >= 48 && buf[k] <= 57) k++;
      if (k === f) return this.#fail(i, "malformed number");
    }
    return k;
  }

  /** End of any JSON value at i (for nested values): -1 incomplete, -2 error. */
  #skipValue(buf: Uint8Array, i: number, n: number): number {
    let depth = 0, k = i;
    while (k < n) {
      const c = buf[k];
      if (c === 34) {
        const e = this.#string(buf, k, n);
        if (e < 0) return e;
        k = e;
        if (depth === 0) return k;
        continue;
      }
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth < 0) return this.#fail(k, "unbalanced bracket");
        if (depth === 0) return k + 1;
      } else if (depth === 0) return this.#fail(k, "unexpected character");
      k++;
    }
    return -1;
  }

  /** Parses the object at p (a "{"): key and value ranges. Returns the offset after "}", -1 incomplete, -2 error. */
  #object(buf: Uint8Array, p: number, n: number): number {
    let i = p + 1, nk = 0;
    while (i < n && isWs(buf[i])) i++;
    if (i < n && buf[i] === 125) {
      this.#nk = 0;
      return i + 1;
    }
    for (;;) {
      if (i >= n) return -1;
      if (buf[i] !== 34) return this.#fail(i, "expected a key string");
      const ke = this.#string(buf, i, n);
      if (ke < 0) return ke;
      if (nk === this.#ks.length) this.#grow();
      this.#ks[nk] = i + 1;
      this.#ke[nk] = ke - 1;
      this.#kesc[nk] = this.#esc ? 1 : 0;
      i = ke;
      while (i < n && isWs(buf[i])) i++;
      if (i >= n) return -1;
      if (buf[i] !== 58) return this.#fail(i, 'expected ":" after a key');
      i++;
      while (i < n && isWs(buf[i])) i++;
      if (i >= n) return -1;
      const c = buf[i];
      let e: number, kind: number;
      if (c === 34) {
        e = this.#string(buf, i, n);
        if (e < 0) return e;
        kind = this.#esc ? K_ESCAPED : K_STRING;
        this.#vs[nk] = i + 1;
        this.#ve[nk] = e - 1;
      } else {
        if (c === 45 || (c >= 48 && c <= 57)) {
          e = this.#number(buf, i, n);
          kind = K_NUMBER;
          if (e >= 0 && e >= n) return -1;
        } else if (c === 116 || c === 102 || c === 110) {
          const word = c === 116 ? "true" : c === 102 ? "false" : "null";
          if (n - i < word.length) return -1;
          for (let k = 0; k < word.length; k++) {
            if (buf[i + k] !== word.charCodeAt(k)) return this.#fail(i, "unknown literal");
          }
          e = i + word.length;
          kind = c === 116 ? K_TRUE : c === 102 ? K_FALSE : K_NULL;
        } else if (c === 123 || c === 91) {
          e = this.#skipValue(buf, i, n);
          kind = K_NESTED;
        } else return this.#fail(i, "expected a value");
        if (e < 0) return e;
        this.#vs[nk] = i;
        this.#ve[nk] = e;
      }
      this.#vk[nk] = kind;
      nk++;
      i = e;
      while (i < n && isWs(buf[i])) i++;
      if (i >= n) return -1;
      if (buf[i] === 44) {
        i++;
        while (i < n && isWs(buf[i])) i++;
        continue;
      }
      if (buf[i] === 125) {
        this.#nk = nk;
        return i + 1;
      }
      return this.#fail(i, 'expected "," or "}"');
    }
  }

  #keyText(buf: Uint8Array, k: number): string | null {
    const t = _text(buf, this.#ks[k], this.#ke[k]);
    return this.#kesc[k] === 1 ? unescape(t) : t;
  }

  /** Next record: [start of "{", end) — or -1 incomplete, -2 error, -3 input over. Skips separators. */
  #next(buf: Uint8Array, p: number, n: number, final: boolean): number {
    if (this.layout === "ndjson") {
      let lf = 0;
      for (; p < n; p++) {
        const c = buf[p];
        if (c === 10) lf++;
        else if (c !== 32 && c !== 13 && c !== 9) break;
      }
      this.#skipped = lf;
      if (p >= n) return this.#at(p, -3);
      let le = buf.indexOf(10, p);
      if (le < 0) {
        if (!final) return this.#at(p, -1);
        le = n;
      }
      if (buf[p] !== 123) return this.#at(p, this.#fail(p, "expected an object"));
      const end = this.#object(buf, p, le);
      if (end === -1) return this.#at(p, this.#fail(le, "unexpected end of line"));
      if (end < 0) return this.#at(p, end);
      let k = end;
      while (k < le && isWs(buf[k])) k++;
      if (k < le) return this.#at(p, this.#fail(k, "unexpected text after the object"));
      return this.#at(p, end);
    }
    for (;;) {
      while (p < n && isWs(buf[p])) p++;
      if (p >= n) {
        if (final && this.#state !== 3) {
          return this.#at(p, this.#fail(p, this.#state === 0 ? 'expected "["' : "unexpected end of input"));
        }
        return this.#at(p, -3);
      }
      const c = buf[p];
      if (this.#state === 0) {
        if (c !== 91) return this.#at(p, this.#fail(p, 'expected "["'));
        this.#state = 1;
        p++;
        while (p < n && isWs(buf[p])) p++;
        if (p < n && buf[p] === 93) {
          this.#state = 3;
          p++;
        }
        continue;
      }
      if (this.#state === 2) {
        if (c === 44) this.#state = 1;
        else if (c === 93) this.#state = 3;
        else return this.#at(p, this.#fail(p, 'expected "," or "]"'));
        p++;
        continue;
      }
      if (this.#state === 3) return this.#at(p, this.#fail(p, 'unexpected text after "]"'));
      if (c !== 123) return this.#at(p, this.#fail(p, "expected an object"));
      const end = this.#object(buf, p, n);
      if (end === -1 && final) return this.#at(p, this.#fail(n, "unexpected end of input"));
      if (end >= 0) this.#state = 2;
      return this.#at(p, end);
    }
  }

  #at(p: number, end: number): number {
    this.#rs = p;
    return end;
  }

  #lines(buf: Uint8Array, a: number, b: number): number {
    let l = 0;
    for (let k = a; k < b; k++) if (buf[k] === 10) l++;
    return l;
  }

  /** Infers a schema from the buffered input once enough records (or the end) are seen. */
  protected inferSchema(buf: Uint8Array, final: boolean): Schema | null {
    const order: string[] = [];
    const guesses = new Map<string, TypeGuess>();
    const state = this.#state;
    let p = 0, rows = 0;
    while (rows < this.inferRows) {
      const end = this.#next(buf, p, buf.length, final);
      if (end === -1) {
        this.#state = state;
        return null;
      }
      if (end < 0) break;
      for (let k = 0; k < this.#nk; k++) {
        const name = this.#keyText(buf, k);
        if (name === null) continue;
        let g = guesses.get(name);
        if (g === undefined) {
          guesses.set(name, g = new TypeGuess());
          order.push(name);
        }
        const kind = this.#vk[k];
        if (kind === K_NULL) continue;
        const text = kind === K_ESCAPED
          ? unescape(_text(buf, this.#vs[k], this.#ve[k]))
          : _text(buf, this.#vs[k], this.#ve[k]);
        if (text === null) continue;
        g.add(
          text,
          kind === K_NUMBER
            ? "number"
            : kind === K_TRUE || kind === K_FALSE
            ? "boolean"
            : kind === K_NESTED
            ? "json"
            : "string",
        );
      }
      rows++;
      p = end;
    }
    this.#state = state;
    if (!final && rows < this.inferRows) return null;
    return new Schema(order.map((n) => field(n, guesses.get(n)!.type(), true)));
  }

  /** Re-reads the accumulators' arrays for the fast loop (after a batch is emitted). */
  #fastRefresh(): void {
    const accs = this.#accs, nc = accs.length;
    this.#fAnyValidity = false;
    for (let k = 0; k < nc; k++) {
      const a = accs[k];
      const kind = a.fastKind();
      this.#fk[k] = kind;
      this.#fv[k] = a.validity;
      if (a.validity !== null) this.#fAnyValidity = true;
      if (kind === _FastKind.Integer || kind === _FastKind.Scaled || kind === _FastKind.Float) {
        this.#fd[k] = (a as _IntLikeAcc).data;
        if (kind === _FastKind.Scaled) this.#fsc[k] = (a.field.type as { scale: number }).scale;
      } else if (kind === _FastKind.Dict) {
        const d = a as _DictAcc;
        this.#fs2[k] = d;
        this.#fcodes[k] = d.codes;
        if (this.#fshort[k]?.acc !== d) this.#fshort[k] = new _ShortStrings(d);
      }
    }
    const keys = this.#keys;
    for (let k = 0; k < nc; k++) {
      const col = this.#ord[k];
      this.#pSep[k] = k === 0 ? keys.open[col] : keys.comma[col];
      this.#pLen[k] = keys.len[col];
      this.#pKind[k] = this.#fk[col];
    }
  }

  /**
   * The fast line loop: decodes NDJSON lines of the form `{"f1":v1,"f2":v2,...}` with the schema's keys in
   * order (spaces allowed after ":" and ","), plain strings and short numbers, straight into the column arrays.
   * Keys are compared as 32-bit words, digits are read four at a time, and strings of up to 7 bytes are found by
   * their two words (_json_short_strings.ts). Returns the offset of the first line it did not take; the general
   * path decodes that one (errors included).
   */
  #fastRows(buf: Uint8Array, p: number, n: number): number {
    const lastLf = buf.lastIndexOf(10, n - 1);
    if (lastLf < p) return p;
    this.#fastRefresh();
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const pow10 = POW10, strStop = STR_STOP; // module tables as locals
    const accs = this.#accs, nc = accs.length, last = nc - 1;
    const fsc = this.#fsc, ord = this.#ord, short = this.#fshort;
    const keys = this.#keys, kFirst = keys.first, kLast = keys.last, kMid = keys.mid;
    // by key position: the separator word, the key length, the column kind
    const pSep = this.#pSep, pLen = this.#pLen, pKind = this.#pKind;
    let fd = this.#fd, fv = this.#fv, anyValidity = this.#fAnyValidity, fs2 = this.#fs2, fcodes = this.#fcodes;
    const batchSize = this.batchSize;
    let row = this.row, lines = 0, rows = 0;
    // Byte scans stop at a byte outside their class, and the LF at lastLf is outside all of them; 4-byte word
    // reads are checked against n before each key, string and number.
    outer: while (p <= lastLf) {
      let i = p;
      let c = buf[i];
      if (c === 13) c = buf[++i];
      if (c === 10) {
        // the line break that ended the previous record (the general path stops before it)
        p = ++i;
        lines++;
        if (p > lastLf) break;
      }
      for (let k = 0; k < nc; k++) {
        const col = ord[k], len = pLen[k];
        // `{"name":` or `,"name":` as a word at i and the key's last word (they cover names of up to 4 bytes),
        // the words between for longer names; `, "name":` (spaces after the comma) on a second try
        if (
          i + len + 1 <= n && dv.getInt32(i, true) === pSep[k] &&
          dv.getInt32(i + len - 3, true) === kLast[col]
        ) i++;
        else {
          if (k === 0 || buf[i] !== 44 || buf[++i] !== 32) break outer;
          c = buf[++i];
          while (c === 32) c = buf[++i];
          if (i + len > n || dv.getInt32(i, true) !== kFirst[col] || dv.getInt32(i + len - 4, true) !== kLast[col]) {
            break outer;
          }
        }
        if (len > 7) {
          const mid = kMid[col];
          for (let j = 0; j < mid.length; j += 2) if (dv.getInt32(i + mid[j], true) !== mid[j + 1]) break outer;
        }
        i += len;
        c = buf[i];
        while (c === 32) c = buf[++i];
        const kind = pKind[k];
        if (kind === 3) {
          if (c !== 34) break outer;
          const s = ++i;
          let w0 = 0, w1 = 0, m = 0;
          if (s + 8 <= n) {
            // the first quote within 8 bytes: the string's bytes, zero after it, with its length in the top byte
            w0 = dv.getInt32(s, true);
            m = quoteBytes(w0);
            if (m !== 0) {
              const at = firstByte(m);
              w0 &= (1 << (at << 3)) - 1;
              w1 = at << 24;
              i = s + at;
            } else {
              w1 = dv.getInt32(s + 4, true);
              m = quoteBytes(w1);
              if (m !== 0) {
                const at = firstByte(m);
                w1 = (w1 & ((1 << (at << 3)) - 1)) | ((4 + at) << 24);
                i = s + 4 + at;
              }
            }
          }
          if (m !== 0) {
            // at most 7 bytes: the short-string table holds only strings checked free of escapes and control
            // characters, so a hit is one of them; a miss is checked here, then goes through the dictionary
            const t = short[col]!, tab = t.table;
            let slot = _shortSlot(w0, w1, t.shift) << 2;
            for (;;) {
              const code1 = tab[slot + 2];
              if (code1 === 0) {
                for (let j = s; j < i; j++) if (strStop[buf[j]] !== 0) break outer;
                if (fs2[col]!.putBytes(row, buf, s, i) !== null) break outer;
                t.add(w0, w1, fcodes[col][row]);
                break;
              }
              if (tab[slot] === w0 && tab[slot + 1] === w1) {
                fcodes[col][row] = code1 - 1;
                break;
              }
              slot = (slot + 4) & (tab.length - 1);
            }
          } else {
            c = buf[i];
            while (strStop[c] === 0) c = buf[++i];
            if (c !== 34) break outer;
            if (fs2[col]!.putBytes(row, buf, s, i) !== null) break outer;
          }
          i++;
        } else if (kind === 0) {
          // other types: a plain string through putBytes, true/false through putBool; anything else is general
          const a = accs[col];
          if (c === 34) {
            const s = ++i;
            c = buf[i];
            while (strStop[c] === 0) c = buf[++i];
            if (c !== 34 || a.putBytes(row, buf, s, i) !== null) break outer;
            i++;
          } else if (c === 116 && buf[i + 1] === 114 && buf[i + 2] === 117 && buf[i + 3] === 101) {
            if (a.putBool(row, true) !== null) break outer;
            i += 4;
          } else if (
            c === 102 && buf[i + 1] === 97 && buf[i + 2] === 108 && buf[i + 3] === 115 && buf[i + 4] === 101
          ) {
            if (a.putBool(row, false) !== null) break outer;
            i += 5;
          } else break outer;
        } else {
          let neg = false;
          if (c === 45) {
            neg = true;
            c = buf[++i];
          }
          const s = i;
          let v = 0;
          if (i + 16 < n) {
            // four digits per word while a digit follows: a run of 16 or more is never taken, so the reads end by
            // s + 16 (a first word with no digit leaves v meaningless, and nd === 0 rejects it)
            for (;;) {
              const d = dv.getInt32(i, true) ^ ZEROS;
              const nd = digitBytes(d);
              if (nd === 0) {
                v = v * 10000 + digits4(d);
                i += 4;
                c = buf[i];
                if (c < 48 || c > 57) break;
                if (i - s > 12) break outer;
                continue;
              }
              const at = firstByte(nd);
              v = v * pow10[at] + digits4(d << (32 - 8 * at));
              i += at;
              c = buf[i];
              break;
            }
          } else {
            while (c >= 48 && c <= 57) {
              v = v * 10 + (c - 48);
              c = buf[++i];
            }
          }
          let nd = i - s;
          if (nd === 0 || (nd > 1 && buf[s] === 48)) break outer;
          if (kind === 1) {
            if (nd > 15) break outer;
          } else {
            let fd2 = 0;
            if (c === 46) {
              const f0 = ++i;
              let f = 0;
              if (i + 16 < n) {
                for (;;) {
                  const d = dv.getInt32(i, true) ^ ZEROS;
                  const nf = digitBytes(d);
                  if (nf === 0) {
                    f = f * 10000 + digits4(d);
                    i += 4;
                    if (buf[i] < 48 || buf[i] > 57) break;
                    if (i - f0 > 12) break outer;
                    continue;
                  }
                  const at = firstByte(nf);
                  f = f * pow10[at] + digits4(d << (32 - 8 * at));
                  i += at;
                  break;
                }
              } else {
                c = buf[i];
                while (c >= 48 && c <= 57) {
                  f = f * 10 + (c - 48);
                  c = buf[++i];
                }
              }
              fd2 = i - f0;
              nd += fd2;
              if (fd2 === 0 || nd > 15) break outer;
              v = v * pow10[fd2] + f;
            }
            if (kind === 2) {
              const scale = fsc[col];
              if (fd2 > scale || nd - fd2 + scale > 15) break outer;
              v *= pow10[scale - fd2];
            } else {
              // Float: m / 10^k with m < 2^53 and k <= 15 is one correctly rounded division, as Number(text)
              v /= pow10[fd2];
              if (neg) v = -v;
              neg = false;
            }
          }
          fd[col][row] = neg ? 0 - v : v;
        }
        if (k === last) {
          c = buf[i];
          if (c !== 125) break outer;
          c = buf[++i];
          if (c === 13) c = buf[++i];
          if (c !== 10) break outer;
        }
      }
      if (anyValidity) {
        for (let k = 0; k < nc; k++) {
          const v = fv[k];
          if (v !== null) v[row] = 1;
        }
      }
      p = i + 1;
      lines++;
      rows++;
      if (++row === batchSize) {
        this.row = row;
        this.flush();
        row = 0;
        this.#fastRefresh();
        fd = this.#fd;
        fv = this.#fv;
        anyValidity = this.#fAnyValidity;
        fs2 = this.#fs2;
        fcodes = this.#fcodes;
      }
    }
    this.row = row;
    this.stats.rows += rows;
    this.line += lines;
    if (rows === 0) this.#fastPause = FAST_PAUSE;
    return p;
  }

  /** A general-path record had every field once, as keys in some order: the fast loop follows that order. */
  #learnOrder(): void {
    const ord = this.#ord, seen = this.#seen;
    let same = true;
    for (let k = 0; k < ord.length; k++) if (ord[k] !== seen[k]) same = false;
    if (same) return; // the fast loop missed for another reason: keep the pause
    ord.set(seen);
    this.#fastPause = 0;
  }

  /** Sets up per-column state for the schema before the first record. */
  protected override prepare(schema: Schema): void {
    this.#accs = _accsOf(this);
    const nc = schema.length;
    this.#fastOk = this.#fastOption && this.layout === "ndjson" && nc > 0 &&
      schema.names.every((n) => ENC.encode(n).every((b) => STR_STOP[b] === 0));
    if (this.#fastOk) this.#keys = new _KeyWords(schema.names);
    this.#fcodes = new Array(nc).fill(new Int32Array(0));
    this.#fshort = new Array(nc).fill(null);
    this.#pSep = new Int32Array(nc);
    this.#pLen = new Int32Array(nc);
    this.#pKind = new Int32Array(nc);
    this.#fk = new Int32Array(nc);
    this.#ord = Int32Array.from(schema.fields, (_, i) => i);
    this.#seen = new Int32Array(nc);
    this.#fsc = new Int32Array(nc);
    this.#fd = new Array(nc).fill(new Float64Array(0));
    this.#fv = new Array(nc).fill(null);
    this.#fs2 = new Array(nc).fill(null);
    this.#names = schema.names.map((n) => ENC.encode(n));
    this.#byName = new Map(schema.names.map((n, i) => [n, i]));
    this.#stamp = new Int32Array(schema.length);
  }

  #column(buf: Uint8Array, k: number): number {
    const s = this.#ks[k], e = this.#ke[k];
    if (this.#kesc[k] === 0 && k < this.#names.length) {
      const nb = this.#names[k];
      if (nb.length === e - s) {
        let i = 0;
        while (i < nb.length && nb[i] === buf[s + i]) i++;
        if (i === nb.length) return k;
      }
    }
    const name = this.#keyText(buf, k);
    if (name === null) return -2;
    const c = this.#byName.get(name);
    if (c !== undefined) return c;
    const r = this.schema!.resolve(name);
    return r;
  }

  /** Decodes the whole records at the start of the buffer into the current batch. */
  protected parse(buf: Uint8Array, final: boolean): number {
    const n = buf.length;
    let p = 0;
    const accs = this.#accs, names = this.schema!.names, stamp = this.#stamp;
    for (;;) {
      if (this.#fastOk) {
        if (this.#fastPause === 0) p = this.#fastRows(buf, p, n);
        else this.#fastPause--;
      }
      this.#skipped = -1;
      const end = this.#next(buf, p, n, final);
      const s = this.#rs;
      const skippedLines = this.#skipped >= 0 ? this.#skipped : this.#lines(buf, p, s);
      this.line += skippedLines;
      if (end === -3 || end === -1) return s;
      if (end === -2) {
        const err = this.errorAt(buf, s, this.#errAt, null, this.#errWhy);
        if (this.layout === "array") {
          // no record boundary to resume at inside a malformed array: always fatal, rows so far are kept
          this.flush();
          this.error = err;
          return s;
        }
        let skipTo = buf.indexOf(10, Math.max(this.#errAt, s));
        if (skipTo < 0) {
          if (!final) return s;
          skipTo = n;
        }
        if (this.reject(err, buf, s, skipTo)) return s;
        this.line += this.#lines(buf, s, skipTo);
        p = skipTo;
        continue;
      }
      const gen = ++this.#gen;
      const row = this.row;
      let err: DecodeError | null = null;
      for (let k = 0; k < this.#nk; k++) {
        const c = this.#column(buf, k);
        if (c === -2) {
          err = this.errorAt(buf, s, this.#ks[k] - 1, null, "malformed escape or UTF-8 in a key");
          break;
        }
        if (k < this.#seen.length) this.#seen[k] = c;
        if (c < 0) continue;
        stamp[c] = gen;
        const a = accs[c];
        const vs = this.#vs[k], ve = this.#ve[k];
        let why: string | null;
        switch (this.#vk[k]) {
          case K_NUMBER:
          case K_STRING:
            why = a.putBytes(row, buf, vs, ve);
            break;
          case K_ESCAPED:
            {
              const t = unescape(_text(buf, vs, ve));
              why = t === null ? "malformed escape or UTF-8 in a string" : a.putString(row, t);
            }
            break;
          case K_TRUE:
            why = a.putBool(row, true);
            break;
          case K_FALSE:
            why = a.putBool(row, false);
            break;
          case K_NULL:
            why = a.putNull(row);
            break;
          default:
            why = a.field.type.kind === "string"
              ? a.putString(row, _text(buf, vs, ve) ?? "")
              : `nested JSON is not a ${a.field.type.kind} value`;
        }
        if (why !== null) {
          err = this.errorAt(
            buf,
            s,
            this.#vk[k] === K_STRING || this.#vk[k] === K_ESCAPED ? vs - 1 : vs,
            names[c],
            why,
          );
          break;
        }
      }
      let missing = 0;
      if (err === null) {
        for (let c = 0; c < stamp.length; c++) {
          if (stamp[c] === gen) continue;
          missing++;
          const why = accs[c].putNull(row);
          if (why !== null) {
            err = this.errorAt(buf, s, s, names[c], `missing key: ${why}`);
            break;
          }
        }
      }
      if (err !== null) {
        if (this.reject(err, buf, s, end)) return s;
      } else {
        this.commitRow();
        if (this.#fastPause > 0 && missing === 0 && this.#nk === stamp.length) this.#learnOrder();
      }
      if (this.layout === "array") this.line += this.#lines(buf, s, end);
      p = end;
    }
  }
}
