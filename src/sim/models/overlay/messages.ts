/** The overlay's network message types (the model lists them; probing.ts and requests.ts send them). */
export const PROBE_TYPES = ['overlay.probe', 'overlay.probeReply'] as const;
export const REQUEST_TYPES = ['overlay.request', 'overlay.response'] as const;
