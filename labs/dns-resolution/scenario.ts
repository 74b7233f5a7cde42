/**
 * The network the DNS lab runs on: the classroom topology (a root and a .net server, each
 * anycast from five cities, two CDN top-level name servers, a low-level name server in each of
 * five data centres, nine client groups with their resolvers, a public resolver in Washington),
 * one worker so that single messages can be stepped.
 */
export const SEED = 1;

/** A LabScenario (typed where the lab is assembled, in index.ts: this file stays pure). */
export const simulation = {
  scenario: { scale: 'classroom' as const, seed: SEED },
  model: {
    id: 'dns' as const,
    // Enough observation records for an hour of background lookups between two frames.
    config: { maxObservations: 20_000 },
  },
  workers: 1,
};
