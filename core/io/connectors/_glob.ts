/**
 * Minimal path globs for file:// sources (private): `*` and `?` within a segment, `**` for any depth.
 *
 * @module
 */

/** Whether a path has glob characters. */
export function _isGlob(path: string): boolean {
  return path.includes("*") || path.includes("?");
}

function segmentRegex(seg: string): RegExp {
  let re = "";
  for (const ch of seg) {
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** The files matching a glob, sorted. */
export async function _expandGlob(pattern: string): Promise<string[]> {
  const abs = pattern.startsWith("/");
  const segs = pattern.split("/").filter((s, i) => s !== "" || i === 0);
  let k = 0;
  while (k < segs.length && !_isGlob(segs[k])) k++;
  const base = segs.slice(0, k).join("/") || (abs ? "/" : ".");
  const rest = segs.slice(k);
  const out: string[] = [];
  async function walk(dir: string, i: number): Promise<void> {
    if (i === rest.length) return;
    const seg = rest[i];
    const entries: Deno.DirEntry[] = [];
    try {
      for await (const e of Deno.readDir(dir)) entries.push(e);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return;
      throw e;
    }
    const join = (n: string) => (dir.endsWith("/") ? dir + n : dir + "/" + n);
    if (seg === "**") {
      await walk(dir, i + 1);
      for (const e of entries) if (e.isDirectory) await walk(join(e.name), i);
      return;
    }
    const re = segmentRegex(seg);
    for (const e of entries) {
      if (!re.test(e.name)) continue;
      if (i === rest.length - 1) {
        if (e.isFile) out.push(join(e.name));
      } else if (e.isDirectory) await walk(join(e.name), i + 1);
    }
  }
  await walk(base, 0);
  return [...new Set(out)].sort();
}
