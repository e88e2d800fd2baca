/**
 * WGSL of the fused filter -> multiply -> grouped-sum kernel (WORKLOADS.md W3/W5 shape).
 *
 * Pass `main`: each workgroup takes a contiguous chunk of at most 65536 rows; a row that passes every predicate
 * has its i64 value (one column, or a checked i64 product of two) split into 16-bit limbs
 * v = l0 + l1*2^16 + l2*2^32 + l3*2^48 (l0..l2 unsigned, l3 signed) that are added with workgroup atomics into
 * per-group accumulators; with at most 65536 rows per workgroup no limb sum can wrap (65536 * 65535 < 2^32,
 * |65536 * 32768| <= 2^31). The first overflowing row goes to `result.ovf` by atomicMin. Each workgroup then
 * writes its G partials {count, l0, l1, l2, l3}.
 * Pass `finish`: one invocation per group adds the partials of all workgroups into an i128 and a count.
 *
 * The predicate, value and group expressions are generated from the query's shape (which columns, which
 * operators); the constants they compare with come from the uniform, so one pipeline serves every threshold.
 *
 * @module
 */

import { I64_WGSL } from "./i64.wgsl.ts";

/** Column kinds a fused kernel binds. */
export type FusedColumnKind = "i64" | "dict";

/** What changes the generated shader. */
export interface FusedShape {
  /** Kinds of the bound columns, in binding order (bindings 3, 4, ...). */
  readonly columns: readonly FusedColumnKind[];
  /**
   * Validity slots (in the table's validity buffer, bound after the columns) of the bound columns that have
   * NULLs: a row is kept only when it is valid in each.
   */
  readonly nullable: readonly number[];
  /** Predicates: column slot, operator code (0 lt .. 5 ge), constant slot = index. */
  readonly predicates: readonly { readonly column: number; readonly op: number }[];
  /** Slots of the summed columns (0, 1 or 2 entries). */
  readonly sum: readonly number[];
  /** Slot of the group column, or -1. */
  readonly group: number;
  /** Group capacity of the workgroup accumulators (a power of two). */
  readonly groupCapacity: number;
  /**
   * Where each workgroup accumulates: "workgroup" memory (fastest on hardware), or its own region of the
   * partials buffer with storage atomics ("global"; no workgroup arrays, which llvmpipe compiles very slowly:
   * its JIT zero-initialises workgroup arrays element by element, ~40 s for 2560 words).
   */
  readonly accumulate: "workgroup" | "global";
}

/** Largest number of predicate constants. */
export const MAX_FUSED_PREDICATES = 8;

const OPS = ["<", "<=", "==", "!=", ">", ">="];

/**
 * A stable cache key of a shape.
 *
 * @param s the shape
 * @returns the key
 */
export function fusedShapeKey(s: FusedShape): string {
  const preds = s.predicates.map((p) => `${p.column}${OPS[p.op]}`).join(",");
  return `fused:${s.columns.join(",")}|v${s.nullable.join(",")}|${preds}|sum${
    s.sum.join("*")
  }|g${s.group}|G${s.groupCapacity}|${s.accumulate}:wg256`;
}

/**
 * The WGSL of a fused shape.
 *
 * @param s the shape
 * @returns the module text
 */
