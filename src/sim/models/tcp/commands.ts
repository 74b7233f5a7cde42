/**
 * The TCP model's commands, each `<model id>.<verb>` (listed in the model, validated with every
 * command).
 */
import * as v from 'valibot';

export const TCP_COMMANDS = [
  /**
   * The data direction's random loss from now on, for the connection named (every connection
   * when left out): a path that turns lossy under a transfer, as a congested peering point or a
   * noisy last mile does. It holds until the next such command (the route's own loss no longer
   * applies to it).
   */
  v.object({
    type: v.literal('tcp.setLoss'),
    connection: v.optional(v.pipe(v.string(), v.minLength(1))),
    lossRate: v.pipe(v.number(), v.minValue(0), v.maxValue(0.5)),
  }),
] as const;

export type TcpCommand = v.InferOutput<(typeof TCP_COMMANDS)[number]>;
