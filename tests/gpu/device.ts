import assert from "node:assert/strict";
import { gpuModeFromEnv, openGpu, probeGpu } from "../../gpu/device.ts";
import { sizeClass } from "../../gpu/buffer_pool.ts";
import { cachedPipelineCount, getPipeline } from "../../gpu/pipeline_cache.ts";
import { NO_GPU, withDevice } from "./_gpu.ts";

function withEnv(value: string | undefined, fn: () => void | Promise<void>): Promise<void> {
  const old = Deno.env.get("SLUICE_GPU");
  if (value === undefined) Deno.env.delete("SLUICE_GPU");
  else Deno.env.set("SLUICE_GPU", value);
  return Promise.resolve(fn()).finally(() => {
    if (old === undefined) Deno.env.delete("SLUICE_GPU");
    else Deno.env.set("SLUICE_GPU", old);
  });
}

Deno.test("SLUICE_GPU selects the mode; bad values are a RangeError", async () => {
  await withEnv(undefined, () => assert.equal(gpuModeFromEnv(), "auto"));
  await withEnv("force", () => assert.equal(gpuModeFromEnv(), "force"));
  await withEnv("off", () => assert.equal(gpuModeFromEnv(), "off"));
  await withEnv("fast", () => {
    assert.throws(() => gpuModeFromEnv(), new RangeError('SLUICE_GPU must be off, auto or force, got "fast"'));
  });
  await withEnv("off", async () => assert.equal(await openGpu({ allowFallback: true }), null));
});

Deno.test({
  name: "a software adapter is opened only when forced",
  ignore: NO_GPU,
  fn: async () => {
    const probe = await probeGpu();
    await withEnv("auto", async () => {
      const ctx = await openGpu();
      if (probe.fallback) assert.equal(ctx, null);
      ctx?.destroy();
    });
    await withEnv("force", async () => {
      const ctx = await openGpu();
      assert.ok(ctx !== null);
      assert.equal(ctx.fallback, probe.fallback);
      ctx.destroy();
    });
  },
});

Deno.test("buffer size classes are powers of two from 256 bytes", () => {
  assert.deepEqual([1, 256, 257, 4096, 5000].map(sizeClass), [256, 256, 512, 4096, 8192]);
});

Deno.test({
  name: "pipelines are cached per device and key; buffers are pooled by size class",
  ignore: NO_GPU,
  fn: () =>
    withDevice(async (ctx) => {
      const spec = {
        key: "test:copy",
        code: "@group(0) @binding(0) var<storage, read_write> a: array<u32>;\n" +
          "@compute @workgroup_size(1) fn main() { a[0] = a[0] + 1u; }",
        entryPoint: "main",
        bindings: ["rw"] as const,
      };
      const p1 = getPipeline(ctx.device, spec), p2 = getPipeline(ctx.device, spec);
      assert.equal(p1, p2);
      await p1;
      assert.equal(cachedPipelineCount(ctx.device), 1);
      const b = ctx.pool.acquire(1000, 0x80 | 0x08, "t");
      assert.equal(b.size, 1024);
      assert.equal(b.label, "t");
      ctx.pool.release(b);
      const c = ctx.pool.acquire(900, 0x80 | 0x08, "t2");
      assert.equal(c, b);
      assert.equal(ctx.pool.reused, 1);
      ctx.pool.release(c);
    }),
});
