/**
 * One request and its response on a connection, with the times a waterfall shows. The client's
 * side listens (progress, done); the server's side answers through a ResponseWriter.
 */
export interface Exchange {
  id: number;
  /** what is fetched: the object's name */
  label: string;
  requestBytes: number;
  /** status line, headers and body (headers only for a 304) */
  responseBytes: number;
  /** a conditional request the server answers 304 */
  conditional: boolean;
  /** the HTML names objects at these offsets (an edge that prefetches reads them as they pass) */
  isHtml: boolean;
  times: ExchangeTimes;
  /** in-order response bytes the client holds so far */
  onProgress?: (bytes: number) => void;
  onDone?: () => void;
}

/** Simulated times (ns, −1: did not happen) of one exchange. */
export interface ExchangeTimes {
  queuedNs: number;
  /** given to a connection */
  startNs: number;
  /** the TCP and TLS handshakes this exchange waited for ended (its connection's, if it opened one) */
  connectNs: number;
  tlsNs: number;
  sentNs: number;
  firstByteNs: number;
  lastByteNs: number;
  /** the connection that carried it */
  conn: string;
  /** the exchange opened that connection */
  opened: boolean;
}

export function newTimes(queuedNs: number): ExchangeTimes {
  return {
    queuedNs,
    startNs: -1,
    connectNs: -1,
    tlsNs: -1,
    sentNs: -1,
    firstByteNs: -1,
    lastByteNs: -1,
    conn: '',
    opened: false,
  };
}

/** The server's end of one exchange: it hands the response over as it has it. */
export interface ResponseWriter {
  /** `bytes` more of the response are ready to send */
  write(bytes: number): void;
}

/** A server: answers a request that has arrived. */
export interface HttpServer {
  serve(ex: Exchange, out: ResponseWriter): void;
}
