/**
 * CsvDecoder: RFC 4180 CSV bytes straight into RecordBatch columns.
 *
 * Quoted fields may hold delimiters, doubled quotes and line breaks; records end with LF, CRLF or CR; the
 * delimiter is any single ASCII character. An empty unquoted field is NULL; `""` is the empty string (NULL for
 * non-String fields). A quote inside an unquoted field, text after a closing quote, an unterminated quote and a
 * wrong field count are DecodeErrors. Blank lines are skipped, except with exactly one column, where a blank line
 * is a NULL (so a one-column table with NULLs round-trips). A UTF-8 BOM is dropped.
 *
 * @module
 */

import type { Schema } from "../../record/schema.ts";
import { type _Acc, type _DictAcc, _FastKind, type _IntLikeAcc, _text } from "./_column_acc.ts";
import { type DecodeError, DecodeError as DecodeErrorClass } from "./decode_error.ts";
import { TypeGuess } from "./infer_schema.ts";
import { _accsOf, type DecodeOptions, RecordDecoder } from "./record_decoder.ts";
import { field } from "../../types/data_type.ts";
import { Schema as SchemaClass } from "../../record/schema.ts";

/** Options of the CSV decoder. */
export interface CsvDecodeOptions extends DecodeOptions {
  /** Whether the first record names the columns (default true). Without one, columns are c1, c2, ... */
  header?: boolean;
  /**
   * The column names of input that has no header line (with `header: false`), e.g. a later part of a file whose
   * header was read elsewhere: columns map to schema fields by name, as a header would map them. Default: the
   * columns map to the schema's fields in order (c1, c2, ... when inferred).
   */
  columns?: readonly string[];
  /** Field delimiter, one ASCII character (default ","). */
  delimiter?: string;
  /**
   * Whether plain records take the fast row loop (default true). false decodes every record on the general
   * path; the output is the same either way (for comparisons and differential tests).
   */
  fastPath?: boolean;
}

const QUOTE = 34, LF = 10, CR = 13;
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 18; i++, p *= 10) POW10.push(p);
/** Fast-path records that fall back before the fast path is tried again after a miss. */
const FAST_PAUSE = 32;
const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);

/**
 * Flags (bit 7 of a byte) the bytes of a little-endian word that may end an unquoted field: those below '#' (LF,
 * CR and the quote among them) and the delimiter (`delimWord`: it in every byte). Only the lowest flag is exact.
 */
function stopBytes(w: number, delimWord: number): number {
  const x = w ^ delimWord;
  return (((w - 0x23232323) | 0) & ~w | ((x - 0x01010101) | 0) & ~x) & 0x80808080;
}

/** Index (0-3) of the lowest flagged byte of a non-zero word. */
function firstByte(m: number): number {
  return (31 - Math.clz32(m ^ ((m - 1) | 0))) >> 3;
}

