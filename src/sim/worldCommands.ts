/**
 * The world's own commands: nodes, data centres, peering, path inflation, link classes and
 * links, whatever models run. Each model's commands are in its folder (commands.ts); the
 * union of all is in commands.ts.
 */
import * as v from 'valibot';
import { LINK_CLASSES } from './net/linkClasses';

const nodeId = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Commands to the world itself (nodes, data centres, peering, links), whatever models run. */
export const WORLD_COMMANDS = [
  v.object({ type: v.literal('node.setUp'), node: nodeId, up: v.boolean() }),
  v.object({ type: v.literal('dataCentre.setUp'), dataCentre: nodeId, up: v.boolean() }),
  v.object({
    type: v.literal('peering.set'),
    networkA: nodeId,
    networkB: nodeId,
    peered: v.boolean(),
  }),
  v.object({
    type: v.literal('network.setInflation'),
    inflation: v.pipe(v.number(), v.minValue(1), v.maxValue(10)),
  }),
  v.object({
    type: v.literal('linkClass.set'),
    linkClass: v.picklist(LINK_CLASSES),
    lossRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    extraLatencyMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1000))),
  }),
  v.object({
    type: v.literal('link.set'),
    /** a link id: `access:<node name>`, `backbone:net-N`, `peering:net-A/net-B@<region>` */
    link: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    up: v.optional(v.boolean()),
    lossRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    extraLatencyMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1000))),
  }),
] as const;

/** A command to the world itself, as opposed to one of a model's. */
export type WorldCommand = v.InferOutput<(typeof WORLD_COMMANDS)[number]>;
