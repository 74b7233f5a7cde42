import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { CSP_META } from './src/ui/shell/contentSecurityPolicy.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // A relative base makes the build work from the root or any sub-path of any static host.
  base: './',
  plugins: [svelte(), markdown(), contentSecurityPolicy(), offline()],
  resolve: {
    alias: {
      '@sim': here('./src/sim'),
      '@runtime': here('./src/runtime'),
      '@lab': here('./src/lab'),
      '@ui': here('./src/ui'),
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
  },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'labs/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // One test file per core. Vitest's default leaves a core free for itself, which on CI's two
    // cores runs every file one after another; its own work between files is small.
    maxWorkers: availableParallelism(),
  },
});

/**
 * The built site's Content-Security-Policy as a meta tag, at the top of <head> so it covers every
 * script and stylesheet. Build only: the dev server injects CSS as <style> elements.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'edge-lab-csp',
    apply: 'build',
    transformIndexHtml(html) {
      // Straight after the charset, which must come first, and before any script or style.
      const charset = /<meta charset="UTF-8" \/>/;
      if (!charset.test(html)) throw new Error('index.html lost its <meta charset="UTF-8" />');
      const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`;
      return html.replace(charset, (m) => `${m}\n    ${meta}`);
    },
  };
}

/**
 * Offline after the first visit: a service worker precaches the whole build (workers, map data
 * and all). A new version waits until the student agrees to reload (src/ui/shell/UpdatePrompt),
 * never swapping mid-lab. We register it ourselves (src/ui/shell/serviceWorker.svelte.ts): an
 * injected inline script would break the CSP. Paths stay relative, so any sub-path works.
 */
function offline() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: null,
    manifest: {
      name: 'Edge Lab',
      short_name: 'Edge Lab',
      description:
        'Learn how content delivery networks really work, by running one in your browser.',
      theme_color: '#fafafa',
      background_color: '#fafafa',
      icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,webmanifest,json,png,woff2}'],
      // cytoscape's chunk is under 1 MB today; leave room so a growing chunk is not silently
      // left out of the precache (the build warns when one is).
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      // The site is one page whatever its query (`?embed`, a course platform's own parameters):
      // the hash picks what it shows.
      ignoreURLParametersMatching: [/./],
      // No fallback for other addresses: at the root of a domain, the worker's scope also covers
      // other sites' sub-paths (GitHub Pages project sites under a user site), which it must
      // not answer with Edge Lab's page.
      navigateFallback: null,
    },
  });
}

/**
 * `import prose from './content/step.md'` gives the step's prose as an HTML string, compiled
 * here at build time (and in vitest, which reads this file), so no Markdown parser ships. The
 * prose is our own writing, so it is not sanitised.
 */
function markdown(): Plugin {
  return {
    name: 'edge-lab-markdown',
    enforce: 'pre',
    load(id) {
      const file = id.split('?')[0];
      if (!file.endsWith('.md')) return null;
      this.addWatchFile(file);
      const html = marked.parse(readFileSync(file, 'utf8'), { async: false });
      return `export default ${JSON.stringify(html)};`;
    },
  };
}
