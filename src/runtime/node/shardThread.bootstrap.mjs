// Worker threads do not inherit the parent's TypeScript loader: register tsx here, then load
// the shard. Used by the headless runner and tests only (the browser build never sees it).
import { register } from 'tsx/esm/api';

register();
await import('./shardThread.ts');
