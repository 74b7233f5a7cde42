/**
 * What a lab gives its views besides the frames: the published figures a view compares the
 * simulation with, and which connections form a chart. A view draws only what its lab gave it
 * (a view never guesses from the names a lab makes up). Types only, so that labs can import
 * them (labs import @lab and @sim only); each view's folder in src/ui/views/ reads its own.
 */
import type { Figure2Row } from '@sim/models/tcp/figure2';

/** The tcp model's view ('tcp-charts'). */
export interface TcpViewOptions {
  /**
   * A published table the runs are compared with, row by row: a group of connections whose
   * `group` is a row's `label` is that row simulated. Its table shows the paper's figures beside
   * the simulated ones, and the heat map marks where each row falls.
   */
  paper?: {
    /** where the figures come from, as the table's caption names it: "Leighton 2009, Figure 2" */
    source: string;
    rows: readonly Figure2Row[];
    /** the lab's path model: a row's round trip is its latency × this */
    pathInflation: number;
  };
  /**
   * The connections of an RTT × loss sweep, drawn as a heat map (one cell per connection, at its
   * round-trip time and loss): those whose `group` is this. Without it, no heat map.
   */
  heatmapGroup?: string;
  /**
   * Sweeps of the same RTT × loss cells by several senders, drawn side by side on one colour
   * scale so that they compare honestly: for each, the `group` of its connections and the
   * `label` over its map. With `rowsGroup`, the group of that sender's runs of the paper's rows
   * (each matched to a row by its round trip and loss): a table under the maps gives every
   * sender a column beside the paper's figure. The maps are drawn from the sweeps the run has.
   */
  heatmaps?: readonly { group: string; label: string; rowsGroup?: string }[];
  /** a line over those maps, such as the assumptions they keep from the paper and those they drop */
  heatmapsNote?: string;
}

/** The rollout model's view ('rollout-charts'). */
export interface RolloutViewOptions {
  /** a published record of where releases were aborted, drawn beside the simulated plans */
  paper?: {
    /** its caption: "The paper's record (seven years)" */
    caption: string;
    /** aborted releases by phase, as the paper gives them */
    aborts: readonly { phase: string; count: number }[];
    /** a line under it, such as what the paper leaves out */
    note?: string;
  };
}

/** The bgp model's view ('bgp-routing'). */
export interface BgpViewOptions {
  /**
   * For each watched address (as the bgp model's `watch` gives it), the network whose
   * announcement rightfully covers it: drawn as the rightful origin, any other as a hijacker.
   * Without it, the network whose own /24 covers the address by the model's numbering
   * (network k originates 10.x.y.0/24 with x.y = k + 1), if any.
   */
  rightfulOrigin?: Readonly<Record<string, number>>;
  /** names for some networks, shown beside their ids ("YouTube", "Pakistan Telecom") */
  labels?: Readonly<Record<number, string>>;
}

/** What a lab gives the waterfall view. */
export interface PageloadViewOptions {
  /** each configured load's label ("HTTP/1.0, 4 connections"), by its name in the model's config */
  labels?: Readonly<Record<string, string>>;
}

/** Each lab view's options (a view without any takes none). */
export interface LabViewOptions {
  'dns-messages': Record<string, never>;
  'crowd-charts': Record<string, never>;
  'tcp-charts': TcpViewOptions;
  'rollout-charts': RolloutViewOptions;
  'bgp-routing': BgpViewOptions;
  'overlay-paths': Record<string, never>;
  'pageload-waterfall': PageloadViewOptions;
}
