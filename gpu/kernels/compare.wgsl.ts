/**
 * WGSL of compare -> bitmask: one invocation per 32-row mask word. The operator is a uniform (0 lt, 1 le, 2 eq,
 * 3 ne, 4 gt, 5 ge; one pipeline serves all six); override B_VEC (1: compare with vector b, 0: with the scalar
 * in params). Bindings: 0 a, 1 b, 2 out words, 3 params {n, words, stride, op, k}.
 *
 * @module
 */

import { I64_WGSL } from "./i64.wgsl.ts";

const COMMON = /* wgsl */ `
override B_VEC: u32 = 0u;
fn holds(c: i32) -> bool {
  switch p.op {
    case 0u: { return c < 0; }
    case 1u: { return c <= 0; }
    case 2u: { return c == 0; }
    case 3u: { return c != 0; }
    case 4u: { return c > 0; }
    default: { return c >= 0; }
  }
}
struct Params { n: u32, words: u32, stride: u32, op: u32, k: vec2<u32>, pad2: vec2<u32> }
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@group(0) @binding(3) var<uniform> p: Params;
`;

/** Compare over i64 lanes. */
export const COMPARE_I64_WGSL: string = I64_WGSL + COMMON + /* wgsl */ `
@group(0) @binding(0) var<storage, read> a: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read> b: array<vec2<u32>>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  for (var w = gid.x; w < p.words; w += p.stride) {
    var m = 0u;
    for (var j = 0u; j < 32u; j++) {
      let i = w * 32u + j;
      if (i >= p.n) { break; }
      var y = p.k;
      if (B_VEC == 1u) { y = b[i]; }
      if (holds(i64_cmp(a[i], y))) { m |= 1u << j; }
    }
    out[w] = m;
  }
}
`;

/** Compare over i32 values (dictionary codes, dates). */
export const COMPARE_I32_WGSL: string = COMMON + /* wgsl */ `
@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read> b: array<i32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  for (var w = gid.x; w < p.words; w += p.stride) {
    var m = 0u;
    for (var j = 0u; j < 32u; j++) {
      let i = w * 32u + j;
      if (i >= p.n) { break; }
      var y = bitcast<i32>(p.k.x);
      if (B_VEC == 1u) { y = b[i]; }
      let x = a[i];
      if (holds(select(select(0, 1, x > y), -1, x < y))) { m |= 1u << j; }
    }
    out[w] = m;
  }
}
`;
