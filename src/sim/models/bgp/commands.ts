/**
 * The bgp model's commands, each `<model id>.<verb>` (listed in the model, validated with every
 * command). Networks are named by the world's network ids (as `peering.set` names them); the
 * AS of network k is AS k + 1. Whether the networks, the link between them and the prefix exist
 * is checked where the model runs (a command naming one that does not fails with its name).
 */
import * as v from 'valibot';

const network = v.pipe(v.number(), v.integer(), v.minValue(0));
const pair = { networkA: network, networkB: network };
/** `a.b.c.d/len`, checked fully (host bits, ranges) by parsePrefix where the model runs */
const prefix = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'expected a prefix a.b.c.d/len'),
);

export const BGP_COMMANDS = [
  /**
   * the AS-level link between two networks goes down (a cable cut): both ends see it at once,
   * and the world's peering links between them carry nothing until it is restored
   */
  v.object({ type: v.literal('bgp.cutLink'), ...pair }),
  /**
   * the link stops carrying without either end's interface noticing (a fault beyond it): BGP
   * notices when the hold timer expires, or with BFD within a second; what crosses is lost
   */
  v.object({ type: v.literal('bgp.silenceLink'), ...pair }),
  /** the link carries again (after a cut or a silence); a new session opens two round trips later */
  v.object({ type: v.literal('bgp.restoreLink'), ...pair }),
  /** network A closes its session with B by decision (a de-peering) */
  v.object({ type: v.literal('bgp.depeer'), ...pair }),
  /** the network announces a prefix: its own, someone else's (a hijack), or a more specific part */
  v.object({ type: v.literal('bgp.announce'), network, prefix }),
  /** the network stops announcing a prefix */
  v.object({ type: v.literal('bgp.withdraw'), network, prefix }),
] as const;

export type BgpCommand = v.InferOutput<(typeof BGP_COMMANDS)[number]>;
