/**
 * The overlay model's observations (plain data, each with `timeNs`), for the middle-mile lab and
 * its views. A path is named by its relay: −1 direct, else the relay's node id.
 */

/** One request of a flow, sent both directly and over the overlay at `timeNs`. */
export interface FlowRequestSeen {
  type: 'overlay.flowRequest';
  timeNs: number;
  flow: string;
  from: number;
  to: number;
  /** completion time of the direct request (with its handshake), ms; null: failed */
  directMs: number | null;
  /** completion time over the overlay's choice, ms; null: failed */
  overlayMs: number | null;
  /** the path the overlay request took */
  via: number;
}

/** A member's chosen path to another changed (probes saw a link go down, or a better path). */
export interface ChoiceChangedSeen {
  type: 'overlay.choiceChanged';
  timeNs: number;
  from: number;
  to: number;
  /** the new path; null: no path works */
  via: number | null;
  /** the path before; null: none worked, or none had been chosen */
  was: number | null;
  /** the new path's smoothed round-trip time, ms (null with no path) */
  rttMs: number | null;
  loss: number | null;
}

/** A SureRoute race finished: the winner carries the pair's requests until the next race. */
export interface RaceSeen {
  type: 'overlay.race';
  timeNs: number;
  from: number;
  to: number;
  candidates: number[];
  /** null: no candidate answered in time */
  winner: number | null;
}

/**
 * A member's measured row, every `summarySeconds` (the matrix a view draws, one row per member):
 * per member in `members` order, the smoothed round trip in ms (null: unknown or deemed down)
 * and the loss rate.
 */
export interface RowSeen {
  type: 'overlay.row';
  timeNs: number;
  member: number;
  members: readonly number[];
  rttMs: (number | null)[];
  loss: number[];
}

export type OverlayObservation = FlowRequestSeen | ChoiceChangedSeen | RaceSeen | RowSeen;
