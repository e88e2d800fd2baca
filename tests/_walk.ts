/** Test helpers for walking the source tree without @std. */

/**
 * Path of a file URL.
 *
 * @param url the URL
 * @returns its path, with a trailing slash kept
 */
export function fromFileUrl(url: URL): string {
  return decodeURIComponent(url.pathname);
}

/**
 * Every .ts file below the given top-level folders, relative to root.
 *
 * @param root repository root with a trailing slash
 * @param tops folders to walk
 * @returns relative paths
 */
export async function* walkTs(root: string, tops: string[]): AsyncGenerator<string> {
  const stack = [...tops];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(root + dir));
    } catch {
      continue;
    }
    for (const e of entries) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory) stack.push(rel);
      else if (e.isFile && e.name.endsWith(".ts")) yield rel;
    }
  }
}
