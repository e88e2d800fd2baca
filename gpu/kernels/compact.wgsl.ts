/**
 * WGSL of filter/compaction (bitmask -> ascending row indices) as three passes sharing one layout:
 * `count` (set bits per workgroup of 256 words), `scan` (exclusive prefix over workgroup counts, and the total),
 * `scatter` (workgroup prefix sum, then each word writes its rows). Bindings: 0 mask, 1 counts, 2 out, 3 total,
 * 4 params {rows, words, num_wg}.
 *
 * @module
 */

/** The compaction module. */
export const COMPACT_WGSL: string = /* wgsl */ `
struct Params { rows: u32, words: u32, num_wg: u32, pad: u32 }
@group(0) @binding(0) var<storage, read> mask: array<u32>;
@group(0) @binding(1) var<storage, read_write> counts: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<storage, read_write> total: array<u32>;
@group(0) @binding(4) var<uniform> p: Params;
var<workgroup> sh: array<u32, 256>;

fn word_at(w: u32) -> u32 {
  if (w >= p.words) { return 0u; }
  var x = mask[w];
  if (w == p.words - 1u && (p.rows & 31u) != 0u) { x &= (1u << (p.rows & 31u)) - 1u; }
  return x;
}

@compute @workgroup_size(256)
fn count(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  sh[lid.x] = countOneBits(word_at(wid.x * 256u + lid.x));
  workgroupBarrier();
  for (var off = 128u; off > 0u; off >>= 1u) {
    if (lid.x < off) { sh[lid.x] += sh[lid.x + off]; }
    workgroupBarrier();
  }
  if (lid.x == 0u) { counts[wid.x] = sh[0]; }
}

@compute @workgroup_size(1)
fn scan() {
  var s = 0u;
  for (var i = 0u; i < p.num_wg; i++) {
    let c = counts[i];
    counts[i] = s;
    s += c;
  }
  total[0] = s;
}

@compute @workgroup_size(256)
fn scatter(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let w = wid.x * 256u + lid.x;
  let x = word_at(w);
  let c = countOneBits(x);
  sh[lid.x] = c;
  workgroupBarrier();
  for (var off = 1u; off < 256u; off <<= 1u) {
    var v = 0u;
    if (lid.x >= off) { v = sh[lid.x - off]; }
    workgroupBarrier();
    sh[lid.x] += v;
    workgroupBarrier();
  }
  var pos = counts[wid.x] + sh[lid.x] - c;
  var y = x;
  while (y != 0u) {
    out[pos] = w * 32u + countTrailingZeros(y);
    pos += 1u;
    y &= y - 1u;
  }
}
`;
