/**
 * The page-load model's commands, each `<model id>.<verb>` (listed in the model, validated with
 * every command).
 */
import * as v from 'valibot';

export const PAGELOAD_COMMANDS = [
  /** loads the configured page load `load` again, now (the browser's cache as configured) */
  v.object({ type: v.literal('pageload.start'), load: v.pipe(v.string(), v.minLength(1)) }),
] as const;

export type PageLoadCommand = v.InferOutput<(typeof PAGELOAD_COMMANDS)[number]>;
