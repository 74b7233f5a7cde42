/**
 * The overlay model's commands, each `<model id>.<verb>` (listed in the model, validated with
 * every command).
 */
import * as v from 'valibot';

export const OVERLAY_COMMANDS = [
  /** every member ranks paths by this metric from now on (its current choices stay until beaten) */
  v.object({ type: v.literal('overlay.setMetric'), metric: v.picklist(['latency', 'loss']) }),
] as const;

export type OverlayCommand = v.InferOutput<(typeof OVERLAY_COMMANDS)[number]>;