export function fusedWgsl(s: FusedShape): string {
  const cols = s.columns.map((k, i) =>
    `@group(0) @binding(${i + 3}) var<storage, read> c${i}: array<${k === "i64" ? "vec2<u32>" : "i32"}>;`
  ).join("\n");
  const preds = s.predicates.map((p, j) =>
    s.columns[p.column] === "i64"
      ? `(i64_cmp(c${p.column}[row], p.k[${j}].xy) ${OPS[p.op]} 0)`
      : `(c${p.column}[row] ${OPS[p.op]} bitcast<i32>(p.k[${j}].x))`
  );
  const conds = [...s.nullable.map((v) => `valid(${v}u, row)`), ...preds];
  const keep = conds.length === 0 ? "true" : conds.join(" && ");
  const vmask = s.nullable.length === 0
    ? ""
    : `@group(0) @binding(${s.columns.length + 3}) var<storage, read> vmask: array<u32>;
fn valid(slot: u32, row: u32) -> bool {
  let words = (p.n + 31u) / 32u;
  return ((vmask[slot * words + (row >> 5u)] >> (row & 31u)) & 1u) == 1u;
}`;
  const value = s.sum.length === 0
    ? "vec3<u32>(0u, 0u, 0u)"
    : s.sum.length === 1
    ? `vec3<u32>(c${s.sum[0]}[row], 0u)`
    : `i64_mul_checked(c${s.sum[0]}[row], c${s.sum[1]}[row])`;
  const group = s.group < 0 ? "0u" : `u32(c${s.group}[row])`;
  const G = s.groupCapacity;
  const global = s.accumulate === "global";
  // Without GROUP BY each invocation sums its rows in registers (an i128) and adds it once, as eight 16-bit
  // limbs; with groups every kept row adds its i64 as four 16-bit limbs. A partial is {count, limbs...}.
  const single = s.group < 0;
  const LIMBS = single ? 8 : 4;
  const W = LIMBS + 1;
  const add = (slot: string, v: string) =>
    global ? `atomicAdd(&partials[base + k * ${W}u + ${slot}], ${v});` : `atomicAdd(&acc[k * ${W}u + ${slot}], ${v});`;
  const rowCode = single
    ? `tcnt += 1u;
    ${s.sum.length === 0 ? "" : "tsum = i128_add(tsum, i64_to_i128(v.xy));"}`
    : `let k = group_of(row);
    ${add("0u", "1u")}
    ${
      s.sum.length === 0 ? "" : `if (v.x != 0u || v.y != 0u) {
      ${add("1u", "v.x & 0xffffu")}
      ${add("2u", "v.x >> 16u")}
      ${add("3u", "v.y & 0xffffu")}
      ${add("4u", "bitcast<u32>(bitcast<i32>(v.y) >> 16u)")}
    }`
    }`;
  const threadEnd = single
    ? `let k = 0u;
  if (tcnt != 0u) {
    ${add("0u", "tcnt")}
    for (var j = 0u; j < 7u; j++) {
      let l = (tsum[j / 2u] >> (16u * (j % 2u))) & 0xffffu;
      if (l != 0u) { ${add("1u + j", "l")} }
    }
    ${add("8u", "bitcast<u32>(bitcast<i32>(tsum.w) >> 16u)")}
  }`
    : "";
  return I64_WGSL + /* wgsl */ `
struct Params { n: u32, rows_per_wg: u32, groups: u32, num_wg: u32, k: array<vec4<u32>, ${MAX_FUSED_PREDICATES}> }
struct Result { ovf: atomic<u32>, pad0: u32, pad1: u32, pad2: u32, data: array<u32> }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> partials: array<${global ? "atomic<u32>" : "u32"}>;
@group(0) @binding(2) var<storage, read_write> result: Result;
${cols}
${vmask}
${global ? "" : `var<workgroup> acc: array<atomic<u32>, ${G * W}>;`}

fn keep(row: u32) -> bool { return ${keep}; }
fn value(row: u32) -> vec3<u32> { return ${value}; }
fn group_of(row: u32) -> u32 { return ${group}; }
fn part(i: u32) -> u32 { return ${global ? "atomicLoad(&partials[i])" : "partials[i]"}; }

// Limb j (16 bits at bit 16j) of a partial as an i128; the top limb is a signed sum.
fn limb128(l: u32, j: u32, top: bool) -> vec4<u32> {
  var r = vec4<u32>(0u, 0u, 0u, 0u);
  let wi = j / 2u;
  let sign = select(0u, 0xffffffffu, top && bitcast<i32>(l) < 0);
  if (j % 2u == 0u) {
    r[wi] = l;
    for (var q = wi + 1u; q < 4u; q++) { r[q] = sign; }
  } else {
    r[wi] = l << 16u;
    if (wi + 1u < 4u) { r[wi + 1u] = select(l >> 16u, bitcast<u32>(bitcast<i32>(l) >> 16u), top); }
    for (var q = wi + 2u; q < 4u; q++) { r[q] = sign; }
  }
  return r;
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let g = wid.x + wid.y * nw.x;
  let start = g * p.rows_per_wg;
  let end = min(start + p.rows_per_wg, p.n);
  let base = g * p.groups * ${W}u;
  var tsum = vec4<u32>(0u, 0u, 0u, 0u);
  var tcnt = 0u;
  for (var row = start + lid.x; row < end; row += 256u) {
    if (!keep(row)) { continue; }
    let v = value(row);
    if (v.z == 1u) {
      atomicMin(&result.ovf, row);
      continue;
    }
    ${rowCode}
  }
  ${threadEnd}
  ${
    global ? "" : `workgroupBarrier();
  for (var k = lid.x; k < p.groups; k += 256u) {
    for (var j = 0u; j < ${W}u; j++) { partials[base + k * ${W}u + j] = atomicLoad(&acc[k * ${W}u + j]); }
  }`
  }
}

@compute @workgroup_size(64)
fn finish(@builtin(global_invocation_id) gid: vec3<u32>) {
  let k = gid.x;
  if (k >= p.groups) { return; }
  var sum = vec4<u32>(0u, 0u, 0u, 0u);
  var cnt = 0u;
  for (var w = 0u; w < p.num_wg; w++) {
    let o = (w * p.groups + k) * ${W}u;
    cnt += part(o);
    for (var j = 0u; j < ${LIMBS}u; j++) {
      sum = i128_add(sum, limb128(part(o + 1u + j), j, j == ${LIMBS - 1}u));
    }
  }
  let r = k * 5u;
  result.data[r] = sum.x; result.data[r + 1u] = sum.y; result.data[r + 2u] = sum.z; result.data[r + 3u] = sum.w;
  result.data[r + 4u] = cnt;
}
`;
}
