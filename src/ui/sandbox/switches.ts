/**
 * The sandbox's switches by id: the one list the link, the page and the models read, so that a
 * new switch is a line here, its words and defaults in sandboxModel.ts, and its models there.
 * Apart from sandboxModel.ts so that the router can read the ids without the simulation.
 */
export const SWITCH_IDS = ['dns', 'parents', 'bgp', 'overlay'] as const;

export type SwitchId = (typeof SWITCH_IDS)[number];

/** The sandbox's switches: each changes which models the world runs, so the run restarts. */
export type SandboxSwitches = Record<SwitchId, boolean>;

/** The names a link's problems give the switches (`…=maybe` is not on or off). */
export const SWITCH_LINK_NAMES: Record<SwitchId, string> = {
  dns: 'DNS',
  parents: 'Parent caches',
  bgp: 'BGP routing',
  overlay: 'The overlay',
};
