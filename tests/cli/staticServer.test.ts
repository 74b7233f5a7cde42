import { mkdtempSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../src/cli/staticServer';

const site = mkdtempSync(join(tmpdir(), 'edge-lab-static-'));
const SCRIPT = 'export const x = 1;\n'.repeat(50);
writeFileSync(join(site, 'app.js'), SCRIPT);
writeFileSync(join(site, 'picture.png'), 'not really a png');

const servers: { close: () => Promise<void> }[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

/** The raw response (Node's fetch would undo the gzip). */
async function get(gzip: boolean, file: string, acceptEncoding = 'gzip, deflate') {
  const server = await serveStatic(site, '/sub/', { gzip });
  servers.push(server);
  return new Promise<{ encoding: string | null; body: Buffer }>((resolve, reject) => {
    httpGet(`${server.url}${file}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          encoding: res.headers['content-encoding'] ?? null,
          body: Buffer.concat(chunks),
        }),
      );
    }).on('error', reject);
  });
}

describe('serveStatic', () => {
  it('sends files as they are unless asked to gzip', async () => {
    const { encoding, body } = await get(false, 'app.js');
    expect(encoding).toBeNull();
    expect(body.toString()).toBe(SCRIPT);
  });

  it('gzips text for a client that accepts it, as a static host does', async () => {
    const { encoding, body } = await get(true, 'app.js');
    expect(encoding).toBe('gzip');
    expect(body.length).toBeLessThan(SCRIPT.length / 4);
    expect(gunzipSync(body).toString()).toBe(SCRIPT);
  });

  it('leaves images and clients without gzip alone', async () => {
    expect((await get(true, 'picture.png')).encoding).toBeNull();
    expect((await get(true, 'app.js', 'identity')).encoding).toBeNull();
  });
});
