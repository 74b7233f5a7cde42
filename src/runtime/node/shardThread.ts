/** A shard in a Node worker thread (headless runner and tests). */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createShardApi } from '../shardApi';

if (!parentPort) throw new Error('shardThread must run in a worker thread');
Comlink.expose(
  createShardApi(() => process.exit(1)),
  nodeEndpoint(parentPort),
);
