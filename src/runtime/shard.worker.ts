/// <reference lib="webworker" />
/** A shard in a Web Worker. */
import * as Comlink from 'comlink';
import { createShardApi } from './shardApi';

Comlink.expose(createShardApi(() => self.close()));
