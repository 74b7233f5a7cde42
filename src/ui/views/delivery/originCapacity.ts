/**
 * The origin's capacity, for the reference line of the flash-crowd charts: its workers divided
 * by their mean service time (c·μ, requests/s), read from the delivery model's configuration with
 * the model's own defaults. Null if the configuration cannot be read.
 */
import { parseSandboxConfig } from '@sim/models/delivery/sandboxConfig';

export function originCapacityRps(modelConfig: unknown): number | null {
  try {
    const c = parseSandboxConfig(modelConfig ?? {});
    return c.originServiceMeanMs > 0 ? (c.originWorkers * 1000) / c.originServiceMeanMs : null;
  } catch {
    return null;
  }
}
