/**
 * The network the DNS lab runs on: the classroom topology (a root and a .net server, each
 * anycast from five cities, two CDN top-level name servers, a low-level name server in each of
 * five data centres, nine client groups with their resolvers, a public resolver in Washington),
 * one worker so that single messages can be stepped. Beside the DNS model runs the delivery
 * model, idle: its edge servers are the ones the lab's client connects to after each lookup,
 * the same servers the flash crowd loads in its own lab.
 */
import { IDLE_DELIVERY } from '@sim/models/wholeCdn';

export const SEED = 1;

/** The DNS model's configuration in this lab. */
export const DNS_CONFIG = {
  // Enough observation records for an hour of background lookups between two frames.
  maxObservations: 20_000,
  connect: true,
};

/** A LabScenario (typed where the lab is assembled, in index.ts: this file stays pure). */
export const simulation = {
  scenario: { scale: 'classroom' as const, seed: SEED },
  // DNS after delivery: the map's edge load is the DNS model's table (dns.setEdgeLoad), which
  // the lab's mapping decides from; each model writes the load it knows, the later one last.
  model: [
    { id: 'delivery' as const, config: IDLE_DELIVERY },
    { id: 'dns' as const, config: DNS_CONFIG },
  ],
  workers: 1,
};
