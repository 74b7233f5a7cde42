/**
 * What the sequence diagram keeps from the frames: the DNS lookups or the TCP packets of the run
 * (dnsSequence.ts, tcpSequence.ts), and the diagram they make for what it follows (a client
 * group's lookups, a connection). A rune class: `sequence` and `nowNs` are replaced when a frame
 * or what is followed changes them, so what reads them follows.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { DnsSequence } from './dnsSequence';
import { TcpSequence } from './tcpSequence';
import type { Sequence } from './sequence';

export interface SequenceFollow {
  /** DNS: this client group's lookups (null: the latest lookup of any) */
  client: number | null;
  /** TCP: this connection (null: the first one traced) */
  connection: string | null;
  /** a node's place ("London"); without it, read from the node's name */
  placeOf?: (node: number) => string;
}

export class SequenceHistory {
  /** the diagram, null before anything to draw */
  sequence = $state.raw<Sequence | null>(null);
  /** the simulated time the diagram was last drawn at, ns (messages on their way grow with it) */
  nowNs = $state(0);
  readonly #dns = new DnsSequence();
  readonly #tcp = new TcpSequence();
  #follow: SequenceFollow = { client: null, connection: null };

  constructor(readonly kind: 'dns' | 'tcp') {}

  /** Takes a frame; the diagram is drawn again if it changed anything. */
  add(frame: RuntimeFrame): void {
    const changed = this.kind === 'dns' ? this.#dns.add(frame) : this.#tcp.add(frame);
    if (!changed) return;
    this.nowNs = frame.timeNs;
    this.#draw();
  }

  /** Follows another client group or connection (or names places another way). */
  follow(follow: SequenceFollow): void {
    this.#follow = follow;
    this.#draw();
  }

  #draw(): void {
    const { client, connection, placeOf } = this.#follow;
    this.sequence =
      this.kind === 'dns' ? this.#dns.view(client, placeOf) : this.#tcp.view(connection, placeOf);
  }
}
