// Comlink ships this module's types beside it but without an `exports` map that points at them.
// Its parameter is a worker_threads Worker or MessagePort.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  import type { MessagePort, Worker } from 'node:worker_threads';
  export default function nodeEndpoint(nep: Worker | MessagePort): Endpoint;
}
