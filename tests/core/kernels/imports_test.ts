import assert from "node:assert/strict";

async function* files(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) yield* files(p);
    else if (p.endsWith(".ts")) yield p;
  }
}

Deno.test("core/kernels imports nothing from gpu/ or http/, and never touches WebGPU", async () => {
  const root = new URL("../../../core/kernels", import.meta.url).pathname;
  for await (const f of files(root)) {
    const text = await Deno.readTextFile(f);
    for (const m of text.matchAll(/from\s+"([^"]+)"/g)) {
      assert.ok(!/(^|\/)(gpu|http)\//.test(m[1]), `${f} imports ${m[1]}`);
    }
    assert.ok(!/navigator\.gpu|GPUBufferUsage/.test(text), `${f} touches WebGPU`);
  }
});
