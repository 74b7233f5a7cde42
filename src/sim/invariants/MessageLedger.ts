/**
 * The network's books, kept only with assertions on: every message sent (or taken over from
 * another shard) is live until it is delivered, dropped or handed to another shard, exactly
 * once, and never delivered before it was sent plus its path's propagation time. The live count
 * is what makes `sent = delivered + dropped + in flight` checkable from a report.
 */
import { fail } from '../util/assert';
import type { Message } from '../net/Message';

export class MessageLedger {
  private readonly live = new Set<number>();
  /** messages passed to another shard, and taken over from one */
  handedOff = 0;
  takenOver = 0;

  get inFlight(): number {
    return this.live.size;
  }

  sent(msg: Message): void {
    this.open(msg, 'sent');
  }

  takeOver(msg: Message): void {
    this.takenOver++;
    this.open(msg, 'taken over');
  }

  handOff(msg: Message): void {
    this.close(msg, 'handed off');
    this.handedOff++;
  }

  dropped(msg: Message): void {
    this.close(msg, 'dropped');
  }

  delivered(msg: Message, nowNs: number): void {
    if (nowNs < msg.sentAt + msg.propagationNs)
      fail(
        `${describe(msg)} delivered at ${nowNs} ns, before it was sent (${msg.sentAt} ns) ` +
          `plus its propagation (${msg.propagationNs} ns)`,
      );
    this.close(msg, 'delivered');
  }

  private open(msg: Message, how: string): void {
    const key = keyOf(msg);
    if (this.live.has(key)) fail(`${describe(msg)} ${how} while already on its way`);
    this.live.add(key);
  }

  private close(msg: Message, how: string): void {
    if (!this.live.delete(keyOf(msg)))
      fail(`${describe(msg)} ${how}, but it was not on its way (finished twice, or never sent)`);
  }
}

/** (sender, sequence number) as one number, as the network's in-flight table keys it. */
function keyOf(msg: Message): number {
  return msg.from * 4294967296 + msg.seq;
}

function describe(msg: Message): string {
  return `message ${msg.type} ${msg.from}→${msg.to} #${msg.seq}`;
}
