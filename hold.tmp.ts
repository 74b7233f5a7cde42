import { Engine } from './src/sim/engine/Engine';
import { RandomStream } from './src/sim/random/RandomStream';
function hold(queue: 'heap'|'calendar', P: number, N: number) {
  const e = new Engine({queue, initialCapacity: P + 16});
  const rng = new RandomStream(1, 'hold');
  let kind = 0;
  kind = e.registerKind('hold', (target) => { e.schedule(rng.int(1, 2_000_000), target, target, kind); });
  for (let i = 0; i < P; i++) e.schedule(rng.int(1, 2_000_000), i % 64, i % 64, kind);
  e.run(200000);
  const t0 = performance.now();
  e.run(N);
  const dt = performance.now() - t0;
  return N / dt * 1000;
}
for (const q of ['calendar','heap'] as const) for (const P of [1000, 10000, 100000]) {
  const r = [];
  for (let i = 0; i < 5; i++) r.push(hold(q, P, 2_000_000));
  r.sort((a,b)=>a-b);
  console.log(q, P, (r[2]/1e6).toFixed(2), 'M ev/s', r.map(x=>(x/1e6).toFixed(2)).join(' '));
}
