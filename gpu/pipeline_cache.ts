/**
 * One compute-pipeline cache per device: `WeakMap<GPUDevice, Map<key, Promise<GPUComputePipeline>>>`. The key
 * names everything that changes the shader (kernel, operator, types, workgroup size, shape).
 *
 * @module
 */

/** How a binding is used by a kernel. */
export type BindingKind = "read" | "rw" | "uniform";

/** What a pipeline is built from. */
export interface PipelineSpec {
  /** Cache key: everything that changes the shader or its constants. */
  readonly key: string;
  /** WGSL source. */
  readonly code: string;
  /** Entry point. */
  readonly entryPoint: string;
  /** Binding kinds of group 0, in binding order (an explicit layout shared by a module's entry points). */
  readonly bindings: readonly BindingKind[];
  /** Pipeline-overridable constants. */
  readonly constants?: Readonly<Record<string, number>>;
}

const CACHE: WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>> = new WeakMap();

/**
 * The cached pipeline for a spec, built once per device (concurrent callers share the same promise; a failed
 * build is evicted so a later call retries).
 *
 * @param device the device
 * @param spec the pipeline spec
 * @returns the pipeline
 */
export function getPipeline(device: GPUDevice, spec: PipelineSpec): Promise<GPUComputePipeline> {
  let map = CACHE.get(device);
  if (map === undefined) {
    map = new Map();
    CACHE.set(device, map);
  }
  const key = `${spec.key}@${spec.entryPoint}`;
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  const module = device.createShaderModule({ label: `sluice ${spec.key}`, code: spec.code });
  const layout = device.createBindGroupLayout({
    label: `sluice ${spec.key} layout`,
    entries: spec.bindings.map((kind, binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: kind === "uniform" ? "uniform" : kind === "read" ? "read-only-storage" : "storage" },
    })),
  });
  const p = device.createComputePipelineAsync({
    label: `sluice ${key}`,
    layout: device.createPipelineLayout({ label: `sluice ${spec.key} pipeline layout`, bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: spec.entryPoint, constants: spec.constants ?? {} },
  });
  map.set(key, p);
  p.catch(() => map.delete(key));
  return p;
}

/**
 * Pipelines cached for a device (for tests and stats).
 *
 * @param device the device
 * @returns the number of cached keys
 */
export function cachedPipelineCount(device: GPUDevice): number {
  return CACHE.get(device)?.size ?? 0;
}
