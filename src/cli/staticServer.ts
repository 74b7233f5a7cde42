/**
 * A tiny static file server for end-to-end tests and the browser benchmark: serves `dist/` under a sub-path, as a
 * student's university web space or GitHub Pages would, with no server features at all.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** The text types a static host compresses (GitHub Pages, Netlify and Apache's defaults do). */
const COMPRESSED = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest']);

export interface ServeOptions {
  /**
   * gzip text files for a client that accepts it, as the hosts the site is meant for do. The
   * Lighthouse audit asks for it: its slow phone's throughput makes uncompressed bytes, which no
   * student would download, the largest part of a page's load time.
   */
  gzip?: boolean;
}

export async function serveStatic(
  root: string,
  basePath: string,
  { gzip = false }: ServeOptions = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (!path.startsWith(basePath)) {
      res.writeHead(404).end();
      return;
    }
    let rel = normalize(path.slice(basePath.length)).replace(/^(\.\.[/\\])+/, '');
    if (rel === '.' || rel === '' || rel.endsWith('/')) rel = join(rel, 'index.html');
    try {
      const body = await readFile(join(root, rel));
      const type = TYPES[extname(rel)] ?? 'application/octet-stream';
      const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (gzip && accepts && COMPRESSED.has(extname(rel)))
        res
          .writeHead(200, {
            'content-type': type,
            'content-encoding': 'gzip',
            vary: 'accept-encoding',
          })
          .end(gzipSync(body));
      else res.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
