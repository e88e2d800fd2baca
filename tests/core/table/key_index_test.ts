// The string form of KeyIndex: "prefix + digits" keys mapped to numbers, and the switch to hashing.
import assert from "node:assert/strict";
import { KeyIndex } from "../../../core/table/key_index.ts";
import { mulberry32 } from "../../../core/gen/mulberry32.ts";

/** A string-form index over its own key array (as the table keeps it: the key at its slot). */
function stringIndex(): { ix: KeyIndex; keys: string[]; add: (k: string) => number } {
  const ix = new KeyIndex("string", 4);
  const keys: string[] = [];
  ix.attachStrings(keys);
  const add = (k: string): number => {
    const slot = keys.length;
    keys.push(k);
    ix.insertString(k, slot);
    return slot;
  };
  return { ix, keys, add };
}

Deno.test("string key index: prefix + digits keys are shaped; width, prefix and digits all count", () => {
  const { ix, add } = stringIndex();
  assert.equal(add("txn_00000042"), 0);
  assert.equal(ix.shaped, true);
  add("txn_0000042"); // one digit fewer: another key
  add("txn_42");
  add("txn_000000042");
  assert.equal(ix.findString("txn_00000042"), 0);
  assert.equal(ix.findString("txn_0000042"), 1);
  assert.equal(ix.findString("txn_42"), 2);
  assert.equal(ix.findString("txn_000000042"), 3);
  for (const miss of ["txn_00000043", "TXN_00000042", "txn-00000042", "txn_0000004a", "txn_", "", "42", "txn_4 2"]) {
    assert.equal(ix.findString(miss), -1, miss);
  }
  assert.equal(ix.shaped, true);
  assert.equal(ix.size, 4);
  assert.equal(ix.removeString("txn_42"), 2);
  assert.equal(ix.findString("txn_42"), -1);
  assert.equal(ix.removeString("nope"), -1);
  assert.equal(ix.size, 3);
});

Deno.test("string key index: a key that does not fit switches to hashing, keeping every key", () => {
  const { ix, add } = stringIndex();
  for (let i = 0; i < 100; i++) add("user-" + i);
  assert.equal(ix.shaped, true);
  assert.equal(ix.removeString("user-5"), 5);
  add("admin"); // slot 100
  assert.equal(ix.shaped, false);
  assert.equal(ix.size, 100);
  for (let i = 0; i < 100; i++) assert.equal(ix.findString("user-" + i), i === 5 ? -1 : i);
  assert.equal(ix.findString("admin"), 100);
  assert.equal(ix.removeString("admin"), 100);
  assert.equal(ix.findString("admin"), -1);
});

Deno.test("string key index: first keys without digits, or more than 15 digits, hash from the start", () => {
  const a = stringIndex();
  a.add("alpha");
  assert.equal(a.ix.shaped, false);
  assert.equal(a.ix.findString("alpha"), 0);
  const b = stringIndex();
  b.add("k1234567890123456"); // 16 digits
  assert.equal(b.ix.shaped, false);
  assert.equal(b.ix.findString("k1234567890123456"), 0);
  const c = stringIndex();
  c.add("k123456789012345"); // 15 digits
  assert.equal(c.ix.shaped, true);
  c.add("k999999999999999");
  c.add("k1"); // another width: a disjoint range above the first width's
  assert.deepEqual(["k123456789012345", "k999999999999999", "k1"].map((k) => c.ix.findString(k)), [0, 1, 2]);
  assert.equal(c.ix.findString("k1234567890123456"), -1);
});

Deno.test("string key index: clear() learns the shape again", () => {
  const { ix, keys, add } = stringIndex();
  add("zeta");
  assert.equal(ix.shaped, false);
  ix.clear();
  keys.length = 0;
  assert.equal(ix.size, 0);
  assert.equal(ix.findString("zeta"), -1);
  add("id7");
  assert.equal(ix.shaped, true);
  assert.equal(ix.findString("id7"), 0);
});

