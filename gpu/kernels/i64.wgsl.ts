/**
 * WGSL helpers for exact i64 on the GPU. WGSL has no 64-bit integers, so an i64 is `vec2<u32>(lo, hi)` in two's
 * complement; sums past 64 bits are 128-bit `vec4<u32>` (little-endian words). Prepended to the kernels that use
 * them.
 *
 * @module
 */

/** The i64/i128 helper functions (WGSL). */
export const I64_WGSL: string = /* wgsl */ `
fn i64_is_neg(a: vec2<u32>) -> bool { return (a.y >> 31u) == 1u; }

fn i64_neg(a: vec2<u32>) -> vec2<u32> {
  let lo = ~a.x + 1u;
  return vec2<u32>(lo, ~a.y + select(0u, 1u, lo == 0u));
}

fn i64_add(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.x + b.x;
  return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}

fn i64_sub(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(a.x - b.x, a.y - b.y - select(0u, 1u, a.x < b.x));
}

// Signed overflow of r = a + b / r = a - b (sign rules on the high words).
fn i64_add_ovf(a: vec2<u32>, b: vec2<u32>, r: vec2<u32>) -> bool { return (((a.y ^ r.y) & (b.y ^ r.y)) >> 31u) == 1u; }
fn i64_sub_ovf(a: vec2<u32>, b: vec2<u32>, r: vec2<u32>) -> bool { return (((a.y ^ b.y) & (a.y ^ r.y)) >> 31u) == 1u; }

// Full 32 x 32 -> 64-bit unsigned product from 16-bit halves.
fn mul32(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu; let a1 = a >> 16u; let b0 = b & 0xffffu; let b1 = b >> 16u;
  let p00 = a0 * b0; let p01 = a0 * b1; let p10 = a1 * b0; let p11 = a1 * b1;
  let mid = p01 + p10;
  let mid_carry = select(0u, 0x10000u, mid < p01);
  let lo = p00 + (mid << 16u);
  let lo_carry = select(0u, 1u, lo < p00);
  return vec2<u32>(lo, p11 + (mid >> 16u) + mid_carry + lo_carry);
}

// Signed i64 product; .z = 1 when the exact product is outside i64 (then .xy is meaningless).
fn i64_mul_checked(a: vec2<u32>, b: vec2<u32>) -> vec3<u32> {
  let na = i64_is_neg(a); let nb = i64_is_neg(b);
  let ua = select(a, i64_neg(a), na);
  let ub = select(b, i64_neg(b), nb);
  var ovf = ua.y != 0u && ub.y != 0u;
  let p0 = mul32(ua.x, ub.x);
  let c1 = mul32(ua.x, ub.y);
  let c2 = mul32(ua.y, ub.x);
  ovf = ovf || c1.y != 0u || c2.y != 0u;
  let mid = c1.x + c2.x;
  ovf = ovf || mid < c1.x;
  let hi = p0.y + mid;
  ovf = ovf || hi < p0.y;
  let neg = na != nb;
  if ((hi >> 31u) == 1u && (!neg || hi != 0x80000000u || p0.x != 0u)) { ovf = true; }
  let r = select(vec2<u32>(p0.x, hi), i64_neg(vec2<u32>(p0.x, hi)), neg);
  return vec3<u32>(r.x, r.y, select(0u, 1u, ovf));
}

// -1, 0 or 1 as a signed comparison of a and b.
fn i64_cmp(a: vec2<u32>, b: vec2<u32>) -> i32 {
  let ah = bitcast<i32>(a.y); let bh = bitcast<i32>(b.y);
  if (ah != bh) { return select(1, -1, ah < bh); }
  if (a.x != b.x) { return select(1, -1, a.x < b.x); }
  return 0;
}

// 128-bit two's-complement add.
fn i128_add(a: vec4<u32>, b: vec4<u32>) -> vec4<u32> {
  let x = a.x + b.x;
  var c = select(0u, 1u, x < a.x);
  let y0 = a.y + b.y; let y = y0 + c;
  c = select(0u, 1u, y0 < a.y) + select(0u, 1u, y < y0);
  let z0 = a.z + b.z; let z = z0 + c;
  c = select(0u, 1u, z0 < a.z) + select(0u, 1u, z < z0);
  return vec4<u32>(x, y, z, a.w + b.w + c);
}

fn i64_to_i128(a: vec2<u32>) -> vec4<u32> {
  let s = select(0u, 0xffffffffu, i64_is_neg(a));
  return vec4<u32>(a.x, a.y, s, s);
}
`;
