import assert from "node:assert/strict";
import { fromFileUrl, walkTs } from "./_walk.ts";

const ROOT = fromFileUrl(new URL("../", import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) out.push(m[1] ?? m[2]);
  return out;
}

function layerOf(rel: string): "core" | "gpu" | "http" | null {
  const top = rel.split("/")[0];
  return top === "core" || top === "gpu" || top === "http" ? top : null;
}

Deno.test("imports go one way: core <- gpu <- http; core never imports gpu or http", async () => {
  const bad: string[] = [];
  let files = 0;
  for await (const rel of walkTs(ROOT, ["core", "gpu", "http"])) {
    files++;
    const from = layerOf(rel)!;
    const text = await Deno.readTextFile(ROOT + rel);
    for (const spec of importsOf(text)) {
      if (!spec.startsWith(".")) continue;
      const target = new URL(spec, "file:///" + rel).pathname.slice(1);
      const to = layerOf(target);
      const forbidden = (from === "core" && (to === "gpu" || to === "http")) || (from === "gpu" && to === "http");
      if (forbidden) bad.push(`${rel} imports ${spec}`);
    }
  }
  assert.ok(files > 10, `expected to scan the source tree, scanned ${files} files`);
  assert.deepEqual(bad, []);
});

Deno.test("mod.ts (the library root) loads neither Hono nor WebGPU code", async () => {
  const seen = new Set<string>();
  const queue = ["mod.ts"];
  while (queue.length > 0) {
    const rel = queue.pop()!;
    if (seen.has(rel)) continue;
    seen.add(rel);
    const text = await Deno.readTextFile(ROOT + rel);
    assert.doesNotMatch(text, /navigator\.gpu/, `${rel} touches navigator.gpu`);
    for (const spec of importsOf(text)) {
      assert.ok(!/hono/.test(spec), `${rel} imports ${spec}`);
      if (spec.startsWith(".")) queue.push(new URL(spec, "file:///" + rel).pathname.slice(1));
    }
  }
  assert.ok([...seen].every((f) => layerOf(f) !== "gpu" && layerOf(f) !== "http"));
});

Deno.test("the import scanner sees static, re-export and dynamic imports", () => {
  const text = 'import { a } from "./x.ts";\nexport * from "../gpu/y.ts";\nconst m = await import("./z.ts");';
  assert.deepEqual(importsOf(text), ["./x.ts", "../gpu/y.ts", "./z.ts"]);
});

Deno.test("mod.ts and http/mod.ts export no private (_-prefixed) names", async () => {
  for (const entry of ["../mod.ts", "../http/mod.ts"]) {
    const names = Object.keys(await import(entry));
    assert.ok(names.length > 0 || entry.includes("http"), entry);
    assert.deepEqual(names.filter((n) => n.startsWith("_")), [], entry);
  }
});