/** Incremental CSV decoder (see module docs). */
export class CsvDecoder extends RecordDecoder {
  /** The base's column accumulators (set when the schema is known). */
  #accs: _Acc[] = [];
  /** Whether the first record is a header. */
  readonly header: boolean;
  /** The delimiter byte. */
  readonly delimiter: number;
  #fs = new Int32Array(64);
  #fe = new Int32Array(64);
  #fq = new Uint8Array(64);
  #nf = 0;
  #quoted = false;
  /** 1 for the bytes that end an unquoted field's scan: delimiter, LF, CR, quote. */
  #special: Uint8Array = (() => {
    const t = new Uint8Array(256);
    t[LF] = t[CR] = t[QUOTE] = 1;
    return t;
  })();
  #errAt = 0;
  #errWhy = "";
  #headerDone = false;
  /** The header's names (read from the input, or given as `columns`), once known. */
  #names: readonly string[] | null = null;
  #bomDone = false;
  /** CSV column -> schema field (-1: ignored). */
  #colMap: Int32Array = new Int32Array(0);
  /** Schema fields with no CSV column (filled with NULL). */
  #missing: number[] = [];
  #expected = -1;
  /** Whether the fast row loop may run (header read, every schema field has a column). */
  #fastReady = false;
  /** Whether the delimiter allows the fast loop at all. */
  #fastOk = true;
  /** Records left to decode on the general path before the fast loop is tried again. */
  #fastPause = 0;
  /** Per CSV column: -1 ignored, else a _FastKind (refreshed from the accumulators). */
  #fk: Int32Array = new Int32Array(0);
  /** Per CSV column: the Float64Array of an Integer/Scaled column. */
  #fd: Float64Array[] = [];
  /** Per CSV column: the code array of a String column. */
  #fc: Int32Array[] = [];
  /** Per CSV column: the dictionary accumulator of a String column. */
  #fs2: (_DictAcc | null)[] = [];
  /** Per CSV column: the scale of a Scaled column. */
  #fsc: Int32Array = new Int32Array(0);
  /** The String field (CSV column, byte range) whose string the dictionary lacked when #fastRecord returned -2. */
  #missCol = 0;
  #missStart = 0;
  #missEnd = 0;

  /**
   * Creates a CsvDecoder.
   *
   * @param options schema, header, delimiter, batch size, policy
   * @example
   * ```ts
   * import { CsvDecoder } from "./csv_decoder.ts";
   * const d = new CsvDecoder();
   * d.write(new TextEncoder().encode("id,price\n1,123.4500\n"));
   * d.end();
   * const [b] = d.drain();
   * if (String(b.value(0, 1)) !== "123.4500") throw new Error();
   * ```
   */
  constructor(options: CsvDecodeOptions = {}) {
    super(options);
    this.header = options.header ?? true;
    // input that starts past line 1 is not a file's start: a byte-order mark there is data
    this.#bomDone = (options.firstLine ?? 1) !== 1;
    if (options.columns !== undefined) {
      if (this.header) throw new RangeError("columns names the columns of input without a header: set header: false");
      if (options.columns.length === 0) throw new RangeError("columns must name at least one column");
      this.#names = [...options.columns];
    }
    const d = options.delimiter ?? ",";
    if (d.length !== 1 || d.charCodeAt(0) > 127 || d === '"' || d === "\n" || d === "\r") {
      throw new RangeError(
        `delimiter must be one ASCII character other than a quote or line break, got ${JSON.stringify(d)}`,
      );
    }
    this.delimiter = d.charCodeAt(0);
    // Numbers are scanned before the delimiter is seen, so a delimiter that can be part of one disables the fast loop.
    this.#fastOk = (options.fastPath ?? true) && !/[0-9.+-]/.test(d);
    this.#special[this.delimiter] = 1;
  }

  #grow(): void {
    const n = this.#fs.length * 2;
    const fs = new Int32Array(n), fe = new Int32Array(n), fq = new Uint8Array(n);
    fs.set(this.#fs);
    fe.set(this.#fe);
    fq.set(this.#fq);
    this.#fs = fs;
    this.#fe = fe;
    this.#fq = fq;
  }

  /**
   * Splits one record starting at p into field ranges. Returns the offset after its line break, -1 when the
   * record is incomplete (need more input), -2 on a syntax error (#errAt, #errWhy).
   */
  #record(buf: Uint8Array, p: number, n: number, final: boolean): number {
    const delim = this.delimiter;
    let i = p, nf = 0;
    this.#quoted = false;
    for (;;) {
      if (nf === this.#fs.length) this.#grow();
      if (i < n && buf[i] === QUOTE) {
        let j = i + 1, mode = 1;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q < 0) {
            if (!final) return -1;
            this.#errAt = i;
            this.#errWhy = "quoted field has no closing quote";
            return -2;
          }
          if (q + 1 < n && buf[q + 1] === QUOTE) {
            mode = 2;
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1;
          this.#fs[nf] = i + 1;
          this.#fe[nf] = q;
          this.#fq[nf] = mode;
          this.#quoted = true;
          nf++;
          i = q + 1;
          break;
        }
        if (i >= n) {
          this.#nf = nf;
          return n;
        }
        const c = buf[i];
        if (c === delim) {
          i++;
          continue;
        }
        if (c !== LF && c !== CR) {
          this.#errAt = i;
          this.#errWhy = `unexpected ${JSON.stringify(String.fromCharCode(c))} after a closing quote`;
          return -2;
        }
      } else {
        const s = i;
        const special = this.#special;
        while (i < n && special[buf[i]] === 0) i++;
        if (i < n && buf[i] === QUOTE) {
          this.#errAt = i;
          this.#errWhy = "quote inside an unquoted field";
          return -2;
        }
        this.#fs[nf] = s;
        this.#fe[nf] = i;
        this.#fq[nf] = 0;
        nf++;
        if (i >= n) {
          if (!final) return -1;
          this.#nf = nf;
          return n;
        }
        if (buf[i] === delim) {
          i++;
          continue;
        }
      }
      this.#nf = nf;
      if (buf[i] === CR) {
        if (i + 1 < n) return buf[i + 1] === LF ? i + 2 : i + 1;
        return final ? i + 1 : -1;
      }
      return i + 1;
    }
  }

  #lines(buf: Uint8Array, p: number, end: number): number {
    let lines = 0;
    for (let k = p; k < end; k++) {
      const c = buf[k];
      if (c === LF) lines++;
      else if (c === CR && buf[k + 1] !== LF) lines++;
    }
    return lines;
  }

  #fieldText(buf: Uint8Array, k: number): string {
    const t = _text(buf, this.#fs[k], this.#fe[k]) ?? "";
    return this.#fq[k] === 2 ? t.replaceAll('""', '"') : t;
  }

  #skipBom(buf: Uint8Array): number {
    return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  }

  /** Infers a schema from the buffered input once enough records (or the end) are seen. */
  protected inferSchema(buf: Uint8Array, final: boolean): Schema | null {
    if (!final && buf.length < 3) return null;
    let p = this.#skipBom(buf);
    let names: string[] | null = null;
    const guesses: TypeGuess[] = [];
    let rows = 0;
    while (p < buf.length && rows < this.inferRows) {
      const end = this.#record(buf, p, buf.length, final);
      if (end === -1) return null;
      if (end === -2) break; // the parse pass reports it
      const nf = this.#nf;
      p = end;
      if (nf === 1 && this.#fe[0] === this.#fs[0] && this.#fq[0] === 0) continue;
      if (names === null) {
        names = [];
        for (let k = 0; k < nf; k++) {
          names.push(this.header ? this.#fieldText(buf, k) : this.#names?.[k] ?? `c${k + 1}`);
        }
        if (this.header) continue;
      }
      for (let k = 0; k < nf && k < names.length; k++) {
        guesses[k] ??= new TypeGuess();
        if (this.#fq[k] === 0 && this.#fe[k] === this.#fs[k]) continue;
        if (this.#fq[k] !== 0 && this.#fe[k] === this.#fs[k]) {
          guesses[k].add("", "string");
          continue;
        }
        guesses[k].add(this.#fieldText(buf, k), this.#fq[k] === 0 ? "text" : "string");
      }
      rows++;
    }
    if (!final && rows < this.inferRows && p >= buf.length) return null;
    names ??= [];
    const seen = new Set<string>();
    const fields = names.map((n, k) => {
      let name = n === "" ? `c${k + 1}` : n;
      while (seen.has(name.toLowerCase())) name += "_";
      seen.add(name.toLowerCase());
      return field(name, (guesses[k] ?? new TypeGuess()).type(), true);
    });
    return new SchemaClass(fields);
  }

  /** Sets up per-column state for the schema before the first record. */
  protected override prepare(schema: Schema): void {
    this.#accs = _accsOf(this);
    if (this.header) return;
    if (this.#names !== null) {
      const missing = this.#mapColumns(this.#names);
      if (missing !== null) {
        this.error = new DecodeErrorClass(this.line, 1, missing, `columns has no column "${missing}"`);
      }
      return;
    }
    this.#colMap = Int32Array.from(schema.fields, (_, i) => i);
    this.#expected = schema.length;
    this.#fastReady = this.#fastOk && this.#expected > 0;
  }

  /** Re-reads the accumulators' arrays for the fast loop (after a batch is emitted or a general-path record). */
  #fastRefresh(): void {
    const nc = this.#expected, map = this.#colMap, accs = this.#accs;
    if (this.#fk.length !== nc) {
      this.#fk = new Int32Array(nc);
      this.#fsc = new Int32Array(nc);
      this.#fd = new Array(nc).fill(EMPTY_F64);
      this.#fc = new Array(nc).fill(EMPTY_I32);
      this.#fs2 = new Array(nc).fill(null);
    }
    for (let k = 0; k < nc; k++) {
      const c = map[k];
      if (c < 0) {
        this.#fk[k] = -1;
        continue;
      }
      const a = accs[c];
      const kind = a.fastKind();
      this.#fk[k] = kind;
      if (kind === _FastKind.Integer || kind === _FastKind.Scaled || kind === _FastKind.Float) {
        this.#fd[k] = (a as _IntLikeAcc).data;
        if (kind === _FastKind.Scaled) this.#fsc[k] = (a.field.type as { scale: number }).scale;
      } else if (kind === _FastKind.Dict) {
        this.#fs2[k] = a as _DictAcc;
        this.#fc[k] = (a as _DictAcc).codes;
      }
    }
  }

  /** Marks rows [from, to) valid in every column that has validity bytes (the fast loop takes no NULLs). */
  #fastValid(from: number, to: number): void {
    if (from === to) return;
    for (const a of this.#accs) if (a.validity !== null) a.validity.fill(1, from, to);
  }

  /**
   * The fast loop: decodes plain records (no quotes, no empty fields, LF or CRLF ends, short numbers) straight
   * from bytes into the column arrays. Returns the offset of the first record it did not take (which the general
   * path then decodes, errors included), having counted the rows and lines it took.
   *
   * Digits accumulate two at a time in int32 (8 digits at most per run, so the chain from pair to pair is one
   * integer multiply-add, not a float one); a longer number is a second, independent int32 run joined with one
   * multiply. The row is too long for the CPU to overlap one number's chain with the next fields, so the chain's
   * length counts; reading 4 digits per 32-bit word (as the NDJSON loop does) was slower here: the offset of the
   * next field then depends on the word's value instead of on predicted branches.
   * A String field's end is searched in its first two words, which then key its dictionary lookup
   * (_DictAcc.codeOfWords).
   */
  #fastRows(buf: Uint8Array, p: number, n: number): number {
    const lastLf = buf.lastIndexOf(LF, n - 1);
    if (lastLf < p) return p;
    this.#fastRefresh();
    const batchSize = this.batchSize;
    let row = this.row, rows = 0, from = row;
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    // Every byte scan in #fastRecord stops at a byte outside its class, and the LF at lastLf bounds all of them;
    // word reads are checked against n.
    while (p <= lastLf) {
      let end = this.#fastRecord(buf, dv, p, n, row);
      // -2: a new dictionary string, added here (one per try; invalid UTF-8 is the general path's error)
      for (let tries = 0; end === -2 && tries < this.#expected; tries++) {
        if (this.#fs2[this.#missCol]!.putBytes(row, buf, this.#missStart, this.#missEnd) !== null) break;
        end = this.#fastRecord(buf, dv, p, n, row);
      }
      if (end < 0) break;
      p = end;
      rows++;
      if (++row === batchSize) {
        this.#fastValid(from, row);
        this.row = row;
        this.flush();
        row = from = 0;
        this.#fastRefresh();
      }
    }
    this.#fastValid(from, row);
    this.row = row;
    this.line += rows;
    this.stats.rows += rows;
    if (rows === 0) this.#fastPause = FAST_PAUSE;
    return p;
  }

  /**
   * One plain record at i into `row` of the column arrays: returns the offset after its line break, -1 when it is
   * not plain (the general path decodes it; what was written to `row` is overwritten), or -2 when a String field
   * holds a string its dictionary lacks (#missCol, #missStart, #missEnd). A function of its own
   * so it is optimized like any hot function: as part of the row loop it ran as on-stack-replacement code, which
   * V8 threw away at every exit from its inner digit loops (thousands of deopts per input split into segments).
   */
  #fastRecord(buf: Uint8Array, dv: DataView, i: number, n: number, row: number): number {
    const nc = this.#expected, last = nc - 1;
    const delim = this.delimiter, special = this.#special, delimWord = Math.imul(delim, 0x01010101);
    const fk = this.#fk, fsc = this.#fsc, fd = this.#fd, fc = this.#fc, fs2 = this.#fs2;
    for (let k = 0; k < nc; k++) {
      const kind = fk[k];
      let c = buf[i];
      if (kind === 1 || kind === 2 || kind === 4) {
        let neg = false;
        if (c === 45) {
          neg = true;
          c = buf[++i];
        }
        // integer digits two at a time (one multiply-add per pair halves the chain from digit to digit), up to 8
        // in one int32 run, up to 8 more in a second run
        const s = i, lim = i + 8;
        let v32 = 0;
        while (i < lim) {
          const d0 = c - 48;
          if (d0 >>> 0 > 9) break;
          const d1 = (c = buf[++i]) - 48;
          if (d1 >>> 0 > 9) {
            v32 = (Math.imul(v32, 10) + d0) | 0;
            break;
          }
          v32 = (Math.imul(v32, 100) + Math.imul(d0, 10) + d1) | 0;
          c = buf[++i];
        }
        let v = v32;
        if ((c - 48) >>> 0 <= 9) {
          const s2 = i, lim2 = i + 8;
          let w32 = 0;
          while (i < lim2) {
            const d0 = c - 48;
            if (d0 >>> 0 > 9) break;
            const d1 = (c = buf[++i]) - 48;
            if (d1 >>> 0 > 9) {
              w32 = (Math.imul(w32, 10) + d0) | 0;
              break;
            }
            w32 = (Math.imul(w32, 100) + Math.imul(d0, 10) + d1) | 0;
            c = buf[++i];
          }
          v = v * POW10[i - s2] + w32;
        }
        let nd = i - s;
        if (kind === 1) {
          if (nd === 0 || nd > 15) return -1;
        } else {
          // fraction digits: two at a time, 9 at most (a 10th is never taken)
          let fd2 = 0;
          if (c === 46) {
            c = buf[++i];
            const f0 = i, flim = i + 10;
            let f = 0;
            while (i < flim) {
              const d0 = c - 48;
              if (d0 >>> 0 > 9) break;
              const d1 = (c = buf[++i]) - 48;
              if (d1 >>> 0 > 9) {
                f = (Math.imul(f, 10) + d0) | 0;
                break;
              }
              f = (Math.imul(f, 100) + Math.imul(d0, 10) + d1) | 0;
              c = buf[++i];
            }
            fd2 = i - f0;
            if (fd2 > 9) return -1;
            nd += fd2;
            v = v * POW10[fd2] + f;
          }
          if (kind === 2) {
            const scale = fsc[k];
            if (nd === 0 || fd2 > scale || nd - fd2 + scale > 15) return -1;
            v *= POW10[scale - fd2];
          } else {
            // m / 10^k with m < 2^53 and k <= 15 is one correctly rounded division: the same double as Number(text)
            if (nd === 0 || nd > 15) return -1;
            v /= POW10[fd2];
          }
        }
        // a FLOAT keeps the sign of zero ("-0" is -0, as Number gives); integers have no -0
        fd[k][row] = neg ? (kind === 4 ? -v : 0 - v) : v;
      } else if (kind === 3) {
        // the end of the string within its first 8 bytes from two words (a byte below '#' or the delimiter, then
        // checked by the byte loop), else byte by byte; the dictionary is keyed by words as well
        const s = i;
        let w = 0, words = false;
        if (i + 8 <= n) {
          words = true;
          w = dv.getInt32(i, true);
          let m = stopBytes(w, delimWord);
          if (m !== 0) i += firstByte(m);
          else {
            m = stopBytes(dv.getInt32(i + 4, true), delimWord);
            i += m !== 0 ? 4 + firstByte(m) : 8;
          }
          c = buf[i];
        }
        while (special[c] === 0) c = buf[++i];
        const len = i - s;
        if (len === 0 || (c !== delim && c !== LF && c !== CR)) return -1;
        const acc = fs2[k]!;
        // the dictionary's words (the first and the last min(len, 4) bytes, zero above them), with no branch on len
        const sh = (32 - (len << 3)) & ((len - 4) >> 31);
        const code = words && i >= 4
          ? acc.codeOfWords(len, ((w << sh) >>> sh) | 0, (dv.getInt32(i - 4, true) >>> sh) | 0, buf, s)
          : acc.codeOf(buf, s, i);
        if (code >= 0) fc[k][row] = code;
        else {
          // a string the dictionary has not seen: #fastRows adds it and decodes the record again (adding it here
          // would inline the dictionary's insert path into this function, which costs every record ~6%)
          this.#missCol = k;
          this.#missStart = s;
          this.#missEnd = i;
          return -2;
        }
      } else {
        const s = i;
        while (special[c] === 0) c = buf[++i];
        if (c === QUOTE) return -1;
        if (kind === 0) {
          if (i === s) return -1;
          if (this.#accs[this.#colMap[k]].putBytes(row, buf, s, i) !== null) return -1;
        }
      }
      if (k === last) {
        if (c === CR) c = buf[++i];
        if (c !== LF) return -1;
      } else if (c !== delim) return -1;
      i++;
    }
    return i;
  }

  #readHeader(buf: Uint8Array, p: number): DecodeError | null {
    const names: string[] = [];
    for (let k = 0; k < this.#nf; k++) names.push(this.#fieldText(buf, k));
    const missing = this.#mapColumns(names);
    return missing === null ? null : this.errorAt(buf, p, p, missing, `the header has no column "${missing}"`);
  }

  /** Maps CSV columns to schema fields by name; returns the first NOT NULL field no column names, or null. */
  #mapColumns(names: readonly string[]): string | null {
    const schema = this.schema!;
    const nf = names.length;
    this.#names = names;
    this.#colMap = new Int32Array(nf).fill(-1);
    this.#expected = nf;
    const used = new Uint8Array(schema.length);
    for (let k = 0; k < nf; k++) {
      const i = schema.resolve(names[k]);
      if (i >= 0 && used[i] === 0) {
        this.#colMap[k] = i;
        used[i] = 1;
      }
    }
    this.#missing = [];
    for (let i = 0; i < schema.length; i++) {
      if (used[i] === 1) continue;
      if (!schema.fields[i].nullable) return schema.names[i];
      this.#missing.push(i);
    }
    this.#fastReady = this.#fastOk && this.#missing.length === 0 && nf > 0;
    return null;
  }

  /** The header's column names (read from the input or given as `columns`), or null before it is known. */
  get columns(): readonly string[] | null {
    return this.#names;
  }

  /** Decodes the whole records at the start of the buffer into the current batch. */
  protected parse(buf: Uint8Array, final: boolean): number {
    if (this.error !== null) return 0;
    const n = buf.length;
    let p = 0;
    if (!this.#bomDone && (n >= 3 || final)) {
      p = this.#skipBom(buf);
      this.#bomDone = true;
    } else if (!this.#bomDone) return 0;
    const accs = this.#accs;
    const names = this.schema!.names;
    while (p < n) {
      if (this.#fastReady && (this.#headerDone || !this.header)) {
        if (this.#fastPause === 0) {
          p = this.#fastRows(buf, p, n);
          if (p >= n) break;
        } else this.#fastPause--;
      }
      const end = this.#record(buf, p, n, final);
      if (end === -1) break;
      if (end === -2) {
        const nl = buf.indexOf(LF, this.#errAt);
        if (nl < 0 && !final) break;
        const rawEnd = nl < 0 ? n : nl + 1;
        const err = this.errorAt(buf, p, this.#errAt, null, this.#errWhy);
        if (this.reject(err, buf, p, rawEnd)) return p;
        this.line += this.#lines(buf, p, rawEnd);
        p = rawEnd;
        continue;
      }
      const nf = this.#nf;
      const fs = this.#fs, fe = this.#fe, fq = this.#fq;
      const recStart = p;
      const lines = this.#quoted ? this.#lines(buf, p, end) : (end > p ? 1 : 0);
      p = end;
      if (nf === 1 && fe[0] === fs[0] && fq[0] === 0 && (this.#expected !== 1 || !this.#headerDone && this.header)) {
        this.line += lines; // a blank line; with one column it is a NULL record instead
        continue;
      }
      if (this.header && !this.#headerDone) {
        this.#headerDone = true;
        const err = this.#readHeader(buf, recStart);
        if (err !== null) {
          this.error = err;
          return recStart;
        }
        this.line += lines;
        continue;
      }
      let err: DecodeError | null = null;
      if (nf !== this.#expected) {
        err = this.errorAt(buf, recStart, recStart, null, `has ${nf} fields, expected ${this.#expected}`);
      } else {
        const row = this.row, map = this.#colMap;
        for (let k = 0; k < nf; k++) {
          const c = map[k];
          if (c < 0) continue;
          const a = accs[c];
          const s = fs[k], e = fe[k], q = fq[k];
          let why: string | null;
          if (q === 0) why = s === e ? a.putNull(row) : a.putBytes(row, buf, s, e);
          else if (q === 1) {
            why = s === e && a.field.type.kind !== "string" ? a.putNull(row) : a.putBytes(row, buf, s, e);
          } else why = a.putString(row, this.#fieldText(buf, k));
          if (why !== null) {
            err = this.errorAt(buf, recStart, q === 0 ? s : s - 1, names[c], why);
            break;
          }
        }
        for (const c of this.#missing) accs[c].putNull(row);
      }
      if (err !== null) {
        if (this.reject(err, buf, recStart, end)) return recStart;
      } else this.commitRow();
      this.line += lines;
    }
    return p;
  }
}
