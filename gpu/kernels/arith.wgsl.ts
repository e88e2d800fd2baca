/**
 * WGSL of the elementwise kernels: exact i64 add/sub/mul with scale factors and overflow detection (the first
 * overflowing row is kept with atomicMin), and f32 add/sub/mul.
 *
 * @module
 */

import { I64_WGSL } from "./i64.wgsl.ts";

/**
 * i64 elementwise kernel. Overrides: OP (0 add, 1 sub, 2 mul), NARROW (1: the result must also fit in i32),
 * SCALED (1: multiply operands by the factors first). Bindings: 0 a, 1 b, 2 out, 3 first overflowing row,
 * 4 params {n, stride, fa, fb}.
 */
export const ARITH_I64_WGSL: string = I64_WGSL + /* wgsl */ `
override OP: u32 = 0u;
override NARROW: u32 = 0u;
override SCALED: u32 = 0u;
struct Params { n: u32, stride: u32, pad0: u32, pad1: u32, fa: vec2<u32>, fb: vec2<u32> }
@group(0) @binding(0) var<storage, read> a: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read> b: array<vec2<u32>>;
@group(0) @binding(2) var<storage, read_write> out: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read_write> first_ovf: atomic<u32>;
@group(0) @binding(4) var<uniform> p: Params;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let threads = nw.x * 256u;
  for (var i = gid.x + gid.y * threads; i < p.n; i += p.stride) {
    var x = a[i];
    var y = b[i];
    var ovf = false;
    if (SCALED == 1u) {
      let sx = i64_mul_checked(x, p.fa);
      let sy = i64_mul_checked(y, p.fb);
      ovf = sx.z == 1u || sy.z == 1u;
      x = sx.xy;
      y = sy.xy;
    }
    var r: vec2<u32>;
    if (OP == 0u) {
      r = i64_add(x, y);
      ovf = ovf || i64_add_ovf(x, y, r);
    } else if (OP == 1u) {
      r = i64_sub(x, y);
      ovf = ovf || i64_sub_ovf(x, y, r);
    } else {
      let m = i64_mul_checked(x, y);
      r = m.xy;
      ovf = ovf || m.z == 1u;
    }
    if (NARROW == 1u && r.y != select(0u, 0xffffffffu, (r.x >> 31u) == 1u)) { ovf = true; }
    if (ovf) {
      atomicMin(&first_ovf, i);
      r = vec2<u32>(0u, 0u);
    }
    out[i] = r;
  }
}
`;

/** f32 elementwise kernel. Override OP (0 add, 1 sub, 2 mul). Bindings: 0 a, 1 b, 2 out, 3 params {n, stride}. */
export const ARITH_F32_WGSL: string = /* wgsl */ `
override OP: u32 = 0u;
struct Params { n: u32, stride: u32, pad0: u32, pad1: u32 }
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let threads = nw.x * 256u;
  for (var i = gid.x + gid.y * threads; i < p.n; i += p.stride) {
    if (OP == 0u) { out[i] = a[i] + b[i]; } else if (OP == 1u) { out[i] = a[i] - b[i]; } else { out[i] = a[i] * b[i]; }
  }
}
`;
