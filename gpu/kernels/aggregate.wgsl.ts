/**
 * WGSL of sum/min/max/count over i64 lanes: each workgroup (64 invocations; small workgroup arrays keep
 * llvmpipe's JIT fast) reduces a contiguous chunk to one partial
 * {sum as i128 (4 words), min (2), max (2), count (1), 3 pad}; the host adds the partials in bigint.
 * Override HAS_MASK (1: only rows whose mask bit is set). Bindings: 0 data, 1 mask, 2 partials,
 * 3 params {n, rows_per_wg}.
 *
 * @module
 */

import { I64_WGSL } from "./i64.wgsl.ts";

/** Words per workgroup partial. */
export const AGG_PARTIAL_WORDS = 12;

/** The aggregate module. */
export const AGGREGATE_WGSL: string = I64_WGSL + /* wgsl */ `
override HAS_MASK: u32 = 0u;
struct Params { n: u32, rows_per_wg: u32, pad0: u32, pad1: u32 }
@group(0) @binding(0) var<storage, read> data: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read> mask: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<uniform> p: Params;
var<workgroup> s_sum: array<vec4<u32>, 64>;
var<workgroup> s_min: array<vec2<u32>, 64>;
var<workgroup> s_max: array<vec2<u32>, 64>;
var<workgroup> s_cnt: array<u32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let g = wid.x + wid.y * nw.x;
  var sum = vec4<u32>(0u, 0u, 0u, 0u);
  var mn = vec2<u32>(0xffffffffu, 0x7fffffffu);
  var mx = vec2<u32>(0u, 0x80000000u);
  var cnt = 0u;
  let start = g * p.rows_per_wg;
  let end = min(start + p.rows_per_wg, p.n);
  for (var i = start + lid.x; i < end; i += 64u) {
    if (HAS_MASK == 1u && ((mask[i >> 5u] >> (i & 31u)) & 1u) == 0u) { continue; }
    let v = data[i];
    sum = i128_add(sum, i64_to_i128(v));
    if (i64_cmp(v, mn) < 0) { mn = v; }
    if (i64_cmp(v, mx) > 0) { mx = v; }
    cnt += 1u;
  }
  s_sum[lid.x] = sum; s_min[lid.x] = mn; s_max[lid.x] = mx; s_cnt[lid.x] = cnt;
  workgroupBarrier();
  for (var off = 32u; off > 0u; off >>= 1u) {
    if (lid.x < off) {
      let o = lid.x + off;
      s_sum[lid.x] = i128_add(s_sum[lid.x], s_sum[o]);
      if (i64_cmp(s_min[o], s_min[lid.x]) < 0) { s_min[lid.x] = s_min[o]; }
      if (i64_cmp(s_max[o], s_max[lid.x]) > 0) { s_max[lid.x] = s_max[o]; }
      s_cnt[lid.x] += s_cnt[o];
    }
    workgroupBarrier();
  }
  if (lid.x == 0u) {
    let b = g * 12u;
    out[b] = s_sum[0].x; out[b + 1u] = s_sum[0].y; out[b + 2u] = s_sum[0].z; out[b + 3u] = s_sum[0].w;
    out[b + 4u] = s_min[0].x; out[b + 5u] = s_min[0].y; out[b + 6u] = s_max[0].x; out[b + 7u] = s_max[0].y;
    out[b + 8u] = s_cnt[0];
  }
}
`;
