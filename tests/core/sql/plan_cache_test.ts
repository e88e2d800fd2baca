import assert from "node:assert/strict";
import { PlanCache } from "../../../core/sql/plan_cache.ts";

Deno.test("plan cache: exact and normalised hits, LRU eviction, invalidation", () => {
  const c = new PlanCache<{ n: string }>({ capacity: 4 });
  let builds = 0;
  const build = (n: string) => {
    builds++;
    return { n };
  };
  const a = c.get("status = 'a'", build);
  assert.equal(a.n, "status = 'a'");
  assert.equal(c.get("status = 'a'", build), a); // exact text
  assert.equal(c.get("STATUS='a'  -- same", build), a); // normalised text
  assert.equal(c.get("status = 'A'", build).n, "status = 'A'"); // string literals are case-sensitive
  assert.equal(builds, 2);
  assert.deepEqual(c.stats(), { hits: 2, misses: 2, size: 3, invalidations: 0 });
  c.get("x = 1", build);
  c.get("y = 1", build);
  assert.ok(c.stats().size <= 4);
  c.get("status = 'a'", build); // evicted by now: rebuilt
  assert.equal(builds, 5);
  c.invalidate();
  assert.equal(c.stats().size, 0);
  c.get("x = 1", build);
  assert.equal(builds, 6);
  assert.equal(c.stats().invalidations, 1);
});

Deno.test("plan cache: a failing build caches nothing", () => {
  const c = new PlanCache<number>();
  assert.throws(() =>
    c.get("a =", () => {
      throw new Error("bad");
    }), { message: "bad" });
  assert.equal(c.stats().size, 0);
  assert.throws(() => new PlanCache({ capacity: 0 }), {
    name: "RangeError",
    message: "Plan cache capacity must be a positive integer, got 0",
  });
});
