/**
 * Shared GPU test helpers: one probe decides `ignore` (with a visible reason), and `withDevice` opens a forced
 * device, pushes a validation error scope, fails on any error, and destroys the device.
 */

import { GpuContext, probeGpu } from "../../gpu/device.ts";

const probe = await probeGpu();

/** True when there is no adapter: GPU tests are ignored. */
export const NO_GPU: boolean = !probe.available;

if (NO_GPU) console.warn(`GPU tests skipped: ${probe.description}`);
else if (probe.fallback) console.warn(`GPU tests run on a software adapter (${probe.description}), forced`);

/** Opens a device on any adapter (software included), runs fn inside a validation scope, destroys it. */
export async function withDevice(fn: (ctx: GpuContext) => Promise<void>): Promise<void> {
  const adapter = await navigator.gpu.requestAdapter();
  if (adapter === null) throw new Error("adapter vanished");
  const l = adapter.limits;
  const device = await adapter.requestDevice({
    label: "sluice test",
    requiredLimits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: Math.min(l.maxStorageBuffersPerShaderStage, 10),
    },
  });
  const ctx = new GpuContext(adapter, device);
  device.pushErrorScope("validation");
  let failure: unknown = null;
  try {
    await fn(ctx);
  } catch (e) {
    failure = e;
  }
  const err = await device.popErrorScope();
  ctx.destroy();
  if (failure !== null) throw failure;
  if (err !== null) throw new Error(`GPU validation error: ${err.message}`);
}
