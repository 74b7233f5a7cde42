/**
 * The home page's first load (its entry script and the chunks that script imports statically)
 * carries neither XState nor Valibot: a lab's machine and the scenario checks come with the lab
 * page's chunks, so a slow phone's first paint of the home page does not wait for them. Reads
 * the built site (`dist/`, or EDGE_LAB_DIST), as `npm run build` leaves it; opens no browser.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = process.env.EDGE_LAB_DIST ?? 'dist';

/** Text that each library's minified code keeps (an event type, its Standard Schema vendor). */
const MARKERS = { xstate: '`xstate.init`', valibot: 'vendor:`valibot`' };

/** The entry script's file and every chunk it imports statically, transitively (assets/…). */
function firstLoad(): string[] {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`${DIST}/index.html is missing: run \`npm run build\` first`);
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error(`${DIST}/index.html names no module script`);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(DIST, file), 'utf8');
    // Minified static imports: import{…}from"./x.js" and import"./x.js"; import("./x.js") is not.
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(`assets/${m[1]}`);
  };
  visit(entry);
  return [...seen];
}

describe('the home page’s first load', () => {
  it('has no XState or Valibot in it, while the lab chunks do', () => {
    const files = firstLoad();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = readFileSync(join(DIST, file), 'utf8');
      for (const [library, marker] of Object.entries(MARKERS))
        expect(code.includes(marker), `${file} carries ${library}`).toBe(false);
    }
    // The markers still find the libraries somewhere in the build (else this test proves nothing).
    const all = readdirSync(join(DIST, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(DIST, 'assets', f), 'utf8'));
    for (const marker of Object.values(MARKERS))
      expect(all.some((code) => code.includes(marker))).toBe(true);
  });
});