Deno.test("string key index: seeded random keys of several shapes against a Map", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const r = mulberry32(seed);
    const ix = new KeyIndex("string", 4);
    const keys: string[] = [];
    ix.attachStrings(keys);
    const ref = new Map<string, number>();
    const free: number[] = [];
    // seed 4 stays shaped and dense (direct addressing); seed 5 stays shaped over several digit counts (numbers far
    // apart: the number form hashes); the others meet a foreign key at some point
    const gen = (): string => {
      const x = Math.floor(r() * 3000);
      const k = r();
      if (seed === 4 || k < 0.6) return "ord_" + String(x).padStart(5, "0");
      if (k < 0.8) return "ord_" + x; // other widths
      if (k < 0.95 || seed === 5) return "ord_" + String(x).padStart(7, "0");
      return "misc" + String.fromCharCode(97 + (x % 26)) + x;
    };
    for (let step = 0; step < 6000; step++) {
      const k = gen();
      const op = r();
      if (op < 0.55) {
        if (!ref.has(k)) {
          const slot = free.length > 0 ? free.pop()! : keys.length;
          keys[slot] = k;
          ix.insertString(k, slot);
          ref.set(k, slot);
        }
      } else if (op < 0.75) {
        const s = ix.removeString(k);
        assert.equal(s, ref.get(k) ?? -1, `remove ${k} (seed ${seed}, step ${step})`);
        if (s >= 0) {
          ref.delete(k);
          free.push(s);
        }
      } else assert.equal(ix.findString(k), ref.get(k) ?? -1, `find ${k} (seed ${seed}, step ${step})`);
    }
    assert.equal(ix.size, ref.size);
    for (const [k, s] of ref) assert.equal(ix.findString(k), s);
    assert.equal(ix.shaped, seed >= 4, `seed ${seed}`);
    assert.equal(ix.direct, seed === 4, `seed ${seed}`);
  }
});

Deno.test("number key index: claimNumbers finds or claims, grows, and refuses keys direct addressing cannot hold", () => {
  const ix = new KeyIndex("number", 4);
  const keys = new Float64Array(64);
  ix.attachKeys(keys);
  const out = new Int32Array(5);
  // new keys take 0, 1, 2 in order; repeats get their first occurrence's slot; -0 is 0
  assert.equal(ix.claimNumbers(Float64Array.of(40, 3, 40, -0, 3), out, 0), 3);
  assert.deepEqual([...out], [0, 1, 0, 2, 1]);
  keys.set([40, 3, 0]);
  assert.equal(ix.claimNumbers(Float64Array.of(3, 100_000, 0), out, 3), 1);
  assert.deepEqual([...out.subarray(0, 3)], [1, 3, 2]);
  keys[3] = 100_000;
  assert.equal(ix.size, 4);
  assert.ok(ix.direct);
  // a negative, fractional or far key: -1 and nothing changed (the caller inserts one by one)
  for (const bad of [-1, 2.5, 2 ** 31]) {
    out.fill(7);
    assert.equal(ix.claimNumbers(Float64Array.of(41, bad), out, 4), -1);
    assert.equal(ix.size, 4);
    assert.equal(ix.findNumber(41), -1);
    assert.deepEqual([...out.subarray(0, 2)], [7, 7]);
  }
  keys[4] = -1;
  ix.insertNumber(-1, 4);
  assert.ok(!ix.direct);
  assert.equal(ix.claimNumbers(Float64Array.of(5), out, 5), -1);
  assert.deepEqual([40, 3, 0, 100_000, -1].map((k) => ix.findNumber(k)), [0, 1, 2, 3, 4]);
});

Deno.test("number key index: the expected capacity sizes direct addressing only; hashing is allocated on the switch", () => {
  const ix = new KeyIndex("number", 100_000);
  const keys = new Float64Array(100_000);
  ix.attachKeys(keys);
  assert.equal(ix.byteSize(), 100_000 * 4, "the direct array, no hash table beside it");
  for (let i = 0; i < 1000; i++) {
    keys[i] = i * 3;
    ix.insertNumber(i * 3, i);
  }
  keys[1000] = -5;
  ix.insertNumber(-5, 1000);
  assert.ok(!ix.direct);
  assert.ok(ix.byteSize() < 100_000 * 4, "the hash table is sized for the keys held, not for the capacity");
  for (let i = 0; i < 1000; i++) assert.equal(ix.findNumber(i * 3), i);
  assert.equal(ix.findNumber(-5), 1000);
  assert.equal(ix.findNumber(1), -1);
});
