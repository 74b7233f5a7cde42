/** The delivery model's commands, each `<model id>.<verb>` (listed in the model, validated with every command). */
import * as v from 'valibot';

const objectId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000));

export const DELIVERY_COMMANDS = [
  /** the crowd: every client group's request rate times this factor */
  v.object({
    type: v.literal('delivery.setLoad'),
    loadFactor: v.pipe(v.number(), v.minValue(0), v.maxValue(1000)),
  }),
  /** the content provider removes one object (or, without `object`, everything) from every edge cache */
  v.object({ type: v.literal('delivery.purge'), object: v.optional(objectId) }),
  /** the content provider publishes a new version of an object at its origin */
  v.object({ type: v.literal('delivery.publish'), object: objectId }),
] as const;

export type DeliveryCommand = v.InferOutput<(typeof DELIVERY_COMMANDS)[number]>;
