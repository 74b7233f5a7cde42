/**
 * The settings of one page load: the protocol, the path and the optimisations switched on, with
 * the defaults the lab states. Times in ms here; the model works in ns.
 */
export const HTTP_MODES = ['1.0', '1.1', 'pipelined', 'multiplexed'] as const;
/**
 * 1.0: a connection per object, N at a time; 1.1: N persistent connections, one request at a
 * time each; pipelined: requests back to back, responses in request order; multiplexed: many
 * streams on one connection, their segments interleaved (HTTP/2's framing).
 */
export type HttpMode = (typeof HTTP_MODES)[number];

export const TLS_VERSIONS = ['none', '1.2', '1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export interface PageLoadConfig {
  http: HttpMode;
  /** connections the browser may open to the server at once */
  connections: number;
  /** round trip between client and origin, ms */
  rttMs: number;
  /** chance that a packet is lost between client and origin (on the middle mile with an edge) */
  loss: number;
  /** the access leg's rate, Mbit/s (shared by all the browser's connections) */
  bandwidthMbps: number;
  /** the middle mile's rate, Mbit/s */
  middleMbps: number;
  tls: TlsVersion;
  /** round trip to the DNS resolver, ms; 0: the name is cached */
  dnsRttMs: number;
  /** the client's connections end at an edge server, which fetches from the origin */
  edge: boolean;
  /** round trip between client and edge, ms (the middle mile is the rest of rttMs) */
  edgeRttMs: number;
  /** chance that a packet is lost between client and edge */
  edgeLoss: number;
  /** the edge's connections to the origin are open before the load, their window grown */
  warm: boolean;
  /** a warm connection's congestion window, segments */
  warmWindowSegments: number;
  /** how the edge talks to the origin (a CDN's own choice, whatever the browser speaks) */
  originHttp: HttpMode;
  /** connections the edge keeps to the origin at most */
  originConnections: number;
  /** the initial congestion window of every sender, segments (RFC 6928: 10; 2009-era: 3 or 4) */
  iw: number;
  /** the edge fetches the objects the HTML names while relaying the HTML */
  prefetch: boolean;
  /** ESI: the edge assembles the HTML from fragments it keeps for their lifetimes (needs edge and a page with fragments) */
  esi: boolean;
  /** the HTML travels gzip'd, its size measured on the page's text (htmlEncoding.ts) */
  compress: boolean;
  /** the browser holds the previous version of the HTML and receives the delta to the current one */
  delta: boolean;
  /** edge computing: the edge produces the HTML itself (the application runs there), the origin is not asked */
  edgeCompute: boolean;
  /** browser cache: 'cold' keeps each object's state from the page; 'warm' makes every object stale (304s) */
  browserCache: 'page' | 'warm';
  mssBytes: number;
  delayedAck: boolean;
  /** retransmission timeout before any RTT sample (RFC 6298: 1 s; RFC 1122, the 1990s: 3 s) */
  initialRtoMs: number;
  /** lower bound of the retransmission timeout (Linux: 200 ms; 1990s BSD stacks: about 1 s) */
  minRtoMs: number;
  /** one GET's bytes (request line and headers) */
  requestBytes: number;
  /** a response's status line and headers */
  responseHeaderBytes: number;
  /** the server's TLS flight (certificate chain and handshake messages) */
  tlsServerFlightBytes: number;
}

export const DEFAULT_PAGELOAD: Readonly<PageLoadConfig> = Object.freeze({
  http: '1.1',
  connections: 4,
  rttMs: 100,
  loss: 0,
  bandwidthMbps: 10,
  middleMbps: 1000,
  tls: 'none',
  dnsRttMs: 0,
  edge: false,
  edgeRttMs: 10,
  edgeLoss: 0,
  warm: false,
  warmWindowSegments: 64,
  originHttp: 'multiplexed',
  originConnections: 6,
  iw: 10,
  prefetch: false,
  esi: false,
  compress: false,
  delta: false,
  edgeCompute: false,
  browserCache: 'page',
  mssBytes: 1460,
  delayedAck: true,
  initialRtoMs: 1000,
  minRtoMs: 200,
  // Nielsen et al. 1997 saw requests of about 200–300 bytes; modern ones are larger with cookies.
  requestBytes: 300,
  responseHeaderBytes: 250,
  // A two-certificate chain with its handshake messages: 3–5 KB is common.
  tlsServerFlightBytes: 4000,
});

/** Connections per mode when not given: four for the 1990s' modes, one for the others. */
export function defaultConnections(http: HttpMode): number {
  return http === '1.0' || http === '1.1' ? 4 : 1;
}
