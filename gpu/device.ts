/**
 * The WebGPU device context: probing, opening a device with the limits kernels need, and the environment
 * switch `SLUICE_GPU` (off | auto | force).
 *
 * @module
 */

import { BufferPool } from "./buffer_pool.ts";

/** How the dispatcher may use the GPU. */
export const GpuModes = {
  /** Never use the GPU. */
  off: "off",
  /** Use a hardware GPU above the break-even size. */
  auto: "auto",
  /** Use any adapter, software ones included, at any size (tests on llvmpipe). */
  force: "force",
} as const;
/** A GPU mode. */
export type GpuMode = keyof typeof GpuModes;

/**
 * The mode named by the `SLUICE_GPU` environment variable (default "auto"; unreadable env counts as unset).
 *
 * @returns the mode
 * @throws {RangeError} for a value other than off, auto or force
 * @example
 * ```ts
 * import { gpuModeFromEnv } from "./device.ts";
 * if (!["off", "auto", "force"].includes(gpuModeFromEnv())) throw new Error();
 * ```
 */
export function gpuModeFromEnv(): GpuMode {
  let v: string | undefined;
  try {
    v = Deno.env.get("SLUICE_GPU");
  } catch {
    v = undefined;
  }
  if (v === undefined || v === "") return "auto";
  if (v === "off" || v === "auto" || v === "force") return v;
  throw new RangeError(`SLUICE_GPU must be off, auto or force, got "${v}"`);
}

/** What a probe found. */
export interface GpuProbe {
  /** Whether an adapter was returned. */
  readonly available: boolean;
  /** Whether it is a software (fallback) adapter such as llvmpipe. */
  readonly fallback: boolean;
  /** Adapter description, or why there is none. */
  readonly description: string;
}

/**
 * Asks for an adapter without opening a device.
 *
 * @returns what was found
 * @example
 * ```ts ignore
 * import { probeGpu } from "./device.ts";
 * const p = await probeGpu();
 * if (typeof p.available !== "boolean") throw new Error();
 * ```
 */
export async function probeGpu(): Promise<GpuProbe> {
  if (typeof navigator === "undefined" || !("gpu" in navigator) || navigator.gpu === undefined) {
    return { available: false, fallback: false, description: "navigator.gpu is missing (WebGPU not exposed)" };
  }
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: "high-performance" });
  if (adapter === null) return { available: false, fallback: false, description: "navigator.gpu gave no adapter" };
  const info = adapter.info;
  return {
    available: true,
    fallback: info.isFallbackAdapter,
    description: info.description || `${info.vendor} ${info.architecture} ${info.device}`.trim(),
  };
}

/** An open device with its adapter facts and buffer pool. */
export class GpuContext {
  /** The adapter. */
  readonly adapter: GPUAdapter;
  /** The device. */
  readonly device: GPUDevice;
  /** Whether the adapter is a software fallback. */
  readonly fallback: boolean;
  /** Adapter description. */
  readonly description: string;
  /** Whether timestamp queries are enabled. */
  readonly timestamps: boolean;
  /** Pooled buffers of this device. */
  readonly pool: BufferPool;
  #lost = false;
  #lostReason = "";

  /**
   * Creates a GpuContext.
   *
   * @param adapter the adapter
   * @param device a device of it
   */
  constructor(adapter: GPUAdapter, device: GPUDevice) {
    this.adapter = adapter;
    this.device = device;
    this.fallback = adapter.info.isFallbackAdapter;
    this.description = adapter.info.description || adapter.info.vendor;
    this.timestamps = device.features.has("timestamp-query");
    this.pool = new BufferPool(device);
    device.lost.then((info) => {
      this.#lost = true;
      this.#lostReason = info.message || info.reason || "device lost";
    });
  }

  /** Whether the device was lost (destroyed or failed). */
  get lost(): boolean {
    return this.#lost;
  }

  /** Why the device was lost ("" while it is alive). */
  get lostReason(): string {
    return this.#lostReason;
  }

  /** Largest workgroup storage in bytes. */
  get workgroupStorage(): number {
    return this.device.limits.maxComputeWorkgroupStorageSize;
  }

  /** Frees pooled buffers and destroys the device. */
  destroy(): void {
    this.pool.clear();
    this.device.destroy();
    this.#lost = true;
    if (this.#lostReason === "") this.#lostReason = "destroyed";
  }
}

/** Options of openGpu. */
export interface OpenGpuOptions {
  /** Open a software (fallback) adapter too (default: only when SLUICE_GPU=force). */
  allowFallback?: boolean;
  /** Device label (default "sluice"). */
  label?: string;
}

/**
 * Opens a device with the limits the kernels use (the adapter's largest storage buffers and workgroup storage)
 * and timestamp queries where offered.
 *
 * @param options fallback policy and label
 * @returns the context, or null when there is no adapter, the adapter is software and not allowed, or the mode
 *   is "off"
 * @example
 * ```ts ignore
 * import { openGpu } from "./device.ts";
 * const ctx = await openGpu({ allowFallback: false });
 * ctx?.destroy();
 * ```
 */
export async function openGpu(options: OpenGpuOptions = {}): Promise<GpuContext | null> {
  const mode = gpuModeFromEnv();
  if (mode === "off") return null;
  if (typeof navigator === "undefined" || navigator.gpu === undefined) return null;
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: "high-performance" });
  if (adapter === null) return null;
  const allowFallback = options.allowFallback ?? mode === "force";
  if (adapter.info.isFallbackAdapter && !allowFallback) return null;
  const l = adapter.limits;
  const features: GPUFeatureName[] = adapter.features.has("timestamp-query") ? ["timestamp-query"] : [];
  const device = await adapter.requestDevice({
    label: options.label ?? "sluice",
    requiredFeatures: features,
    requiredLimits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: Math.min(l.maxStorageBuffersPerShaderStage, 10),
    },
  });
  return new GpuContext(adapter, device);
}
