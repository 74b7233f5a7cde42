/**
 * RON's probing over the world's network (probes are real messages: they follow BGP's routes,
 * are lost on cut links and lossy ones, and queue like traffic). Each member probes each other
 * member at randomized intervals around `probeIntervalSeconds`; an unanswered probe is lost
 * after `probeTimeoutSeconds` and followed at once by another, up to `followUpProbes` of them, so
 * a dead link is deemed down within (1 + followUpProbes) × timeout of the first lost probe.
 * Probes and their answers carry their sender's row, which is how members learn each other's
 * links (RON floods them separately every 14 s; piggybacking keeps them as fresh).
 *
 * Every event runs on the shard owning the member it belongs to, and its random draws come from
 * that member's own stream, so a split run gives the same probes.
 */
import { secondsToNs } from '../../time';
import type { MemberRow } from './OverlayMember';
import { PROBE_BYTES, ROW_BYTES_PER_MEMBER } from './overlayConfig';
import { chooseAgain, count, type OverlayRuntime } from './OverlayRuntime';

import { PROBE_TYPES } from './messages';

interface ProbeBody {
  seq: number;
  sentAt: number;
  row: MemberRow;
}

export function startProbing(rt: OverlayRuntime): void {
  const { engine, network, streams } = rt.world;
  const { config } = rt;
  const intervalNs = secondsToNs(config.probeIntervalSeconds);
  const timeoutNs = secondsToNs(config.probeTimeoutSeconds);
  const downAfter = 1 + config.followUpProbes;
  const bytes = PROBE_BYTES + ROW_BYTES_PER_MEMBER * rt.members.length;
  const rng = (node: number) => streams.get(`overlay:${node}/probe`);

  function send(node: number, peer: number): void {
    const m = rt.owned.get(node)!;
    const seq = ++m.probeSeq;
    m.outstanding.set(peer, seq);
    count(rt, 'overlay.probes');
    const body: ProbeBody = { seq, sentAt: engine.now, row: m.row() };
    network.send(node, peer, bytes, 'overlay.probe', body);
    engine.schedule(timeoutNs, node, node, timeout, peer, seq);
  }

  // A regular probe waits while a follow-up series is under way: its losses are the series'.
  const tick = engine.registerKind('overlay.probeTick', (node, peer) => {
    if (!rt.owned.get(node)!.outstanding.has(peer)) send(node, peer);
    const jitter = rng(node).uniformRange(1 - config.probeJitter, 1 + config.probeJitter);
    engine.schedule(Math.round(intervalNs * jitter), node, node, tick, peer);
  });

  const timeout = engine.registerKind('overlay.probeTimeout', (node, peer, seq) => {
    const m = rt.owned.get(node)!;
    if (m.outstanding.get(peer) !== seq) return;
    m.outstanding.delete(peer);
    const link = m.links.get(peer)!;
    link.lost(downAfter);
    count(rt, 'overlay.probesLost');
    chooseAgain(rt, m);
    if (!link.down) send(node, peer);
  });

  network.onDeliver(
    (msg) => {
      const body = msg.body as ProbeBody;
      const m = rt.owned.get(msg.to)!;
      m.rows.set(msg.from, body.row);
      if (msg.type === 'overlay.probe') {
        const reply: ProbeBody = { seq: body.seq, sentAt: body.sentAt, row: m.row() };
        network.send(msg.to, msg.from, bytes, 'overlay.probeReply', reply);
      } else if (m.outstanding.get(msg.from) === body.seq) {
        m.outstanding.delete(msg.from);
        m.links.get(msg.from)!.answered(engine.now - body.sentAt, config.ewmaAlpha);
        count(rt, 'overlay.probesAnswered');
      }
      chooseAgain(rt, m);
    },
    [...PROBE_TYPES],
  );

  // Each link's first probe at a random moment of the first interval, so probes spread out.
  for (const [node, m] of rt.owned)
    for (const peer of m.links.keys())
      engine.schedule(Math.round(rng(node).uniform() * intervalNs), node, node, tick, peer);
}
